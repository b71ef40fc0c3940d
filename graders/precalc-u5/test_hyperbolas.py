"""Hidden graders for precalc-u5 (hyperbolas and 1/x relationships).

Hyperbolas are built here from a known center, semi-axes and orientation, then expanded into
general form (scaled by a random nonzero integer, sometimes negative), so every feature is known
by construction. Points and lines may come back in either order: they are matched numerically,
in both orders, before exact comparison. The clinical 1/x functions are checked against their
defining formulas on seeded random inputs in realistic ranges.
"""

import math

import pytest
import sympy as sp

from autograde.checks import (
    assert_close,
    assert_equivalent,
    check,
    expect_choice,
    expect_expr,
    expect_raises,
    expect_real,
    expect_sympy,
    expect_tuple,
    fail,
)

x, y = sp.symbols("x y")
ORIENTATIONS = ("horizontal", "vertical")
SPEED = sp.Rational(77, 500)  # speed of sound in soft tissue: 1540 m/s = 0.154 cm per microsecond


def hyperbola(rng, orientation, scale_sign=1, a2=None):
    """(expr, h, k, a, b): a random hyperbola in expanded general form, with its features
    (a**2 drawn from 1..25 unless given)."""
    h, k = sp.Integer(int(rng.integers(-6, 7))), sp.Integer(int(rng.integers(-6, 7)))
    a2, b2 = sp.sympify(a2) if a2 is not None else int(rng.integers(1, 26)), int(rng.integers(1, 26))
    transverse, conjugate = ((x - h), (y - k)) if orientation == "horizontal" else ((y - k), (x - h))
    scale = scale_sign * int(rng.integers(1, 4))
    expr = sp.expand(scale * (b2 * transverse**2 - a2 * conjugate**2 - a2 * b2))
    return expr, h, k, sp.sqrt(a2), sp.sqrt(b2)


def check_standard_form(got, h, k, a, b, orientation, name):
    gh, gk, ga, gb, gor = expect_tuple(got, name=name, length=5)
    expect_choice(gor, ORIENTATIONS, name=f"the orientation in {name}")
    check(gor == orientation, f"{name}: the orientation is wrong (which squared term has the positive denominator?)")
    assert_equivalent(gh, h, name=f"h (the center's x) in {name}", exact=True)
    assert_equivalent(gk, k, name=f"k (the center's y) in {name}", exact=True)
    assert_equivalent(ga, a, name=f"a (the transverse semi-axis) in {name}", exact=True)
    assert_equivalent(gb, b, name=f"b (the conjugate semi-axis) in {name}", exact=True)


def check_point_pair(got, want, name):
    """got: the learner's list of two (x, y) points, in either order; want: the trusted pair."""
    if type(got) is not list:
        fail(f"{name} should be a list of two (x, y) tuples, got {type(got).__name__}")
    check(len(got) == 2, f"{name} should have 2 points, got {len(got)}")
    points = []
    for i, item in enumerate(got):
        px, py = expect_tuple(item, name=f"{name}[{i}]", length=2)
        points.append((expect_sympy(px, name=f"{name}[{i}][0]"), expect_sympy(py, name=f"{name}[{i}][1]")))
    values = [tuple(expect_real(c, name=f"a coordinate of {name}") for c in p) for p in points]
    targets = [tuple(complex(sp.N(c)) for c in p) for p in want]

    def close(u, v):
        return all(abs(ui - vi) <= 1e-9 * (1 + abs(vi)) for ui, vi in zip(u, v))

    for order in ((0, 1), (1, 0)):
        if close(values[order[0]], targets[0]) and close(values[order[1]], targets[1]):
            for i, j in enumerate(order):  # exact check (no decimals: sqrt(13), not 3.6055...), in the matched order
                assert_equivalent(points[j][0], want[i][0], name=f"a point of {name}", exact=True)
                assert_equivalent(points[j][1], want[i][1], name=f"a point of {name}", exact=True)
            return
    fail(f"{name} are not at the correct positions")


