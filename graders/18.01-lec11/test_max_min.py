"""Hidden graders for 18.01-lec11 (max-min problems).

Oracles: constructions and closed forms, not sympy's solvers. Polynomials are built from the
roots of their derivative, so the candidates of the closed-interval method are known before
the learner's code runs, and their exact values decide the extremes. The clinical answers have
textbook closed forms: the Bateman peak t_max = ln(ka/ke)/(ka - ke) (1/k when ka = ke, with
C_max = F D / (V e)); the uncomplicated-response optimum D* = sqrt(ED50 TD50) with
P* = (TD50^(n/2) / (ED50^(n/2) + TD50^(n/2)))^2; the net-benefit optimum
D* = max(0, sqrt(Emax ED50 / h) - ED50). Parameters are exact Rationals from the seeded `rng`.

Exact numbers are compared numerically (30 significant digits, relative tolerance 1e-9) by
`assert_same_number`, which is much cheaper than simplifying a difference of logs and radicals;
expressions with symbols go through `assert_equivalent`. One test per function asks for an exact
answer (`assert_exact_number`, `assert_same_points(exact=True)`) with Python-int inputs.
"""

import pytest
import sympy as sp

from autograde.checks import assert_equivalent, assert_exact_number, assert_same_number, assert_same_points, expect_tuple
from autograde.datasets.calculus_shapes import bateman_concentration
from autograde.datasets.parameters import distinct_ints, exact_rational as q, multiple, nonzero_int

x = sp.Symbol("x")
t = sp.Symbol("t")  # time (h)


def with_derivative(lead, roots, rng):
    """A polynomial whose derivative is lead * prod(x - r for r in roots), plus a random constant."""
    return sp.integrate(sp.expand(lead * sp.prod([x - r for r in roots])), x) + int(rng.integers(-20, 21))


def exact_extrema(f, candidates):
    """((x_min, f_min), (x_max, f_max)) over exact candidates; ties go to the smallest x."""
    values = [(p, f.subs(x, p)) for p in sorted(candidates)]
    lowest = min(v for _, v in values)
    highest = max(v for _, v in values)
    return next(pv for pv in values if pv[1] == lowest), next(pv for pv in values if pv[1] == highest)


def expect_point_value(value, name):
    """A tuple (x, f(x)) of two sympy objects."""
    where, level = expect_tuple(value, name=name, length=2)
    return where, level


def expect_extrema(value, name):
    low, high = expect_tuple(value, name=f"{name} ((x_min, f_min), (x_max, f_max))", length=2)
    return expect_point_value(low, f"the minimum of {name}"), expect_point_value(high, f"the maximum of {name}")


def assert_extrema(actual, f, candidates, name):
    (x_min, f_min), (x_max, f_max) = expect_extrema(actual, name)
    (want_x_min, want_f_min), (want_x_max, want_f_max) = exact_extrema(f, candidates)
    assert_same_number(f_min, want_f_min, name=f"the smallest value of {name}")
    assert_same_number(x_min, want_x_min, name=f"where {name} is smallest")
    assert_same_number(f_max, want_f_max, name=f"the largest value of {name}")
    assert_same_number(x_max, want_x_max, name=f"where {name} is largest")


def oral_dose(rng):
    """(dose mg, F, V L, ka /h, ke /h): 100-1000 mg, F 0.5-1, V 20-80 L, ka 0.5-2.5 /h, ke 0.05-0.35 /h."""
    return multiple(rng, 100, 1000, 25), q(rng, 0.5, 1, 20), q(rng, 20, 80, 1), q(rng, 0.5, 2.5, 10), q(rng, 0.05, 0.35, 100)


# --- the closed-interval method ------------------------------------------------------------------


@pytest.mark.grade(2, "The candidates are the critical points inside [a, b] AND the endpoints a and b themselves.", uses=["candidate_points"])
def test_candidate_points_include_endpoints(candidate_points, rng):
    r1, r2 = sorted(distinct_ints(rng, 2, 2, 20))
    a, b = r1 - q(rng, 0.5, 2, 2), r2 + q(rng, 0.5, 2, 2)
    f = with_derivative(nonzero_int(rng, -3, 3), [r1, r2], rng)
    assert_same_points(candidate_points(f, x, a, b), [a, r1, r2, b], name=f"the candidates on [{a}, {b}]", hint="did you keep both endpoints?")


