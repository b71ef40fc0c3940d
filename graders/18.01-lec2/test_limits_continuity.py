"""Hidden graders for 18.01-lec2 (limits and continuity in sympy). Oracle: sympy's own `limit`.

sympy's `limit` at a finite point shifts x -> x + a keeping x's assumptions, so a step
Heaviside(x - a) of a *positive* x is evaluated too early; every finite-point case here uses a
limit variable without assumptions, and steps are written with Heaviside (sympy's `limit` does
not handle Piecewise reliably). Parameters are exact Rationals drawn from the seeded `rng`.
"""


import pytest
import sympy as sp

from autograde.checks import (
    assert_equivalent, assert_not_used, check, expect_choice, expect_raises, expect_sympy, expect_tuple,
)
from autograde.datasets.parameters import exact_rational as q, nonzero_int

LABELS = GIVEN_LABELS = ("continuous", "removable", "jump", "infinite")

x = sp.Symbol("x")  # limit variable at finite points: no assumptions (see above)
t = sp.Symbol("t")  # time (h), no assumptions
tp = sp.Symbol("t", positive=True)  # time for limits t -> oo
R, k, V, D, C0, t0 = sp.symbols("R k V D C0 t0", positive=True)
b = sp.Symbol("b")  # a symbolic point of a limit


def random_poly(rng, degree):
    coeffs = [nonzero_int(rng, -6, 6)] + [int(rng.integers(-6, 7)) for _ in range(degree)]
    return sum(c * x ** (degree - i) for i, c in enumerate(coeffs))


def poly_nonzero_at(rng, degree, a):
    while True:
        p = random_poly(rng, degree)
        if p.subs(x, a) != 0:
            return p


def expect_pair(value, name):
    """A tuple of exactly two sympy objects."""
    left, right = expect_tuple(value, name=f"{name} (left, right)", length=2)
    return expect_sympy(left, name=f"the left limit of {name}"), expect_sympy(right, name=f"the right limit of {name}")


def stepped_infusion_rate(rng, time, t_step):
    """An infusion pump's rate (mg/h), changed from one setting to another at t_step: a jump."""
    before, change = q(rng, 20, 100, 1), nonzero_int(rng, -15, 60)
    return before + change * sp.Heaviside(time - t_step)


def bolus_concentration(c0, dose, volume, ke, t_bolus, time):
    """A decaying level c0 * exp(-ke t) plus a second bolus `dose` (mg) into `volume` (L) at t_bolus."""
    return c0 * sp.exp(-ke * time) + dose / volume * sp.exp(-ke * (time - t_bolus)) * sp.Heaviside(time - t_bolus)


# --- steady state: limits as t -> oo ----------------------------------------------------------


@pytest.mark.grade(1, "C(t) = R / (k V) * (1 - exp(-k t)): rate over clearance, times the fraction of steady state reached.", uses=["infusion_concentration"])
def test_infusion_concentration_formula(infusion_concentration, rng):
    got = infusion_concentration(R, k, V, tp)
    assert_equivalent(got, R / (k * V) * (1 - sp.exp(-k * tp)), name="infusion_concentration(R, k, V, t)")
    rate, ke, vol = q(rng, 20, 200, 1), q(rng, 0.05, 0.5, 100), q(rng, 15, 60, 1)
    got = infusion_concentration(rate, ke, vol, tp)
    assert_equivalent(got, rate / (ke * vol) * (1 - sp.exp(-ke * tp)), name="the concentration for numeric R, k, V")


@pytest.mark.grade(2, "The steady state is sympy.limit(C, t, sympy.oo), not C at some large time.", uses=["steady_state"])
def test_steady_state_of_infusion(steady_state, rng):
    model = R / (k * V) * (1 - sp.exp(-k * tp))
    assert_equivalent(steady_state(model, tp), sp.limit(model, tp, sp.oo), name="the steady state of a symbolic infusion")
    for _ in range(2):
        rate, ke, vol = q(rng, 20, 200, 1), q(rng, 0.01, 0.2, 100), q(rng, 15, 60, 1)
        model = rate / (ke * vol) * (1 - sp.exp(-ke * tp))
        assert_equivalent(
            steady_state(model, tp), sp.limit(model, tp, sp.oo), name=f"the steady state for R = {rate} mg/h, k = {ke} /h, V = {vol} L"
        )


