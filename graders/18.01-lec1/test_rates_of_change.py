"""Hidden graders for 18.01-lec1 (the derivative as a rate of change).

Oracles: numpy (np.diff, numpy.polynomial.polynomial.polyder) for the numeric functions,
sympy.diff for the symbolic ones. Clinical inputs (times in hours or days, creatinine in mg/dL,
blood pressure in mmHg, tumour volumes in cm^3) are drawn from the seeded `rng`; sympy
parameters are exact Rationals.
"""


import numpy as np
import numpy.polynomial.polynomial as npoly
import pytest
import sympy as sp

from autograde.checks import (
    assert_array_close,
    assert_close,
    assert_equivalent,
    assert_not_used,
    expect_array,
    expect_raises,
    expect_sympy,
    expect_tuple,
    expect_type,
    numeric_function,
)
from autograde.datasets.parameters import exact_rational as q

t = sp.Symbol("t")
T = sp.Symbol("T", positive=True)
D, a, Emax, EC50 = sp.symbols("D a E_max EC50", positive=True)


# --- average rates between samples --------------------------------------------------------------


def creatinine_series(rng, n):
    """Serum creatinine (mg/dL) at irregular times (h): a rise after a nephrotoxic drug, with gaps."""
    gaps = rng.choice([0.5, 1.0, 2.0, 4.0, 6.0, 11.5], size=n - 1)
    times = np.concatenate([[0.0], np.cumsum(gaps)]) + float(rng.integers(0, 8))
    values = np.round(0.9 + np.cumsum(rng.normal(0.1, 0.1, size=n)), 2)
    return times, values


@pytest.mark.grade(2, "Divide each change by its own time step: samples in a chart are not evenly spaced.", uses=["average_rates"])
def test_average_rates_uneven_sampling(average_rates, rng):
    for n in (2, 5, 11):
        times, values = creatinine_series(rng, n)
        want = np.diff(values) / np.diff(times)
        for kind, args in (("lists", (times.tolist(), values.tolist())), ("arrays", (times.copy(), values.copy()))):
            got = average_rates(*args)
            got = expect_array(got, name=f"average_rates of {n} samples given as {kind}", shape=(n - 1,), kind="f")
            assert_array_close(got, want, name=f"the average rates (mg/dL per hour) of {n} samples given as {kind}")


@pytest.mark.grade(1, "Integer times and values still give float rates: 7 beats over 2 minutes is 3.5 per minute.", uses=["average_rates"])
def test_average_rates_integer_inputs(average_rates, rng):
    minutes = np.cumsum(rng.integers(1, 6, size=8))  # heart rate at irregular minutes
    heart_rate = rng.integers(60, 140, size=8)
    want = np.diff(heart_rate).astype(float) / np.diff(minutes).astype(float)
    got = expect_array(average_rates(minutes.copy(), heart_rate.copy()), name="average_rates of integer samples", shape=(7,), kind="f")
    assert_array_close(got, want, name="the heart-rate changes per minute")


@pytest.mark.grade(1, "Convert integer samples to float before subtracting: a monitor's uint8 or uint16 readings wrap around on a fall.", uses=["average_rates"])
def test_average_rates_small_integer_types(average_rates, rng):
    minutes = np.cumsum(rng.integers(1, 6, size=9)).astype(np.uint16)  # a monitor export: unsigned integers
    heart_rate = rng.integers(60, 140, size=9).astype(np.uint8)
    heart_rate[4] = heart_rate[3] - 15  # at least one fall
    want = np.diff(heart_rate.astype(float)) / np.diff(minutes.astype(float))
    got = average_rates(minutes.copy(), heart_rate.copy())
    got = expect_array(got, name="average_rates of uint8 heart rates at uint16 minutes", shape=(8,), kind="f")
    assert_array_close(got, want, name="the heart-rate changes per minute from unsigned integer samples")


