"""Hidden graders for 18.01-lec10 (curve sketching).

Oracles are constructions, not sympy's solvers: a polynomial is built from the roots of its
f' (or f''), so the critical points, the sign chart and the inflection points are known before
the learner's code runs; the clinical curves have textbook closed forms (Bateman peak
ln(ka/ke)/(ka - ke) and inflection twice that; sigmoid Emax inflection EC50((n-1)/(n+1))^(1/n)).
Parameters are exact Rationals from the seeded `rng`.

Sets are compared by value, not by sympy's `==` (which compares how they are written, and
for which sympy cannot always decide that -30*log(2)/13 + 10*log(60)/13 is 10*log(15/2)/13):
a set of points is a FiniteSet whose elements are compared numerically, a set of intervals is
split into its intervals, whose endpoints are compared numerically and whose open/closed ends
must match. autograde.checks does that (assert_same_points, assert_same_intervals). The module
asks for exact answers (Rationals, logs, roots), so every comparison refuses decimals (exact=True).
"""

import pytest
import sympy as sp

from autograde.checks import (
    assert_equivalent,
    assert_same_intervals,
    assert_same_points,
    check,
    expect_choice,
    expect_set,
    expect_tuple,
)
from autograde.datasets.calculus_shapes import (
    bateman_concentration,
    michaelis_menten_steady_state,
    time_to_level,
)
from autograde.datasets.parameters import distinct_ints, exact_rational as q, multiple, nonzero_int

LABELS = ("local maximum", "local minimum", "neither")
# Added when a set includes or excludes an end wrongly.
ENDS = "the inequalities are strict, and a point of the domain where they hold belongs to the set"

x = sp.Symbol("x")
t = sp.Symbol("t")  # time (h)
c = sp.Symbol("c")  # concentration (mg/L)
R = sp.Symbol("R")  # daily dose (mg/day)
TIMES = sp.Interval(0, sp.oo)  # t >= 0


# --- building the cases --------------------------------------------------------------------------


def with_derivative(lead, roots, order, rng):
    """A polynomial f whose derivative of the given order is lead * prod((x - r)**m for r, m in roots)."""
    expr = sp.Poly(lead * sp.prod([(x - r) ** m for r, m in roots.items()]), x)
    for _ in range(order):
        expr = expr.integrate()
    return expr.as_expr() + int(rng.integers(-20, 21))


def sign_sets(lead, roots):
    """(where lead * prod((x - r)**m) > 0, where it is < 0) on the real line, as unions of open intervals."""
    edges = [-sp.oo] + sorted(roots) + [sp.oo]
    positive, negative = [], []
    for low, high in zip(edges, edges[1:]):
        probe = high - 1 if low == -sp.oo else (low + 1 if high == sp.oo else (low + high) / 2)
        value = lead * sp.prod([(probe - r) ** m for r, m in roots.items()])
        (positive if value > 0 else negative).append(sp.Interval.open(low, high))
    return sp.Union(*positive), sp.Union(*negative)


def bateman_case(rng):
    """A realistic oral dose: (C(t), ka, ke). ka 0.8-2.5 /h, ke 0.05-0.35 /h, 100-1000 mg, V 20-80 L."""
    ka, ke = q(rng, 0.8, 2.5, 10), q(rng, 0.05, 0.35, 100)
    dose, volume, f_oral = multiple(rng, 100, 1000, 50), q(rng, 20, 80, 1), q(rng, 0.5, 1, 20)
    return bateman_concentration(t, dose, ka, ke, volume, f_oral), ka, ke


def peak_time(ka, ke):
    return sp.log(ka / ke) / (ka - ke)


def emax_inflection(ec50, n):
    return ec50 * ((n - 1) / (n + 1)) ** (1 / n)


# --- reading the answers ------------------------------------------------------------------------


def exact_points(got, want, name, hint=""):
    assert_same_points(got, want, name=name, hint=hint, exact=True)


def exact_intervals(got, want, name, hint=""):
    assert_same_intervals(got, want, name=name, hint=hint, exact=True)


def exact_equivalent(got, want, name):
    assert_equivalent(got, want, name=name, exact=True)



