"""Hidden graders for 18.01-lec9 (linear and quadratic approximation). Oracle: sympy's `diff`.

The approximations a learner returns are compared numerically with the trusted tangent line
and tangent parabola at several points around the base point, so any correct form passes (and
a higher-degree polynomial or the function itself does not). Models and base points are drawn
from the seeded `rng` with realistic clinical magnitudes.
"""

import pytest
import sympy as sp

from autograde.checks import assert_close, assert_same_function, expect_number, expect_tuple, expect_type
from autograde.datasets.parameters import exact_rational as q

x = sp.Symbol("x")  # the lecture's variable, near 0
D = sp.Symbol("D", positive=True)  # dose (mg)
t = sp.Symbol("t", positive=True)  # time (h)
Scr = sp.Symbol("Scr", positive=True)  # serum creatinine (mg/dL)
W = sp.Symbol("W", positive=True)  # body weight (kg)


def tangent_polynomial(f, var, a, degree):
    """The trusted tangent line (degree 1) or parabola (degree 2) of f at a."""
    return sum(sp.diff(f, var, k).subs(var, a) / sp.factorial(k) * (var - a) ** k for k in range(degree + 1))


def assert_polynomial(got, f, var, a, degree, spread, name):
    """got equals the degree-1 or degree-2 tangent polynomial of f at a, at five points a + s*spread."""
    points = [{var: a + s * spread} for s in (-1, -sp.Rational(1, 3), 0, sp.Rational(1, 2), 2)]
    assert_same_function(got, tangent_polynomial(f, var, a, degree), points, symbols=(var,), name=name, rtol=1e-8)


def drug_models(rng):
    """(f, variable, base point, spread, description): dose-response, concentration-time and clearance curves."""
    ed50, emax, hill = q(rng, 5, 50, 1), q(rng, 60, 100, 1), int(rng.integers(2, 4))
    ka, ke, dose, vol = q(rng, 0.8, 2, 10), q(rng, 0.05, 0.3, 100), q(rng, 100, 500, 0.1), q(rng, 20, 60, 1)
    age, weight = q(rng, 20, 90, 1), q(rng, 45, 110, 1)
    return (
        (emax * D / (ed50 + D), D, ed50 * q(rng, 0.5, 2, 10), ed50 / 4, "an Emax dose-response curve"),
        (emax * D**hill / (ed50**hill + D**hill), D, ed50 * q(rng, 0.5, 1.5, 10), ed50 / 4, "a sigmoid (Hill) dose-response curve"),
        (dose * ka / (vol * (ka - ke)) * (sp.exp(-ke * t) - sp.exp(-ka * t)), t, q(rng, 2, 12, 2), 1, "an oral-dose concentration curve"),
        ((140 - age) * weight / (72 * Scr), Scr, q(rng, 0.7, 2.5, 10), sp.Rational(1, 5), "Cockcroft-Gault clearance in serum creatinine"),
    )


# --- the approximations themselves ----------------------------------------------------------


@pytest.mark.grade(2, "L(x) = f(a) + f'(a) (x - a): evaluate the derivative at a before multiplying by (x - a).", uses=["linear_approximation"])
def test_linear_approximation_drug_models(linear_approximation, rng):
    for f, var, a, spread, what in drug_models(rng):
        assert_polynomial(linear_approximation(f, var, a), f, var, a, 1, spread, name=f"the linear approximation of {what} at {var} = {a}")


@pytest.mark.grade(1, "The lecture's rules near 0: ln(1 + x) ~ x, (1 + x)**r ~ 1 + r x, and products of them.", uses=["linear_approximation"])
def test_linear_approximation_lecture_rules(linear_approximation, rng):
    r, k = q(rng, -3, 3, 4), q(rng, 1, 4, 2)
    cases = (sp.log(1 + x), (1 + x) ** r, sp.exp(-k * x) / sp.sqrt(1 + x), sp.sin(x))
    for f in cases:
        assert_polynomial(linear_approximation(f, x, 0), f, x, 0, 1, sp.Rational(1, 10), name=f"the linear approximation of {f} near 0")


