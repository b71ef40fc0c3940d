"""Hidden graders for ai4med-c1w2 (evaluating a chest X-ray classifier).

Oracles: scikit-learn's confusion_matrix, accuracy_score, recall_score / precision_score (with
zero_division=np.nan: NaN marks a zero denominator), roc_curve (drop_intermediate=False),
roc_auc_score, auc and sklearn.calibration.calibration_curve (strategy="uniform"); numpy for the
rest. Every oracle applies the contract's rule "predicted positive when pred >= th" explicitly.
Where a metric's denominator is 0 the course leaves it undefined: its numpy code gives nan, the
same division of Python ints raises ZeroDivisionError, and both are accepted (a number is not).
bootstrap_auc draws from numpy's global random state, as the course's DataFrame.sample does: every
test seeds it with np.random.seed before the call. It is checked by properties any correct
implementation has (shape, seeding, replacement, stratified sample sizes, centre) and, for the
exact draw order the docstring states, against the reference solution under the same seed.
"""

import itertools

import numpy as np
import pytest
from sklearn.calibration import calibration_curve
from sklearn.metrics import accuracy_score, auc, confusion_matrix, precision_score, recall_score, roc_auc_score, roc_curve

from autograde.checks import (
    assert_array_close, assert_close, call_checked, check, expect_array, expect_number, expect_raises, expect_tuple,
    expect_type, expect_undefined, fail,
)

# The course leaves a metric whose denominator is 0 undefined: nan (its numpy code) or ZeroDivisionError
# (the same division of Python ints) both pass, a number does not.
ZERO_DENOMINATOR = "its denominator is 0"
from autograde.datasets.screening import chest_xray_screening

COUNTS = ("true_positives", "true_negatives", "false_positives", "false_negatives")
METRICS = ("get_accuracy", "get_sensitivity", "get_specificity", "get_ppv", "get_npv")


# --- hidden data ------------------------------------------------------------------------------


def finding(rng, n, column=None):
    """One finding of a hidden synthetic test set: (y, pred), labels int 0/1 and 3-decimal probabilities."""
    y, pred, _ = chest_xray_screening(n, rng=rng)
    c = int(rng.integers(0, y.shape[1])) if column is None else column
    return y[:, c].copy(), pred[:, c].copy()


def on_grid(rng, n, step=0.1, p_positive=0.3):
    """Labels and predictions on a grid of `step` (0.0, 0.1, ..., 1.0): many exactly at any grid threshold."""
    y = (rng.random(n) < p_positive).astype(int)
    y[:2] = [1, 0]
    levels = np.round(np.arange(0.0, 1.0 + step / 2, step), 10)  # 0.3 is the float 0.3, as in th=0.3
    pred = levels[rng.integers(0, len(levels), n)]
    return y, pred


def binormal_classes(rng, n, aucs, prevalences):
    """(n, C) labels with exact positive counts and continuous predictions with about the given AUCs."""
    from scipy.stats import norm

    y = np.zeros((n, len(aucs)), dtype=int)
    pred = np.zeros((n, len(aucs)))
    for c, (target, prevalence) in enumerate(zip(aucs, prevalences)):
        y[rng.choice(n, size=round(prevalence * n), replace=False), c] = 1
        score = rng.normal(0.0, 1.0, n) + np.sqrt(2.0) * norm.ppf(target) * y[:, c]
        pred[:, c] = 1.0 / (1.0 + np.exp(-score))
    return y, pred


def called_positive(pred, th):
    return (np.asarray(pred, dtype=float) >= th).astype(int)


def oracle_counts(y, pred, th):
    """sklearn's confusion matrix at the contract's rule pred >= th."""
    tn, fp, fn, tp = confusion_matrix(np.asarray(y).astype(int), called_positive(pred, th), labels=[0, 1]).ravel()
    return {"true_positives": int(tp), "true_negatives": int(tn), "false_positives": int(fp), "false_negatives": int(fn)}


def oracle_metric(name, y, pred, th):
    """The metric from sklearn, NaN where its denominator is 0."""
    y, called = np.asarray(y).astype(int), called_positive(pred, th)
    if name == "get_accuracy":
        return float(accuracy_score(y, called)) if len(y) else float("nan")
    if name == "get_sensitivity":
        return float(recall_score(y, called, pos_label=1, zero_division=np.nan))
    if name == "get_specificity":
        return float(recall_score(y, called, pos_label=0, zero_division=np.nan))
    if name == "get_ppv":
        return float(precision_score(y, called, pos_label=1, zero_division=np.nan))
    if name == "get_npv":
        return float(precision_score(y, called, pos_label=0, zero_division=np.nan))
    raise KeyError(name)


def learner_count(function, name, y, pred, th=None, *, what):
    """Call the count function `name` on copies (without th when th is None) and accept an integer only."""
    result = function(y.copy(), pred.copy()) if th is None else function(y.copy(), pred.copy(), th=th)
    return expect_number(result, name=f"{name} {what}", integer=True)


def expect_float(value, *, name, allow_nan=False, hint="a ratio of counts divided with / is one"):
    """The contract's float: a Python float or a numpy float64 (not an int, not a float32) → a trusted float."""
    expect_type(value, (float, np.float64), name=name, hint=hint, allow_nan=allow_nan)
    return float(value)


