"""Hidden graders for ai4med-c3w3 (permutation importance, Shapley values, Grad-CAM).

Oracles, all written here independently of the reference solution:
- permutation importance: the course's functions take no generator (they shuffle with numpy's
  global one), so each call is preceded by ``np.random.seed``, and what is graded holds for ANY
  way of drawing the permutation: a shuffled column holds the same values, nothing else moves,
  the same seed gives the same shuffle; the importance formula is checked exactly with a
  scripted metric (its values come in call order: baseline first, then ``num_samples`` per
  feature in column order) and, on real models, against the course's definition re-implemented
  with ``np.random.RandomState(seed).permutation`` within a tolerance far above the spread of
  the permuted scores; models are small linear risk models whose calls are counted or
  scikit-learn's; the metric is a rank-based AUC checked against ``sklearn.metrics.roc_auc_score``;
- Shapley values: the definition as an average over all n! feature orderings (not the subset
  formula the learner writes), plus the efficiency property and closed forms for additive models;
- Grad-CAM: the target layer's activations taken by slicing the ``nn.Sequential`` model (no hooks),
  gradients of the class score by ``torch.autograd.grad``, and ``torch.nn.functional.interpolate``.
Known wrong answers are recomputed the same way so that feedback can name the mistake.
"""

from itertools import combinations, permutations
from math import factorial

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn.functional as F
from scipy.stats import rankdata
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from torch import nn

from autograde.checks import assert_array_close, assert_real_answer, check, expect_array, expect_frame, fail
from autograde.datasets.interpretation import mortality_cohort, nodule_cnn, xray_tensor

# --- tabular data, models and metrics -------------------------------------------------------------


def auc(y_true, risk):
    """AUC (= the C-index for a 0/1 outcome, ties 1/2) by ranks: fast enough to call thousands of times."""
    y = np.asarray(y_true) == 1
    ranks = rankdata(np.asarray(risk, dtype=float))
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


class LinearRisk:
    """A fitted-looking risk model: logistic in a few named columns (the others are ignored); counts its calls."""

    def __init__(self, coefficients, intercept, centres):
        self.columns = list(coefficients)
        self.weights = np.array([coefficients[c] for c in self.columns])
        self.centres = np.array([centres[c] for c in self.columns])
        self.intercept = intercept
        self.calls = 0

    def predict_proba(self, X):
        self.calls += 1
        z = self.intercept + (np.asarray(X[self.columns], dtype=float) - self.centres) @ self.weights
        risk = 1.0 / (1.0 + np.exp(-z))
        return np.column_stack([1.0 - risk, risk])


def cohort(rng, n, columns=None):
    X, y = mortality_cohort(n, rng=rng)
    if columns is not None:
        X = X[columns]
    return X, y


def linear_risk(X, **coefficients):
    """A LinearRisk on these columns of X, centred on X's means, about 1 death in 4."""
    return LinearRisk(coefficients, -1.2, {c: float(X[c].mean()) for c in coefficients})


def oracle_importance(X, y, model, metric, num_samples, seed):
    """The course's permutation importance with np.random.seed(seed), written out longhand (a private
    RandomState(seed) draws what the seeded global generator draws)."""
    draw = np.random.RandomState(seed)
    X = X.copy()
    baseline = metric(np.asarray(y), model.predict_proba(X)[:, 1])
    result = {}
    for feature in list(X.columns):
        scores = []
        for _ in range(num_samples):
            shuffled = X.copy()
            shuffled[feature] = draw.permutation(X[feature].to_numpy())
            scores.append(metric(np.asarray(y), model.predict_proba(shuffled)[:, 1]))
        result[feature] = baseline - sum(scores) / num_samples
    return pd.Series(result, dtype=float)


def seeded(function, seed, *args, **kwargs):
    """Call learner code right after np.random.seed(seed): the course's functions shuffle with numpy's global generator."""
    np.random.seed(seed)
    return function(*args, **kwargs)


def learner_importance(result, X):
    """The learner's importance frame in the course's layout (one row "importance", a column per
    feature), checked for type, index and columns → a trusted float array, one entry per feature."""
    frame = expect_frame(result, name="permutation_importance's result")
    features = [str(c) for c in X.columns]
    if frame.shape == (X.shape[1], 1) and [str(c) for c in frame.columns] == ["importance"]:
        fail("permutation_importance returned one row per feature: the course's layout is ONE row, indexed "
             "'importance', with one column per feature (the transpose)")
    check(frame.shape == (1, X.shape[1]),
          f"permutation_importance's result should have 1 row and {X.shape[1]} columns (one per feature), got {frame.shape}")
    check([str(c) for c in frame.columns] == features,
          "permutation_importance's result should have one column per feature, named as in X, in X's column order")
    check([str(i) for i in frame.index] == ["importance"], "the one row of permutation_importance's result should be indexed 'importance'")
    try:
        values = frame.iloc[0].to_numpy(dtype=float)
    except (TypeError, ValueError):
        fail("the importances should be numbers")
    check(bool(np.isfinite(values).all()), "some importances are NaN or infinite")
    return values


def seed_from(rng):
    return int(rng.integers(0, 2**31))


# --- permute_feature ------------------------------------------------------------------------------


