"""Hidden graders for 18.01-lec12 (related rates).

Oracles: for `related_rate`, the rate solved by hand for each relation (sphere, Mosteller body
surface area, the lecture's radar geometry); for the clinical functions, sympy differentiates
the quantity along a path on which every input changes at its given rate, at t = 0 (e.g.
BMI(t) = (w + w' t) / (h + h' t)^2), which does not share the closed forms a learner writes.
Parameters are exact Rationals (for related_rate) or floats with realistic magnitudes (for the
clinical functions) from the seeded `rng`.

Exact numbers are compared numerically (30 significant digits, relative tolerance 1e-9) by
`assert_same_number` instead of simplifying a difference; expressions with symbols go through
`assert_equivalent`. One test asks for an exact answer (`assert_exact_number`), and one per
clinical function for a Python float (`expect_type`).
"""

import pytest
import sympy as sp

from autograde.checks import (
    assert_close,
    assert_equivalent,
    assert_exact_number,
    assert_same_number,
    expect_raises,
    expect_type,
)
from autograde.datasets.parameters import exact_rational as q

tau = sp.Symbol("tau")  # time along the oracle's path
h = sp.Symbol("h", positive=True)  # fluid level in the cone (cm)


def uniform(rng, low, high, digits=3):
    """A float parameter in [low, high], as a clinician would write it down."""
    return round(float(rng.uniform(low, high)), digits)


def exact(value):
    """The decimal a float was written as, as an exact Rational (0.1 -> 1/10)."""
    return sp.Rational(repr(float(value)))


def rate_along_path(quantity, inputs):
    """d/dt of quantity(*inputs(t)) at t = 0, each input moving linearly: value + rate * tau."""
    path = quantity(*(exact(value) + exact(rate) * tau for value, rate in inputs))
    return float(sp.diff(path, tau).subs(tau, 0).evalf(30))


# --- related_rate --------------------------------------------------------------------------------


@pytest.mark.grade(2, "Differentiate the relation with respect to t (chain rule: dV/dt = 4 pi r^2 dr/dt), then substitute and solve.", uses=["related_rate"])
def test_related_rate_sphere(related_rate, rng):
    V, r = sp.symbols("V r", positive=True)
    relation = V - sp.Rational(4, 3) * sp.pi * r**3  # an expression equal to 0
    radius, growth = q(rng, 0.5, 3, 10), q(rng, 0.01, 0.3, 100)
    now = {r: radius, V: sp.Rational(4, 3) * sp.pi * radius**3}
    got = related_rate(relation, now, {V: growth}, r)
    assert_same_number(got, growth / (4 * sp.pi * radius**2), name=f"dr/dt at r = {radius} cm, dV/dt = {growth} cm^3/day")
    shrink = -q(rng, 0.001, 0.02, 1000)
    got = related_rate(relation, now, {r: shrink}, V)
    assert_same_number(got, 4 * sp.pi * radius**2 * shrink, name=f"dV/dt at r = {radius} cm, dr/dt = {shrink} cm/day")


@pytest.mark.grade(2, "Accept an Eq(lhs, rhs) as well; when several quantities change, each brings its own term dF/dq * dq/dt.", uses=["related_rate"])
def test_related_rate_body_surface_area(related_rate, rng):
    B, h, w = sp.symbols("B h w", positive=True)  # Mosteller: BSA (m^2) from height (cm) and weight (kg)
    height, weight = q(rng, 100, 160, 1), q(rng, 15, 50, 2)
    height_rate, weight_rate = q(rng, 4, 8, 2), q(rng, 2, 5, 2)
    bsa = sp.sqrt(height * weight / 3600)
    want = bsa / 2 * (weight_rate / weight + height_rate / height)  # d ln B = (d ln h + d ln w) / 2
    now = {B: bsa, h: height, w: weight}
    what = f"a child of {height} cm, {weight} kg growing {height_rate} cm and {weight_rate} kg a year"
    for relation in (sp.Eq(B, sp.sqrt(h * w / 3600)), sp.Eq(3600 * B**2, h * w)):
        got = related_rate(relation, now, {h: height_rate, w: weight_rate}, B)
        assert_same_number(got, want, name=f"d(BSA)/dt for {what}")


@pytest.mark.grade(1, "A quantity of the relation that is not in `rates` is constant: its rate is 0 (do not look it up blindly); with no other quantity at all, the unknown's rate is 0.", uses=["related_rate"])
def test_related_rate_constant_quantity(related_rate, rng):
    # The lecture's radar: an ambulance on a straight road, the hospital set back `a` m from the road;
    # GPS gives the straight-line distance D to the hospital and how fast it shrinks.
    D, x, a = sp.symbols("D x a", positive=True)
    offset, along = q(rng, 50, 400, 1), q(rng, 300, 2000, 1)
    distance = sp.sqrt(along**2 + offset**2)
    closing = -q(rng, 10, 30, 1)  # m/s, 36-108 km/h
    got = related_rate(sp.Eq(D**2, x**2 + a**2), {D: distance, x: along, a: offset}, {D: closing}, x)
    assert_same_number(got, distance * closing / along, name=f"the ambulance's dx/dt {along} m along the road, {offset} m off it")
    # A tumour whose volume is already a number: the relation holds r alone, so r cannot change
    # (a sum of no terms must still be a sympy 0, e.g. sum(..., sympy.Integer(0))).
    r = sp.Symbol("r", positive=True)
    radius = q(rng, 0.5, 3, 10)
    relation = sp.Eq(sp.Rational(4, 3) * sp.pi * radius**3, sp.Rational(4, 3) * sp.pi * r**3)
    got = related_rate(relation, {r: radius}, {}, r)
    assert_same_number(got, 0, name=f"dr/dt of a tumour of radius {radius} cm whose volume is a fixed number")


