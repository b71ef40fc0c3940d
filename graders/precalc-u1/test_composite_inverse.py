"""Hidden graders for precalc-u1 (composite and inverse functions).

Oracles: the definitions themselves, evaluated by trusted code here: a composite is checked
against outer.subs(x, inner); an inverse g of f is checked by composing back (g(f(x)) = x) or
against the inverse known by construction; a numeric inverse (a dose, a concentration, a time)
is checked by feeding it through the forward model, which must give back the target. Polynomials
for the invertibility tests are built from their derivative, so their turning points are known
exactly. Parameters are drawn from the seeded `rng` in realistic clinical ranges.

The tests that run sympy.solve / sympy.simplify allow 20 s instead of 10: they take well under
a second, but a validation once lost points to a timeout on a machine loaded twenty-fold.
"""

import math

import pytest
import sympy as sp

from autograde.checks import (
    assert_close,
    assert_equivalent,
    check,
    expect_bool,
    expect_expr,
    expect_number,
    expect_raises,
    expect_set,
)
from autograde.datasets.parameters import exact_rational as q, nonzero_int

x = sp.Symbol("x", positive=True)  # a positive quantity: dose, weight, concentration
y = sp.Symbol("y", positive=True)  # a positive output, the inverse's variable
xr = sp.Symbol("x", real=True)  # the whole real line
xp = sp.Symbol("x")  # a plain variable for polynomials
D, V, k, Emax, EC50, Vmax, Km, C0 = sp.symbols("D V k Emax EC50 Vmax Km C0", positive=True)
h, w, age = sp.symbols("h w age", positive=True)  # height, weight and age in clinical formulas


def random_poly(rng, degree, var=x):
    coeffs = [nonzero_int(rng, -5, 5)] + [int(rng.integers(-5, 6)) for _ in range(degree)]
    return sum(c * var ** (degree - i) for i, c in enumerate(coeffs))


def poly_with_turning_points(rng, count, flat=0):
    """A polynomial whose derivative is c * prod (x - r)**m: `count` simple roots r (turning points)
    and `flat` double roots (f' touches 0 without changing sign). Returns (f, turning, flat_points)."""
    roots = sorted(int(r) for r in rng.choice(range(-9, 10), size=count + flat, replace=False))
    flat_points = sorted(int(r) for r in rng.choice(roots, size=flat, replace=False)) if flat else []
    derivative = nonzero_int(rng, -3, 3) * sp.Mul(*[(xp - r) ** (2 if r in flat_points else 1) for r in roots])
    f = sp.expand(sp.integrate(derivative, xp)) + int(rng.integers(-20, 21))
    turning = [r for r in roots if r not in flat_points]
    return f, turning, flat_points


# --- composition -------------------------------------------------------------------------------


@pytest.mark.grade(2, "outer(inner(x)): substitute the whole inner expression for x inside outer; the order matters.", uses=["compose"])
def test_compose(compose, rng):
    cases = [
        # effect (Emax model) of a concentration, concentration of a dose: effect(concentration(dose))
        (Emax * x / (EC50 + x), x / V, "effect(concentration(dose))"),
        # concentration of a weight-based dose: dose = q mg/kg * weight
        (x / q(rng, 20, 60, 1), q(rng, 5, 15, 1) * x, "concentration(dose(weight))"),
    ]
    for _ in range(2):
        cases.append((random_poly(rng, 2), random_poly(rng, 1) + q(rng, 1, 5, 2) * x**2, "two random polynomials"))
    for outer, inner, what in cases:
        got = compose(outer, inner, x)
        assert_equivalent(got, outer.subs(x, inner), name=f"compose for {what}")