def expect_pair(value, name):
    first, second = expect_tuple(value, name=name, length=2)
    return expect_set(first, name=f"the first set of {name}"), expect_set(second, name=f"the second set of {name}")


# --- critical points ---------------------------------------------------------------------------


@pytest.mark.grade(2, "Critical points solve f'(x) = 0: differentiate first, then sympy.solveset(..., x, domain).", uses=["critical_points"])
def test_critical_points_polynomial(critical_points, rng):
    a, b, d = sorted(distinct_ints(rng, 3, -8, 8))
    cases = ({a: 1, b: 1, d: 1}, {a: 2, b: 1})  # three simple roots of f'; a double root still makes f'(a) = 0
    for roots in cases:
        f = with_derivative(nonzero_int(rng, -3, 3), roots, 1, rng)
        exact_points(critical_points(f, x), list(roots), name="the critical points of a polynomial")


@pytest.mark.grade(1, "Only critical points inside the given domain count: pass the domain to solveset.", uses=["critical_points"])
def test_critical_points_in_domain(critical_points, rng):
    roots = [-int(rng.integers(2, 10))] + sorted(distinct_ints(rng, 2, 2, 22)) + [int(rng.integers(26, 40))]
    trend = with_derivative(sp.Rational(nonzero_int(rng, -3, 3), 1000), {r: 1 for r in roots}, 1, rng).subs(x, t)
    got = critical_points(trend, t, sp.Interval(0, 24))
    exact_points(got, roots[1:3], name="the critical points of a lab-value trend during the first 24 h")


@pytest.mark.grade(1, "The concentration after an oral dose has one critical point: its peak, where absorption and elimination balance.", uses=["critical_points"])
def test_critical_points_bateman(critical_points, rng):
    C, ka, ke = bateman_case(rng)
    got = critical_points(C, t, TIMES)
    exact_points(got, [peak_time(ka, ke)], name=f"the critical points of C(t) for ka = {ka} /h, ke = {ke} /h")


# --- increasing / decreasing ---------------------------------------------------------------------


@pytest.mark.grade(2, "Solve f'(x) > 0 and f'(x) < 0; where f' touches 0 without changing sign the point still belongs to neither set.", uses=["monotonic_sets"])
def test_monotonic_sets_polynomial(monotonic_sets, rng):
    a, b = sorted(distinct_ints(rng, 2, -8, 8))
    roots, lead = {a: 1, b: 2}, nonzero_int(rng, -3, 3)
    f = with_derivative(lead, roots, 1, rng)
    increasing, decreasing = expect_pair(monotonic_sets(f, x), name="monotonic_sets of a polynomial")
    want_up, want_down = sign_sets(lead, roots)
    exact_intervals(increasing, want_up, name="where the polynomial increases", hint=ENDS)
    exact_intervals(decreasing, want_down, name="where the polynomial decreases", hint=ENDS)


@pytest.mark.grade(1, "A pole splits the line: f' has no sign there, so the pole is in neither set.", uses=["monotonic_sets"])
def test_monotonic_sets_with_a_pole(monotonic_sets, rng):
    pole = nonzero_int(rng, -6, 6)
    slope, shift = nonzero_int(rng, -4, 4), int(rng.integers(-5, 6))
    f = (slope * x + shift) / (x - pole)  # f' = -(slope * pole + shift) / (x - pole)**2
    while slope * pole + shift == 0:
        shift += 1
        f = (slope * x + shift) / (x - pole)
    around = sp.Union(sp.Interval.open(-sp.oo, pole), sp.Interval.open(pole, sp.oo))
    want = (sp.S.EmptySet, around) if slope * pole + shift > 0 else (around, sp.S.EmptySet)
    increasing, decreasing = expect_pair(monotonic_sets(f, x), name="monotonic_sets of a rational function")
    exact_intervals(increasing, want[0], name=f"where ({slope}x + {shift})/(x - {pole}) increases", hint=ENDS)
    exact_intervals(decreasing, want[1], name=f"where ({slope}x + {shift})/(x - {pole}) decreases", hint=ENDS)


