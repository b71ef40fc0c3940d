"""Hidden graders for precalc-u4 (rational functions and asymptotes).

Rational functions are built here from known factors, so their poles, holes, end behaviour and
slant lines are known by construction; the value that fills a hole comes from sympy.cancel (a
trusted oracle). Polynomials are handed over expanded (sympy would cancel identical factors
written as products before the learner's code sees them). Numeric answers are checked by
feeding them back through the forward model. Parameters are drawn from the seeded `rng`.
"""

import pytest
import sympy as sp

from autograde.checks import assert_close, assert_equivalent, check, expect_number, expect_raises, expect_sympy, expect_tuple, fail
from autograde.datasets.parameters import distinct_ints, nonzero_int

x = sp.Symbol("x")
C, Vmax, Km, CL, E0, Emax, EC50, m, cure = sp.symbols("C Vmax Km CL E0 Emax EC50 m pi", positive=True)
t, v = sp.symbols("t v", positive=True)


def product(factors):
    return sp.Mul(*factors) if factors else sp.Integer(1)


def rational_case(rng, holes, poles, zeros, partial=0, double=0, complex_factor=False, hole_at_zero=False):
    """(expr, holes, poles): expanded numerator over expanded denominator with known zeros.

    holes: factors common to both (cancel completely); poles: denominator-only factors;
    partial: factors once in the numerator but twice in the denominator (still poles);
    double: poles of order two; zeros: numerator-only factors; complex_factor: x**2 + s below.
    """
    roots = distinct_ints(rng, holes + poles + zeros + partial + double, -6, 6)
    if hole_at_zero and 0 not in roots[:holes]:
        roots = [0] + [r for r in roots if r != 0][: len(roots) - 1]
    H = roots[:holes]
    P = roots[holes : holes + poles]
    Z = roots[holes + poles : holes + poles + zeros]
    Q = roots[holes + poles + zeros : holes + poles + zeros + partial]
    W = roots[holes + poles + zeros + partial :]
    numerator = nonzero_int(rng, -4, 4) * product([x - r for r in H + Z + Q])
    denominator = product([x - r for r in H + P] + [(x - r) ** 2 for r in Q + W])
    if complex_factor:
        denominator *= x**2 + int(rng.integers(1, 10))
    expr = sp.expand(numerator) / sp.expand(denominator)
    return expr, sorted(H), sorted(P + Q + W)


def expect_sympy_list(value, name):
    if type(value) is not list:
        fail(f"{name} should be a list, got {type(value).__name__}")
    return [expect_sympy(item, name=f"{name}[{i}]") for i, item in enumerate(value)]


def check_points(got, want, name):
    """got: the learner's list of x-values; want: the trusted sorted list of ints."""
    items = expect_sympy_list(got, name)
    check(len(items) == len(want), f"{name} should have {len(want)} entries, got {len(items)}")
    for i, (item, w) in enumerate(zip(items, want)):
        assert_equivalent(item, w, name=f"{name}[{i}] (in increasing order)")


def check_none(value, name):
    check(value is None, f"{name} should be None: there is none")


# --- vertical asymptotes and holes ---------------------------------------------------------------


@pytest.mark.grade(2, "Cancel common factors first (sympy.cancel), then take the real zeros of what is left below.", uses=["vertical_asymptotes"])
def test_vertical_asymptotes(vertical_asymptotes, rng):
    for holes, poles, zeros, cf in ((1, 2, 1, False), (2, 1, 1, True), (1, 3, 0, False)):
        expr, _, want = rational_case(rng, holes, poles, zeros, complex_factor=cf)
        check_points(vertical_asymptotes(expr, x), want, name=f"vertical_asymptotes of {expr}")


@pytest.mark.grade(1, "A factor twice below and once above does not cancel completely: it is still an asymptote; x**2 + c gives none.", uses=["vertical_asymptotes"])
def test_vertical_asymptotes_partial_cancellation(vertical_asymptotes, rng):
    expr, _, want = rational_case(rng, holes=0, poles=1, zeros=0, partial=1, double=1, complex_factor=True)
    check_points(vertical_asymptotes(expr, x), want, name=f"vertical_asymptotes of {expr}")


