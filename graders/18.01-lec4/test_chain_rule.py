"""Hidden graders for 18.01-lec4 (chain rule and higher derivatives).

Oracles: sympy.diff of the composed expression for the symbolic functions; complex-step
differentiation of the whole composition for forward_chain (whose layers are sympy expressions
turned into plain Python functions with checks.numeric_function); numpy
(np.diff, np.polyfit through three points) for the second differences. Parameters are drawn from
the seeded `rng` with realistic magnitudes: doses in mg, clearances in L/h, tumour volumes in
cm^3 over days, body temperature in deg C over a 24 h clock.
"""

import numpy as np
import pytest
import sympy as sp

from autograde.checks import (
    assert_array_close,
    assert_close,
    assert_equivalent,
    check,
    expect_array,
    expect_raises,
    expect_tuple,
    expect_type,
    fail,
    numeric_function,
)
from autograde.datasets.parameters import exact_rational as q

t = sp.Symbol("t")
x = sp.Symbol("x")
u = sp.Symbol("u")
z = sp.Symbol("z")
D, F, CL, tau, Emax, EC50, n_hill = sp.symbols("D F CL tau E_max EC50 n", positive=True)
M, A, phi = sp.symbols("M A phi", positive=True)


# --- the chain rule, symbolically ----------------------------------------------------------------


def composed_derivative(outer, inner):
    return sp.diff(outer.subs(u, inner), t)


@pytest.mark.grade(2, "Evaluate the outer derivative AT the inner function (substitute u = g(t)), then multiply by g'(t).", uses=["chain_rule"])
def test_chain_rule_effect_over_time(chain_rule, rng):
    emax, ec50 = q(rng, 20, 40, 1), q(rng, 1, 5, 10)  # mmHg, mg/L
    c0, ke, ka = q(rng, 2, 8, 10), q(rng, 0.05, 0.3, 100), q(rng, 0.8, 2, 10)  # mg/L, 1/h, 1/h
    cases = (
        (emax * u / (ec50 + u), c0 * sp.exp(-ke * t), "an Emax effect of a decaying concentration"),
        (emax * u**2 / (ec50**2 + u**2), c0 * ka / (ka - ke) * (sp.exp(-ke * t) - sp.exp(-ka * t)), "a Hill effect of an oral dose"),
        (sp.log(1 + u / ec50), c0 / (1 + ke * t), "a log-linear effect of a hyperbolic decline"),
    )
    for outer, inner, what in cases:
        assert_equivalent(chain_rule(outer, inner, u, t), composed_derivative(outer, inner), name=f"d/dt of {what}")


@pytest.mark.grade(1, "Lecture 4's examples: d/dt sin(10 t) = 10 cos(10 t), d/dt (sin t)**10 = 10 (sin t)**9 cos t.", uses=["chain_rule"])
def test_chain_rule_lecture_examples(chain_rule, rng):
    k, n = int(rng.integers(2, 12)), int(rng.integers(3, 11))
    cases = (
        (sp.sin(u), k * t, f"sin({k} t)"),
        (u**n, sp.sin(t), f"(sin t)**{n}"),
        (1 / u, 1 + t**2, "1 / (1 + t**2)"),
        (sp.sqrt(u), 1 + sp.cos(t) ** 2, "sqrt(1 + cos(t)**2)"),
    )
    for outer, inner, what in cases:
        assert_equivalent(chain_rule(outer, inner, u, t), composed_derivative(outer, inner), name=f"d/dt of {what}")


@pytest.mark.grade(1, "outer and inner may hold constants besides u and x: differentiate each with respect to its own variable, naming it.", uses=["chain_rule"])
def test_chain_rule_symbolic_parameters(chain_rule, rng):
    C0, ke, ka = sp.symbols("C_0 k_e k_a", positive=True)
    cases = (
        (Emax * u / (EC50 + u), C0 * sp.exp(-ke * t), "an Emax effect of a decaying concentration C_0 exp(-k_e t)"),
        (u ** int(rng.integers(2, 5)) / EC50, C0 / (1 + ka * t), "a power of a hyperbolic decline C_0 / (1 + k_a t)"),
    )
    for outer, inner, what in cases:
        assert_equivalent(chain_rule(outer, inner, u, t), composed_derivative(outer, inner), name=f"d/dt of {what}")


# --- forward-mode chain --------------------------------------------------------------------------