@pytest.mark.grade(2, "Q(x) adds f''(a)/2 (x - a)**2 to the tangent line: mind the 1/2.", uses=["quadratic_approximation"])
def test_quadratic_approximation_drug_models(quadratic_approximation, rng):
    for f, var, a, spread, what in drug_models(rng):
        assert_polynomial(quadratic_approximation(f, var, a), f, var, a, 2, spread, name=f"the quadratic approximation of {what} at {var} = {a}")


@pytest.mark.grade(1, "Near 0: cos x ~ 1 - x**2/2, e**x ~ 1 + x + x**2/2, ln(1 + x) ~ x - x**2/2.", uses=["quadratic_approximation"])
def test_quadratic_approximation_lecture_rules(quadratic_approximation, rng):
    r, k = q(rng, -3, 3, 4), q(rng, 1, 4, 2)
    cases = (sp.cos(x), sp.exp(k * x), (1 + x) ** r, sp.exp(-k * x) / sp.sqrt(1 + x))
    for f in cases:
        assert_polynomial(quadratic_approximation(f, x, 0), f, x, 0, 2, sp.Rational(1, 10), name=f"the quadratic approximation of {f} near 0")


def parameter_models(rng):
    """(f, variable, base point, symbols, points, description) for curves with symbolic parameters:
    the lecture's (1 + x)**r with r left symbolic, and an Emax curve at its symbolic ED50."""
    r, emax, ed50 = sp.Symbol("r"), sp.Symbol("E_max", positive=True), sp.Symbol("ED_50", positive=True)
    rs, emaxs, ed50s = [q(rng, -3, 3, 4) for _ in range(3)], [q(rng, 60, 100, 1) for _ in range(3)], [q(rng, 5, 50, 1) for _ in range(3)]
    near_zero = [{x: q(rng, -1, 1, 20) / 10, r: value} for value in rs]
    near_ed50 = [{D: b * q(rng, 0.5, 1.5, 20), emax: e, ed50: b} for e, b in zip(emaxs, ed50s)]
    return (
        ((1 + x) ** r, x, 0, (x, r), near_zero, "(1 + x)**r near 0, with r a parameter"),
        (emax * D / (ed50 + D), D, ed50, (D, emax, ed50), near_ed50, "E_max D / (ED_50 + D) at D = ED_50, with E_max and ED_50 parameters"),
    )


@pytest.mark.grade(1, "Other symbols in f are parameters: differentiate with respect to the variable x only, and a may be symbolic.", uses=["linear_approximation"])
def test_linear_approximation_with_parameters(linear_approximation, rng):
    for f, var, a, symbols, point, what in parameter_models(rng):
        name = f"the linear approximation of {what}"
        assert_same_function(linear_approximation(f, var, a), tangent_polynomial(f, var, a, 1), point, symbols=symbols, name=name)


@pytest.mark.grade(1, "Other symbols in f are parameters: differentiate twice with respect to the variable x only, and a may be symbolic.", uses=["quadratic_approximation"])
def test_quadratic_approximation_with_parameters(quadratic_approximation, rng):
    for f, var, a, symbols, point, what in parameter_models(rng):
        name = f"the quadratic approximation of {what}"
        assert_same_function(quadratic_approximation(f, var, a), tangent_polynomial(f, var, a, 2), point, symbols=symbols, name=name)


# --- errors, propagated changes ---------------------------------------------------------------


def close(got, want, name, scale):
    """got is a Python float within 1e-7 relative of want, or within 1e-9 of the model's own scale."""
    expect_type(got, float, name=name, hint="convert the sympy number with float(...)")
    assert_close(got, float(want), name=name, rtol=1e-7, atol=1e-9 * (1 + abs(float(scale))))


@pytest.mark.grade(2, "Both errors are f(x1) minus the approximation at x1 (true value minus predicted), as floats.", uses=["approximation_errors"])
def test_approximation_errors(approximation_errors, rng):
    for f, var, a, spread, what in drug_models(rng):
        x1 = a + q(rng, -1, 1, 20) * spread
        name = f"the errors of the approximations of {what} at {var} = {a}, used at {var} = {x1}"
        linear_error, quadratic_error = expect_tuple(approximation_errors(f, var, a, x1), name=name, length=2)
        exact = sp.N(f.subs(var, x1), 30)
        close(linear_error, exact - sp.N(tangent_polynomial(f, var, a, 1).subs(var, x1), 30), f"the linear error of {what}", exact)
        close(quadratic_error, exact - sp.N(tangent_polynomial(f, var, a, 2).subs(var, x1), 30), f"the quadratic error of {what}", exact)


