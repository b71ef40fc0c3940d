"""Hidden graders for 18.01-lec14 (the mean value theorem).

Oracles are numeric and independent of sympy's solvers: the MVT points are the sign changes of
f'(c) - average rate on a fine grid strictly inside (a, b), refined by bisection; the extreme
values of a rate are a fine grid plus golden-section refinement. Exact learner answers are
compared with them after evaluation (sympy.N), so any correct closed form passes. Models use
exact Rationals drawn from the seeded rng. Where the docstring promises exact answers, the
reference solution is the oracle the learner's numbers must equal exactly (assert_exact_number).
"""

import math

import numpy as np
import pytest
import sympy as sp

from autograde.checks import (
    assert_close,
    assert_equivalent,
    assert_exact_number,
    check,
    expect_real,
    expect_tuple,
    expect_type,
    fail,
    numeric_function,
)
from autograde.datasets.parameters import exact_rational as q

t = sp.Symbol("t")


def bisect(g, low, high):
    g_low = g(low)
    for _ in range(200):
        mid = (low + high) / 2
        if mid in (low, high):
            break
        if (g(mid) < 0) == (g_low < 0):
            low, g_low = mid, g(mid)
        else:
            high = mid
    return (low + high) / 2


def numeric_mvt_points(f, a, b):
    """Roots of f'(c) - average rate strictly inside (a, b), from a grid that stays 1e-6 (b - a) off the ends."""
    fprime = numeric_function(sp.diff(f, t), t)
    average = float((f.subs(t, b) - f.subs(t, a)) / (b - a))
    a, b = float(a), float(b)

    def g(c):
        return fprime(c) - average

    grid = np.linspace(a + 1e-6 * (b - a), b - 1e-6 * (b - a), 4001)
    values = [g(c) for c in grid]
    roots = []
    for i in range(len(grid) - 1):
        if values[i] == 0:
            roots.append(float(grid[i]))
        elif values[i] * values[i + 1] < 0:
            roots.append(bisect(g, float(grid[i]), float(grid[i + 1])))
    return roots


def check_points(got, f, a, b, what):
    want = numeric_mvt_points(f, a, b)
    assert want, "grader invariant: the mean value theorem guarantees a point"
    if type(got) is not list:
        fail(f"mvt_points for {what} should return a list, got {type(got).__name__}")
    values = [expect_real(c, name=f"point {i} of mvt_points for {what}") for i, c in enumerate(got)]
    check(
        len(values) == len(want),
        f"mvt_points for {what} returned {len(values)} point(s): that is not the number of c strictly inside "
        "(a, b) with f'(c) equal to the average rate",
    )
    check(values == sorted(values), f"the points for {what} should be in ascending order")
    for i, (g, w) in enumerate(zip(values, want)):
        check(abs(g - w) <= 1e-8 * (1 + abs(w)), f"point {i} of mvt_points for {what} is not a point where f'(c) equals the average rate")


def random_cubic(rng):
    """A cubic growth curve, e.g. a tumour volume (cm^3) fitted over weeks, and an interval where f' takes two turns."""
    p = q(rng, 0.1, 1.0)
    vertex = q(rng, 2, 6, 2)  # f' = 3p (t - vertex)^2 + r is a parabola with its vertex inside
    r = q(rng, 0.5, 4)
    f = p * (t - vertex) ** 3 + r * t + q(rng, 5, 30, 1)
    a = vertex - q(rng, 1, 3, 2)
    b = vertex + q(rng, 1, 3, 2)
    return sp.expand(f), a, b


# --- average rate -------------------------------------------------------------------------------


@pytest.mark.grade(1, "The average rate is (f(b) - f(a)) / (b - a): the change divided by the length of the interval.", uses=["average_rate"])
def test_average_rate_numeric(average_rate, rng):
    c0, k = q(rng, 5, 40), q(rng, 0.05, 0.4, 100)
    a, b = q(rng, 0, 4, 2), q(rng, 6, 24, 2)
    cases = ((c0 * sp.exp(-k * t), "a decaying drug level"), random_cubic(rng)[:1] + ("a cubic growth curve",))
    for f, what in cases:
        got = average_rate(f, t, a, b)
        assert_equivalent(got, (f.subs(t, b) - f.subs(t, a)) / (b - a), name=f"the average rate of {what} over [{a}, {b}]")