def as_layers(expressions):
    """(f, df) pairs of plain Python functions from sympy expressions in z."""
    return [(numeric_function(e, z), numeric_function(sp.diff(e, z), z)) for e in expressions]


def chain_oracle(expressions, x0):
    """Complex-step differentiation of the whole composition: y(x0 + i e).imag / e is y'(x0) to machine
    precision (no subtraction, so no cancellation), without using the chain rule being tested."""
    step = 1e-30
    y = complex(x0, step)
    for e in expressions:
        y = complex(numeric_function(e, z, modules="numpy")(y))
    return y.real, y.imag / step


def expect_value_and_slope(got, expressions, x0, what):
    value, slope = expect_tuple(got, name=f"forward_chain for {what}", length=2)
    want_value, want_slope = chain_oracle(expressions, x0)
    assert_close(value, want_value, name=f"the value of {what}", rtol=1e-9, atol=1e-12)
    assert_close(slope, want_slope, name=f"the derivative of {what}", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, "Multiply by each layer's derivative at that layer's own input (the value so far), not at x0.", uses=["forward_chain"])
def test_forward_chain_dose_to_effect(forward_chain, rng):
    f, cl, interval = q(rng, 0.3, 0.9, 10), q(rng, 5, 20, 1), 12 * int(rng.integers(1, 3))
    kd, emax = q(rng, 0.05, 0.5, 100), q(rng, 20, 40, 1)  # mg/L, mmHg
    expressions = (
        f * z / (cl * interval),  # dose (mg) -> average steady-state concentration (mg/L)
        z / (kd + z),  # concentration -> receptor occupancy (0-1)
        emax * z**2 / (sp.Rational(1, 4) + z**2),  # occupancy -> blood-pressure reduction (mmHg)
    )
    for dose in (float(q(rng, 25, 100, 1)), float(q(rng, 150, 400, 1))):
        got = forward_chain(as_layers(expressions), dose)
        expect_value_and_slope(got, expressions, dose, f"dose -> concentration -> occupancy -> effect at {dose:g} mg")


@pytest.mark.grade(1, "Layers apply first to last, however many there are (a small neural network is such a chain).", uses=["forward_chain"])
def test_forward_chain_deep_network(forward_chain, rng):
    weights = rng.choice([-1, 1], size=6) * rng.uniform(0.5, 2.0, size=6).round(2)
    biases = rng.uniform(-0.5, 0.5, size=6).round(2)
    expressions = [sp.tanh(sp.Float(w) * z + sp.Float(b)) for w, b in zip(weights, biases)]
    expressions.append(z**2 + 1)  # a last layer that does not commute with the others
    x0 = round(float(rng.uniform(-1, 1)), 2)
    expect_value_and_slope(forward_chain(as_layers(expressions), x0), expressions, x0, "a 7-layer chain")


@pytest.mark.grade(1, "An empty chain is the identity: value x0, derivative 1; one layer gives (f(x0), f'(x0)).", uses=["forward_chain"])
def test_forward_chain_short_chains(forward_chain, rng):
    x0 = float(q(rng, 1, 5, 10))
    value, slope = expect_tuple(forward_chain([], x0), name="forward_chain with no layers", length=2)
    assert_close(value, x0, name="the value of an empty chain")
    assert_close(slope, 1.0, name="the derivative of an empty chain")
    single = (q(rng, 2, 8, 1) * z / (q(rng, 1, 3, 10) + z),)
    expect_value_and_slope(forward_chain(as_layers(single), x0), single, x0, "a single layer")


@pytest.mark.grade(1, "Return Python floats (float(...)), also for an integer dose x0 and layers that return numpy numbers.", uses=["forward_chain"])
def test_forward_chain_returns_python_floats(forward_chain, rng):
    x0 = int(rng.integers(10, 200))  # a dose in whole mg
    for layers, what in (([], "no layers"),
                         ([(lambda d: np.float64(d) / 50, lambda d: np.float64(1) / 50)], "a layer returning numpy floats")):
        pair = expect_tuple(forward_chain(layers, x0), name=f"forward_chain with {what}", length=2)
        for item, which, want in zip(pair, ("value", "derivative"), (x0 / 50 if layers else x0, 1 / 50 if layers else 1.0)):
            expect_type(item, float, name=f"the {which} of forward_chain with {what} at x0 = {x0}", hint="convert it with float()")
            assert_close(item, float(want), name=f"the {which} of forward_chain with {what} at x0 = {x0}", rtol=1e-12)


