"""Hidden graders for 18.01-lec6 (exponentials, logarithms, logarithmic differentiation).

Oracles: the defining equations evaluated with numpy (a rate constant is checked against the k
that generated the levels; a waiting time by putting it back into C0 exp(-k t)), and sympy's
own `diff` for the derivatives. Symbolic answers are compared numerically at realistic points
(all symbols positive), so any correct form passes.
"""

import math

import numpy as np
import pytest
import sympy as sp

from autograde.checks import (
    assert_close,
    assert_exact_number,
    assert_same_function,
    check,
    expect_number,
    expect_raises,
    expect_real,
    expect_type,
)
from autograde.datasets.parameters import exact_rational as q

t = sp.Symbol("t", positive=True)  # time (h or days)
C = sp.Symbol("C", positive=True)  # concentration (mg/L)
W = sp.Symbol("W", positive=True)  # body weight (kg)
H = sp.Symbol("H", positive=True)  # height (cm)
age = sp.Symbol("age", positive=True)  # years
scr = sp.Symbol("Scr", positive=True)  # serum creatinine (mg/dL)
x = sp.Symbol("x", positive=True)


# --- first-order elimination ----------------------------------------------------------------


@pytest.mark.grade(2, "k = ln 2 / t_half (the natural log), so that C(t + t_half) = C(t) / 2; then C0 exp(-k t).", uses=["first_order_level"])
def test_first_order_level_numeric(first_order_level, rng):
    for _ in range(3):
        c0, t_half = q(rng, 5, 40, 10), q(rng, 2, 12, 2)
        when = q(rng, 0.5, 48, 2)
        got = expect_real(first_order_level(c0, t_half, when), name=f"C({when} h) for C0 = {c0} mg/L, t_half = {t_half} h")
        assert_close(got, float(c0) * 2.0 ** (-float(when) / float(t_half)), name=f"C({when} h) for C0 = {c0} mg/L, t_half = {t_half} h", rtol=1e-9)
    c0, t_half = q(rng, 5, 40, 10), q(rng, 2, 12, 2)
    curve = first_order_level(c0, t_half, t)
    points = [{t: float(v)} for v in rng.uniform(0, 48, size=4)]
    assert_same_function(curve, c0 * 2 ** (-t / t_half), points, symbols=(t,), name=f"C(t) for C0 = {c0} mg/L, t_half = {t_half} h")


@pytest.mark.grade(1, "With symbols for C0, t_half and t the level is an expression in the three; keep the natural log.", uses=["first_order_level"])
def test_first_order_level_symbolic(first_order_level, rng):
    c0, t_half = sp.symbols("C0 t_half", positive=True)
    points = [{c0: float(q(rng, 5, 40, 10)), t_half: float(q(rng, 2, 12, 2)), t: float(q(rng, 0, 48, 4))} for _ in range(4)]
    assert_same_function(first_order_level(c0, t_half, t), c0 * 2 ** (-t / t_half), points, symbols=(c0, t_half, t), name="C(t) for symbolic C0, t_half, t")


@pytest.mark.grade(1, "Exact numbers in, an exact answer out: ln 2 as sympy.log(2) and sympy.exp, not math.log and floats.", uses=["first_order_level"])
def test_first_order_level_exact(first_order_level, rng):
    c0, t_half = int(rng.integers(2, 41)), int(rng.integers(2, 13))
    cases = ((c0, t_half, t_half * int(rng.integers(1, 5))), (c0, t_half, int(rng.integers(1, 48))), (q(rng, 5, 40, 10), q(rng, 2, 12, 2), q(rng, 0.5, 48, 4)))
    for c0, t_half, when in cases:
        want = sp.sympify(c0) * sp.Integer(2) ** (-sp.Rational(when) / sp.Rational(t_half))
        assert_exact_number(first_order_level(c0, t_half, when), want, name=f"C({when} h) for C0 = {c0} mg/L, t_half = {t_half} h")