@pytest.mark.grade(1, "A critical point outside [a, b] is not a candidate: solve f'(x) = 0 within the interval only.", uses=["candidate_points"])
def test_candidate_points_only_inside(candidate_points, rng):
    r1, r2, r3 = sorted(distinct_ints(rng, 3, -10, 30))
    while r2 - r1 < 2 or r3 - r2 < 2:
        r1, r2, r3 = sorted(distinct_ints(rng, 3, -10, 30))
    a, b = r1 + 1, r3 - 1  # r1 < a <= r2 <= b < r3
    f = with_derivative(nonzero_int(rng, -3, 3), [r1, r2, r3], rng)
    assert_same_points(candidate_points(f, x, a, b), sorted({a, r2, b}), name=f"the candidates on [{a}, {b}]", hint="did you keep both endpoints?")


@pytest.mark.grade(2, "Evaluate f at every candidate and compare the VALUES f(c); return (x, f(x)) for the smallest and the largest.", uses=["absolute_extrema"])
def test_absolute_extrema_polynomial(absolute_extrema, rng):
    for _ in range(2):
        r1, r2 = sorted(distinct_ints(rng, 2, -6, 6))
        a, b = r1 - int(rng.integers(1, 4)), r2 + int(rng.integers(1, 4))
        f = with_derivative(nonzero_int(rng, -3, 3), [r1, r2], rng)
        assert_extrema(absolute_extrema(f, x, a, b), f, {a, r1, r2, b}, name=f"a cubic on [{a}, {b}]")


@pytest.mark.grade(2, "With no critical point inside [a, b] (or only a minimum) the extremes are at the endpoints.", uses=["absolute_extrema"])
def test_absolute_extrema_at_endpoints(absolute_extrema, rng):
    r1, r2 = sorted(distinct_ints(rng, 2, -6, 6))
    f = with_derivative(nonzero_int(rng, -3, 3), [r1, r2], rng)
    a, b = r2 + 1, r2 + int(rng.integers(2, 6))  # f is monotonic on [a, b]
    assert_extrema(absolute_extrema(f, x, a, b), f, {a, b}, name=f"a cubic on [{a}, {b}], beyond its critical points")
    m, c = int(rng.integers(-5, 6)), int(rng.integers(-10, 11))
    bowl = q(rng, 0.5, 3, 2) * (x - m) ** 2 + c
    a, b = m - int(rng.integers(1, 4)), m + int(rng.integers(4, 7))
    assert_extrema(absolute_extrema(bowl, x, a, b), bowl, {a, m, b}, name=f"a parabola on [{a}, {b}]")


@pytest.mark.grade(1, "If the extreme value is reached at two points, return the smaller x (compare values, then x).", uses=["absolute_extrema"])
def test_absolute_extrema_ties(absolute_extrema, rng):
    m, d, c = int(rng.integers(-5, 6)), int(rng.integers(1, 5)), int(rng.integers(-10, 11))
    for s in (q(rng, 0.5, 3, 2), -q(rng, 0.5, 3, 2)):
        f = s * (x - m) ** 2 + c
        a, b = m - d, m + d
        assert_extrema(absolute_extrema(f, x, a, b), f, {a, m, b}, name=f"a symmetric parabola on [{a}, {b}]")


@pytest.mark.grade(1, "Over a sampling window [0, T] the peak is the highest level only if it falls inside; otherwise the level at T is.", uses=["absolute_extrema"])
def test_absolute_extrema_oral_dose(absolute_extrema, rng):
    dose, f_oral, volume, ka, ke = oral_dose(rng)
    C = bateman_concentration(t, dose, ka, ke, volume, f_oral)
    t_max = sp.log(ka / ke) / (ka - ke)
    for end in (sp.Integer(int(sp.ceiling(t_max)) + int(rng.integers(2, 12))), sp.floor(t_max * 40) / 80):
        got = absolute_extrema(C, t, 0, end)
        (x_min, f_min), (x_max, f_max) = expect_extrema(got, f"C(t) on [0, {end}] h")
        peak_at = t_max if t_max < end else end
        assert_same_number(f_min, 0, name=f"the lowest level on [0, {end}] h")
        assert_same_number(x_min, 0, name=f"when the level is lowest on [0, {end}] h")
        assert_same_number(f_max, C.subs(t, peak_at), name=f"the highest level on [0, {end}] h (t_max = {float(t_max):.2f} h)")
        assert_same_number(x_max, peak_at, name=f"when the level is highest on [0, {end}] h (t_max = {float(t_max):.2f} h)")