def cancelling_cases(rng):
    """Functions whose lowest-terms denominator is a constant: a polynomial (denominator 1), and a
    fraction whose only zero below cancels completely, such as (x**2 - a**2) / (x - a) = x + a."""
    a = nonzero_int(rng, -6, 6)
    b, c = nonzero_int(rng, -5, 5), int(rng.integers(-9, 10))
    cancelling = sp.expand((x - a) * (x + c - a)) / (x - a)
    return [
        (b * x**2 + c * x + a, [], f"the polynomial {b * x**2 + c * x + a}"),
        (cancelling, [a], str(cancelling)),
    ]


@pytest.mark.grade(1, "When every zero of the denominator cancels (or there is no denominator), nothing is left to blow up: no vertical asymptote, [].", uses=["vertical_asymptotes"])
def test_vertical_asymptotes_none_left(vertical_asymptotes, rng):
    for expr, _, what in cancelling_cases(rng):
        check_points(vertical_asymptotes(expr, x), [], name=f"vertical_asymptotes of {what}")


def check_holes(got, expr, want, name):
    if type(got) is not list:
        fail(f"{name} should be a list of (x0, y0) tuples, got {type(got).__name__}")
    check(len(got) == len(want), f"{name} should have {len(want)} hole(s), got {len(got)}")
    reduced = sp.cancel(expr)
    for i, (item, x0) in enumerate(zip(got, want)):
        hx, hy = expect_tuple(item, name=f"{name}[{i}]", length=2)
        assert_equivalent(hx, x0, name=f"the x of hole {i} of {name} (in increasing order)")
        assert_equivalent(hy, reduced.subs(x, x0), name=f"the value that fills hole {i} of {name}")


@pytest.mark.grade(2, "A hole is a zero of the denominator that cancels away; fill it with the lowest-terms function's value there.", uses=["removable_discontinuities"])
def test_removable_discontinuities(removable_discontinuities, rng):
    for holes, poles, zeros, at_zero in ((1, 2, 1, False), (2, 1, 1, False), (0, 2, 2, False), (1, 2, 0, True)):
        expr, want, _ = rational_case(rng, holes, poles, zeros, hole_at_zero=at_zero)
        check_holes(removable_discontinuities(expr, x), expr, want, name=f"removable_discontinuities of {expr}")


@pytest.mark.grade(1, "Sharing a zero with the numerator is not enough: (x - a) / (x - a)**2 still blows up at a.", uses=["removable_discontinuities"])
def test_removable_discontinuities_partial_cancellation(removable_discontinuities, rng):
    expr, want, _ = rational_case(rng, holes=1, poles=1, zeros=0, partial=1)
    check_holes(removable_discontinuities(expr, x), expr, want, name=f"removable_discontinuities of {expr}")


@pytest.mark.grade(1, "A polynomial has no denominator and no hole; a zero below that cancels completely is a hole even when nothing is left below.", uses=["removable_discontinuities"])
def test_removable_discontinuities_constant_denominator(removable_discontinuities, rng):
    for expr, want, what in cancelling_cases(rng):
        check_holes(removable_discontinuities(expr, x), expr, want, name=f"removable_discontinuities of {what}")


# --- end behaviour ---------------------------------------------------------------------------------


def poly_with_leading(rng, degree, lead):
    return lead * x**degree + sum(int(rng.integers(-6, 7)) * x**i for i in range(degree))


@pytest.mark.grade(2, "Compare degrees: lower on top -> 0; equal -> ratio of leading coefficients; higher on top -> None.", uses=["horizontal_asymptote"])
def test_horizontal_asymptote_by_degree(horizontal_asymptote, rng):
    for n, d in ((1, 2), (2, 2), (3, 3), (0, 1), (3, 2)):
        lead_top, lead_bottom = nonzero_int(rng, -6, 6), nonzero_int(rng, -6, 6)
        expr = poly_with_leading(rng, n, lead_top) / poly_with_leading(rng, d, lead_bottom)
        got = horizontal_asymptote(expr, x)
        name = f"horizontal_asymptote of a degree-{n} over degree-{d} function"
        if n > d:
            check_none(got, name)
        else:
            check(isinstance(got, sp.Expr), f"{name} should be a sympy expression (sympy.Integer(0) for 0), got {type(got).__name__}")
            assert_equivalent(got, sp.Rational(lead_top, lead_bottom) if n == d else 0, name=name)


