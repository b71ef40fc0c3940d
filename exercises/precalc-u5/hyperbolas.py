"""Hyperbolas and 1/x relationships (Khan Academy Precalculus, unit 5) with clinical inverse proportions.

A hyperbola centered at (h, k) opens either left-right ("horizontal"),
    (x - h)**2 / a**2 - (y - k)**2 / b**2 = 1,
or up-down ("vertical"),
    (y - k)**2 / a**2 - (x - h)**2 / b**2 = 1.
In both, a is the distance from the center to each vertex along the transverse axis (the axis
the branches open along), the foci lie c = sqrt(a**2 + b**2) from the center on that axis (not
sqrt(a**2 - b**2): that is the ellipse), and the asymptotes are the lines through the center with
slopes +-b/a (horizontal) or +-a/b (vertical). The curve y = K / x is a hyperbola too (turned by
45 degrees, asymptotes on the axes): every inverse proportion in medicine draws one.

Symbolic answers are sympy objects (checked for mathematical equivalence, so any correct form
passes); the clinical functions at the end take and return floats.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import math

import sympy


def hyperbola_standard_form(expr: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> tuple:
    """Center, a, b and orientation of the hyperbola expr = 0 given in general form.

    expr is A x**2 + C y**2 + D x + E y + F with A and C of opposite signs (no x*y term) and
    describes a genuine hyperbola (not a pair of lines). Complete the square in x and in y,
        A (x - h)**2 + C (y - k)**2 = G,
    then divide by G: the squared term that ends up with a positive denominator is the
    transverse one. It is "horizontal" when that is the x term (the branches open left and
    right), "vertical" when it is the y term. Beware: which of A, C is positive does not decide
    it alone; the sign of G matters too (multiplying expr by -1 describes the same curve).

    Args:
        expr: a polynomial of degree 2 in x and y with rational coefficients.
        x, y: the variables.

    Returns:
        the tuple (h, k, a, b, orientation): h, k, a, b exact sympy numbers (e.g. sqrt(7), not
        2.6457...) with a > 0, b > 0 (a is the transverse semi-axis, so a**2 is the positive
        denominator, which may be 1 or less), orientation the str "horizontal" or "vertical".

    Example: (x - 1)**2/16 - (y + 2)**2/9 = 1, multiplied by 144 and expanded.
        >>> x, y = sympy.symbols("x y")
        >>> hyperbola_standard_form(9*x**2 - 16*y**2 - 18*x - 64*y - 199, x, y)
        (1, -2, 4, 3, 'horizontal')
    """
    raise NotImplementedError


def vertices(h: sympy.Expr, k: sympy.Expr, a: sympy.Expr, b: sympy.Expr, orientation: str) -> list[tuple]:
    """The two vertices of the hyperbola with center (h, k), semi-axes a, b and this orientation.

    They lie a away from the center along the transverse axis (x-direction when "horizontal",
    y-direction when "vertical").

    Args:
        h, k, a, b: sympy numbers (a > 0, b > 0), as returned by hyperbola_standard_form.
        orientation: "horizontal" or "vertical".

    Returns:
        a list of two (x, y) tuples of exact sympy numbers, in either order.

    Example:
        >>> vertices(1, -2, 4, 3, "horizontal")
        [(-3, -2), (5, -2)]
    """
    raise NotImplementedError


def foci(h: sympy.Expr, k: sympy.Expr, a: sympy.Expr, b: sympy.Expr, orientation: str) -> list[tuple]:
    """The two foci of the hyperbola: c = sqrt(a**2 + b**2) from the center along the transverse axis.

    Args:
        h, k, a, b: sympy numbers (a > 0, b > 0).
        orientation: "horizontal" or "vertical".

    Returns:
        a list of two (x, y) tuples of sympy numbers (exact, e.g. sqrt(13)), in either order.

    Example:
        >>> foci(1, -2, 4, 3, "horizontal")
        [(-4, -2), (6, -2)]
    """
    raise NotImplementedError


def asymptotes(h: sympy.Expr, k: sympy.Expr, a: sympy.Expr, b: sympy.Expr, orientation: str, x: sympy.Symbol) -> list:
    """The two asymptotes of the hyperbola, each as an expression y(x) for the line y = y(x).

    Both pass through the center (h, k). Their slopes are +b/a and -b/a for a "horizontal"
    hyperbola, +a/b and -a/b for a "vertical" one (a always belongs to the transverse term).

    Args:
        h, k, a, b: sympy numbers (a > 0, b > 0).
        orientation: "horizontal" or "vertical".
        x: the symbol the lines are written in.

    Returns:
        a list of two exact sympy expressions in x (no decimals), in either order.

    Example:
        >>> x = sympy.Symbol("x")
        >>> h, k, a, b = sympy.Integer(1), sympy.Integer(-2), sympy.Integer(4), sympy.Integer(3)
        >>> [sympy.expand(line) for line in asymptotes(h, k, a, b, "horizontal", x)]
        [3*x/4 - 11/4, -3*x/4 - 5/4]
    """
    raise NotImplementedError


def tdoa_hyperbola(sensor1: tuple, sensor2: tuple, delta_t: sympy.Expr, speed: sympy.Expr,
                   x: sympy.Symbol, y: sympy.Symbol) -> sympy.Expr:
    """Where a sound can come from, given the difference in its arrival times at two sensors.

    Two chest microphones (an electronic-stethoscope array) hear the same crackle delta_t apart.
    The source is then (speed * |delta_t|) farther from one microphone than from the other: a
    constant difference of distances to two fixed points, which is the definition of a
    hyperbola with the sensors as its foci and 2a = speed * |delta_t|. Its center is the
    midpoint of the sensors, c is half their distance, and b**2 = c**2 - a**2. (The sign of
    delta_t only picks the branch; return the whole hyperbola.)

    Args:
        sensor1, sensor2: (x, y) positions in cm, sympy numbers, on one horizontal line (equal y)
            or one vertical line (equal x).
        delta_t: the arrival-time difference (microseconds), a sympy number, either sign.
        speed: the speed of sound in tissue (cm per microsecond, about 0.154).
        x, y: the symbols to write the equation in.

    Returns:
        the exact expression E (no decimals) with E = 0 on the hyperbola, normalised exactly as
        (x - h)**2/a**2 - (y - k)**2/b**2 - 1 for sensors on a horizontal line, or
        (y - k)**2/a**2 - (x - h)**2/b**2 - 1 for sensors on a vertical line.

    Raises:
        ValueError: if 2a is 0 (equal arrival times: the source is on the perpendicular
        bisector, a line) or 2a is at least the distance between the sensors (impossible: a
        path difference cannot exceed the sensors' separation).

    Example: microphones at (-5, 0) and (5, 0), speed 1/10 cm/us, arrival 60 us apart: 2a = 6 cm.
        >>> x, y = sympy.symbols("x y")
        >>> sympy.expand(tdoa_hyperbola((-5, 0), (5, 0), 60, sympy.Rational(1, 10), x, y))
        x**2/9 - y**2/16 - 1
    """
    raise NotImplementedError


def half_life(clearance: float, volume: float) -> float:
    """Elimination half-life (h) of a drug: t1/2 = ln(2) * V / CL.

    At a fixed volume of distribution the half-life is inversely proportional to clearance:
    t1/2 * CL = ln(2) * V is constant, so the points (CL, t1/2) lie on a hyperbola. Halve the
    clearance (renal failure) and the half-life doubles, and with it the time to steady state.

    Args:
        clearance: CL (L/h), > 0.
        volume: volume of distribution V (L), > 0.

    Returns:
        a float, hours.

    Example: gentamicin, CL = 5 L/h, V = 18 L.
        >>> round(half_life(5.0, 18.0), 3)
        2.495
    """
    raise NotImplementedError


def gfr_fraction_lost(creatinine_before: float, creatinine_now: float) -> float:
    """The fraction of glomerular filtration lost when the steady-state serum creatinine changes.

    Creatinine is made at a steady rate and cleared by filtration, so at steady state
    GFR * creatinine is constant: GFR is proportional to 1 / creatinine (a hyperbola). The
    fraction lost is 1 - GFR_now / GFR_before. Why clinicians care: on this curve a "small"
    rise from 0.8 to 1.2 mg/dL is a third of the kidney function gone, not a 50 % change in it.

    Args:
        creatinine_before, creatinine_now: serum creatinine (mg/dL), > 0.

    Returns:
        a float, the fraction of GFR lost (negative when creatinine fell: function regained).

    Example:
        >>> round(gfr_fraction_lost(0.8, 1.2), 4)
        0.3333
    """
    raise NotImplementedError


def lung_volume_at_depth(volume_surface: float, depth: float) -> float:
    """The gas volume (L) in a breath-hold diver's lungs at a depth, by Boyle's law (P V constant).

    The absolute pressure at depth d metres of seawater is 1 atm (the atmosphere above the
    surface) plus 1 atm for every 10 m of water: P = 1 + d / 10. The temperature is constant, so
    the volume is inversely proportional to the pressure, starting from volume_surface at 1 atm.

    Args:
        volume_surface: lung gas volume at the surface (L), > 0.
        depth: metres of seawater, >= 0.

    Returns:
        a float, litres.

    Example: 6 L at the surface is 2 L at 20 m (3 atm).
        >>> lung_volume_at_depth(6.0, 20.0)
        2.0
    """
    raise NotImplementedError