@pytest.mark.grade(1, "Check the samples first: fewer than 2, lengths that differ, or times that do not increase raise ValueError.", uses=["average_rates"])
def test_average_rates_rejects_bad_samples(average_rates, rng):
    times, values = creatinine_series(rng, 6)
    repeated = times.copy()
    repeated[3] = repeated[2]
    cases = (
        (lambda: average_rates(times[:1].copy(), values[:1].copy()), "a single sample"),
        (lambda: average_rates(times.copy(), values[:-1].copy()), "5 values for 6 times"),
        (lambda: average_rates(repeated, values.copy()), "two samples at the same time"),
        (lambda: average_rates(times[::-1].copy(), values.copy()), "times in decreasing order"),
        (lambda: average_rates(times.copy(), values[:2].copy()), "2 values for 6 times"),
        (lambda: average_rates(np.array([30, 20, 40], dtype=np.uint16), values[:3].copy()),
         "times in minutes that go back, given as unsigned integers"),
    )
    for call, what in cases:
        expect_raises(call, ValueError, what=f"average_rates with {what}")


# --- fastest decline ----------------------------------------------------------------------------


def blood_pressure_day_and_night(rng):
    """Hourly systolic readings (mmHg), an overnight gap with the biggest total drop, and one steep hour."""
    day = int(rng.integers(4, 7))
    gap = float(rng.integers(7, 11))
    after = int(rng.integers(2, 5))
    times = np.concatenate([np.arange(day + 1.0), day + gap + np.arange(after + 1.0)])
    changes = rng.integers(-6, 5, size=times.size - 1).astype(float)
    changes[day] = -float(rng.integers(25, 41))  # overnight: a big drop, slowly (<= 40 / 7 mmHg/h)
    steep = int(rng.choice([i for i in range(times.size - 1) if i != day]))
    changes[steep] = -float(rng.integers(12, 21))  # one hour with a steep fall
    values = float(rng.integers(160, 185)) + np.concatenate([[0.0], np.cumsum(changes)])
    return times, values, steep


@pytest.mark.grade(2, "Fastest is the steepest rate (mmHg per hour), not the largest drop: a slow overnight fall is not fast.", uses=["fastest_decline"])
def test_fastest_decline_uses_slope_not_drop(fastest_decline, rng):
    for _ in range(3):
        times, values, steep = blood_pressure_day_and_night(rng)
        assert int(np.argmin(np.diff(values))) != steep, "grader invariant: the largest drop is not the steepest"
        got = expect_tuple(fastest_decline(times.copy(), values.copy()), name="fastest_decline", length=2)
        assert_close(got[0], times[steep], name="the start of the fastest decline (h)")
        assert_close(got[1], times[steep + 1], name="the end of the fastest decline (h)")


@pytest.mark.grade(1, "When two intervals fall equally fast, report the earliest one.", uses=["fastest_decline"])
def test_fastest_decline_tie_takes_earliest(fastest_decline, rng):
    steps = rng.choice([1.0, 2.0, 4.0], size=7)
    rates = rng.integers(-5, 6, size=7).astype(float)
    first, second = sorted(rng.choice(7, size=2, replace=False))
    rates[[first, second]] = -8.0  # mmHg/h, exactly representable changes
    times = np.concatenate([[0.0], np.cumsum(steps)])
    values = 150.0 + np.concatenate([[0.0], np.cumsum(rates * steps)])
    got = expect_tuple(fastest_decline(times.tolist(), values.tolist()), name="fastest_decline", length=2)
    assert_close(got[0], times[first], name="the start of the fastest decline when two intervals tie (h)")
    assert_close(got[1], times[first + 1], name="the end of the fastest decline when two intervals tie (h)")


@pytest.mark.grade(1, "A value that never falls has no fastest decline: raise ValueError rather than report a rise.", uses=["fastest_decline"])
def test_fastest_decline_never_falls(fastest_decline, rng):
    times = np.cumsum(rng.choice([6.0, 12.0, 24.0], size=6))
    platelets = 40.0 + np.cumsum(rng.integers(0, 30, size=6)).astype(float)  # recovering count, 10^9/L
    platelets[2] = platelets[1]  # a plateau is not a fall either
    expect_raises(lambda: fastest_decline(times.copy(), platelets.copy()), ValueError, what="fastest_decline of a rising count")