@pytest.mark.grade(1, "Take the limit of whatever model you are given: an oral dose washes out, a loading dose's own term decays.", uses=["steady_state"])
def test_steady_state_other_regimens(steady_state, rng):
    ka, ke = q(rng, 0.8, 2.0, 10), q(rng, 0.05, 0.3, 100)
    oral = q(rng, 2, 8, 10) * ka / (ka - ke) * (sp.exp(-ke * tp) - sp.exp(-ka * tp))
    loading = D / V * sp.exp(-k * tp) + R / (k * V) * (1 - sp.exp(-k * tp))
    for model, what in ((oral, "a single oral dose"), (loading, "a loading dose plus an infusion")):
        assert_equivalent(steady_state(model, tp), sp.limit(model, tp, sp.oo), name=f"the long-run level of {what}")


@pytest.mark.grade(1, "Some levels grow without bound: the answer is then sympy.oo itself, not a large number.", uses=["steady_state"])
def test_steady_state_unbounded(steady_state, rng):
    rate, vol = q(rng, 20, 200, 1), q(rng, 15, 60, 1)
    cases = (
        (rate * tp / vol, "an infusion of a drug that is not eliminated (k = 0)"),
        (q(rng, 1, 5, 10) * sp.exp(q(rng, 0.01, 0.05, 100) * tp), "an untreated tumour marker growing exponentially"),
    )
    for model, what in cases:
        assert_equivalent(steady_state(model, tp), sp.limit(model, tp, sp.oo), name=f"the long-run level of {what}")


# --- one-sided limits -------------------------------------------------------------------------


@pytest.mark.grade(2, "Approach the bolus time from the left (dir='-') for the level just before it, from the right (dir='+') for just after.", uses=["one_sided_limits"])
def test_one_sided_limits_bolus(one_sided_limits, rng):
    ke, when = q(rng, 0.05, 0.3, 100), q(rng, 4, 12, 2)
    model = bolus_concentration(q(rng, 4, 12, 10), q(rng, 250, 1000, 0.02), q(rng, 20, 60, 1), ke, when, t)
    left, right = expect_pair(one_sided_limits(model, t, when), name=f"one_sided_limits at the bolus t = {when} h")
    assert_equivalent(left, sp.limit(model, t, when, "-"), name=f"the level just before the bolus at t = {when} h")
    assert_equivalent(right, sp.limit(model, t, when, "+"), name=f"the level just after the bolus at t = {when} h")


@pytest.mark.grade(1, "The point a may itself be a symbol: pass it straight to sympy.limit with the direction.", uses=["one_sided_limits"])
def test_one_sided_limits_symbolic_bolus(one_sided_limits):
    model = bolus_concentration(C0, D, V, k, t0, t)
    left, right = expect_pair(one_sided_limits(model, t, t0), name="one_sided_limits for a symbolic bolus")
    assert_equivalent(left, sp.limit(model, t, t0, "-"), name="the level just before a symbolic bolus")
    assert_equivalent(right, sp.limit(model, t, t0, "+"), name="the level just after a symbolic bolus")


@pytest.mark.grade(1, "Near a vertical asymptote the two sides can go to -oo and +oo: one-sided limits may be infinite.", uses=["one_sided_limits"])
def test_one_sided_limits_asymptote(one_sided_limits, rng):
    a = int(rng.integers(-4, 5))
    cases = (poly_nonzero_at(rng, 1, a) / (x - a), sp.exp(q(rng, 1, 3, 1) / (x - a)))
    for expr in cases:
        left, right = expect_pair(one_sided_limits(expr, x, a), name=f"one_sided_limits at x = {a}")
        assert_equivalent(left, sp.limit(expr, x, a, "-"), name=f"the left limit at the asymptote x = {a}")
        assert_equivalent(right, sp.limit(expr, x, a, "+"), name=f"the right limit at the asymptote x = {a}")


# --- removable discontinuities ----------------------------------------------------------------