@pytest.mark.grade(2, "First the concentration C(t) = dose/volume * exp(-k t), then the Emax model of C.", uses=["effect_over_time"])
def test_effect_over_time(effect_over_time, rng):
    t = sp.Symbol("t", positive=True)
    got = effect_over_time(D, V, k, Emax, EC50, t)
    c = D / V * sp.exp(-k * t)
    assert_equivalent(got, Emax * c / (EC50 + c), name="effect_over_time with symbolic parameters")
    dose, vol, ke, emax, ec50 = q(rng, 100, 1000, 0.1), q(rng, 20, 60, 1), q(rng, 0.05, 0.5, 100), q(rng, 10, 40, 1), q(rng, 1, 8, 2)
    got = effect_over_time(dose, vol, ke, emax, ec50, t)
    c = dose / vol * sp.exp(-ke * t)
    assert_equivalent(got, emax * c / (ec50 + c), name=f"effect_over_time for a {dose} mg bolus into {vol} L")


# --- inverse functions -------------------------------------------------------------------------


@pytest.mark.grade(2, "Solve y = f(x) for x (sympy.solve); the inverse is not the reciprocal 1/f.", timeout=20, uses=["inverse_function"])
@pytest.mark.parametrize(
    "f, want, what",
    [
        (Km * x / (Vmax - x), Vmax * y / (Km + y), "phenytoin's level from its daily dose"),
        (C0 * sp.exp(-k * x), sp.log(C0 / y) / k, "a decaying concentration (time from a level)"),
        (Emax * x / (EC50 + x), EC50 * y / (Emax - y), "the Emax effect of a concentration"),
        (sp.sqrt(h * x / 3600), 3600 * y**2 / h, "Mosteller's body surface area from the weight"),
        ((140 - age) * w / (72 * x), (140 - age) * w / (72 * y), "Cockcroft-Gault clearance from the creatinine"),
    ],
    ids=["phenytoin", "decay", "emax", "mosteller", "cockcroft-gault"],
)
def test_inverse_function_clinical_models(inverse_function, f, want, what):
    assert_equivalent(inverse_function(f, x, y), want, name=f"the inverse of {what}")


@pytest.mark.grade(1, "Numeric parameters too: the inverse of a linear calibration divides by the slope after removing the offset.", timeout=20, uses=["inverse_function"])
def test_inverse_function_numeric_models(inverse_function, rng):
    slope, offset = q(rng, 0.8, 1.3, 100), q(rng, -15, 15, 1)  # reading (mg/dL) = slope * glucose + offset
    cases = [
        (slope * x + offset, (y - offset) / slope, "a linear glucose-meter calibration"),
        (-sp.log(x, 10), 10 ** (-y), "pH from the hydrogen-ion concentration"),
        # a level (mg/L) decaying with a whole-hour time constant (sympy.solve is very slow for
        # some rational rates such as 7/25, so the grader avoids them)
        (int(rng.integers(5, 21)) * sp.exp(-x / int(rng.integers(2, 9))), None, "a numeric decay curve"),
    ]
    for f, want, what in cases:
        got = inverse_function(f, x, y)
        if want is None:  # check by composition: g(f(x)) = x
            got = expect_expr(got, name=f"the inverse of {what}", symbols=(y,))
            assert_equivalent(got.subs(y, f), x, name=f"the inverse of {what}, composed with the curve")
        else:
            assert_equivalent(got, want, name=f"the inverse of {what}")


@pytest.mark.grade(1, "Not exactly one solution, no inverse: a U-shaped curve gives two, a meter stuck at one reading gives none; raise ValueError.", uses=["inverse_function"])
def test_inverse_function_rejects_non_one_to_one(inverse_function, rng):
    nadir, width = int(rng.integers(22, 28)), int(rng.integers(8, 15))
    u_shaped = (xr - nadir) ** 2 / width**2 + 1  # mortality risk against BMI
    expect_raises(lambda: inverse_function(u_shaped, xr, y), ValueError, what="inverse_function of a U-shaped curve on the real line")
    stuck = sp.Integer(int(rng.integers(80, 120)))  # a glucose meter that shows the same reading whatever the level
    expect_raises(lambda: inverse_function(stuck, x, y), ValueError, what="inverse_function of a constant (no solution for x)")


# --- verifying inverses by composition -------------------------------------------------------


