"""Hidden graders for ai4med-c2w4 (one-hot encoding, Cox model, hazard ratios, Harrell's C, RSF).

Oracles: pandas.get_dummies for the encoding; lifelines' CoxPHFitter for the coefficients and,
through predict_partial_hazard and hazard_ratios_, for hazard ratios; for Harrell's C a
brute-force count of the docstring's (the course's) rules, checked against scikit-survival's
concordance_index_censored and lifelines' concordance_index (fed -scores: it wants predicted
survival times) on cohorts where no two deaths share a day - the only place where the
libraries and the course agree (they leave same-day deaths out, the course counts them);
scikit-survival's RandomSurvivalForest for the forest. Data: scikit-survival's bundled VA lung
cancer trial and seeded synthetic heart-failure cohorts (autograde.datasets.survival_cohorts),
with times rounded to whole weeks (ties) or kept continuous (no same-day deaths).
"""

import math

import numpy as np
import pandas as pd
import pytest
from lifelines import CoxPHFitter
from lifelines.utils import concordance_index
from sksurv.ensemble import RandomSurvivalForest
from sksurv.metrics import concordance_index_censored
from sksurv.util import Surv

from autograde.checks import (
    assert_array_close, assert_close, assert_real_answer, check, expect_array, expect_frame, expect_number, expect_series,
    expect_undefined, fail,
)
from autograde.datasets.survival_cohorts import (
    HEART_FAILURE_CATEGORICAL, VETERANS_CATEGORICAL, heart_failure_cohort, load_veterans,
)

# --- data and oracles ---------------------------------------------------------------------

NO_PAIR = "no permissible pair: Harrell's C = 0 / 0"


def oracle_one_hot(df, columns):
    return pd.get_dummies(df, columns=list(columns), drop_first=True, dtype=np.float64)


def veterans_one_hot():
    return oracle_one_hot(load_veterans(), VETERANS_CATEGORICAL)


def heart_failure_one_hot(rng, n, **kwargs):
    return oracle_one_hot(heart_failure_cohort(n, rng=rng, **kwargs), HEART_FAILURE_CATEGORICAL)


def oracle_cox(df, duration_col="time", event_col="status", penalizer=0.0):
    return CoxPHFitter(penalizer=penalizer).fit(df, duration_col=duration_col, event_col=event_col)


def brute_harrell(y_true, scores, event, *, tie_credit=0.5, censored_first_counts=False,
                  same_day_censoring_counts=True, same_day_deaths_count=True):
    """The docstring's rules, pair by pair (slow and plainly right). The keyword arguments only
    produce the values of typical mistakes, to word the feedback; the defaults are the rules."""
    t = [float(v) for v in y_true]
    s = [float(v) for v in scores]
    e = [bool(v) for v in event]
    credit = permissible = 0.0
    for i in range(len(t)):
        for j in range(i + 1, len(t)):
            if e[i] and e[j]:
                if t[i] == t[j] and not same_day_deaths_count:
                    continue
                permissible += 1
                if s[i] == s[j]:
                    credit += tie_credit
                elif (t[i] < t[j] and s[i] > s[j]) or (t[j] < t[i] and s[j] > s[i]):
                    credit += 1
            elif e[i] or e[j]:
                u, c = (i, j) if e[i] else (j, i)
                if t[c] > t[u] or (t[c] == t[u] and same_day_censoring_counts):
                    permissible += 1
                    if s[u] == s[c]:
                        credit += tie_credit
                    elif s[u] > s[c]:
                        credit += 1
                elif censored_first_counts:  # wrongly: the censored patient "died" first
                    permissible += 1
                    if s[u] == s[c]:
                        credit += tie_credit
                    elif s[c] > s[u]:
                        credit += 1
    return credit / permissible


def continuous_cohort(rng, n):
    """A heart-failure cohort with times to the hundredth of a day: no two deaths share a day."""
    for _ in range(50):
        df = heart_failure_cohort(n, rng=rng, resolution_days=None)
        deaths = df.time[df.status == 1]
        if not deaths.duplicated().any():
            return df
    raise AssertionError("grader invariant: could not draw a cohort without same-day deaths")