@pytest.mark.grade(1, "The ends of the interval may be symbols: substitute them for t, nothing else changes.", uses=["average_rate"])
def test_average_rate_symbolic_interval(average_rate, rng):
    a, b = sp.symbols("a b", positive=True)
    f = q(rng, 5, 40) * sp.exp(-q(rng, 0.05, 0.4, 100) * t)
    got = average_rate(f, t, a, b)
    assert_equivalent(got, (f.subs(t, b) - f.subs(t, a)) / (b - a), name="the average rate over a symbolic interval [a, b]")


@pytest.mark.grade(1, "Keep the average rate exact: Python ints divide to a float, so divide the sympy difference by (b - a).", uses=["average_rate"])
def test_average_rate_exact(average_rate, rng):
    c0, k = q(rng, 5, 40), q(rng, 0.05, 0.4, 100)
    a = int(rng.integers(0, 5))
    b = a + int(rng.integers(2, 20))
    f = c0 * sp.exp(-k * t)
    got = average_rate(f, t, a, b)
    assert_equivalent(got, (f.subs(t, b) - f.subs(t, a)) / (b - a), name=f"the average rate of a decaying drug level over [{a}, {b}]", exact=True)


# --- the points the theorem promises ----------------------------------------------------------


@pytest.mark.grade(2, "Solve f'(c) = average rate exactly (sympy.solveset on an open interval); a cubic can have two such points, ascending.", uses=["mvt_points"])
def test_mvt_points_cubic(mvt_points, rng):
    for _ in range(2):
        f, a, b = random_cubic(rng)
        check_points(mvt_points(f, t, a, b), f, a, b, what=f"a cubic on [{a}, {b}]")


@pytest.mark.grade(1, "For exp and log models the equation f'(c) = average is solved with a logarithm; the point is not the midpoint.", uses=["mvt_points"])
def test_mvt_points_exponential_and_log(mvt_points, rng):
    plateau, tau = q(rng, 20, 60, 1), q(rng, 2, 10, 1)
    cases = (
        (plateau - q(rng, 5, 15, 1) * sp.exp(-t / tau), q(rng, 0, 2, 2), q(rng, 6, 24, 2), "a level rising to a plateau"),
        (q(rng, 5, 40) * sp.exp(-q(rng, 0.05, 0.4, 100) * t), q(rng, 0, 4, 2), q(rng, 6, 24, 2), "a decaying drug level"),
        (q(rng, 2, 10) * sp.log(t), q(rng, 1, 3, 2), q(rng, 5, 20, 2), "a logarithmic dose-response"),
    )
    for f, a, b, what in cases:
        check_points(mvt_points(f, t, a, b), f, a, b, what=f"{what} on [{a}, {b}]")


@pytest.mark.grade(1, "The theorem's c lies strictly between a and b: a solution at an end of the interval does not count.", uses=["mvt_points"])
def test_mvt_points_open_interval(mvt_points, rng):
    # f = p t^3 + q t^2 + r t with q = -p (2a + b): f'(a) equals the average rate over [a, b],
    # and the only point strictly inside is (a + 2b) / 3
    p, a = q(rng, 0.1, 1.0), q(rng, 0, 3, 2)
    b = a + q(rng, 2, 6, 2)
    f = p * t**3 - p * (2 * a + b) * t**2 + q(rng, 1, 5) * t + q(rng, 10, 40, 1)
    assert sp.simplify(sp.diff(f, t).subs(t, a) - (f.subs(t, b) - f.subs(t, a)) / (b - a)) == 0, "grader invariant"
    check_points(mvt_points(f, t, a, b), f, a, b, what=f"a cubic on [{a}, {b}] whose slope at t = {a} equals the average")


@pytest.mark.grade(1, "Solve exactly (sympy.solveset), not numerically: the points are exact sympy numbers, also when a and b are Python ints.", uses=["mvt_points"])
def test_mvt_points_exact(mvt_points, reference, rng):
    trusted = reference.get("mvt_points")
    cubic, a, b = random_cubic(rng)
    plateau = q(rng, 20, 60, 1) - q(rng, 5, 15, 1) * sp.exp(-t / q(rng, 2, 10, 1))
    start = int(rng.integers(0, 3))
    cases = ((cubic, a, b, "a cubic growth curve"), (plateau, start, start + int(rng.integers(6, 24)), "a level rising to a plateau"))
    for f, a, b, what in cases:
        what = f"{what} on [{a}, {b}]"
        got = mvt_points(f, t, a, b)
        check_points(got, f, a, b, what=what)
        for i, (point, want) in enumerate(zip(got, trusted(f, t, a, b))):
            assert_exact_number(point, want, name=f"point {i} of mvt_points for {what}")


