"""Composite and inverse functions (Khan Academy Precalculus, unit 1) on dosing, assay and effect models."""

from __future__ import annotations

import math
from collections import Counter

import sympy


def compose(outer: sympy.Expr, inner: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """(outer o inner)(x) = outer(inner(x)): feed inner's output into outer."""
    return outer.subs(x, inner)


def effect_over_time(
    dose: sympy.Expr, volume: sympy.Expr, k: sympy.Expr, emax: sympy.Expr, ec50: sympy.Expr, t: sympy.Symbol
) -> sympy.Expr:
    """Drug effect at time t: the Emax model applied to the concentration of an intravenous bolus."""
    c = sympy.Dummy("c")
    concentration = dose / volume * sympy.exp(-k * t)
    effect = emax * c / (ec50 + c)
    return compose(effect, concentration, c)


def inverse_function(f: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> sympy.Expr:
    """The inverse of f as an expression in y: the solution x of y = f(x)."""
    solutions = sympy.solve(sympy.Eq(y, f), x)
    if len(solutions) != 1:
        raise ValueError(f"y = f(x) has {len(solutions)} solutions for x: f is not one-to-one on x's domain")
    return solutions[0]


def _is_identity(expr: sympy.Expr, x: sympy.Symbol) -> bool:
    return sympy.simplify(expr - x) == 0


def are_inverses(f: sympy.Expr, g: sympy.Expr, x: sympy.Symbol) -> bool:
    """True when f(g(x)) = x and g(f(x)) = x on the domain that x's assumptions describe."""
    return _is_identity(compose(f, g, x), x) and _is_identity(compose(g, f, x), x)


def _turning_points(f: sympy.Expr, x: sympy.Symbol) -> list:
    """Real zeros of f' where f' changes sign (odd multiplicity), in increasing order."""
    derivative = sympy.Poly(sympy.diff(f, x), x)
    multiplicity = Counter(sympy.real_roots(derivative))
    return sorted(root for root, count in multiplicity.items() if count % 2 == 1)


def is_invertible_on(f: sympy.Expr, x: sympy.Symbol, lo: sympy.Expr, hi: sympy.Expr) -> bool:
    """Whether the polynomial f is one-to-one on [lo, hi]: no turning point strictly inside."""
    return not any(lo < p < hi for p in _turning_points(f, x))


def invertible_branch(f: sympy.Expr, x: sympy.Symbol, x0: sympy.Expr) -> sympy.Interval:
    """The largest interval around x0 on which the polynomial f is one-to-one (closed at finite ends)."""
    turning = _turning_points(f, x)
    left = max((p for p in turning if p < x0), default=-sympy.oo)
    right = min((p for p in turning if p > x0), default=sympy.oo)
    return sympy.Interval(left, right)


def dose_rate_for_target(target: float, vmax: float, km: float) -> float:
    """Daily dose (mg/day) giving steady-state level `target` (mg/L) under Michaelis-Menten elimination."""
    if target < 0:
        raise ValueError("a target concentration cannot be negative")
    return vmax * target / (km + target)


def concentration_from_signal(signal: float, bottom: float, top: float, ec50: float, hill: float) -> float:
    """Read a concentration off a four-parameter logistic calibration curve (its inverse function)."""
    if not bottom <= signal < top:
        raise ValueError("the signal lies outside the range of the calibration curve")
    return ec50 * ((signal - bottom) / (top - signal)) ** (1 / hill)


def duration_of_effect(dose: float, volume: float, k: float, ec50: float, fraction: float) -> float:
    """Hours after an IV bolus until the effect falls to `fraction` of Emax (0.0 if it starts there or below)."""
    if not 0 < fraction < 1:
        raise ValueError("fraction must lie strictly between 0 and 1")
    threshold = ec50 * fraction / (1 - fraction)  # inverse of the Emax model: the concentration needed
    initial = dose / volume
    # inverse of the exponential decay; an effect that starts at or below the fraction needs no time
    return max(0.0, math.log(initial / threshold) / k)