def call_are_inverses(fn, f, g, var, what):
    return expect_bool(fn(f, g, var), name=f"are_inverses for {what}")


@pytest.mark.grade(1, "Compose both ways and simplify: each composite must reduce to x.", timeout=20, uses=["are_inverses"])
def test_are_inverses_true_pairs(are_inverses, rng):
    slope, offset = q(rng, 0.8, 1.3, 100), q(rng, 1, 15, 1)
    cases = [
        (slope * x + offset, (x - offset) / slope, "a linear calibration and its inverse"),
        (Km * x / (Vmax - x), Vmax * x / (Km + x), "phenytoin's level-from-dose and dose-from-level"),
        (x**2, sp.sqrt(x), "x**2 and sqrt(x) for x > 0"),
        (C0 * sp.exp(-k * x), sp.log(C0 / x) / k, "a decay curve and its time-from-level"),
    ]
    for f, g, what in cases:
        check(call_are_inverses(are_inverses, f, g, x, what), f"{what} are inverses, but are_inverses said False")


@pytest.mark.grade(1, "The reciprocal 1/f is not the inverse, and a sign slip in undoing the offset breaks it too.", timeout=20, uses=["are_inverses"])
def test_are_inverses_rejects_non_inverses(are_inverses, rng):
    slope, offset = q(rng, 0.8, 1.3, 100), q(rng, 1, 15, 1)
    cases = [
        (slope * x + offset, 1 / (slope * x + offset), "a calibration and its reciprocal"),
        (slope * x + offset, (x + offset) / slope, "a calibration and a wrong-sign undo"),
        (Emax * x / (EC50 + x), (EC50 + x) / (Emax * x), "the Emax model and its reciprocal"),
    ]
    for f, g, what in cases:
        check(not call_are_inverses(are_inverses, f, g, x, what), f"{what} are not inverses, but are_inverses said True")


@pytest.mark.grade(2, "One composition reducing to x is not enough: check f(g(x)) AND g(f(x)) (sqrt(x**2) = |x| on the real line).", timeout=20, uses=["are_inverses"])
def test_are_inverses_checks_both_directions(are_inverses, rng):
    shift = int(rng.integers(1, 10))
    pairs = [
        (xr**2, sp.sqrt(xr), "x**2 and sqrt(x) on the real line"),
        (xr**2 + shift, sp.sqrt(xr - shift), f"x**2 + {shift} and sqrt(x - {shift}) on the real line"),
    ]
    for f, g, what in pairs:
        for first, second in ((f, g), (g, f)):  # each order: only one of the two composites is x
            check(
                not call_are_inverses(are_inverses, first, second, xr, what),
                f"{what}: only one composite reduces to x, but are_inverses said True",
            )


# --- where a function is invertible -------------------------------------------------------------


@pytest.mark.grade(2, "One-to-one on an interval means no turning point (a sign change of f') strictly inside it.", uses=["is_invertible_on"])
def test_is_invertible_on(is_invertible_on, rng):
    for _ in range(3):
        f, turning, _ = poly_with_turning_points(rng, int(rng.integers(2, 4)))
        first, last = turning[0], turning[-1]
        cases = [
            (first - int(rng.integers(1, 4)), first + sp.Rational(1, 2), False),  # straddles a turning point
            (-sp.oo, first - sp.Rational(1, 2), True),
            (last + sp.Rational(1, 2), sp.oo, True),
            (-sp.oo, sp.oo, False),
        ]
        if turning[1] - first > 1:
            cases.append((first + sp.Rational(1, 2), turning[1] - sp.Rational(1, 2), True))
        for lo, hi, want in cases:
            got = expect_bool(is_invertible_on(f, xp, lo, hi), name=f"is_invertible_on on [{lo}, {hi}]")
            check(got == want, f"is_invertible_on is wrong for a polynomial with turning points {turning} on [{lo}, {hi}]")