@pytest.mark.grade(1, "Keep the answer exact: differentiate and solve in sympy (no float(), no evalf), so Rationals and pi stay exact.", uses=["related_rate"])
def test_related_rate_exact(related_rate, rng):
    V, r = sp.symbols("V r", positive=True)
    radius, growth = q(rng, 0.5, 3, 10), q(rng, 0.01, 0.3, 100)
    now = {r: radius, V: sp.Rational(4, 3) * sp.pi * radius**3}
    got = related_rate(sp.Eq(V, sp.Rational(4, 3) * sp.pi * r**3), now, {V: growth}, r)
    assert_exact_number(got, growth / (4 * sp.pi * radius**2), name=f"dr/dt at r = {radius} cm, dV/dt = {growth} cm^3/day")


@pytest.mark.grade(1, "Values left out stay symbols: the answer is then an expression (keep the symbols, no numbers invented).", uses=["related_rate"])
def test_related_rate_symbolic(related_rate):
    V, r, g = sp.symbols("V r g", positive=True)
    got = related_rate(sp.Eq(V, sp.Rational(4, 3) * sp.pi * r**3), {}, {V: g}, r)
    assert_equivalent(got, g / (4 * sp.pi * r**2), name="dr/dt of a sphere with symbolic r and dV/dt = g")


@pytest.mark.grade(1, "If dF/d(unknown) is 0 at the instant, the relation cannot give the unknown's rate: raise ValueError.", uses=["related_rate"])
def test_related_rate_undetermined(related_rate, rng):
    x, y = sp.symbols("x y")
    radius = int(rng.integers(3, 10))
    expect_raises(
        lambda: related_rate(x**2 + y**2 - radius**2, {x: radius, y: 0}, {x: 1}, y),
        ValueError,
        what=f"dy/dt on the circle of radius {radius} at y = 0",
    )


# --- the clinical cases ----------------------------------------------------------------------------


def sphere_diameter(volume):
    return (6 * volume / sp.pi) ** sp.Rational(1, 3)


@pytest.mark.grade(2, "dV/dt = (pi/2) D^2 dD/dt for a sphere of diameter D; radiologists report the diameter, not the radius.", uses=["tumour_diameter_rate"])
def test_tumour_diameter_rate(tumour_diameter_rate, rng):
    cases = [(uniform(rng, 0.5, 65), uniform(rng, 0.01, 0.3, 4)) for _ in range(2)]
    cases.append((uniform(rng, 5, 65), -uniform(rng, 0.05, 0.5, 4)))  # shrinking under treatment
    for volume, rate in cases:
        got = tumour_diameter_rate(volume, rate)
        want = rate_along_path(sphere_diameter, [(volume, rate)])
        assert_close(got, want, name=f"dD/dt for V = {volume} cm^3, dV/dt = {rate} cm^3/day", rtol=1e-9, atol=1e-15)


@pytest.mark.grade(2, "The fluid surface at level h has radius R h / H, not R: dV/dt = pi (R h / H)^2 dh/dt.", uses=["cone_level_rate"])
def test_cone_level_rate(cone_level_rate, rng):
    for full in (False, False, False, True):  # the last vessel is filled to the rim: h = H is allowed
        depth, rim = uniform(rng, 15, 25, 1), uniform(rng, 5, 10, 1)
        level, inflow = depth if full else uniform(rng, 1, depth, 2), uniform(rng, 0.5, 3, 2)
        got = cone_level_rate(inflow, level, rim, depth)
        # V(h) = pi R^2 h^3 / (3 H^2), so dV/dt = V'(h) dh/dt must equal the inflow.
        volume = sp.pi * exact(rim) ** 2 * h**3 / (3 * exact(depth) ** 2)
        want = float(exact(inflow) / sp.diff(volume, h).subs(h, exact(level)))
        what = f"{inflow} mL/min into a cone {depth} cm deep with a {rim} cm rim, filled to {level} cm"
        assert_close(got, want, name=f"dh/dt for {what}", rtol=1e-9, atol=1e-15)


