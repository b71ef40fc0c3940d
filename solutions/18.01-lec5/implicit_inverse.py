"""Implicit differentiation and inverse functions (MIT 18.01, Lecture 5), on drug-combination and assay models."""

from __future__ import annotations

import sympy


def implicit_derivative(F: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> sympy.Expr:
    """dy/dx along the curve F(x, y) = 0: differentiate F(x, y(x)) = 0 and solve, dy/dx = -F_x / F_y."""
    return -sympy.diff(F, x) / sympy.diff(F, y)


def tangent_line(F: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol, x0: sympy.Expr, y0: sympy.Expr) -> sympy.Expr:
    """The tangent line y = y0 + m (x - x0) to F(x, y) = 0 at the point (x0, y0) of the curve."""
    point = {x: x0, y: y0}
    if sympy.simplify(F.subs(point)) != 0:
        raise ValueError("the point is not on the curve F(x, y) = 0")
    if sympy.simplify(sympy.diff(F, y).subs(point)) == 0:
        raise ValueError("F_y = 0 at this point: the tangent is vertical, it is not a line y = y0 + m (x - x0)")
    slope = implicit_derivative(F, x, y).subs(point)
    return y0 + slope * (x - x0)


def second_implicit_derivative(F: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> sympy.Expr:
    """d^2y/dx^2 along F(x, y) = 0, in terms of x and y: differentiate y' again, with y a function of x."""
    slope = implicit_derivative(F, x, y)
    # d/dx of slope(x, y(x)) by the chain rule: the partial in x plus the partial in y times y'.
    return sympy.diff(slope, x) + sympy.diff(slope, y) * slope


def isobole_dose_exchange(A: sympy.Expr, B: sympy.Expr, alpha: sympy.Expr, a: sympy.Expr) -> sympy.Expr:
    """db/da along the isobole a/A + b/B + alpha a b / (A B) = 1, at dose a of drug A (mg of B per mg of A)."""
    dose_a, dose_b = sympy.Dummy(), sympy.Dummy()  # the two doses, distinct from every symbol the caller uses
    isobole = dose_a / A + dose_b / B + alpha * dose_a * dose_b / (A * B) - 1
    partner = sympy.solve(isobole, dose_b)[0]  # the dose of B that completes the combination
    partner = partner.subs(dose_a, a)
    return implicit_derivative(isobole, dose_a, dose_b).subs({dose_a: a, dose_b: partner})


def inverse_function(
    f: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol, x_range: tuple[sympy.Expr, sympy.Expr]
) -> sympy.Expr:
    """x = g(y), the inverse of y = f(x) on x_range, where f is strictly monotone."""
    lo, hi = sympy.sympify(x_range)
    middle = (lo + hi) / 2
    level = f.subs(x, middle)
    # sympy.solve lists every candidate (negative and complex roots, the other branch). f is one-to-one
    # on x_range, so the inverse is the candidate that sends f(middle) to a real number inside x_range
    # (back to middle); chop drops the tiny imaginary part a real root written with I evaluates to.
    for g in sympy.solve(sympy.Eq(f, y), x):
        if sympy.N(g.subs(y, level), chop=True) in sympy.Interval.open(lo, hi):
            return g
    raise ValueError("no solution of f(x) = y that sympy finds maps back into x_range")


def inverse_derivative(
    f: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol, x_range: tuple[sympy.Expr, sympy.Expr]
) -> sympy.Expr:
    """g'(y) for the inverse g of f on x_range: g'(y) = 1 / f'(g(y)), as an expression in y."""
    g = inverse_function(f, x, y, x_range)
    return 1 / sympy.diff(f, x).subs(x, g)