@pytest.mark.grade(1, "A zero of f' without a sign change (x**3 at 0) is not a turning point; a turning point at an end is allowed.", uses=["is_invertible_on"])
def test_is_invertible_on_flat_points_and_ends(is_invertible_on, rng):
    f, turning, flat = poly_with_turning_points(rng, 1, flat=1)
    p, z = turning[0], flat[0]
    lo, hi = (p, z + 2) if z > p else (z - 2, p)  # closed at the turning point, the flat point inside
    got = expect_bool(is_invertible_on(f, xp, lo, hi), name="is_invertible_on")
    check(got, f"a polynomial with turning point {p} and a flat point at {z} is one-to-one on [{lo}, {hi}]")
    cube = q(rng, 1, 5, 2) * (xp - z) ** 3 + int(rng.integers(90, 110))  # e.g. a dose-escalation curve
    got = expect_bool(is_invertible_on(sp.expand(cube), xp, -sp.oo, sp.oo), name="is_invertible_on for a cubic")
    check(got, "a cubic a (x - h)**3 + c is one-to-one on the whole real line")


@pytest.mark.grade(1, "A turning point at an end of the interval, left or right, does not spoil invertibility: only one strictly inside does.", uses=["is_invertible_on"])
def test_is_invertible_on_turning_points_at_the_ends(is_invertible_on, rng):
    f, turning, _ = poly_with_turning_points(rng, 3)
    bounds = [-sp.oo] + turning + [sp.oo]
    for lo, hi in zip(bounds[:-1], bounds[1:]):  # every piece between neighbouring turning points, ends included
        got = expect_bool(is_invertible_on(f, xp, lo, hi), name=f"is_invertible_on on [{lo}, {hi}]")
        check(got, f"a polynomial with turning points {turning} is one-to-one on [{lo}, {hi}], whose ends are turning points")


@pytest.mark.grade(1, "A zero of f' of odd multiplicity (3, 5, ...) is a turning point too: x**4 has its minimum at 0, where f' = 4 x**3 changes sign.", uses=["is_invertible_on"])
def test_is_invertible_on_higher_odd_multiplicity(is_invertible_on, rng):
    z = int(rng.integers(-5, 6))
    flat_bottomed = q(rng, 1, 5, 2) * (xp - z) ** 4 + int(rng.integers(1, 20))  # a flat-bottomed U: f' = c (x - z)**3
    cases = [((-sp.oo, sp.oo), False), ((z - 1, z + 1), False), ((z, sp.oo), True), ((-sp.oo, z), True)]
    for (lo, hi), want in cases:
        got = expect_bool(is_invertible_on(sp.expand(flat_bottomed), xp, lo, hi), name=f"is_invertible_on on [{lo}, {hi}]")
        check(got == want, f"is_invertible_on is wrong on [{lo}, {hi}] for c (x - {z})**4 + d, whose f' has a triple zero at {z}")


@pytest.mark.grade(1, "A linear polynomial (degree 1) has a constant f' and no turning point: it is one-to-one everywhere.", uses=["is_invertible_on"])
def test_is_invertible_on_linear(is_invertible_on, rng):
    line = q(rng, 0.8, 1.3, 100) * xp + q(rng, -15, 15, 1)  # a linear meter calibration
    for lo, hi in ((-sp.oo, sp.oo), (sp.Integer(40), sp.Integer(400))):
        got = expect_bool(is_invertible_on(line, xp, lo, hi), name=f"is_invertible_on for a line on [{lo}, {hi}]")
        check(got, f"a line with nonzero slope is one-to-one on [{lo}, {hi}]")


@pytest.mark.grade(2, "The branch runs between the nearest turning points on either side of x0, ends included.", uses=["invertible_branch"])
def test_invertible_branch(invertible_branch, rng):
    f, turning, _ = poly_with_turning_points(rng, 3)
    bounds = [-sp.oo] + turning + [sp.oo]
    for left, right in zip(bounds[:-1], bounds[1:]):
        if left == -sp.oo:
            x0 = sp.Integer(right - 2)
        elif right == sp.oo:
            x0 = sp.Integer(left + 2)
        else:
            x0 = sp.Rational(left + right, 2)
        got = expect_set(invertible_branch(f, xp, x0), name=f"invertible_branch at x0 = {x0}", wanted="a sympy.Interval")
        assert_equivalent(got, sp.Interval(left, right), name=f"the invertible branch through x0 = {x0}")