@pytest.mark.grade(2, "Plugging a into 0/0 gives nan: the hole is filled by the limit (sympy.limit), after the common factor cancels.", uses=["removable_value"])
def test_removable_value_rational(removable_value, rng):
    for _ in range(3):
        a = int(rng.integers(-5, 6))
        expr = sp.expand((x - a) * random_poly(rng, 1)) / sp.expand((x - a) * poly_nonzero_at(rng, 2, a))
        got = removable_value(expr, x, a)
        assert_equivalent(got, sp.limit(expr, x, a, "+-"), name=f"the value that fills the hole of a rational function at x = {a}")


@pytest.mark.grade(2, "Not every hole is a cancelling factor: (exp(k t) - 1) / t has no factor t to cancel, but it has a limit.", uses=["removable_value"])
def test_removable_value_transcendental(removable_value, rng):
    growth, infusion, w = q(rng, 0.05, 0.5, 100), q(rng, 20, 200, 1), q(rng, 1, 6, 4)
    cases = (
        ((sp.exp(growth * t) - 1) / t, t, 0, "(exp(k t) - 1) / t at t = 0"),
        (sp.sin(w * t) / t, t, 0, "sin(w t) / t at t = 0"),
        # infusion at `infusion` mg/h into V litres; x plays the elimination rate k
        (infusion / (x * V) * (1 - sp.exp(-x * tp)), x, 0, "the infusion formula at elimination rate k = 0"),
    )
    for expr, var, a, what in cases:
        assert_equivalent(removable_value(expr, var, a), sp.limit(expr, var, a, "+-"), name=f"the value that fills the hole of {what}")


@pytest.mark.grade(1, "A jump or a pole has no value that makes it continuous: raise ValueError there.", uses=["removable_value"])
def test_removable_value_rejects_jump_and_pole(removable_value, rng):
    when = q(rng, 4, 12, 2)
    a = int(rng.integers(-4, 5))
    cases = (
        (stepped_infusion_rate(rng, t, when), t, when, "a pump-rate change"),
        (poly_nonzero_at(rng, 1, a) / (x - a) ** 2, x, a, "a pole"),
        (sp.exp(q(rng, 1, 3, 1) / (x - a)), x, a, "a function infinite on one side only"),
    )
    for expr, var, point, what in cases:
        expect_raises(lambda: removable_value(expr, var, point), ValueError, what=f"removable_value at {what}")


@pytest.mark.grade(1, "The point a may be a symbol: take the one-sided limits at a as you would at a number.", uses=["removable_value"])
def test_removable_value_symbolic_point(removable_value, rng):
    c = nonzero_int(rng, 2, 9)
    expr = (x**2 - b**2) / (x - b) + c * x  # 0/0 at x = b, whatever b is
    assert_equivalent(removable_value(expr, x, b), sp.limit(expr, x, b, "+-"), name="the value that fills the hole at a symbolic point x = b")


# --- classifying discontinuities ----------------------------------------------------------------


@pytest.mark.grade(1, "Equal finite one-sided limits but the formula is undefined (nan) at the point: that hole is removable.", uses=["classify_discontinuity"])
def test_classify_removable(classify_discontinuity, rng):
    a = int(rng.integers(-5, 6))
    cases = (
        (sp.expand((x - a) * random_poly(rng, 1)) / sp.expand((x - a) * poly_nonzero_at(rng, 1, a)), x, a),
        ((sp.exp(q(rng, 0.05, 0.5, 100) * t) - 1) / t, t, 0),
    )
    for expr, var, point in cases:
        label = expect_choice(classify_discontinuity(expr, var, point), LABELS, name=f"the classification at {var} = {point}")
        check(label == "removable", f"a hole with equal finite one-sided limits at {var} = {point} was classified as {label!r}")


@pytest.mark.grade(1, "A formula defined at the point but with another value than the common limit is removable too, not only 0/0.", uses=["classify_discontinuity"])
def test_classify_removable_defined_value(classify_discontinuity, rng):
    a = int(rng.integers(-5, 6))
    # a reading with a one-instant dropout: sign(x - a)**2 is 1 on both sides of a, and 0 at a
    expr = random_poly(rng, 1) + nonzero_int(rng, 1, 9) * sp.sign(x - a) ** 2
    label = expect_choice(classify_discontinuity(expr, x, a), LABELS, name=f"the classification at x = {a}")
    check(label == "removable", f"a function whose value at x = {a} differs from its (finite, common) limit was classified as {label!r}")