# --- the oral-dose peak --------------------------------------------------------------------------


@pytest.mark.grade(2, "Solve C'(t) = 0 for t_max; C_max is C(t_max), not F D / V (that is a bolus injected straight into the blood).", uses=["oral_peak"])
def test_oral_peak_symbolic(oral_peak):
    D, F, V, ka, ke = sp.symbols("D F V k_a k_e", positive=True)
    t_max, c_max = expect_tuple(oral_peak(D, F, V, ka, ke), name="oral_peak (t_max, C_max)", length=2)
    want = sp.log(ka / ke) / (ka - ke)
    assert_equivalent(t_max, want, name="t_max for symbolic parameters")
    assert_equivalent(c_max, bateman_concentration(want, D, ka, ke, V, F), name="C_max for symbolic parameters")


@pytest.mark.grade(1, "The peak of a real oral dose: t_max in hours, C_max in mg/L; every parameter (F and V too) matters.", uses=["oral_peak"])
def test_oral_peak_numbers(oral_peak, rng):
    for _ in range(2):
        dose, f_oral, volume, ka, ke = oral_dose(rng)
        what = f"{dose} mg, F = {f_oral}, V = {volume} L, ka = {ka} /h, ke = {ke} /h"
        t_max, c_max = expect_tuple(oral_peak(dose, f_oral, volume, ka, ke), name=f"oral_peak for {what}", length=2)
        want = sp.log(ka / ke) / (ka - ke)
        assert_same_number(t_max, want, name=f"t_max for {what}")
        assert_same_number(c_max, bateman_concentration(want, dose, ka, ke, volume, f_oral), name=f"C_max for {what}")


@pytest.mark.grade(1, "With ka = ke the formula is 0/0: take its limit, C(t) = F D k t exp(-k t) / V, and find that curve's peak.", uses=["oral_peak"])
def test_oral_peak_equal_rates(oral_peak, rng):
    dose, f_oral, volume, _, k = oral_dose(rng)
    what = f"ka = ke = {k} /h"
    t_max, c_max = expect_tuple(oral_peak(dose, f_oral, volume, k, k), name=f"oral_peak for {what}", length=2)
    assert_same_number(t_max, 1 / k, name=f"t_max for {what}")
    assert_same_number(c_max, f_oral * dose / (volume * sp.E), name=f"C_max for {what}")
    kk = sp.Symbol("k", positive=True)
    t_max, c_max = expect_tuple(oral_peak(dose, f_oral, volume, kk, kk), name="oral_peak for ka = ke = k", length=2)
    assert_equivalent(t_max, 1 / kk, name="t_max for ka = ke = k (a symbol)")
    assert_equivalent(c_max, f_oral * dose / (volume * sp.E), name="C_max for ka = ke = k (a symbol)")


# --- best doses ----------------------------------------------------------------------------------


def window_answer(ed50, td50, n):
    half = sp.Rational(1, 2) * n
    return sp.sqrt(ed50 * td50), (td50**half / (ed50**half + td50**half)) ** 2


@pytest.mark.grade(2, "Maximize P(D) = E(D)(1 - T(D)) over D > 0: set P'(D) = 0. The best dose is not halfway between ED50 and TD50.", uses=["window_optimal_dose"])
def test_window_optimal_dose(window_optimal_dose, rng):
    for _ in range(2):
        ed50 = q(rng, 5, 50, 1)
        td50 = ed50 * q(rng, 3, 20, 2)
        best, chance = expect_tuple(window_optimal_dose(ed50, td50), name="window_optimal_dose", length=2)
        want_dose, want_chance = window_answer(ed50, td50, 1)
        assert_same_number(best, want_dose, name=f"the best dose for ED50 = {ed50} mg, TD50 = {td50} mg")
        assert_same_number(chance, want_chance, name=f"the best chance for ED50 = {ed50} mg, TD50 = {td50} mg")
    a, b = sp.symbols("ED50 TD50", positive=True)
    best, chance = expect_tuple(window_optimal_dose(a, b), name="window_optimal_dose for symbols", length=2)
    want_dose, want_chance = window_answer(a, b, 1)
    assert_equivalent(best, want_dose, name="the best dose for symbolic ED50, TD50")
    assert_equivalent(chance, want_chance, name="the best chance for symbolic ED50, TD50")