@pytest.mark.grade(1, "Cancel first: in lowest terms the denominator may be a constant, so (x**2 - a**2) / (x - a) = x + a has no horizontal asymptote, and 2 (x**2 - 4) / (x**2 - 4) levels at 2.", uses=["horizontal_asymptote"])
def test_horizontal_asymptote_constant_denominator(horizontal_asymptote, rng):
    a, lead = nonzero_int(rng, -6, 6), int(rng.choice([-4, -3, -2, 2, 3, 4, 5]))  # +-1 would cancel on sight
    line = sp.expand((x - a) * (x + a)) / (x - a)
    check_none(horizontal_asymptote(line, x), f"horizontal_asymptote of (x**2 - {a**2}) / (x - {a})")
    constant = sp.expand(lead * (x**2 - a**2)) / sp.expand(x**2 - a**2)
    assert constant.is_Mul or constant.is_Pow, "grader invariant: sympy did not cancel the fraction itself"
    assert_equivalent(horizontal_asymptote(constant, x), lead, name="the horizontal asymptote of a fraction that cancels to a constant")


@pytest.mark.grade(1, "Write a sum as one fraction (sympy.together) before comparing degrees; parameters stay symbols.", uses=["horizontal_asymptote"])
def test_horizontal_asymptote_clinical_models(horizontal_asymptote, rng):
    tbw, na0, na_in = int(rng.integers(30, 50)), int(rng.integers(110, 125)), 513
    cases = [
        (Vmax * C / (Km + C), C, Vmax, "Michaelis-Menten elimination"),
        (E0 + Emax * C**2 / (EC50**2 + C**2), C, E0 + Emax, "an Emax model with a baseline"),
        (cure + (1 - cure) * m / (m + t), t, cure, "a cure-model survival curve"),
        ((tbw * na0 + v * na_in) / (tbw + v), v, na_in, "serum sodium during 3% saline"),
    ]
    for expr, var, want, what in cases:
        assert_equivalent(horizontal_asymptote(expr, var), want, name=f"the horizontal asymptote of {what}")


@pytest.mark.grade(2, "A slant line exists only when the top's degree is exactly one more; it is the quotient of the division.", uses=["slant_asymptote"])
def test_slant_asymptote(slant_asymptote, rng):
    for d in (1, 2):
        denominator = poly_with_leading(rng, d, nonzero_int(rng, -3, 3))
        line = sp.Rational(nonzero_int(rng, -9, 9), int(rng.integers(1, 4))) * x + int(rng.integers(-9, 10))
        remainder = poly_with_leading(rng, d - 1, nonzero_int(rng, -5, 5))
        expr = sp.expand(denominator * line + remainder) / denominator
        assert_equivalent(slant_asymptote(expr, x), line, name=f"the slant asymptote of a degree-{d + 1} over degree-{d} function")
    for n, d in ((3, 1), (2, 2), (4, 2)):
        expr = poly_with_leading(rng, n, nonzero_int(rng, -4, 4)) / poly_with_leading(rng, d, nonzero_int(rng, -4, 4))
        check_none(slant_asymptote(expr, x), f"slant_asymptote of a degree-{n} over degree-{d} function")


@pytest.mark.grade(1, "Mixed-order elimination: the saturable pathway levels off at Vmax, the linear one keeps rising.", uses=["slant_asymptote"])
def test_slant_asymptote_of_mixed_elimination(slant_asymptote):
    rate = Vmax * C / (Km + C) + CL * C
    assert_equivalent(slant_asymptote(rate, C), CL * C + Vmax, name="the slant asymptote of mixed-order elimination")


# --- clinical models ---------------------------------------------------------------------------------


