"""Hidden graders for 18.01-lec3 (product, quotient and trig derivatives).

Oracles: sympy.diff for the symbolic derivatives, mpmath at 40 digits for the trig quotients
(mpmath ships with sympy). Expressions are drawn from the seeded `rng` with exact Rational
coefficients; clinical models use realistic magnitudes (HR in beats/min, SV in mL, weight in
kg, height in cm).
"""


import mpmath
import numpy as np
import pytest
import sympy as sp

from autograde.checks import (
    assert_array_close, assert_equivalent, assert_not_used, expect_array, expect_raises, expect_tuple,
)
from autograde.datasets.parameters import exact_rational as q

x = sp.Symbol("x")
t = sp.Symbol("t")
C = sp.Symbol("C", positive=True)
a, b, c, k, V, Emax, EC50 = sp.symbols("a b c k V E_max EC50", positive=True)


def nonzero(rng, low, high):
    while True:
        value = int(rng.integers(low, high + 1))
        if value:
            return value


def poly(rng, degree, var=x):
    """A polynomial with small integer coefficients and exactly this degree."""
    return nonzero(rng, -5, 5) * var**degree + sum(int(rng.integers(-6, 7)) * var**i for i in range(degree))


def expect_derivative(got, expr, var, what):
    assert_equivalent(got, sp.diff(expr, var), name=f"the derivative of {what}")


# --- the differentiator --------------------------------------------------------------------------


@pytest.mark.grade(1, "A number, or any symbol other than x, is a constant (derivative 0); differentiate a sum term by term.", uses=["differentiate"])
def test_differentiate_constants_and_sums(differentiate, rng):
    expr = a * x**3 + b * x + c + q(rng, 1, 9, 2)
    expect_derivative(differentiate(expr, x), expr, x, "a x**3 + b x + c + constant (a, b, c are constants)")
    clearance = k * V  # L/h: it does not depend on x
    assert_equivalent(differentiate(clearance, x), 0, name="the derivative of k V with respect to x (a constant)")
    assert_equivalent(differentiate(q(rng, 1, 9, 2), x), 0, name="the derivative of a number")
    assert_equivalent(differentiate(x, x), 1, name="the derivative of x")


@pytest.mark.grade(2, "(u**n)' = n u**(n-1) u' for every constant n: negative (1/x**2) and fractional (sqrt(x)) too.", uses=["differentiate"])
def test_differentiate_powers(differentiate, rng):
    exponents = (int(rng.integers(2, 9)), -int(rng.integers(1, 5)), sp.Rational(1, 2), sp.Rational(nonzero(rng, -7, 7), 3))
    for n in exponents:
        expect_derivative(differentiate(x**n, x), x**n, x, f"x**({n})")
    expr = (poly(rng, 2) + 10) ** int(rng.integers(2, 5))
    expect_derivative(differentiate(expr, x), expr, x, "a power of a polynomial (multiply by the base's derivative)")


@pytest.mark.grade(2, "Product rule: (u v)' = u' v + u v', not u' v'; with three factors differentiate one at a time.", uses=["differentiate"])
def test_differentiate_products(differentiate, rng):
    two = sp.Mul(poly(rng, 2), poly(rng, 3), evaluate=False)
    three = sp.Mul(poly(rng, 1), poly(rng, 2), poly(rng, 1) + x**2, evaluate=False)
    scaled = q(rng, 2, 9, 2) * x**3 * (x + int(rng.integers(1, 9)))
    for expr, what in ((two, "a product of two polynomials"), (three, "a product of three factors"), (scaled, "c x**3 (x + d)")):
        expect_derivative(differentiate(expr, x), expr, x, what)


@pytest.mark.grade(2, "A quotient u/v is u * v**(-1): the product rule and the power rule together give (u' v - u v') / v**2.", uses=["differentiate"])
def test_differentiate_quotients(differentiate, rng):
    emax, ec50 = q(rng, 50, 100, 1), q(rng, 1, 10, 2)
    km, vmax = q(rng, 2, 20, 1), q(rng, 100, 500, 1)
    cases = (
        (emax * C / (ec50 + C), C, "an Emax dose-response E(C)"),
        (vmax * C / (km + C), C, "a Michaelis-Menten elimination rate"),
        (poly(rng, 2) / (x - int(rng.integers(2, 7))) ** 2, x, "a rational function"),
        (1 / (x**2 + q(rng, 1, 9, 1)), x, "1 / (x**2 + c)"),
    )
    for expr, var, what in cases:
        expect_derivative(differentiate(expr, var), expr, var, what)