@pytest.mark.grade(1, "Return Python floats, float(times[i]) and float(times[i + 1]), even when the times are integers.", uses=["fastest_decline"])
def test_fastest_decline_returns_python_floats(fastest_decline, rng):
    times, values, steep = blood_pressure_day_and_night(rng)
    hours = times.astype(np.int64)
    for kind, args in (("a list of ints", (hours.tolist(), values.tolist())), ("an int array", (hours.copy(), values.copy()))):
        got = expect_tuple(fastest_decline(*args), name=f"fastest_decline of times given as {kind}", length=2)
        for item, want, which in zip(got, (hours[steep], hours[steep + 1]), ("start", "end")):
            expect_type(item, float, name=f"the {which} of the fastest decline (times given as {kind})", hint="convert it with float()")
            assert_close(item, float(want), name=f"the {which} of the fastest decline (times given as {kind})")


@pytest.mark.grade(1, "fastest_decline checks its samples as average_rates does: lengths that differ or times that do not increase raise ValueError.", uses=["fastest_decline"])
def test_fastest_decline_rejects_bad_samples(fastest_decline, rng):
    times, values, _ = blood_pressure_day_and_night(rng)
    backwards = times.copy()
    backwards[2] = backwards[1]
    cases = (
        (lambda: fastest_decline(times.copy(), values[:-1].copy()), "one value fewer than times"),
        (lambda: fastest_decline(backwards, values.copy()), "two readings at the same time"),
        (lambda: fastest_decline(times[:1].copy(), values[:1].copy()), "a single reading"),
    )
    for call, what in cases:
        expect_raises(call, ValueError, what=f"fastest_decline with {what}")


# --- difference quotients -----------------------------------------------------------------------


def clinical_curves(rng):
    """(function of t in hours, description); each works on floats and on numpy arrays."""
    c0, ke = float(q(rng, 4, 12, 10)), float(q(rng, 0.05, 0.3, 100))
    rise, width = float(q(rng, 0.5, 2, 10)), float(q(rng, 3, 8, 1))
    hr0, drop, half = float(q(rng, 90, 120, 1)), float(q(rng, 15, 35, 1)), float(q(rng, 1, 3, 2))
    return (
        (lambda x: c0 * np.exp(-ke * x), "a drug concentration (mg/L)"),
        (lambda x: 37 + rise * x * np.exp(-x / width), "a fever curve (deg C)"),
        (lambda x: hr0 - drop * x**2 / (half**2 + x**2), "heart rate under a beta-blocker (beats/min)"),
    )


def forward_quotients(f, t0, steps):
    return np.array([(f(t0 + h) - f(t0)) / h for h in steps])


@pytest.mark.grade(2, "Each entry is (f(t0 + h) - f(t0)) / h: the slope of the secant from t0 to t0 + h.", uses=["difference_quotients"])
def test_difference_quotients_values(difference_quotients, rng):
    for f, what in clinical_curves(rng):
        t0 = float(q(rng, 1, 10, 2))
        steps = [2.0, 1.0, 0.25, 0.01, 0.001]
        got = difference_quotients(f, t0, list(steps))
        got = expect_array(got, name=f"the difference quotients of {what}", shape=(5,), kind="f")
        assert_array_close(got, forward_quotients(f, t0, steps), name=f"the difference quotients of {what} at t0 = {t0} h", rtol=1e-6)


@pytest.mark.grade(1, "A negative step h keeps the same formula: (f(t0 + h) - f(t0)) / h is then the secant on the left.", uses=["difference_quotients"])
def test_difference_quotients_negative_steps(difference_quotients, rng):
    f, what = clinical_curves(rng)[0]
    t0 = float(q(rng, 2, 10, 2))
    steps = np.array([-1.0, -0.1, 0.1, -0.01, 0.5])
    got = expect_array(difference_quotients(f, t0, steps.copy()), name="the difference quotients", shape=(5,), kind="f")
    assert_array_close(got, forward_quotients(f, t0, steps), name=f"the difference quotients of {what} with negative steps", rtol=1e-6)


