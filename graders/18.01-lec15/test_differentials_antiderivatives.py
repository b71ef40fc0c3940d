"""Hidden graders for 18.01-lec15 (differentials and antiderivatives).

Oracles: sympy.diff. Antiderivatives are checked the way the lecture checks them, by
differentiating back and substituting the known value (F' = f and F(x0) = F0 determine F), so
any correct closed form passes and no sympy.integrate is needed here. Parameters are exact
Rationals (symbolic parts) or floats (numeric parts) drawn from the seeded rng.
"""

import pytest
import sympy as sp

from autograde.checks import assert_close, assert_equivalent, check, expect_expr, expect_type
from autograde.datasets.parameters import exact_rational as q

x = sp.Symbol("x")
xp = sp.Symbol("x", positive=True)
t = sp.Symbol("t")


def u(rng, low, high, digits=1):
    return round(float(rng.uniform(low, high)), digits)


# Rate constants (1/h) come from short lists of realistic values with small denominators:
# sympy.integrate rewrites exp(-a t) and exp(-b t) over a common exp(t / lcm), and a large
# common denominator makes a learner's plain sympy.integrate take seconds.
ELIMINATION = [sp.Rational(n, 20) for n in (1, 2, 3, 4, 5, 6)]  # half-lives 14 h down to 2.3 h
ABSORPTION = [sp.Rational(n, 4) for n in (2, 3, 4, 5, 6, 8)]  # 0.5 to 2 /h
DISTRIBUTION = [sp.Rational(n, 2) for n in (2, 3, 4, 5)]  # 1 to 2.5 /h


def pick(rng, values):
    return values[int(rng.integers(len(values)))]


# --- differentials ------------------------------------------------------------------------------


@pytest.mark.grade(2, "df = f'(x) dx: the derivative times the change in x (chain rule inside sqrt and exp).", uses=["differential"])
def test_differential(differential, rng):
    w, h, dw = sp.symbols("w h dw", positive=True)
    dt = sp.Symbol("dt")
    cases = (
        (sp.sqrt(h * w / 3600), w, dw, "the Mosteller BSA in the weight"),
        (q(rng, 5, 40) * sp.exp(-q(rng, 0.05, 0.4, 100) * t), t, dt, "a decaying drug level"),
        (q(rng, 60, 90, 1) + q(rng, 1, 5) * t - q(rng, 0.1, 0.5, 100) * t**3, t, q(rng, 0.1, 0.5, 100), "a weight curve, for a numeric dt"),
    )
    for f, var, d, what in cases:
        got = differential(f, var, d)
        assert_equivalent(got, sp.diff(f, var) * d, name=f"the differential of {what}")


# --- error propagation in the clinic ------------------------------------------------------------


@pytest.mark.grade(2, "dDose = (dose per m^2) * dBSA; differentiate the square root with the chain rule: it halves the relative error of the weight.", uses=["bsa_dose_error"])
def test_bsa_dose_error(bsa_dose_error, rng):
    H, W = sp.symbols("H W", positive=True)
    for i, sign in enumerate((1, -1, 1, -1)):  # a scale reading heavy, then light: the sign is part of the answer
        per_m2, height, weight = float(rng.choice([60, 75, 135, 175, 260])), u(rng, 150, 195, 0), u(rng, 45, 120)
        error = sign * u(rng, 0.5, 4, 2)
        if i == 0:  # whole numbers, as in the docstring example
            per_m2, height, weight, error = int(per_m2), int(height), int(weight), 2
        dose = per_m2 * sp.sqrt(H * W / 3600)
        want = float(sp.diff(dose, W).subs({H: height, W: weight}) * error)
        got = bsa_dose_error(per_m2, height, weight, error)
        assert_close(got, want, name=f"the dose error for {per_m2:g} mg/m^2, {height:g} cm, {weight:g} kg, dW = {error:g} kg", rtol=1e-9)


@pytest.mark.grade(2, "CrCl is proportional to Scr**-1: use the power rule (the exponent drops by one) and keep the sign: a higher creatinine lowers the clearance.", uses=["crcl_error"])
def test_crcl_error(crcl_error, rng):
    S = sp.Symbol("S", positive=True)
    for i, sign in enumerate((1, -1, 1, -1)):  # an assay reading high, then low: the sign is part of the answer
        age, weight, scr = u(rng, 20, 90, 0), u(rng, 45, 120), u(rng, 0.6, 3.5, 2)
        error = sign * u(rng, 0.02, 0.3, 2)
        if i == 0:  # whole-number age and weight, as clinicians write them
            age, weight = int(age), int(weight)
        crcl = (140 - age) * weight / (72 * S)
        want = float(sp.diff(crcl, S).subs(S, scr) * error)
        got = crcl_error(age, weight, scr, error)
        assert_close(got, want, name=f"the clearance error for {age:g} y, {weight:g} kg, Scr {scr:g} mg/dL, dScr = {error:g}", rtol=1e-9)