@pytest.mark.grade(2, "sin' = cos and cos' = -sin (mind the sign); combine them with the product and quotient rules.", uses=["differentiate"])
def test_differentiate_sin_cos(differentiate, rng):
    amp, n = q(rng, 1, 5, 2), int(rng.integers(2, 5))
    cases = (
        (sp.sin(x), "sin(x)"),
        (amp * sp.cos(x), "c cos(x)"),
        (x**n * sp.sin(x), f"x**{n} sin(x)"),
        (sp.sin(x) * sp.cos(x), "sin(x) cos(x)"),
        (sp.sin(x) / sp.cos(x), "tan(x) written as sin(x) / cos(x)"),
        (1 / sp.cos(x), "sec(x) = 1 / cos(x)"),
        (sp.sin(x) / x, "sin(x) / x"),
    )
    for expr, what in cases:
        expect_derivative(differentiate(expr, x), expr, x, what)


@pytest.mark.grade(1, "Symbols other than the variable are constants, also inside products, quotients and powers.", uses=["differentiate"])
def test_differentiate_symbolic_parameters(differentiate, rng):
    n = int(rng.integers(2, 5))
    hill = Emax * C**n / (EC50**n + C**n)
    expect_derivative(differentiate(hill, C), hill, C, f"the Hill model E_max C**{n} / (EC50**{n} + C**{n})")
    infusion_level = a / (k * V) * (1 - b / (1 + k * t))
    expect_derivative(differentiate(infusion_level, t), infusion_level, t, "a level with parameters a, b, k, V")


@pytest.mark.grade(1, "The power rule needs a constant exponent: for x**x or 2**x raise ValueError instead of applying it.", uses=["differentiate"])
def test_differentiate_rejects_variable_exponent(differentiate, rng):
    base = int(rng.integers(2, 10))
    for expr, what in ((x**x, "x**x"), (sp.Integer(base) ** x, f"{base}**x")):
        expect_raises(lambda: differentiate(expr, x), ValueError, what=f"differentiate({what}, x)")


@pytest.mark.grade(1, "No rule yet for exp, log, or sin / cos of anything but x itself (sin(2 x) needs the chain rule): raise ValueError.", uses=["differentiate"])
def test_differentiate_rejects_functions_without_a_rule(differentiate, rng):
    n = int(rng.integers(2, 6))
    cases = (
        (sp.exp(x), "exp(x)"),
        (sp.log(x), "log(x)"),
        (sp.sin(n * x), f"sin({n} x)"),
        (sp.cos(x**n), f"cos(x**{n})"),
        (x**2 * sp.exp(-x), "x**2 exp(-x) (a function without a rule inside a product)"),
    )
    for expr, what in cases:
        expect_raises(lambda: differentiate(expr, x), ValueError, what=f"differentiate({what}, x)")


FORBIDDEN_DERIVATIVES = {"diff", "Derivative", "differentiate", "idiff", "fdiff"}


@pytest.mark.grade(1, "Apply the rules yourself, walking the expression tree; sympy.diff is off limits in differentiate.", uses=["differentiate"])
def test_differentiate_without_sympy_diff(differentiate, submission, rng):
    expr = poly(rng, 3) * sp.sin(x) / (x**2 + q(rng, 1, 9, 1))
    expect_derivative(differentiate(expr, x), expr, x, "a polynomial times sin(x) over x**2 + c")
    assert_not_used(submission.source("derivative_rules"), "differentiate", module="derivative_rules",
                    calls=FORBIDDEN_DERIVATIVES - {"differentiate"},  # recursion is the point
                    instead="apply the rules of the lectures yourself instead")


# --- the two trig limits --------------------------------------------------------------------------


def exact_quotients(steps, degrees=False):
    with mpmath.workdps(40):
        sine, cosine = [], []
        for h in steps:
            hh = mpmath.mpf(float(h))
            angle = hh * mpmath.pi / 180 if degrees else hh
            sine.append(float(mpmath.sin(angle) / hh))
            cosine.append(float((mpmath.cos(angle) - 1) / hh))
    return np.array(sine), np.array(cosine)


def expect_quotients(value, n, what):
    sine, cosine = expect_tuple(value, name=what, length=2)
    sine = expect_array(sine, name=f"the sine quotients of {what}", shape=(n,), kind="f")
    cosine = expect_array(cosine, name=f"the cosine quotients of {what}", shape=(n,), kind="f")
    return sine, cosine


