"""Hidden graders for ai4med-c1w1 (chest X-ray findings: leakage, class frequencies, weighted loss).

Oracles: pandas/numpy sets and means for the leakage check and the class frequencies; a direct
torch computation of the course's weighted loss (per class the mean over the batch, summed over
the classes), cross-checked against torch.nn.functional.binary_cross_entropy with element
weights, and its gradient written out by hand; scikit-learn's roc_auc_score for the held-out
AUROC of the trained head. Studies come from the shared generator
autograde.datasets.xray_findings, drawn from each test's seeded rng.
"""

import copy

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn.functional as F
from sklearn.metrics import roc_auc_score
from torch import nn

from autograde.checks import (
    assert_array_close, assert_close, check, expect_array, expect_bool, expect_tuple, fail,
)
from autograde.datasets.xray_findings import FINDINGS, chest_xray_findings, split_by_patient, split_by_row

RARE = ("Edema", "Pneumonia")


# --- helpers ----------------------------------------------------------------------------------


def expect_python_bool(value, *, name):
    """Exactly a Python bool: the course's contract (a numpy.bool_ or an array is not accepted)."""
    if type(value) is not bool:
        kind = type(value)
        shown = kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
        fail(f"{name} should be a Python bool (True or False), got {shown}; wrap it in bool(...) if needed")
    return value


def expect_scalar_tensor(value, *, name, finite=True):
    """A 0-d floating torch tensor → its value as a trusted Python float."""
    if type(value) is not torch.Tensor:
        fail(f"{name} should be a torch tensor (computed with torch operations), got {type(value).__name__}")
    if value.dim() != 0:
        fail(f"{name} should be a 0-dimensional tensor (one number), got shape {tuple(value.shape)}")
    if not value.dtype.is_floating_point:
        fail(f"{name} should be a floating tensor, got dtype {value.dtype}")
    number = float(value.detach())
    if number != number:
        fail(f"{name} is NaN: with p exactly 0 or 1, 0 * log(0) gives NaN; add epsilon inside both logs")
    if finite and abs(number) == float("inf"):
        fail(f"{name} is infinite: a prediction of exactly 0 or 1 reaches log(0); add epsilon inside both logs")
    return number


def oracle_terms(y, p, w_pos, w_neg, epsilon):
    """The course's per-example, per-class loss terms, float64 torch."""
    y, p = torch.as_tensor(y, dtype=torch.float64), torch.as_tensor(p, dtype=torch.float64)
    w_pos, w_neg = torch.as_tensor(w_pos, dtype=torch.float64), torch.as_tensor(w_neg, dtype=torch.float64)
    return -(w_pos * y * torch.log(p + epsilon) + w_neg * (1 - y) * torch.log(1 - p + epsilon))


def oracle_loss(y, p, w_pos, w_neg, epsilon=1e-7):
    """Per class the mean over the batch, then the sum over the classes."""
    return float(oracle_terms(y, p, w_pos, w_neg, epsilon).mean(dim=0).sum())


def wrong_losses(y, p, w_pos, w_neg, epsilon=1e-7):
    """What common mistakes give, with the learner-facing explanation."""
    terms = oracle_terms(y, p, w_pos, w_neg, epsilon)
    return [
        (float(oracle_terms(y, p, w_neg, w_pos, epsilon).mean(dim=0).sum()),
         "pos_weights and neg_weights are swapped: w_pos multiplies the y * log(p) term of the positive examples"),
        (float(terms.sum()), "the loss is summed over the batch: take the MEAN over the examples of each class"),
        (float(terms.mean()), "the loss is averaged over the classes too: SUM the per-class means over the classes"),
    ]


def labels_and_predictions(rng, n, c, prevalence=(0.05, 0.4)):
    y = (rng.random((n, c)) < rng.uniform(*prevalence, size=c)).astype(np.float64)
    y[0], y[1] = 1.0, 0.0  # every class has both labels
    p = 1.0 / (1.0 + np.exp(-(1.5 * (2 * y - 1) + rng.normal(0.0, 1.5, size=(n, c)))))
    return y, p


