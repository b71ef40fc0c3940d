"""Hidden graders for ai4med-c2w1 (linear risk model for diabetic retinopathy).

Oracles: pandas/numpy for the log + standardization, scikit-learn's LogisticRegression for the
model, lifelines' concordance_index for the C-index. With every patient "observed" and the 0/1
outcome passed as lifelines' event_times, concordance_index(y_true, scores) is exactly the
course's C-index (pairs with different outcomes; the patient with y = 1 should have the higher
score; tied scores count 1/2): the grader checks that identity against a brute-force count.
"""

import numpy as np
import pandas as pd
import pytest
from lifelines.utils import concordance_index
from sklearn.linear_model import LogisticRegression

from autograde.datasets.cohorts import retinopathy_cohort
from autograde.checks import (
    assert_array_close, assert_close, assert_real_answer, call_checked, check, expect_array, expect_frame, expect_number,
    expect_tuple, expect_undefined, fail,
)

FEATURES = ["Age", "Systolic_BP", "Diastolic_BP", "Cholesterol"]
NO_PAIR = "no pair of patients has different outcomes: C = 0 / 0"


# --- hidden data ------------------------------------------------------------------------------


def cohort(rng, n, **shape):
    """Hidden cohorts from the shared generator, drawn from the test's seeded rng."""
    return retinopathy_cohort(n, rng=rng, **shape)


def train_and_test(rng, n_train=120, n_test=40, baseline_logit=-0.3):
    """A training cohort and an older test cohort with higher cholesterol: its own statistics differ."""
    X_train, y_train = cohort(rng, n_train, baseline_logit=baseline_logit)
    X_test, y_test = cohort(rng, n_test, age_years=68.0, cholesterol_mg_dl=230.0, baseline_logit=baseline_logit)
    return X_train, y_train, X_test, y_test


def standardize(df, mean, sd):
    return (df - mean) / sd


def oracle_normal(df_train, df_test):
    """The contract, written with pandas: natural log, then the training mean and sample SD (ddof=1)."""
    log_train, log_test = np.log(df_train), np.log(df_test)
    mean, sd = log_train.mean(), log_train.std(ddof=1)
    return standardize(log_train, mean, sd), standardize(log_test, mean, sd)


def brute_force_cindex(y, s):
    """The course's C-index by counting every pair (the definition, slow but obviously right)."""
    total = permissible = 0.0
    for i in range(len(y)):
        for j in range(i + 1, len(y)):
            if y[i] != y[j]:
                permissible += 1
                if s[i] == s[j]:
                    total += 0.5
                elif (s[i] > s[j]) == (y[i] > y[j]):
                    total += 1
    return total / permissible


def lifelines_cindex(y, s):
    """lifelines with the 0/1 outcome as event_times and no censoring = the course's C-index."""
    return float(concordance_index(np.asarray(y, dtype=float), np.asarray(s, dtype=float)))


def outcomes(rng, n):
    """n binary outcomes, ~40 % events, the first two an event and a non-event (a permissible pair always)."""
    y = (rng.random(n) < 0.4).astype(int)
    y[:2] = [1, 0]
    return y


def cindex_variants(y, s):
    """What common mistakes return: ties counted 0 or 1, all pairs as denominator."""
    y, s = np.asarray(y, dtype=float), np.asarray(s, dtype=float)
    difference = s[y == 1][:, None] - s[y == 0][None, :]
    concordant, tied = np.count_nonzero(difference > 0), np.count_nonzero(difference == 0)
    all_pairs = len(y) * (len(y) - 1) / 2
    return {
        "ties_as_0": concordant / difference.size,
        "ties_as_1": (concordant + tied) / difference.size,
        "all_pairs": (concordant + 0.5 * tied) / all_pairs,
        "reversed": (difference.size - concordant - tied + 0.5 * tied) / difference.size,
    }


