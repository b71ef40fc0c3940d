"""Hidden graders for 18.01-lec5 (implicit differentiation and inverses). Oracle: sympy's diff.

Answers about a curve F(x, y) = 0 may be simplified with the curve's own equation (-x/y and
-(25 - y**2)/(x y) are both right on the circle), so they are compared numerically at points
of the curve, not symbolically everywhere. The points are found by numpy's polynomial roots or
from a curve's explicit branch. An inverse g of f is checked where its answer is known exactly:
g(f(x*)) = x* and g'(f(x*)) = 1 / f'(x*) for sample points x* of the interval.
The variables of the inverted curves are plain symbols (no assumptions), so sympy.solve returns every branch.
"""

import numpy as np
import pytest
import sympy as sp

from autograde.checks import assert_same_function, assert_same_number, expect_raises
from autograde.datasets.parameters import exact_rational as q

x, y = sp.symbols("x y")  # generic curve variables, no assumptions
a, b = sp.symbols("a b", positive=True)  # doses (mg) of two drugs in a combination
H, W = sp.symbols("H W", positive=True)  # height (cm) and weight (kg)
C = sp.Symbol("C")  # concentration (mg/L or ng/mL): plain, so solve returns every root
S = sp.Symbol("S")  # assay signal


# --- curves and their points --------------------------------------------------------------


def polynomial_points(F, rng, n_x, min_fy=0.3):
    """Points (x, y) of the polynomial curve F = 0 above n_x random x in [-2, 2] (more if needed for 3),
    where the curve is a graph (|F_y| large)."""
    Fy = sp.diff(F, y)
    points, tried = [], 0
    while tried < n_x or (len(points) < 3 and tried < 40):
        xv = round(float(rng.uniform(-2, 2)), 2)
        tried += 1
        coeffs = [float(c) for c in sp.Poly(F.subs(x, xv), y).all_coeffs()]
        for root in np.roots(coeffs):
            if abs(root.imag) < 1e-9 and abs(float(Fy.subs({x: xv, y: root.real}))) > min_fy:
                points.append({x: xv, y: float(root.real)})
    assert len(points) >= 3, "grader invariant: the curve has points where it is a graph"
    return points


def random_cubic_curve(rng):
    """x**3, y**3, xy, x**2, y**2, x, y, 1 with small integer coefficients; y**3 present, so every x has a point."""
    terms = (x**3, x * y, x**2, y**2, x, y, 1)
    coeffs = [int(c) for c in rng.integers(-4, 5, size=len(terms))]
    return int(rng.choice([-2, -1, 1, 2])) * y**3 + sum(c * t for c, t in zip(coeffs, terms))


def lecture_curves(rng):
    r = int(rng.integers(3, 12))
    return (
        (x**2 + y**2 - r**2, f"the circle x**2 + y**2 = {r**2}"),
        (y**4 + x * y**2 - 2, "the curve y**4 + x y**2 = 2"),
        (random_cubic_curve(rng), "a cubic curve"),
    )


def isobole(A, B, alpha, da=a, db=b):
    """The interaction isobole a/A + b/B + alpha a b/(A B) - 1 (Greco's model), in doses da and db."""
    return da / A + db / B + alpha * da * db / (A * B) - 1


def partner_dose(A, B, alpha, dose_a):
    """The dose of drug B on the isobole with dose_a of drug A (the isobole solved for b)."""
    return B * (A - dose_a) / (A + alpha * dose_a)


_A, _B, _alpha = sp.symbols("A B alpha", positive=True)
assert sp.cancel(isobole(_A, _B, _alpha).subs(b, partner_dose(_A, _B, _alpha, a))) == 0, "grader invariant: b solves the isobole"


def isobole_parameters(rng, synergy=True):
    A, B = q(rng, 100, 400, 1), q(rng, 2, 20, 2)
    alpha = q(rng, 0.5, 3, 10) if synergy else -q(rng, 0.1, 0.6, 10)
    return A, B, alpha


def isobole_points(A, B, alpha, n=4):
    doses = [A * sp.Rational(k, n + 1) for k in range(1, n + 1)]
    return [{a: da, b: partner_dose(A, B, alpha, da)} for da in doses]


# --- implicit differentiation ---------------------------------------------------------------


@pytest.mark.grade(2, "Differentiate F(x, y(x)) = 0 with the chain rule: F_x + F_y y' = 0, then solve for y'.", uses=["implicit_derivative"])
def test_implicit_derivative_lecture_curves(implicit_derivative, rng):
    for F, what in lecture_curves(rng):
        points = polynomial_points(F, rng, 4)
        want = -sp.diff(F, x) / sp.diff(F, y)
        assert_same_function(implicit_derivative(F, x, y), want, points, symbols=(x, y), name=f"dy/dx on {what}", rtol=1e-7)