@pytest.mark.grade(2, "Return (sin(h)/h, (cos(h) - 1)/h) for every h, negative steps included, as two float arrays.", uses=["trig_quotients"])
def test_trig_quotients_values(trig_quotients, rng):
    steps = np.concatenate([[1.0, 0.5], np.round(rng.uniform(-1.5, 1.5, size=4), 3), [0.01, -0.001]])
    steps[steps == 0] = 0.25
    sine, cosine = expect_quotients(trig_quotients(steps.copy()), steps.size, "trig_quotients(steps)")
    want_sine, want_cosine = exact_quotients(steps)
    assert_array_close(sine, want_sine, name="sin(h) / h", rtol=1e-9, atol=0)
    assert_array_close(cosine, want_cosine, name="(cos(h) - 1) / h", rtol=1e-9, atol=1e-15)


@pytest.mark.grade(1, "For tiny h, cos(h) - 1 cancels to 0 in floating point: write it as -2 sin(h/2)**2.", uses=["trig_quotients"])
def test_trig_quotients_tiny_steps(trig_quotients, rng):
    steps = [1e-6, -1e-7, 1e-9, float(rng.uniform(1, 9)) * 1e-12]
    sine, cosine = expect_quotients(trig_quotients(list(steps)), 4, "trig_quotients of tiny steps")
    want_sine, want_cosine = exact_quotients(steps)
    assert_array_close(sine, want_sine, name="sin(h) / h for tiny h", rtol=1e-9, atol=0)
    assert_array_close(cosine, want_cosine, name="(cos(h) - 1) / h for tiny h", rtol=1e-9, atol=0)


@pytest.mark.grade(1, "In degrees, take sin and cos of the angle h degrees (h * pi / 180) but still divide by h.", uses=["trig_quotients"])
def test_trig_quotients_degrees(trig_quotients, rng):
    steps = np.concatenate([[30.0, 1.0, 0.01], np.round(rng.uniform(-20, 20, size=3), 2)])
    steps[steps == 0] = 5.0
    sine, cosine = expect_quotients(trig_quotients(steps.copy(), degrees=True), steps.size, "trig_quotients in degrees")
    want_sine, want_cosine = exact_quotients(steps, degrees=True)
    assert_array_close(sine, want_sine, name="sin(h degrees) / h", rtol=1e-9, atol=0)
    assert_array_close(cosine, want_cosine, name="(cos(h degrees) - 1) / h", rtol=1e-9, atol=1e-15)


@pytest.mark.grade(1, "Integer steps (whole degrees) may come as small integer arrays: convert to float64 first, or sin loses precision.", uses=["trig_quotients"])
def test_trig_quotients_integer_steps(trig_quotients, rng):
    degrees = rng.choice([-60, -45, -30, -1, 1, 5, 30, 45, 90], size=5, replace=False)
    radians = rng.choice([-3, -2, -1, 1, 2, 3], size=3, replace=False)
    for steps, kind, in_degrees in ((degrees.astype(np.int16), "whole degrees as an int16 array", True),
                                    (radians.astype(np.int8), "whole radians as an int8 array", False),
                                    (degrees.tolist(), "whole degrees as a list of ints", True)):
        n = len(steps)
        got = trig_quotients(steps.copy(), degrees=in_degrees)
        sine, cosine = expect_quotients(got, n, f"trig_quotients of {kind}")
        want_sine, want_cosine = exact_quotients(steps, degrees=in_degrees)
        assert_array_close(sine, want_sine, name=f"sin(h) / h for {kind}", rtol=1e-9, atol=0)
        assert_array_close(cosine, want_cosine, name=f"(cos(h) - 1) / h for {kind}", rtol=1e-9, atol=1e-15)


@pytest.mark.grade(1, "h = 0 would divide 0 by 0: raise ValueError if a step is 0.", uses=["trig_quotients"])
def test_trig_quotients_zero_step_raises(trig_quotients):
    expect_raises(lambda: trig_quotients([0.1, 0.0]), ValueError, what="trig_quotients with a step of 0")


# --- clinical products and quotients ---------------------------------------------------------------

def exercise_models(rng):
    """Heart rate (beats/min) and stroke volume (mL/beat), t minutes into exercise: both rise, SV plateaus."""
    rest_hr, extra_hr, tau = q(rng, 60, 80, 1), q(rng, 60, 100, 1), q(rng, 2, 5, 1)
    rest_sv, extra_sv, half = q(rng, 60, 80, 1), q(rng, 20, 40, 1), q(rng, 1, 3, 2)
    heart_rate = rest_hr + extra_hr * t**2 / (tau**2 + t**2)
    stroke_volume = rest_sv + extra_sv * t / (half + t)
    return heart_rate, stroke_volume