@pytest.mark.grade(2, "The change in f is about f'(a) dx: the slope at the measured value times the error in it, not f(a + dx) - f(a).", uses=["propagated_change"])
def test_propagated_change(propagated_change, rng):
    height = q(rng, 150, 195, 1)
    cases = list(drug_models(rng)) + [(sp.sqrt(height * W / 3600), W, q(rng, 45, 110, 1), 2, "Mosteller body-surface area in weight")]
    for f, var, a, spread, what in cases:
        dx = q(rng, -1, 1, 20) * spread
        want = sp.diff(f, var).subs(var, a) * dx
        close(propagated_change(f, var, a, dx), sp.N(want, 30), f"the estimated change of {what} when {var} moves from {a} by {dx}", f.subs(var, a))


@pytest.mark.grade(1, "The error of the tangent line is about f''(a) h**2 / 2: negative where the curve bends down.", uses=["linear_error_estimate"])
def test_linear_error_estimate(linear_error_estimate, rng):
    for f, var, a, spread, what in drug_models(rng):
        h = q(rng, -1, 1, 20) * spread
        want = sp.diff(f, var, 2).subs(var, a) * h**2 / 2
        close(linear_error_estimate(f, var, a, h), sp.N(want, 30), f"the estimated error of the tangent line to {what} at {var} = {a} for a step {h}", f.subs(var, a))


# --- the Emax model -------------------------------------------------------------------------


def expect_triple(value, name):
    exact, linear, quadratic = expect_tuple(value, name=f"{name} (exact, linear, quadratic)", length=3)
    values = ((exact, "exact"), (linear, "linear"), (quadratic, "quadratic"))
    for v, which in values:
        expect_type(v, float, name=f"the {which} effect for {name}", hint="convert the sympy number with float(...)")
    return [expect_number(v, name=f"the {which} effect for {name}") for v, which in values]


def emax_oracle(emax, ed50, dose, new_dose):
    effect = emax * D / (ed50 + D)
    return [float(sp.N(effect.subs(D, new_dose), 30))] + [
        float(sp.N(tangent_polynomial(effect, D, dose, degree).subs(D, new_dose), 30)) for degree in (1, 2)
    ]


@pytest.mark.grade(2, "Take the approximations at the current dose and evaluate them at the new dose (doses may be ints).", uses=["effect_near_dose"])
def test_effect_near_dose(effect_near_dose, rng):
    for case in range(4):
        emax, ed50 = float(q(rng, 60, 100, 1)), float(q(rng, 5, 50, 1))
        dose = float(ed50 * q(rng, 0.3, 2, 10))
        new_dose = dose * float(q(rng, 0.6, 1.4, 20))
        if case == 0:  # whole numbers, as in the example
            emax, ed50, dose, new_dose = int(emax), int(ed50), int(dose), int(new_dose)
        name = f"Emax = {emax:g} %, ED50 = {ed50:g} mg, from {dose:g} mg to {new_dose:g} mg"
        for got, want, which in zip(expect_triple(effect_near_dose(emax, ed50, dose, new_dose), name), emax_oracle(emax, ed50, dose, new_dose), ("exact", "linear", "quadratic")):
            assert_close(got, want, name=f"the {which} effect for {name}", rtol=1e-9, atol=1e-9)


@pytest.mark.grade(1, "Starting from no drug (dose 0) the tangent line has slope Emax/ED50; at the same dose all three agree.", uses=["effect_near_dose"])
def test_effect_near_dose_edge_doses(effect_near_dose, rng):
    emax, ed50 = float(q(rng, 60, 100, 1)), float(q(rng, 5, 50, 1))
    for dose, new_dose in ((0.0, float(ed50 * q(rng, 0.05, 0.3, 100))), (ed50 * 1.5, ed50 * 1.5)):
        name = f"Emax = {emax:g} %, ED50 = {ed50:g} mg, from {dose:g} mg to {new_dose:g} mg"
        for got, want, which in zip(expect_triple(effect_near_dose(emax, ed50, dose, new_dose), name), emax_oracle(emax, ed50, dose, new_dose), ("exact", "linear", "quadratic")):
            assert_close(got, want, name=f"the {which} effect for {name}", rtol=1e-9, atol=1e-9)