def learner_loss(get_weighted_loss, w_pos, w_neg, y, p, dtype=torch.float64, **kwargs):
    """Call the learner's loss on fresh copies; returns (result, y tensor, p tensor)."""
    loss = get_weighted_loss(np.array(w_pos, dtype=float), np.array(w_neg, dtype=float), **kwargs)
    check(callable(loss), "get_weighted_loss should return a function loss(y_true, y_pred)")
    y_t, p_t = torch.tensor(y, dtype=dtype), torch.tensor(p, dtype=dtype)
    return loss(y_t, p_t), y_t, p_t


def study(rng, n_patients):
    """A hidden study: the table and the features."""
    return chest_xray_findings(n_patients, rng=rng)


def oracle_leak(df1, df2, col):
    return bool(set(df1[col]) & set(df2[col]))


def trusted_head(n_features, n_classes, seed):
    """The grader's own head (linear + sigmoid), so the training tests depend on train_head only."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(n_features, n_classes), nn.Sigmoid())


def held_out_study(rng):
    """About 3000 training images and 3000 test images from disjoint patients."""
    table, features = study(rng, 3000)
    train, test = split_by_patient(table, 0.5, seed=int(rng.integers(1_000_000)))
    assert not oracle_leak(train, test, "PatientId"), "grader invariant: patient split"
    y_train, y_test = train[list(FINDINGS)].to_numpy(), test[list(FINDINGS)].to_numpy()
    return features[train.index.to_numpy()], y_train, features[test.index.to_numpy()], y_test


def balanced_weights(y_train):
    """pos_weights = negative frequencies, neg_weights = positive frequencies (trusted numpy)."""
    freq_pos = y_train.mean(axis=0)
    return 1.0 - freq_pos, freq_pos


def predict(model, x):
    with torch.no_grad():
        out = model(torch.as_tensor(x, dtype=torch.float32))
    check(isinstance(out, torch.Tensor), "the trained model should return a torch tensor of probabilities")
    return expect_array(out.detach().numpy().astype(np.float64), name="the trained model's predictions",
                        shape=(len(x), len(FINDINGS)))


def training_set(submission, reference, rng, n, seed=None):
    """What the train_head tests start from: the reference loss in the learner's module, n studies'
    features and labels, balanced weights and a fresh trusted head (seeded by ``seed`` or by rng)."""
    use_reference_loss(submission, reference)
    table, features = study(rng, n)
    y = table[list(FINDINGS)].to_numpy()
    w_pos, w_neg = balanced_weights(y)
    head = trusted_head(features.shape[1], len(FINDINGS), seed=int(rng.integers(1000)) if seed is None else seed)
    return features, y, w_pos, w_neg, head


def use_reference_loss(submission, reference):
    """Make the learner's train_head call the REFERENCE get_weighted_loss: these tests grade the training
    loop alone (the loss has its own tests). The patch lives in this test's forked child only."""
    module = submission.module("chest_xray_classifier")
    if hasattr(module, "get_weighted_loss"):
        module.get_weighted_loss = reference.get("get_weighted_loss")


def trained(train_head, x, y, w_pos, w_neg, seed=0, **kwargs):
    model = trusted_head(x.shape[1], y.shape[1], seed)
    result = train_head(model, x.copy(), y.copy(), np.array(w_pos, dtype=float), np.array(w_neg, dtype=float), **kwargs)
    check(result is model, "train_head should return the model it was given (trained in place)")
    return model


# --- check_for_leakage ----------------------------------------------------------------------------


@pytest.mark.grade(1, "Return a plain Python bool: bool(...) around a numpy result, or len(set1 & set2) > 0.", uses=["check_for_leakage"])
def test_leakage_returns_python_bool(check_for_leakage, rng):
    table, _ = study(rng, 150)
    for train, test in (split_by_row(table, seed=1), split_by_patient(table, seed=2)):
        expect_python_bool(check_for_leakage(train.copy(), test.copy(), "PatientId"), name="check_for_leakage(...)")