@pytest.mark.grade(2, "CO = HR * SV changes when either factor does: HR' SV + HR SV', not HR' SV'.", uses=["cardiac_output_rate"])
def test_cardiac_output_rate_product_rule(cardiac_output_rate, rng):
    # ramps: HR and SV both linear in t, so a wrong product rule cannot hide in a curved model
    hr0, hr_slope = q(rng, 60, 90, 1), q(rng, 2, 12, 1)
    sv0, sv_slope = q(rng, 55, 80, 1), q(rng, 1, 4, 2)
    for heart_rate, stroke_volume, what in (
        (hr0 + hr_slope * t, sv0 + sv_slope * t, "two linear ramps"),
        (hr0 + hr_slope * t, sv0 - sv_slope * t, "a rising heart rate and a falling stroke volume"),
    ):
        want = (sp.diff(heart_rate, t) * stroke_volume + heart_rate * sp.diff(stroke_volume, t)) / 1000
        assert_equivalent(cardiac_output_rate(heart_rate, stroke_volume, t), want, name=f"dCO/dt for {what}")


@pytest.mark.grade(1, "Heart rate (beats/min) times stroke volume (mL/beat) is in mL/min: cardiac output is quoted in L/min.", uses=["cardiac_output_rate"])
def test_cardiac_output_rate_exercise(cardiac_output_rate, rng):
    heart_rate, stroke_volume = exercise_models(rng)
    want = sp.diff(heart_rate * stroke_volume / 1000, t)
    assert_equivalent(cardiac_output_rate(heart_rate, stroke_volume, t), want, name="dCO/dt (L/min per minute) during exercise")


@pytest.mark.grade(1, "Differentiate each factor with respect to t, naming it: a symbol such as a paced heart rate HR0 is a constant.", uses=["cardiac_output_rate"])
def test_cardiac_output_rate_symbolic_parameters(cardiac_output_rate, rng):
    HR0, SV0, r = sp.symbols("HR_0 SV_0 r", positive=True)
    cases = (
        (HR0, q(rng, 55, 80, 1) + q(rng, 1, 4, 2) * t, "a paced heart rate HR_0 and a rising stroke volume"),
        (HR0 + r * t, SV0, "a heart rate HR_0 + r t and a fixed stroke volume SV_0"),
    )
    for heart_rate, stroke_volume, what in cases:
        want = sp.diff(heart_rate * stroke_volume / 1000, t)
        assert_equivalent(cardiac_output_rate(heart_rate, stroke_volume, t), want, name=f"dCO/dt for {what}")


@pytest.mark.grade(2, "Quotient rule: (u/v)' = (u' v - u v') / v**2, with v = height**2 (so v' = 2 height height').", uses=["bmi_rate"])
def test_bmi_rate_quotient_rule(bmi_rate, rng):
    w0, gain = q(rng, 30, 60, 10), q(rng, 2, 6, 10)  # kg, kg per year (an adolescent)
    h0, growth = q(rng, 140, 170, 10), q(rng, 3, 9, 10)  # cm, cm per year
    for weight, height, what in (
        (w0 + gain * t, h0 + growth * t, "steady gains in weight and height"),
        (w0 - gain * t, h0 + growth * t, "weight loss while still growing"),
    ):
        want = 10000 * (sp.diff(weight, t) * height - 2 * weight * sp.diff(height, t)) / height**3
        assert_equivalent(bmi_rate(weight, height, t), want, name=f"dBMI/dt for {what}")


@pytest.mark.grade(1, "Heights are charted in cm but BMI uses metres: convert before you square.", uses=["bmi_rate"])
def test_bmi_rate_growth_chart(bmi_rate, rng):
    w0, gain = q(rng, 10, 14, 10), q(rng, 1.5, 3, 10)  # kg at age 2, kg per year
    h0, growth, slowing = q(rng, 82, 92, 10), q(rng, 6, 9, 10), q(rng, 0.2, 0.4, 100)  # cm, cm/year, cm/year^2
    weight = w0 + gain * (t - 2)
    height = h0 + growth * (t - 2) - slowing * (t - 2) ** 2 / 2
    want = sp.diff(weight / (height / 100) ** 2, t)
    assert_equivalent(bmi_rate(weight, height, t), want, name="dBMI/dt (kg/m^2 per year) of a growing child")


@pytest.mark.grade(1, "Differentiate with respect to t, naming it: a symbol such as an adult's height H0 is a constant.", uses=["bmi_rate"])
def test_bmi_rate_symbolic_parameters(bmi_rate, rng):
    W0, H0, g = sp.symbols("W_0 H_0 g", positive=True)
    cases = (
        (W0 + g * t, H0, "weight W_0 + g t at an adult height H_0 (cm)"),
        (W0, q(rng, 140, 170, 10) + q(rng, 3, 9, 10) * t, "a steady weight W_0 while growing"),
    )
    for weight, height, what in cases:
        want = sp.diff(weight / (height / 100) ** 2, t)
        assert_equivalent(bmi_rate(weight, height, t), want, name=f"dBMI/dt for {what}")