def noisy_risk(rng, df, noise=1.0):
    """Risk scores that know something: the true linear predictor plus noise (higher = riskier)."""
    lp = (
        0.03 * df.Age.to_numpy() - 0.03 * df.Ejection_fraction.to_numpy() + 0.8 * np.log(df.Creatinine.to_numpy())
        + 0.5 * df.NYHA_class.to_numpy()
    )
    return lp + rng.normal(0.0, noise, size=len(df))


def with_same_day_censorings(rng, df, k):
    """Move k censored patients' times onto days on which someone died (death/censoring ties)."""
    df = df.copy()
    censored = np.flatnonzero(df.status.to_numpy() == 0)
    death_days = df.time.to_numpy()[df.status.to_numpy() == 1]
    chosen = rng.choice(censored, size=k, replace=False)
    df.iloc[chosen, df.columns.get_loc("time")] = rng.choice(death_days, size=k, replace=False)
    return df


def library_c(time, scores, event):
    """Harrell's C from scikit-survival, cross-checked with lifelines (valid without same-day deaths)."""
    died = np.asarray(event).astype(bool)
    sk = concordance_index_censored(died, np.asarray(time, dtype=float), np.asarray(scores, dtype=float))[0]
    ll = concordance_index(np.asarray(time, dtype=float), -np.asarray(scores, dtype=float), died)
    assert abs(sk - ll) < 1e-12, "grader invariant: scikit-survival and lifelines disagree"
    return float(sk)


# --- calling the learner's functions ----------------------------------------------------------


def _one_hot(to_one_hot, df, columns, *, what):
    got = to_one_hot(df.copy(), list(columns))
    return expect_frame(got, name=f"to_one_hot({what})")


def _cox(fit_cox, df, duration_col, event_col, *, what, **kwargs):
    model = fit_cox(df.copy(), duration_col, event_col, **kwargs)
    check(type(model) is CoxPHFitter, f"fit_cox should return a lifelines CoxPHFitter ({what}), got {type(model).__name__}")
    check(hasattr(model, "params_"), f"the CoxPHFitter returned for {what} is not fitted: call .fit(...) on it")
    return expect_series(model.params_, name=f"the model's params_ ({what})")


def _hazard_ratio(hazard_ratio, case_1, case_2, params, *, what):
    got = hazard_ratio(case_1.copy(), case_2.copy(), params.copy())
    value = expect_number(got, name=f"hazard_ratio for {what}")
    return value


def _explain_hazard_ratio(value, expected, what):
    """Fail with a message naming the mistake when the hazard ratio is wrong."""
    if abs(value - expected) <= 1e-9 + 1e-7 * abs(expected):
        return
    if abs(value * expected - 1.0) <= 1e-7:
        fail(f"hazard_ratio for {what} is the ratio of patient 2 to patient 1: the difference is reversed")
    if abs(value - math.log(expected)) <= 1e-9 + 1e-7 * abs(math.log(expected)):
        fail(f"hazard_ratio for {what} is the log hazard ratio theta . (x1 - x2): take its exponential")
    fail(f"hazard_ratio for {what} is not the correct value")


def _harrell(harrell_c, y_true, scores, event, *, what):
    got = harrell_c(y_true, scores, event)
    value = expect_number(got, name=f"harrell_c for {what}")
    check(bool(0.0 <= value <= 1.0), f"harrell_c for {what} is outside [0, 1]")
    return value


def _rsf(rsf_risk, X_train, y_train, X_test, *, what, **kwargs):
    got = rsf_risk(X_train.copy(), y_train.copy(), X_test.copy(), **kwargs)
    return expect_array(got, name=f"rsf_risk for {what}", shape=(len(X_test),), kind="f")