@pytest.mark.grade(1, "After an oral dose the level rises until the peak and falls after it; t = 0 is in the domain [0, oo).", uses=["monotonic_sets"])
def test_monotonic_sets_bateman(monotonic_sets, rng):
    C, ka, ke = bateman_case(rng)
    peak = peak_time(ka, ke)
    rising, falling = expect_pair(monotonic_sets(C, t, TIMES), name="monotonic_sets of C(t)")
    exact_intervals(rising, sp.Interval.Ropen(0, peak), name=f"where C(t) rises (ka = {ka} /h, ke = {ke} /h)", hint=ENDS)
    exact_intervals(falling, sp.Interval.open(peak, sp.oo), name=f"where C(t) falls (ka = {ka} /h, ke = {ke} /h)", hint=ENDS)


# --- concavity -----------------------------------------------------------------------------------


@pytest.mark.grade(2, "Concavity is the sign of the SECOND derivative: concave up where f'' > 0, down where f'' < 0.", uses=["concavity_sets"])
def test_concavity_sets_polynomial(concavity_sets, rng):
    roots, lead = {r: 1 for r in sorted(distinct_ints(rng, 3, -8, 8))}, nonzero_int(rng, -3, 3)
    f = with_derivative(lead, roots, 2, rng)
    up, down = expect_pair(concavity_sets(f, x), name="concavity_sets of a polynomial")
    want_up, want_down = sign_sets(lead, roots)
    exact_intervals(up, want_up, name="where the polynomial is concave up", hint=ENDS)
    exact_intervals(down, want_down, name="where the polynomial is concave down", hint=ENDS)


@pytest.mark.grade(1, "An oral-dose curve bends down around its peak and up in its tail, where elimination slows down.", uses=["concavity_sets"])
def test_concavity_sets_bateman(concavity_sets, rng):
    C, ka, ke = bateman_case(rng)
    bend = 2 * peak_time(ka, ke)
    up, down = expect_pair(concavity_sets(C, t, TIMES), name="concavity_sets of C(t)")
    exact_intervals(up, sp.Interval.open(bend, sp.oo), name=f"where C(t) is concave up (ka = {ka} /h, ke = {ke} /h)", hint=ENDS)
    exact_intervals(down, sp.Interval.Ropen(0, bend), name=f"where C(t) is concave down (ka = {ka} /h, ke = {ke} /h)", hint=ENDS)


# --- inflection points ---------------------------------------------------------------------------


@pytest.mark.grade(2, "f''(c) = 0 is not enough: f'' must change sign at c (x**4 has f''(0) = 0 and no inflection).", uses=["inflection_points"])
def test_inflection_points_need_a_sign_change(inflection_points, rng):
    a, b = sorted(distinct_ints(rng, 2, -8, 8))
    f = with_derivative(nonzero_int(rng, -3, 3), {a: 2, b: 1}, 2, rng)
    exact_points(inflection_points(f, x), [b], name="the inflection points when f'' has a double root")
    flat = nonzero_int(rng, -3, 3) * (x - a) ** 4 + int(rng.integers(-5, 6)) * x
    exact_points(inflection_points(flat, x), [], name=f"the inflection points of a multiple of (x - {a})**4 plus a line")


@pytest.mark.grade(1, "A pole is not in the domain: concavity may flip across it, but it is not an inflection point.", uses=["inflection_points"])
def test_inflection_points_not_at_poles(inflection_points, rng):
    pole = nonzero_int(rng, -6, 6)
    f = nonzero_int(rng, -5, 5) / (x - pole) + int(rng.integers(-3, 4)) * x
    exact_points(inflection_points(f, x), [], name=f"the inflection points of a hyperbola with its pole at {pole}")
    Css = michaelis_menten_steady_state(R, multiple(rng, 350, 600, 10), q(rng, 2, 8, 2))
    exact_points(inflection_points(Css, R), [], name="the inflection points of phenytoin's Css(R)")