@pytest.mark.grade(2, "Compare the sets of patient ids in df1[patient_col] and df2[patient_col]; one shared patient is enough.", uses=["check_for_leakage"])
def test_leakage_detects_shared_patients(check_for_leakage, rng):
    table, _ = study(rng, 300)
    train, test = split_by_row(table, seed=int(rng.integers(1000)))
    assert oracle_leak(train, test, "PatientId"), "grader invariant: a row split leaks"
    original = (train.copy(), test.copy())
    got = expect_bool(check_for_leakage(train, test, "PatientId"), name="check_for_leakage of a split by image")
    check(got, "images of the same patient are on both sides of a split by image, but check_for_leakage says no leakage")
    check(train.equals(original[0]) and test.equals(original[1]), "check_for_leakage changed the frames it was given")

    # a split by patient plus ONE image of one test patient added to the training frame (under a new row label)
    train, test = split_by_patient(table, seed=int(rng.integers(1000)))
    one_image = test.iloc[[int(rng.integers(len(test)))]].set_axis([10**9])
    train = pd.concat([train, one_image]).sample(frac=1.0, random_state=int(rng.integers(1000)))
    assert oracle_leak(train, test, "PatientId") and not set(train.index) & set(test.index), "grader invariant"
    got = expect_bool(check_for_leakage(train, test, "PatientId"), name="check_for_leakage")
    check(got, "one patient has an image in both frames (the row labels differ), but check_for_leakage says no leakage")
    got = expect_bool(check_for_leakage(test, train, "PatientId"), name="check_for_leakage with the frames swapped")
    check(got, "with the two frames swapped, the shared patient is missed")


@pytest.mark.grade(2, "Use the patient-id column, not the row index: two frames can both be numbered 0, 1, 2, ... without sharing a patient.", uses=["check_for_leakage"])
def test_leakage_clean_split_with_overlapping_index(check_for_leakage, rng):
    table, _ = study(rng, 300)
    train, test = split_by_patient(table, seed=int(rng.integers(1000)))
    got = expect_bool(check_for_leakage(train, test, "PatientId"), name="check_for_leakage of a split by patient")
    check(not got, "no patient is in both frames of a split by patient, but check_for_leakage reports leakage")
    train, test = train.reset_index(drop=True), test.reset_index(drop=True)  # both numbered 0, 1, 2, ...
    got = expect_bool(check_for_leakage(train, test, "PatientId"), name="check_for_leakage")
    check(not got, "the two frames share row numbers but no patient, and check_for_leakage reports leakage: "
                   "compare the patient ids, not the index")
    got = expect_bool(check_for_leakage(test, train.iloc[:0], "PatientId"), name="check_for_leakage with an empty frame")
    check(not got, "an empty frame cannot share a patient with anything")


@pytest.mark.grade(1, "Use the column named by patient_col (it is not always \"PatientId\"); ids may be strings.", uses=["check_for_leakage"])
def test_leakage_uses_the_patient_col_argument(check_for_leakage, rng):
    n = 12
    mrn = [f"MRN{k:06d}" for k in rng.choice(10**6, size=2 * n, replace=False)]
    shared_ids = rng.integers(1000, 2000, size=n)  # a misleading column that overlaps between the frames
    df1 = pd.DataFrame({"PatientId": shared_ids, "mrn": mrn[:n], "Effusion": rng.integers(0, 2, n)})
    df2 = pd.DataFrame({"PatientId": shared_ids[::-1], "mrn": mrn[n:], "Effusion": rng.integers(0, 2, n)},
                       index=np.arange(n) + 500)
    got = expect_bool(check_for_leakage(df1, df2, "mrn"), name='check_for_leakage(..., "mrn")')
    check(not got, 'with patient_col="mrn" the frames share no patient, but check_for_leakage reports leakage')
    df2.loc[df2.index[int(rng.integers(n))], "mrn"] = mrn[int(rng.integers(n))]
    got = expect_bool(check_for_leakage(df1, df2, "mrn"), name='check_for_leakage(..., "mrn")')
    check(got, 'one "mrn" occurs in both frames, but check_for_leakage says no leakage')


# --- compute_class_freqs --------------------------------------------------------------------------


def learner_freqs(compute_class_freqs, labels):
    n, c = labels.shape
    given = labels.copy()
    result = expect_tuple(compute_class_freqs(given), name="compute_class_freqs(labels)", length=2)
    check(np.array_equal(given, labels), "compute_class_freqs changed the labels it was given")
    out = []
    for value, what in zip(result, ("positive_frequencies", "negative_frequencies")):
        if type(value) is np.ndarray and value.shape == (n,) and n != c:
            fail(f"{what} has one entry per example (shape ({n},)): average over the examples (axis 0), one value per class")
        out.append(expect_array(value, name=what, shape=(c,), kind="f"))
    return out


