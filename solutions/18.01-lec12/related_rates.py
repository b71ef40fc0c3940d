"""Related rates (MIT 18.01, Lecture 12): growing tumours, filling vessels, growing children, narrowing vessels."""

from __future__ import annotations

import math

import sympy


def related_rate(
    relation: sympy.Expr | sympy.Equality,
    values: dict[sympy.Symbol, sympy.Expr],
    rates: dict[sympy.Symbol, sympy.Expr],
    unknown: sympy.Symbol,
) -> sympy.Expr:
    """d(unknown)/dt at the instant described by `values`, from a relation between time-varying quantities."""
    if isinstance(relation, sympy.Equality):
        relation = relation.lhs - relation.rhs
    # Every quantity q depends on t; d/dt F(q1(t), ..., qn(t)) = sum of dF/dq * dq/dt = 0 (chain rule).
    known = sum(
        (sympy.diff(relation, q) * rates.get(q, 0) for q in relation.free_symbols if q != unknown),
        sympy.Integer(0),
    )
    slope = sympy.diff(relation, unknown).subs(values)
    if sympy.simplify(slope) == 0:
        raise ValueError("the relation does not determine the rate of the unknown at this instant")
    return sympy.simplify(-known.subs(values) / slope)


def tumour_diameter_rate(volume: float, volume_rate: float) -> float:
    """dD/dt (cm/day) of a spherical tumour of `volume` cm^3 whose volume changes at `volume_rate` cm^3/day."""
    diameter = 2 * (3 * volume / (4 * math.pi)) ** (1 / 3)
    # V = pi D^3 / 6, so dV/dt = (pi / 2) D^2 dD/dt.
    return 2 * volume_rate / (math.pi * diameter**2)


def cone_level_rate(inflow: float, level: float, top_radius: float, depth: float) -> float:
    """dh/dt (cm/min) of the fluid level h in a tip-down conical vessel filled at `inflow` mL/min."""
    radius = top_radius * level / depth  # similar triangles: the surface radius at level h
    # V = (pi / 3) r^2 h with r = R h / H, so dV/dt = pi r^2 dh/dt: the inflow spreads over the surface.
    return inflow / (math.pi * radius**2)


def bmi_rate(weight: float, height: float, weight_rate: float, height_rate: float) -> float:
    """d(BMI)/dt (kg/m^2 per year) of a growing child: BMI = w / h^2."""
    return weight_rate / height**2 - 2 * weight * height_rate / height**3


def poiseuille_flow_rate(flow: float, radius: float, radius_rate: float) -> float:
    """dQ/dt (mL/min per min) of the flow through a vessel whose radius changes, pressure and length fixed."""
    # Q = k r^4, so dQ/dt = 4 k r^3 dr/dt = 4 Q (dr/dt) / r.
    return 4 * flow * radius_rate / radius