# --- antiderivatives --------------------------------------------------------------------------------


def antiderivative_cases(rng):
    """(f, variable, x0, F0, what): integrands of the lecture (including substitutions) and of the clinic."""
    a, k = q(rng, 1, 4), pick(rng, ELIMINATION)
    coeffs = [q(rng, -3, 3) for _ in range(3)]
    return (
        (sum(c * x**i for i, c in enumerate(coeffs)), x, q(rng, -2, 2), q(rng, -5, 5), "a quadratic"),
        (sp.sin(x) * sp.cos(x), x, sp.pi / int(rng.choice([2, 3, 4, 6])), q(rng, -2, 2), "sin(x) cos(x)"),
        (a * x * sp.exp(-(x**2)), x, q(rng, 0, 1), q(rng, 0, 3), "x exp(-x**2) (a substitution u = x**2)"),
        (x**3 * (x**4 + 2) ** 5, x, 1, q(rng, -5, 5), "x**3 (x**4 + 2)**5 (a substitution u = x**4 + 2)"),
        (a / xp, xp, int(rng.integers(1, 5)), q(rng, 0, 3), "a / x on x > 0 (a logarithm)"),
        (q(rng, 5, 25) * sp.exp(-k * t), t, q(rng, 1, 6, 2), q(rng, 20, 80, 1), "an elimination rate (mg/h) known at a later time"),
    )


@pytest.mark.grade(2, "An antiderivative differentiates back to f: integrate f (sympy.integrate), then check with sympy.diff.", timeout=20, uses=["antiderivative"])
def test_antiderivative_differentiates_back(antiderivative, rng):
    for f, var, x0, F0, what in antiderivative_cases(rng):
        F = expect_expr(antiderivative(f, var, x0, F0), name=f"the antiderivative of {what}")
        assert_equivalent(sp.diff(F, var), f, name=f"the derivative of your antiderivative of {what}")


@pytest.mark.grade(2, "Fix the constant with the known value: F = (any antiderivative) - (its value at x0) + F0, so F(x0) = F0.", timeout=20, uses=["antiderivative"])
def test_antiderivative_initial_value(antiderivative, rng):
    for f, var, x0, F0, what in antiderivative_cases(rng):
        F = expect_expr(antiderivative(f, var, x0, F0), name=f"the antiderivative of {what}")
        assert_equivalent(F.subs(var, x0), F0, name=f"the value at {var} = {x0} of your antiderivative of {what}")


@pytest.mark.grade(1, "Integrate with respect to the variable you are given (sympy.integrate(f, x)): f may be a constant rate or contain symbolic parameters.", timeout=20, uses=["antiderivative"])
def test_antiderivative_constant_and_parameters(antiderivative, rng):
    C0, k, A0 = sp.symbols("C0 k A0", positive=True)
    rate = q(rng, 20, 150, 2)
    cases = (
        (rate, t, 0, 0, "a constant infusion rate (mg/h)"),
        (C0 * sp.exp(-k * t), t, 0, A0, "C0 exp(-k t) with symbolic C0 and k, known to be A0 at t = 0"),
        (k * xp**2 + C0, xp, 1, q(rng, -3, 3), "k x**2 + C0 with symbolic k and C0"),
    )
    for f, var, x0, F0, what in cases:
        F = expect_expr(antiderivative(f, var, x0, F0), name=f"the antiderivative of {what}")
        assert_equivalent(sp.diff(F, var), f, name=f"the derivative of your antiderivative of {what}")
        assert_equivalent(F.subs(var, x0), F0, name=f"the value at {var} = {x0} of your antiderivative of {what}")


# --- exposure ---------------------------------------------------------------------------------------