def learner_permuted(permute_feature, df, feature, seed):
    result = seeded(permute_feature, seed, df.copy(), feature)
    frame = expect_frame(result, name=f"permute_feature(df, {feature!r})", columns=list(df.columns), n_rows=len(df))
    check(list(frame.columns) == list(df.columns), "permute_feature should keep the columns in their original order")
    check(
        frame.index.equals(df.index),
        "permute_feature should keep the index (patient ids) in its order: shuffle the values of one column, not the rows",
    )
    check(not frame[feature].isna().any(), f"the permuted column {feature!r} contains NaN "
          "(a Series with another index is aligned on labels: assign the permuted numpy array)")
    return frame


@pytest.mark.grade(2, "Return a copy of the frame with the same index and columns, where only the values of `feature` are shuffled.", uses=["permute_feature"])
def test_permute_feature_shuffles_one_column(permute_feature, rng):
    X, _ = cohort(rng, 60)
    for feature in ("Age", "Serum_Albumin", "Sex"):
        frame = learner_permuted(permute_feature, X, feature, seed_from(rng))
        check(
            np.array_equal(np.sort(frame[feature].to_numpy(dtype=float)), np.sort(X[feature].to_numpy(dtype=float))),
            f"the permuted column {feature!r} should hold exactly the same values as before, in another order",
        )
        check(not np.array_equal(frame[feature].to_numpy(), X[feature].to_numpy()),
              f"the column {feature!r} was not shuffled")


@pytest.mark.grade(2, "Only the one column moves: every other column must keep each patient's own values (do not shuffle whole rows).", uses=["permute_feature"])
def test_permute_feature_leaves_other_columns(permute_feature, rng):
    X, _ = cohort(rng, 80)
    for feature in ("White_Blood_Cells", "Age"):
        result = seeded(permute_feature, seed_from(rng), X.copy(), feature)
        frame = expect_frame(result, name=f"permute_feature(df, {feature!r})", columns=list(X.columns), n_rows=len(X))
        check(not np.array_equal(frame[feature].to_numpy(), X[feature].to_numpy()), f"the column {feature!r} was not shuffled")
        for column in X.columns:
            if column == feature:
                continue
            check(
                np.array_equal(frame[column].to_numpy(), X[column].to_numpy()) and frame.index.equals(X.index),
                f"column {column!r} changed when only {feature!r} should be permuted: shuffle one column, not the rows",
            )


@pytest.mark.grade(2, "Shuffle with numpy's global generator (np.random.permutation, as the course): np.random.seed(s) before the call must give the same shuffle again.", uses=["permute_feature"])
def test_permute_feature_uses_numpy_global_random(permute_feature, rng):
    X, _ = cohort(rng, 40)
    for feature in ("Systolic_BP", "Sex", "BMI"):
        seed, other_seed = seed_from(rng), seed_from(rng)
        first = learner_permuted(permute_feature, X, feature, seed)
        check(first[feature].dtype == X[feature].dtype,
              f"the permuted column {feature!r} changed dtype from {X[feature].dtype} to {first[feature].dtype}")
        again = learner_permuted(permute_feature, X, feature, seed)
        other = learner_permuted(permute_feature, X, feature, other_seed)
        check(np.array_equal(first[feature].to_numpy(), again[feature].to_numpy()),
              f"after the same np.random.seed, the column {feature!r} was shuffled differently: shuffle with np.random "
              "(numpy's global generator), not a generator of your own")
        check(not np.array_equal(first[feature].to_numpy(), other[feature].to_numpy()),
              f"after two different np.random.seed, the column {feature!r} was shuffled the same way: is the shuffle seeded "
              "inside permute_feature?")


@pytest.mark.grade(1, "Work on df.copy(): the caller's frame must not change, and the result must be a new DataFrame.", uses=["permute_feature"])
def test_permute_feature_leaves_input_unchanged(permute_feature, reference, rng):
    X, _ = cohort(rng, 30)
    original = X.copy()
    seed = seed_from(rng)
    result = seeded(permute_feature, seed, X, "Age")
    check(X.equals(original) and X.index.equals(original.index), "permute_feature changed the DataFrame it was given")
    check(result is not X, "permute_feature returned the frame it was given instead of a copy")
    assert_real_answer(result, seeded(reference.get("permute_feature"), seed, original.copy(), "Age"),
                       name='permute_feature(df, "Age")')


# --- permutation_importance -----------------------------------------------------------------------


class ScriptedMetric:
    """A metric whose values are scripted in call order (the baseline first, then ``num_samples``
    per feature in column order), whatever the permutations drawn, so the importance formula is
    checked exactly. It answers only calls made as metric(y_true, risk): the true outcomes, then
    one risk per patient in [0, 1] (at the baseline, exactly predict_proba(X)[:, 1]); any other
    call gets a far-off value, so the importances come out wrong."""

    OFF = 1000.0

    def __init__(self, y, baseline_risk, values):
        self.y = np.asarray(y, dtype=float)
        self.baseline_risk = np.asarray(baseline_risk, dtype=float)
        self.values = [float(v) for v in values]
        self.calls = 0

    def __call__(self, y_true, risk):
        k = self.calls
        self.calls += 1
        try:
            truth = np.asarray(y_true, dtype=float)
            scores = np.asarray(risk, dtype=float)
        except (TypeError, ValueError):
            return self.OFF
        ok = (truth.shape == self.y.shape and np.array_equal(truth, self.y) and scores.shape == self.y.shape
              and bool(((scores >= 0) & (scores <= 1)).all()))
        if k == 0:
            ok = ok and np.array_equal(scores, self.baseline_risk)
        if not ok or k >= len(self.values):
            return self.OFF
        return self.values[k]