def learner_metric(function, name, y, pred, th=None, *, what, allow_nan=False):
    result = function(y.copy(), pred.copy()) if th is None else function(y.copy(), pred.copy(), th=th)
    return expect_float(result, name=f"{name} {what}", allow_nan=allow_nan)


def close(a, b, tol=1e-9):
    return bool(abs(a - b) <= tol)


# --- the confusion matrix -----------------------------------------------------------------------


@pytest.mark.grade(1, "Each count is an int, and TP + TN + FP + FN is the number of images at every threshold.", uses=["true_positives", "true_negatives", "false_positives", "false_negatives"])
def test_counts_are_integers_that_add_up(true_positives, true_negatives, false_positives, false_negatives, rng):
    counts = dict(zip(COUNTS, (true_positives, true_negatives, false_positives, false_negatives)))
    y, pred = finding(rng, 200)
    for th in (None, 0.3, 0.75):
        what = "at th = 0.5 (default)" if th is None else f"at th = {th}"
        total = sum(learner_count(counts[name], name, y, pred, th, what=what) for name in COUNTS)
        check(total == len(y), f"TP + TN + FP + FN {what} should be the number of images")


@pytest.mark.grade(3, "Compare the label (y == 1 / y == 0) with the call (pred >= th) image by image and count the matches.", uses=["true_positives", "true_negatives", "false_positives", "false_negatives"])
def test_counts_match_confusion_matrix(true_positives, true_negatives, false_positives, false_negatives, rng):
    counts = dict(zip(COUNTS, (true_positives, true_negatives, false_positives, false_negatives)))
    for n, dtype in ((60, int), (400, float), (250, bool)):
        y, pred = finding(rng, n)
        y = y.astype(dtype)
        expected = oracle_counts(y, pred, 0.5)
        for name in COUNTS:
            got = learner_count(counts[name], name, y, pred, what=f"for {n} images (y as {dtype.__name__})")
            check(got == expected[name], f"{name} is wrong for {n} images with the default th = 0.5 (y as {dtype.__name__})")


@pytest.mark.grade(2, "Use the th you are given (th=0.5 is only the default): never write 0.5 inside the function.", uses=["true_positives", "true_negatives", "false_positives", "false_negatives"])
def test_counts_use_the_given_threshold(true_positives, true_negatives, false_positives, false_negatives, rng):
    counts = dict(zip(COUNTS, (true_positives, true_negatives, false_positives, false_negatives)))
    y, pred = finding(rng, 300)
    for th in (0.2, 0.35, 0.65, 0.8):
        expected, at_default = oracle_counts(y, pred, th), oracle_counts(y, pred, 0.5)
        for name in COUNTS:
            got = learner_count(counts[name], name, y, pred, th, what=f"at th = {th}")
            if got != expected[name] and got == at_default[name]:
                fail(f"{name} ignores th: at th = {th} it returns the count for th = 0.5")
            check(got == expected[name], f"{name} is wrong at th = {th}")
    # passed positionally, as the course's code does
    for name in COUNTS:
        result = counts[name](y.copy(), pred.copy(), 0.65)
        got = expect_number(result, name=f"{name}(y, pred, 0.65)", integer=True)
        check(got == oracle_counts(y, pred, 0.65)[name], f"{name} is wrong when th is passed as the third positional argument")


@pytest.mark.grade(2, "A prediction exactly equal to th counts as predicted POSITIVE: the rule is pred >= th, not pred > th.", uses=["true_positives", "true_negatives", "false_positives", "false_negatives"])
def test_counts_prediction_equal_to_threshold_is_positive(true_positives, true_negatives, false_positives, false_negatives, rng):
    counts = dict(zip(COUNTS, (true_positives, true_negatives, false_positives, false_negatives)))
    y, pred = on_grid(rng, 120)
    for th in (0.3, 0.5, 0.7):
        assert np.any(pred == th), "grader invariant: some predictions sit exactly on the threshold"
        expected = oracle_counts(y, pred, th)
        strict = oracle_counts(y, pred + (pred == th) * -1.0, th)  # what "pred > th" gives
        for name in COUNTS:
            got = learner_count(counts[name], name, y, pred, th, what=f"at th = {th}")
            if got != expected[name] and got == strict[name]:
                fail(f"{name}: images whose prediction equals th = {th} must count as predicted positive (pred >= th)")
            check(got == expected[name], f"{name} is wrong when some predictions are exactly equal to th = {th}")


@pytest.mark.grade(1, "th = 0 calls every image positive; th = 1 calls positive only predictions of exactly 1.0.", uses=["true_positives", "true_negatives", "false_positives", "false_negatives"])
def test_counts_at_th_0_and_th_1(true_positives, true_negatives, false_positives, false_negatives, rng):
    counts = dict(zip(COUNTS, (true_positives, true_negatives, false_positives, false_negatives)))
    y, pred = on_grid(rng, 80)
    pred[:4] = [0.0, 1.0, 1.0, 0.0]
    for th in (0.0, 1.0):
        expected = oracle_counts(y, pred, th)
        for name in COUNTS:
            got = learner_count(counts[name], name, y, pred, th, what=f"at th = {th}")
            check(got == expected[name], f"{name} is wrong at th = {th} (an extreme threshold)")