# --- the exponential case by hand -------------------------------------------------------------


@pytest.mark.grade(2, "Set -k c0 exp(-k c) equal to the average rate and solve for c with a logarithm (mind the chain-rule factor k).", uses=["mvt_time_exponential"])
def test_mvt_time_exponential(mvt_time_exponential, rng):
    for _ in range(4):
        c0, k = float(rng.uniform(5, 40)), float(rng.uniform(0.05, 0.4))
        a = float(rng.uniform(0, 4))
        b = a + float(rng.uniform(2, 24))
        average = c0 * (math.exp(-k * b) - math.exp(-k * a)) / (b - a)
        want = bisect(lambda c: -k * c0 * math.exp(-k * c) - average, a, b)
        assert_close(mvt_time_exponential(c0, k, a, b), want, name=f"the MVT time for c0 = {c0:.1f} mg/L, k = {k:.3f} /h on [{a:.2f}, {b:.2f}] h", rtol=1e-9)


@pytest.mark.grade(1, "Return a Python float: math.exp and math.log give one (numpy's functions give a numpy.float64).", uses=["mvt_time_exponential"])
def test_mvt_time_exponential_returns_float(mvt_time_exponential, rng):
    c0, k = float(rng.uniform(5, 40)), float(rng.uniform(0.05, 0.4))
    b = float(rng.uniform(4, 24))
    average = c0 * (math.exp(-k * b) - 1.0) / b
    want = bisect(lambda c: -k * c0 * math.exp(-k * c) - average, 0.0, b)
    what = f"the MVT time for c0 = {c0:.1f} mg/L, k = {k:.3f} /h on [0, {b:.2f}] h"
    got = expect_type(mvt_time_exponential(c0, k, 0.0, b), float, name=what)
    assert_close(got, want, name=what, rtol=1e-9)


# --- bounds from a bounded rate ----------------------------------------------------------------


def extreme(rate, a, b, sign):
    """The minimum (sign=+1) or maximum (sign=-1) of rate on [a, b]: a fine grid, then golden-section refinement."""
    func = numeric_function(rate, t)
    a, b = float(a), float(b)
    grid = np.linspace(a, b, 2001)
    values = [sign * func(c) for c in grid]
    i = int(np.argmin(values))
    low, high = float(grid[max(i - 1, 0)]), float(grid[min(i + 1, len(grid) - 1)])
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(100):
        x1, x2 = high - ratio * (high - low), low + ratio * (high - low)
        if sign * func(x1) < sign * func(x2):
            high = x2
        else:
            low = x1
    return sign * min(values[i], sign * func((low + high) / 2))


def check_bounds(got, rate, a, b, f_a, what):
    low, high = expect_tuple(got, name=f"level_bounds for {what}", length=2)
    low, high = expect_real(low, name=f"the lower bound for {what}"), expect_real(high, name=f"the upper bound for {what}")
    want_low = float(f_a) + extreme(rate, a, b, +1) * float(b - a)
    want_high = float(f_a) + extreme(rate, a, b, -1) * float(b - a)
    check(abs(low - want_low) <= 1e-8 * (1 + abs(want_low)), f"the lower bound for {what} is wrong: it is f(a) + (smallest rate on [a, b]) * (b - a)")
    check(abs(high - want_high) <= 1e-8 * (1 + abs(want_high)), f"the upper bound for {what} is wrong: it is f(a) + (largest rate on [a, b]) * (b - a)")


