"""Rational functions and their asymptotes (Khan Academy Precalculus, unit 4) on saturating clinical models."""

from __future__ import annotations

import sympy


def _fraction(expr: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """(numerator, denominator) of the fraction p / q as given, common factors NOT cancelled.

    Not sympy.together: it cancels common powers of x, which would hide a hole at x = 0.
    """
    return sympy.fraction(expr)


def _lowest_terms(expr: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """(numerator, denominator) after cancelling every common factor."""
    return sympy.fraction(sympy.cancel(sympy.together(expr)))


def _real_zeros(poly_expr: sympy.Expr, x: sympy.Symbol) -> list:
    """Distinct real zeros of a polynomial, in increasing order."""
    return sorted(set(sympy.real_roots(sympy.Poly(poly_expr, x))))


def vertical_asymptotes(expr: sympy.Expr, x: sympy.Symbol) -> list:
    """The x-values of the vertical asymptotes: real zeros of the denominator in lowest terms."""
    _, denominator = _lowest_terms(expr)
    return _real_zeros(denominator, x)


def removable_discontinuities(expr: sympy.Expr, x: sympy.Symbol) -> list[tuple]:
    """The holes (x0, y0): zeros of the denominator that cancel, with the value that fills each."""
    _, denominator = _fraction(expr)
    reduced_numerator, reduced_denominator = _lowest_terms(expr)
    reduced = reduced_numerator / reduced_denominator
    holes = []
    for x0 in _real_zeros(denominator, x):
        if reduced_denominator.subs(x, x0) != 0:
            holes.append((x0, reduced.subs(x, x0)))
    return holes


def horizontal_asymptote(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr | None:
    """The level y = L that expr approaches as x -> +-oo, or None when it grows without bound."""
    numerator, denominator = _lowest_terms(expr)
    top, bottom = sympy.Poly(numerator, x), sympy.Poly(denominator, x)
    if top.degree() < bottom.degree():
        return sympy.Integer(0)
    if top.degree() == bottom.degree():
        return sympy.simplify(top.LC() / bottom.LC())
    return None


def slant_asymptote(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr | None:
    """The oblique line m x + b that expr approaches, when the numerator's degree is one more than the denominator's."""
    numerator, denominator = _lowest_terms(expr)
    top, bottom = sympy.Poly(numerator, x), sympy.Poly(denominator, x)
    if top.degree() != bottom.degree() + 1:
        return None
    quotient, _ = sympy.div(top, bottom)
    return quotient.as_expr()


def elimination_rate(c: sympy.Expr, vmax: sympy.Expr, km: sympy.Expr, cl: sympy.Expr) -> sympy.Expr:
    """Mixed-order elimination rate (mg/h): a saturable Michaelis-Menten pathway plus a linear one."""
    saturable = vmax * c / (km + c)
    linear = cl * c
    return saturable + linear


def sodium_after_infusion(tbw: sympy.Expr, sodium0: sympy.Expr, sodium_in: sympy.Expr, v: sympy.Expr) -> sympy.Expr:
    """Serum sodium (mmol/L) after v litres of infusate mix into total body water (mixing model)."""
    return (tbw * sodium0 + v * sodium_in) / (tbw + v)


def volume_to_reach(tbw: float, sodium0: float, sodium_in: float, target: float) -> float:
    """Litres of infusate that bring serum sodium from sodium0 to target (the mixing model solved for v)."""
    low, high = sorted((sodium0, sodium_in))
    if not (low <= target <= high) or target == sodium_in:
        raise ValueError("the target is not between the current sodium and the infusate's (which is never reached)")
    return tbw * (target - sodium0) / (sodium_in - target)