@pytest.mark.grade(1, "The variables need not be called x and y: differentiate with respect to the symbols you are given.", uses=["implicit_derivative"])
def test_implicit_derivative_isobole(implicit_derivative, rng):
    A, B, alpha = isobole_parameters(rng)
    F = isobole(A, B, alpha)
    points = isobole_points(A, B, alpha)
    want = -sp.diff(F, a) / sp.diff(F, b)
    assert_same_function(implicit_derivative(F, a, b), want, points, symbols=(a, b), name="db/da along a drug-combination isobole", rtol=1e-7)


@pytest.mark.grade(1, "Other symbols in F are constants: hold them fixed and differentiate with respect to the two variables you are given.", uses=["implicit_derivative"])
def test_implicit_derivative_symbolic_constants(implicit_derivative, rng):
    A, B, alpha = sp.symbols("A B alpha", positive=True)
    F = isobole(A, B, alpha)
    points = []
    for _ in range(3):
        dose_alone, partner_alone, interaction = q(rng, 100, 400, 1), q(rng, 2, 20, 2), q(rng, 0.1, 3, 10)
        da = q(rng, 0.1, 0.9, 10) * dose_alone
        values = {A: dose_alone, B: partner_alone, alpha: interaction, a: da, b: partner_dose(dose_alone, partner_alone, interaction, da)}
        points.append({s: float(v) for s, v in values.items()})
    want = -sp.diff(F, a) / sp.diff(F, b)
    assert_same_function(implicit_derivative(F, a, b), want, points, symbols=(a, b, A, B, alpha), name="db/da along an isobole with symbolic A, B and alpha", rtol=1e-7)


@pytest.mark.grade(1, "Powers and fractions of x and y are differentiated the same way: treat y as y(x) everywhere it appears.", uses=["implicit_derivative"])
def test_implicit_derivative_transcendental(implicit_derivative, rng):
    # DuBois body-surface area 0.007184 W^0.425 H^0.725 (m^2): patients with the same BSA (same chemo dose)
    bsa = q(rng, 1.5, 2.1, 20)
    F = sp.Rational(7184, 10**6) * W ** sp.Rational(17, 40) * H ** sp.Rational(29, 40) - bsa
    heights = [q(rng, 150, 195, 1) for _ in range(3)]
    points = [{H: h, W: (bsa / (sp.Rational(7184, 10**6) * h ** sp.Rational(29, 40))) ** sp.Rational(40, 17)} for h in heights]
    want = -sp.diff(F, H) / sp.diff(F, W)
    assert_same_function(implicit_derivative(F, H, W), want, points, symbols=(H, W), name=f"dW/dH at constant body-surface area {bsa} m^2", rtol=1e-7)

    # Bliss independence: the fractions of patients *not* responding multiply, 1 - E = (EA/(a+EA)) (EB/(b+EB))
    ea, eb, effect = q(rng, 50, 200, 1), q(rng, 2, 10, 2), q(rng, 0.5, 0.8, 20)
    F = ea / (a + ea) * eb / (b + eb) - (1 - effect)
    doses = [q(rng, 0, float(ea * (1 / (1 - effect) - 1)) * 0.9, 1) for _ in range(3)]
    points = [{a: da, b: eb * (ea / ((1 - effect) * (da + ea)) - 1)} for da in doses]
    want = -sp.diff(F, a) / sp.diff(F, b)
    assert_same_function(implicit_derivative(F, a, b), want, points, symbols=(a, b), name="db/da along a Bliss iso-effect curve", rtol=1e-7)


# --- tangent lines --------------------------------------------------------------------------


def assert_line(line, var, x0, y0, slope, name):
    """line is y0 + slope (var - x0): a sympy expression in var only, checked at three values of var."""
    points = [{var: x0 + d} for d in (-2, sp.Rational(1, 3), 5)]
    assert_same_function(line, [complex(y0 + slope * (p[var] - x0)) for p in points], points, symbols=(var,), name=name, rtol=1e-7)