@pytest.mark.grade(1, "The point a may be a symbol: classify from the one-sided limits at a and the value there, as at a number.", uses=["classify_discontinuity"])
def test_classify_symbolic_point(classify_discontinuity, rng):
    cases = (
        (stepped_infusion_rate(rng, t, t0), t, t0, "jump"),
        ((x**2 - b**2) / (x - b), x, b, "removable"),
        (random_poly(rng, 2).subs(x, t) + sp.Abs(t - t0), t, t0, "continuous"),
    )
    for expr, var, point, want in cases:
        label = expect_choice(classify_discontinuity(expr, var, point), LABELS, name=f"the classification at {var} = {point}")
        check(label == want, f"the behaviour at the symbolic point {var} = {point} was classified as {label!r}, which is wrong")


@pytest.mark.grade(1, "Keep LABELS as the file gives it, and return those very strings (lower case, as written).",
                   uses=["classify_discontinuity", "LABELS"])
def test_classify_labels_given(classify_discontinuity, LABELS, rng):
    a = int(rng.integers(-4, 5))
    label = classify_discontinuity(poly_nonzero_at(rng, 1, a) / (x - a), x, a)
    check(type(LABELS) is tuple and LABELS == GIVEN_LABELS, "LABELS is not the tuple the file gives: keep it as it was")
    label = expect_choice(label, GIVEN_LABELS, name=f"the classification at x = {a}")
    check(label == "infinite", f"a function with a pole at x = {a} was classified as {label!r}")


@pytest.mark.grade(1, "Finite one-sided limits that differ make a jump (a pump-rate change), even though the formula has a value there.", uses=["classify_discontinuity"])
def test_classify_jump(classify_discontinuity, rng):
    when = q(rng, 4, 12, 2)
    a = int(rng.integers(-4, 5))
    cases = (
        (stepped_infusion_rate(rng, t, when), t, when),
        (sp.Abs(x - a) / (x - a) * q(rng, 1, 5, 2), x, a),
    )
    for expr, var, point in cases:
        label = expect_choice(classify_discontinuity(expr, var, point), LABELS, name=f"the classification at {var} = {point}")
        check(label == "jump", f"finite one-sided limits that differ at {var} = {point} were classified as {label!r}")


@pytest.mark.grade(1, "If either one-sided limit is infinite the discontinuity is infinite; check both sides.", uses=["classify_discontinuity"])
def test_classify_infinite(classify_discontinuity, rng):
    a = int(rng.integers(-4, 5))
    cases = (
        poly_nonzero_at(rng, 2, a) / (x - a),
        poly_nonzero_at(rng, 1, a) / sp.expand((x - a) ** 2 * poly_nonzero_at(rng, 1, a)),
        sp.exp(q(rng, 1, 3, 1) / (x - a)),  # 0 from the left, oo from the right
        sp.exp(-q(rng, 1, 3, 1) / (x - a)),  # oo from the left, 0 from the right
    )
    for expr in cases:
        label = expect_choice(classify_discontinuity(expr, x, a), LABELS, name=f"the classification at x = {a}")
        check(label == "infinite", f"a function that blows up on at least one side of x = {a} was classified as {label!r}")


@pytest.mark.grade(1, "Continuous means both one-sided limits equal the value at the point, even with a kink or a step factor.", uses=["classify_discontinuity"])
def test_classify_continuous(classify_discontinuity, rng):
    when, ke = q(rng, 4, 12, 2), q(rng, 0.05, 0.3, 100)
    a = int(rng.integers(-5, 6))
    cases = (
        # an infusion started at t = when: the level ramps up from 0, no jump
        (q(rng, 20, 200, 1) / (ke * q(rng, 15, 60, 1)) * (1 - sp.exp(-ke * (t - when))) * sp.Heaviside(t - when), t, when),
        (random_poly(rng, 2) / poly_nonzero_at(rng, 1, a), x, a),
        (q(rng, 1, 5, 2) * sp.Abs(x - a) + random_poly(rng, 1), x, a),  # a kink is not a discontinuity
    )
    for expr, var, point in cases:
        label = expect_choice(classify_discontinuity(expr, var, point), LABELS, name=f"the classification at {var} = {point}")
        check(label == "continuous", f"a function continuous at {var} = {point} was classified as {label!r}")


