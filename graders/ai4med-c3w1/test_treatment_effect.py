"""Hidden graders for ai4med-c3w1 (treatment effect estimation from a randomized controlled trial).

Oracles: numpy masks for the trial summaries and the per-group means (pandas' cut gives the
course's 10 equal-width risk groups; hidden trials are redrawn until every group holds both arms,
which the course leaves undefined otherwise), scikit-learn's LogisticRegression for every model (solver newton-cholesky: the exact
optimum in a few iterations on the unscaled trial features), the closed formula
p - p * OR / (1 - p + p * OR) for the ARR, and loops written from the course's rules for the
C-for-benefit and its matching (the course's pair layout: (untreated_patient, treated_patient),
each patient (pred, y) or (pred, y, w)). ``random.Random(seed).sample`` draws exactly what
``random.seed(seed); random.sample(...)`` draws, so the oracle's matching never touches the
global random state.
"""

import random

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from autograde.checks import (
    assert_array_close, assert_close, assert_real_answer, call_checked, check, expect_array, expect_frame, expect_number, expect_raises,
    expect_series, expect_tuple, fail,
)
from autograde.datasets.trials import colon_cancer_trial

MODULE = "treatment_effect"


# --- hidden data and trusted models --------------------------------------------------------------


def trial(rng, n=400, **shape):
    """A hidden trial from the shared generator, drawn from the test's seeded rng."""
    return colon_cancer_trial(n, rng=rng, **shape)


def split_xy(data):
    return data.drop(columns="outcome"), data["outcome"]


def fit_lr(X, y):
    """The trusted risk model: L2-penalized logistic regression (C=1), solved exactly."""
    return LogisticRegression(solver="newton-cholesky").fit(X, y)


def risk_with_treatment(model, X, treated):
    """The model's risk for every patient with TRTMT set to ``treated`` (on a copy)."""
    X_set = X.copy()
    X_set["TRTMT"] = treated if X["TRTMT"].dtype == bool else int(treated)
    return model.predict_proba(X_set)[:, 1]


def treated_mask(X):
    return X["TRTMT"].to_numpy().astype(bool)


def fitted_trial(rng, n=400, int_flag=False, **shape):
    """Features, outcome and a trusted logistic regression fitted on them."""
    X, y = split_xy(trial(rng, n, **shape))
    if int_flag:
        X["TRTMT"] = X["TRTMT"].astype(int)
    return X, y, fit_lr(X, y)


def same(got, expected, rtol=1e-9, atol=1e-12):
    """Trusted float arrays (or numbers) of the same shape that agree (a grader-side comparison)."""
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    return bool(got.shape == expected.shape and np.allclose(got, expected, rtol=rtol, atol=atol))


def frames_equal(a, b):
    return bool(a.shape == b.shape and list(a.columns) == list(b.columns) and a.index.equals(b.index)
                and a.equals(b) and (a.dtypes == b.dtypes).all())


# --- proportion_treated and event_rate ---------------------------------------------------------


@pytest.mark.grade(1, "Count the patients with TRTMT true (or 1) and divide by the number of ALL patients; return a float.", uses=["proportion_treated"])
def test_proportion_treated(proportion_treated, rng):
    for n, p_treated, int_flag in ((400, 0.5, False), (157, 0.3, True), (60, 0.75, False)):
        data = trial(rng, n, p_treated=p_treated)
        if int_flag:
            data["TRTMT"] = data["TRTMT"].astype(int)
        got = expect_number(proportion_treated(data.copy()), name=f"proportion_treated ({n} patients)")
        expected = float(treated_mask(data).mean())
        if abs(got - (1 - expected)) < 1e-12 and abs(expected - 0.5) > 1e-9:
            fail("proportion_treated returned the proportion of CONTROL patients: count TRTMT true / 1")
        assert_close(got, expected, name=f"proportion_treated ({n} patients)", rtol=0, atol=1e-12)


def oracle_event_rate(data):
    treated, outcome = treated_mask(data), data["outcome"].to_numpy()
    return float(outcome[treated].mean()), float(outcome[~treated].mean())


@pytest.mark.grade(3, "Return (treated_prob, control_prob), in this order; each is deaths / patients WITHIN that arm.", uses=["event_rate"])
def test_event_rate(event_rate, rng):
    for n, p_treated, int_flag in ((500, 0.5, False), (203, 0.35, True), (90, 0.6, False)):
        data = trial(rng, n, p_treated=p_treated)
        if int_flag:
            data["TRTMT"] = data["TRTMT"].astype(int)
        result = expect_tuple(event_rate(data.copy()), name="what event_rate returned (treated_prob, control_prob)", length=2)
        treated_prob = expect_number(result[0], name="treated_prob")
        control_prob = expect_number(result[1], name="control_prob")
        expected_treated, expected_control = oracle_event_rate(data)
        if same([treated_prob, control_prob], [expected_control, expected_treated]):
            fail("event_rate returned (control_prob, treated_prob): the treated arm's rate comes first")
        treated, outcome = treated_mask(data), data["outcome"].to_numpy()
        share_of_all = [outcome[treated].sum() / n, outcome[~treated].sum() / n]
        if same([treated_prob, control_prob], share_of_all):
            fail("the deaths of each arm were divided by ALL patients: divide by the number of patients in that arm")
        assert_close(treated_prob, expected_treated, name=f"treated_prob ({n} patients)", rtol=0, atol=1e-12)
        assert_close(control_prob, expected_control, name=f"control_prob ({n} patients)", rtol=0, atol=1e-12)


@pytest.mark.grade(1, "Only read df: proportion_treated must not change the caller's table (no converted or added column).", uses=["proportion_treated"])
def test_proportion_treated_leaves_df_unchanged(proportion_treated, reference, rng):
    data = trial(rng, 150, p_treated=0.4)
    got = call_checked(proportion_treated, data, name="proportion_treated(df)", unchanged=True)
    assert_real_answer(got, reference.get("proportion_treated")(data.copy()), name="proportion_treated(df)")


