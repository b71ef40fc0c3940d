"""Hidden graders for ai4med-c2w2 (tree-based prognosis, missing data, imputation, hold-out grid search).

Data: a seeded synthetic cardiovascular-risk cohort (`make_cohort`) with realistic magnitudes and
values missing at random given age (older patients miss blood pressure more often), and a
ten-year death outcome. Oracles: scikit-learn itself (SimpleImputer / IterativeImputer with the
course's settings fitted on the training split, RandomForestClassifier with the same settings,
roc_auc_score, which for a 0/1 outcome is the course's C-index, lifelines' concordance_index),
pandas (isnull, dropna) and, for the grid-search logic, small fake estimators whose validation
C-index is known by construction. The course's own code (tests/course_style/ai4med-c2w2) must
get full marks: imputed frames may come back with a fresh 0..n-1 index, ties in the grid search
go to the last combination (the course's `>=`).
"""

from __future__ import annotations

import inspect
import itertools
from typing import Any

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import RandomForestClassifier
from sklearn.experimental import enable_iterative_imputer  # noqa: F401
from sklearn.impute import IterativeImputer, SimpleImputer
from sklearn.metrics import roc_auc_score

from autograde.checks import (
    assert_array_close, assert_close, assert_real_answer, call_checked, check, expect_array, expect_frame, expect_series, expect_tuple, fail,
)

FEATURES = ["age", "systolic_bp", "cholesterol", "bmi", "heart_rate"]


# --- data ----------------------------------------------------------------------------------------


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def make_cohort(rng, n: int, *, age_mean: float = 58.0, missing: bool = True, first_id: int = 10_000):
    """A clinic cohort: features (years, mmHg, mg/dL, kg/m^2, beats/min) and death within ten years.

    Missingness is not completely at random: systolic BP is missing more often in older patients,
    cholesterol mostly in patients who were not fasting (at random, ~15 %), BMI more often in
    younger patients. The index is a shuffled set of patient ids, never 0..n-1.
    """
    age = np.clip(rng.normal(age_mean, 9.0, n), 35, 95).round()
    sbp = (112 + 0.55 * (age - 50) + rng.normal(0, 14, n)).round()
    chol = (rng.normal(205, 36, n) + 0.4 * (age - 58)).round()
    bmi = (rng.normal(27.5, 4.3, n) + 0.01 * (chol - 205)).round(1)
    hr = (rng.normal(73, 10, n) + 0.05 * (sbp - 130)).round()
    logit = -2.4 + 0.085 * (age - 60) + 0.022 * (sbp - 135) + 0.006 * (chol - 205) + 0.06 * (bmi - 27.5) + 0.02 * (hr - 73)
    died = (rng.random(n) < _sigmoid(logit)).astype(int)
    ids = first_id + rng.permutation(3 * n)[:n]
    X = pd.DataFrame({"age": age, "systolic_bp": sbp, "cholesterol": chol, "bmi": bmi, "heart_rate": hr}, index=ids)
    if missing:
        X.loc[rng.random(n) < _sigmoid(-2.2 + 0.09 * (age - 60)), "systolic_bp"] = np.nan
        X.loc[rng.random(n) < 0.15, "cholesterol"] = np.nan
        X.loc[rng.random(n) < _sigmoid(-2.0 - 0.05 * (age - 60)), "bmi"] = np.nan
    y = pd.Series(died, index=ids, name="death_10y")
    return X, y


def two_clinics(rng, n_train: int = 300, n_test: int = 150):
    """Training patients from one clinic and test patients from an older one (different means)."""
    X_train, y_train = make_cohort(rng, n_train, age_mean=57.0, first_id=10_000)
    X_test, y_test = make_cohort(rng, n_test, age_mean=71.0, first_id=50_000)
    return X_train, y_train, X_test, y_test


# --- private checks (not in autograde.checks) ---------------------------------------------------


def _frame_values(value: Any, like: pd.DataFrame, name: str) -> np.ndarray:
    """A DataFrame with like's columns and number of rows → its values as floats, in like's column order."""
    frame = expect_frame(value, name=name, columns=list(like.columns), n_rows=len(like))
    try:
        values = frame[list(like.columns)].to_numpy(dtype=float)
    except (TypeError, ValueError):
        fail(f"{name} should hold numbers only")
    return expect_array(values, name=name)