def oracle_rsf(X_train, y_train, X_test, n_estimators=100, random_state=0):
    forest = RandomSurvivalForest(n_estimators=n_estimators, random_state=random_state).fit(X_train, y_train)
    return forest.predict(X_test)


def split(rng, df, n_test):
    order = rng.permutation(len(df))
    return df.iloc[order[n_test:]], df.iloc[order[:n_test]]


def xy(df):
    X = df.drop(columns=["time", "status"])
    y = Surv.from_arrays(event=df.status.to_numpy() == 1, time=df.time.to_numpy())
    return X, y


# --- to_one_hot ---------------------------------------------------------------------------------


@pytest.mark.grade(2, "drop_first=True: k categories give k - 1 indicator columns named column_category, appended in the order of `columns`.", uses=["to_one_hot"])
def test_one_hot_veterans_columns(to_one_hot, rng):
    full = load_veterans()
    no_large = full[full.Celltype != "large"].iloc[rng.permutation(110)[:90]]  # a declared category unobserved
    for df, what in ((full, "the veterans cohort"), (no_large, "a veterans subset without large-cell tumours")):
        got = _one_hot(to_one_hot, df, VETERANS_CATEGORICAL, what=what)
        expected = list(oracle_one_hot(df, VETERANS_CATEGORICAL).columns)
        columns = [str(c) for c in got.columns]
        if "Celltype_adeno" in columns or "Treatment_standard" in columns:
            fail(f"to_one_hot({what}) keeps an indicator for the first (reference) category: use drop_first=True")
        check(all(c not in columns for c in VETERANS_CATEGORICAL), f"to_one_hot({what}) still has the original categorical columns")
        check(sorted(columns) == sorted(expected), f"to_one_hot({what}) does not have the expected column names")
        check(columns == expected, f"to_one_hot({what}) has the right columns in the wrong order: unchanged columns first, then the indicators in the order of `columns`")


@pytest.mark.grade(1, "The indicator columns hold 1.0 / 0.0 as float64 (pass dtype=np.float64 to get_dummies: its default is bool).", uses=["to_one_hot"])
def test_one_hot_indicators_are_float64(to_one_hot, rng):
    df = heart_failure_cohort(60, rng=rng)
    got = _one_hot(to_one_hot, df, HEART_FAILURE_CATEGORICAL, what="a heart-failure cohort")
    new = [c for c in oracle_one_hot(df, HEART_FAILURE_CATEGORICAL).columns if c not in df.columns]
    for column in new:
        check(column in got.columns, f"to_one_hot(a heart-failure cohort) has no column {column}")
        check(got[column].dtype == np.float64, f"column {column} has dtype {got[column].dtype}, expected float64")


@pytest.mark.grade(2, "Each indicator is 1.0 exactly where the patient has that category; the other columns and the index stay as they were.", uses=["to_one_hot"])
def test_one_hot_values_synthetic(to_one_hot, rng):
    df = heart_failure_cohort(80, rng=rng)
    for columns in (["NYHA_class", "Sex"], ["Sex"], ["NYHA_class"]):
        got = _one_hot(to_one_hot, df, columns, what=f"a heart-failure cohort, columns={columns}")
        expected = oracle_one_hot(df, columns)
        check(list(got.columns) == list(expected.columns), f"to_one_hot with columns={columns} does not have the expected columns (names and order)")
        check(got.index.equals(expected.index), f"to_one_hot with columns={columns} should keep the patient index")
        for column in expected.columns:
            check(got[column].dtype == expected[column].dtype, f"column {column} has the wrong dtype (columns not encoded keep theirs)")
            check(bool(np.array_equal(got[column].to_numpy(), expected[column].to_numpy())), f"column {column} has wrong values (columns={columns})")


