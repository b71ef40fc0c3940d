"""Related rates (MIT 18.01, Lecture 12): growing tumours, filling vessels, growing children, narrowing vessels.

The method of the lecture: write the relation between the quantities, differentiate BOTH sides
with respect to time t (every quantity is a function of t, so the chain rule brings in its
rate), and only THEN substitute the values at the instant you care about. Substituting first
turns a quantity into a constant and loses its rate.

`related_rate` does this for any relation, in sympy. The other functions are the clinical
cases worked by hand: they take plain numbers (floats) and return a Python float, in the units
stated.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import math

import sympy


def related_rate(
    relation: sympy.Expr | sympy.Equality,
    values: dict[sympy.Symbol, sympy.Expr],
    rates: dict[sympy.Symbol, sympy.Expr],
    unknown: sympy.Symbol,
) -> sympy.Expr:
    """The rate of change d(unknown)/dt at one instant, from a relation linking quantities that all vary in time.

    Args:
        relation: how the quantities are linked: a sympy expression that equals 0, or a sympy
            Eq(lhs, rhs). Its symbols are the quantities (e.g. V and r for V = 4/3 pi r^3).
        values: {symbol: value} the value of each quantity at the instant (sympy numbers or
            expressions). A quantity left out stays a symbol in the answer.
        rates: {symbol: rate} d/dt of each quantity other than `unknown` at the instant. A
            quantity of the relation that is not in `rates` is constant (its rate is 0).
        unknown: the symbol whose rate is wanted.

    Returns:
        d(unknown)/dt at the instant, a sympy expression (a number when everything is numeric;
        exact, without decimals, when the relation, values and rates are exact). A relation in
        `unknown` alone (no other quantity in it) keeps it constant: its rate is 0.

    Raises:
        ValueError: if the relation does not determine that rate at this instant, i.e. the
        relation's derivative with respect to `unknown` is 0 there (x**2 + y**2 = 25 at y = 0
        cannot tell how fast y changes).

    Example: a spherical tumour of radius 1.5 cm grows by 0.2 cm^3 per day; how fast does its radius grow?
        >>> V, r = sympy.symbols("V r")
        >>> related_rate(sympy.Eq(V, sympy.Rational(4, 3) * sympy.pi * r**3),
        ...              {r: sympy.Rational(3, 2), V: sympy.pi * sympy.Rational(9, 2)},
        ...              {V: sympy.Rational(1, 5)}, r)      # cm/day, about 0.0071
        1/(45*pi)
    """
    raise NotImplementedError


def tumour_diameter_rate(volume: float, volume_rate: float) -> float:
    """How fast the diameter of a spherical tumour changes, as a radiologist measures it.

    Args:
        volume: the tumour's current volume V in cm^3 (> 0), a sphere: V = (4/3) pi r^3.
        volume_rate: dV/dt in cm^3/day (negative while it shrinks under treatment).

    Returns:
        dD/dt, the rate of change of the DIAMETER D = 2 r, in cm/day (a Python float).

    Example: a 4.19 cm^3 tumour (D = 2 cm) growing by 0.05 cm^3/day.
        >>> round(tumour_diameter_rate(4 / 3 * math.pi, 0.05), 5)     # cm/day: about 2.4 mm a month
        0.00796
    """
    raise NotImplementedError


def cone_level_rate(inflow: float, level: float, top_radius: float, depth: float) -> float:
    """How fast the fluid level rises in a conical collection vessel (tip down) filled at a constant rate.

    The vessel is a cone standing on its tip: `depth` H (cm) from tip to rim, rim radius R (cm).
    With fluid up to a level h above the tip, the fluid is a cone of radius r = R h / H and
    volume (pi / 3) r^2 h. A urinary catheter drains into it at `inflow` mL/min (1 mL = 1 cm^3).

    Args:
        inflow: dV/dt in mL/min (> 0).
        level: the current level h in cm, 0 < h <= H.
        top_radius: R in cm.
        depth: H in cm.

    Returns:
        dh/dt in cm/min (a Python float). The level rises fast while the vessel is nearly empty and
        slower as the surface widens.

    Example: 1.5 mL/min into a cone 20 cm deep with a 6 cm rim, filled to 10 cm.
        >>> round(cone_level_rate(1.5, 10.0, 6.0, 20.0), 5)         # cm/min
        0.05305
    """
    raise NotImplementedError


def bmi_rate(weight: float, height: float, weight_rate: float, height_rate: float) -> float:
    """How fast a growing child's body-mass index changes: BMI = weight / height^2.

    Args:
        weight: w in kg; height: h in m;
        weight_rate: dw/dt in kg/year; height_rate: dh/dt in m/year (both change together).

    Returns:
        d(BMI)/dt in kg/m^2 per year (a Python float); negative when height gains outpace weight
        gains.

    Example: 30 kg, 1.30 m, gaining 3 kg and 6 cm a year.
        >>> round(bmi_rate(30.0, 1.30, 3.0, 0.06), 4)               # kg/m^2 per year
        0.1365
    """
    raise NotImplementedError


def poiseuille_flow_rate(flow: float, radius: float, radius_rate: float) -> float:
    """How fast blood flow through a vessel changes as its radius changes (Poiseuille's law).

    Q = pi * dP * r^4 / (8 * eta * L): with the pressure drop dP, the viscosity eta and the
    length L fixed, the flow Q is proportional to r^4.

    Args:
        flow: the current flow Q in mL/min (> 0).
        radius: the current radius r in mm (> 0).
        radius_rate: dr/dt in mm/min (negative for vasoconstriction).

    Returns:
        dQ/dt in mL/min per minute (a Python float).

    Example: 250 mL/min through a 1.5 mm artery constricting by 0.01 mm/min.
        >>> round(poiseuille_flow_rate(250.0, 1.5, -0.01), 4)
        -6.6667
    """
    raise NotImplementedError