@pytest.mark.grade(2, "The tangent at (x0, y0) is y0 + m (x - x0), with m the implicit slope evaluated at that point.", uses=["tangent_line"])
def test_tangent_line(tangent_line, rng):
    triple = [(3, 4, 5), (5, 12, 13), (8, 15, 17), (7, 24, 25)][int(rng.integers(0, 4))]
    scale = int(rng.integers(1, 4))
    px, py, r = (scale * v for v in triple)
    px, py = px * int(rng.choice([-1, 1])), py * int(rng.choice([-1, 1]))
    F = x**2 + y**2 - r**2
    slope = (-sp.diff(F, x) / sp.diff(F, y)).subs({x: px, y: py})
    assert_line(tangent_line(F, x, y, px, py), x, px, py, slope, name=f"the tangent to the circle of radius {r} at ({px}, {py})")

    A, B, alpha = isobole_parameters(rng, synergy=bool(rng.integers(0, 2)))
    F = isobole(A, B, alpha)
    da = q(rng, 0.1, 0.9, 10) * A
    db = partner_dose(A, B, alpha, da)
    slope = (-sp.diff(F, a) / sp.diff(F, b)).subs({a: da, b: db})
    assert_line(tangent_line(F, a, b, da, db), a, da, db, slope, name=f"the tangent to an isobole at a = {da} mg")


@pytest.mark.grade(1, "Check that the point is on the curve (F(x0, y0) = 0) before computing a tangent; raise ValueError if not.", uses=["tangent_line"])
def test_tangent_line_point_off_curve(tangent_line, rng):
    r = int(rng.integers(3, 12))
    expect_raises(lambda: tangent_line(x**2 + y**2 - r**2, x, y, 0, r + 1), ValueError, what=f"a point outside the circle of radius {r}")
    A, B, alpha = isobole_parameters(rng)
    da = q(rng, 0.1, 0.9, 10) * A
    db = partner_dose(A, B, alpha, da) + q(rng, 0.5, 2, 10)
    expect_raises(lambda: tangent_line(isobole(A, B, alpha), a, b, da, db), ValueError, what="a dose combination that is not on the isobole")


@pytest.mark.grade(1, "Where F_y = 0 the tangent is vertical (no slope): raise ValueError instead of dividing by zero.", uses=["tangent_line"])
def test_tangent_line_vertical(tangent_line, rng):
    r = int(rng.integers(3, 12))
    side = int(rng.choice([-1, 1]))
    expect_raises(lambda: tangent_line(x**2 + y**2 - r**2, x, y, side * r, 0), ValueError, what=f"the point ({side * r}, 0) of the circle")
    p, s = int(rng.integers(2, 6)), int(rng.integers(2, 6))
    expect_raises(lambda: tangent_line(x**2 / p**2 + y**2 / s**2 - 1, x, y, p, 0), ValueError, what=f"the point ({p}, 0) of an ellipse")


# --- second derivative ----------------------------------------------------------------------


def second_derivative_oracle(F, u, v):
    """The textbook formula v'' = -(F_uu F_v^2 - 2 F_uv F_u F_v + F_vv F_u^2) / F_v^3 (sympy.idiff agrees,
    but is ten times slower)."""
    Fu, Fv = sp.diff(F, u), sp.diff(F, v)
    return -(sp.diff(F, u, 2) * Fv**2 - 2 * sp.diff(F, u, v) * Fu * Fv + sp.diff(F, v, 2) * Fu**2) / Fv**3


@pytest.mark.grade(2, "Differentiate y' = -F_x/F_y once more with respect to x; every y in it is y(x), so it brings a factor y'.", uses=["second_implicit_derivative"])
def test_second_implicit_derivative(second_implicit_derivative, rng):
    for F, what in lecture_curves(rng):
        points = polynomial_points(F, rng, 3)
        want = second_derivative_oracle(F, x, y)
        assert_same_function(second_implicit_derivative(F, x, y), want, points, symbols=(x, y), name=f"d2y/dx2 on {what}", rtol=1e-7)


@pytest.mark.grade(1, "An isobole's concavity: the same second derivative, with the dose symbols you are given.", uses=["second_implicit_derivative"])
def test_second_implicit_derivative_isobole(second_implicit_derivative, rng):
    A, B, alpha = isobole_parameters(rng)
    F = isobole(A, B, alpha)
    points = isobole_points(A, B, alpha, n=3)
    want = second_derivative_oracle(F, a, b)
    assert_same_function(second_implicit_derivative(F, a, b), want, points, symbols=(a, b), name="d2b/da2 along an isobole", rtol=1e-7)


# --- the isobole's exchange rate ------------------------------------------------------------


def exchange_rate_oracle(A, B, alpha, dose_a):
    """d/da of the isobole solved for b, at dose_a (explicit differentiation)."""
    return sp.diff(partner_dose(A, B, alpha, a), a).subs(a, dose_a)