def learner_frames(result, df_train, df_test):
    """The two frames make_standard_normal returned, checked for type, columns and rows."""
    expect_tuple(result, name="what make_standard_normal returned (df_train_normalized, df_test_normalized)", length=2)
    train_n = expect_frame(result[0], name="df_train_normalized", columns=list(df_train.columns), n_rows=len(df_train))
    test_n = expect_frame(result[1], name="df_test_normalized", columns=list(df_test.columns), n_rows=len(df_test))
    return train_n, test_n


def values(frame, columns):
    """A trusted frame's columns, in the given order, as a float array (None if not numeric)."""
    try:
        return frame[columns].to_numpy(dtype=float)
    except (TypeError, ValueError):
        fail("the normalized frames should contain numbers only")


# --- make_standard_normal ------------------------------------------------------------------------


@pytest.mark.grade(1, "Return a tuple of two DataFrames that keep the columns (same order) and the patient index of their inputs.", uses=["make_standard_normal"])
def test_normal_returns_frames_like_inputs(make_standard_normal, rng):
    X_train, _, X_test, _ = train_and_test(rng)
    train_n, test_n = learner_frames(make_standard_normal(X_train.copy(), X_test.copy()), X_train, X_test)
    for name, got, given in (("df_train_normalized", train_n, X_train), ("df_test_normalized", test_n, X_test)):
        check(list(got.columns) == list(given.columns), f"{name} should keep the columns in their original order")
        check(got.index.equals(given.index), f"{name} should keep the index (patient ids) of its input")
        check(all(got[c].dtype.kind == "f" for c in got.columns), f"{name} should hold floats")


@pytest.mark.grade(2, "After standardizing, each training column has mean 0 and SAMPLE standard deviation 1 (ddof=1, pandas' .std()).", uses=["make_standard_normal"])
def test_normal_train_has_mean_0_and_sample_sd_1(make_standard_normal, rng):
    for n_train in (12, 120):
        X_train, _, X_test, _ = train_and_test(rng, n_train=n_train)
        train_n, _ = learner_frames(make_standard_normal(X_train.copy(), X_test.copy()), X_train, X_test)
        got = values(train_n, FEATURES)
        check(not np.isnan(got).any(), "df_train_normalized contains NaN")
        check(np.allclose(got.mean(axis=0), 0.0, atol=1e-9), "the training columns should have mean 0 after standardizing")
        sd = got.std(axis=0, ddof=1)
        if np.allclose(sd, np.sqrt(n_train / (n_train - 1)), rtol=1e-9):
            fail("the training columns were divided by the population SD (ddof=0); use the sample SD (ddof=1)")
        check(np.allclose(sd, 1.0, rtol=1e-9), "the training columns should have sample standard deviation 1")


@pytest.mark.grade(2, "The measurements are right-skewed: take the natural log (np.log) of every value BEFORE standardizing.", uses=["make_standard_normal"])
def test_normal_takes_log_before_standardizing(make_standard_normal, rng):
    X_train, _, X_test, _ = train_and_test(rng)
    train_n, _ = learner_frames(make_standard_normal(X_train.copy(), X_test.copy()), X_train, X_test)
    got = values(train_n, FEATURES)
    no_log = standardize(X_train, X_train.mean(), X_train.std(ddof=1))[FEATURES].to_numpy()
    if got.shape == no_log.shape and np.allclose(got, no_log, rtol=1e-6):
        fail("df_train_normalized is the standardized raw values: the log transform is missing")
    expected, _ = oracle_normal(X_train, X_test)
    assert_array_close(got, expected[FEATURES].to_numpy(), name="df_train_normalized", rtol=1e-7, atol=1e-9)


