"""Hyperbolas and 1/x relationships (Khan Academy Precalculus, unit 5) with clinical inverse proportions."""

from __future__ import annotations

import math

import sympy


def hyperbola_standard_form(expr: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> tuple:
    """(h, k, a, b, orientation) of the hyperbola expr = 0, by completing the square in x and in y."""
    poly = sympy.Poly(sympy.expand(expr), x, y)
    A, C = poly.coeff_monomial(x**2), poly.coeff_monomial(y**2)
    D, E, F = poly.coeff_monomial(x), poly.coeff_monomial(y), poly.coeff_monomial(1)
    h, k = -D / (2 * A), -E / (2 * C)
    # A (x - h)**2 + C (y - k)**2 = G
    G = D**2 / (4 * A) + E**2 / (4 * C) - F
    if G / A > 0:
        return h, k, sympy.sqrt(G / A), sympy.sqrt(-G / C), "horizontal"
    return h, k, sympy.sqrt(G / C), sympy.sqrt(-G / A), "vertical"


def vertices(h: sympy.Expr, k: sympy.Expr, a: sympy.Expr, b: sympy.Expr, orientation: str) -> list[tuple]:
    """The two vertices: a away from the center along the transverse axis."""
    if orientation == "horizontal":
        return [(h - a, k), (h + a, k)]
    return [(h, k - a), (h, k + a)]


def foci(h: sympy.Expr, k: sympy.Expr, a: sympy.Expr, b: sympy.Expr, orientation: str) -> list[tuple]:
    """The two foci: c = sqrt(a**2 + b**2) away from the center along the transverse axis."""
    c = sympy.sqrt(a**2 + b**2)
    if orientation == "horizontal":
        return [(h - c, k), (h + c, k)]
    return [(h, k - c), (h, k + c)]


def asymptotes(h: sympy.Expr, k: sympy.Expr, a: sympy.Expr, b: sympy.Expr, orientation: str, x: sympy.Symbol) -> list:
    """The two asymptotes as expressions y(x) = k +- slope (x - h)."""
    slope = b / a if orientation == "horizontal" else a / b
    return [k + slope * (x - h), k - slope * (x - h)]


def tdoa_hyperbola(sensor1: tuple, sensor2: tuple, delta_t: sympy.Expr, speed: sympy.Expr,
                   x: sympy.Symbol, y: sympy.Symbol) -> sympy.Expr:
    """The hyperbola of possible sources for an arrival-time difference delta_t between two sensors (its foci)."""
    (x1, y1), (x2, y2) = sensor1, sensor2
    h, k = (x1 + x2) / sympy.Integer(2), (y1 + y2) / sympy.Integer(2)
    c = sympy.sqrt((x2 - x1) ** 2 + (y2 - y1) ** 2) / 2
    a = abs(speed * delta_t) / 2  # |distance to sensor 1 - distance to sensor 2| = 2a
    if not 0 < a < c:
        raise ValueError("the path difference must be positive and shorter than the distance between the sensors")
    b2 = c**2 - a**2
    if y1 == y2:
        return (x - h) ** 2 / a**2 - (y - k) ** 2 / b2 - 1
    return (y - k) ** 2 / a**2 - (x - h) ** 2 / b2 - 1


def half_life(clearance: float, volume: float) -> float:
    """Elimination half-life (h) from clearance (L/h) and volume of distribution (L): ln 2 * V / CL."""
    return math.log(2) * volume / clearance


def gfr_fraction_lost(creatinine_before: float, creatinine_now: float) -> float:
    """Fraction of GFR lost when steady-state serum creatinine rises (GFR is proportional to 1 / creatinine)."""
    return 1 - creatinine_before / creatinine_now


def lung_volume_at_depth(volume_surface: float, depth: float) -> float:
    """Gas volume (L) of a breath-hold diver's lungs at a depth (m of seawater), by Boyle's law."""
    pressure = 1 + depth / 10  # atm: the surface atmosphere plus 1 atm per 10 m of seawater
    return volume_surface / pressure