# --- higher derivatives --------------------------------------------------------------------------


def expect_derivative_list(value, length, what):
    if type(value) is not list:
        fail(f"{what} should be a list of sympy expressions, got {type(value).__name__}")
    check(len(value) == length, f"{what} should have {length} items (the function and its first {length - 1} derivatives), got {len(value)}")
    return list(value)


@pytest.mark.grade(2, "Item k is the k-th derivative: start from f itself and differentiate the previous item each time.", uses=["higher_derivatives"])
def test_higher_derivatives_growth_curves(higher_derivatives, rng):
    v0, doubling = q(rng, 0.1, 2, 10), int(rng.integers(30, 200))  # cm^3, days
    exponential = v0 * 2 ** (t / doubling)
    trend = v0 + q(rng, 0.01, 0.05, 100) * t + q(rng, 1, 5, 1) * t**2 / 1000 - q(rng, 1, 5, 1) * t**3 / 10**6
    n = int(rng.integers(4, 9))
    cases = (
        (exponential, t, 3, f"a tumour volume doubling every {doubling} days"),
        (trend, t, 4, "a cubic volume trend"),
        (t**n, t, n, f"t**{n}"),
    )
    for expr, var, order, what in cases:
        items = expect_derivative_list(higher_derivatives(expr, var, order), order + 1, f"higher_derivatives of {what} up to order {order}")
        for k, item in enumerate(items):
            assert_equivalent(item, sp.diff(expr, var, k), name=f"derivative number {k} of {what}")


@pytest.mark.grade(1, "Order 0 is the function alone, [f]; a negative order makes no sense: raise ValueError.", uses=["higher_derivatives"])
def test_higher_derivatives_edge_orders(higher_derivatives, rng):
    expr = q(rng, 1, 5, 10) + q(rng, 0.01, 0.09, 100) * t**2
    items = expect_derivative_list(higher_derivatives(expr, t, 0), 1, "higher_derivatives of order 0")
    assert_equivalent(items[0], expr, name="the only item for order 0")
    expect_raises(lambda: higher_derivatives(expr, t, -1), ValueError, what="higher_derivatives with n = -1")


@pytest.mark.grade(1, "f may hold constants besides the variable (a growth rate k): differentiate with respect to the variable, naming it.", uses=["higher_derivatives"])
def test_higher_derivatives_symbolic_parameters(higher_derivatives, rng):
    V0, k, c1 = sp.symbols("V_0 k c_1", positive=True)
    n = int(rng.integers(3, 6))
    for expr, what in ((V0 * sp.exp(k * t), "V_0 exp(k t)"), (V0 + c1 * t, "the linear trend V_0 + c_1 t")):
        items = expect_derivative_list(higher_derivatives(expr, t, n), n + 1, f"higher_derivatives of {what} up to order {n}")
        for order, item in enumerate(items):
            assert_equivalent(item, sp.diff(expr, t, order), name=f"derivative number {order} of {what}")


# --- second differences of sampled volumes -------------------------------------------------------


def scan_times(rng, n):
    """Days of MRI scans: irregular follow-up intervals of 3 to 12 weeks."""
    return np.concatenate([[0.0], np.cumsum(7.0 * rng.integers(3, 13, size=n - 1))])


def three_point_oracle(times, values):
    """Second derivative of the parabola through each three consecutive samples."""
    return np.array([2 * np.polyfit(times[i - 1 : i + 2], values[i - 1 : i + 2], 2)[0] for i in range(1, len(times) - 1)])


@pytest.mark.grade(1, "With even spacing h the estimate is (v[i+1] - 2 v[i] + v[i-1]) / h**2.", uses=["second_differences"])
def test_second_differences_even_spacing(second_differences, rng):
    h = 7.0 * int(rng.integers(2, 9))
    times = h * np.arange(7)
    volumes = np.round(2.0 * np.exp(rng.uniform(0.005, 0.02) * times), 3)
    got = expect_array(second_differences(times.copy(), volumes.copy()), name="second_differences", shape=(5,), kind="f")
    assert_array_close(got, np.diff(volumes, 2) / h**2, name="the acceleration (cm^3/day^2) of evenly spaced scans", rtol=1e-8)