@pytest.mark.grade(1, "A test set where no image (or every image) has the finding is still counted the same way.", uses=["true_positives", "true_negatives", "false_positives", "false_negatives"])
def test_counts_all_negative_or_all_positive_labels(true_positives, true_negatives, false_positives, false_negatives, rng):
    counts = dict(zip(COUNTS, (true_positives, true_negatives, false_positives, false_negatives)))
    _, pred = finding(rng, 50)
    for label, what in ((0, "no image has the finding"), (1, "every image has the finding")):
        y = np.full(len(pred), label)
        for th in (0.5, 0.25):
            expected = oracle_counts(y, pred, th)
            for name in COUNTS:
                got = learner_count(counts[name], name, y, pred, th, what=f"when {what}")
                check(got == expected[name], f"{name} is wrong when {what} (th = {th})")


@pytest.mark.grade(1, "The counts only read y and pred: never change the arrays you are given (no pred[pred >= th] = 1 in place).", uses=["true_positives", "true_negatives", "false_positives", "false_negatives"])
def test_counts_leave_their_inputs_unchanged(true_positives, true_negatives, false_positives, false_negatives, rng):
    counts = dict(zip(COUNTS, (true_positives, true_negatives, false_positives, false_negatives)))
    y, pred = finding(rng, 120)
    th = float(rng.choice([0.3, 0.4, 0.6]))
    expected = oracle_counts(y, pred, th)
    for name in COUNTS:
        result = call_checked(counts[name], y.copy(), pred.copy(), th, name=f"{name}(y, pred, th)", unchanged=True)
        got = expect_number(result, name=f"{name} at th = {th}", integer=True)
        check(got == expected[name], f"{name} is wrong at th = {th}")


# --- metrics ------------------------------------------------------------------------------------


def check_metric(function, name, rng):
    """The metric equals sklearn's on hidden test sets, at the default and at given thresholds."""
    for n in (150, 500):
        y, pred = finding(rng, n)
        for th in (None, 0.2, 0.5, 0.72):
            what = f"for {n} images at th = {0.5 if th is None else th}"
            expected = oracle_metric(name, y, pred, 0.5 if th is None else th)
            assert not np.isnan(expected), "grader invariant: the metric is defined here"
            got = learner_metric(function, name, y, pred, th, what=what)
            if th is not None and th != 0.5 and not close(got, expected) and close(got, oracle_metric(name, y, pred, 0.5)):
                fail(f"{name} ignores th: pass th on to the count functions")
            yield got, expected, y, pred, 0.5 if th is None else th, what


