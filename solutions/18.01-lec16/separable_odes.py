"""Separable differential equations (MIT 18.01, Lecture 16): elimination kinetics and growth models."""

from __future__ import annotations

import math

import sympy


def first_order_elimination(C0: sympy.Expr, k: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """The solution of dC/dt = -k C with C(0) = C0: separate, dC/C = -k dt, so ln C = -k t + c."""
    return C0 * sympy.exp(-k * t)


def elimination_constant(c1: float, t1: float, c2: float, t2: float) -> float:
    """k (1/h) from two levels of one first-order decay: c2 = c1 exp(-k (t2 - t1))."""
    return math.log(c1 / c2) / (t2 - t1)


def solve_separable(rate: sympy.Expr, y: sympy.Symbol, t: sympy.Symbol, t0: sympy.Expr, y0: sympy.Expr) -> sympy.Expr:
    """The solution y(t) of dy/dt = rate(t, y) with y(t0) = y0, for a separable rate g(t) h(y)."""
    Y = sympy.Function("Y")
    ode = sympy.Eq(Y(t).diff(t), rate.subs(y, Y(t)))
    solution = sympy.dsolve(ode, Y(t), ics={Y(t0): y0})
    return solution.rhs


def logistic_growth(N0: sympy.Expr, r: sympy.Expr, K: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """The solution of dN/dt = r N (1 - N/K) with N(0) = N0 (separation and partial fractions)."""
    N0, r, K = sympy.sympify(N0), sympy.sympify(r), sympy.sympify(K)  # exact, even for Python ints
    return K / (1 + (K - N0) / N0 * sympy.exp(-r * t))


def michaelis_menten_time(C0: sympy.Expr, C: sympy.Expr, Vmax: sympy.Expr, Km: sympy.Expr) -> sympy.Expr:
    """The time for dC/dt = -Vmax C / (Km + C) to bring the level from C0 down to C.

    Separate: (Km + C) / C dC = -Vmax dt; integrate from C0 to C: Km ln(C/C0) + (C - C0) = -Vmax t.
    """
    C0, C, Vmax, Km = (sympy.sympify(v) for v in (C0, C, Vmax, Km))  # exact, even for Python ints
    return (Km * sympy.log(C0 / C) + (C0 - C)) / Vmax