def check_line_pair(got, want, name):
    if type(got) is not list:
        fail(f"{name} should be a list of two expressions in x, got {type(got).__name__}")
    check(len(got) == 2, f"{name} should have 2 lines, got {len(got)}")
    lines = [expect_expr(item, name=f"{name}[{i}]", symbols=(x,)) for i, item in enumerate(got)]
    probes = (sp.Rational(-13, 10), sp.Rational(2, 5), sp.Rational(27, 10))

    def close(u, v):
        try:
            return all(abs(complex(sp.N(u.subs(x, p))) - complex(sp.N(v.subs(x, p)))) <= 1e-9 * (1 + abs(complex(sp.N(v.subs(x, p))))) for p in probes)
        except (TypeError, ValueError):
            return False

    for order in ((0, 1), (1, 0)):
        if close(lines[order[0]], want[0]) and close(lines[order[1]], want[1]):
            for i, j in enumerate(order):  # exact check, in the matched order
                assert_equivalent(lines[j], want[i], name=f"a line of {name}", exact=True)
            return
    fail(f"{name} are not the correct lines (check their slopes and that they pass through the center)")


# --- features from the general-form equation -------------------------------------------------------


@pytest.mark.grade(2, "Complete the square in x and in y, then divide by the right-hand side: a**2 is the positive denominator.", uses=["hyperbola_standard_form"])
def test_standard_form_horizontal(hyperbola_standard_form, rng):
    for _ in range(3):
        expr, h, k, a, b = hyperbola(rng, "horizontal")
        check_standard_form(hyperbola_standard_form(expr, x, y), h, k, a, b, "horizontal", name=f"the standard form of {expr} = 0")


@pytest.mark.grade(1, "When the y term carries the positive denominator, the hyperbola opens up and down: a goes with y.", uses=["hyperbola_standard_form"])
def test_standard_form_vertical(hyperbola_standard_form, rng):
    for _ in range(2):
        expr, h, k, a, b = hyperbola(rng, "vertical")
        check_standard_form(hyperbola_standard_form(expr, x, y), h, k, a, b, "vertical", name=f"the standard form of {expr} = 0")


@pytest.mark.grade(1, "Multiplying the equation by -1 changes no point of the curve: decide the orientation after dividing by G, not from the sign of A.", uses=["hyperbola_standard_form"])
def test_standard_form_negative_scale(hyperbola_standard_form, rng):
    for orientation in ORIENTATIONS:
        expr, h, k, a, b = hyperbola(rng, orientation, scale_sign=-1)
        check_standard_form(hyperbola_standard_form(expr, x, y), h, k, a, b, orientation, name=f"the standard form of {expr} = 0")


@pytest.mark.grade(1, "A transverse semi-axis of 1 or less is still a semi-axis: the orientation depends only on the sign of G / A (or G / C), not on its size.", uses=["hyperbola_standard_form"])
def test_standard_form_small_semi_axis(hyperbola_standard_form, rng):
    # a**2 = 1, 1/4 and 4/9, in both orientations: every scale of the drawing is possible
    for a2, orientation in ((1, "horizontal"), (sp.Rational(1, 4), "vertical"), (sp.Rational(4, 9), "horizontal"), (1, "vertical")):
        expr, h, k, a, b = hyperbola(rng, orientation, a2=a2)
        check_standard_form(hyperbola_standard_form(expr, x, y), h, k, a, b, orientation, name=f"the standard form of {expr} = 0")


@pytest.mark.grade(1, "The vertices sit a away from the center along the transverse axis.", uses=["vertices"])
def test_vertices(vertices, rng):
    for orientation in ORIENTATIONS:
        _, h, k, a, b = hyperbola(rng, orientation)
        want = [(h - a, k), (h + a, k)] if orientation == "horizontal" else [(h, k - a), (h, k + a)]
        check_point_pair(vertices(h, k, a, b, orientation), want, name=f"the vertices of a {orientation} hyperbola")