@pytest.mark.grade(2, "First find the partner dose b on the isobole for the given a (the interaction term matters), then the slope there.", uses=["isobole_dose_exchange"])
def test_isobole_dose_exchange_interaction(isobole_dose_exchange, rng):
    for synergy in (True, False):
        A, B, alpha = isobole_parameters(rng, synergy=synergy)
        kind = "synergistic" if synergy else "antagonistic"
        for fraction in (q(rng, 0.05, 0.45, 100), q(rng, 0.55, 0.95, 100)):
            da = fraction * A
            name = f"db/da for a {kind} pair (A = {A} mg, B = {B} mg, alpha = {alpha}) at a = {da} mg"
            assert_same_number(isobole_dose_exchange(A, B, alpha, da), exchange_rate_oracle(A, B, alpha, da), name=name)


@pytest.mark.grade(1, "With alpha = 0 (Loewe additivity) the isobole is the straight line a/A + b/B = 1.", uses=["isobole_dose_exchange"])
def test_isobole_dose_exchange_additive(isobole_dose_exchange, rng):
    A, B, _ = isobole_parameters(rng)
    for fraction in (0, q(rng, 0.1, 0.9, 100)):
        name = f"db/da for an additive pair (A = {A} mg, B = {B} mg) at a = {fraction * A} mg"
        assert_same_number(isobole_dose_exchange(A, B, 0, fraction * A), exchange_rate_oracle(A, B, 0, fraction * A), name=name)


@pytest.mark.grade(1, "Keep A, B, alpha and a symbolic when they are symbols: the answer is then an expression in them.", uses=["isobole_dose_exchange"])
def test_isobole_dose_exchange_symbolic(isobole_dose_exchange, rng):
    A, B, alpha, dose = sp.symbols("A B alpha a", positive=True)
    got = isobole_dose_exchange(A, B, alpha, dose)
    want = exchange_rate_oracle(A, B, alpha, dose)
    points = []
    for _ in range(4):
        dose_alone = float(q(rng, 100, 400, 1))
        points.append({A: dose_alone, B: float(q(rng, 2, 20, 2)), alpha: float(q(rng, 0.1, 3, 10)), dose: dose_alone * float(rng.uniform(0.05, 0.95))})
    assert_same_function(got, want, points, symbols=(A, B, alpha, dose), name="db/da for symbolic A, B, alpha, a", rtol=1e-7)


# --- inverse functions ----------------------------------------------------------------------


def interior(rng, lo, hi, n=3):
    """n exact sample points strictly inside (lo, hi), spread over it."""
    cuts = sorted(float(v) for v in rng.uniform(0.08, 0.92, size=n))
    return [lo + sp.Rational(round(c * 1000), 1000) * (hi - lo) for c in cuts]


def check_inverse(inverse_function, f, var, x_range, rng, name):
    got = inverse_function(f, var, S, x_range)
    samples = interior(rng, *x_range)
    points = [{S: sp.N(f.subs(var, xs), 30)} for xs in samples]
    assert_same_function(got, [complex(sp.N(xs)) for xs in samples], points, symbols=(S,), name=name)


def check_inverse_derivative(inverse_derivative, f, var, x_range, rng, name):
    got = inverse_derivative(f, var, S, x_range)
    samples = interior(rng, *x_range)
    points = [{S: sp.N(f.subs(var, xs), 30)} for xs in samples]
    slope = sp.diff(f, var)
    assert_same_function(got, [complex(sp.N(1 / slope.subs(var, xs))) for xs in samples], points, symbols=(S,), name=name)


def emax_models(rng):
    """Emax models (effect in %, C in mg/L) with Hill coefficients 1, 2, 3, on (0, 10 EC50)."""
    models = []
    for n in (1, 2, 3):
        ec50 = int(rng.integers(2, 21))
        emax = int(rng.integers(60, 101))
        models.append((emax * C**n / (ec50**n + C**n), (0, 10 * ec50), f"the Emax model with Hill coefficient {n}"))
    return models


@pytest.mark.grade(2, "Solve f(x) = y for x; of sympy's candidates keep the one that sends f(x) back to x inside x_range.", uses=["inverse_function"])
def test_inverse_function_emax(inverse_function, rng):
    for f, x_range, what in emax_models(rng):
        check_inverse(inverse_function, f, C, x_range, rng, name=f"the inverse of {what}")