@pytest.mark.grade(1, "Accuracy = (TP + TN) / (TP + TN + FP + FN), with the counts at the given th.", uses=["get_accuracy"])
def test_accuracy_matches_sklearn(get_accuracy, rng):
    for got, expected, *_, what in check_metric(get_accuracy, "get_accuracy", rng):
        assert_close(got, expected, name=f"get_accuracy {what}", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(1, "Prevalence is the mean of the LABELS y (the fraction with y == 1): np.mean(y), as in the course.", uses=["get_prevalence"])
def test_prevalence_of_labels(get_prevalence, rng):
    for n, dtype in ((40, int), (333, float), (1000, bool)):
        y, _ = finding(rng, n)
        y = y.astype(dtype)
        got = expect_float(get_prevalence(y.copy()), name=f"get_prevalence for {n} images (y as {dtype.__name__})",
                           hint="np.mean(y) gives one")
        assert_close(got, float(np.mean(y == 1)), name=f"get_prevalence for {n} images", rtol=1e-12, atol=1e-12)
    expect_undefined(lambda: get_prevalence(np.array([], dtype=int)), ZeroDivisionError,
                     what="get_prevalence when the array is empty", why=ZERO_DENOMINATOR)


@pytest.mark.grade(2, "Sensitivity = TP / (TP + FN): among the images WITH the finding, the fraction called positive.", uses=["get_sensitivity"])
def test_sensitivity_matches_recall(get_sensitivity, rng):
    for got, expected, y, pred, th, what in check_metric(get_sensitivity, "get_sensitivity", rng):
        if not close(got, expected) and close(got, oracle_metric("get_specificity", y, pred, th)):
            fail("get_sensitivity returns the specificity: sensitivity is about the images WITH the finding (TP, FN)")
        assert_close(got, expected, name=f"get_sensitivity {what}", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(2, "Specificity = TN / (TN + FP): among the images WITHOUT the finding, the fraction called negative.", uses=["get_specificity"])
def test_specificity_matches_recall_of_negatives(get_specificity, rng):
    for got, expected, y, pred, th, what in check_metric(get_specificity, "get_specificity", rng):
        if not close(got, expected) and close(got, oracle_metric("get_sensitivity", y, pred, th)):
            fail("get_specificity returns the sensitivity: specificity is about the images WITHOUT the finding (TN, FP)")
        assert_close(got, expected, name=f"get_specificity {what}", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(2, "PPV = TP / (TP + FP): among the images the model CALLS positive, the fraction with the finding.", uses=["get_ppv"])
def test_ppv_matches_precision(get_ppv, rng):
    for got, expected, y, pred, th, what in check_metric(get_ppv, "get_ppv", rng):
        if not close(got, expected) and close(got, oracle_metric("get_npv", y, pred, th)):
            fail("get_ppv returns the NPV: PPV is about the images called POSITIVE (TP, FP)")
        if not close(got, expected) and close(got, oracle_metric("get_sensitivity", y, pred, th)):
            fail("get_ppv returns the sensitivity: divide by the images called positive (TP + FP), not by those with the finding")
        assert_close(got, expected, name=f"get_ppv {what}", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(2, "NPV = TN / (TN + FN): among the images the model CALLS negative, the fraction without the finding.", uses=["get_npv"])
def test_npv_matches_precision_of_negatives(get_npv, rng):
    for got, expected, y, pred, th, what in check_metric(get_npv, "get_npv", rng):
        if not close(got, expected) and close(got, oracle_metric("get_ppv", y, pred, th)):
            fail("get_npv returns the PPV: NPV is about the images called NEGATIVE (TN, FN)")
        assert_close(got, expected, name=f"get_npv {what}", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(2, "When a denominator is 0 the metric is undefined: let the division give nan (or raise ZeroDivisionError); never return 0 or 1.", uses=["get_accuracy", "get_sensitivity", "get_specificity", "get_ppv", "get_npv"])
def test_metrics_zero_denominator_is_undefined(get_accuracy, get_sensitivity, get_specificity, get_ppv, get_npv, rng):
    metrics = dict(zip(METRICS, (get_accuracy, get_sensitivity, get_specificity, get_ppv, get_npv)))
    _, pred = finding(rng, 60)
    pred = np.minimum(pred, 0.99)  # no prediction of exactly 1.0: th = 1 calls nothing positive
    y_mixed = (rng.random(len(pred)) < 0.3).astype(int)
    y_mixed[:2] = [1, 0]
    cases = [
        ("get_sensitivity", np.zeros(len(pred), dtype=int), pred, 0.5, "no image has the finding"),
        ("get_specificity", np.ones(len(pred), dtype=int), pred, 0.5, "every image has the finding"),
        ("get_ppv", y_mixed, pred, 1.0, "th = 1 calls no image positive"),
        ("get_npv", y_mixed, pred, 0.0, "th = 0 calls no image negative"),
        ("get_accuracy", np.array([], dtype=int), np.array([], dtype=float), 0.5, "the test set is empty"),
    ]
    for name, y, p, th, why in cases:
        expected = oracle_metric(name, y, p, th)
        assert np.isnan(expected), "grader invariant: this metric is undefined here"
        expect_undefined(lambda: metrics[name](y.copy(), p.copy(), th), ZeroDivisionError, what=f"{name} when {why}",
                         why=ZERO_DENOMINATOR)
    # the other metric of each pair is still defined and must be a number
    for name, y, p, th, why in cases[:4]:
        partner = {"get_sensitivity": "get_specificity", "get_specificity": "get_sensitivity",
                   "get_ppv": "get_npv", "get_npv": "get_ppv"}[name]
        got = learner_metric(metrics[partner], partner, y, p, th, what=f"when {why}")
        assert_close(got, oracle_metric(partner, y, p, th), name=f"{partner} when {why}", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(1, "At th = 0 everything is called positive (sensitivity 1, specificity 0, PPV = prevalence, NPV undefined); at th = 1 only pred == 1.0.", uses=["get_accuracy", "get_sensitivity", "get_specificity", "get_ppv", "get_npv"])
def test_metrics_at_th_0_and_th_1(get_accuracy, get_sensitivity, get_specificity, get_ppv, get_npv, rng):
    metrics = dict(zip(METRICS, (get_accuracy, get_sensitivity, get_specificity, get_ppv, get_npv)))
    y, pred = on_grid(rng, 90)
    pred[:4] = [1.0, 0.0, 1.0, 0.0]
    y[:4] = [1, 0, 0, 1]
    for th in (0.0, 1.0):
        for name in METRICS:
            expected = oracle_metric(name, y, pred, th)
            if np.isnan(expected):
                expect_undefined(lambda: metrics[name](y.copy(), pred.copy(), th=th), ZeroDivisionError,
                                 what=f"{name} when th = {th}", why=ZERO_DENOMINATOR)
            else:
                got = learner_metric(metrics[name], name, y, pred, th, what=f"at th = {th}")
                assert_close(got, expected, name=f"{name} at th = {th}", rtol=1e-12, atol=1e-12)


# --- PPV from Bayes' rule -----------------------------------------------------------------------


def ppv_by_counting(sensitivity, specificity, prevalence, n=10_000):
    """PPV of a population of n patients with exactly these rates, by sklearn's precision_score."""
    n_diseased = round(n * prevalence)
    n_true_alarms = round(n_diseased * sensitivity)
    n_false_alarms = round((n - n_diseased) * (1 - specificity))
    assert abs(n_diseased * sensitivity - n_true_alarms) < 1e-6, "grader invariant: whole numbers of patients"
    assert abs((n - n_diseased) * (1 - specificity) - n_false_alarms) < 1e-6, "grader invariant: whole numbers of patients"
    y = np.r_[np.ones(n_diseased, dtype=int), np.zeros(n - n_diseased, dtype=int)]
    called = np.r_[np.ones(n_true_alarms), np.zeros(n_diseased - n_true_alarms),
                   np.ones(n_false_alarms), np.zeros(n - n_diseased - n_false_alarms)].astype(int)
    return float(precision_score(y, called, zero_division=np.nan))


@pytest.mark.grade(2, "PPV = sens*prev / (sens*prev + (1 - spec)*(1 - prev)): the false alarms come from the (1 - prev) healthy patients.", uses=["ppv_from_bayes"])
@pytest.mark.parametrize(
    "sensitivity, specificity, prevalence",
    list(itertools.product((0.7, 0.85, 0.95), (0.8, 0.9, 0.99), (0.01, 0.05, 0.2))),
)
def test_ppv_from_bayes_matches_counting(ppv_from_bayes, sensitivity, specificity, prevalence):
    got = expect_float(
        ppv_from_bayes(sensitivity, specificity, prevalence),
        name=f"ppv_from_bayes({sensitivity}, {specificity}, {prevalence})", hint="return the ratio itself",
    )
    assert_close(
        got, ppv_by_counting(sensitivity, specificity, prevalence),
        name=f"ppv_from_bayes({sensitivity}, {specificity}, {prevalence})", rtol=1e-9, atol=1e-12,
    )


@pytest.mark.grade(1, "If nobody can be called positive (sens*prev = 0 and (1 - spec)*(1 - prev) = 0) PPV is NaN; otherwise it is a number.", uses=["ppv_from_bayes"])
def test_ppv_from_bayes_edge_cases(ppv_from_bayes):
    for args, why in (((0.0, 1.0, 0.3), "a test that never calls anyone positive"),
                      ((0.9, 1.0, 0.0), "a perfectly specific test for a finding nobody has")):
        try:
            result = ppv_from_bayes(*args)
        except ZeroDivisionError:
            fail(f"ppv_from_bayes divided by zero for {why}: return float('nan') instead")
        got = expect_float(result, name=f"ppv_from_bayes{args}", allow_nan=True, hint="return float('nan')")
        check(bool(np.isnan(got)), f"ppv_from_bayes should be NaN for {why} (the denominator is 0)")
    for args, expected, why in (((0.9, 0.9, 0.0), 0.0, "a finding nobody has (every positive call is false)"),
                                ((0.8, 1.0, 0.02), 1.0, "a perfectly specific test (no false alarms)")):
        got = expect_float(ppv_from_bayes(*args), name=f"ppv_from_bayes{args}", hint="return the ratio itself")
        assert_close(got, expected, name=f"ppv_from_bayes for {why}", rtol=0, atol=1e-12)


# --- ROC curve and AUC --------------------------------------------------------------------------


def learner_roc(roc_curve_points, y, pred, what):
    result = roc_curve_points(y.copy(), pred.copy())
    expect_tuple(result, name=f"what roc_curve_points returned {what} (fpr, tpr, thresholds)", length=3)
    n_points = len(np.unique(pred)) + 1
    arrays = [expect_array(value, name=f"{label} {what}", ndim=1, kind="f") for value, label in zip(result, ("fpr", "tpr", "thresholds"))]
    return arrays, n_points


@pytest.mark.grade(1, "Return (fpr, tpr, thresholds), one entry per distinct prediction plus a first point at threshold inf: (0, 0) ... (1, 1).", uses=["roc_curve_points"])
def test_roc_curve_points_shape_and_ends(roc_curve_points, rng):
    y, pred = finding(rng, 200)
    (fpr, tpr, thresholds), n_points = learner_roc(roc_curve_points, y, pred, "for 200 images")
    for array, label in ((fpr, "fpr"), (tpr, "tpr"), (thresholds, "thresholds")):
        check(array.shape == (n_points,), f"{label} should have one entry per distinct prediction, plus one for threshold inf")
    check(bool(thresholds[0] == np.inf), "the first threshold should be np.inf (nothing is called positive)")
    check(bool(np.all(np.diff(thresholds) < 0)), "the thresholds should be the distinct predictions in DECREASING order")
    check(bool(fpr[0] == 0 and tpr[0] == 0), "the ROC curve should start at (fpr, tpr) = (0, 0)")
    check(bool(fpr[-1] == 1 and tpr[-1] == 1), "the ROC curve should end at (1, 1): at the lowest threshold every image is called positive")


@pytest.mark.grade(3, "At each threshold t call pred >= t positive; tpr = TP / (number with y == 1), fpr = FP / (number with y == 0).", uses=["roc_curve_points"])
def test_roc_curve_points_match_sklearn(roc_curve_points, rng):
    cases = [finding(rng, 300), finding(rng, 80)]
    y_continuous = (rng.random(150) < 0.2).astype(int)
    y_continuous[:2] = [1, 0]
    cases.append((y_continuous, (rng.beta(2, 5, 150) + 0.3 * y_continuous) / 1.3))  # no ties
    for y, pred in cases:
        what = f"for {len(y)} images"
        (fpr, tpr, thresholds), _ = learner_roc(roc_curve_points, y, pred, what)
        want_fpr, want_tpr, want_thresholds = roc_curve(y, pred, drop_intermediate=False)
        assert_array_close(thresholds, want_thresholds, name=f"thresholds {what}", rtol=0, atol=0)
        assert_array_close(tpr, want_tpr, name=f"tpr {what}", rtol=1e-12, atol=1e-12)
        assert_array_close(fpr, want_fpr, name=f"fpr {what}", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(1, "With no image with (or without) the finding one of the rates is 0 / 0: raise ValueError.", uses=["roc_curve_points"])
def test_roc_curve_points_needs_both_classes(roc_curve_points, rng):
    _, pred = finding(rng, 30)
    for label, what in ((0, "no image has the finding"), (1, "every image has the finding")):
        expect_raises(lambda: roc_curve_points(np.full(len(pred), label), pred.copy()),
                      ValueError, what=f"roc_curve_points when {what}")


@pytest.mark.grade(2, "Trapezoidal rule: sum of (fpr[i+1] - fpr[i]) * (tpr[i] + tpr[i+1]) / 2 over consecutive points.", uses=["auc_trapezoid"])
def test_auc_trapezoid_matches_sklearn_auc(auc_trapezoid, rng):
    for n_points in (2, 5, 40):
        fpr = np.sort(np.r_[0.0, np.round(rng.random(n_points - 2), 1), 1.0])  # repeated values: vertical steps
        tpr = np.sort(np.r_[0.0, rng.random(n_points - 2), 1.0])
        got = expect_float(auc_trapezoid(fpr.copy(), tpr.copy()), name=f"auc_trapezoid for a curve of {n_points} points",
                           hint="a sum of trapezoid areas is one")
        assert_close(got, float(auc(fpr, tpr)), name=f"auc_trapezoid for a curve of {n_points} points", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(2, "Where predictions tie the ROC curve goes diagonally: the area under that segment is a trapezoid, not a rectangle.", uses=["auc_trapezoid"])
def test_auc_of_tied_roc_equals_roc_auc_score(auc_trapezoid, rng):
    for n in (60, 400):
        y, pred = on_grid(rng, n, step=0.1)
        fpr, tpr, _ = roc_curve(y, pred, drop_intermediate=False)
        got = expect_float(auc_trapezoid(fpr.copy(), tpr.copy()), name=f"auc_trapezoid of an ROC curve with ties ({n} images)",
                           hint="a sum of trapezoid areas is one")
        rectangles = float(np.sum(np.diff(fpr) * tpr[:-1]))
        if not close(got, roc_auc_score(y, pred)) and close(got, rectangles):
            fail("auc_trapezoid adds rectangles under the left end of each segment: use the mean height (tpr[i] + tpr[i+1]) / 2")
        assert_close(got, float(roc_auc_score(y, pred)), name=f"auc_trapezoid of an ROC curve with ties ({n} images)",
                     rtol=1e-12, atol=1e-12)


# --- bootstrap_auc ------------------------------------------------------------------------------


def learner_bootstrap(bootstrap_auc, y, pred, classes, bootstraps, fold_size, *, what, seed=0):
    """Seed numpy's global random state, as the course's caller would, then call on copies."""
    np.random.seed(seed)
    result = call_checked(bootstrap_auc, y.copy(), pred.copy(), list(classes), bootstraps, fold_size,
                          name=f"bootstrap_auc {what}", unchanged=True)
    statistics = expect_array(result, name=f"bootstrap_auc {what}", shape=(len(classes), bootstraps), kind="f")
    check(bool(np.all((statistics >= 0) & (statistics <= 1))), f"bootstrap_auc {what}: every AUC lies between 0 and 1")
    return statistics


def course_sizes(y_column, fold_size):
    prevalence = np.sum(y_column == 1) / len(y_column)
    return int(fold_size * prevalence), int(fold_size * (1 - prevalence))


@pytest.mark.grade(1, "Return a float numpy array of shape (len(classes), bootstraps): one row per class, one AUC per bootstrap sample.", uses=["bootstrap_auc"])
def test_bootstrap_auc_shape(bootstrap_auc, rng):
    y, pred = binormal_classes(rng, 150, aucs=(0.9, 0.8, 0.7), prevalences=(0.2, 0.1, 0.3))
    learner_bootstrap(bootstrap_auc, y, pred, ["Effusion", "Atelectasis", "Mass"], 5, 80, what="for 3 classes and 5 bootstraps")
    learner_bootstrap(bootstrap_auc, y[:, :1], pred[:, :1], ["Effusion"], 3, 60, what="for 1 class and 3 bootstraps")


@pytest.mark.grade(2, "Draw from numpy's global random state as the course does (df.sample(n=..., replace=True) or np.random.choice); never seed inside the function.", uses=["bootstrap_auc"])
def test_bootstrap_auc_uses_the_global_random_state(bootstrap_auc, rng):
    y, pred = binormal_classes(rng, 120, aucs=(0.85, 0.75), prevalences=(0.25, 0.15))
    classes = ["Effusion", "Pneumothorax"]
    first = learner_bootstrap(bootstrap_auc, y, pred, classes, 3, 60, what="after np.random.seed(11)", seed=11)
    again = learner_bootstrap(bootstrap_auc, y, pred, classes, 3, 60, what="after np.random.seed(11) (second time)", seed=11)
    check(bool(np.array_equal(first, again)), "two calls after the same np.random.seed(11) gave different AUCs: draw from "
                                              "numpy's global random state (df.sample or np.random.choice), not from a generator of your own")
    other = learner_bootstrap(bootstrap_auc, y, pred, classes, 3, 60, what="after np.random.seed(12)", seed=12)
    check(not np.array_equal(first, other), "np.random.seed(11) and np.random.seed(12) gave the same AUCs: "
                                            "do not seed (or make a seeded generator) inside bootstrap_auc, the caller seeds")


@pytest.mark.grade(1, "The defaults are the course's: bootstraps=100 samples of fold_size=1000 rows.", timeout=15, uses=["bootstrap_auc"])
def test_bootstrap_auc_default_arguments(bootstrap_auc, reference, rng):
    y, pred = binormal_classes(rng, 300, aucs=(0.82,), prevalences=(31 / 300,))
    assert all(course_sizes(y[:, 0], size) != course_sizes(y[:, 0], 1000) for size in (999, 1001)), \
        "grader invariant: another fold_size draws other sample sizes"
    np.random.seed(5)
    result = bootstrap_auc(y.copy(), pred.copy(), ["Pneumothorax"])
    statistics = expect_array(result, name="bootstrap_auc with the default arguments", shape=(1, 100), kind="f")
    np.random.seed(5)
    expected = reference.get("bootstrap_auc")(y.copy(), pred.copy(), ["Pneumothorax"])
    assert_array_close(statistics, expected, name="the bootstrap AUCs with the default arguments (after np.random.seed(5))",
                       rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "A bootstrap sample draws rows WITH replacement (replace=True), so the samples, and their AUCs, differ.", uses=["bootstrap_auc"])
def test_bootstrap_auc_draws_with_replacement(bootstrap_auc, rng):
    y, pred = binormal_classes(rng, 100, aucs=(0.8,), prevalences=(0.2,))
    # fold_size = n: without replacement every sample would be the whole test set, every AUC the same
    statistics = learner_bootstrap(bootstrap_auc, y, pred, ["Effusion"], 10, 100, what="with fold_size = number of images")
    check(bool(np.ptp(statistics) > 0), "every bootstrap AUC is the same: each sample must be drawn WITH replacement "
                                        "(and without reseeding the random state between samples)")
    try:
        learner_bootstrap(bootstrap_auc, y, pred, ["Effusion"], 3, 250, what="with fold_size > number of images")
    except ValueError:
        fail("bootstrap_auc failed when fold_size is larger than the test set: sample WITH replacement")


@pytest.mark.grade(2, "Sample the positive and the negative rows SEPARATELY: int(fold_size * prevalence) positives, int(fold_size * (1 - prevalence)) negatives.", uses=["bootstrap_auc"])
def test_bootstrap_auc_stratified_sample_sizes(bootstrap_auc, rng):
    # 200 images, 20 and 50 positives; the predictions average far above the prevalence
    y, pred = binormal_classes(rng, 200, aucs=(0.8, 0.7), prevalences=(0.1, 0.25))
    fold_size = 60
    statistics = learner_bootstrap(bootstrap_auc, y, pred, ["Pneumothorax", "Effusion"], 12, fold_size, what="(stratification)")
    for c in range(2):
        n_pos, n_neg = course_sizes(y[:, c], fold_size)
        assert n_pos + n_neg == fold_size, "grader invariant: the course's rounding loses no row here"
        # with n_pos positives and n_neg negatives, every AUC is a multiple of 1 / (2 * n_pos * n_neg)
        units = statistics[c] * 2 * n_pos * n_neg
        check(
            bool(np.all(np.abs(units - np.round(units)) < 1e-6)),
            "the bootstrap AUCs do not come from samples of int(fold_size * prevalence) positive and "
            "int(fold_size * (1 - prevalence)) negative rows, with prevalence = the fraction of LABELS y == 1 "
            "(sample the positive and the negative rows separately, use fold_size)",
        )


@pytest.mark.grade(2, "Row c is class c: resample column c of y and of pred together; the bootstrap AUCs centre on that class's AUC.", uses=["bootstrap_auc"])
def test_bootstrap_auc_centred_on_each_class_auc(bootstrap_auc, rng):
    y, pred = binormal_classes(rng, 300, aucs=(0.95, 0.6, 0.78), prevalences=(0.15, 0.2, 0.1))
    statistics = learner_bootstrap(bootstrap_auc, y, pred, ["Effusion", "Nodule", "Atelectasis"], 12, 300, what="for 3 classes")
    for c, name in enumerate(["Effusion", "Nodule", "Atelectasis"]):
        full = roc_auc_score(y[:, c], pred[:, c])
        check(
            bool(abs(statistics[c].mean() - full) < 0.05),
            f"the bootstrap AUCs of class {c} ({name}) do not centre on the AUC of column {c} of y and pred",
        )


@pytest.mark.grade(2, "Follow the course's draw order exactly: classes in order, per sample positives then negatives, each from the global random state with replacement.", timeout=15, uses=["bootstrap_auc"])
def test_bootstrap_auc_follows_the_course_procedure(bootstrap_auc, reference, rng):
    y, pred, classes = chest_xray_screening(300, rng=rng)
    fold_size = 200
    assert any(sum(course_sizes(y[:, c], fold_size)) < fold_size for c in range(len(classes))), \
        "grader invariant: the course's int() rounding drops a row for some class"
    got = learner_bootstrap(bootstrap_auc, y, pred, classes, 5, fold_size, what="after np.random.seed(3)", seed=3)
    np.random.seed(3)
    expected = reference.get("bootstrap_auc")(y.copy(), pred.copy(), list(classes), 5, fold_size)
    assert_array_close(got, expected, name="the bootstrap AUCs after np.random.seed(3)", rtol=1e-9, atol=1e-12)


# --- calibration --------------------------------------------------------------------------------


def learner_calibration(calibration_curve_bins, y, pred, n_bins, *, what):
    if n_bins is None:
        result = calibration_curve_bins(y.copy(), pred.copy())
    else:
        result = calibration_curve_bins(y.copy(), pred.copy(), n_bins=n_bins)
    expect_tuple(result, name=f"what calibration_curve_bins returned {what}", length=2)
    fraction = expect_array(result[0], name=f"the fraction of positives {what}", ndim=1, kind="f")
    mean_pred = expect_array(result[1], name=f"the mean predicted probability {what}", ndim=1, kind="f")
    return fraction, mean_pred


def compare_calibration(got, y, pred, n_bins, what):
    want_fraction, want_mean = calibration_curve(y, pred, n_bins=n_bins, strategy="uniform")
    fraction, mean_pred = got
    check(
        fraction.shape == want_fraction.shape and mean_pred.shape == want_mean.shape,
        f"calibration_curve_bins {what} returned the wrong number of bins: one entry per NON-EMPTY bin of n_bins",
    )
    assert_array_close(fraction, want_fraction, name=f"the fraction of positives {what}", rtol=1e-12, atol=1e-12)
    assert_array_close(mean_pred, want_mean, name=f"the mean predicted probability {what}", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(3, "Equal-width bins of [0, 1] (n_bins of them); per non-empty bin: mean of y and mean of pred, bins in increasing order.", uses=["calibration_curve_bins"])
def test_calibration_matches_sklearn(calibration_curve_bins, rng):
    for n, n_bins in ((500, None), (300, 5), (800, 8), (200, 1)):
        y, pred = finding(rng, n)
        what = f"for {n} images with n_bins={10 if n_bins is None else n_bins}"
        got = learner_calibration(calibration_curve_bins, y, pred, n_bins, what=what)
        compare_calibration(got, y, pred, 10 if n_bins is None else n_bins, what)


@pytest.mark.grade(2, "Bins are closed on the RIGHT: a prediction exactly on an inner edge joins the bin below; 0.0 joins the first bin, 1.0 the last.", uses=["calibration_curve_bins"])
def test_calibration_edges_closed_on_the_right(calibration_curve_bins, rng):
    for n_bins in (10, 4, 5):
        edges = np.linspace(0.0, 1.0, n_bins + 1)
        pred = np.r_[edges, edges[rng.integers(0, n_bins + 1, 60)], rng.random(20)]
        y = (rng.random(len(pred)) < pred).astype(int)
        what = f"with predictions on the bin edges (n_bins={n_bins})"
        got = learner_calibration(calibration_curve_bins, y, pred, n_bins, what=what)
        # what bins closed on the LEFT, [left, right), give (1.0 still in the last bin)
        left_closed = np.searchsorted(edges[1:-1], pred, side="right")
        count = np.bincount(left_closed, minlength=n_bins)
        wrong = (np.bincount(left_closed, weights=y, minlength=n_bins) / np.maximum(count, 1))[count > 0]
        right = calibration_curve(y, pred, n_bins=n_bins, strategy="uniform")[0]
        assert wrong.shape != right.shape or not np.allclose(wrong, right), "grader invariant: the edges matter here"
        if got[0].shape == wrong.shape and np.allclose(got[0], wrong):
            fail("a prediction exactly on an inner bin edge was put in the bin ABOVE it: bins are (left, right]")
        compare_calibration(got, y, pred, n_bins, what)


@pytest.mark.grade(1, "Drop the empty bins: no NaN and no 0 for a bin without any prediction.", uses=["calibration_curve_bins"])
def test_calibration_drops_empty_bins(calibration_curve_bins, rng):
    pred = np.r_[rng.uniform(0.02, 0.18, 40), rng.uniform(0.81, 0.97, 40)]  # only bins 0, 1, 8, 9 of 10
    y = (rng.random(80) < pred).astype(int)
    got = learner_calibration(calibration_curve_bins, y, pred, 10, what="when most bins are empty")
    compare_calibration(got, y, pred, 10, "when most bins are empty")
    # a rare finding: the model never predicts above 0.45, so the top bins are all empty
    pred = rng.uniform(0.01, 0.45, 120)
    y = (rng.random(120) < pred).astype(int)
    got = learner_calibration(calibration_curve_bins, y, pred, 10, what="when no prediction exceeds 0.45")
    compare_calibration(got, y, pred, 10, "when no prediction exceeds 0.45")


@pytest.mark.grade(1, "Drop only the EMPTY bins: a bin holding a single prediction is kept, with that image's label and prediction.", uses=["calibration_curve_bins"])
def test_calibration_keeps_a_bin_with_one_prediction(calibration_curve_bins, rng):
    # most images below 0.4; one lone prediction in (0.6, 0.7] and one in (0.9, 1.0]
    pred = np.r_[rng.uniform(0.01, 0.39, 60), rng.uniform(0.61, 0.69), rng.uniform(0.91, 0.99)]
    y = (rng.random(len(pred)) < pred).astype(int)
    y[-2:] = [0, 1]
    got = learner_calibration(calibration_curve_bins, y, pred, 10, what="when two bins hold one prediction each")
    compare_calibration(got, y, pred, 10, "when two bins hold one prediction each")


@pytest.mark.grade(1, "A predicted probability below 0 or above 1 is an error: raise ValueError.", uses=["calibration_curve_bins"])
def test_calibration_rejects_values_outside_0_1(calibration_curve_bins, rng):
    y, pred = finding(rng, 40)
    for bad, what in ((1.2, "above 1"), (-0.1, "below 0")):
        given = pred.copy()
        given[5] = bad
        expect_raises(lambda: calibration_curve_bins(y.copy(), given),
                      ValueError, what=f"calibration_curve_bins with a prediction {what}")