@pytest.mark.grade(1, "Return a new frame: do not modify (or drop columns from) the DataFrame you are given.", uses=["to_one_hot"])
def test_one_hot_leaves_input_unchanged(to_one_hot, reference, rng):
    df = heart_failure_cohort(40, rng=rng)
    given = df.copy()
    assert_real_answer(to_one_hot(given, ["Sex", "NYHA_class"]), reference.get("to_one_hot")(df.copy(), ["Sex", "NYHA_class"]),
                       name='to_one_hot(df, ["Sex", "NYHA_class"])')
    check(list(given.columns) == list(df.columns), "to_one_hot changed the columns of the DataFrame it was given")
    check(bool(given.equals(df)), "to_one_hot changed the values of the DataFrame it was given")


# --- fit_cox ------------------------------------------------------------------------------------


@pytest.mark.grade(1, "Return the fitted CoxPHFitter; its covariates are every column but the duration and the event, in df's order.", verify=False, uses=["fit_cox"])
def test_fit_cox_returns_fitted_coxphfitter(fit_cox):
    df = veterans_one_hot()
    params = _cox(fit_cox, df, "time", "status", what="the veterans cohort")
    expected = [c for c in df.columns if c not in ("time", "status")]
    check(list(params.index) == expected, "params_ should have one coefficient per covariate: every column except time and status")


@pytest.mark.grade(2, "CoxPHFitter(penalizer=0.0).fit(df, duration_col=..., event_col=...): the plain maximum partial-likelihood fit.", verify=False, uses=["fit_cox"])
def test_fit_cox_veterans_coefficients(fit_cox):
    df = veterans_one_hot()
    params = _cox(fit_cox, df, "time", "status", what="the veterans cohort")
    expected = oracle_cox(df).params_
    check(list(params.index) == list(expected.index), "params_ is not indexed by the covariates of the one-hot veterans frame")
    assert_array_close(params.to_numpy(dtype=float), expected.to_numpy(), name="the Cox coefficients for the veterans cohort", rtol=1e-3, atol=1e-4)


@pytest.mark.grade(1, "Use the duration_col and event_col you are given; they are not always 'time' and 'status'.", verify=False, uses=["fit_cox"])
def test_fit_cox_other_column_names(fit_cox, rng):
    df = heart_failure_one_hot(rng, 250).rename(columns={"time": "days_followed", "status": "died"})
    df = df[["days_followed"] + [c for c in df.columns if c != "days_followed"]]
    params = _cox(fit_cox, df, "days_followed", "died", what="a heart-failure cohort")
    expected = oracle_cox(df, "days_followed", "died").params_
    check(list(params.index) == list(expected.index), "params_ should hold every column except days_followed and died")
    assert_array_close(params.to_numpy(dtype=float), expected.to_numpy(), name="the Cox coefficients for a heart-failure cohort", rtol=1e-3, atol=1e-4)


@pytest.mark.grade(1, "Pass the penalizer argument on to CoxPHFitter(penalizer=...).", verify=False, uses=["fit_cox"])
def test_fit_cox_penalizer(fit_cox, rng):
    df = heart_failure_one_hot(rng, 200)
    for penalizer in (0.05, 0.5):
        params = _cox(fit_cox, df, "time", "status", what=f"penalizer={penalizer}", penalizer=penalizer)
        expected = oracle_cox(df, penalizer=penalizer).params_
        assert_array_close(params.to_numpy(dtype=float), expected.to_numpy(), name=f"the Cox coefficients with penalizer={penalizer}", rtol=1e-3, atol=1e-4)


@pytest.mark.grade(1, "Fit on df as given: do not convert, drop or add columns of the caller's frame in place.", verify=False, uses=["fit_cox"])
def test_fit_cox_leaves_df_unchanged(fit_cox, rng):
    df = heart_failure_one_hot(rng, 150)
    given = df.copy()
    model = fit_cox(given, "time", "status")
    check(type(model) is CoxPHFitter and hasattr(model, "params_"), "fit_cox should return a fitted lifelines CoxPHFitter")
    params = expect_series(model.params_, name="the model's params_")  # a real answer, too
    assert_array_close(params.to_numpy(dtype=float), oracle_cox(df).params_.to_numpy(), name="the Cox coefficients", rtol=1e-3, atol=1e-4)
    check(list(given.columns) == list(df.columns), "fit_cox changed the columns of the DataFrame it was given")
    check(bool(given.equals(df)) and given.index.equals(df.index), "fit_cox changed the DataFrame it was given")