@pytest.mark.grade(3, "Standardize the TEST set with the mean and SD of the (log) TRAINING set, never with its own statistics.", uses=["make_standard_normal"])
def test_normal_test_set_uses_training_statistics(make_standard_normal, rng):
    for n_test in (40, 5, 1):  # a single new patient at the clinic must work too
        X_train, _, X_test, _ = train_and_test(rng, n_test=n_test)
        _, test_n = learner_frames(make_standard_normal(X_train.copy(), X_test.copy()), X_train, X_test)
        got = values(test_n, FEATURES)
        log_train, log_test = np.log(X_train), np.log(X_test)
        if n_test > 1:
            own = standardize(log_test, log_test.mean(), log_test.std(ddof=1))[FEATURES].to_numpy()
            if np.allclose(got, own, rtol=1e-6):
                fail("the test set was standardized with its own mean and SD: use the training set's")
            pooled_log = pd.concat([log_train, log_test])
            pooled = standardize(log_test, pooled_log.mean(), pooled_log.std(ddof=1))[FEATURES].to_numpy()
            if np.allclose(got, pooled, rtol=1e-6):
                fail("the mean and SD were computed on training and test patients together: use the training set only")
        _, expected = oracle_normal(X_train, X_test)
        assert_array_close(
            got, expected[FEATURES].to_numpy(), name=f"df_test_normalized ({n_test} test patients)", rtol=1e-7, atol=1e-9
        )


@pytest.mark.grade(1, "Do not change df_train or df_test: build new frames (np.log(df) already returns a new one).", uses=["make_standard_normal"])
def test_normal_leaves_inputs_unchanged(make_standard_normal, rng):
    X_train, _, X_test, _ = train_and_test(rng)
    train_copy, test_copy = X_train.copy(), X_test.copy()
    learner_frames(make_standard_normal(X_train, X_test), train_copy, test_copy)  # a real answer, too
    check(X_train.equals(train_copy) and list(X_train.columns) == FEATURES, "make_standard_normal changed df_train")
    check(X_test.equals(test_copy) and list(X_test.columns) == FEATURES, "make_standard_normal changed df_test")


# --- lr_model ----------------------------------------------------------------------------------


def normalized_training_set(rng, n_train=150):
    """Normalized features of a cohort where about 1 patient in 4 develops retinopathy."""
    X_train, y_train, X_test, y_test = train_and_test(rng, n_train=n_train, baseline_logit=-1.3)
    train_n, test_n = oracle_normal(X_train, X_test)
    return train_n, y_train, test_n, y_test


def oracle_lr(X, y):
    """The exact optimum of LogisticRegression()'s objective (L2, C=1, unpenalized intercept).

    LogisticRegression() itself stops at tol=1e-4 and lands up to ~2e-3 away from it (seen on
    80 cohorts); halving or doubling C, dropping the intercept or weighting the classes moves the
    coefficients by more than 1e-2. Hence SOLVER_ATOL below: any solver reaching the same model passes.
    """
    return LogisticRegression(solver="newton-cg", tol=1e-10, max_iter=10_000).fit(X, y)


SOLVER_ATOL = 5e-3


def same_setting(value, default):
    """A hyperparameter of the (genuine) LogisticRegression still at its default value."""
    if default is None or isinstance(default, bool):
        return value is default or (isinstance(value, (bool, np.bool_)) and bool(value) == default)
    try:
        return bool(float(value) == default)
    except (TypeError, ValueError):
        return False


@pytest.mark.grade(1, "Return the LogisticRegression object itself, after calling .fit(X_train, y_train) on it.", uses=["lr_model"])
def test_lr_model_returns_fitted_logistic_regression(lr_model, rng):
    X, y, _, _ = normalized_training_set(rng)
    model = lr_model(X.copy(), y.copy())
    check(
        type(model) is LogisticRegression,
        f"lr_model should return a sklearn.linear_model.LogisticRegression, got {type(model).__name__}",
    )
    check(hasattr(model, "coef_"), "the returned model is not fitted: call model.fit(X_train, y_train)")
    expect_array(model.coef_, name="model.coef_", shape=(1, len(FEATURES)), kind="f")
    classes = expect_array(model.classes_, name="model.classes_", shape=(2,))
    check(np.array_equal(classes, [0, 1]), "the model should be fitted on the 0/1 retinopathy outcome y_train")