@pytest.mark.grade(1, "With no turning point at all (a line, a cubic a (x - h)**3 + c) the branch is the whole real line, sympy.Interval(-oo, oo).", uses=["invertible_branch"])
def test_invertible_branch_without_turning_points(invertible_branch, rng):
    z = int(rng.integers(-5, 6))
    cases = [
        (q(rng, 0.8, 1.3, 100) * xp + q(rng, -15, 15, 1), "a line"),
        (sp.expand(q(rng, 1, 5, 2) * (xp - z) ** 3 + int(rng.integers(90, 110))), "a cubic with a flat point"),
    ]
    for f, what in cases:
        x0 = sp.Integer(z + 1)
        got = expect_set(invertible_branch(f, xp, x0), name=f"invertible_branch of {what}", wanted="a sympy.Interval")
        assert_equivalent(got, sp.Interval(-sp.oo, sp.oo), name=f"the invertible branch of {what}")


@pytest.mark.grade(1, "Flat points (f' = 0 without a sign change) do not end a branch.", uses=["invertible_branch"])
def test_invertible_branch_ignores_flat_points(invertible_branch, rng):
    f, turning, flat = poly_with_turning_points(rng, 1, flat=1)
    p, z = turning[0], flat[0]
    x0 = z + (sp.Rational(1, 2) if z > p else -sp.Rational(1, 2))  # beside the flat point, away from p
    want = sp.Interval(p, sp.oo) if z > p else sp.Interval(-sp.oo, p)
    got = expect_set(invertible_branch(f, xp, x0), name=f"invertible_branch at x0 = {x0}", wanted="a sympy.Interval")
    assert_equivalent(got, want, name=f"the invertible branch through x0 = {x0} (a flat point at {z})")


# --- numeric inverses: dose from a target level, concentration from a signal, time from an effect -


@pytest.mark.grade(2, "Invert Css = Km R / (Vmax - R) for R: the dose must give back the target through the forward model.", uses=["dose_rate_for_target"])
def test_dose_rate_for_target(dose_rate_for_target, rng):
    for _ in range(4):
        vmax, km, target = float(rng.uniform(300, 700)), float(rng.uniform(2, 8)), float(rng.uniform(5, 25))
        rate = expect_number(dose_rate_for_target(target, vmax, km), name=f"the dose rate for a target of {target:.1f} mg/L")
        check(0 < rate < vmax, f"the dose rate for {target:.1f} mg/L should lie between 0 and Vmax")
        assert_close(km * rate / (vmax - rate), target, name=f"the level reached with your dose rate (target {target:.1f} mg/L)", rtol=1e-9)
    assert_close(dose_rate_for_target(0.0, 500.0, 4.0), 0.0, name="the dose rate for a target of 0 mg/L", atol=1e-12)


@pytest.mark.grade(1, "A negative target concentration is impossible: raise ValueError.", uses=["dose_rate_for_target"])
def test_dose_rate_rejects_negative_target(dose_rate_for_target, rng):
    target = -float(rng.uniform(0.5, 10))
    expect_raises(lambda: dose_rate_for_target(target, 500.0, 4.0), ValueError, what="dose_rate_for_target with a negative target")


def four_pl(c, bottom, top, ec50, hill):
    return bottom + (top - bottom) * c**hill / (ec50**hill + c**hill)


def assay(rng):
    return float(rng.uniform(0.03, 0.1)), float(rng.uniform(1.8, 3.0)), float(rng.uniform(5, 50)), float(rng.uniform(0.7, 2.5))


