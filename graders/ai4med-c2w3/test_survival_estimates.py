"""Hidden graders for ai4med-c2w3 (censoring, naive estimator, Kaplan-Meier, log-rank).

Oracles: numpy for the censored fraction and the naive estimator, lifelines'
KaplanMeierFitter for the Kaplan-Meier curve and lifelines.statistics.logrank_test for the
log-rank p-value. Data: lifelines' bundled lymphoma cohort (its ``Censor`` column, 1 = death
observed, mapped to ``Event`` here, independently of the learner's loader) and seeded
synthetic cohorts whose times are rounded to whole weeks, so that several deaths, and deaths
and censorings, share a day.
"""

import math

import numpy as np
import pandas as pd
import pytest
from lifelines import KaplanMeierFitter
from lifelines.datasets import load_lymphoma
from lifelines.statistics import logrank_test

from autograde.checks import (
    assert_array_close, assert_close, check, expect_frame, expect_number, expect_undefined, expect_vector, fail,
)

# --- cohorts ------------------------------------------------------------------------------


def lymphoma():
    """lifelines' lymphoma data in the unit's convention: Censor (1 = death observed) -> Event."""
    return load_lymphoma().rename(columns={"Censor": "Event"})[["Stage_group", "Time", "Event"]]


def cohort(rng, n, *, median_survival=300.0, follow_up=(60.0, 720.0), censoring=True):
    """A seeded cohort: exponential survival (days), uniform administrative censoring, times
    rounded up to whole weeks (ties), rows shuffled, index labels scrambled."""
    death = rng.exponential(median_survival / math.log(2), size=n)
    if censoring:
        end = rng.uniform(*follow_up, size=n)
    else:
        end = np.full(n, np.inf)
    time = np.ceil(np.minimum(death, end) / 7.0).astype(np.int64) * 7
    event = (death <= end).astype(np.int64)
    index = rng.choice(np.arange(1000, 1000 + 10 * n), size=n, replace=False)
    return pd.DataFrame({"Time": time, "Event": event}, index=index)


def has_mixed_tie(df):
    """Some day has a death and a censoring, and some day has two or more deaths."""
    deaths = df[df.Event == 1].Time
    censored = set(df[df.Event == 0].Time)
    return any(t in censored for t in deaths) and deaths.duplicated().any()


def tied_cohort(rng, n):
    """A synthetic cohort that surely has the ties this unit is about (redraws until it does)."""
    for _ in range(50):
        df = cohort(rng, n)
        if has_mixed_tie(df):
            return df
    raise AssertionError("grader invariant: could not draw a cohort with tied times")


# --- oracles ------------------------------------------------------------------------------


def naive_oracle(t, df):
    time, event = df.Time.to_numpy(), df.Event.to_numpy()
    survived = np.sum(time > t)
    died = np.sum((event == 1) & (time <= t))
    return survived / (survived + died)


def km_oracle(df):
    """(0 and every distinct time, lifelines' Kaplan-Meier estimate at those times)."""
    times = np.concatenate([[0], np.unique(df.Time.to_numpy())]).astype(float)
    fitter = KaplanMeierFitter().fit(df.Time, event_observed=df.Event)
    return times, fitter.survival_function_at_times(times).to_numpy()


# --- private helpers (checks.py has no "list or array of numbers" helper) -----------------


def _km(HomemadeKM, df, *, what):
    """Call the learner's HomemadeKM on a copy of df; check it returns two equal-length vectors."""
    result = HomemadeKM(df.copy())
    if type(result) not in (tuple, list) or len(result) != 2:
        fail(f"HomemadeKM should return a pair (event_times, S) for {what}")
    n = 1 + df.Time.nunique()
    times = expect_vector(result[0], name=f"event_times for {what}", length=n)
    S = expect_vector(result[1], name=f"S for {what}", length=n)
    return times, S