# --- the derivative as a limit ------------------------------------------------------------------


def vital_sign_models(rng):
    """Vital signs (t in hours): systolic BP after an antihypertensive (mmHg), a fever curve (deg C),
    heart rate under a beta-blocker (Hill model, beats/min), circadian respiratory rate (breaths/min)."""
    return (
        (q(rng, 150, 180, 1) - q(rng, 15, 35, 1) * (1 - sp.exp(-t / q(rng, 1, 4, 2))), "systolic blood pressure"),
        (37 + q(rng, 1, 3, 10) * t * sp.exp(-t / q(rng, 4, 10, 1)), "body temperature"),
        (q(rng, 90, 120, 1) - q(rng, 20, 35, 1) * t**2 / (q(rng, 1, 3, 1) ** 2 + t**2), "heart rate"),
        (16 + q(rng, 1, 3, 2) * sp.sin(sp.pi * t / 12), "respiratory rate"),
    )


# The rate tests use sympy.diff as the oracle: for these differentiable models the limit of the
# difference quotient is the derivative, and diff is far cheaper than a second limit computation.


@pytest.mark.grade(1, "The difference quotient is (f(t + h) - f(t)) / h: substitute t + h for t, subtract, divide by h.", uses=["difference_quotient"])
def test_difference_quotient(difference_quotient, rng):
    h = sp.Symbol("h")
    for f, what in vital_sign_models(rng):
        got = difference_quotient(f, t, h)
        assert_equivalent(got, (f.subs(t, t + h) - f) / h, name=f"the difference quotient of {what}")


@pytest.mark.grade(2, "Let h -> 0 in the difference quotient at t0 with sympy.limit; substituting h = 0 gives 0/0.", uses=["instantaneous_rate"])
def test_instantaneous_rate_at_a_time(instantaneous_rate, rng):
    for f, what in vital_sign_models(rng)[:2]:
        when = q(rng, 1, 8, 2)
        want = sp.diff(f, t).subs(t, when)
        assert_equivalent(instantaneous_rate(f, t, when), want, name=f"the rate of change of {what} at t = {when} h")


@pytest.mark.grade(1, "With t0 = t itself the limit is the derivative as a function of t.", uses=["instantaneous_rate"])
def test_instantaneous_rate_as_function(instantaneous_rate, rng):
    f, what = vital_sign_models(rng)[2]
    want = sp.diff(f, t)
    assert_equivalent(instantaneous_rate(f, t, t), want, name=f"the rate of change of {what} as a function of t")


@pytest.mark.grade(1, "t0 may be a symbol: substitute it for t in the quotient, then let h -> 0.", uses=["instantaneous_rate"])
def test_instantaneous_rate_symbolic_time(instantaneous_rate, rng):
    f = q(rng, 150, 180, 1) - q(rng, 5, 15, 1) * t + q(rng, 1, 3, 4) * t**2  # systolic pressure (mmHg)
    assert_equivalent(instantaneous_rate(f, t, b), sp.diff(f, t).subs(t, b), name="the rate of change at a symbolic time t0 = b")


FORBIDDEN_DERIVATIVES = {"diff", "Derivative", "differentiate", "idiff", "fdiff"}


@pytest.mark.grade(1, "Take the limit of your difference quotient as h -> 0; sympy.diff is off limits here.", uses=["instantaneous_rate"])
def test_instantaneous_rate_without_diff(instantaneous_rate, submission, rng):
    f, what = vital_sign_models(rng)[0]
    when = q(rng, 1, 8, 2)
    assert_equivalent(instantaneous_rate(f, t, when), sp.diff(f, t).subs(t, when), name=f"the rate of change of {what} at t = {when} h")
    assert_not_used(submission.source("limits_continuity"), "instantaneous_rate", module="limits_continuity",
                    calls=FORBIDDEN_DERIVATIVES, instead="take the limit of the difference quotient instead")