@pytest.mark.grade(1, "Return a tuple (positive_frequencies, negative_frequencies) of two float arrays with one entry per class.", uses=["compute_class_freqs"])
def test_class_freqs_types_and_shape(compute_class_freqs, rng):
    for n, c in ((50, 4), (7, 14), (3, 1)):
        labels = (rng.random((n, c)) < 0.3).astype(int)
        learner_freqs(compute_class_freqs, labels)


@pytest.mark.grade(2, "positive_frequencies[c] = fraction of the N examples with labels[:, c] == 1: the mean down axis 0.", uses=["compute_class_freqs"])
def test_class_freqs_values(compute_class_freqs, rng):
    table, _ = study(rng, 400)
    cases = [table[list(FINDINGS)].to_numpy()]  # int labels of the study
    cases.append((rng.random((60, 14)) < rng.uniform(0.01, 0.5, 14)).astype(np.float32))  # 14 findings, as in the course
    cases.append(rng.random((5, 5)) < 0.5)  # square and bool: the wrong axis cannot hide behind the shape
    cases[-1][:, 0] = [True, False, False, False, False]
    for labels in cases:
        pos, neg = learner_freqs(compute_class_freqs, labels)
        expected = pd.DataFrame(labels.astype(float)).mean(axis=0).to_numpy()
        if not np.allclose(pos, expected, rtol=1e-6, atol=1e-9):
            if labels.shape[0] == labels.shape[1] and np.allclose(pos, labels.astype(float).mean(axis=1)):
                fail("positive_frequencies are averaged over the classes of each example: average over the examples (axis 0)")
            if np.allclose(pos, labels.astype(float).sum(axis=0)):
                fail("positive_frequencies are counts: divide by the number of examples N")
        assert_array_close(pos, expected, name=f"positive_frequencies of {labels.shape} labels", rtol=1e-6, atol=1e-9)
        assert_array_close(neg, 1.0 - expected, name=f"negative_frequencies of {labels.shape} labels", rtol=1e-6, atol=1e-9)


@pytest.mark.grade(1, "negative_frequencies = 1 - positive_frequencies; a finding never seen has frequencies 0 and 1.", uses=["compute_class_freqs"])
def test_class_freqs_rare_and_absent_findings(compute_class_freqs, rng):
    labels = np.zeros((200, 4), dtype=int)
    labels[rng.choice(200, size=3, replace=False), 1] = 1  # 1.5 %, like pneumonia
    labels[:, 2] = 1  # every image
    pos, neg = learner_freqs(compute_class_freqs, labels)
    assert_array_close(pos, [0.0, 0.015, 1.0, 0.0], name="positive_frequencies", rtol=1e-9, atol=1e-12)
    assert_array_close(neg, [1.0, 0.985, 0.0, 1.0], name="negative_frequencies", rtol=1e-9, atol=1e-12)


# --- get_weighted_loss ----------------------------------------------------------------------------


@pytest.mark.grade(1, "loss(y_true, y_pred) returns a 0-d torch tensor: per class the mean over the batch, summed over the classes.", verify=False, uses=["get_weighted_loss"])
@pytest.mark.parametrize("w_pos, w_neg", [([2 / 3, 2 / 3], [1 / 3, 1 / 3]), ([0.9, 0.25], [0.1, 0.75])],
                         ids=["same-weights-per-class", "weights-differ-per-class"])
