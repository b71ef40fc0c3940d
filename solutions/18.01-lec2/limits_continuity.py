"""Limits and continuity in sympy (MIT 18.01, Lecture 2), on drug-concentration and vital-sign models."""

from __future__ import annotations

import sympy

LABELS = ("continuous", "removable", "jump", "infinite")


def infusion_concentration(R: sympy.Expr, k: sympy.Expr, V: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """Plasma concentration (mg/L) during a constant infusion: C(t) = R / (k V) * (1 - exp(-k t))."""
    return R / (k * V) * (1 - sympy.exp(-k * t))


def steady_state(concentration: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """The level the concentration settles at: its limit as t -> oo (may be oo itself)."""
    return sympy.limit(concentration, t, sympy.oo)


def one_sided_limits(expr: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """(limit from the left, limit from the right) of expr as x -> a."""
    left = sympy.limit(expr, x, a, dir="-")
    right = sympy.limit(expr, x, a, dir="+")
    return left, right


def _is_infinite(value: sympy.Expr) -> bool:
    return bool(value.is_infinite)


def _same(u: sympy.Expr, v: sympy.Expr) -> bool:
    return sympy.simplify(u - v) == 0


def removable_value(expr: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> sympy.Expr:
    """The value that fills the hole of expr at x = a: its finite two-sided limit there."""
    left, right = one_sided_limits(expr, x, a)
    if _is_infinite(left) or _is_infinite(right):
        raise ValueError("the expression blows up at this point: no value can make it continuous")
    if not _same(left, right):
        raise ValueError("the one-sided limits differ (a jump): no value can make it continuous")
    return left


def classify_discontinuity(expr: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> str:
    """One of LABELS: how expr behaves at x = a."""
    left, right = one_sided_limits(expr, x, a)
    if _is_infinite(left) or _is_infinite(right):
        return "infinite"
    if not _same(left, right):
        return "jump"
    value = expr.subs(x, a)  # nan or zoo where the formula is undefined at a
    if not _same(value, left):
        return "removable"
    return "continuous"


def difference_quotient(f: sympy.Expr, t: sympy.Symbol, h: sympy.Symbol) -> sympy.Expr:
    """Average rate of change of f over [t, t + h]: (f(t + h) - f(t)) / h."""
    return (f.subs(t, t + h) - f) / h


def instantaneous_rate(f: sympy.Expr, t: sympy.Symbol, t0: sympy.Expr) -> sympy.Expr:
    """f'(t0) as the limit of the difference quotient as h -> 0."""
    h = sympy.Dummy("h")
    quotient = difference_quotient(f, t, h).subs(t, t0)
    return sympy.limit(quotient, h, 0)