@pytest.mark.grade(1, "Add the two pathways: vmax C / (km + C) and cl C.", uses=["elimination_rate"])
def test_elimination_rate(elimination_rate, rng):
    assert_equivalent(elimination_rate(C, Vmax, Km, CL), Vmax * C / (Km + C) + CL * C, name="elimination_rate with symbolic parameters")
    vmax, km, cl = int(rng.integers(10, 40)), sp.Rational(int(rng.integers(10, 80)), 10), sp.Rational(int(rng.integers(1, 20)), 10)
    assert_equivalent(elimination_rate(C, vmax, km, cl), vmax * C / (km + C) + cl * C, name=f"elimination_rate for vmax = {vmax} mg/h")


@pytest.mark.grade(1, "Sodium already there plus sodium infused, over the NEW volume tbw + v.", uses=["sodium_after_infusion"])
def test_sodium_after_infusion(sodium_after_infusion, rng):
    tbw, na0, na_in = sp.symbols("TBW Na0 Na_in", positive=True)
    assert_equivalent(sodium_after_infusion(tbw, na0, na_in, v), (tbw * na0 + v * na_in) / (tbw + v), name="sodium_after_infusion, symbolic")
    water, start, infusate = int(rng.integers(25, 50)), int(rng.integers(150, 165)), 0  # 5% dextrose for hypernatraemia
    assert_equivalent(
        sodium_after_infusion(sp.Integer(water), start, infusate, v), sp.Integer(water * start) / (water + v),
        name=f"sodium_after_infusion of 5% dextrose for a patient at {start} mmol/L",
    )


def mixing(tbw, na0, na_in, litres):
    return (tbw * na0 + litres * na_in) / (tbw + litres)


@pytest.mark.grade(2, "Solve (tbw Na0 + v Na_in) / (tbw + v) = target for v; it works whether the sodium must rise or fall.", uses=["volume_to_reach"])
def test_volume_to_reach(volume_to_reach, rng):
    for _ in range(2):
        tbw, na0 = float(rng.uniform(25, 50)), float(rng.uniform(110, 125))
        infusate = float(rng.choice([513.0, 154.0]))
        target = na0 + float(rng.uniform(2, 10))
        litres = expect_number(volume_to_reach(tbw, na0, infusate, target), name="volume_to_reach (raising the sodium)")
        assert_close(mixing(tbw, na0, infusate, litres), target, name=f"the sodium after your volume (target {target:.1f} mmol/L)", rtol=1e-9)
    tbw, na0 = float(rng.uniform(25, 50)), float(rng.uniform(150, 165))
    infusate = float(rng.choice([0.0, 77.0]))
    target = na0 - float(rng.uniform(2, 10))
    litres = expect_number(volume_to_reach(tbw, na0, infusate, target), name="volume_to_reach (lowering the sodium)")
    assert_close(mixing(tbw, na0, infusate, litres), target, name=f"the sodium after your volume (target {target:.1f} mmol/L)", rtol=1e-9)
    assert_close(volume_to_reach(tbw, na0, infusate, na0), 0.0, name="the volume needed when the target is today's sodium (lowering)", atol=1e-12)
    tbw, na0 = float(rng.uniform(25, 50)), float(rng.uniform(110, 125))
    assert_close(volume_to_reach(tbw, na0, 513.0, na0), 0.0, name="the volume needed when the target is today's sodium (raising)", atol=1e-12)


@pytest.mark.grade(1, "The infusate's sodium is an asymptote: it and anything beyond it, or on the far side of the start, cannot be reached.", uses=["volume_to_reach"])
def test_volume_to_reach_unreachable(volume_to_reach, rng):
    tbw, na0 = float(rng.uniform(25, 50)), float(rng.uniform(110, 125))
    cases = [
        (513.0, 513.0, "exactly the infusate's sodium"),
        (154.0, 160.0, "beyond the infusate's sodium"),
        (154.0, na0 - 3.0, "below the start while infusing saline"),
    ]
    for infusate, target, what in cases:
        expect_raises(lambda: volume_to_reach(tbw, na0, infusate, target), ValueError, what=f"volume_to_reach with a target {what}")