@pytest.mark.grade(1, 'Return the course\'s layout: a DataFrame with ONE row indexed "importance" and one column per feature (X\'s column order).', uses=["permutation_importance"])
def test_importance_returns_course_layout(permutation_importance, rng):
    X, y = cohort(rng, 120, ["Serum_Albumin", "Age", "BMI", "Sex"])
    model = linear_risk(X, Age=0.08, Serum_Albumin=-1.5)
    learner_importance(seeded(permutation_importance, seed_from(rng), X, y, model, auc, num_samples=3), X)


@pytest.mark.grade(3, "importance = metric(y, p) (the baseline, computed first) - mean over num_samples of metric(y, p after permuting that feature), p = predict_proba(...)[:, 1].", uses=["permutation_importance"])
def test_importance_matches_definition(permutation_importance, rng):
    for columns, num_samples in ((["Age", "Serum_Albumin", "BMI", "Sex"], 5), (["White_Blood_Cells", "Age", "Systolic_BP"], 8)):
        X, y = cohort(rng, 90, columns)
        model = linear_risk(X, Age=0.08, Serum_Albumin=-1.5) if "Serum_Albumin" in columns else linear_risk(X, Age=0.07, Systolic_BP=0.02)
        script = rng.uniform(0.5, 0.9, 1 + num_samples * len(columns))
        metric = ScriptedMetric(y, model.predict_proba(X)[:, 1], script)
        outcomes = y.copy() if num_samples == 5 else y.to_numpy()  # y: a pandas Series or a numpy array
        values = learner_importance(seeded(permutation_importance, seed_from(rng), X.copy(), outcomes, model, metric,
                                           num_samples=num_samples), X)
        blocks = script[1:].reshape(len(columns), num_samples)
        expected = script[0] - blocks.mean(axis=1)
        if np.allclose(values, -expected, rtol=1e-9, atol=1e-12):
            fail("every importance has the wrong sign; importance = baseline score - mean permuted score")
        if np.abs(values).max() > 10:
            fail("the metric was not called as metric(y, risk): the true outcomes first, then predict_proba(X)[:, 1] "
                 "(the baseline first, then num_samples calls per feature, features in X's column order)")
        assert_array_close(values, expected, name=f"the importances ({len(columns)} features, num_samples={num_samples})",
                           rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "A feature the model relies on loses score when shuffled: importance = baseline - permuted, so it is positive.", uses=["permutation_importance"])
def test_importance_of_used_features_is_positive(permutation_importance, rng):
    X, y = cohort(rng, 250, ["Age", "Serum_Albumin", "White_Blood_Cells"])
    model = linear_risk(X, Age=0.09, Serum_Albumin=-1.6, White_Blood_Cells=0.25)
    values = learner_importance(seeded(permutation_importance, seed_from(rng), X, y, model, auc, num_samples=10), X)
    check(bool((values > 0).all()),
          "a feature the model uses got a negative importance: importance = baseline score - mean permuted score")


@pytest.mark.grade(2, "Shuffling a column the model ignores cannot change its predictions, so that feature's importance is exactly 0.", uses=["permutation_importance"])
def test_importance_of_ignored_feature_is_zero(permutation_importance, rng):
    X, y = cohort(rng, 200)
    model = linear_risk(X, Age=0.08, Systolic_BP=0.02, Serum_Albumin=-1.4)
    values = learner_importance(seeded(permutation_importance, seed_from(rng), X, y, model, auc, num_samples=6), X)
    ignored = [i for i, c in enumerate(X.columns) if c not in model.columns]
    used = [i for i, c in enumerate(X.columns) if c in model.columns]
    check(bool(np.allclose(values[ignored], 0.0, atol=1e-12)),
          "features the model ignores (Sex, White_Blood_Cells, BMI, Serum_Cholesterol) got a nonzero importance: "
          "permute only that one column and keep the rows in place")
    check(bool((values[used] > 0).all()), "a feature the model uses got no positive importance")


def assert_importance_near(values, expected, *, name, atol):
    """Within ``atol`` of the course's definition drawn with np.random.seed: exact for np.random.permutation,
    and far above the spread between two draws for any other way to shuffle."""
    if np.allclose(values, -expected, atol=atol) and not np.allclose(values, expected, atol=atol):
        fail(f"{name}: every importance has the wrong sign; importance = baseline score - mean permuted score "
             "(with the risk of death, predict_proba(X)[:, 1])")
    assert_array_close(values, expected, name=name, rtol=0, atol=atol)


@pytest.mark.grade(2, "On a fitted model: importance = baseline AUC - mean AUC after shuffling, with the risk of death predict_proba(X)[:, 1].", timeout=20, uses=["permutation_importance"])
def test_importance_of_fitted_model(permutation_importance, rng):
    X, y = cohort(rng, 300)
    model = LogisticRegression(max_iter=2000).fit(X, y)
    probe = model.predict_proba(X)[:, 1]
    assert abs(auc(y, probe) - roc_auc_score(y, probe)) < 1e-12, "grader invariant: the rank AUC is sklearn's"
    seed = seed_from(rng)
    values = learner_importance(seeded(permutation_importance, seed, X.copy(), y.copy(), model, auc, num_samples=15), X)
    assert_importance_near(values, oracle_importance(X, y, model, auc, 15, seed).to_numpy(),
                           name="the importances (logistic mortality model)", atol=0.04)