@pytest.mark.grade(1, "Only read df: event_rate must not change the caller's table (no converted or added column).", uses=["event_rate"])
def test_event_rate_leaves_df_unchanged(event_rate, reference, rng):
    data = trial(rng, 150, p_treated=0.6)
    got = call_checked(event_rate, data, name="event_rate(df)", unchanged=True)
    assert_real_answer(got, reference.get("event_rate")(data.copy()), name="event_rate(df)")


# --- extract_treatment_effect -----------------------------------------------------------------------


def reordered_fits(rng):
    """Trusted fits on feature frames with TRTMT at different positions (the course's is 7th)."""
    X, y = split_xy(trial(rng, 400))
    columns = list(X.columns)
    others = [c for c in columns if c != "TRTMT"]
    shuffled = list(rng.permutation(columns))
    orders = (columns, ["TRTMT"] + others, others + ["TRTMT"], shuffled)
    return [(X[order], fit_lr(X[order], y)) for order in orders]


def learner_effect(extract_treatment_effect, lr, X):
    result = expect_tuple(extract_treatment_effect(lr, X.copy()), name="what extract_treatment_effect returned (theta, OR)", length=2)
    return expect_number(result[0], name="theta"), expect_number(result[1], name="OR")


@pytest.mark.grade(2, "Find the coefficient of the column named TRTMT: pair data.columns with lr.coef_[0] instead of using a fixed position.", uses=["extract_treatment_effect"])
def test_extract_treatment_effect_theta(extract_treatment_effect, rng):
    for X, lr in reordered_fits(rng):
        theta, _ = learner_effect(extract_treatment_effect, lr, X)
        position = list(X.columns).index("TRTMT")
        coefficients = lr.coef_[0]
        expected = float(coefficients[position])
        if abs(theta - expected) > 1e-9 and np.any(np.abs(coefficients - theta) < 1e-12):
            fail("theta is the coefficient of another feature: look TRTMT up by its column name")
        assert_close(theta, expected, name=f"theta (TRTMT is column {position} of {X.shape[1]})", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(2, "The odds ratio is exp(theta): the coefficient is a LOG odds ratio.", uses=["extract_treatment_effect"])
def test_extract_treatment_effect_odds_ratio(extract_treatment_effect, rng):
    for X, lr in reordered_fits(rng)[:2]:
        theta, OR = learner_effect(extract_treatment_effect, lr, X)
        expected_theta = float(lr.coef_[0][list(X.columns).index("TRTMT")])
        if abs(OR - expected_theta) < 1e-12:
            fail("OR equals theta: the odds ratio is exp(theta), the coefficient is its logarithm")
        if abs(OR - np.exp(-expected_theta)) < 1e-9:
            fail("OR is exp(-theta): the odds ratio of treatment is exp(+theta)")
        check(OR > 0, "an odds ratio is always positive")
        assert_close(OR, float(np.exp(expected_theta)), name="OR", rtol=1e-9, atol=1e-12)


# --- OR_to_ARR ---------------------------------------------------------------------------------


def oracle_arr(p, OR):
    p, OR = np.asarray(p, dtype=float), np.asarray(OR, dtype=float)
    return p - p * OR / (1 - p + p * OR)


@pytest.mark.grade(2, "Convert p to odds, multiply the odds by OR, convert back to a risk; ARR = p - treated risk (positive when OR < 1).", uses=["OR_to_ARR"])
def test_or_to_arr_scalars(OR_to_ARR, rng):
    ps = [0.03, 0.2, 0.5, 0.8, 0.97] + list(rng.uniform(0.05, 0.95, 3))
    odds_ratios = [0.3, 0.47, 0.8, 1.6] + list(rng.uniform(0.2, 3.0, 2))
    for p in ps:
        for OR in odds_ratios:
            p, OR = float(p), float(OR)
            got = expect_number(OR_to_ARR(p, OR), name=f"OR_to_ARR({p:.3g}, {OR:.3g})")
            expected = float(oracle_arr(p, OR))
            if abs(got + expected) < 1e-12 and abs(expected) > 1e-6:
                fail("the sign of the ARR is flipped: ARR = baseline risk - treated risk (positive when the treatment helps)")
            if abs(got - p * (1 - OR)) < 1e-12 and abs(expected - p * (1 - OR)) > 1e-6:
                fail("OR multiplied the risk p: an odds ratio multiplies the ODDS p / (1 - p)")
            assert_close(got, expected, name=f"OR_to_ARR({p:.3g}, {OR:.3g})", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Write it with arithmetic operators only, so numpy arrays of p (and of OR) work elementwise; OR = 1 gives 0.", uses=["OR_to_ARR"])
def test_or_to_arr_arrays(OR_to_ARR, rng):
    p = rng.uniform(0.02, 0.98, 9)
    cases = (
        (p, 0.6, "an array of p with one OR"),
        (0.35, rng.uniform(0.2, 2.5, 6), "one p with an array of OR"),
        (p[:4].reshape(4, 1), np.array([0.5, 1.0, 2.0]), "a (4, 1) array of p with a (3,) array of OR"),
        (p, 1.0, "OR = 1 (no effect)"),
    )
    for p_case, OR_case, what in cases:
        expected = oracle_arr(p_case, OR_case)
        got = expect_array(OR_to_ARR(np.copy(p_case), np.copy(OR_case) if np.ndim(OR_case) else OR_case),
                           name=f"OR_to_ARR for {what}", shape=expected.shape, kind="f")
        assert_array_close(got, expected, name=f"OR_to_ARR for {what}", rtol=1e-9, atol=1e-12)


# --- base_risks ----------------------------------------------------------------------------------


@pytest.mark.grade(3, "The baseline risk is the risk WITHOUT treatment: on a copy of X set TRTMT to False for everybody, then predict_proba(...)[:, 1].", uses=["base_risks"])
def test_base_risks(base_risks, rng):
    for n, int_flag in ((300, False), (180, True)):
        X, _, lr = fitted_trial(rng, n, int_flag=int_flag)
        got = expect_array(base_risks(X.copy(), lr), name=f"base_risks ({n} patients)", shape=(n,), kind="f")
        expected = risk_with_treatment(lr, X, False)
        if same(got, lr.predict_proba(X)[:, 1]):
            fail("the treated patients kept TRTMT on: set TRTMT to False for every patient before predicting")
        if same(got, risk_with_treatment(lr, X, True)):
            fail("these are the risks WITH treatment: the baseline risk has TRTMT set to False")
        if same(got, lr.predict_proba(X)[:, 0]) or same(got, 1 - expected):
            fail("this is the probability of surviving: take column 1 of predict_proba (the event)")
        assert_array_close(got, expected, name=f"base_risks ({n} patients)", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Change TRTMT on a copy (X.copy()): the caller's X must still say who was treated.", uses=["base_risks"])
def test_base_risks_leaves_X_unchanged(base_risks, reference, rng):
    X, _, lr = fitted_trial(rng, 200)
    original = X.copy()
    assert_real_answer(base_risks(X, lr), reference.get("base_risks")(original.copy(), lr), name="base_risks(X, lr)")
    check(frames_equal(X, original), "base_risks changed the X it was given (its TRTMT column was overwritten)")


# --- lr_ARR_quantile --------------------------------------------------------------------------------


def binned_trial(rng, n, int_flag=False):
    """A fitted trial whose 10 equal-width baseline-risk bins all hold patients of both arms.

    The course leaves an empty or one-armed bin undefined (its mean is NaN), so the hidden
    trials are redrawn (from the test's seeded rng) until every bin has both arms.
    """
    for _ in range(30):
        X, y, lr = fitted_trial(rng, n, int_flag=int_flag)
        codes, treated = np.asarray(pd.cut(risk_with_treatment(lr, X, False), 10).codes), treated_mask(X)
        if all(((codes == k) & treated).any() and ((codes == k) & ~treated).any() for k in range(10)):
            return X, y, lr
    raise AssertionError("grader invariant: a trial with both arms in every risk bin")


def oracle_groups(X, y, lr, binning=pd.cut, baseline=None):
    """The course's 10 risk groups (pd.cut of the baseline risk): their mean baseline risk and observed ARR."""
    base = risk_with_treatment(lr, X, False) if baseline is None else baseline
    codes = np.asarray(binning(base, 10).codes)
    treated, outcome = treated_mask(X), np.asarray(y)
    means = np.array([base[codes == k].mean() for k in range(10)])
    arr = np.array([outcome[(codes == k) & ~treated].mean() - outcome[(codes == k) & treated].mean() for k in range(10)])
    return means, arr


def learner_groups(lr_ARR_quantile, X, y, lr):
    series = expect_series(lr_ARR_quantile(X.copy(), y.copy(), lr), name="lr_ARR_quantile(X, y, lr)", n_rows=10)
    if any(type(label) is pd.Interval for label in series.index):
        fail("the Series is indexed by the risk intervals: index it by each group's MEAN baseline risk "
             "(the mean of base_risks over the group's patients)")
    index = series.index.to_numpy()
    if index.dtype.kind not in "fiu":
        fail("the index of the Series should hold each group's mean baseline risk (floats)")
    means = expect_array(index.astype(float), name="the index (mean baseline risk of each group)", shape=(10,), kind="f")
    values = expect_array(series.to_numpy(dtype=float), name="the ARR values", shape=(10,), kind="f")
    return means, values


@pytest.mark.grade(1, "Return a pandas Series of 10 ARRs indexed by each group's mean baseline risk, from the lowest risk group to the highest.", uses=["lr_ARR_quantile"])
def test_lr_arr_quantile_structure(lr_ARR_quantile, rng):
    X, y, lr = binned_trial(rng, 400)
    means, _ = learner_groups(lr_ARR_quantile, X, y, lr)
    check(bool(np.all(np.diff(means) > 0)), "the risk groups should be in increasing order of baseline risk")
    check(bool(means.min() > 0 and means.max() < 1), "the index should hold baseline risks (probabilities between 0 and 1)")


@pytest.mark.grade(3, "Group by pd.cut(baseline risk, 10) (equal widths, as the course); ARR = untreated minus treated death rate; index = mean baseline risk.", uses=["lr_ARR_quantile"])
def test_lr_arr_quantile_values(lr_ARR_quantile, rng):
    for n, int_flag in ((600, False), (350, True)):
        X, y, lr = binned_trial(rng, n, int_flag=int_flag)
        got_means, got = learner_groups(lr_ARR_quantile, X, y, lr)
        means, expected = oracle_groups(X, y, lr)
        if not same(got_means, means, rtol=1e-9, atol=1e-12):
            if same(got_means, oracle_groups(X, y, lr, binning=pd.qcut)[0]):
                fail("the groups hold equal NUMBERS of patients (pd.qcut): the course bins with pd.cut, 10 groups of equal width")
            if same(got_means, oracle_groups(X, y, lr, baseline=lr.predict_proba(X)[:, 1])[0]):
                fail("the groups were made from risks with TRTMT as given: use the baseline risks (TRTMT off)")
            if same(got_means, oracle_groups(X, y, lr, baseline=risk_with_treatment(lr, X, True))[0]):
                fail("the groups were made from risks WITH treatment: use the baseline risks (TRTMT off)")
            fail("the index is not the mean baseline risk of each of the 10 groups of pd.cut(base_risks(X, lr), 10)")
        if same(got, -expected):
            fail("the ARR has the wrong sign: untreated death rate MINUS treated death rate")
        assert_array_close(got, expected, name=f"the ARR per risk group ({n} patients)", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Work on copies: lr_ARR_quantile must leave X (and y) exactly as it got them (no added columns, TRTMT unchanged).", uses=["lr_ARR_quantile"])
def test_lr_arr_quantile_leaves_inputs_unchanged(lr_ARR_quantile, reference, rng):
    X, y, lr = binned_trial(rng, 300)
    X_original, y_original = X.copy(), y.copy()
    assert_real_answer(lr_ARR_quantile(X, y, lr), reference.get("lr_ARR_quantile")(X_original.copy(), y_original.copy(), lr),
                       name="lr_ARR_quantile(X, y, lr)")
    check(frames_equal(X, X_original), "lr_ARR_quantile changed the X it was given")
    check(bool(y.equals(y_original) and y.index.equals(y_original.index)), "lr_ARR_quantile changed the y it was given")


# --- c_for_benefit_score ---------------------------------------------------------------------------


def brute_force_c_for_benefit(pairs, tie=0.5, same_benefit_permissible=False, benefit_sign=1):
    """The course's rules, pair of pairs by pair of pairs (and the usual mistakes, by flag).

    A pair is (untreated_patient, treated_patient), each patient (pred, y) or (pred, y, w).
    """
    predicted = [(untreated[0] + treated[0]) / 2 for untreated, treated in pairs]
    observed = [benefit_sign * (int(untreated[1]) - int(treated[1])) for untreated, treated in pairs]
    score = permissible = 0.0
    for i in range(len(pairs)):
        for j in range(i + 1, len(pairs)):
            if observed[i] == observed[j] and not same_benefit_permissible:
                continue
            permissible += 1
            if predicted[i] == predicted[j]:
                score += tie
            elif (predicted[i] > predicted[j] and observed[i] > observed[j]) or (
                predicted[i] < predicted[j] and observed[i] < observed[j]
            ):
                score += 1
    return score / permissible


def random_pairs(rng, m, tied=False, flags=False):
    """m matched pairs in the course's layout ((pred, y), (pred, y)), untreated patient first;
    with ``tied``, predictions on a 1/16 grid so that many predicted benefits tie exactly; with
    ``flags``, each patient is (pred, y, w) as c_statistic builds them."""
    if tied:
        predictions = rng.integers(-1, 7, size=(m, 2)) / 16
    else:
        predictions = rng.normal(0.1, 0.08, size=(m, 2))
    outcomes = (rng.random((m, 2)) < [0.5, 0.38]).astype(int)  # (untreated, treated): about 50 % vs 38 % die
    if flags:
        return [((float(a), int(u), False), (float(b), int(t), True)) for (a, b), (u, t) in zip(predictions, outcomes)]
    return [((float(a), int(u)), (float(b), int(t))) for (a, b), (u, t) in zip(predictions, outcomes)]


def learner_c(c_for_benefit_score, pairs, what):
    return expect_number(c_for_benefit_score([tuple(pair) for pair in pairs]), name=f"c_for_benefit_score for {what}")


@pytest.mark.grade(1, "Observed benefit = y_untreated - y_treated (the untreated patient comes first in a pair); a perfect ranking gives 1.0, a reversed one 0.0, equal predictions 0.5.", uses=["c_for_benefit_score"])
@pytest.mark.parametrize(
    "pairs, what",
    [
        ([((0.25, 1), (0.25, 0)), ((0.125, 1), (0.125, 1)), ((0.0, 0), (0.25, 1)), ((0.5, 0), (0.0, 0))], "the docstring example"),
        ([((0.30, 1), (0.20, 0)), ((0.10, 0), (0.05, 0)), ((0.02, 0), (0.0, 1))], "a perfect ranking"),
        ([((0.02, 1), (0.0, 0)), ((0.10, 1), (0.05, 1)), ((0.30, 0), (0.20, 1))], "a reversed ranking"),
        ([((0.1, 1), (0.3, 0)), ((0.2, 0), (0.2, 1)), ((0.3, 0), (0.1, 0))], "equal predicted benefits"),
        ([((0.4, 0), (0.1, 1)), ((0.05, 1), (0.15, 0))], "two pairs"),
    ],
    ids=["docstring_example", "perfect_ranking", "reversed_ranking", "equal_predicted_benefits", "two_pairs"],
)
def test_c_for_benefit_small_cases(c_for_benefit_score, pairs, what):
    assert_close(learner_c(c_for_benefit_score, pairs, what), brute_force_c_for_benefit(pairs),
                 name=f"c_for_benefit_score for {what}", rtol=0, atol=1e-12)


@pytest.mark.grade(3, "Compare every two pairs whose observed benefits differ; the predicted benefit of a pair is the MEAN of its two patients' predictions (index 0).", uses=["c_for_benefit_score"])
def test_c_for_benefit_random_pairs(c_for_benefit_score, rng):
    for m, flags in ((40, False), (151, True), (260, False)):
        pairs = random_pairs(rng, m, flags=flags)
        what = f"{m} pairs" + (" of (pred, y, w) patients" if flags else "")
        got = learner_c(c_for_benefit_score, pairs, what)
        if abs(got - brute_force_c_for_benefit(pairs, benefit_sign=-1)) < 1e-12:
            fail("the observed benefit has the wrong sign: it is y_untreated - y_treated (1 when only the untreated patient died)")
        for member, name in ((0, "untreated"), (1, "treated")):
            one_sided = [((pair[member][0], pair[0][1]), (pair[member][0], pair[1][1])) for pair in pairs]
            if abs(got - brute_force_c_for_benefit(one_sided)) < 1e-12:
                fail(f"only the {name} patient's prediction was used: a pair's predicted benefit is the mean of both")
        assert_close(got, brute_force_c_for_benefit(pairs), name=f"c_for_benefit_score for {what}", rtol=0, atol=1e-12)
    pairs = random_pairs(rng, 50, flags=True)
    assert_close(expect_number(c_for_benefit_score(tuple(pairs)), name="c_for_benefit_score of a tuple of pairs"),
                 brute_force_c_for_benefit(pairs), name="c_for_benefit_score of a tuple of pairs", rtol=0, atol=1e-12)


@pytest.mark.grade(2, "Equal predicted benefits in a permissible couple count 1/2; couples with the SAME observed benefit are not counted at all.", uses=["c_for_benefit_score"])
def test_c_for_benefit_ties(c_for_benefit_score, rng):
    for m in (60, 200):
        pairs = random_pairs(rng, m, tied=True)
        got = learner_c(c_for_benefit_score, pairs, f"{m} pairs with tied predictions")
        if abs(got - brute_force_c_for_benefit(pairs, tie=0.0)) < 1e-12:
            fail("tied predicted benefits were counted as 0: a tie counts 1/2")
        if abs(got - brute_force_c_for_benefit(pairs, tie=1.0)) < 1e-12:
            fail("tied predicted benefits were counted as 1: a tie counts 1/2")
        if abs(got - brute_force_c_for_benefit(pairs, same_benefit_permissible=True)) < 1e-12:
            fail("couples with the same observed benefit were counted: only couples whose observed benefits differ are permissible")
        assert_close(got, brute_force_c_for_benefit(pairs), name=f"c_for_benefit_score for {m} pairs with ties", rtol=0, atol=1e-12)


@pytest.mark.grade(1, "With no couple of pairs whose observed benefits differ, the C-for-benefit is undefined: raise ValueError.", uses=["c_for_benefit_score"])
def test_c_for_benefit_without_permissible_couple_raises(c_for_benefit_score, rng):
    same_benefit = [((float(a), k % 2), (float(b), k % 2)) for k, (a, b) in enumerate(rng.uniform(0, 0.3, (6, 2)))]
    all_helped = [((float(a), 1), (float(b), 0)) for a, b in rng.uniform(0, 0.3, (5, 2))]
    for pairs, what in ((same_benefit, "pairs that all have observed benefit 0"),
                        (all_helped, "pairs that all have observed benefit 1"),
                        (all_helped[:1], "a single pair"),
                        ([], "no pairs at all")):
        expect_raises(lambda: c_for_benefit_score(pairs), (ValueError, ZeroDivisionError),
                      what=f"c_for_benefit_score for {what}")


@pytest.mark.grade(1, "A tie is EXACT equality of the predicted benefits: compare them with <, >, == (no rounding, no tolerance), even when they are tiny or one rounding step apart.", uses=["c_for_benefit_score"])
def test_c_for_benefit_near_ties_are_ordered(c_for_benefit_score, rng):
    near = []
    for x, outcomes in zip(rng.uniform(0.05, 0.3, 24), rng.integers(0, 2, size=(24, 4))):
        low = float(x)
        high = float(np.nextafter(low, 1.0))  # the next float after low: a different predicted benefit
        u1, t1, u2, t2 = (int(o) for o in outcomes)
        near += [((low, u1), (low, t1)), ((high, u2), (high, t2))]
    tiny = [((a * 1e-9, u), (b * 1e-9, t)) for (a, u), (b, t) in random_pairs(rng, 80)]
    for pairs, what in ((near, "pairs whose predicted benefits differ in the last digit"), (tiny, "pairs with tiny predicted benefits")):
        assert_close(learner_c(c_for_benefit_score, pairs, what), brute_force_c_for_benefit(pairs),
                     name=f"c_for_benefit_score for {what}", rtol=0, atol=1e-12)


@pytest.mark.grade(1, "Read the pairs without changing them: no pairs.sort() or other in-place change of the caller's list.", uses=["c_for_benefit_score"])
def test_c_for_benefit_leaves_pairs_unchanged(c_for_benefit_score, reference, rng):
    pairs = random_pairs(rng, 40, flags=True)
    got = call_checked(c_for_benefit_score, pairs, name="c_for_benefit_score(pairs)", unchanged=True)
    assert_real_answer(got, reference.get("c_for_benefit_score")(list(pairs)), name="c_for_benefit_score(pairs)")


# --- c_statistic ------------------------------------------------------------------------------------


def rct_predictions(rng, n_untreated, n_treated, flag=bool):
    """Predicted risk reductions (continuous, no ties), outcomes and treatment flags in random order."""
    w = np.array([False] * n_untreated + [True] * n_treated)
    rng.shuffle(w)
    pred_rr = rng.normal(0.1, 0.08, w.size)
    risk = np.clip(0.5 - w * (0.02 + 0.9 * pred_rr) + rng.normal(0, 0.05, w.size), 0.02, 0.98)
    y = (rng.random(w.size) < risk).astype(int)
    return pred_rr, y, w.astype(flag)


def oracle_pairs(pred_rr, y, w, seed, sample=True, sort=True):
    """The course's matching, with the seeded subsampling drawn by a private random.Random(seed):
    pairs ((pred, y), (pred, y)), untreated patient first (the flag w left out)."""
    draw = random.Random(seed)
    patients = list(zip(pred_rr.tolist(), y.tolist(), w.tolist()))
    untreated = [p for p in patients if not p[2]]
    treated = [p for p in patients if p[2]]
    if len(treated) < len(untreated):
        untreated = draw.sample(untreated, len(treated)) if sample else untreated[: len(treated)]
    elif len(untreated) < len(treated):
        treated = draw.sample(treated, len(untreated)) if sample else treated[: len(untreated)]
    if sort:
        untreated, treated = sorted(untreated, key=lambda p: p[0]), sorted(treated, key=lambda p: p[0])
    return [((u[0], u[1]), (t[0], t[1])) for u, t in zip(untreated, treated)]


def oracle_c_statistic(pred_rr, y, w, seed=0, **mistake):
    return brute_force_c_for_benefit(oracle_pairs(pred_rr, y, w, seed, **mistake))


def learner_c_statistic(c_statistic, pred_rr, y, w, what, **seed):
    return expect_number(c_statistic(pred_rr.copy(), y.copy(), w.copy(), **seed), name=f"c_statistic for {what}")


@pytest.mark.grade(2, "Sort the untreated and the treated patients by predicted risk reduction and match them rank by rank.", uses=["c_statistic"])
def test_c_statistic_equal_arms(c_statistic, rng):
    for n, flag in ((80, bool), (150, int)):
        pred_rr, y, w = rct_predictions(rng, n, n, flag)
        what = f"{n} treated and {n} untreated patients"
        got = learner_c_statistic(c_statistic, pred_rr, y, w, what, random_seed=3)
        if abs(got - oracle_c_statistic(pred_rr, y, w, sort=False)) < 1e-12:
            fail("patients were matched in their input order: sort each arm by predicted risk reduction first")
        assert_close(got, oracle_c_statistic(pred_rr, y, w), name=f"c_statistic for {what}", rtol=0, atol=1e-12)


@pytest.mark.grade(3, "random.seed(random_seed), then random.sample the LARGER arm down to the size of the smaller one (without replacement), before sorting.", uses=["c_statistic"])
def test_c_statistic_subsamples_larger_arm_with_seed(c_statistic, rng):
    for n_untreated, n_treated, seed in ((170, 110, 7), (90, 150, 2024), (120, 100, 0), (61, 75, 31)):
        pred_rr, y, w = rct_predictions(rng, n_untreated, n_treated)
        what = f"{n_treated} treated, {n_untreated} untreated patients, random_seed={seed}"
        random.seed(int(rng.integers(1 << 30)))  # whatever state the global generator is left in ...
        got = learner_c_statistic(c_statistic, pred_rr, y, w, what, random_seed=seed)
        random.seed(int(rng.integers(1 << 30)))
        again = learner_c_statistic(c_statistic, pred_rr, y, w, what, random_seed=seed)
        if got != again:  # ... the same random_seed must give the same pairs
            fail("two calls with the same random_seed gave different results: call random.seed(random_seed) before sampling")
        expected = oracle_c_statistic(pred_rr, y, w, seed)
        if seed != 0 and abs(got - oracle_c_statistic(pred_rr, y, w, 0)) < 1e-12 and abs(expected - got) > 1e-12:
            fail("the result does not depend on random_seed: call random.seed(random_seed) before sampling")
        if abs(got - oracle_c_statistic(pred_rr, y, w, seed, sample=False)) < 1e-12 and abs(expected - got) > 1e-12:
            fail("the first patients of the larger arm were kept: draw them with random.sample")
        assert_close(got, expected, name=f"c_statistic for {what}", rtol=0, atol=1e-12)


@pytest.mark.grade(1, "random_seed defaults to 0: c_statistic(pred_rr, y, w) must equal c_statistic(pred_rr, y, w, random_seed=0).", uses=["c_statistic"])
def test_c_statistic_default_seed(c_statistic, rng):
    pred_rr, y, w = rct_predictions(rng, 140, 95)
    got = learner_c_statistic(c_statistic, pred_rr, y, w, "the default random_seed")
    assert_close(got, oracle_c_statistic(pred_rr, y, w, 0), name="c_statistic with the default random_seed", rtol=0, atol=1e-12)


@pytest.mark.grade(1, "Equal arms are not subsampled, and sorted(..., key=lambda p: p[0]) sorts by the prediction ONLY: patients with equal predictions keep their input order.", uses=["c_statistic"])
def test_c_statistic_tied_predictions(c_statistic, rng):
    for n_untreated, n_treated, flag, seed in ((70, 70, bool, 0), (90, 90, int, 13), (80, 64, bool, 4)):
        pred_rr, y, w = rct_predictions(rng, n_untreated, n_treated, flag)
        pred_rr = np.round(pred_rr * 20) / 20  # a few distinct predictions (e.g. from a tree): many ties
        what = f"{n_treated} treated, {n_untreated} untreated patients with tied predictions"
        got = learner_c_statistic(c_statistic, pred_rr, y, w, what, random_seed=seed)
        assert_close(got, oracle_c_statistic(pred_rr, y, w, seed), name=f"c_statistic for {what}", rtol=0, atol=1e-12)


@pytest.mark.grade(1, "Build new lists of patients: c_statistic must leave pred_rr, y and w unchanged (no in-place sort or shuffle).", uses=["c_statistic"])
def test_c_statistic_leaves_arrays_unchanged(c_statistic, reference, rng):
    pred_rr, y, w = rct_predictions(rng, 90, 70)
    got = call_checked(c_statistic, pred_rr, y, w, name="c_statistic(pred_rr, y, w)", unchanged=True)
    assert_real_answer(got, reference.get("c_statistic")(pred_rr.copy(), y.copy(), w.copy()), name="c_statistic(pred_rr, y, w)")


def as_pair(pair, k):
    """A learner's pair as ((pred, y), (pred, y)) of plain floats and ints (a patient's extra entries, the
    flag w, dropped); fails where it does not have the course's layout."""
    try:
        untreated, treated = pair
        return (float(untreated[0]), int(untreated[1])), (float(treated[0]), int(treated[1]))
    except (TypeError, ValueError, IndexError, KeyError):
        fail(f"pair {k} passed to c_for_benefit_score is not (untreated_patient, treated_patient) with each patient (pred, y, ...)")


@pytest.mark.grade(2, "Pass c_for_benefit_score the course's pairs (untreated_patient, treated_patient), each patient (pred, y, w): untreated patient FIRST.", verify=False, uses=["c_statistic"])
def test_c_statistic_builds_course_pairs(submission, c_statistic, rng):
    module = submission.module(MODULE)
    seen = []

    def recording_c_for_benefit_score(pairs):
        seen.append(list(pairs))
        return 0.5

    module.c_for_benefit_score = recording_c_for_benefit_score  # this test's own forked child only
    pred_rr, y, w = rct_predictions(rng, 130, 85)
    c_statistic(pred_rr.copy(), y.copy(), w.copy(), random_seed=11)
    check(len(seen) == 1, "c_statistic should build the pairs and score them with one call of c_for_benefit_score(pairs)")
    got = sorted(as_pair(pair, k) for k, pair in enumerate(seen[0]))
    expected = sorted(oracle_pairs(pred_rr, y, w, 11))
    check(len(got) == len(expected), "c_statistic should make one pair per patient of the smaller arm")
    swapped = sorted((t, u) for u, t in expected)
    if got == swapped and got != expected:
        fail("the treated patient comes first in the pairs: each pair is (untreated_patient, treated_patient)")
    check(got == expected, "the pairs passed to c_for_benefit_score are not the course's rank-matched pairs")


# --- TLearner and SLearner --------------------------------------------------------------------------


class LinearRiskModel:
    """A trusted stand-in for a fitted classifier: risk = logistic(X @ weights + bias)."""

    def __init__(self, weights, bias):
        self.weights, self.bias = np.asarray(weights, dtype=float), float(bias)

    def predict_proba(self, X):
        values = np.asarray(X, dtype=float)
        assert values.ndim == 2 and values.shape[1] == self.weights.size, "predict should pass X (all its columns) to the estimators"
        risk = 1.0 / (1.0 + np.exp(-(values @ self.weights + self.bias)))
        return np.column_stack([1.0 - risk, risk])


@pytest.mark.grade(3, "TLearner.predict returns control risk - treated risk (positive = treatment helps), from predict_proba(X)[:, 1] of each model.", verify=False)
def test_tlearner_predict(submission, rng):
    TLearner = submission.get("TLearner")
    X = split_xy(trial(rng, 120))[0].drop(columns="TRTMT")
    scale = rng.normal(0.0, 0.05, X.shape[1])
    treatment_model = LinearRiskModel(scale, -0.9)
    control_model = LinearRiskModel(scale + rng.normal(0.0, 0.03, X.shape[1]), -0.3)
    learner = TLearner(treatment_model, control_model)
    got = expect_array(learner.predict(X.copy()), name="TLearner.predict(X)", shape=(len(X),), kind="f")
    risk_treated = treatment_model.predict_proba(X)[:, 1]
    risk_control = control_model.predict_proba(X)[:, 1]
    if same(got, risk_treated - risk_control):
        fail("TLearner.predict returned treated risk - control risk: the risk REDUCTION is control - treated")
    assert_array_close(got, risk_control - risk_treated, name="TLearner.predict(X)", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "TLearner.__init__ stores the models as self.treatment_estimator and self.control_estimator (the course's names).", verify=False)
def test_tlearner_stores_estimators(submission, rng):
    treatment_model = LinearRiskModel(rng.normal(0.0, 0.05, 3), -0.9)
    control_model = LinearRiskModel(rng.normal(0.0, 0.05, 3), -0.3)
    learner = submission.get("TLearner")(treatment_model, control_model)
    for attribute, model in (("treatment_estimator", treatment_model), ("control_estimator", control_model)):
        check(getattr(learner, attribute, None) is model, f"TLearner(treatment_estimator, control_estimator).{attribute} should be the {attribute} it was given")


@pytest.mark.grade(1, "SLearner.__init__ stores the model as self.estimator.", verify=False)
def test_slearner_stores_estimator(submission, rng):
    model = LinearRiskModel(rng.normal(0.0, 0.05, 3), -0.6)
    check(getattr(submission.get("SLearner")(model), "estimator", None) is model, "SLearner(estimator).estimator should be the estimator it was given")


@pytest.mark.grade(2, "SLearner.predict: the same model's risk with TRTMT set to False for everybody minus its risk with TRTMT set to True.", verify=False)
def test_slearner_predict(submission, rng):
    SLearner = submission.get("SLearner")
    for n, int_flag in ((300, False), (150, True)):
        X, _, lr = fitted_trial(rng, n, int_flag=int_flag)
        got = expect_array(SLearner(lr).predict(X.copy()), name=f"SLearner.predict(X) ({n} patients)", shape=(n,), kind="f")
        off, on, factual = risk_with_treatment(lr, X, False), risk_with_treatment(lr, X, True), lr.predict_proba(X)[:, 1]
        if same(got, on - off):
            fail("SLearner.predict returned risk with treatment - risk without: the risk REDUCTION is without - with")
        if same(got, off - factual) or same(got, factual - on):
            fail("one of the two risks used the patients' own TRTMT: set TRTMT to False on one copy and True on another")
        assert_array_close(got, off - on, name=f"SLearner.predict(X) ({n} patients)", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Set TRTMT on copies of X: SLearner.predict must leave the caller's X unchanged.", verify=False)
def test_slearner_leaves_X_unchanged(submission, reference, rng):
    X, _, lr = fitted_trial(rng, 200)
    original = X.copy()
    assert_real_answer(submission.get("SLearner")(lr).predict(X), reference.get("SLearner")(lr).predict(original.copy()),
                       name="SLearner(lr).predict(X)")
    check(frames_equal(X, original), "SLearner.predict changed the X it was given")


# --- treatment_dataset_split ---------------------------------------------------------------------------


PART_NAMES = ("X_treat_train", "y_treat_train", "X_treat_val", "y_treat_val",
              "X_control_train", "y_control_train", "X_control_val", "y_control_val")


def train_and_val(rng, n_train=300, n_val=110):
    """A training and a validation set with different arm sizes, so every part has its own length."""
    X_train, y_train = split_xy(trial(rng, n_train, p_treated=0.4))
    X_val, y_val = split_xy(trial(rng, n_val, p_treated=0.6))
    return X_train, y_train, X_val, y_val


def learner_split(treatment_dataset_split, X_train, y_train, X_val, y_val):
    result = treatment_dataset_split(X_train.copy(), y_train.copy(), X_val.copy(), y_val.copy())
    parts = expect_tuple(result, name="what treatment_dataset_split returned", length=8)
    checked = []
    for name, part in zip(PART_NAMES, parts):
        if name.startswith("X"):
            checked.append(expect_frame(part, name=name))
        else:
            checked.append(expect_series(part, name=name))
    return checked


def expected_ids(X_train, X_val):
    """The patient ids each part must hold, in the course's order of the 8-tuple."""
    treated_train, treated_val = treated_mask(X_train), treated_mask(X_val)
    ids = [X_train.index[treated_train], X_val.index[treated_val], X_train.index[~treated_train], X_val.index[~treated_val]]
    return [ids[k // 2] for k in range(8)]


@pytest.mark.grade(1, "Return the course's 8-tuple: X and y of treated train, treated val, control train, control val (X DataFrames, y Series).", uses=["treatment_dataset_split"])
def test_split_returns_course_tuple(treatment_dataset_split, rng):
    X_train, y_train, X_val, y_val = train_and_val(rng)
    parts = learner_split(treatment_dataset_split, X_train, y_train, X_val, y_val)
    wanted = expected_ids(X_train, X_val)
    lengths = [len(part) for part in parts]
    if lengths != [len(ids) for ids in wanted]:
        if sorted(lengths) == sorted(len(ids) for ids in wanted):
            fail("the parts are not in the course's order: (X_treat_train, y_treat_train, X_treat_val, y_treat_val, "
                 "X_control_train, y_control_train, X_control_val, y_control_val)")
        fail("the parts do not have the sizes of the treated and control subsets of the training and validation sets")


@pytest.mark.grade(3, "Treated parts hold exactly the rows with TRTMT true, control parts exactly those with TRTMT false; each y matches its X rows.", uses=["treatment_dataset_split"])
def test_split_treated_and_control_rows(treatment_dataset_split, rng):
    for n_train, n_val, int_flag in ((300, 110, False), (160, 70, True)):
        X_train, y_train, X_val, y_val = train_and_val(rng, n_train, n_val)
        if int_flag:
            X_train["TRTMT"], X_val["TRTMT"] = X_train["TRTMT"].astype(int), X_val["TRTMT"].astype(int)
        parts = learner_split(treatment_dataset_split, X_train, y_train, X_val, y_val)
        treated_ids = set(X_train.index[treated_mask(X_train)]) | set(X_val.index[treated_mask(X_val)])
        all_ids = set(X_train.index) | set(X_val.index)
        outcomes = pd.concat([y_train, y_val])
        for name, part, ids in zip(PART_NAMES, parts, expected_ids(X_train, X_val)):
            got_ids = list(part.index)
            if not all_ids.issuperset(got_ids):
                fail(f"the index of {name} is not made of the input's patient ids: keep the index (do not reset it)")
            if "control" in name and treated_ids.intersection(got_ids):
                fail(f"{name} contains treated patients: the control parts hold only patients with TRTMT false / 0")
            if "treat_" in name and set(got_ids) - treated_ids:
                fail(f"{name} contains control patients: the treated parts hold only patients with TRTMT true / 1")
            check(got_ids == list(ids), f"{name} does not hold exactly the expected patients (in their original order and index)")
            if name.startswith("y"):
                assert_array_close(part.to_numpy(dtype=float), outcomes.loc[ids].to_numpy(dtype=float),
                                   name=f"{name} (the outcomes of its patients)", rtol=0, atol=0)


@pytest.mark.grade(1, "Drop the TRTMT column from every X part (df.drop(columns='TRTMT')) and keep the other columns and values.", uses=["treatment_dataset_split"])
def test_split_drops_treatment_column(treatment_dataset_split, rng):
    X_train, y_train, X_val, y_val = train_and_val(rng, 200, 90)
    parts = learner_split(treatment_dataset_split, X_train, y_train, X_val, y_val)
    features = [c for c in X_train.columns if c != "TRTMT"]
    everyone = pd.concat([X_train, X_val])
    for name, part in zip(PART_NAMES, parts):
        if name.startswith("X"):
            if "TRTMT" in part.columns:
                fail(f"{name} still has the TRTMT column: drop it (it is constant within an arm)")
            check(list(part.columns) == features, f"{name} should keep every other column, in the original order")
            if set(part.index) <= set(everyone.index):
                assert_array_close(part.to_numpy(dtype=float), everyone.loc[part.index, features].to_numpy(dtype=float),
                                   name=f"{name} (feature values)", rtol=0, atol=0)


@pytest.mark.grade(1, "Select and drop into NEW frames: X_train, y_train, X_val and y_val must be left unchanged.", uses=["treatment_dataset_split"])
def test_split_leaves_inputs_unchanged(treatment_dataset_split, reference, rng):
    X_train, y_train, X_val, y_val = train_and_val(rng, 150, 60)
    originals = [X_train.copy(), y_train.copy(), X_val.copy(), y_val.copy()]
    assert_real_answer(treatment_dataset_split(X_train, y_train, X_val, y_val),
                       reference.get("treatment_dataset_split")(*(o.copy() for o in originals)),
                       name="treatment_dataset_split(X_train, y_train, X_val, y_val)")
    check(frames_equal(X_train, originals[0]) and frames_equal(X_val, originals[2]), "treatment_dataset_split changed X_train or X_val")
    check(bool(y_train.equals(originals[1]) and y_val.equals(originals[3])), "treatment_dataset_split changed y_train or y_val")


# --- the whole T-learner evaluation -----------------------------------------------------------------------


@pytest.mark.grade(1, "Chain them: split, one model per arm, TLearner(treated, control).predict(X_val), then c_statistic.", timeout=20, verify=False, uses=["treatment_dataset_split", "c_statistic"])
def test_tlearner_pipeline_c_for_benefit(submission, treatment_dataset_split, c_statistic, rng):
    X_train, y_train, X_val, y_val = train_and_val(rng, 500, 240)
    parts = learner_split(treatment_dataset_split, X_train, y_train, X_val, y_val)
    X_treat_train, y_treat_train, _, _, X_control_train, y_control_train, _, _ = parts
    check(len(X_treat_train) == int(treated_mask(X_train).sum()), "the treated training set has the wrong patients")
    check("TRTMT" not in X_treat_train.columns and "TRTMT" not in X_control_train.columns,
          "the training parts still have the TRTMT column: drop it before fitting the two models")
    learner = submission.get("TLearner")(fit_lr(X_treat_train, y_treat_train), fit_lr(X_control_train, y_control_train))
    features = X_val.drop(columns="TRTMT")
    pred_rr = expect_array(learner.predict(features), name="TLearner.predict(X_val without TRTMT)", shape=(len(X_val),), kind="f")
    w = treated_mask(X_val)
    got = expect_number(c_statistic(pred_rr, y_val.to_numpy(), w), name="the validation C-for-benefit")

    keep = [c for c in X_train.columns if c != "TRTMT"]
    treated = treated_mask(X_train)
    treatment_model = fit_lr(X_train.loc[treated, keep], y_train[treated])
    control_model = fit_lr(X_train.loc[~treated, keep], y_train[~treated])
    expected_rr = control_model.predict_proba(features)[:, 1] - treatment_model.predict_proba(features)[:, 1]
    assert_close(got, oracle_c_statistic(expected_rr, y_val.to_numpy(), w, 0), name="the validation C-for-benefit", rtol=0, atol=1e-9)