@pytest.mark.grade(1, "Simple zeros of f'' are inflection points: two for a quartic, one in the tail of an oral-dose curve.", uses=["inflection_points"])
def test_inflection_points_simple_zeros(inflection_points, rng):
    a, b = sorted(distinct_ints(rng, 2, -8, 8))
    f = with_derivative(nonzero_int(rng, -3, 3), {a: 1, b: 1}, 2, rng)
    exact_points(inflection_points(f, x), [a, b], name="the inflection points of a quartic")
    C, ka, ke = bateman_case(rng)
    got = inflection_points(C, t, TIMES)
    exact_points(got, [2 * peak_time(ka, ke)], name=f"the inflection points of C(t) for ka = {ka} /h, ke = {ke} /h")


@pytest.mark.grade(1, "Only inflection points inside the given domain count: pass the domain to solveset.", uses=["inflection_points"])
def test_inflection_points_in_domain(inflection_points, rng):
    roots = [-int(rng.integers(2, 10)), int(rng.integers(2, 22)), int(rng.integers(26, 40))]
    trend = with_derivative(sp.Rational(nonzero_int(rng, -3, 3), 1000), {r: 1 for r in roots}, 2, rng).subs(x, t)
    got = inflection_points(trend, t, sp.Interval(0, 24))
    exact_points(got, roots[1:2], name="the inflection points of a lab-value trend during the first 24 h")


# --- classifying critical points -----------------------------------------------------------------


@pytest.mark.grade(2, "f' going from + to - is a maximum, from - to + a minimum; an oral-dose peak is a maximum.", uses=["classify_critical_point"])
def test_classify_simple_extrema(classify_critical_point, rng):
    a, b = sorted(distinct_ints(rng, 2, -8, 8))
    # a steep cubic, and a slow lab-value trend whose f'' at the extrema is far below 1 in size
    for lead, what in ((nonzero_int(rng, -3, 3), "a cubic"), (sp.Rational(nonzero_int(rng, -9, 9), 1000), "a slowly varying cubic")):
        f = with_derivative(lead, {a: 1, b: 1}, 1, rng)  # f' = lead (x - a)(x - b), a < b
        for point, want in ((a, "local maximum" if lead > 0 else "local minimum"), (b, "local minimum" if lead > 0 else "local maximum")):
            label = expect_choice(classify_critical_point(f, x, point), LABELS, name=f"the classification of x = {point}")
            check(label == want, f"the critical point x = {point} of {what} was classified as {label!r}")
    C, ka, ke = bateman_case(rng)
    label = expect_choice(classify_critical_point(C, t, peak_time(ka, ke)), LABELS, name="the classification of the oral-dose peak")
    check(label == "local maximum", f"the peak of an oral-dose concentration curve was classified as {label!r}")


@pytest.mark.grade(2, "When f''(c) = 0 the second-derivative test says nothing: look at the sign of f' on both sides of c.", uses=["classify_critical_point"])
def test_classify_flat_points(classify_critical_point, rng):
    a, b = sorted(distinct_ints(rng, 2, -8, 8))
    s = nonzero_int(rng, -3, 3)
    extremum = "local minimum" if s > 0 else "local maximum"
    cases = (
        (s * (x - a) ** 4 + 7, extremum, "a quartic bottom (x - a)**4"),
        (s * (x - a) ** 3 + 2, "neither", "a cubic plateau (x - a)**3"),
        (with_derivative(s, {a: 2, b: 1}, 1, rng), "neither", "a double root of f'"),
        (s * (x - a) ** 6 - 3, extremum, "a flat bottom (x - a)**6"),
    )
    for f, want, what in cases:
        label = expect_choice(classify_critical_point(f, x, a), LABELS, name=f"the classification of {what} at x = {a}")
        check(label == want, f"{what} at x = {a} (where f'' = 0) was classified as {label!r}")


# --- vertical asymptotes -------------------------------------------------------------------------


@pytest.mark.grade(2, "A zero of the denominator is an asymptote only if f really blows up there: a cancelling factor leaves a hole.", uses=["vertical_asymptotes"])
def test_vertical_asymptotes_rational(vertical_asymptotes, rng):
    hole, p1, p2 = sorted(distinct_ints(rng, 3, -6, 6))
    while True:
        top = nonzero_int(rng, -4, 4) * x + int(rng.integers(-6, 7))
        if all(top.subs(x, r) != 0 for r in (hole, p1, p2)):
            break
    f = sp.expand((x - hole) * top) / sp.expand((x - hole) * (x - p1) * (x - p2) ** 2 * (x**2 + 1))
    exact_points(vertical_asymptotes(f, x), [p1, p2], name="the vertical asymptotes of a rational function with a hole")