@pytest.mark.grade(1, "The default is num_samples=100 permuted copies per feature (plus one baseline prediction).", timeout=20, verify=False, uses=["permutation_importance"])
def test_importance_default_num_samples(permutation_importance, rng):
    X, y = cohort(rng, 150, ["Age", "Sex", "Serum_Albumin"])
    model = linear_risk(X, Age=0.08, Sex=-0.5, Serum_Albumin=-1.4)
    seed = seed_from(rng)
    result = seeded(permutation_importance, seed, X, y, model, auc)
    calls = model.calls
    values = learner_importance(result, X)
    check(calls == 1 + 100 * X.shape[1],
          f"predict_proba was called {calls} times for 3 features; with the default num_samples=100 it should be "
          "1 (baseline) + 100 per feature")
    assert_importance_near(values, oracle_importance(X, y, model, auc, 100, seed).to_numpy(),
                           name="the importances (default num_samples)", atol=0.02)


@pytest.mark.grade(1, "permutation_importance must not change X or y: permute copies (permute_feature returns one).", uses=["permutation_importance"])
def test_importance_leaves_data_unchanged(permutation_importance, rng):
    X, y = cohort(rng, 100, ["Age", "Systolic_BP", "Serum_Albumin"])
    X_before, y_before = X.copy(), y.copy()
    model = linear_risk(X, Age=0.08, Systolic_BP=0.02, Serum_Albumin=-1.3)
    learner_importance(seeded(permutation_importance, seed_from(rng), X, y, model, auc, num_samples=4), X_before)
    check(X.equals(X_before) and X.index.equals(X_before.index), "permutation_importance changed X")
    check(y.equals(y_before), "permutation_importance changed y")


# --- Shapley values -------------------------------------------------------------------------------


def coalition_value(predict, x, background, coalition):
    mixed = np.array(background, dtype=float)
    for j in coalition:
        mixed[:, j] = x[j]
    return float(np.mean(predict(mixed)))


def oracle_shapley(predict, x, background):
    """Shapley values as the average, over all n! orders of adding features, of each one's marginal gain."""
    n = len(x)
    cache = {}

    def v(members):
        key = frozenset(members)
        if key not in cache:
            cache[key] = coalition_value(predict, x, background, sorted(key))
        return cache[key]

    phi = np.zeros(n)
    for order in permutations(range(n)):
        for k, i in enumerate(order):
            phi[i] += v(order[: k + 1]) - v(order[:k])
    return phi / factorial(n)


def wrong_shapley(predict, x, background, *, weights="shapley", value="interventional"):
    """Known mistakes: uniform coalition weights, or v(S) as one prediction at the background's mean."""
    n = len(x)
    if value == "mean_background":
        background = np.asarray(background, dtype=float).mean(axis=0, keepdims=True)
    phi = np.zeros(n)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for size in range(n):
            w = 1 / 2 ** (n - 1) if weights == "uniform" else factorial(size) * factorial(n - size - 1) / factorial(n)
            for S in combinations(others, size):
                phi[i] += w * (coalition_value(predict, x, background, S + (i,)) - coalition_value(predict, x, background, S))
    return phi


def expect_shapley(result, n, *, name):
    return expect_array(result, name=name, shape=(n,), kind="f")


def checked_predict(function):
    """Wraps a model so that calling it with anything but a 2-D float array is a clear failure."""

    def predict(Z):
        if type(Z) is not np.ndarray or Z.ndim != 2:
            fail("predict should be called with a 2-D numpy array of patients (m rows, n features)")
        return function(np.asarray(Z, dtype=float))

    return predict


def interaction_model(rng, n):
    """A nonlinear risk model with pairwise interactions: uniform coalition weights give wrong values."""
    a = rng.normal(0.0, 1.0, n)
    b = rng.normal(0.0, 0.8, (n, n))

    def f(Z):
        return 1.0 / (1.0 + np.exp(-(Z @ a + np.einsum("mi,ij,mj->m", Z, np.triu(b, 1), Z) - 0.5)))

    return f


@pytest.mark.grade(2, "For a linear model w.z + b the interventional Shapley value of feature i is w_i * (x_i - mean of background[:, i]).", uses=["shapley_values"])
def test_shapley_linear_model(shapley_values, rng):
    for n in (2, 3, 4):
        w = rng.normal(0.0, 1.0, n)
        background = rng.normal(0.0, 1.0, (25, n))
        x = rng.normal(0.5, 1.0, n)
        predict = checked_predict(lambda Z, w=w: Z @ w + 0.3)
        phi = expect_shapley(shapley_values(predict, x.copy(), background.copy()), n, name=f"shapley_values ({n} features)")
        assert_array_close(phi, w * (x - background.mean(axis=0)), name=f"the array of Shapley values of a linear model ({n} features)",
                           rtol=1e-9, atol=1e-12)