# --- hazard_ratio ---------------------------------------------------------------------------------


@pytest.mark.grade(2, "exp(theta . (x1 - x2)): the dot product of the coefficients with the difference, then the exponential.", uses=["hazard_ratio"])
def test_hazard_ratio_random_patients(hazard_ratio, rng):
    for d in (1, 4, 9):
        params = rng.normal(0.0, 0.4, size=d)
        for _ in range(3):
            x1, x2 = rng.normal(0.0, 1.0, size=d), rng.normal(0.0, 1.0, size=d)
            expected = math.exp(sum(float(p) * (float(a) - float(b)) for p, a, b in zip(params, x1, x2)))
            value = _hazard_ratio(hazard_ratio, x1, x2, params, what=f"two patients with {d} covariate(s)")
            _explain_hazard_ratio(value, expected, f"two patients with {d} covariate(s)")


@pytest.mark.grade(2, "The hazard ratio of patient 1 to patient 2 is the ratio of their partial hazards exp(theta . x).", uses=["hazard_ratio"])
def test_hazard_ratio_veterans_pairs(hazard_ratio, rng):
    df = veterans_one_hot()
    cph = oracle_cox(df)
    X = df.drop(columns=["time", "status"])
    partial = cph.predict_partial_hazard(X).to_numpy()
    params = cph.params_.to_numpy()
    for _ in range(5):
        i, j = (int(k) for k in rng.choice(len(df), size=2, replace=False))
        value = _hazard_ratio(hazard_ratio, X.iloc[i].to_numpy(), X.iloc[j].to_numpy(), params, what=f"veterans {i} and {j}")
        _explain_hazard_ratio(value, float(partial[i] / partial[j]), f"veterans {i} and {j}")


@pytest.mark.grade(1, "One unit more of one covariate multiplies the hazard by exp(coef) of that covariate; equal patients give 1.", uses=["hazard_ratio"])
def test_hazard_ratio_one_unit_is_exp_coef(hazard_ratio):
    df = veterans_one_hot()
    cph = oracle_cox(df)
    params = cph.params_.to_numpy()
    base = df.drop(columns=["time", "status"]).median().to_numpy()
    for k, name in enumerate(cph.params_.index):
        case_1 = base.copy()
        case_1[k] += 1.0
        value = _hazard_ratio(hazard_ratio, case_1, base, params, what=f"one more unit of {name}")
        _explain_hazard_ratio(value, float(cph.hazard_ratios_[name]), f"one more unit of {name}")
    same = _hazard_ratio(hazard_ratio, base, base.copy(), params, what="a patient and an identical one")
    assert_close(same, 1.0, name="hazard_ratio of two identical patients", rtol=0, atol=1e-12)


# --- harrell_c ------------------------------------------------------------------------------------


@pytest.mark.grade(1, "The course notebook's six small examples: censored at t means alive through t; tied scores count 1/2.", uses=["harrell_c"])
@pytest.mark.parametrize(
    "k, t, s, e, expected",
    [
        (1, [30, 12, 84, 9], [0.5, 0.9, 0.1, 1.0], [1, 1, 1, 1], 1.0),
        (2, [30, 12, 84, 9], [0.9, 0.5, 1.0, 0.1], [1, 1, 1, 1], 0.0),
        (3, [30, 12, 84, 9], [0.5, 0.9, 0.1, 1.0], [1, 0, 1, 1], 1.0),
        (4, [30, 30, 20, 20], [10, 5, 15, 20], [1, 0, 1, 0], 0.75),
        (5, [20, 20, 30, 30, 30], [20, 15, 5, 10, 15], [0, 1, 0, 1, 0], 3.5 / 6),
        (6, [10, 10], [4, 5], [0, 1], 1.0),
    ],
    ids=[f"course_example_{k}" for k in range(1, 7)],
)
def test_harrell_c_course_examples(harrell_c, k, t, s, e, expected):
    assert abs(brute_harrell(t, s, e) - expected) < 1e-12, "grader invariant: course example"
    assert_close(_harrell(harrell_c, list(t), list(s), list(e), what=f"course example {k}"), expected, name=f"harrell_c for course example {k}", rtol=1e-12)