@pytest.mark.grade(1, "Use the Hill coefficient in both curves: it changes the best chance, though (check it) not the best dose.", uses=["window_optimal_dose"])
def test_window_optimal_dose_steeper(window_optimal_dose, rng):
    for n in (sp.Integer(2), sp.Rational(int(rng.integers(11, 40)), 10)):
        ed50 = q(rng, 5, 50, 1)
        td50 = ed50 * q(rng, 3, 20, 2)
        what = f"ED50 = {ed50} mg, TD50 = {td50} mg, n = {n}"
        best, chance = expect_tuple(window_optimal_dose(ed50, td50, n), name=f"window_optimal_dose for {what}", length=2)
        want_dose, want_chance = window_answer(ed50, td50, n)
        assert_same_number(best, want_dose, name=f"the best dose for {what}")
        assert_same_number(chance, want_chance, name=f"the best chance for {what}")


@pytest.mark.grade(2, "U'(D) = Emax ED50 / (ED50 + D)^2 - h = 0 gives the interior optimum; check it is a maximum (any positive root counts, even under 1 mg).", uses=["net_benefit_dose"])
def test_net_benefit_dose_interior(net_benefit_dose, rng):
    for _ in range(3):
        emax, ed50 = q(rng, 10, 40, 1), q(rng, 2, 50, 2)
        harm = emax / ed50 * q(rng, 0.02, 0.8, 100)  # below the initial slope Emax / ED50: some drug helps
        what = f"Emax = {emax} mmHg, ED50 = {ed50} mg, harm = {harm} mmHg/mg"
        assert_same_number(net_benefit_dose(emax, ed50, harm), sp.sqrt(emax * ed50 / harm) - ed50, name=f"the best dose for {what}")
    # a potent drug: ED50 under 1 mg, and a best dose under 1 mg that is still worth giving
    emax, ed50 = q(rng, 10, 40, 1), q(rng, 0.2, 0.9, 100)
    harm = emax / ed50 * q(rng, 0.3, 0.8, 100)
    what = f"Emax = {emax} mmHg, ED50 = {ed50} mg, harm = {harm} mmHg/mg"
    assert_same_number(net_benefit_dose(emax, ed50, harm), sp.sqrt(emax * ed50 / harm) - ed50, name=f"the best dose for {what}")


@pytest.mark.grade(1, "Doses are >= 0: when the root of U' is not positive, the best dose is the endpoint D = 0 (and only then).", uses=["net_benefit_dose"])
def test_net_benefit_dose_no_drug(net_benefit_dose, rng):
    emax, ed50 = q(rng, 10, 40, 1), q(rng, 2, 50, 2)
    # just below the initial slope Emax / ED50 a little drug still helps; at it and above, none does
    for harm in (emax / ed50 * q(rng, 0.9, 0.98, 100), emax / ed50 * q(rng, 1.2, 4, 10), emax / ed50):
        what = f"Emax = {emax} mmHg, ED50 = {ed50} mg, harm = {harm} mmHg/mg"
        want = max(sp.sqrt(emax * ed50 / harm) - ed50, 0)
        assert_same_number(net_benefit_dose(emax, ed50, harm), want, name=f"the best dose for {what}")


# --- exact answers, Python ints accepted -----------------------------------------------------------


def irrational_cubic(rng):
    """A cubic whose critical points are -sqrt(p) and sqrt(p) (p not a square), and Python-int ends around them."""
    p = int(rng.choice([2, 3, 5, 6, 7, 8, 10, 11, 12, 13]))
    f = with_derivative(nonzero_int(rng, -3, 3), [-sp.sqrt(p), sp.sqrt(p)], rng)
    reach = int(sp.floor(sp.sqrt(p))) + int(rng.integers(1, 3))
    return f, p, -reach, reach