def _p_value(logrank_p_value, df_a, df_b, *, what):
    p = expect_number(logrank_p_value(df_a.copy(), df_b.copy()), name=f"the p-value for {what}")
    check(bool(0.0 <= p <= 1.0), f"the p-value for {what} is outside [0, 1]")
    return p


# --- frac_censored -------------------------------------------------------------------------


@pytest.mark.grade(1, "Censored means Event == 0 (no death observed); divide by the number of patients.", uses=["frac_censored"])
def test_frac_censored_lymphoma(frac_censored):
    df = lymphoma()
    got = frac_censored(df.copy())
    assert_close(got, float(np.mean(df.Event.to_numpy() == 0)), name="frac_censored(lymphoma cohort)", rtol=1e-12)


@pytest.mark.grade(1, "load_data is given: keep it as it is (lifelines' Censor renamed to Event, so Event == 1 is an observed death).", uses=["frac_censored", "load_data"])
def test_frac_censored_of_the_given_loader(frac_censored, load_data):
    df = load_data()
    got = frac_censored(df.copy())
    given = expect_frame(df, name="load_data()", columns=["Stage_group", "Time", "Event"], n_rows=80)
    check(list(given.columns) == ["Stage_group", "Time", "Event"], "load_data() should keep the columns Stage_group, Time, Event in that order")
    check(bool(given.equals(lymphoma())), "load_data() no longer returns the given lymphoma cohort: restore the loader as the file gives it")
    assert_close(got, float(np.mean(given.Event.to_numpy() == 0)), name="frac_censored(load_data())", rtol=1e-12)


@pytest.mark.grade(1, "Count the rows with Event == 0 in the cohort you are given, whatever its index labels.", uses=["frac_censored"])
def test_frac_censored_synthetic_cohorts(frac_censored, rng):
    for n, follow_up in ((40, (60.0, 400.0)), (150, (200.0, 900.0)), (9, (30.0, 90.0))):
        df = cohort(rng, n, follow_up=follow_up)
        expected = float(np.mean(df.Event.to_numpy() == 0))
        assert_close(frac_censored(df.copy()), expected, name=f"frac_censored for a cohort of {n}", rtol=1e-12)


@pytest.mark.grade(1, "With no censoring the fraction is 0.0; with everybody censored it is 1.0.", uses=["frac_censored"])
def test_frac_censored_extremes(frac_censored, rng):
    complete = cohort(rng, 30, censoring=False)
    assert complete.Event.eq(1).all(), "grader invariant: every death observed"
    assert_close(frac_censored(complete.copy()), 0.0, name="frac_censored with every death observed")
    everyone = complete.assign(Event=0)
    assert_close(frac_censored(everyone), 1.0, name="frac_censored with every patient censored")


# --- naive_estimator -------------------------------------------------------------------------


@pytest.mark.grade(2, "X = # with Time > t, Y = # with Event == 1 and Time <= t; the estimate is X / (X + Y).", uses=["naive_estimator"])
def test_naive_lymphoma(naive_estimator, rng):
    df = lymphoma()
    observed = np.unique(df.Time.to_numpy())
    ts = np.concatenate([rng.choice(observed, size=6, replace=False), rng.uniform(5, 300, size=4).round(1)])
    for t in ts:
        t = float(t)
        assert_close(naive_estimator(t, df.copy()), naive_oracle(t, df), name=f"naive_estimator({t:g}, lymphoma)")


@pytest.mark.grade(2, "Patients censored on or before t are in neither X nor Y: leave them out of the denominator.", uses=["naive_estimator"])
def test_naive_leaves_out_censored_before_t(naive_estimator, rng):
    for _ in range(3):
        df = cohort(rng, 80, follow_up=(30.0, 300.0))
        t = float(np.quantile(df.Time, 0.6))
        censored_early = int(((df.Event == 0) & (df.Time <= t)).sum())
        assert censored_early > 0, "grader invariant: some patients censored before t"
        assert_close(
            naive_estimator(t, df.copy()), naive_oracle(t, df),
            name=f"naive_estimator at day {t:g} for a cohort with {censored_early} patients censored by then",
        )