@pytest.mark.grade(2, "For a hyperbola c**2 = a**2 + b**2 (the ellipse has a**2 - b**2): the foci lie beyond the vertices.", uses=["foci"])
def test_foci(foci, rng):
    for orientation in ORIENTATIONS + ORIENTATIONS:
        _, h, k, a, b = hyperbola(rng, orientation)
        c = sp.sqrt(a**2 + b**2)
        want = [(h - c, k), (h + c, k)] if orientation == "horizontal" else [(h, k - c), (h, k + c)]
        check_point_pair(foci(h, k, a, b, orientation), want, name=f"the foci of a {orientation} hyperbola")


@pytest.mark.grade(1, "Asymptotes pass through the center with slopes +-b/a when the hyperbola opens left and right.", uses=["asymptotes"])
def test_asymptotes_horizontal(asymptotes, rng):
    for _ in range(2):
        _, h, k, a, b = hyperbola(rng, "horizontal")
        want = [k + b / a * (x - h), k - b / a * (x - h)]
        check_line_pair(asymptotes(h, k, a, b, "horizontal", x), want, name="the asymptotes of a horizontal hyperbola")


@pytest.mark.grade(1, "For a hyperbola opening up and down the slopes are +-a/b: a still belongs to the transverse (y) term.", uses=["asymptotes"])
def test_asymptotes_vertical(asymptotes, rng):
    for _ in range(2):
        while True:
            _, h, k, a, b = hyperbola(rng, "vertical")
            if a != b:  # a square hyperbola would hide a slip between a/b and b/a
                break
        want = [k + a / b * (x - h), k - a / b * (x - h)]
        check_line_pair(asymptotes(h, k, a, b, "vertical", x), want, name="the asymptotes of a vertical hyperbola")


# --- a hyperbola from its foci: locating a sound between two microphones ---------------------------


def tdoa_case(rng, vertical=False, sign=1, fraction=None):
    """Two microphones 8-16 cm apart and an arrival difference that is possible (``fraction`` of the
    largest one, drawn in 0.2-0.8 unless given; its sign is ``sign``); returns inputs and the truth."""
    p, q = sp.Integer(int(rng.integers(-10, 11))), sp.Integer(int(rng.integers(-10, 11)))
    separation = sp.Integer(int(rng.integers(8, 17)))
    s1, s2 = ((p, q), (p, q + separation)) if vertical else ((p, q), (p + separation, q))
    fraction = rng.uniform(0.2, 0.8) if fraction is None else fraction
    delta_t = sp.Integer(int(fraction * float(separation / SPEED))) * sign
    h, k = (s1[0] + s2[0]) / 2, (s1[1] + s2[1]) / 2
    a, c = abs(SPEED * delta_t) / 2, separation / 2
    b2 = c**2 - a**2
    want = (y - k) ** 2 / a**2 - (x - h) ** 2 / b2 - 1 if vertical else (x - h) ** 2 / a**2 - (y - k) ** 2 / b2 - 1
    return s1, s2, delta_t, want


@pytest.mark.grade(2, "The microphones are the foci: center at their midpoint, c = half their distance, 2a = speed * |delta_t|, b**2 = c**2 - a**2.", uses=["tdoa_hyperbola"])
def test_tdoa_hyperbola(tdoa_hyperbola, rng):
    for sign in (1, -1):  # the crackle reaches either microphone first: the same hyperbola
        s1, s2, delta_t, want = tdoa_case(rng, sign=sign)
        got = tdoa_hyperbola(s1, s2, delta_t, SPEED, x, y)
        assert_equivalent(got, want, name=f"the hyperbola for microphones at {s1} and {s2}, delta_t = {delta_t} us", exact=True)