@pytest.mark.grade(2, "For uneven spacing divide the change of slope by half the span (h1 + h2) / 2: exact for any parabola.", uses=["second_differences"])
def test_second_differences_uneven_spacing(second_differences, rng):
    times = scan_times(rng, 8)
    curvature = float(rng.uniform(0.0001, 0.001))
    parabola = 1.5 + 0.01 * times + curvature * times**2
    got = expect_array(second_differences(times.tolist(), parabola.tolist()), name="second_differences", shape=(6,), kind="f")
    assert_array_close(got, np.full(6, 2 * curvature), name="the acceleration of a parabola sampled unevenly", rtol=1e-6)
    volumes = np.round(1.0 + np.cumsum(rng.uniform(0.0, 1.5, size=8)), 2)
    got = expect_array(second_differences(times.copy(), volumes.copy()), name="second_differences", shape=(6,), kind="f")
    assert_array_close(got, three_point_oracle(times, volumes), name="the acceleration of unevenly spaced scans", rtol=1e-6, atol=1e-12)


@pytest.mark.grade(1, "An acceleration needs three samples; lengths must match and times must increase, else ValueError.", uses=["second_differences"])
def test_second_differences_rejects_bad_samples(second_differences, rng):
    times = scan_times(rng, 5)
    volumes = np.round(rng.uniform(1, 5, size=5), 2)
    repeated = times.copy()
    repeated[2] = repeated[1]
    cases = (
        (lambda: second_differences(times[:2].copy(), volumes[:2].copy()), "two samples"),
        (lambda: second_differences(times.copy(), volumes[:4].copy()), "4 volumes for 5 times"),
        (lambda: second_differences(repeated, volumes.copy()), "two scans on the same day"),
        (lambda: second_differences(times.copy(), volumes[:2].copy()), "2 volumes for 5 times"),
        (lambda: second_differences(np.array([0, 30, 20, 60], dtype=np.uint16), volumes[:4].copy()),
         "days that go back, given as unsigned integers"),
    )
    for call, what in cases:
        expect_raises(call, ValueError, what=f"second_differences with {what}")


@pytest.mark.grade(1, "Three samples give one estimate; steps may be short (a day, half a day): only steps <= 0 are invalid.", uses=["second_differences"])
def test_second_differences_short_steps_and_three_samples(second_differences, rng):
    curvature = float(rng.uniform(0.01, 0.05))
    for times in (np.array([0.0, 0.5, 1.0, 2.0, 3.0, 5.0]), np.array([0.0, 1.0, 2.5])):  # days
        weight = 70.0 + 0.3 * times + curvature * times**2  # kg, a patient gaining fluid
        n = times.size
        got = second_differences(times.tolist(), weight.tolist())
        got = expect_array(got, name=f"second_differences of {n} samples", shape=(n - 2,), kind="f")
        assert_array_close(got, np.full(n - 2, 2 * curvature), name=f"the acceleration (kg/day^2) of {n} samples a day or less apart", rtol=1e-6)


@pytest.mark.grade(1, "Convert integer samples to float first: unsigned or small integer types wrap around when a value falls.", uses=["second_differences"])
def test_second_differences_integer_inputs(second_differences, rng):
    days = np.cumsum(rng.integers(1, 30, size=7)).astype(np.uint16)
    volumes = rng.integers(5, 250, size=7).astype(np.uint8)  # whole cm^3 on an MRI report
    volumes[3] = volumes[2] // 2  # a response to treatment: a fall
    want = three_point_oracle(days.astype(float), volumes.astype(float))
    for kind, args in (("unsigned integer arrays", (days.copy(), volumes.copy())), ("lists of ints", (days.tolist(), volumes.tolist()))):
        got = expect_array(second_differences(*args), name=f"second_differences of {kind}", shape=(5,), kind="f")
        assert_array_close(got, want, name=f"the acceleration of integer samples given as {kind}", rtol=1e-6, atol=1e-12)


# --- circadian rhythm ----------------------------------------------------------------------------


def cosinor(mesor, amplitude, acrophase):
    return mesor + amplitude * sp.cos(2 * sp.pi * (t - acrophase) / 24)


@pytest.mark.grade(2, "cos of 2 pi (t - phase) / 24: the chain rule multiplies by the inner derivative 2 pi / 24.", uses=["circadian_rate"])
def test_circadian_rate_symbolic(circadian_rate):
    assert_equivalent(circadian_rate(M, A, phi, t), sp.diff(cosinor(M, A, phi), t), name="dT/dt of the cosinor model")