@pytest.mark.grade(1, "On day t itself: a death at Time == t counts in Y (<=), a censoring at Time == t counts in neither.", uses=["naive_estimator"])
def test_naive_at_an_observed_time(naive_estimator, rng):
    df = tied_cohort(rng, 120)
    deaths = set(df[df.Event == 1].Time)
    tied = sorted(t for t in set(df[df.Event == 0].Time) if t in deaths)
    for t in tied[:4]:
        assert_close(naive_estimator(int(t), df.copy()), naive_oracle(t, df), name=f"naive_estimator on day {t}, a day with a death and a censoring")


@pytest.mark.grade(1, "Before the first time everyone is alive (1.0); after the last time no one is known to be alive.", uses=["naive_estimator"])
def test_naive_before_first_and_after_last(naive_estimator, rng):
    df = cohort(rng, 50)
    first, last = float(df.Time.min()), float(df.Time.max())
    assert_close(naive_estimator(0.0, df.copy()), 1.0, name="naive_estimator at day 0")
    assert_close(naive_estimator(first - 0.5, df.copy()), 1.0, name="naive_estimator just before the first time")
    assert_close(naive_estimator(last + 30.0, df.copy()), 0.0, name="naive_estimator after the last time")


@pytest.mark.grade(1, "If every patient was censored on or before t, X + Y = 0: the estimate is undefined, so let 0 / 0 raise (or return NaN), never a number.", uses=["naive_estimator"])
def test_naive_undefined_is_not_a_number(naive_estimator, rng):
    df = cohort(rng, 25).assign(Event=0)
    t = float(df.Time.max())
    expect_undefined(lambda: naive_estimator(t, df.copy()), what="naive_estimator when no status is known at t",
                     why="every patient was censored on or before t: X + Y = 0")
    defined = expect_number(naive_estimator(t - 7.0, df.copy()), name="naive_estimator a week before the last censoring")
    check(bool(defined == 1.0), "naive_estimator should be 1.0 when the only patients with known status are still alive")


# --- HomemadeKM ------------------------------------------------------------------------------


@pytest.mark.grade(2, "event_times = [0] then every distinct value of df.Time, sorted (censoring-only times included).", uses=["HomemadeKM"])
def test_km_event_times(HomemadeKM, rng):
    df = tied_cohort(rng, 60)
    times, _ = _km(HomemadeKM, df, what="a synthetic cohort")
    expected, _ = km_oracle(df)
    assert_array_close(times, expected, name="event_times", rtol=0, atol=1e-9)


@pytest.mark.grade(1, "The curve starts at time 0 with S = 1: everybody is alive when follow-up starts.", uses=["HomemadeKM"])
def test_km_starts_at_one(HomemadeKM, rng):
    df = cohort(rng, 30)
    times, S = _km(HomemadeKM, df, what="a cohort of 30")
    check(bool(times[0] == 0.0), "event_times should start with 0")
    check(bool(S[0] == 1.0), "S[0] should be 1 (survival at time 0)")


@pytest.mark.grade(2, "S[j] = S[j-1] * (1 - deaths at t / patients with Time >= t), for each distinct time t.", uses=["HomemadeKM"])
def test_km_lymphoma_matches_lifelines(HomemadeKM):
    df = lymphoma()
    _, S = _km(HomemadeKM, df, what="the lymphoma cohort")
    _, expected = km_oracle(df)
    assert_array_close(S, expected, name="S for the lymphoma cohort", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "Several deaths on one day all count in d_j; at-risk n_j is every row with Time >= t.", uses=["HomemadeKM"])