@pytest.mark.grade(2, "Permissible: both died, or the censored patient was followed at least as long as the other died; concordant: who died first has the higher score.", uses=["harrell_c"])
def test_harrell_c_matches_libraries_without_same_day_deaths(harrell_c, rng):
    for n in (30, 120, 250):
        df = continuous_cohort(rng, n)
        scores = noisy_risk(rng, df)
        expected = library_c(df.time, scores, df.status)
        assert abs(expected - brute_harrell(df.time, scores, df.status)) < 1e-12, "grader invariant: rules and libraries agree"
        got = _harrell(harrell_c, df.time.tolist(), scores.tolist(), df.status.tolist(), what=f"a cohort of {n}")
        assert_close(got, expected, name=f"harrell_c for a heart-failure cohort of {n}", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "A patient censored BEFORE the other's death might have died first: such a pair is not permissible.", uses=["harrell_c"])
def test_harrell_c_censored_first_not_permissible(harrell_c, rng):
    for n in (60, 150):
        df = heart_failure_cohort(n, rng=rng, resolution_days=None)
        time = df.time.to_numpy()
        status = df.status.to_numpy()
        early = rng.random(n) < 0.4  # heavy early loss to follow-up
        time = np.where(early, np.round(time * rng.uniform(0.05, 0.3, n), 2) + 0.01, time)
        status = np.where(early, 0, status)
        scores = noisy_risk(rng, df, noise=0.5)
        expected = brute_harrell(time, scores, status)
        wrong = brute_harrell(time, scores, status, censored_first_counts=True)
        assert abs(expected - wrong) > 1e-6, "grader invariant: the mistake changes the value"
        got = _harrell(harrell_c, time, scores, status, what=f"a cohort of {n} with early censoring")
        if abs(got - wrong) <= 1e-9:
            fail("harrell_c counts pairs in which the shorter time is a censoring: such pairs are not permissible")
        assert_close(got, expected, name=f"harrell_c for a cohort of {n} with early censoring", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "A permissible pair whose two scores are exactly equal earns 1/2, not 0 and not 1.", uses=["harrell_c"])