@pytest.mark.grade(2, "A parabola has two inverse branches; the interval decides which one (e.g. the high-dose hook of an immunoassay).", uses=["inverse_function"])
def test_inverse_function_picks_branch(inverse_function, rng):
    # quadratic calibration S = s0 + k1 C - k2 C^2, rising up to its vertex C = k1/(2 k2), falling after (hook effect)
    s0, k1, k2 = q(rng, 0.02, 0.1, 100), q(rng, 0.1, 0.3, 100), q(rng, 0.001, 0.004, 1000)
    f, vertex = s0 + k1 * C - k2 * C**2, k1 / (2 * k2)
    check_inverse(inverse_function, f, C, (0, vertex), rng, name="the inverse of a quadratic calibration below its vertex")
    check_inverse(inverse_function, f, C, (vertex, 2 * vertex), rng, name="the inverse of a quadratic calibration past its vertex (hook)")


@pytest.mark.grade(1, "Choose the candidate by where it sends values of the interval you are given, however narrow and far from 0 it is.", uses=["inverse_function"])
def test_inverse_function_narrow_interval(inverse_function, rng):
    # the same hook-shaped calibration, read only on a narrow stretch on either side of its vertex
    s0, k1, k2 = q(rng, 0.02, 0.1, 100), q(rng, 0.1, 0.3, 100), q(rng, 0.001, 0.004, 1000)
    f, vertex = s0 + k1 * C - k2 * C**2, k1 / (2 * k2)
    width = vertex * q(rng, 0.02, 0.06, 100)
    check_inverse(inverse_function, f, C, (vertex - width, vertex), rng, name="the inverse of a quadratic calibration just below its vertex")
    check_inverse(inverse_function, f, C, (vertex, vertex + width), rng, name="the inverse of a quadratic calibration just past its vertex")


@pytest.mark.grade(1, "A cubic has three roots; keep the real one inside x_range (a real root written with I evaluates with a tiny imaginary part).", uses=["inverse_function"])
def test_inverse_function_cubic_pieces(inverse_function, rng):
    # a cubic calibration fit, one-to-one only between its turning points p < r: rising, falling, rising again
    p = int(rng.integers(2, 8))
    r = p + int(rng.integers(2, 8))
    s0, k = q(rng, 0.02, 0.1, 100), q(rng, 0.001, 0.01, 1000)
    f = s0 + k * (C**3 / 3 - sp.Rational(p + r, 2) * C**2 + p * r * C)
    for x_range, what in (((0, p), "before its first turning point"), ((p, r), "between its turning points"), ((r, 2 * r), "past its second turning point")):
        check_inverse(inverse_function, f, C, x_range, rng, name=f"the inverse of a cubic calibration {what}")


@pytest.mark.grade(1, "Decreasing curves invert too: a competitive immunoassay's signal falls as the concentration rises.", uses=["inverse_function"])
def test_inverse_function_decreasing_and_log(inverse_function, rng):
    top, bottom, ic50 = q(rng, 1.5, 2.5, 10), q(rng, 0.02, 0.1, 100), q(rng, 5, 20, 1)
    four_pl = bottom + (top - bottom) / (1 + (C / ic50) ** 2)
    check_inverse(inverse_function, four_pl, C, (0, 20 * ic50), rng, name="the inverse of a falling four-parameter logistic")
    log_linear = q(rng, 0.1, 1, 10) + q(rng, 0.2, 1.5, 10) * sp.log(C)
    check_inverse(inverse_function, log_linear, C, (1, 200), rng, name="the inverse of a log-linear calibration")


@pytest.mark.grade(2, "g'(y) = 1 / f'(g(y)): take f' at the matching concentration x = g(y), not at y itself.", uses=["inverse_derivative"])
def test_inverse_derivative_calibration(inverse_derivative, rng):
    f, x_range, what = emax_models(rng)[int(rng.integers(1, 3))]
    check_inverse_derivative(inverse_derivative, f, C, x_range, rng, name=f"the derivative of the inverse of {what}")
    top, bottom, ic50 = q(rng, 1.5, 2.5, 10), q(rng, 0.02, 0.1, 100), q(rng, 5, 20, 1)
    four_pl = bottom + (top - bottom) / (1 + (C / ic50) ** 2)
    check_inverse_derivative(inverse_derivative, four_pl, C, (0, 20 * ic50), rng, name="the derivative of the inverse of a falling four-parameter logistic")


@pytest.mark.grade(1, "As in the lecture: arcsin' = 1/sqrt(1 - y^2) comes from 1 / f'(g(y)), with g the branch that lives on x_range.", uses=["inverse_derivative"])
def test_inverse_derivative_trig(inverse_derivative, rng):
    half = sp.pi / 2
    check_inverse_derivative(inverse_derivative, sp.sin(C), C, (-half, half), rng, name="the derivative of arcsin")
    check_inverse_derivative(inverse_derivative, sp.cos(C), C, (0, sp.pi), rng, name="the derivative of arccos")