def test_km_synthetic_cohorts_with_ties(HomemadeKM, rng):
    for n in (40, 120, 300):
        df = tied_cohort(rng, n)
        _, S = _km(HomemadeKM, df, what=f"a cohort of {n} with tied times")
        _, expected = km_oracle(df)
        assert_array_close(S, expected, name=f"S for a cohort of {n} with tied times", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "At a day with deaths and censorings, deaths come first: patients censored that day are still at risk.", uses=["HomemadeKM"])
def test_km_deaths_before_censorings(HomemadeKM, rng):
    base = pd.DataFrame(
        {"Time": [30, 60, 60, 60, 90, 120, 120, 120, 150, 180], "Event": [1, 1, 1, 0, 0, 1, 0, 0, 1, 0]}
    )
    df = base.sample(frac=1.0, random_state=int(rng.integers(2**31))).set_axis(rng.permutation(10) + 500)
    times, S = _km(HomemadeKM, df, what="a cohort with deaths and censorings on the same days")
    _, expected = km_oracle(df)
    for day in (60, 120):
        j = int(np.flatnonzero(times == day)[0]) if np.any(times == day) else None
        check(j is not None, f"event_times should contain day {day}")
        check(
            bool(abs(S[j] - expected[j]) <= 1e-12),
            f"S on day {day} (deaths and censorings on that day) is wrong: "
            "are the patients censored that day counted in the number at risk?",
        )
    assert_array_close(S, expected, name="S for a cohort with deaths and censorings on the same days", rtol=1e-12)


@pytest.mark.grade(1, "A censored patient is not a death: at a time with only censorings the curve stays flat.", uses=["HomemadeKM"])
def test_km_flat_at_censoring_only_times(HomemadeKM, rng):
    df = tied_cohort(rng, 100)
    times, S = _km(HomemadeKM, df, what="a synthetic cohort")
    check(bool(np.all(np.diff(S) <= 1e-12)), "S should never increase")
    only_censored = set(df.Time) - set(df[df.Event == 1].Time)
    assert only_censored, "grader invariant: some day has only censorings"
    for j in range(1, len(times)):
        if times[j] in only_censored and abs(S[j] - S[j - 1]) > 1e-12:
            fail(
                "the survival curve drops at a time where only censorings happened: "
                "censored patients are being counted as deaths"
            )


@pytest.mark.grade(1, "With every patient censored no death is ever observed: S stays 1 at every time.", uses=["HomemadeKM"])
def test_km_all_censored(HomemadeKM, rng):
    df = cohort(rng, 40).assign(Event=0)
    _, S = _km(HomemadeKM, df, what="a cohort where everybody is censored")
    assert_array_close(S, np.ones(1 + df.Time.nunique()), name="S with every patient censored", rtol=0, atol=1e-12)


@pytest.mark.grade(1, "Without censoring Kaplan-Meier is the plain fraction still alive: # with Time > t / n.", uses=["HomemadeKM"])
def test_km_no_censoring(HomemadeKM, rng):
    df = cohort(rng, 70, censoring=False)
    assert df.Event.eq(1).all(), "grader invariant: every death observed"
    times, S = _km(HomemadeKM, df, what="a cohort with no censoring")
    expected = np.array([np.mean(df.Time.to_numpy() > t) for t in np.concatenate([[0], np.unique(df.Time)])])
    assert_array_close(S, expected, name="S with no censoring", rtol=1e-9, atol=1e-12)
    check(bool(abs(S[-1]) <= 1e-12), "with no censoring S should reach 0 at the last death")


# --- logrank_p_value -----------------------------------------------------------------------


@pytest.mark.grade(2, "Sum O - E and the hypergeometric variance over the pooled death times; p = P(chi2 with 1 df > Z).", uses=["logrank_p_value"])
def test_logrank_lymphoma_stages(logrank_p_value):
    df = lymphoma()
    a, b = df[df.Stage_group == 1], df[df.Stage_group == 2]
    got = _p_value(logrank_p_value, a, b, what="stage group 1 vs 2")
    expected = logrank_test(a.Time, b.Time, event_observed_A=a.Event, event_observed_B=b.Event).p_value
    assert_close(got, float(expected), name="the log-rank p-value for stage group 1 vs 2", rtol=1e-6, atol=1e-12)