@pytest.mark.grade(2, "Solve S = bottom + (top - bottom) C^h / (ec50^h + C^h) for C: isolate C^h, then take the h-th root.", uses=["concentration_from_signal"])
def test_concentration_from_signal(concentration_from_signal, rng):
    for _ in range(4):
        bottom, top, ec50, hill = assay(rng)
        true = ec50 * float(rng.uniform(0.05, 8))
        signal = four_pl(true, bottom, top, ec50, hill)
        got = concentration_from_signal(signal, bottom, top, ec50, hill)
        assert_close(got, true, name=f"the concentration read off a curve with hill = {hill:.2f}", rtol=1e-6)
    bottom, top, ec50, hill = assay(rng)
    assert_close(concentration_from_signal(bottom, bottom, top, ec50, hill), 0.0, name="the concentration at the blank signal (bottom)", atol=1e-12)


@pytest.mark.grade(1, "The inverse only exists on the curve's range [bottom, top): readings outside it raise ValueError.", uses=["concentration_from_signal"])
def test_concentration_from_signal_outside_range(concentration_from_signal, rng):
    bottom, top, ec50, hill = assay(rng)
    for signal, what in ((bottom * 0.5, "below the blank"), (top, "at the upper plateau"), (top * 1.2, "above the upper plateau")):
        expect_raises(lambda: concentration_from_signal(signal, bottom, top, ec50, hill), ValueError, what=f"a signal {what}")


def effect_fraction(t, dose, volume, k_el, ec50):
    c = dose / volume * math.exp(-k_el * t)
    return c / (ec50 + c)


def regimen(rng):
    return float(rng.uniform(100, 1000)), float(rng.uniform(20, 60)), float(rng.uniform(0.05, 0.5)), float(rng.uniform(0.5, 5))


@pytest.mark.grade(2, "Undo the stages in reverse: the concentration giving that fraction of Emax, then the time C(t) falls to it.", uses=["duration_of_effect"])
def test_duration_of_effect(duration_of_effect, rng):
    checked = 0
    while checked < 4:
        dose, volume, k_el, ec50 = regimen(rng)
        fraction = float(rng.uniform(0.1, 0.8))
        if effect_fraction(0.0, dose, volume, k_el, ec50) <= fraction + 0.02:
            continue  # the effect starts below the fraction: tested separately
        checked += 1
        hours = expect_number(duration_of_effect(dose, volume, k_el, ec50, fraction), name="duration_of_effect")
        check(hours > 0, "the effect starts above the fraction, so the duration should be positive")
        assert_close(
            effect_fraction(hours, dose, volume, k_el, ec50), fraction,
            name=f"the fraction of Emax left at your time (aim {fraction:.2f})", rtol=1e-7,
        )


@pytest.mark.grade(1, "If the effect starts at or below that fraction of Emax, no time is needed: return 0.0.", uses=["duration_of_effect"])
def test_duration_of_effect_starts_below(duration_of_effect, rng):
    while True:
        dose, volume, k_el, ec50 = regimen(rng)
        start = effect_fraction(0.0, dose, volume, k_el, ec50)
        if start < 0.9:
            break
    # a real answer first: half the starting effect takes time to reach (0 everywhere is not a duration)
    hours = expect_number(duration_of_effect(dose, volume, k_el, ec50, start / 2), name="duration_of_effect")
    assert_close(effect_fraction(hours, dose, volume, k_el, ec50), start / 2, name="the fraction of Emax left at your time", rtol=1e-7)
    for fraction in (start + 0.05, start + 0.005, start):
        assert_close(duration_of_effect(dose, volume, k_el, ec50, fraction), 0.0, name=f"the duration for fraction {fraction:.3f}", atol=1e-9)


@pytest.mark.grade(1, "A fraction of Emax must lie strictly between 0 and 1: raise ValueError otherwise.", uses=["duration_of_effect"])
def test_duration_of_effect_rejects_bad_fraction(duration_of_effect, rng):
    dose, volume, k_el, ec50 = regimen(rng)
    for fraction in (0.0, 1.0, 1.5):
        expect_raises(lambda: duration_of_effect(dose, volume, k_el, ec50, fraction), ValueError, what=f"duration_of_effect with fraction {fraction}")