@pytest.mark.grade(1, "Keep the candidates exact (sympy.solveset, not a numerical solver): sqrt(3) is not 1.732; Python-int ends are allowed.", uses=["candidate_points"])
def test_candidate_points_exact(candidate_points, rng):
    f, p, a, b = irrational_cubic(rng)
    want = [a, -sp.sqrt(p), sp.sqrt(p), b]
    assert_same_points(candidate_points(f, x, a, b), want, name=f"the candidates on [{a}, {b}]", exact=True)


@pytest.mark.grade(1, "Return exact sympy numbers (f.subs at exact candidates), no decimals; Python-int ends are allowed.", uses=["absolute_extrema"])
def test_absolute_extrema_exact(absolute_extrema, rng):
    f, p, a, b = irrational_cubic(rng)
    name = f"a cubic on [{a}, {b}]"
    (x_min, f_min), (x_max, f_max) = expect_extrema(absolute_extrema(f, x, a, b), name)
    (want_x_min, want_f_min), (want_x_max, want_f_max) = exact_extrema(f, {a, -sp.sqrt(p), sp.sqrt(p), b})
    assert_exact_number(f_min, want_f_min, name=f"the smallest value of {name}")
    assert_exact_number(x_min, want_x_min, name=f"where {name} is smallest")
    assert_exact_number(f_max, want_f_max, name=f"the largest value of {name}")
    assert_exact_number(x_max, want_x_max, name=f"where {name} is largest")


@pytest.mark.grade(1, "Keep the peak exact: with Python ints, 500 / 40 is the float 12.5; sympify the inputs first.", uses=["oral_peak"])
def test_oral_peak_exact(oral_peak, rng):
    dose, f_oral, volume, ka, ke = oral_dose(rng)
    what = f"{dose} mg, F = {f_oral}, V = {volume} L, ka = {ka} /h, ke = {ke} /h"
    got = oral_peak(int(dose), f_oral, int(volume), ka, ke)
    t_max, c_max = expect_tuple(got, name=f"oral_peak for {what}", length=2)
    want = sp.log(ka / ke) / (ka - ke)
    assert_exact_number(t_max, want, name=f"t_max for {what}")
    assert_exact_number(c_max, bateman_concentration(want, dose, ka, ke, volume, f_oral), name=f"C_max for {what}")


@pytest.mark.grade(1, "Keep the answer exact (a square root, a fraction), also for Python-int doses: sympify them first.", uses=["window_optimal_dose"])
def test_window_optimal_dose_exact(window_optimal_dose, rng):
    ed50 = int(rng.integers(5, 51))
    td50 = ed50 * int(rng.integers(3, 21)) + int(rng.integers(1, 5))
    what = f"ED50 = {ed50} mg, TD50 = {td50} mg"
    best, chance = expect_tuple(window_optimal_dose(ed50, td50), name=f"window_optimal_dose for {what}", length=2)
    want_dose, want_chance = window_answer(sp.Integer(ed50), sp.Integer(td50), 1)
    assert_exact_number(best, want_dose, name=f"the best dose for {what}")
    assert_exact_number(chance, want_chance, name=f"the best chance for {what}")


@pytest.mark.grade(1, "Return an exact sympy number, also for Python-int inputs (Emax * ED50 / h in Python is a float): sympify them first.", uses=["net_benefit_dose"])
def test_net_benefit_dose_exact(net_benefit_dose, rng):
    ed50 = int(rng.integers(2, 6))
    emax = ed50 * int(rng.integers(4, 9))  # initial slope Emax / ED50 of 4-8 mmHg per mg
    harm = int(rng.integers(1, emax // ed50))
    while sp.sqrt(sp.Rational(emax * ed50, harm)).is_rational:
        harm = int(rng.integers(1, emax // ed50))
    what = f"Emax = {emax} mmHg, ED50 = {ed50} mg, harm = {harm} mmHg/mg"
    want = sp.sqrt(sp.Rational(emax * ed50, harm)) - ed50
    assert_exact_number(net_benefit_dose(emax, ed50, harm), want, name=f"the best dose for {what}")