@pytest.mark.grade(1, "Phenytoin's level blows up as the dose nears Vmax; the time to reach a level blows up as it nears the steady state.", uses=["vertical_asymptotes"])
def test_vertical_asymptotes_clinical(vertical_asymptotes, rng):
    vmax = multiple(rng, 350, 600, 10)
    Css = michaelis_menten_steady_state(R, vmax, q(rng, 2, 8, 2))
    exact_points(vertical_asymptotes(Css, R), [vmax], name=f"the vertical asymptotes of Css(R) (Vmax = {vmax} mg/day)")
    rate, ke, volume = multiple(rng, 50, 200, 10), q(rng, 0.05, 0.3, 100), q(rng, 20, 60, 1)
    T = time_to_level(c, rate, ke, volume)
    exact_points(
        vertical_asymptotes(T, c), [rate / (ke * volume)], name="the vertical asymptotes of the time to reach a level c"
    )


@pytest.mark.grade(1, "An asymptote can be one-sided: keep a point where f blows up from the left OR from the right.", uses=["vertical_asymptotes"])
def test_vertical_asymptotes_one_sided(vertical_asymptotes, rng):
    a, k = nonzero_int(rng, -6, 6), q(rng, 1, 5, 2)
    for f, side in ((sp.exp(k / (x - a)), "the right"), (sp.exp(k / (a - x)), "the left")):
        exact_points(vertical_asymptotes(f, x), [a], name=f"the vertical asymptotes of {f} (it blows up from {side} only)")


# --- the clinical curves -------------------------------------------------------------------------


@pytest.mark.grade(2, "Set C''(t) = 0: ka^2 exp(-ka t) = ke^2 exp(-ke t). It is not the peak time (that is C'(t) = 0).", uses=["bateman_inflection_time"])
def test_bateman_inflection_time(bateman_inflection_time, rng):
    ka, ke = sp.symbols("k_a k_e", positive=True)
    exact_equivalent(bateman_inflection_time(ka, ke), 2 * sp.log(ka / ke) / (ka - ke), name="the inflection time for symbolic ka, ke")
    for _ in range(2):
        _, a, e = bateman_case(rng)
        exact_equivalent(bateman_inflection_time(a, e), 2 * peak_time(a, e), name=f"the inflection time for ka = {a} /h, ke = {e} /h")


@pytest.mark.grade(2, "E''(c) = 0 where (n - 1) EC50^n = (n + 1) c^n; against c itself (not log c) the knee is below EC50.", uses=["emax_inflection_points"])
def test_emax_inflection_steep(emax_inflection_points, rng):
    for n in (sp.Integer(2), sp.Rational(5, 2), sp.Integer(int(rng.integers(3, 6)))):
        ec50 = q(rng, 1, 25, 2)
        got = emax_inflection_points(ec50, n)
        exact_points(got, [emax_inflection(ec50, n)], name=f"the inflection points for EC50 = {ec50} mg/L, n = {n}")
    ec50 = sp.Symbol("EC50", positive=True)
    got = expect_set(emax_inflection_points(ec50, sp.Integer(2)), name="the inflection points for a symbolic EC50")
    check(isinstance(got, sp.FiniteSet) and len(got) == 1, "for a symbolic EC50 and n = 2 there should be exactly one inflection point")
    exact_equivalent(got.args[0], ec50 / sp.sqrt(3), name="the inflection point for a symbolic EC50, n = 2")


@pytest.mark.grade(1, "With n <= 1 the Emax curve is concave down for all c > 0: no inflection point (c = 0 is not in c > 0).", uses=["emax_inflection_points"])
def test_emax_no_inflection_when_not_steep(emax_inflection_points, rng):
    for n in (sp.Integer(1), sp.Rational(1, 2), sp.Rational(int(rng.integers(3, 10)), 10)):
        ec50 = q(rng, 1, 25, 2)
        exact_points(emax_inflection_points(ec50, n), [], name=f"the inflection points for EC50 = {ec50} mg/L, n = {n}")