def _check_layout(value: Any, like: pd.DataFrame, name: str) -> None:
    """Same column labels in the same order, and the same index labels in the same order, as like."""
    frame = expect_frame(value, name=name, columns=list(like.columns), n_rows=len(like))
    labels = list(frame.columns)
    check(
        all(type(c) is str for c in labels) and [str(c) for c in labels] == list(like.columns),
        f"{name} should keep the columns in the order of the input",
    )
    index = np.asarray(frame.index.to_numpy())
    check(
        index.dtype.kind in "iu" and np.array_equal(index.astype(np.int64), like.index.to_numpy()),
        f"{name} lost the patients' index labels (keep the index of the input frame, do not reset it)",
    )


_PLAIN = (type(None), bool, int, float, str)


def _plain_equal(got: Any, expected: Any) -> bool:
    """Equality for trusted plain data (None, bool, int, float, str, list, tuple, dict), exact types only."""
    if type(got) is not type(expected):
        return False
    if isinstance(expected, _PLAIN):
        return got == expected
    if isinstance(expected, (list, tuple)):
        return len(got) == len(expected) and all(_plain_equal(a, b) for a, b in zip(got, expected))
    if isinstance(expected, dict):
        return set(map(repr, got)) == set(map(repr, expected)) and all(
            k in got and _plain_equal(got[k], expected[k]) for k in expected
        )
    raise TypeError(f"grader invariant: _plain_equal does not handle {type(expected)}")


def _check_imputed_layout(value: Any, like: pd.DataFrame, name: str) -> None:
    """Same column labels in the same order as like; the index is like's or the default 0..n-1
    (the course rebuilds imputed frames with pd.DataFrame(values, columns=X.columns))."""
    frame = expect_frame(value, name=name, columns=list(like.columns), n_rows=len(like))
    labels = list(frame.columns)
    check(
        all(type(c) is str for c in labels) and [str(c) for c in labels] == list(like.columns),
        f"{name} should keep the columns in the order of the input",
    )
    index = np.asarray(frame.index.to_numpy())
    kept = index.dtype.kind in "iu" and np.array_equal(index.astype(np.int64), like.index.to_numpy())
    fresh = index.dtype.kind in "iu" and np.array_equal(index.astype(np.int64), np.arange(len(like)))
    check(
        kept or fresh,
        f"{name} has index labels that are neither the input's nor 0..n-1: rows were reordered or relabelled",
    )
    check(all(frame[c].dtype.kind == "f" for c in frame.columns), f"{name} should hold floats in every column")


def _pair(result: Any, name: str) -> tuple:
    return expect_tuple(result, name=f"what {name} returned", length=2)


# --- fake estimators for the grid-search logic --------------------------------------------------


class ColumnRisk:
    """Fake classifier: its predicted risk is sigmoid(sign * X[:, column]); fitting only records the data size.

    Its validation C-index is therefore fixed by the data the grader builds, so which combination is
    the best (and which would win on the training set instead) is known by construction.
    """

    def __init__(self, column: int = 0, sign: int = 1):
        self.column = column
        self.sign = sign

    def fit(self, X, y):
        self.n_fit_ = len(np.asarray(X))
        self.fit_first_row_ = np.asarray(X, dtype=float)[0].copy()
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):
        if not hasattr(self, "n_fit_"):
            raise RuntimeError("ColumnRisk.predict_proba was called before fit")
        p = _sigmoid(self.sign * np.asarray(X, dtype=float)[:, self.column])
        return np.column_stack([1.0 - p, p])