@pytest.mark.grade(2, "Divide the two levels, take the natural log: ln(c1/c2) = k (t2 - t1).", uses=["elimination_rate"])
def test_elimination_rate(elimination_rate, rng):
    for _ in range(4):
        k = float(rng.uniform(0.03, 0.5))
        t1 = round(float(rng.uniform(0.5, 2)), 2)
        t2 = round(t1 + float(rng.uniform(4, 20)), 2)
        c1 = round(float(rng.uniform(4, 40)), 1)
        c2 = c1 * math.exp(-k * (t2 - t1))
        name = f"k from {c1} mg/L at {t1} h and {c2:.3f} mg/L at {t2} h"
        assert_close(elimination_rate(c1, t1, c2, t2), k, name=name, rtol=1e-9)
        assert_close(elimination_rate(c2, t2, c1, t1), k, name=f"{name}, given in the opposite order", rtol=1e-9)


@pytest.mark.grade(1, "Return a Python float (math.log gives one), also when the levels and times are whole numbers.", uses=["elimination_rate"])
def test_elimination_rate_float_from_ints(elimination_rate, rng):
    c1 = int(rng.integers(8, 41))
    c2, t1 = int(rng.integers(1, c1 // 2)), int(rng.integers(0, 3))
    t2 = t1 + int(rng.integers(4, 13))
    name = f"k from {c1} mg/L at {t1} h and {c2} mg/L at {t2} h"
    got = expect_type(elimination_rate(c1, t1, c2, t2), float, name=name, hint="return a Python float")
    assert_close(got, float((np.log(c1) - np.log(c2)) / (t2 - t1)), name=name, rtol=1e-9)


@pytest.mark.grade(1, "A level <= 0 (either of the two) has no logarithm and two samples at the same time give no rate: raise ValueError.", uses=["elimination_rate"])
def test_elimination_rate_rejects_bad_samples(elimination_rate, rng):
    c1, t1, t2 = round(float(rng.uniform(4, 40)), 1), 1.0, round(float(rng.uniform(6, 12)), 1)
    expect_raises(lambda: elimination_rate(c1, t1, 0.0, t2), ValueError, what="a second level of 0 mg/L (below the assay's limit)")
    expect_raises(lambda: elimination_rate(0.0, t1, c1, t2), ValueError, what="a first level of 0 mg/L")
    expect_raises(lambda: elimination_rate(-c1, t1, 2.0, t2), ValueError, what="a negative level")
    expect_raises(lambda: elimination_rate(-c1, t1, -2.0, t2), ValueError, what="two negative levels (their ratio is positive, but neither is a level)")
    expect_raises(lambda: elimination_rate(c1, t1, 2.0, t1), ValueError, what="two samples drawn at the same time")


@pytest.mark.grade(1, "exp(-k t_half) = 1/2, so t_half = ln 2 / k (not 1/k, which is the mean residence time).", uses=["half_life"])
def test_half_life(half_life, rng):
    for k in rng.uniform(0.01, 1.5, size=4):
        got = half_life(float(k))
        assert_close(got, float(np.log(2.0) / k), name=f"the half-life for k = {k:.4f} /h", rtol=1e-9)


@pytest.mark.grade(1, "Return a Python float, also for a whole-number k: ln 2 / k with math.log.", uses=["half_life"])
def test_half_life_float_from_int(half_life, rng):
    k = int(rng.integers(1, 4))
    got = expect_type(half_life(k), float, name=f"the half-life for k = {k} /h", hint="return a Python float")
    assert_close(got, float(np.log(2.0) / k), name=f"the half-life for k = {k} /h", rtol=1e-9)


@pytest.mark.grade(1, "Only a falling level (k > 0) has a half-life: raise ValueError for k <= 0.", uses=["half_life"])
def test_half_life_rejects_nonpositive_rate(half_life, rng):
    expect_raises(lambda: half_life(0.0), ValueError, what="k = 0 (no elimination)")
    expect_raises(lambda: half_life(-float(rng.uniform(0.01, 0.5))), ValueError, what="a negative k (an accumulating level)")


@pytest.mark.grade(2, "Take ln of C0 exp(-k t) = threshold and solve for t.", uses=["time_to_threshold"])
def test_time_to_threshold(time_to_threshold, rng):
    for _ in range(4):
        c0, k, threshold = float(rng.uniform(4, 30)), float(rng.uniform(0.05, 0.4)), float(rng.uniform(0.5, 2))
        name = f"the wait from {c0:.2f} mg/L to {threshold:.2f} mg/L at k = {k:.3f} /h"
        got = expect_number(time_to_threshold(c0, k, threshold), name=name)
        check(bool(np.isclose(c0 * np.exp(-k * got), threshold, rtol=1e-9)), f"{name}: the level after that time is not the threshold")
        assert_close(got, float(np.log(c0 / threshold) / k), name=name, rtol=1e-9)


@pytest.mark.grade(1, "A level already at or below the threshold needs no wait: return 0.0, not a negative time.", uses=["time_to_threshold"])
def test_time_to_threshold_already_below(time_to_threshold, rng):
    k, threshold = float(rng.uniform(0.05, 0.4)), float(rng.uniform(0.5, 2))
    for c0 in (threshold * float(rng.uniform(0.2, 0.9)), threshold):
        name = f"the wait from {c0:.3f} mg/L down to {threshold:.3f} mg/L"
        got = expect_type(time_to_threshold(c0, k, threshold), float, name=name, hint="return 0.0, a Python float")
        check(got == 0.0, f"{name} should be no wait at all")


@pytest.mark.grade(1, "Return a Python float, also when the levels are whole numbers (math.log gives one).", uses=["time_to_threshold"])
def test_time_to_threshold_float_from_ints(time_to_threshold, rng):
    c0, threshold, k = int(rng.integers(4, 31)), int(rng.integers(1, 3)), float(rng.uniform(0.05, 0.4))
    name = f"the wait from {c0} mg/L to {threshold} mg/L at k = {k:.3f} /h"
    got = expect_type(time_to_threshold(c0, k, threshold), float, name=name, hint="return a Python float")
    assert_close(got, float(np.log(c0 / threshold) / k), name=name, rtol=1e-9)


@pytest.mark.grade(1, "A threshold <= 0 mg/L is never reached by a first-order decline (it only tends to 0): raise ValueError.", uses=["time_to_threshold"])
def test_time_to_threshold_nonpositive_threshold(time_to_threshold, rng):
    c0, k = float(rng.uniform(4, 30)), float(rng.uniform(0.05, 0.4))
    expect_raises(lambda: time_to_threshold(c0, k, 0.0), ValueError, what="a threshold of 0 mg/L")
    expect_raises(lambda: time_to_threshold(c0, k, -float(rng.uniform(0.5, 2))), ValueError, what="a negative threshold")


@pytest.mark.grade(1, "A level that does not fall (k <= 0) never reaches a lower threshold: raise ValueError.", uses=["time_to_threshold"])
def test_time_to_threshold_never(time_to_threshold, rng):
    c0, threshold = float(rng.uniform(4, 30)), float(rng.uniform(0.5, 2))
    expect_raises(lambda: time_to_threshold(c0, 0.0, threshold), ValueError, what="k = 0")
    expect_raises(lambda: time_to_threshold(c0, -0.1, threshold), ValueError, what="a negative k")


# --- logarithmic differentiation ------------------------------------------------------------


def patients(rng, n=4):
    """Adult patients: age 20-90 years, weight 45-120 kg, serum creatinine 0.6-3 mg/dL, height 150-195 cm."""
    return [
        {age: float(q(rng, 20, 90, 1)), W: float(q(rng, 45, 120, 2)), scr: float(q(rng, 0.6, 3, 10)), H: float(q(rng, 150, 195, 1))}
        for _ in range(n)
    ]


@pytest.mark.grade(2, "ln of a product is a sum of ln's: differentiate ln f with respect to the variable you are given.", uses=["log_derivative"])
def test_log_derivative_clearance(log_derivative, rng):
    # Cockcroft-Gault creatinine clearance (mL/min), with the 0.85 factor for women
    crcl = sp.Rational(85, 100) * (140 - age) * W / (72 * scr)
    points = patients(rng)
    for var, what in ((scr, "serum creatinine"), (W, "weight"), (age, "age")):
        want = sp.diff(crcl, var) / crcl
        assert_same_function(log_derivative(crcl, var), want, points, symbols=(age, W, scr), name=f"the relative change of creatinine clearance per unit of {what}")


@pytest.mark.grade(1, "The relative growth rate V'/V of a growth law: constant for exponential growth, decaying for Gompertz.", uses=["log_derivative"])
def test_log_derivative_growth_laws(log_derivative, rng):
    v0, a, b = q(rng, 0.5, 5, 10), q(rng, 0.05, 0.3, 100), q(rng, 0.01, 0.05, 1000)  # cm^3, 1/day
    laws = (
        (v0 * sp.exp(a * t), "exponential tumour growth"),
        (v0 * sp.exp(a / b * (1 - sp.exp(-b * t))), "Gompertz tumour growth"),
        (q(rng, 50, 200, 1) / (1 + q(rng, 20, 100, 1) * sp.exp(-a * t)), "logistic tumour growth"),
    )
    points = [{t: float(v)} for v in rng.uniform(0, 120, size=4)]
    for V, what in laws:
        assert_same_function(log_derivative(V, t), sp.diff(V, t) / V, points, symbols=(t,), name=f"the relative growth rate of {what}")


@pytest.mark.grade(2, "For u(x)**v(x), ln f = v ln u: differentiate that, then multiply by f itself.", uses=["derivative_by_logs"])
def test_derivative_by_logs_variable_powers(derivative_by_logs, rng):
    c = q(rng, 1, 3, 2)
    cases = (x**x, (1 + 1 / x) ** x, x ** (c / x), (1 + x) ** sp.sin(x))
    points = [{x: float(v)} for v in rng.uniform(0.2, 4, size=4)]
    for f in cases:
        assert_same_function(derivative_by_logs(f, x), sp.diff(f, x), points, symbols=(x,), name=f"the derivative of {f}")


@pytest.mark.grade(1, "Products, quotients and roots: f' = f (ln f)' works for them too.", uses=["derivative_by_logs"])
def test_derivative_by_logs_products(derivative_by_logs, rng):
    bsa = sp.sqrt(H * W / 3600)  # Mosteller body-surface area, m^2
    dose = q(rng, 50, 100, 1) * bsa * (140 - age) / (W * scr)  # an illustrative renally adjusted dose
    points = patients(rng)
    for f, var, what in ((bsa, W, "body-surface area with respect to weight"), (dose, age, "a renally adjusted dose with respect to age")):
        assert_same_function(derivative_by_logs(f, var), sp.diff(f, var), points, symbols=(H, W, age, scr), name=f"the derivative of {what}")


@pytest.mark.grade(1, "Elasticity is x f'/f = d ln f / d ln x: a power law c x**p has elasticity p everywhere.", uses=["elasticity"])
def test_elasticity_allometric(elasticity, rng):
    exponent = [sp.Rational(3, 4), sp.Rational(2, 3), sp.Integer(1)][int(rng.integers(0, 3))]
    clearance = q(rng, 3, 12, 10) * (W / 70) ** exponent
    points = [{W: float(v)} for v in rng.uniform(3, 120, size=4)]
    want = W * sp.diff(clearance, W) / clearance
    assert_same_function(elasticity(clearance, W), want, points, symbols=(W,), name=f"the elasticity of an allometric clearance (exponent {exponent})")


@pytest.mark.grade(2, "For an Emax model the elasticity x f'/f falls from the Hill coefficient towards 0 as C passes EC50.", uses=["elasticity"])
def test_elasticity_emax(elasticity, rng):
    ec50, hill = q(rng, 2, 20, 1), q(rng, 1, 4, 2)
    effect = q(rng, 60, 100, 1) * C**hill / (ec50**hill + C**hill)
    points = [{C: float(ec50) * float(v)} for v in (0.2, 0.9, 1.7, 5.0)]
    want = C * sp.diff(effect, C) / effect
    assert_same_function(elasticity(effect, C), want, points, symbols=(C,), name=f"the elasticity of an Emax model (Hill coefficient {hill})")
    n, e50 = sp.symbols("n EC50", positive=True)
    effect = 100 * C**n / (e50**n + C**n)
    points = [{C: float(v), n: float(h), e50: float(e)} for v, h, e in zip(rng.uniform(1, 30, 3), rng.uniform(0.5, 4, 3), rng.uniform(2, 20, 3))]
    want = C * sp.diff(effect, C) / effect
    assert_same_function(elasticity(effect, C), want, points, symbols=(C, n, e50), name="the elasticity of an Emax model with symbolic n and EC50")