@pytest.mark.grade(3, "Weight each marginal contribution v(S+{i}) - v(S) by |S|! (n-|S|-1)! / n!, summing over every S without i.", uses=["shapley_values"])
def test_shapley_matches_brute_force(shapley_values, rng):
    for n, m in ((3, 12), (4, 20), (4, 1), (3, 30)):
        function = interaction_model(rng, n)
        background = rng.normal(0.0, 1.0, (m, n))
        x = rng.normal(0.0, 1.2, n)
        expected = oracle_shapley(function, x, background)
        phi = expect_shapley(shapley_values(checked_predict(function), x.copy(), background.copy()), n,
                             name=f"shapley_values ({n} features, {m} background rows)")
        if not np.allclose(phi, expected, rtol=1e-9, atol=1e-12) and np.allclose(
                phi, wrong_shapley(function, x, background, weights="uniform"), rtol=1e-9, atol=1e-12):
            fail("every coalition got the same weight: use the Shapley weight |S|! (n-|S|-1)! / n!")
        assert_array_close(phi, expected, name=f"the array of Shapley values ({n} features, {m} background rows)",
                           rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "Efficiency: the Shapley values add up to predict(x) - mean of predict(background).", uses=["shapley_values"])
def test_shapley_efficiency(shapley_values, rng):
    columns = ["Age", "Systolic_BP", "Serum_Albumin", "White_Blood_Cells"]
    X, y = cohort(rng, 300, columns)
    model = LogisticRegression(max_iter=2000).fit(X.to_numpy(), y.to_numpy())

    def risk(Z):
        return model.predict_proba(Z)[:, 1]  # predicted 10-year mortality

    background = X.to_numpy()[:40]
    for row in (100, 150, 250):
        x = X.to_numpy()[row]
        phi = expect_shapley(shapley_values(checked_predict(risk), x.copy(), background.copy()), 4,
                             name="shapley_values of the mortality model")
        gap = float(risk(x[None])[0] - risk(background).mean())
        check(bool(abs(phi.sum() - gap) < 1e-9),
              "the Shapley values do not add up to predict(x) - mean predict(background) (check the weights and signs)")


@pytest.mark.grade(2, "v(S) is the MEAN over background rows of predict(row with the features in S set to x), not predict at the mean row.", uses=["shapley_values"])
def test_shapley_averages_predictions_over_background(shapley_values, rng):
    for n in (2, 3):
        def function(Z):  # additive but nonlinear: phi_i = g_i(x_i) - mean g_i(background_i)
            return np.exp(0.8 * Z[:, 0]) + Z[:, 1] ** 2 + (np.sin(Z[:, 2]) if Z.shape[1] > 2 else 0.0)

        background = rng.normal(0.0, 1.0, (30, n))
        x = rng.normal(0.0, 1.0, n)
        expected = oracle_shapley(function, x, background)
        phi = expect_shapley(shapley_values(checked_predict(function), x.copy(), background.copy()), n,
                             name=f"shapley_values ({n} features)")
        if not np.allclose(phi, expected, rtol=1e-9, atol=1e-12) and np.allclose(
                phi, wrong_shapley(function, x, background, value="mean_background"), rtol=1e-9, atol=1e-12):
            fail("the background was averaged before predicting: average the PREDICTIONS over the background rows")
        assert_array_close(phi, expected, name=f"the array of Shapley values of an additive model ({n} features)", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "One feature alone gets the whole difference predict(x) - mean predict(background); a feature the model ignores gets 0.", uses=["shapley_values"])