@pytest.mark.grade(1, "A tiny arrival-time difference (a source near the perpendicular bisector, 2a well under 2 cm) is still a hyperbola: only 2a = 0 is not.", uses=["tdoa_hyperbola"])
def test_tdoa_hyperbola_small_path_difference(tdoa_hyperbola, rng):
    for sign, fraction in ((1, 0.05), (-1, 0.1)):
        s1, s2, delta_t, want = tdoa_case(rng, sign=sign, fraction=fraction)
        got = tdoa_hyperbola(s1, s2, delta_t, SPEED, x, y)
        assert_equivalent(got, want, name=f"the hyperbola for microphones at {s1} and {s2}, delta_t = {delta_t} us", exact=True)


@pytest.mark.grade(1, "Microphones on a vertical line make a hyperbola that opens up and down: the y term comes first.", uses=["tdoa_hyperbola"])
def test_tdoa_hyperbola_vertical_sensors(tdoa_hyperbola, rng):
    s1, s2, delta_t, want = tdoa_case(rng, vertical=True, sign=-1)
    got = tdoa_hyperbola(s1, s2, delta_t, SPEED, x, y)
    assert_equivalent(got, want, name=f"the hyperbola for microphones at {s1} and {s2}, delta_t = {delta_t} us", exact=True)


@pytest.mark.grade(1, "No hyperbola when 2a = 0 (a line) or 2a >= the sensors' distance (impossible): raise ValueError.", uses=["tdoa_hyperbola"])
def test_tdoa_hyperbola_impossible(tdoa_hyperbola, rng):
    s1, s2, _, _ = tdoa_case(rng)
    separation = s2[0] - s1[0]
    for delta_t, what in (
        (sp.Integer(0), "equal arrival times"),
        (separation / SPEED, "a path difference equal to the sensors' distance"),
        (-sp.Rational(13, 10) * separation / SPEED, "a path difference longer than the sensors' distance"),
    ):
        expect_raises(lambda: tdoa_hyperbola(s1, s2, delta_t, SPEED, x, y), ValueError, what=f"tdoa_hyperbola with {what}")


# --- 1/x relationships at the bedside ------------------------------------------------------------------


@pytest.mark.grade(1, "t1/2 = ln(2) V / CL: inversely proportional to clearance.", uses=["half_life"])
def test_half_life(half_life, rng):
    for _ in range(4):
        clearance, volume = float(rng.uniform(0.5, 12)), float(rng.uniform(10, 80))
        assert_close(half_life(clearance, volume), math.log(2) * volume / clearance,
                     name=f"the half-life for CL = {clearance:.2f} L/h, V = {volume:.1f} L", rtol=1e-9)


@pytest.mark.grade(2, "GFR is proportional to 1/creatinine, so the fraction lost is 1 - before/now, not the creatinine's relative rise.", uses=["gfr_fraction_lost"])
def test_gfr_fraction_lost(gfr_fraction_lost, rng):
    pairs = [(float(rng.uniform(0.6, 1.0)), float(rng.uniform(1.1, 4.0))) for _ in range(3)]
    pairs.append((float(rng.uniform(2.0, 3.0)), float(rng.uniform(1.0, 1.8))))  # recovery: creatinine falls
    for before, now in pairs:
        assert_close(gfr_fraction_lost(before, now), 1 - before / now, name=f"the GFR fraction lost from {before:.2f} to {now:.2f} mg/dL", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Boyle's law: P V is constant, and the pressure at depth counts the 1 atm of air above the water.", uses=["lung_volume_at_depth"])
def test_lung_volume_at_depth(lung_volume_at_depth, rng):
    volume = float(rng.uniform(4, 7))
    for depth in (0.0, float(rng.uniform(5, 15)), float(rng.uniform(20, 60))):
        assert_close(lung_volume_at_depth(volume, depth), volume / (1 + depth / 10), name=f"the lung volume at {depth:.1f} m", rtol=1e-9)