@pytest.mark.grade(2, "With tied deaths keep the (n - d) / (n - 1) factor in the variance; at risk means Time >= t.", uses=["logrank_p_value"])
def test_logrank_synthetic_cohorts(logrank_p_value, rng):
    for n_a, n_b, ratio in ((60, 80, 1.0), (100, 90, 1.8), (45, 45, 0.6)):
        a = tied_cohort(rng, n_a)
        b = cohort(rng, n_b, median_survival=300.0 / ratio)
        got = _p_value(logrank_p_value, a, b, what=f"cohorts of {n_a} and {n_b}")
        expected = logrank_test(a.Time, b.Time, event_observed_A=a.Event, event_observed_B=b.Event).p_value
        assert_close(got, float(expected), name=f"the log-rank p-value for cohorts of {n_a} and {n_b}", rtol=1e-6, atol=1e-12)


@pytest.mark.grade(1, "The test is two-sided: swapping the two cohorts gives the same p-value, and identical cohorts give 1.", uses=["logrank_p_value"])
def test_logrank_symmetric_and_identical(logrank_p_value, rng):
    a, b = tied_cohort(rng, 70), cohort(rng, 70, median_survival=180.0)
    forward = _p_value(logrank_p_value, a, b, what="A vs B")
    backward = _p_value(logrank_p_value, b, a, what="B vs A")
    check(bool(abs(forward - backward) <= 1e-9), "the log-rank p-value changes when the two cohorts are swapped")
    same = _p_value(logrank_p_value, a, a.copy(), what="a cohort against itself")
    assert_close(same, 1.0, name="the log-rank p-value of a cohort against itself", rtol=0, atol=1e-9)


@pytest.mark.grade(1, "The variance term is 0 only when n == 1: a death with one patient left at risk in each cohort (n == 2) still adds to V.", uses=["logrank_p_value"])
def test_logrank_last_two_at_risk(logrank_p_value, rng):
    for _ in range(3):
        a, b = cohort(rng, 40, median_survival=200.0), cohort(rng, 35, median_survival=320.0)
        last = int(max(a.Time.max(), b.Time.max())) + 7 * int(rng.integers(1, 6))
        # the longest-followed patient of each cohort: A's dies on day `last`, B's is censored that day
        a = pd.concat([a, pd.DataFrame({"Time": [last], "Event": [1]}, index=[1])]).sample(frac=1.0, random_state=int(rng.integers(2**31)))
        b = pd.concat([b, pd.DataFrame({"Time": [last], "Event": [0]}, index=[2])])
        got = _p_value(logrank_p_value, a, b, what="cohorts whose last death leaves one patient at risk in each")
        expected = logrank_test(a.Time, b.Time, event_observed_A=a.Event, event_observed_B=b.Event).p_value
        assert_close(got, float(expected), name="the log-rank p-value when the last death has two patients at risk", rtol=1e-6, atol=1e-12)


@pytest.mark.grade(1, "No death in either cohort: V = 0, nothing to compare, and the p-value is 1.0 (as lifelines gives).", uses=["logrank_p_value"])
def test_logrank_without_deaths(logrank_p_value, rng):
    a, b = cohort(rng, 20).assign(Event=0), cohort(rng, 15, median_survival=120.0).assign(Event=0)
    expected = logrank_test(a.Time, b.Time, event_observed_A=a.Event, event_observed_B=b.Event).p_value
    assert float(expected) == 1.0, "grader invariant: lifelines gives 1 without deaths"
    got = _p_value(logrank_p_value, a, b, what="two cohorts without a single death")
    assert_close(got, 1.0, name="the log-rank p-value without deaths", rtol=0, atol=1e-12)