def test_shapley_single_and_ignored_features(shapley_values, rng):
    background = rng.normal(4.3, 0.35, (15, 1))  # serum albumin, g/dL
    x = np.array([3.1])

    def one(Z):
        return 1.0 / (1.0 + np.exp(3.0 * (Z[:, 0] - 4.0)))

    phi = expect_shapley(shapley_values(checked_predict(one), x.copy(), background.copy()), 1, name="shapley_values (1 feature)")
    assert_array_close(phi, [one(x[None])[0] - one(background).mean()], name="the Shapley value of a single feature",
                       rtol=1e-9, atol=1e-12)
    background = rng.normal(0.0, 1.0, (20, 4))
    x = rng.normal(0.0, 1.0, 4)

    def ignores_third(Z):
        return np.tanh(Z[:, 0] * Z[:, 1]) + Z[:, 3] ** 3

    phi = expect_shapley(shapley_values(checked_predict(ignores_third), x.copy(), background.copy()), 4,
                         name="shapley_values (4 features)")
    check(bool(abs(phi[2]) < 1e-12), "a feature the model ignores got a nonzero Shapley value")
    assert_array_close(phi, oracle_shapley(ignores_third, x, background), name="the array of Shapley values", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Background patients may be given as integers (age in years, sex 0/1): build the mixed patients as FLOATS so x's values are not truncated.", uses=["shapley_values"])
def test_shapley_integer_background(shapley_values, rng):
    for n in (2, 4):
        function = interaction_model(rng, n)
        background = rng.integers(-2, 3, size=(15, n))  # an integer array
        x = rng.normal(0.0, 1.2, n)                     # the patient's values are not whole numbers
        expected = oracle_shapley(function, x, background.astype(float))
        phi = expect_shapley(shapley_values(checked_predict(function), x.copy(), background.copy()), n,
                             name=f"shapley_values with an integer background ({n} features)")
        assert_array_close(phi, expected, name=f"the array of Shapley values with an integer background ({n} features)",
                           rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Build each mixed patient in a copy of the background: x and background must not change.", uses=["shapley_values"])
def test_shapley_leaves_inputs_unchanged(shapley_values, rng):
    background = rng.normal(0.0, 1.0, (10, 3))
    x = rng.normal(0.0, 1.0, 3)
    x_before, background_before = x.copy(), background.copy()
    expect_shapley(shapley_values(checked_predict(interaction_model(rng, 3)), x, background), 3, name="shapley_values")
    check(np.array_equal(x, x_before), "shapley_values changed x")
    check(np.array_equal(background, background_before), "shapley_values changed background")


@pytest.mark.grade(1, "If x is not 1-D, or background is not a 2-D array with one column per entry of x, raise ValueError.", uses=["shapley_values"])
def test_shapley_rejects_mismatched_shapes(shapley_values, rng):
    predict = checked_predict(lambda Z: Z.sum(axis=1))
    for x, background in ((rng.normal(size=3), rng.normal(size=(5, 2))), (rng.normal(size=2), rng.normal(size=(5, 3))),
                          (rng.normal(size=2), rng.normal(size=2)), (rng.normal(size=(1, 3)), rng.normal(size=(5, 3)))):
        try:
            shapley_values(predict, x, background)
        except ValueError:
            continue
        except NotImplementedError:
            raise
        except Exception as exc:  # the learner's own exception: shown by type only
            fail(f"x of shape {x.shape} with background of shape {background.shape}: raised {type(exc).__name__} instead of ValueError")
        fail(f"x of shape {x.shape} with background of shape {background.shape}: returned a value instead of raising ValueError")


# --- Grad-CAM ------------------------------------------------------------------------------------


def seeded_(model, seed, scale=1.0):
    """Give every parameter of a fresh model numpy-seeded values (He-normal weights, small biases)."""
    draw = np.random.default_rng(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.endswith("weight"):
                std = scale * np.sqrt(2.0 / parameter[0].numel())
            else:
                std = 0.1
            parameter.copy_(torch.from_numpy(draw.normal(0.0, std, tuple(parameter.shape)).astype(np.float32)))
    return model.eval()


def three_class_cnn(seed):
    """A second small CNN with three findings (normal, nodule, effusion); its last conv is layer 3."""
    model = nn.Sequential(
        nn.Conv2d(1, 6, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 12, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(12, 3),
    )
    return seeded_(model, seed)


def flatten_head_cnn(seed, size):
    """A CNN whose head reads every position (Flatten + Linear): its gradients differ across the map."""
    model = nn.Sequential(
        nn.Conv2d(1, 6, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 8, 3, stride=2, padding=1), nn.Tanh(),
        nn.Flatten(), nn.Linear(8 * ((size // 2 + 1) // 2) ** 2, 2),
    )
    return seeded_(model, seed)


def oracle_cam(model, image, layer, class_index, *, weights="gradient", relu="before", normalize=True,
               size=None, mode="bilinear", align_corners=False):
    """Grad-CAM without hooks: A = model[:layer + 1](image), dScore/dA by torch.autograd.grad.

    The keyword arguments recompute known mistakes (weights from activations, no ReLU or ReLU
    after upsampling, no normalization, another size or interpolation).
    """
    with torch.enable_grad():
        activation = model[: layer + 1](image.clone()).detach().requires_grad_(True)
        score = model[layer + 1 :](activation)[0, class_index]
        (gradient,) = torch.autograd.grad(score, activation)
    activation = activation.detach()
    w = (gradient if weights == "gradient" else activation).mean(dim=(2, 3), keepdim=True)
    cam = (w * activation).sum(dim=1, keepdim=True)
    if relu == "before":
        cam = torch.relu(cam)
    size = tuple(image.shape[-2:]) if size is None else size
    cam = F.interpolate(cam, size=size, mode=mode, **({"align_corners": align_corners} if mode == "bilinear" else {}))
    if relu == "after":
        cam = torch.relu(cam)
    cam = cam[0, 0].numpy().astype(np.float64)
    if normalize == "min-max":
        cam = (cam - cam.min()) / (cam.max() - cam.min())
    elif normalize:
        peak = cam.max()
        cam = cam / peak if peak > 0 else np.zeros_like(cam)
    return cam


def mistakes_for(model, image, layer, class_index):
    """(what a known mistake returns, what to tell the learner) for one Grad-CAM case."""
    h, w = image.shape[-2:]
    assert oracle_cam(model, image, layer, class_index).max() == 1.0, "grader invariant: this case has positive evidence"
    cases = [
        (dict(weights="activation"), "the channel weights were taken from the activations; use the mean of the GRADIENTS"),
        (dict(relu=None), "negative evidence was kept: apply ReLU to the weighted sum of the feature maps"),
        (dict(relu="after"), "the ReLU was applied after upsampling: apply it to the small map, then upsample"),
        (dict(normalize=False), "the map is not normalized: divide it by its maximum so that the peak is 1"),
        (dict(normalize="min-max"), "the minimum was subtracted before scaling: only divide by the maximum"),
        (dict(align_corners=True), "upsample with align_corners=False (PyTorch's default), not True"),
        (dict(mode="nearest"), "the map was upsampled with nearest-neighbour interpolation; use bilinear"),
    ]
    wrong = [(oracle_cam(model, image, layer, class_index, **kwargs), message) for kwargs, message in cases]
    if h != w:
        wrong.append((oracle_cam(model, image, layer, class_index, size=(w, h)),
                      "height and width are swapped in the upsampling size: size=(H, W)"))
    n_classes = model(image).shape[1]
    for other in range(n_classes):
        if other != class_index:
            wrong.append((oracle_cam(model, image, layer, other),
                          "the map explains another class: take the gradient of scores[0, category_index]"))
    return wrong


def expect_cam(result, expected, *, name, mistakes=()):
    """Type, shape and NaN first; a recognised mistake is named; then the values (float32 tolerances)."""
    array = expect_array(result, name=name, ndim=2, allow_nan=True)
    check(array.dtype.kind == "f", f"{name} has dtype {array.dtype}; it should be a float array")
    if array.shape == expected.shape and not np.isnan(array).any() and np.allclose(array, expected, rtol=1e-4, atol=1e-5):
        return
    for wrong, message in mistakes:
        if array.shape == wrong.shape and not np.isnan(array).any() and np.allclose(array, wrong, rtol=1e-4, atol=1e-5):
            fail(f"{name}: {message}")
    check(array.shape == expected.shape,
          f"{name} has shape {array.shape}; it should have the image's height and width {expected.shape}")
    check(not np.isnan(array).any(), f"{name} contains NaN")
    assert_array_close(array, expected, name=name, rtol=1e-4, atol=1e-5)


def crop(image, height, width):
    return image[..., :height, :width].contiguous()


@pytest.mark.grade(1, "Return an (H, W) numpy float array (not a tensor), the size of the input image, with values in [0, 1].", uses=["grad_cam"])
def test_grad_cam_returns_map_of_image_size(grad_cam):
    model, image = nodule_cnn(seed=3), xray_tensor(32, nodule=True, seed=5)
    cam = expect_array(grad_cam(model, image, 1, "6"), name="grad_cam's result", shape=(32, 32), kind="f")
    check(bool(cam.min() >= 0.0 and cam.max() <= 1.0 + 1e-6), "grad_cam's result should lie between 0 and 1")


@pytest.mark.grade(3, "cam = ReLU(sum_k w_k A_k) with w_k = mean over (h, w) of dScore/dA_k, bilinearly upsampled, divided by its max.", timeout=20, uses=["grad_cam"])
@pytest.mark.parametrize(
    "model_seed, image_seed, nodule, class_index",
    [(0, 1, True, 1), (0, 2, False, 0), (7, 3, True, 0), (11, 4, True, 1)],
    ids=["model0-image1-nodule-class1", "model0-image2-clear-class0", "model7-image3-nodule-class0", "model11-image4-nodule-class1"],
)
def test_grad_cam_matches_autograd(grad_cam, model_seed, image_seed, nodule, class_index):
    model, image = nodule_cnn(seed=model_seed), xray_tensor(32, nodule=nodule, seed=image_seed)
    expected = oracle_cam(model, image, 6, class_index)
    mistakes = mistakes_for(model, image, 6, class_index)
    expect_cam(grad_cam(model, image, class_index, "6"), expected, mistakes=mistakes,
               name=f"the Grad-CAM of class {class_index} at the last conv layer")


@pytest.mark.grade(2, "Keep only positive evidence: ReLU of the weighted sum of feature maps, BEFORE upsampling; nothing is negative.", uses=["grad_cam"])
@pytest.mark.parametrize("seed, class_index", [(1, 0), (4, 1)], ids=["seed1-class0", "seed4-class1"])
def test_grad_cam_relu_removes_negative_evidence(grad_cam, seed, class_index):
    model, image = three_class_cnn(seed), xray_tensor(32, nodule=True, seed=seed)
    raw = oracle_cam(model, image, 3, class_index, relu=None, normalize=False)
    assert raw.min() < 0 < raw.max(), "grader invariant: this map has negative and positive evidence"
    cam = expect_array(grad_cam(model, image, class_index, "3"), name="grad_cam's result", shape=(32, 32), kind="f")
    check(bool(cam.min() >= -1e-7), "the map has negative values: apply ReLU to the weighted sum of the feature maps")
    expect_cam(cam, oracle_cam(model, image, 3, class_index), mistakes=mistakes_for(model, image, 3, class_index),
               name=f"the Grad-CAM of class {class_index}")


@pytest.mark.grade(2, "The weight of feature map k is the average GRADIENT of the class score over its h x w positions, not of the activations.", uses=["grad_cam"])
def test_grad_cam_weights_are_mean_gradients(grad_cam):
    for seed in (2, 6):
        model, image = flatten_head_cnn(seed, 32), xray_tensor(32, nodule=True, seed=seed)
        expected = oracle_cam(model, image, 4, 1)
        activation_weighted = oracle_cam(model, image, 4, 1, weights="activation")
        assert not np.allclose(expected, activation_weighted, atol=1e-3), "grader invariant: the two weightings differ"
        expect_cam(grad_cam(model, image, 1, "4"), expected, mistakes=mistakes_for(model, image, 4, 1),
                   name="the Grad-CAM at a tanh layer read by a dense head")


@pytest.mark.grade(1, "Divide the upsampled map by its maximum so that the strongest evidence is exactly 1.", uses=["grad_cam"])
def test_grad_cam_peak_is_one(grad_cam):
    for seed in (4, 7):  # seed 4: positive evidence everywhere, so the smallest value is above 0
        model, image = nodule_cnn(seed=seed), xray_tensor(32, nodule=True, seed=seed)
        cam = expect_array(grad_cam(model, image, 1, "6"), name="grad_cam's result", shape=(32, 32), kind="f")
        check(bool(abs(cam.max() - 1.0) < 1e-5), "the largest value of the map should be exactly 1 (divide by the maximum)")
        expect_cam(cam, oracle_cam(model, image, 6, 1), mistakes=mistakes_for(model, image, 6, 1), name="the Grad-CAM")


@pytest.mark.grade(2, "Upsample to the image's own (H, W) = image.shape[-2:] with mode='bilinear', align_corners=False; H and W may differ.", uses=["grad_cam"])
@pytest.mark.parametrize(
    "height, width, class_index", [(38, 30, 0), (32, 46, 0), (41, 44, 1)], ids=["38x30-class0", "32x46-class0", "41x44-class1"],
)
def test_grad_cam_non_square_image(grad_cam, height, width, class_index):
    film = xray_tensor(48, nodule=True, seed=12)
    model, image = nodule_cnn(seed=height), crop(film, height, width)
    result = grad_cam(model, image, class_index, "6")
    array = expect_array(result, name="grad_cam's result", ndim=2, kind="f")
    check(array.shape == (height, width),
          f"for a {height} x {width} image the map has shape {array.shape}; upsample to the image's (H, W)")
    expect_cam(array, oracle_cam(model, image, 6, class_index), mistakes=mistakes_for(model, image, 6, class_index),
               name=f"the Grad-CAM of a {height} x {width} image")


@pytest.mark.grade(1, "Explain the class you are asked about: the gradient of scores[0, category_index], even when another class scores higher.", uses=["grad_cam"])
def test_grad_cam_explains_requested_class(grad_cam):
    model, image = three_class_cnn(21), xray_tensor(32, nodule=True, seed=21)
    top = int(model(image).argmax())
    for class_index in range(3):
        expect_cam(grad_cam(model, image, class_index, "3"), oracle_cam(model, image, 3, class_index),
                   mistakes=mistakes_for(model, image, 3, class_index),
                   name=f"the Grad-CAM of class {class_index} (the top class is {top})")


@pytest.mark.grade(1, "Any layer can be the target: use the shape of ITS output (here an earlier conv layer at half resolution).", uses=["grad_cam"])
def test_grad_cam_earlier_layer(grad_cam):
    model, image = nodule_cnn(seed=4), crop(xray_tensor(40, nodule=True, seed=4), 40, 36)
    for layer in (3, 4):
        expect_cam(grad_cam(model, image, 1, str(layer)), oracle_cam(model, image, layer, 1),
                   mistakes=mistakes_for(model, image, layer, 1), name=f"the Grad-CAM at layer {layer} of the CNN")


@pytest.mark.grade(1, "If the map is 0 everywhere (no positive evidence), return an array of zeros (the course's cam / cam.max() gives NaN there, also accepted).", uses=["grad_cam"])
def test_grad_cam_without_positive_evidence_is_zero(grad_cam):
    model = seeded_(nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                  nn.Linear(4, 2)), 13)
    with torch.no_grad():
        model[4].weight[1] = -model[4].weight[1].abs() - 0.1  # every feature map counts AGAINST class 1
    image = xray_tensor(24, nodule=True, seed=13)
    result = grad_cam(model, image, 1, "1")
    array = expect_array(result, name="grad_cam's result", shape=(24, 24), kind="f", allow_nan=True)
    if np.isnan(array).all():  # the course's cam / cam.max() with a maximum of 0
        return
    check(not np.isnan(array).any(),
          "the map contains NaN in some places only: when its maximum is 0, return zeros instead of dividing by the maximum")
    check(bool(np.all(array == 0.0)), "with no positive evidence anywhere, the map should be all zeros")


@pytest.mark.grade(1, "Remove every hook you register (handle.remove()) and leave the model, its mode and the image as they were.", uses=["grad_cam"])
def test_grad_cam_leaves_model_and_image_clean(grad_cam):
    model, image = nodule_cnn(seed=2), xray_tensor(32, nodule=True, seed=2)
    before = model(image).detach().clone()
    pixels = image.clone()
    expect_array(grad_cam(model, image, 1, "6"), name="grad_cam's result", shape=(32, 32), kind="f")
    for index, module in enumerate(model):
        hooks = (len(module._forward_hooks) + len(module._forward_pre_hooks) + len(module._backward_hooks)
                 + len(getattr(module, "_backward_pre_hooks", {})))
        check(hooks == 0, f"a hook is still registered on layer {index} of the model: remove it before returning")
    check(not model.training, "grad_cam switched the model to training mode")
    check(bool(torch.equal(image, pixels)) and not image.requires_grad, "grad_cam changed the image tensor")
    check(bool(torch.equal(model(image).detach(), before)), "the model's outputs changed after grad_cam (were weights modified?)")