@pytest.mark.grade(1, "h = 0 would divide 0 by 0: raise ValueError if a step is 0.", uses=["difference_quotients"])
def test_difference_quotients_zero_step_raises(difference_quotients, rng):
    f, _ = clinical_curves(rng)[1]
    expect_raises(lambda: difference_quotients(f, 3.0, [0.1, 0.0, 0.01]), ValueError, what="difference_quotients with a step of 0")


@pytest.mark.grade(1, "Whatever numbers f returns (here sympy numbers), the answer is a numpy float array: say dtype=float.", uses=["difference_quotients"])
def test_difference_quotients_sympy_valued_function(difference_quotients, rng):
    dose, half = q(rng, 50, 200, 1), q(rng, 1, 4, 2)
    level = dose / (1 + (t / half) ** 2)  # a sympy curve, f(t) its exact value (a sympy number)
    t0, steps = int(rng.integers(1, 6)), [3, 2, 1, -1]  # integer times (h): exact sympy values
    got = difference_quotients(lambda x: level.subs(t, x), t0, list(steps))
    got = expect_array(got, name="the difference quotients of a function returning sympy numbers", shape=(4,), kind="f")
    f = numeric_function(level, t)
    assert_array_close(got, forward_quotients(f, float(t0), steps), name="the difference quotients of a sympy-valued function", rtol=1e-9)


# --- derivative from the definition ------------------------------------------------------------


@pytest.mark.grade(2, "Cancel h in the difference quotient first (sympy.cancel), then set h = 0; plugging h = 0 in first gives 0/0.", uses=["derivative_from_definition"])
def test_derivative_from_definition_polynomials(derivative_from_definition, rng):
    for degree in (2, 3, 5):
        coeffs = [q(rng, -5, 5, 4) for _ in range(degree)] + [q(rng, 1, 5, 4)]
        p = sum(c * t**k for k, c in enumerate(coeffs))
        assert_equivalent(derivative_from_definition(p, t), sp.diff(p, t), name=f"the derivative of a degree-{degree} polynomial")
    n = int(rng.integers(6, 10))
    assert_equivalent(derivative_from_definition(t**n, t), sp.diff(t**n, t), name=f"the derivative of t**{n} (the power rule)")


@pytest.mark.grade(2, "Quotients work the same way: combine (f(t + h) - f(t)) / h into one fraction, cancel h, then set h = 0.", uses=["derivative_from_definition"])
def test_derivative_from_definition_rational(derivative_from_definition, rng):
    shift, pole = q(rng, 1, 5, 2), int(rng.integers(2, 6))
    cases = (
        (D / T, T, "the infusion rate D / T"),
        (q(rng, 20, 80, 1) / (t + shift) ** 2, t, "c / (t + a)**2"),
        ((t**2 + q(rng, 1, 9, 1)) / (t - pole), t, "(t**2 + b) / (t - c)"),
        (Emax * t / (EC50 + t), t, "the Emax model E_max C / (EC50 + C)"),
    )
    for f, var, what in cases:
        assert_equivalent(derivative_from_definition(f, var), sp.diff(f, var), name=f"the derivative of {what}")


FORBIDDEN_DERIVATIVES = {"diff", "Derivative", "differentiate", "idiff", "fdiff"}


@pytest.mark.grade(1, "Compute it from the difference quotient as in Lecture 1 (cancel h, then h = 0); sympy.diff is off limits here.", uses=["derivative_from_definition"])
def test_derivative_from_definition_without_diff(derivative_from_definition, submission, rng):
    p = q(rng, 1, 5, 2) * t**3 - q(rng, 1, 5, 2) * t
    assert_equivalent(derivative_from_definition(p, t), sp.diff(p, t), name="the derivative of a cubic")
    assert_not_used(submission.source("rates_of_change"), "derivative_from_definition", module="rates_of_change",
                    calls=FORBIDDEN_DERIVATIVES, instead="build the difference quotient, cancel h and set h = 0 instead")


