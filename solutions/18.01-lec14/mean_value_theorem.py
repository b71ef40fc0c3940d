"""The mean value theorem (MIT 18.01, Lecture 14): average rates, the times that realise them, and bounds."""

from __future__ import annotations

import math

import sympy


def average_rate(f: sympy.Expr, t: sympy.Symbol, a: sympy.Expr, b: sympy.Expr) -> sympy.Expr:
    """The average rate of change of f over [a, b]: (f(b) - f(a)) / (b - a)."""
    return (f.subs(t, b) - f.subs(t, a)) / (b - a)


def mvt_points(f: sympy.Expr, t: sympy.Symbol, a: sympy.Expr, b: sympy.Expr) -> list[sympy.Expr]:
    """Every c strictly between a and b with f'(c) equal to the average rate over [a, b], ascending."""
    gap = sympy.diff(f, t) - average_rate(f, t, a, b)
    solutions = sympy.solveset(gap, t, sympy.Interval.open(a, b))
    return sorted(solutions)  # sympy orders exact real numbers by value


def mvt_time_exponential(c0: float, k: float, a: float, b: float) -> float:
    """The time in (a, b) when the falling level C0 exp(-k t) drops at exactly its average rate over [a, b]."""
    average = c0 * (math.exp(-k * b) - math.exp(-k * a)) / (b - a)
    # C'(c) = -k C0 exp(-k c) = average  =>  exp(-k c) = -average / (k C0)
    return -math.log(-average / (k * c0)) / k


def level_bounds(
    rate: sympy.Expr, t: sympy.Symbol, a: sympy.Expr, b: sympy.Expr, f_a: sympy.Expr
) -> tuple[sympy.Expr, sympy.Expr]:
    """Bounds on f(b) from f(a) and the range of f' = rate on [a, b]: f(a) + m (b - a) <= f(b) <= f(a) + M (b - a)."""
    critical = sympy.solveset(sympy.diff(rate, t), t, sympy.Interval.open(a, b))
    # a constant rate has no isolated critical points (solveset answers the whole interval)
    candidates = [a, b] + (list(critical) if isinstance(critical, sympy.FiniteSet) else [])
    values = [rate.subs(t, c) for c in candidates]
    return f_a + min(values) * (b - a), f_a + max(values) * (b - a)