def test_weighted_loss_small_example(get_weighted_loss, w_pos, w_neg):
    y = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    p = np.array([[0.9, 0.2], [0.3, 0.6], [0.1, 0.4]])
    result, _, _ = learner_loss(get_weighted_loss, w_pos, w_neg, y, p)
    got = expect_scalar_tensor(result, name="the loss of the docstring's 3 x 2 batch")
    assert_close(got, oracle_loss(y, p, w_pos, w_neg), name="the loss of the docstring's 3 x 2 batch", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(3, "-(w_pos[c] * y * log(p + eps) + w_neg[c] * (1 - y) * log(1 - p + eps)): mean over the batch, sum over classes.", verify=False, uses=["get_weighted_loss"])
def test_weighted_loss_matches_torch(get_weighted_loss, rng):
    for n, c in ((64, 4), (9, 14), (200, 1), (33, 3)):
        y, p = labels_and_predictions(rng, n, c)
        w_neg = y.mean(axis=0) * rng.uniform(0.5, 1.5, c)
        w_pos = rng.uniform(0.2, 3.0, c)
        result, _, _ = learner_loss(get_weighted_loss, w_pos, w_neg, y, p)
        name = f"the loss of a batch of {n} examples x {c} classes"
        got = expect_scalar_tensor(result, name=name)
        expected = oracle_loss(y, p, w_pos, w_neg)
        # the same number from torch's own cross-entropy with one weight per element (epsilon = 0)
        weights = torch.as_tensor(y * w_pos + (1 - y) * w_neg)
        bce = F.binary_cross_entropy(torch.as_tensor(p), torch.as_tensor(y), weight=weights, reduction="none")
        assert abs(float(bce.mean(dim=0).sum()) - expected) < 1e-5 * (1 + expected), "grader invariant: oracle = torch BCE"
        if abs(got - expected) > 1e-7 * (1 + abs(expected)):
            for wrong, message in wrong_losses(y, p, w_pos, w_neg):
                if abs(got - wrong) <= 1e-7 * (1 + abs(wrong)):
                    fail(f"{name}: {message}")
        assert_close(got, expected, name=name, rtol=1e-7, atol=1e-10)


@pytest.mark.grade(2, "Mean over the examples: repeating the batch twice must not change the loss; each class adds its own term.", verify=False, uses=["get_weighted_loss"])
def test_weighted_loss_reduction(get_weighted_loss, rng):
    y, p = labels_and_predictions(rng, 40, 3)
    w_pos, w_neg = rng.uniform(0.5, 1.0, 3), rng.uniform(0.05, 0.5, 3)
    once = expect_scalar_tensor(learner_loss(get_weighted_loss, w_pos, w_neg, y, p)[0], name="the loss of a batch")
    twice = expect_scalar_tensor(
        learner_loss(get_weighted_loss, w_pos, w_neg, np.vstack([y, y]), np.vstack([p, p]))[0],
        name="the loss of the same batch repeated twice",
    )
    check(abs(twice - 2 * once) > 1e-6 * abs(once), "the loss doubles when the batch is repeated: take the MEAN over the examples, not the sum")
    assert_close(twice, once, name="the loss of a batch repeated twice (it should equal the loss of the batch)", rtol=1e-9, atol=1e-12)
    doubled = expect_scalar_tensor(
        learner_loss(get_weighted_loss, np.tile(w_pos, 2), np.tile(w_neg, 2), np.hstack([y, y]), np.hstack([p, p]))[0],
        name="the loss with every class listed twice",
    )
    check(abs(doubled - once) > 1e-6 * abs(once), "listing every class twice leaves the loss unchanged: SUM the per-class terms, do not average over classes")
    assert_close(doubled, 2 * once, name="the loss with every class listed twice (it should double)", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "pos_weights weigh the positive examples (y = 1), neg_weights the negative ones (y = 0): do not swap them.", verify=False, uses=["get_weighted_loss"])
def test_weighted_loss_weight_roles(get_weighted_loss, rng):
    n, c = 30, 4
    p = rng.uniform(0.05, 0.95, size=(n, c))
    for y, role in ((np.ones((n, c)), "positive"), (np.zeros((n, c)), "negative")):
        w_a, w_b = rng.uniform(0.5, 2.0, c), rng.uniform(0.01, 0.2, c)
        for w_pos, w_neg in ((w_a, w_b), (w_b, w_a)):
            got = expect_scalar_tensor(learner_loss(get_weighted_loss, w_pos, w_neg, y, p)[0],
                                       name=f"the loss of a batch of {role} examples only")
            if abs(got - oracle_loss(y, p, w_neg, w_pos)) < 1e-9:
                fail(f"on a batch of {role} examples only, the loss uses the other weights: pos_weights and neg_weights are swapped")
            assert_close(got, oracle_loss(y, p, w_pos, w_neg), name=f"the loss of a batch of {role} examples only",
                         rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "epsilon defaults to 1e-7 and goes inside both logs: log(p + eps) and log(1 - p + eps), so p = 0 or 1 stays finite.", verify=False, uses=["get_weighted_loss"])
def test_weighted_loss_default_epsilon(get_weighted_loss, rng):
    y, p = labels_and_predictions(rng, 20, 3)
    p[:3] = 1.0 - y[:3]  # confidently wrong: p = 0 where y = 1 and p = 1 where y = 0
    p[3:6] = y[3:6]  # confidently right
    w_pos, w_neg = rng.uniform(0.5, 1.0, 3), rng.uniform(0.05, 0.5, 3)
    got = expect_scalar_tensor(learner_loss(get_weighted_loss, w_pos, w_neg, y, p)[0],
                               name="the loss with predictions of exactly 0 and 1 (default epsilon)")
    assert_close(got, oracle_loss(y, p, w_pos, w_neg, 1e-7),
                 name="the loss with predictions of exactly 0 and 1 (default epsilon)", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "Use the epsilon argument you were given, not a fixed 1e-7: get_weighted_loss(w_pos, w_neg, epsilon=0.1) must use 0.1.", verify=False, uses=["get_weighted_loss"])
def test_weighted_loss_uses_epsilon_argument(get_weighted_loss, rng):
    for epsilon in (0.1, 1e-3, 1e-12):
        y, p = labels_and_predictions(rng, 25, 4)
        p[:4] = 1.0 - y[:4]
        w_pos, w_neg = rng.uniform(0.5, 1.0, 4), rng.uniform(0.05, 0.5, 4)
        name = f"the loss with epsilon={epsilon:g} and predictions of exactly 0 and 1"
        got = expect_scalar_tensor(learner_loss(get_weighted_loss, w_pos, w_neg, y, p, epsilon=epsilon)[0], name=name)
        if abs(got - oracle_loss(y, p, w_pos, w_neg, 1e-7)) < 1e-9 * (1 + abs(got)):
            fail(f"{name}: the loss used epsilon = 1e-7 instead of the epsilon argument")
        assert_close(got, oracle_loss(y, p, w_pos, w_neg, epsilon), name=name, rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "Compute the loss with torch operations (torch.log, torch.mean) so that loss.backward() reaches y_pred; no numpy inside.", verify=False, uses=["get_weighted_loss"])
def test_weighted_loss_gradient(get_weighted_loss, rng):
    for n, c, epsilon in ((16, 4, 1e-7), (50, 2, 0.01)):
        y, p = labels_and_predictions(rng, n, c)
        w_pos, w_neg = rng.uniform(0.5, 1.0, c), rng.uniform(0.05, 0.5, c)
        loss = get_weighted_loss(w_pos.copy(), w_neg.copy(), epsilon=epsilon)
        y_t = torch.tensor(y)
        p_t = torch.tensor(p, requires_grad=True)
        result = loss(y_t, p_t)
        expect_scalar_tensor(result, name="the loss")
        if not result.requires_grad or result.grad_fn is None:
            fail("the loss is not connected to y_pred (no grad_fn): it was computed outside torch (numpy, float(), .item() or .detach())")
        result.backward()
        check(p_t.grad is not None, "loss.backward() did not reach y_pred")
        expected = -(w_pos * y / (p + epsilon) - w_neg * (1 - y) / (1 - p + epsilon)) / n  # d loss / d y_pred
        assert_array_close(p_t.grad.numpy(), expected, name=f"the gradient of the loss with respect to y_pred ({n} x {c})",
                           rtol=1e-7, atol=1e-10)
        check(torch.equal(p_t.detach(), torch.tensor(p)) and torch.equal(y_t, torch.tensor(y)), "the loss changed y_true or y_pred")


@pytest.mark.grade(1, "The loss must work on float32 tensors from a model (weights given as numpy float64 arrays) and stay finite.", verify=False, uses=["get_weighted_loss"])
def test_weighted_loss_float32_model_output(get_weighted_loss, rng):
    y, p = labels_and_predictions(rng, 128, 4, prevalence=(0.01, 0.12))
    w_neg = y.mean(axis=0)
    w_pos = 1.0 - w_neg
    result, _, _ = learner_loss(get_weighted_loss, w_pos, w_neg, y, p, dtype=torch.float32)
    got = expect_scalar_tensor(result, name="the loss of float32 tensors")
    assert_close(got, oracle_loss(y.astype(np.float32), p.astype(np.float32), w_pos, w_neg),
                 name="the loss of float32 tensors", rtol=1e-5, atol=1e-7)


# --- the classifier head and its training ---------------------------------------------------------


@pytest.mark.grade(2, "nn.Sequential(nn.Linear(n_features, n_classes), nn.Sigmoid()): one linear layer, one probability per class.", verify=False, uses=["build_classifier_head"])
def test_classifier_head_is_linear_then_sigmoid(build_classifier_head, rng):
    for n_features, n_classes in ((32, 4), (1024, 14), (5, 1)):
        torch.manual_seed(int(rng.integers(1000)))
        head = build_classifier_head(n_features, n_classes)
        name = f"build_classifier_head({n_features}, {n_classes})"
        check(isinstance(head, nn.Module), f"{name} should return a torch nn.Module, got {type(head).__name__}")
        linears = [m for m in head.modules() if isinstance(m, nn.Linear)]
        check(len(linears) == 1, f"{name} should contain exactly one nn.Linear layer, found {len(linears)}")
        linear = linears[0]
        check(linear.in_features == n_features and linear.out_features == n_classes,
              f"{name}: the linear layer should map {n_features} features to {n_classes} classes")
        params = [q for q in head.parameters() if q.requires_grad]
        check(sum(q.numel() for q in params) == n_features * n_classes + n_classes,
              f"{name} should have exactly the linear layer's weights and biases as trainable parameters")
        x = torch.as_tensor(rng.normal(0.0, 2.0, size=(7, n_features)), dtype=torch.float32)
        with torch.no_grad():
            out = head(x)
            expected = torch.sigmoid(linear(x)).numpy().astype(np.float64)
        check(isinstance(out, torch.Tensor), f"{name} should output a torch tensor")
        array = out.detach().numpy().astype(np.float64)
        if array.shape == expected.shape and np.allclose(array, torch.logit(torch.as_tensor(expected)).numpy(), atol=1e-5):
            fail(f"{name} outputs logits: add a sigmoid so that each class gets a probability")
        if n_classes > 1 and array.shape == expected.shape and np.allclose(array.sum(axis=1), 1.0, atol=1e-5):
            fail(f"{name}: the probabilities of each image sum to 1 (softmax); the findings are not exclusive, use a sigmoid per class")
        assert_array_close(array, expected, name=f"the output of {name} for 7 images", rtol=1e-5, atol=1e-6)


@pytest.mark.grade(1, "Seed the shuffling with torch.Generator().manual_seed(seed): same seed, same trained weights; return the model.", timeout=20, verify=False, uses=["train_head"])
def test_train_head_is_reproducible(train_head, submission, reference, rng):
    features, y, w_pos, w_neg, start = training_set(submission, reference, rng, 300, seed=5)
    runs = []
    for seed in (3, 3, 4):
        model = copy.deepcopy(start)
        result = train_head(model, features.copy(), y.copy(), w_pos.copy(), w_neg.copy(), epochs=3, seed=seed)
        check(result is model, "train_head should return the model it was given (trained in place)")
        runs.append([q.detach().clone() for q in model.parameters()])
    check(any(not torch.equal(a, b) for a, b in zip(runs[0], start.parameters())), "train_head did not change the model's weights")
    check(all(torch.equal(a, b) for a, b in zip(runs[0], runs[1])),
          "two runs with the same seed from the same starting weights gave different weights: seed the shuffling")
    check(any(not torch.equal(a, b) for a, b in zip(runs[0], runs[2])),
          "seed 3 and seed 4 gave the same weights: the seed should set the order of the shuffled batches")


@pytest.mark.grade(2, "Follow the recipe exactly: Adam(lr), zero_grad / backward / step on EVERY batch of every epoch, defaults 20 epochs, lr 0.01, batches of 256.", timeout=20, verify=False, uses=["train_head"])
def test_train_head_follows_the_recipe(train_head, submission, reference, rng):
    features, y, w_pos, w_neg, start = training_set(submission, reference, rng, 400)
    for kwargs in ({}, {"epochs": 4, "lr": 0.003, "seed": 11, "batch_size": 50}):
        expected = reference.get("train_head")(copy.deepcopy(start), features.copy(), y.copy(), w_pos.copy(), w_neg.copy(), **kwargs)
        model = copy.deepcopy(start)
        result = train_head(model, features.copy(), y.copy(), w_pos.copy(), w_neg.copy(), **kwargs)
        check(result is model, "train_head should return the model it was given (trained in place)")
        shown = ", ".join(f"{k}={v}" for k, v in kwargs.items()) or "the default arguments"
        for got, want in zip(model.parameters(), expected.parameters()):
            what = "weights" if got.dim() == 2 else "biases"
            assert_array_close(got.detach().numpy(), want.detach().numpy(),
                               name=f"the linear layer's trained {what} (with {shown})", rtol=0, atol=1e-4)


@pytest.mark.grade(1, "First convert features and labels to float32 tensors (dtype=torch.float32): float64 features and bool labels must train too.", timeout=20, verify=False, uses=["train_head"])
def test_train_head_converts_inputs_to_float32(train_head, submission, reference, rng):
    features, y, w_pos, w_neg, start = training_set(submission, reference, rng, 300)
    expected = reference.get("train_head")(copy.deepcopy(start), features.copy(), y.copy(), w_pos.copy(), w_neg.copy(), epochs=3)
    for x, labels, what in ((features.astype(np.float64), y.copy(), "float64 features"),
                            (features.copy(), y.astype(bool), "bool labels")):
        model = copy.deepcopy(start)
        result = train_head(model, x, labels, w_pos.copy(), w_neg.copy(), epochs=3)
        check(result is model, "train_head should return the model it was given (trained in place)")
        for got, want in zip(model.parameters(), expected.parameters()):
            assert_array_close(got.detach().numpy(), want.detach().numpy(),
                               name=f"the weights trained on {what} (3 epochs)", rtol=0, atol=1e-4)


@pytest.mark.grade(1, "The recipe ends with model.eval(): return the trained model switched to evaluation mode.", timeout=20, verify=False, uses=["train_head"])
def test_train_head_ends_in_eval_mode(train_head, submission, reference, rng):
    features, y, w_pos, w_neg, model = training_set(submission, reference, rng, 200)
    start = [q.detach().clone() for q in model.parameters()]
    result = train_head(model, features.copy(), y.copy(), w_pos.copy(), w_neg.copy(), epochs=2)
    check(result is model, "train_head should return the model it was given (trained in place)")
    check(any(not torch.equal(a, b) for a, b in zip(model.parameters(), start)), "train_head did not change the model's weights")
    check(not model.training, "the trained model is still in training mode: call model.eval() before returning it")


@pytest.mark.grade(3, "Train with the weighted loss as the recipe says (Adam, lr, epochs, shuffled batches); each finding needs a held-out AUROC >= 0.85.", timeout=30, verify=False, uses=["train_head"])
def test_train_head_held_out_auroc(train_head, submission, reference, rng):
    use_reference_loss(submission, reference)
    x_train, y_train, x_test, y_test = held_out_study(rng)
    w_pos, w_neg = balanced_weights(y_train)
    model = trained(train_head, x_train, y_train, w_pos, w_neg)
    risk = predict(model, x_test)
    for c, finding in enumerate(FINDINGS):
        auroc = roc_auc_score(y_test[:, c], risk[:, c])
        check(bool(auroc >= 0.85), f"the held-out AUROC for {finding} is {auroc:.3f}, below 0.85: is the head trained "
                                   "with the weighted loss, on every batch, for all epochs?")


@pytest.mark.grade(3, "With pos_weights = negative frequencies the rare findings are no longer ignored: train_head must pass the weights to your loss.", timeout=30, verify=False, uses=["train_head"])
def test_train_head_weighted_loss_lifts_rare_recall(train_head, submission, reference, rng):
    use_reference_loss(submission, reference)
    x_train, y_train, x_test, y_test = held_out_study(rng)
    w_pos, w_neg = balanced_weights(y_train)
    weighted = predict(trained(train_head, x_train, y_train, w_pos, w_neg), x_test)
    plain = predict(trained(train_head, x_train, y_train, np.ones(4), np.ones(4)), x_test)
    for finding in RARE:
        c = FINDINGS.index(finding)
        cases = y_test[:, c] == 1
        recall_weighted = float(np.mean(weighted[cases, c] >= 0.5))
        recall_plain = float(np.mean(plain[cases, c] >= 0.5))
        check(recall_weighted >= 0.6, f"with the balancing weights only {recall_weighted:.0%} of held-out {finding} cases "
                                      "get a probability >= 0.5; the weighted loss should catch most of them")
        check(recall_weighted - recall_plain >= 0.4,
              f"the balancing weights barely change the recall for {finding} ({recall_plain:.0%} unweighted, "
              f"{recall_weighted:.0%} weighted): train_head should use get_weighted_loss(pos_weights, neg_weights)")