def test_harrell_c_tied_scores_count_half(harrell_c, rng):
    for n in (50, 200):
        df = continuous_cohort(rng, n)
        scores = np.round(noisy_risk(rng, df, noise=0.3) * 2.0) / 2.0  # a handful of risk groups
        expected = library_c(df.time, scores, df.status)
        got = _harrell(harrell_c, df.time.to_numpy(), scores, df.status.to_numpy(), what=f"scores in risk groups ({n} patients)")
        for credit, word in ((0.0, "0"), (1.0, "1")):
            if abs(got - brute_harrell(df.time, scores, df.status, tie_credit=credit)) <= 1e-9:
                fail(f"harrell_c counts a pair with tied scores as {word}: a tie in risk is worth 1/2")
        assert_close(got, expected, name=f"harrell_c for scores in risk groups ({n} patients)", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Censored at t means alive through t: a death and a censoring on the same day form a permissible pair.", uses=["harrell_c"])
def test_harrell_c_death_and_censoring_same_day(harrell_c, rng):
    t, s, e = [10, 10, 25], [4.0, 5.0, 1.0], [1, 0, 1]
    assert abs(brute_harrell(t, s, e) - 0.5) < 1e-12, "grader invariant: small example"
    assert_close(_harrell(harrell_c, t, s, e, what="times [10, 10, 25], scores [4, 5, 1], events [1, 0, 1]"), 0.5, name="harrell_c for a death and a censoring on day 10", rtol=0, atol=1e-12)
    df = with_same_day_censorings(rng, continuous_cohort(rng, 120), 12)
    scores = noisy_risk(rng, df)
    expected = library_c(df.time, scores, df.status)
    got = _harrell(harrell_c, df.time.to_numpy(), scores, df.status.to_numpy(), what="a cohort with censorings on death days")
    if abs(got - brute_harrell(df.time, scores, df.status, same_day_censoring_counts=False)) <= 1e-9:
        fail("harrell_c leaves out pairs where a censoring falls on the day of the other patient's death: they are permissible")
    assert_close(got, expected, name="harrell_c for a cohort with censorings on death days", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Two deaths on the same day: a permissible pair; 1/2 if the scores tie, otherwise 0 (neither died first).", uses=["harrell_c"])
def test_harrell_c_same_day_deaths(harrell_c, rng):
    for s, expected in (([4.0, 5.0], 0.0), ([5.0, 5.0], 0.5)):
        assert_close(_harrell(harrell_c, [10, 10], s, [1, 1], what=f"two deaths on day 10 with scores {s}"), expected, name=f"harrell_c for two deaths on day 10 with scores {s}", rtol=0, atol=1e-12)
    df = heart_failure_cohort(150, rng=rng, resolution_days=30.0)
    scores = np.round(noisy_risk(rng, df, noise=0.5), 1)
    assert df.time[df.status == 1].duplicated().any(), "grader invariant: same-day deaths"
    got = _harrell(harrell_c, df.time.to_numpy(), scores, df.status.to_numpy(), what="a cohort followed up monthly")
    if abs(got - brute_harrell(df.time, scores, df.status, same_day_deaths_count=False)) <= 1e-9:
        fail("harrell_c leaves out pairs of deaths on the same day: the course counts them as permissible")
    assert_close(got, brute_harrell(df.time, scores, df.status), name="harrell_c for a cohort followed up monthly", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Scores are RISKS: the patient who dies first should have the HIGHER score (perfect ranking = 1.0).", uses=["harrell_c"])
def test_harrell_c_higher_score_means_higher_risk(harrell_c, rng):
    df = heart_failure_cohort(60, rng=rng, resolution_days=None, censoring=False)
    time = df.time.to_numpy()
    assert np.unique(time).size == time.size, "grader invariant: distinct times"
    perfect = _harrell(harrell_c, time, 1000.0 / time, df.status.to_numpy(), what="scores that rank every patient right")
    if abs(perfect) <= 1e-9:
        fail("harrell_c gives 0 to scores that rank every patient correctly: it reads the scores as survival, not risk")
    assert_close(perfect, 1.0, name="harrell_c of a perfect risk ranking", rtol=0, atol=1e-12)
    reverse = _harrell(harrell_c, time, time / 365.0, df.status.to_numpy(), what="scores equal to the survival time")
    assert_close(reverse, 0.0, name="harrell_c of scores that rank every patient backwards", rtol=0, atol=1e-12)


@pytest.mark.grade(2, "With ties of every kind (weekly follow-up, risk groups), apply each rule: permissible, concordant, tied.", uses=["harrell_c"])
def test_harrell_c_weekly_cohorts(harrell_c, rng):
    for n, noise in ((40, 0.5), (150, 1.0), (300, 0.3)):
        df = heart_failure_cohort(n, rng=rng)
        scores = np.round(noisy_risk(rng, df, noise=noise), 1)
        event = df.status.to_numpy() == 1  # booleans, as scikit-survival stores them
        got = _harrell(harrell_c, df.time.to_numpy(), scores, event, what=f"a weekly cohort of {n}")
        assert_close(got, brute_harrell(df.time, scores, event), name=f"harrell_c for a weekly cohort of {n}", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "With no permissible pair (e.g. everyone censored) Harrell's C = 0 / 0 is undefined: let it raise (ZeroDivisionError or ValueError) or return NaN, never a number.", uses=["harrell_c"])
def test_harrell_c_no_permissible_pair_is_undefined(harrell_c, rng):
    df = heart_failure_cohort(20, rng=rng)
    scores = noisy_risk(rng, df)
    expect_undefined(lambda: harrell_c(df.time.to_numpy(), scores, np.zeros(20, dtype=int)), what="harrell_c with every patient censored", why=NO_PAIR)
    expect_undefined(lambda: harrell_c([400.0, 90.0, 120.0], [1.2, 0.4, 0.8], [1, 0, 0]), what="harrell_c with the only death after every censoring", why=NO_PAIR)


# --- rsf_risk -------------------------------------------------------------------------------------


@pytest.mark.grade(1, "Return forest.predict(X_test): a 1-d float numpy array with one risk score per test patient.", uses=["rsf_risk"])
def test_rsf_returns_one_risk_per_test_patient(rsf_risk, rng):
    train, test = split(rng, veterans_one_hot(), 37)
    X_train, y_train = xy(train)
    X_test, _ = xy(test)
    risk = _rsf(rsf_risk, X_train, y_train, X_test, what="37 held-out veterans", n_estimators=10, random_state=3)
    check(bool(np.all(np.isfinite(risk))), "rsf_risk returned scores that are not finite numbers")


@pytest.mark.grade(2, "RandomSurvivalForest(n_estimators=n_estimators, random_state=random_state), other settings at their defaults.", uses=["rsf_risk"])
def test_rsf_matches_sksurv(rsf_risk, rng):
    train, test = split(rng, veterans_one_hot(), 40)
    X_train, y_train = xy(train)
    X_test, _ = xy(test)
    for n_estimators, seed in ((12, int(rng.integers(1000))), (25, int(rng.integers(1000)))):
        risk = _rsf(rsf_risk, X_train, y_train, X_test, what=f"{n_estimators} trees", n_estimators=n_estimators, random_state=seed)
        expected = oracle_rsf(X_train, y_train, X_test, n_estimators=n_estimators, random_state=seed)
        assert_array_close(risk, expected, name=f"the risk scores of a forest of {n_estimators} trees", rtol=1e-9, atol=1e-9)


@pytest.mark.grade(1, "Keep the defaults n_estimators=100 and random_state=0.", uses=["rsf_risk"])
def test_rsf_default_arguments(rsf_risk, rng):
    train, test = split(rng, heart_failure_one_hot(rng, 160), 40)
    X_train, y_train = xy(train)
    X_test, _ = xy(test)
    risk = _rsf(rsf_risk, X_train, y_train, X_test, what="the default arguments")
    expected = oracle_rsf(X_train, y_train, X_test)
    assert_array_close(risk, expected, name="the risk scores with the default arguments", rtol=1e-9, atol=1e-9)


@pytest.mark.grade(2, "On held-out patients the forest's scores should rank risk: who dies sooner gets the higher score (Harrell's C well above 0.5).", uses=["rsf_risk"])
def test_rsf_held_out_harrell_c(rsf_risk, rng):
    train, test = split(rng, heart_failure_one_hot(rng, 300), 100)
    X_train, y_train = xy(train)
    X_test, _ = xy(test)
    risk = _rsf(rsf_risk, X_train, y_train, X_test, what="100 held-out heart-failure patients", n_estimators=30, random_state=1)
    c = brute_harrell(test.time, risk, test.status)
    expected = brute_harrell(test.time, oracle_rsf(X_train, y_train, X_test, n_estimators=30, random_state=1), test.status)
    assert expected > 0.65, "grader invariant: the forest ranks well"
    if c < 0.5:
        fail("the held-out Harrell's C of your scores is below 0.5: return risks (forest.predict), not survival times or probabilities")
    check(bool(c >= 0.6), "the held-out Harrell's C of your scores is too low: train on X_train, y_train and score X_test")