@pytest.mark.grade(3, "Use LogisticRegression() with its default settings (lbfgs, C=1.0, with intercept, no class weights) on the data as given.", uses=["lr_model"])
def test_lr_model_uses_default_settings(lr_model, rng):
    for n_train in (60, 200):
        X, y, _, _ = normalized_training_set(rng, n_train=n_train)
        model = lr_model(X.copy(), y.copy())
        check(type(model) is LogisticRegression, "lr_model should return a sklearn LogisticRegression")
        check(hasattr(model, "coef_"), "the returned model is not fitted")
        params = model.get_params()
        for setting, default in (("C", 1.0), ("fit_intercept", True), ("class_weight", None)):
            check(same_setting(params[setting], default), f"LogisticRegression's {setting} was changed: keep the default {setting}={default}")
        expected = oracle_lr(X, y)
        assert_array_close(model.coef_, expected.coef_, name=f"model.coef_ ({n_train} patients)", rtol=0, atol=SOLVER_ATOL)
        assert_array_close(
            model.intercept_, expected.intercept_, name=f"model.intercept_ ({n_train} patients)", rtol=0, atol=SOLVER_ATOL
        )


# --- cindex --------------------------------------------------------------------------------------


@pytest.mark.grade(1, "A perfect ranking gives 1.0, a reversed one 0.0, all-equal scores 0.5; return a float.", uses=["cindex"])
@pytest.mark.parametrize(
    "y, s, what",
    [
        ([0, 1, 1, 0], [0.2, 0.8, 0.2, 0.1], "the docstring example"),
        ([0, 0, 1, 1, 1], [0.1, 0.3, 0.4, 0.6, 0.9], "a perfect ranking"),
        ([1, 1, 0, 0, 0], [0.1, 0.3, 0.4, 0.6, 0.9], "a reversed ranking"),
        ([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], "all scores equal"),
        ([1, 0], [0.7, 0.2], "two patients"),
    ],
    ids=["docstring_example", "perfect_ranking", "reversed_ranking", "all_scores_equal", "two_patients"],
)
def test_cindex_small_cases(cindex, y, s, what):
    y, s = np.array(y), np.array(s)
    got = expect_number(cindex(y.copy(), s.copy()), name=f"cindex for {what}")
    assert_close(got, brute_force_cindex(y, s), name=f"cindex for {what}", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(3, "Only pairs with DIFFERENT outcomes count; the pair is concordant when the patient with y = 1 has the higher score.", uses=["cindex"])
def test_cindex_matches_lifelines(cindex, rng):
    for n, dtype in ((60, int), (151, float), (300, bool)):
        y = rng.random(n) < rng.uniform(0.2, 0.6)
        y[:2] = [True, False]  # both outcomes present
        scores = 1.0 / (1.0 + np.exp(-(1.2 * y + rng.normal(0.0, 1.0, n) - 0.6)))  # predicted risks, no ties
        y = y.astype(dtype)
        expected = lifelines_cindex(y, scores)
        if n <= 151:
            assert abs(expected - brute_force_cindex(y, scores)) < 1e-12, "grader invariant: lifelines = the course's C"
        got = expect_number(cindex(y.copy(), scores.copy()), name=f"cindex for {n} patients")
        wrong = cindex_variants(y, scores)
        if abs(got - wrong["reversed"]) < 1e-9:
            fail("the C-index is reversed: the patient WITH the event should have the higher risk score")
        if abs(got - wrong["all_pairs"]) < 1e-9:
            fail("pairs of patients with the same outcome were counted: only pairs with different outcomes are permissible")
        assert_close(got, expected, name=f"cindex for {n} patients (y as {dtype.__name__})", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "A permissible pair with equal scores is neither concordant nor discordant: it counts 1/2.", uses=["cindex"])
def test_cindex_ties_count_half(cindex, rng):
    for n in (80, 200):
        y = outcomes(rng, n)
        scores = np.round(1.0 / (1.0 + np.exp(-(y + rng.normal(0.0, 1.2, n)))), 1)  # risks rounded to 10 %: many ties
        expected = lifelines_cindex(y, scores)
        assert abs(expected - brute_force_cindex(y, scores)) < 1e-12, "grader invariant: lifelines = the course's C"
        got = expect_number(cindex(y.copy(), scores.copy()), name=f"cindex with tied scores ({n} patients)")
        wrong = cindex_variants(y, scores)
        if abs(got - wrong["ties_as_0"]) < 1e-9:
            fail("tied scores were counted as 0 (discordant): a tie counts 1/2")
        if abs(got - wrong["ties_as_1"]) < 1e-9:
            fail("tied scores were counted as 1 (concordant): a tie counts 1/2")
        assert_close(got, expected, name=f"cindex with tied scores ({n} patients)", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Integer scores (a points score, even stored as unsigned uint8) must work: compare the scores, or make them floats before subtracting.", uses=["cindex"])
def test_cindex_integer_scores(cindex, rng):
    n = 120
    y = outcomes(rng, n)
    points = np.clip(np.round(4 * y + rng.normal(6.0, 3.0, n)), 0, 15)  # a 0-15 points score: many ties
    expected = lifelines_cindex(y, points)
    for dtype in (np.int64, np.uint8):
        got = cindex(y.copy(), points.astype(dtype))
        assert_close(got, expected, name=f"cindex with {np.dtype(dtype).name} scores", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Leave y_true and scores as they were: sorting or overwriting them in place changes the caller's data.", uses=["cindex"])
def test_cindex_leaves_inputs_unchanged(cindex, rng):
    n = 90
    y = outcomes(rng, n)
    scores = 1.0 / (1.0 + np.exp(-(y + rng.normal(0.0, 1.0, n))))
    got = call_checked(cindex, y.copy(), scores.copy(), name="cindex", unchanged=True)
    assert_close(got, lifelines_cindex(y, scores), name="cindex", rtol=1e-9, atol=1e-12)  # a real answer, too


@pytest.mark.grade(1, "With no pair of patients whose outcomes differ, C = 0 / 0 is undefined: let it raise (ZeroDivisionError or ValueError) or return NaN, never a number.", uses=["cindex"])
def test_cindex_without_permissible_pair_is_undefined(cindex, rng):
    scores = rng.uniform(0.05, 0.95, 6)
    expect_undefined(lambda: cindex(np.zeros(6, dtype=int), scores.copy()), what="cindex when no patient has the event", why=NO_PAIR)
    expect_undefined(lambda: cindex(np.ones(6, dtype=int), scores.copy()), what="cindex when every patient has the event", why=NO_PAIR)
    expect_undefined(lambda: cindex(np.array([1]), np.array([0.4])), what="cindex for a single patient", why=NO_PAIR)
    expect_undefined(lambda: cindex(np.array([], dtype=int), np.array([])), what="cindex for no patient", why=NO_PAIR)


# --- add_interactions -----------------------------------------------------------------------------


def feature_frame(rng, columns, n=25):
    ids = rng.choice(np.arange(10_000, 100_000), size=n, replace=False)
    data = rng.normal(0.0, 1.0, size=(n, len(columns))).round(3)  # normalized features, as in the course
    return pd.DataFrame(data, columns=columns, index=pd.Index(ids, name="patient_id"))


COLUMN_SETS = (
    FEATURES,
    ["HbA1c", "BMI"],
    ["Cholesterol", "Age", "eGFR", "Systolic_BP", "HbA1c"],  # not alphabetical: keep X's order
    ["Age"],
)


def expected_pairs(columns):
    return [f"{a}_x_{b}" for i, a in enumerate(columns) for b in columns[i + 1 :]]


def learner_interactions(add_interactions, X):
    given = X.copy()
    result = add_interactions(given)
    columns = list(X.columns)
    check(type(result) is pd.DataFrame, f"add_interactions should return a pandas.DataFrame, got {type(result).__name__}")
    got = list(result.columns)
    check(len(set(got)) == len(got), "add_interactions returned a frame with a repeated column name")
    for i, a in enumerate(columns):
        if f"{a}_x_{a}" in got:
            fail(f"{a}_x_{a} should not be there: a feature times itself is not an interaction")
        for b in columns[i + 1 :]:
            if f"{a}_x_{b}" in got and f"{b}_x_{a}" in got:
                fail(f"both {a}_x_{b} and {b}_x_{a} are there: each pair of features appears once")
    return expect_frame(result, name="add_interactions(X)", columns=columns + expected_pairs(columns), n_rows=len(X))


@pytest.mark.grade(2, 'Add one column named "A_x_B" for every pair of columns A before B, and keep the original columns.', uses=["add_interactions"])
def test_add_interactions_column_names(add_interactions, rng):
    for columns in COLUMN_SETS:
        learner_interactions(add_interactions, feature_frame(rng, columns))


@pytest.mark.grade(2, "Each A_x_B column is X[A] * X[B] for the same patient; the original columns and the index stay as they were.", uses=["add_interactions"])
def test_add_interactions_products(add_interactions, rng):
    for columns in COLUMN_SETS[:3]:
        X = feature_frame(rng, columns)
        result = learner_interactions(add_interactions, X)
        check(result.index.equals(X.index), "add_interactions should keep the index (patient ids) of X")
        for column in columns:
            assert_array_close(result[column].to_numpy(dtype=float), X[column].to_numpy(), name=f"column {column}")
        for i, a in enumerate(columns):
            for b in columns[i + 1 :]:
                assert_array_close(
                    result[f"{a}_x_{b}"].to_numpy(dtype=float),
                    (X[a] * X[b]).to_numpy(),
                    name=f"column {a}_x_{b}",
                    rtol=1e-12,
                )


@pytest.mark.grade(1, "Column order: the originals, then pairs (col0,col1), (col0,col2), ..., (col1,col2), ... following X's column order.", uses=["add_interactions"])
def test_add_interactions_column_order(add_interactions, rng):
    for columns in COLUMN_SETS[:3]:
        result = learner_interactions(add_interactions, feature_frame(rng, columns))
        check(
            list(result.columns) == columns + expected_pairs(columns),
            f"the columns are not in the expected order for a frame with columns {columns}",
        )


@pytest.mark.grade(1, "Work on a copy (X.copy()): adding columns to the caller's X changes the data the clinic passed in.", uses=["add_interactions"])
def test_add_interactions_leaves_input_unchanged(add_interactions, reference, rng):
    X = feature_frame(rng, FEATURES)
    original = X.copy()
    result = add_interactions(X)
    assert_real_answer(result, reference.get("add_interactions")(original.copy()), name="add_interactions(X)")
    check(list(X.columns) == FEATURES, "add_interactions added columns to the X it was given")
    check(X.equals(original), "add_interactions changed the values of the X it was given")


# --- the whole risk model --------------------------------------------------------------------------


@pytest.mark.grade(1, "Chain them: make_standard_normal, add_interactions to both sets, lr_model on train, predict_proba(X_test)[:, 1], cindex.", timeout=20, uses=["make_standard_normal", "add_interactions", "lr_model", "cindex"])
def test_interaction_risk_model_test_cindex(make_standard_normal, add_interactions, lr_model, cindex, rng):
    X_train, y_train, X_test, y_test = train_and_test(rng, n_train=400, n_test=150)
    train_n, test_n = make_standard_normal(X_train.copy(), X_test.copy())
    train_i = add_interactions(train_n)
    test_i = add_interactions(test_n)
    model = lr_model(train_i, y_train.copy())
    check(type(model) is LogisticRegression, "lr_model should return a sklearn LogisticRegression")
    risk = expect_array(model.predict_proba(test_i)[:, 1], name="predicted risks", shape=(len(X_test),), kind="f")
    got = expect_number(cindex(y_test.to_numpy(), risk), name="test-set C-index")

    oracle_train, oracle_test = oracle_normal(X_train, X_test)
    pairs = [(a, b) for i, a in enumerate(FEATURES) for b in FEATURES[i + 1 :]]
    for frame in (oracle_train, oracle_test):
        for a, b in pairs:
            frame[f"{a}_x_{b}"] = frame[a] * frame[b]
    oracle_model = oracle_lr(oracle_train, y_train)
    expected = lifelines_cindex(y_test.to_numpy(), oracle_model.predict_proba(oracle_test)[:, 1])
    # a model within solver tolerance of the optimum may swap the order of a few nearly tied patients
    assert_close(got, expected, name="test-set C-index of the interaction model", rtol=0, atol=5e-3)