@pytest.mark.grade(2, "Weight AND height change: differentiate w / h^2 with both as functions of time (quotient or product rule).", uses=["bmi_rate"])
def test_bmi_rate(bmi_rate, rng):
    for spurt in (False, False, False, True):  # the last child shoots up: the BMI falls
        weight, height = uniform(rng, 15, 60, 1), uniform(rng, 1.0, 1.7, 2)
        weight_rate, height_rate = uniform(rng, 1, 6, 1), uniform(rng, 0.03, 0.09, 3)
        if spurt:
            weight, height = uniform(rng, 40, 60, 1), uniform(rng, 1.0, 1.3, 2)
            weight_rate, height_rate = uniform(rng, 0.5, 1.5, 1), uniform(rng, 0.08, 0.12, 3)
        got = bmi_rate(weight, height, weight_rate, height_rate)
        want = rate_along_path(lambda w, h: w / h**2, [(weight, weight_rate), (height, height_rate)])
        what = f"{weight} kg, {height} m, gaining {weight_rate} kg and {height_rate} m a year"
        assert_close(got, want, name=f"d(BMI)/dt for {what}", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Q is proportional to r^4: a small relative change in radius makes four times that relative change in flow.", uses=["poiseuille_flow_rate"])
def test_poiseuille_flow_rate(poiseuille_flow_rate, rng):
    for sign in (-1, 1):  # vasoconstriction, vasodilation
        flow, radius = uniform(rng, 150, 700, 0), uniform(rng, 1, 3, 2)
        radius_rate = sign * uniform(rng, 0.002, 0.05, 4)
        got = poiseuille_flow_rate(flow, radius, radius_rate)
        want = rate_along_path(lambda r: exact(flow) * (r / exact(radius)) ** 4, [(radius, radius_rate)])
        what = f"Q = {flow} mL/min, r = {radius} mm, dr/dt = {radius_rate} mm/min"
        assert_close(got, want, name=f"dQ/dt for {what}", rtol=1e-9, atol=1e-12)


# --- the clinical functions return Python floats -----------------------------------------------


def python_float(function, args, what):
    """The answer of function(*args), which must be exactly a Python float (not a numpy.float64)."""
    return expect_type(function(*args), float, name=what, hint="plain arithmetic and the math module give one, numpy gives a numpy.float64")


@pytest.mark.grade(1, "Return a Python float: math.pi and ** give one (numpy's functions give a numpy.float64).", uses=["tumour_diameter_rate"])
def test_tumour_diameter_rate_returns_float(tumour_diameter_rate, rng):
    volume, rate = uniform(rng, 0.5, 65), uniform(rng, 0.01, 0.3, 4)
    got = python_float(tumour_diameter_rate, (volume, rate), f"dD/dt for V = {volume} cm^3")
    assert_close(got, rate_along_path(sphere_diameter, [(volume, rate)]), name=f"dD/dt for V = {volume} cm^3", rtol=1e-9, atol=1e-15)


@pytest.mark.grade(1, "Return a Python float: math.pi and ** give one (numpy's functions give a numpy.float64).", uses=["cone_level_rate"])
def test_cone_level_rate_returns_float(cone_level_rate, rng):
    depth, rim = uniform(rng, 15, 25, 1), uniform(rng, 5, 10, 1)
    level, inflow = uniform(rng, 1, depth, 2), uniform(rng, 0.5, 3, 2)
    got = python_float(cone_level_rate, (inflow, level, rim, depth), f"dh/dt at a level of {level} cm")
    want = float(exact(inflow) * exact(depth) ** 2 / (sp.pi * exact(rim) ** 2 * exact(level) ** 2))
    assert_close(got, want, name=f"dh/dt at a level of {level} cm", rtol=1e-9, atol=1e-15)


@pytest.mark.grade(1, "Return a Python float (plain arithmetic on floats gives one; numpy scalars give a numpy.float64).", uses=["bmi_rate"])
def test_bmi_rate_returns_float(bmi_rate, rng):
    weight, height = uniform(rng, 15, 60, 1), uniform(rng, 1.0, 1.7, 2)
    weight_rate, height_rate = uniform(rng, 1, 6, 1), uniform(rng, 0.03, 0.09, 3)
    got = python_float(bmi_rate, (weight, height, weight_rate, height_rate), f"d(BMI)/dt for {weight} kg, {height} m")
    want = rate_along_path(lambda w, h: w / h**2, [(weight, weight_rate), (height, height_rate)])
    assert_close(got, want, name=f"d(BMI)/dt for {weight} kg, {height} m", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, "Return a Python float (plain arithmetic on floats gives one; numpy scalars give a numpy.float64).", uses=["poiseuille_flow_rate"])
def test_poiseuille_flow_rate_returns_float(poiseuille_flow_rate, rng):
    flow, radius, radius_rate = uniform(rng, 150, 700, 0), uniform(rng, 1, 3, 2), -uniform(rng, 0.002, 0.05, 4)
    got = python_float(poiseuille_flow_rate, (flow, radius, radius_rate), f"dQ/dt for Q = {flow} mL/min, r = {radius} mm")
    want = rate_along_path(lambda r: exact(flow) * (r / exact(radius)) ** 4, [(radius, radius_rate)])
    assert_close(got, want, name=f"dQ/dt for Q = {flow} mL/min, r = {radius} mm", rtol=1e-9, atol=1e-12)