# --- power rule on coefficients ------------------------------------------------------------------


@pytest.mark.grade(2, "Coefficient k (of t**k) becomes k * c_k in place k - 1: the constant term drops out.", uses=["polynomial_derivative"])
def test_polynomial_derivative_power_rule(polynomial_derivative, rng):
    for n in (2, 3, 5, 8):
        coeffs = np.round(rng.normal(0, 2, size=n), 3)
        for kind, arg in (("a list", coeffs.tolist()), ("an array", coeffs.copy())):
            got = expect_array(polynomial_derivative(arg), name=f"the derivative of {n} coefficients given as {kind}", shape=(n - 1,), kind="f")
            assert_array_close(got, npoly.polyder(coeffs), name=f"the derivative coefficients of a degree-{n - 1} polynomial")


@pytest.mark.grade(1, "A constant has derivative [0.] (one coefficient, not an empty array); no coefficients at all is an error.", uses=["polynomial_derivative"])
def test_polynomial_derivative_short_inputs(polynomial_derivative, rng):
    level = float(q(rng, 1, 3, 10))
    got = expect_array(polynomial_derivative([level]), name="the derivative of a constant", shape=(1,), kind="f")
    assert_array_close(got, np.zeros(1), name="the derivative of a constant")
    slope = float(q(rng, -2, 2, 10))
    got = expect_array(polynomial_derivative([level, slope]), name="the derivative of a line", shape=(1,), kind="f")
    assert_array_close(got, np.array([slope]), name="the derivative of a line")
    expect_raises(lambda: polynomial_derivative([]), ValueError, what="polynomial_derivative([])")


@pytest.mark.grade(1, "Integer coefficients give a float array too: convert with dtype=float.", uses=["polynomial_derivative"])
def test_polynomial_derivative_integer_coefficients(polynomial_derivative, rng):
    coeffs = rng.integers(-9, 10, size=5)
    coeffs[-1] = 3
    for kind, arg in (("a list of ints", coeffs.tolist()), ("an int array", coeffs.copy())):
        got = expect_array(polynomial_derivative(arg), name=f"the derivative of coefficients given as {kind}", shape=(4,), kind="f")
        assert_array_close(got, npoly.polyder(coeffs.astype(float)), name=f"the derivative of coefficients given as {kind}")


# --- tangent lines -------------------------------------------------------------------------------


def growth_curves(rng):
    """Tumour volume (cm^3), t in days: Gompertz and logistic growth."""
    v0, alpha, beta = q(rng, 0.1, 2, 10), q(rng, 0.05, 0.2, 100), q(rng, 0.005, 0.03, 1000)
    gompertz = v0 * sp.exp(alpha / beta * (1 - sp.exp(-beta * t)))
    cap, r = q(rng, 50, 150, 1), q(rng, 0.03, 0.1, 100)
    logistic = cap / (1 + (cap / v0 - 1) * sp.exp(-r * t))
    return ((gompertz, "a Gompertz tumour"), (logistic, "a logistic tumour"))


def tangent_oracle(f, var, point):
    return f.subs(var, point) + sp.diff(f, var).subs(var, point) * (var - point)


@pytest.mark.grade(2, "The slope is f'(t0), a number: differentiate, then substitute t0; the line is f(t0) + f'(t0) (t - t0).", uses=["tangent_line"])
def test_tangent_line_growth_curve(tangent_line, rng):
    for f, what in growth_curves(rng):
        day = int(rng.integers(10, 90))
        got = tangent_line(f, t, sp.Integer(day))
        assert_equivalent(got, tangent_oracle(f, t, day), name=f"the tangent to {what}'s volume at day {day}")