@pytest.mark.grade(2, "The largest (or smallest) rate can sit inside the interval, at a critical point of the rate: not only at the ends.", uses=["level_bounds"])
def test_level_bounds_interior_extremum(level_bounds, rng):
    peak_day, top = q(rng, 2, 5, 2), q(rng, 0.2, 0.6, 100)
    creatinine_rate = top - q(rng, 1, 4, 100) * (t - peak_day) ** 2  # mg/dL per day, fastest on peak_day
    tau = q(rng, 2, 6, 2)
    marker_rate = q(rng, 0.5, 3) * t * sp.exp(-t / tau)  # a tumour marker's rate, largest at t = tau
    cases = (
        (creatinine_rate, 0, peak_day + q(rng, 1, 4, 2), q(rng, 0.7, 1.4, 10), "serum creatinine (mg/dL)"),
        (marker_rate, q(rng, 0, 1, 2), tau + q(rng, 1, 6, 2), q(rng, 5, 40, 1), "a tumour marker (U/mL)"),
    )
    for rate, a, b, f_a, what in cases:
        check_bounds(level_bounds(rate, t, a, b, f_a), rate, a, b, f_a, what=f"{what} on [{a}, {b}]")


@pytest.mark.grade(1, "Multiply the extreme rates by the length of the interval (b - a) and add them to f(a); a constant rate gives equal bounds.", uses=["level_bounds"])
def test_level_bounds_monotone_and_constant(level_bounds, rng):
    slope = q(rng, 0.01, 0.05, 100)
    cases = (
        (q(rng, -0.3, -0.1, 100) + slope * t, q(rng, 0, 2, 2), q(rng, 5, 10, 2), q(rng, 60, 90, 1), "body weight during diuresis (kg)"),
        (q(rng, 5, 25, 10) + 0 * t, q(rng, 0, 2, 2), q(rng, 3, 12, 2), q(rng, 0, 5, 10), "a drug amount under a constant infusion (mg)"),
    )
    for rate, a, b, f_a, what in cases:
        check_bounds(level_bounds(rate, t, a, b, f_a), rate, a, b, f_a, what=f"{what} on [{a}, {b}]")


@pytest.mark.grade(1, "Only critical points inside [a, b] count: a peak of the rate after b is never reached in the interval.", uses=["level_bounds"])
def test_level_bounds_critical_point_outside(level_bounds, rng):
    peak_day, top = q(rng, 9, 14, 2), q(rng, 0.2, 0.6, 100)
    creatinine_rate = top - q(rng, 1, 4, 1000) * (t - peak_day) ** 2  # still rising through [a, b]: fastest after b
    tau = q(rng, 8, 12, 2)
    marker_rate = q(rng, 0.5, 3) * t * sp.exp(-t / tau)  # largest at t = tau, after b
    cases = (
        (creatinine_rate, q(rng, 0, 2, 2), q(rng, 4, 7, 2), q(rng, 0.7, 1.4, 10), "serum creatinine (mg/dL)"),
        (marker_rate, q(rng, 0, 1, 2), q(rng, 3, 6, 2), q(rng, 5, 40, 1), "a tumour marker (U/mL)"),
    )
    for rate, a, b, f_a, what in cases:
        check_bounds(level_bounds(rate, t, a, b, f_a), rate, a, b, f_a, what=f"{what} on [{a}, {b}]")


@pytest.mark.grade(1, "Keep the bounds exact (sympy numbers, no decimals), also for integer a, b and f(a): substitute, don't evaluate to floats.", uses=["level_bounds"])
def test_level_bounds_exact(level_bounds, reference, rng):
    trusted = reference.get("level_bounds")
    peak_day = int(rng.integers(2, 6))
    creatinine_rate = q(rng, 0.2, 0.6, 100) - q(rng, 1, 4, 100) * (t - peak_day) ** 2
    tau = q(rng, 2, 6, 2)
    marker_rate = q(rng, 0.5, 3) * t * sp.exp(-t / tau)
    cases = (
        (creatinine_rate, 0, peak_day + int(rng.integers(1, 5)), int(rng.integers(1, 3)), "serum creatinine (mg/dL)"),
        (marker_rate, q(rng, 0, 1, 2), tau + q(rng, 1, 6, 2), q(rng, 5, 40, 1), "a tumour marker (U/mL)"),
    )
    for rate, a, b, f_a, what in cases:
        what = f"{what} on [{a}, {b}]"
        got = level_bounds(rate, t, a, b, f_a)
        check_bounds(got, rate, a, b, f_a, what=what)
        for bound, mine, want in zip(("lower", "upper"), got, trusted(rate, t, a, b, f_a)):
            assert_exact_number(mine, want, name=f"the {bound} bound for {what}")