def concentration_cases(rng):
    """Concentration curves (mg/L, t in h): an IV bolus, an oral dose, a two-compartment bolus, an infusion."""
    ka, ke = pick(rng, ABSORPTION), pick(rng, ELIMINATION)
    dose, volume = int(rng.choice([250, 500, 750, 1000])), int(rng.integers(20, 80))
    alpha, beta = pick(rng, DISTRIBUTION), pick(rng, ELIMINATION)
    return {
        "bolus": (q(rng, 5, 40) * sp.exp(-ke * t), "an IV bolus"),
        "oral": (sp.Rational(dose, volume) * ka / (ka - ke) * (sp.exp(-ke * t) - sp.exp(-ka * t)), "an oral dose"),
        "two-compartment": (q(rng, 10, 40) * sp.exp(-alpha * t) + q(rng, 2, 10) * sp.exp(-beta * t), "a two-compartment bolus"),
        "infusion": (q(rng, 50, 200, 1) / (ke * volume) * (1 - sp.exp(-ke * t)), "a constant infusion"),
    }


@pytest.mark.grade(1, "AUC(t) grows at the rate C(t): its derivative is the concentration itself.", timeout=20, uses=["cumulative_exposure"])
def test_cumulative_exposure_rate(cumulative_exposure, rng):
    cases = concentration_cases(rng)
    for C, what in (cases["oral"], cases["two-compartment"]):
        F = expect_expr(cumulative_exposure(C, t), name=f"the exposure of {what}")
        assert_equivalent(sp.diff(F, t), C, name=f"the rate of change of your exposure for {what}")


@pytest.mark.grade(2, "No exposure before the dose: AUC(0) = 0. sympy.integrate's antiderivative of exp(-k t) is not 0 at t = 0.", timeout=20, uses=["cumulative_exposure"])
def test_cumulative_exposure_starts_at_zero(cumulative_exposure, rng):
    cases = concentration_cases(rng)
    for C, what in (cases["bolus"], cases["oral"], cases["infusion"]):
        F = expect_expr(cumulative_exposure(C, t), name=f"the exposure of {what}")
        # a real answer first: a constant 0 is 0 at t = 0 too, but it is no exposure curve
        assert_equivalent(sp.diff(F, t), C, name=f"the rate of change of your exposure for {what}")
        assert_equivalent(F.subs(t, 0), 0, name=f"the exposure at t = 0 for {what}")


# --- same function, different-looking antiderivatives ---------------------------------------------------


@pytest.mark.grade(1, "Antiderivatives of the same f differ by a constant: differentiate F1 - F2 and simplify; other symbols count as constants.", uses=["differ_by_constant"])
def test_differ_by_constant_true(differ_by_constant, rng):
    c, a, k = q(rng, 2, 9, 1), q(rng, 1, 5), sp.Symbol("k", positive=True)
    C0 = sp.Symbol("C0", positive=True)
    cases = (
        (sp.sin(x) ** 2 / 2, -sp.cos(x) ** 2 / 2, x, "sin(x)**2/2 and -cos(x)**2/2"),
        (sp.log(c * xp), sp.log(xp), xp, f"log({c} x) and log(x)"),
        ((x + a) ** 2, x**2 + 2 * a * x, x, f"(x + {a})**2 and x**2 + {2 * a} x"),
        (sp.tan(x) ** 2, 1 / sp.cos(x) ** 2, x, "tan(x)**2 and sec(x)**2"),
        (C0 / k * (1 - sp.exp(-k * t)), -C0 * sp.exp(-k * t) / k, t, "two exposure formulas with symbolic C0 and k"),
    )
    for F1, F2, var, what in cases:
        verdict = expect_type(differ_by_constant(F1, F2, var), bool, name=f"differ_by_constant for {what}",
                              hint="return a Python bool, e.g. bool(...) of your test")
        check(verdict, f"{what} differ by a constant, but differ_by_constant said False")


@pytest.mark.grade(1, "If F1 - F2 still changes with x they are antiderivatives of different functions: say False.", uses=["differ_by_constant"])
def test_differ_by_constant_false(differ_by_constant, rng):
    a, k1 = q(rng, 1, 5), q(rng, 0.05, 0.2, 100)
    k2 = k1 + q(rng, 0.01, 0.1, 100)
    cases = (
        (x**2 / 2, x**2 / 2 + a * x, x, f"x**2/2 and x**2/2 + {a} x"),
        (sp.sin(x) ** 2, sp.cos(x) ** 2, x, "sin(x)**2 and cos(x)**2"),
        (sp.exp(-k1 * t), sp.exp(-k2 * t), t, "two decays with different rate constants"),
        (sp.log(xp**2), sp.log(xp), xp, "log(x**2) and log(x)"),
    )
    for F1, F2, var, what in cases:
        verdict = expect_type(differ_by_constant(F1, F2, var), bool, name=f"differ_by_constant for {what}",
                              hint="return a Python bool, e.g. bool(...) of your test")
        check(not verdict, f"{what} do not differ by a constant, but differ_by_constant said True")