@pytest.mark.grade(1, "The point of tangency may be a symbol: substitute it like a number.", uses=["tangent_line"])
def test_tangent_line_symbolic_point(tangent_line, rng):
    f = q(rng, 1, 3, 1) + t**2 / q(rng, 20, 80, 1) - t**3 / q(rng, 500, 900, 1)
    assert_equivalent(tangent_line(f, t, a), tangent_oracle(f, t, a), name="the tangent at a symbolic time a")


@pytest.mark.grade(1, "f may hold constants besides t (a growth rate k): differentiate with respect to t, naming it.", uses=["tangent_line"])
def test_tangent_line_symbolic_parameters(tangent_line, rng):
    V0, k = sp.symbols("V_0 k", positive=True)
    exponential = V0 * sp.exp(k * t)  # tumour volume (cm^3) growing at a symbolic rate k per day
    day = sp.Integer(int(rng.integers(5, 60)))
    got = tangent_line(exponential, t, day)
    assert_equivalent(got, tangent_oracle(exponential, t, day), name=f"the tangent to V_0 exp(k t) at day {day}")


@pytest.mark.grade(2, "Set the tangent line f(t0) + f'(t0) (t - t0) equal to 0 and solve for t; for the other intercept put t = 0 in it.", uses=["tangent_intercepts"])
def test_tangent_intercepts_hyperbola(tangent_intercepts, rng):
    dose, t0 = sp.Integer(10 * int(rng.integers(5, 101))), q(rng, 1, 24, 2)  # mg, h
    for f, point, what in ((dose / T, t0, f"R = {dose} / T at T = {t0} h"), (D / T, a, "R = D / T at a symbolic T = a")):
        pair = expect_tuple(tangent_intercepts(f, T, point), name=f"tangent_intercepts of {what}", length=2)
        crossing = expect_sympy(pair[0], name=f"where the tangent to {what} reaches zero")
        at_zero = expect_sympy(pair[1], name=f"the value at T = 0 of the tangent to {what}")
        assert_equivalent(crossing, 2 * point, name=f"where the tangent to {what} reaches zero")
        assert_equivalent(at_zero, 2 * f.subs(T, point), name=f"the value at T = 0 of the tangent to {what}")
    # Lecture 1: the triangle under the tangent to D / T has area 2 D, wherever the tangent touches.
    assert_equivalent(crossing * at_zero / 2, 2 * D, name="the area of the triangle under the tangent to D / T")


@pytest.mark.grade(1, "Extrapolate the falling level at its current rate: the tangent's zero and its value back at t = 0.", uses=["tangent_intercepts"])
def test_tangent_intercepts_back_extrapolation(tangent_intercepts, rng):
    c0, ke, t0 = q(rng, 4, 12, 10), q(rng, 0.05, 0.3, 100), int(rng.integers(1, 12))
    conc = c0 * sp.exp(-ke * t)  # mg/L after a bolus
    slope = sp.diff(conc, t).subs(t, t0)
    pair = expect_tuple(tangent_intercepts(conc, t, sp.Integer(t0)), name="tangent_intercepts of a concentration curve", length=2)
    assert_equivalent(pair[0], t0 - conc.subs(t, t0) / slope, name=f"when the level at t = {t0} h would reach 0 at its current rate")
    assert_equivalent(pair[1], conc.subs(t, t0) - slope * t0, name=f"the tangent at t = {t0} h extrapolated back to t = 0")


@pytest.mark.grade(1, "At a peak the tangent is horizontal and never reaches zero: raise ValueError.", uses=["tangent_intercepts"])
def test_tangent_intercepts_horizontal_raises(tangent_intercepts, rng):
    peak = int(rng.integers(2, 10))
    fever = 37 + q(rng, 0.01, 0.04, 100) * t * (2 * peak - t)  # deg C, highest at t = peak hours
    expect_raises(lambda: tangent_intercepts(fever, t, sp.Integer(peak)), ValueError, what="tangent_intercepts at the peak of a fever")