@pytest.mark.grade(1, "Temperature changes fastest halfway between trough and peak; the rate is in deg C per hour.", uses=["circadian_rate"])
def test_circadian_rate_clinical(circadian_rate, rng):
    mesor, amplitude, acrophase = q(rng, 36.5, 37.2, 10), q(rng, 0.2, 0.6, 10), int(rng.integers(15, 20))
    rate = circadian_rate(mesor, amplitude, acrophase, t)
    assert_equivalent(rate, sp.diff(cosinor(mesor, amplitude, acrophase), t), name=f"dT/dt for a peak at {acrophase}:00")


# --- dose -> concentration -> effect ---------------------------------------------------------------


def hill_of_dose(dose, f, cl, interval, emax, ec50, hill):
    css = f * dose / (cl * interval)
    return emax * css**hill / (ec50**hill + css**hill)


@pytest.mark.grade(2, "E depends on D through Css: dE/dD = E'(Css) * dCss/dD, and dCss/dD = F / (CL tau).", uses=["dose_sensitivity"])
def test_dose_sensitivity_symbolic(dose_sensitivity):
    got = dose_sensitivity(D, F, CL, tau, Emax, EC50, n_hill)
    want = sp.diff(hill_of_dose(D, F, CL, tau, Emax, EC50, n_hill), D)
    assert_equivalent(got, want, name="dE/dD with every parameter a symbol")


@pytest.mark.grade(1, "The extra effect per mg is largest near EC50 and small on the plateau; use the given units (mg, L/h, h).", uses=["dose_sensitivity"])
def test_dose_sensitivity_regimens(dose_sensitivity, rng):
    f, cl, interval = q(rng, 0.3, 0.9, 10), q(rng, 5, 20, 1), 12 * int(rng.integers(1, 3))
    emax, ec50, hill = q(rng, 15, 40, 1), q(rng, 0.2, 2, 10), int(rng.integers(1, 4))
    for dose in (q(rng, 10, 100, 1), q(rng, 300, 1000, 1)):
        got = dose_sensitivity(dose, f, cl, interval, emax, ec50, hill)
        want = sp.diff(hill_of_dose(D, f, cl, interval, emax, ec50, hill), D).subs(D, dose)
        assert_equivalent(got, want, name=f"dE/dD (effect per mg) at a dose of {dose} mg")


# --- acceleration of tumour growth ---------------------------------------------------------------


def growth_with_inflection(rng):
    """(volume, inflection day, description): Gompertz and logistic tumours (cm^3, days)."""
    v0, beta = q(rng, 0.2, 2, 10), q(rng, 0.005, 0.02, 1000)
    alpha = beta * int(rng.integers(4, 12))
    gompertz = v0 * sp.exp(alpha / beta * (1 - sp.exp(-beta * t)))
    cap, r = q(rng, 50, 150, 1), q(rng, 0.03, 0.1, 100)
    logistic = cap / (1 + (cap / v0 - 1) * sp.exp(-r * t))
    return (
        (gompertz, float(sp.log(alpha / beta) / beta), "a Gompertz tumour"),
        (logistic, float(sp.log(cap / v0 - 1) / r), "a logistic tumour"),
    )


@pytest.mark.grade(2, "Growing is V' > 0, accelerating is V'' > 0: after the inflection point a tumour still grows but slows.", uses=["is_accelerating"])
def test_is_accelerating_around_inflection(is_accelerating, rng):
    for volume, inflection, what in growth_with_inflection(rng):
        for day, want in ((int(0.5 * inflection), True), (int(1.6 * inflection) + 1, False)):
            got = expect_type(is_accelerating(volume, t, sp.Integer(day)), bool, name=f"is_accelerating for {what} at day {day}",
                              hint="return a Python bool, e.g. bool(...)")
            check(got == want, f"{what} at day {day}: is_accelerating gave {got}, which is wrong; look at the sign of V'' there")


@pytest.mark.grade(1, "Zero acceleration is not acceleration: a tumour growing at a constant rate (V'' = 0) gives False.", uses=["is_accelerating"])
def test_is_accelerating_constant_rate(is_accelerating, rng):
    linear = q(rng, 1, 5, 10) + q(rng, 0.01, 0.05, 100) * t  # cm^3, growing by a fixed amount per day
    day = int(rng.integers(10, 200))
    got = expect_type(is_accelerating(linear, t, sp.Integer(day)), bool, name="is_accelerating for linear growth",
                      hint="return a Python bool, e.g. bool(...)")
    check(got is False, f"a tumour growing linearly is not accelerating at day {day}; is_accelerating gave True")