def column_data(rng, n: int, strengths: list[float], noise: float = 1.0):
    """Features whose column j is strengths[j] * y + noise: column j's C-index grows with strengths[j]."""
    y = np.zeros(n, dtype=int)
    y[: n // 3] = 1
    y = rng.permutation(y)
    X = np.column_stack([s * y + rng.normal(0.0, noise, n) for s in strengths])
    ids = 20_000 + rng.permutation(4 * n)[:n]
    return pd.DataFrame(X, columns=[f"marker_{j}" for j in range(len(strengths))], index=ids), pd.Series(y, index=ids)


def _val_auc(X, y, column, sign=1):
    return roc_auc_score(y, sign * X.iloc[:, column].to_numpy())


# --- fraction_rows_missing -----------------------------------------------------------------------


@pytest.mark.grade(2, "Count patients (rows) with at least one gap, not missing cells: any() across each row.", uses=["fraction_rows_missing"])
def test_fraction_rows_missing_cohort(fraction_rows_missing, rng):
    for n in (40, 257):
        X, _ = make_cohort(rng, n)
        X.iloc[:4, 1:4] = np.nan  # a few patients with several gaps each
        expected = float(X.isnull().any(axis=1).mean())
        assert 0.0 < expected < 1.0, "grader invariant: the cohort has complete and incomplete rows"
        got = fraction_rows_missing(X.copy())
        assert_close(got, expected, name=f"the fraction of rows missing ({n} patients)", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(1, "No gap at all gives 0.0, a gap in every row gives 1.0; None in a text column is missing too.", uses=["fraction_rows_missing"])
def test_fraction_rows_missing_edges(fraction_rows_missing, rng):
    X, _ = make_cohort(rng, 30, missing=False)
    got = fraction_rows_missing(X)
    assert_close(got, 0.0, name="the fraction for a cohort with no missing values", atol=0.0)

    values = X.to_numpy(dtype=float)
    values[np.arange(30), np.arange(30) % 5] = np.nan  # exactly one gap per patient, in rotating columns
    every_row = pd.DataFrame(values, columns=X.columns, index=X.index)
    got = fraction_rows_missing(every_row)
    assert_close(got, 1.0, name="the fraction when every patient has one gap", atol=1e-12)

    mixed = pd.DataFrame(
        {
            "smoking_status": ["never", None, "current", "former", "never"],
            "sex": ["F", "M", "M", "F", "F"],
            "systolic_bp": [132.0, 141.0, np.nan, 120.0, 118.0],
        },
        index=[7, 3, 11, 5, 2],
    )
    got = fraction_rows_missing(mixed)
    assert_close(got, 0.4, name="the fraction for a table with text columns (None is missing)", atol=1e-12)


@pytest.mark.grade(1, "Count on what isnull() returns; do not add a helper column to, or drop rows from, the caller's df.", uses=["fraction_rows_missing"])
def test_fraction_rows_missing_leaves_input_unchanged(fraction_rows_missing, rng):
    X, _ = make_cohort(rng, 80)
    expected = float(X.isnull().any(axis=1).mean())
    got = call_checked(fraction_rows_missing, X.copy(), name="fraction_rows_missing", unchanged=True)
    assert_close(got, expected, name="the fraction of rows missing", rtol=1e-12, atol=1e-12)  # a real answer, too


# --- drop_missing_rows ---------------------------------------------------------------------------


@pytest.mark.grade(1, "Drop rows (patients), not columns (measurements): dropna(axis='index'), keeping every column.", uses=["drop_missing_rows"])
def test_drop_missing_rows_keeps_complete_patients(drop_missing_rows, rng):
    X, y = make_cohort(rng, 120)
    expected = X.dropna(axis="index")
    result = _pair(drop_missing_rows(X.copy(), y.copy()), "drop_missing_rows")
    values = _frame_values(result[0], expected, "X_complete")
    assert_array_close(values, expected.to_numpy(dtype=float), name="X_complete", rtol=0, atol=0)
    _check_layout(result[0], expected, "X_complete")


@pytest.mark.grade(2, "Select the outcomes by the index labels of the rows you kept (.loc), not by position.", uses=["drop_missing_rows"])
def test_drop_missing_rows_outcomes_aligned(drop_missing_rows, rng):
    X, y = make_cohort(rng, 150)
    X_expected = X.dropna(axis="index")
    expected = y.loc[X_expected.index]
    result = _pair(drop_missing_rows(X.copy(), y.copy()), "drop_missing_rows")
    y_complete = expect_series(result[1], name="y_complete", n_rows=len(expected))
    index = np.asarray(y_complete.index.to_numpy())
    check(
        index.dtype.kind in "iu" and np.array_equal(index.astype(np.int64), expected.index.to_numpy()),
        "y_complete should have the same index labels, in the same order, as X_complete",
    )
    labels = expect_array(y_complete.to_numpy(), name="y_complete values", kind="iub")
    check(
        np.array_equal(labels.astype(int), expected.to_numpy()),
        "y_complete holds outcomes of the wrong patients: match them to the kept rows by index label",
    )


@pytest.mark.grade(1, "Work on what dropna returns; do not drop rows in place from the caller's X or y.", uses=["drop_missing_rows"])
def test_drop_missing_rows_leaves_inputs_unchanged(drop_missing_rows, reference, rng):
    X, y = make_cohort(rng, 60)
    X_before, y_before = X.copy(), y.copy()
    assert_real_answer(drop_missing_rows(X, y), reference.get("drop_missing_rows")(X_before.copy(), y_before.copy()),
                       name="drop_missing_rows(X, y)")
    check(X.equals(X_before) and list(X.index) == list(X_before.index), "drop_missing_rows changed the X it was given")
    check(y.equals(y_before) and list(y.index) == list(y_before.index), "drop_missing_rows changed the y it was given")


# --- impute_mean ---------------------------------------------------------------------------------


def _imputed(imputer, name, X_train, X_test, part):
    """The learner's imputed train (part 0) or test (part 1) frame as trusted floats, layout checked."""
    like, label = (X_train, "train_imputed") if part == 0 else (X_test, "test_imputed")
    result = _pair(imputer(X_train.copy(), X_test.copy()), name)
    return _frame_values(result[part], like, label)


def _check_imputer_layout(imputer, name, rng):
    X_train, _, X_test, _ = two_clinics(rng, 80, 40)
    result = _pair(imputer(X_train.copy(), X_test.copy()), name)
    _check_imputed_layout(result[0], X_train, "train_imputed")
    _check_imputed_layout(result[1], X_test, "test_imputed")


def _mean_oracle(X_train, X_test):
    imputer = SimpleImputer(strategy="mean").fit(X_train)
    return imputer.transform(X_train), imputer.transform(X_test)


@pytest.mark.grade(2, "Fit the mean imputer on the training patients only, then transform the training set with it.", uses=["impute_mean"])
def test_impute_mean_training_set(impute_mean, rng):
    X_train, _, X_test, _ = two_clinics(rng)
    expected, _ = _mean_oracle(X_train, X_test)
    values = _imputed(impute_mean, "impute_mean", X_train, X_test, 0)
    assert_array_close(values, expected, name="train_imputed", rtol=1e-9, atol=1e-9)


@pytest.mark.grade(2, "Test gaps are filled with the TRAINING means: the test patients' own mean leaks information.", uses=["impute_mean"])
def test_impute_mean_test_set_uses_training_means(impute_mean, rng):
    X_train, _, X_test, _ = two_clinics(rng)
    _, expected = _mean_oracle(X_train, X_test)
    values = _imputed(impute_mean, "impute_mean", X_train, X_test, 1)
    assert_array_close(values, expected, name="test_imputed", rtol=1e-9, atol=1e-9)


@pytest.mark.grade(1, "One new patient whose cholesterol was never measured: only the training data can fill it.", uses=["impute_mean"])
def test_impute_mean_single_new_patient(impute_mean, rng):
    X_train, _, X_test, _ = two_clinics(rng)
    patient = X_test.iloc[[0]].copy()
    patient["cholesterol"] = np.nan
    patient["systolic_bp"] = np.nan
    _, expected = _mean_oracle(X_train, patient)
    result = _pair(impute_mean(X_train.copy(), patient.copy()), "impute_mean")
    values = _frame_values(result[1], patient, "test_imputed for a single patient")
    assert_array_close(values, expected, name="test_imputed for a single patient", rtol=1e-9, atol=1e-9)


@pytest.mark.grade(1, "Rebuild each DataFrame with columns=X.columns of the frame it came from, rows in the same order (index=X.index or the default 0..n-1).", uses=["impute_mean"])
def test_impute_mean_keeps_index_and_columns(impute_mean, rng):
    _check_imputer_layout(impute_mean, "impute_mean", rng)


@pytest.mark.grade(1, "Do not fill the caller's frames in place (no fillna(inplace=True) on the inputs).", uses=["impute_mean"])
def test_impute_mean_leaves_inputs_unchanged(impute_mean, reference, rng):
    X_train, _, X_test, _ = two_clinics(rng, 80, 40)
    train_before, test_before = X_train.copy(), X_test.copy()
    assert_real_answer(impute_mean(X_train, X_test), reference.get("impute_mean")(train_before.copy(), test_before.copy()),
                       name="impute_mean(X_train, X_test)")
    check(X_train.equals(train_before), "impute_mean changed the X_train it was given")
    check(X_test.equals(test_before), "impute_mean changed the X_test it was given")


# --- impute_iterative ----------------------------------------------------------------------------


def _course_iterative_imputer(random_state=0):
    """The course's imputer: one round of BayesianRidge regressions, nothing imputed below 0."""
    return IterativeImputer(random_state=random_state, sample_posterior=False, max_iter=1, min_value=0)


def _iterative_oracle(X_train, X_test, random_state=0):
    imputer = _course_iterative_imputer(random_state).fit(X_train)
    return imputer.transform(X_train), imputer.transform(X_test)


@pytest.mark.grade(2, "The course's IterativeImputer(random_state=0, sample_posterior=False, max_iter=1, min_value=0), fitted on the training patients.", uses=["impute_iterative"])
def test_impute_iterative_training_set(impute_iterative, rng):
    X_train, _, X_test, _ = two_clinics(rng)
    expected, _ = _iterative_oracle(X_train, X_test)
    values = _imputed(impute_iterative, "impute_iterative", X_train, X_test, 0)
    assert_array_close(values, expected, name="train_imputed", rtol=1e-6, atol=1e-6)


@pytest.mark.grade(2, "Transform the test patients with the imputer fitted on train; never fit it on test (or train + test).", uses=["impute_iterative"])
def test_impute_iterative_test_set_uses_training_fit(impute_iterative, rng):
    X_train, _, X_test, _ = two_clinics(rng)
    _, expected = _iterative_oracle(X_train, X_test)
    values = _imputed(impute_iterative, "impute_iterative", X_train, X_test, 1)
    assert_array_close(values, expected, name="test_imputed", rtol=1e-6, atol=1e-6)


@pytest.mark.grade(1, "min_value=0: a regression can extrapolate a measurement below zero; the course's imputer stops it at 0.", uses=["impute_iterative"])
def test_impute_iterative_never_below_zero(impute_iterative, rng):
    # C-reactive protein (mg/L) falls as HDL cholesterol (mg/dL) rises; patients with a very high
    # HDL and no CRP measured lie beyond the training range, where the line drops below 0.
    n = 90
    hdl = rng.uniform(30.0, 90.0, n).round()
    crp = np.clip(4.2 - 0.045 * hdl + rng.normal(0.0, 0.25, n), 0.1, None).round(2)
    ids = 30_000 + rng.permutation(3 * n)[:n]
    X_train = pd.DataFrame({"hdl": hdl, "crp": crp}, index=ids)
    X_train.loc[rng.random(n) < 0.1, "crp"] = np.nan
    X_test = pd.DataFrame({"hdl": [118.0, 60.0, 130.0], "crp": [np.nan, np.nan, np.nan]}, index=[5, 2, 9])
    _, expected = _iterative_oracle(X_train, X_test)
    unclipped = IterativeImputer(random_state=0, sample_posterior=False, max_iter=1).fit(X_train).transform(X_test)
    assert (unclipped[:, 1] < 0).sum() == 2 and (expected[:, 1] == 0).sum() == 2, "grader invariant: extrapolation below 0"
    result = _pair(impute_iterative(X_train.copy(), X_test.copy()), "impute_iterative")
    values = _frame_values(result[1], X_test, "test_imputed")
    if (values < 0).any():
        fail("test_imputed holds a negative measurement: the course's imputer uses min_value=0")
    assert_array_close(values, expected, name="test_imputed for patients beyond the training range", rtol=1e-6, atol=1e-6)


@pytest.mark.grade(1, "Wrap the imputer's arrays back into DataFrames with the input's columns, rows in the same order.", uses=["impute_iterative"])
def test_impute_iterative_keeps_index_and_columns(impute_iterative, rng):
    _check_imputer_layout(impute_iterative, "impute_iterative", rng)


@pytest.mark.grade(1, "The imputer returns new arrays; the caller's frames must keep their gaps.", uses=["impute_iterative"])
def test_impute_iterative_leaves_inputs_unchanged(impute_iterative, reference, rng):
    X_train, _, X_test, _ = two_clinics(rng, 80, 40)
    train_before, test_before = X_train.copy(), X_test.copy()
    assert_real_answer(impute_iterative(X_train, X_test),
                       reference.get("impute_iterative")(train_before.copy(), test_before.copy()),
                       name="impute_iterative(X_train, X_test)")
    check(X_train.equals(train_before), "impute_iterative changed the X_train it was given")
    check(X_test.equals(test_before), "impute_iterative changed the X_test it was given")


# --- holdout_grid_search -------------------------------------------------------------------------


def _grid_oracle(clf, X_train, y_train, X_val, y_val, hyperparams, fixed):
    """The course's search: product order, fit on train, C-index (ROC AUC) on validation, `>=`: the last best wins."""
    best = (None, None, -np.inf)
    for values in itertools.product(*hyperparams.values()):
        combination = dict(zip(hyperparams, values))
        model = clf(**combination, **fixed).fit(X_train, y_train)
        score = roc_auc_score(y_val, model.predict_proba(X_val)[:, 1])
        if score >= best[2]:
            best = (model, combination, score)
    return best[0], {**best[1], **fixed}


@pytest.mark.grade(3, "Fit clf(**combination, **fixed_hyperparams) on train for every combination; keep the best validation C-index.", timeout=30, verify=False, uses=["holdout_grid_search"])
def test_grid_search_random_forest(holdout_grid_search, rng):
    X, y = make_cohort(rng, 500, missing=False)
    X_train, y_train, X_val, y_val = X.iloc[:320], y.iloc[:320], X.iloc[320:], y.iloc[320:]
    hyperparams = {"n_estimators": [5, 15], "max_depth": [2, 4, None], "min_samples_leaf": [1, 8]}
    fixed = {"random_state": int(rng.integers(0, 1000))}
    best_model, best_params = _grid_oracle(RandomForestClassifier, X_train, y_train, X_val, y_val, hyperparams, fixed)
    result = _pair(
        holdout_grid_search(
            RandomForestClassifier, X_train, y_train, X_val, y_val, {k: list(v) for k, v in hyperparams.items()}, dict(fixed)
        ),
        "holdout_grid_search",
    )
    estimator, params = result
    check(type(params) is dict, "best_hyperparams should be a dict")
    check(_plain_equal(params, best_params), "best_hyperparams is not the combination with the best validation C-index")
    check(type(estimator) is RandomForestClassifier, "best_estimator should be a fitted RandomForestClassifier")
    risk = estimator.predict_proba(X_val)[:, 1]
    assert_array_close(risk, best_model.predict_proba(X_val)[:, 1], name="the best estimator's validation risks", rtol=1e-9)


@pytest.mark.grade(2, "Score each combination on the VALIDATION set (X_val_hp, y_val_hp): on the training set the most overfit one wins.", uses=["holdout_grid_search"])
def test_grid_search_scores_on_validation(holdout_grid_search, rng):
    # marker_3 is nearly perfect on the training patients only (it overfits), marker_2 is best on validation.
    X_train, y_train = column_data(rng, 240, [0.0, 1.0, 0.5, 6.0])
    X_val, y_val = column_data(rng, 240, [0.0, 1.0, 2.0, 0.0])
    val_auc = [_val_auc(X_val, y_val, j) for j in range(4)]
    train_auc = [_val_auc(X_train, y_train, j) for j in range(4)]
    assert int(np.argmax(val_auc)) == 2 and int(np.argmax(train_auc)) == 3, "grader invariant: train and validation disagree"
    estimator, params = _pair(
        holdout_grid_search(ColumnRisk, X_train, y_train, X_val, y_val, {"column": [0, 1, 2, 3]}, {}),
        "holdout_grid_search",
    )
    check(type(params) is dict, "best_hyperparams should be a dict")
    check(_plain_equal(params, {"column": 2}), "the chosen hyperparameters are not the best on the validation set")


@pytest.mark.grade(2, "The returned estimator is the one built and fitted (on train) with the winning combination.", verify=False, uses=["holdout_grid_search"])
def test_grid_search_estimator_matches_hyperparams(holdout_grid_search, rng):
    X_train, y_train = column_data(rng, 150, [0.5, 1.0, 0.2])
    X_val, y_val = column_data(rng, 200, [0.3, 2.5, 0.8])
    hyperparams = {"column": [0, 1, 2], "sign": [1, -1]}
    estimator, params = _pair(
        holdout_grid_search(ColumnRisk, X_train, y_train, X_val, y_val, hyperparams, {}),
        "holdout_grid_search",
    )
    check(_plain_equal(params, {"column": 1, "sign": 1}), "best_hyperparams is not the best combination")
    check(type(estimator) is ColumnRisk, "best_estimator should be an instance of clf")
    check(
        _plain_equal(estimator.column, 1) and _plain_equal(estimator.sign, 1),
        "best_estimator was built with another combination than the best one (e.g. the last one tried)",
    )
    check(hasattr(estimator, "n_fit_"), "best_estimator was never fitted")
    check(
        estimator.n_fit_ == len(X_train) and np.array_equal(estimator.fit_first_row_, X_train.iloc[0].to_numpy()),
        "best_estimator should be fitted on the training set",
    )


@pytest.mark.grade(2, "Pass fixed_hyperparams to every estimator: clf(**combination, **fixed_hyperparams).", verify=False, uses=["holdout_grid_search"])
def test_grid_search_uses_fixed_hyperparams(holdout_grid_search, rng):
    # With sign = -1 (fixed), the marker most NEGATIVELY linked to death wins: marker_0.
    X_train, y_train = column_data(rng, 150, [-2.0, 2.0, 0.0])
    X_val, y_val = column_data(rng, 200, [-2.0, 2.0, 0.0])
    estimator, params = _pair(
        holdout_grid_search(ColumnRisk, X_train, y_train, X_val, y_val, {"column": [0, 1, 2]}, {"sign": -1}),
        "holdout_grid_search",
    )
    check(type(estimator) is ColumnRisk, "best_estimator should be an instance of clf")
    check(_plain_equal(estimator.sign, -1), "the estimators were not built with fixed_hyperparams")
    check(
        type(params) is dict and _plain_equal(params.get("column"), 0),
        "the chosen combination is wrong when fixed_hyperparams change the estimator",
    )


@pytest.mark.grade(1, "best_hyperparams is a new dict: the winning combination plus every fixed hyperparameter.", uses=["holdout_grid_search"])
def test_grid_search_returns_fixed_in_best_hyperparams(holdout_grid_search, rng):
    X_train, y_train = column_data(rng, 120, [1.0, 0.0])
    X_val, y_val = column_data(rng, 150, [1.5, 0.0])
    _, params = _pair(
        holdout_grid_search(ColumnRisk, X_train, y_train, X_val, y_val, {"column": [1, 0]}, {"sign": 1}),
        "holdout_grid_search",
    )
    check(_plain_equal(params, {"column": 0, "sign": 1}), "best_hyperparams should hold the best combination and the fixed hyperparameters")


@pytest.mark.grade(1, "As in the course (`if estimator_score >= best_score`), a later combination with an equal C-index replaces the best: the last of tied ones wins.", uses=["holdout_grid_search"])
def test_grid_search_last_of_ties(holdout_grid_search, rng):
    X_train, y_train = column_data(rng, 120, [1.0, 1.0, 1.0, 1.0])
    X_val, y_val = column_data(rng, 180, [0.5, 2.0, 0.0, 0.5])
    X_val["marker_3"] = X_val["marker_1"]  # two combinations with exactly the same validation C-index
    _, params = _pair(
        holdout_grid_search(ColumnRisk, X_train, y_train, X_val, y_val, {"column": [0, 1, 2, 3]}, {}),
        "holdout_grid_search",
    )
    check(_plain_equal(params, {"column": 3}), "on a tie the last combination in product order should win (the course compares with >=)")


@pytest.mark.grade(1, "Try the combinations in itertools.product order of the lists, in hyperparams' key order (not sorted): it decides which of tied combinations is last.", uses=["holdout_grid_search"])
def test_grid_search_product_in_key_order(holdout_grid_search, rng):
    # marker_1 is marker_2 negated: (sign=1, column=2) and (sign=-1, column=1) give the same risks.
    # With the keys in the given order (sign, column) the second comes later; sorted (column, sign), the first.
    X_train, y_train = column_data(rng, 120, [1.0, 1.0, 1.0])
    X_val, y_val = column_data(rng, 180, [0.5, 0.0, 2.0])
    X_val["marker_1"] = -X_val["marker_2"]
    _, params = _pair(
        holdout_grid_search(ColumnRisk, X_train, y_train, X_val, y_val, {"sign": [1, -1], "column": [0, 1, 2]}, {}),
        "holdout_grid_search",
    )
    check(
        _plain_equal(params, {"sign": -1, "column": 1}),
        "of two tied combinations the wrong one won: loop over itertools.product of the lists in hyperparams' own key order",
    )


@pytest.mark.grade(1, "Start the best score below any possible C-index (e.g. -inf): a best model worse than chance is still the best.", verify=False, uses=["holdout_grid_search"])
def test_grid_search_best_below_chance(holdout_grid_search, rng):
    # Every marker is protective here, so with sign = +1 every C-index is below 0.5; marker_1 is the least bad.
    X_train, y_train = column_data(rng, 120, [-1.0, -0.6, -2.0])
    X_val, y_val = column_data(rng, 200, [-1.5, -0.6, -2.5])
    assert max(_val_auc(X_val, y_val, j) for j in range(3)) < 0.5, "grader invariant: all below chance"
    estimator, params = _pair(
        holdout_grid_search(ColumnRisk, X_train, y_train, X_val, y_val, {"column": [0, 1, 2]}),
        "holdout_grid_search",
    )
    check(type(estimator) is ColumnRisk, "best_estimator should be an instance of clf even when every C-index is below 0.5")
    check(_plain_equal(params, {"column": 1}), "the best combination is wrong when every C-index is below 0.5")


@pytest.mark.grade(1, "Never modify hyperparams or fixed_hyperparams, not even the default {}: build a new dict to return.", verify=False, uses=["holdout_grid_search"])
def test_grid_search_leaves_arguments_unchanged(holdout_grid_search, rng):
    X_train, y_train = column_data(rng, 100, [1.0, 0.0])
    X_val, y_val = column_data(rng, 120, [1.5, 0.0])
    hyperparams, fixed = {"column": [0, 1]}, {"sign": 1}
    data = {"X_train_hp": X_train.copy(), "y_train_hp": y_train.copy(), "X_val_hp": X_val.copy(), "y_val_hp": y_val.copy()}
    _, params = _pair(holdout_grid_search(ColumnRisk, *data.values(), hyperparams, fixed), "holdout_grid_search")
    check(_plain_equal(params, {"column": 0, "sign": 1}), "best_hyperparams is not the best combination")  # a real answer
    check(_plain_equal(hyperparams, {"column": [0, 1]}), "holdout_grid_search changed the hyperparams dict it was given")
    check(_plain_equal(fixed, {"sign": 1}), "holdout_grid_search changed the fixed_hyperparams dict it was given")
    for name, given, original in zip(data, data.values(), (X_train, y_train, X_val, y_val)):
        check(given.equals(original) and given.index.equals(original.index), f"holdout_grid_search changed the {name} it was given")

    # Two searches that rely on the default fixed_hyperparams must not leak into each other.
    holdout_grid_search(ColumnRisk, X_train, y_train, X_val, y_val, {"column": [0, 1]})
    _, params = _pair(
        holdout_grid_search(ColumnRisk, X_train, y_train, X_val, y_val, {"sign": [-1, 1]}), "holdout_grid_search"
    )
    check(
        type(params) is dict and set(map(repr, params)) == {"'sign'"},
        "a second search with the default fixed_hyperparams returned keys of the first search: the default {} was modified",
    )
    default = inspect.signature(holdout_grid_search).parameters["fixed_hyperparams"].default
    check(default is None or (type(default) is dict and len(default) == 0), "the default fixed_hyperparams {} was modified")


# --- random_forest_risk --------------------------------------------------------------------------


def _forest_data(rng):
    X, y = make_cohort(rng, 360, missing=False)
    return X.iloc[:260], y.iloc[:260], X.iloc[260:]


@pytest.mark.grade(2, "RandomForestClassifier(n_estimators=..., max_depth=..., random_state=...), fit on train, predict_proba(X_test)[:, 1].", timeout=30, uses=["random_forest_risk"])
def test_random_forest_risk_matches_sklearn(random_forest_risk, rng):
    X_train, y_train, X_test = _forest_data(rng)
    settings = {"n_estimators": 20, "max_depth": 4, "random_state": int(rng.integers(0, 1000))}
    expected = RandomForestClassifier(**settings).fit(X_train, y_train).predict_proba(X_test)[:, 1]
    risk = random_forest_risk(X_train.copy(), y_train.copy(), X_test.copy(), **settings)
    risk = expect_array(risk, name="risk", shape=(len(X_test),), kind="f")
    assert_array_close(risk, expected, name="risk", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Defaults: n_estimators=100, max_depth=None, random_state=10, used when the caller passes nothing.", timeout=30, uses=["random_forest_risk"])
def test_random_forest_risk_defaults(random_forest_risk, rng):
    X_train, y_train, X_test = _forest_data(rng)
    expected = RandomForestClassifier(n_estimators=100, max_depth=None, random_state=10).fit(X_train, y_train)
    risk = random_forest_risk(X_train.copy(), y_train.copy(), X_test.copy())
    risk = expect_array(risk, name="risk", shape=(len(X_test),), kind="f")
    assert_array_close(risk, expected.predict_proba(X_test)[:, 1], name="risk with the default settings", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Return the probability of death (column 1 of predict_proba), not a 0/1 label or the survival column.", timeout=30, uses=["random_forest_risk"])
def test_random_forest_risk_is_death_probability(random_forest_risk, rng):
    X, y = make_cohort(rng, 500, missing=False)
    X_train, y_train, X_test, y_test = X.iloc[:350], y.iloc[:350], X.iloc[350:], y.iloc[350:]
    risk = random_forest_risk(X_train, y_train, X_test, n_estimators=30, max_depth=3, random_state=1)
    risk = expect_array(risk, name="risk", shape=(len(X_test),), kind="f")
    check(bool(((risk >= 0.0) & (risk <= 1.0)).all()), "risk should be probabilities between 0 and 1")
    check(len(np.unique(risk)) > 2, "risk holds only two distinct values: return probabilities, not predicted labels")
    check(roc_auc_score(y_test, risk) > 0.55, "risk ranks patients who died below survivors: return the probability of the outcome 1")


@pytest.mark.grade(1, "Fit and predict on the frames as given: do not add columns to, or drop rows from, the caller's data.", timeout=30, uses=["random_forest_risk"])
def test_random_forest_risk_leaves_inputs_unchanged(random_forest_risk, rng):
    X_train, y_train, X_test = _forest_data(rng)
    settings = {"n_estimators": 10, "max_depth": 3, "random_state": 3}
    expected = RandomForestClassifier(**settings).fit(X_train, y_train).predict_proba(X_test)[:, 1]
    risk = call_checked(random_forest_risk, X_train.copy(), y_train.copy(), X_test.copy(), name="random_forest_risk",
                        unchanged=True, **settings)
    assert_array_close(risk, expected, name="risk", rtol=1e-9, atol=1e-12)  # a real answer, too
