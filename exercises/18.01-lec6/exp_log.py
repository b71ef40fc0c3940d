"""Exponentials, logarithms and logarithmic differentiation (MIT 18.01, Lecture 6), on drug levels and growth laws.

Most drugs leave the plasma by first-order elimination: the rate of elimination is proportional
to the level, dC/dt = -k C, so C(t) = C0 exp(-k t). The natural logarithm undoes the exponential,
which turns every question about such a curve (what is k, when does the level fall below a
threshold) into arithmetic with ln. Logarithms also turn products into sums and powers into
factors, so differentiating ln f is often easier than differentiating f: (ln f)' = f'/f, and
then f' = f (ln f)'. That is logarithmic differentiation, the lecture's way to differentiate
x**x.

Units: concentrations in mg/L, times in hours (h), rate constants in 1/h. `math.log` is the
natural logarithm ln; `math.log10` is not the one used here.

`first_order_level` takes exact numbers (int, sympy.Rational) or sympy symbols and returns a
sympy expression, exact for exact numbers; the next three work on plain numbers (int or float)
and return a Python float; the last three take sympy expressions and return sympy expressions,
checked for mathematical equality, so any correct form passes.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import math

import sympy


def first_order_level(C0: sympy.Expr, t_half: sympy.Expr, t: sympy.Expr) -> sympy.Expr:
    """The plasma level C(t) (mg/L) of a drug eliminated by first-order kinetics, from its half-life.

    C(t) = C0 exp(-k t), where the elimination rate constant k (1/h) is the one for which the
    level halves every t_half hours: C(t + t_half) = C(t) / 2.

    Args:
        C0: the level at t = 0 (mg/L).
        t_half: the elimination half-life (h), > 0.
        t: the time (h): a number or a sympy symbol.
        Each may be a number (int, sympy.Rational) or a sympy symbol.

    Returns:
        C(t) as a sympy expression; when all three are numbers it is an exact sympy number
        (2, not 2.0: use sympy.log and sympy.exp, not math.log and floats).

    Example: 8 mg/L, half-life 6 h, after 12 h (two half-lives).
        >>> first_order_level(8, 6, 12)
        2
    """
    raise NotImplementedError


def elimination_rate(c1: float, t1: float, c2: float, t2: float) -> float:
    """The elimination rate constant k (1/h) from two levels of the same first-order decline.

    The levels satisfy c2 = c1 exp(-k (t2 - t1)) (for example a peak and a trough drawn
    between two doses of gentamicin). The two samples may be given in either order.

    Args:
        c1, c2: the measured levels (mg/L).
        t1, t2: the times they were drawn (h).

    Returns:
        k as a float (1/h); positive for a falling level.

    Raises:
        ValueError: if a level is <= 0 (no logarithm) or t1 == t2.

    Example: 8 mg/L at 1 h, 2 mg/L at 9 h (two half-lives in 8 h).
        >>> round(elimination_rate(8.0, 1.0, 2.0, 9.0), 4)
        0.1733
    """
    raise NotImplementedError


def half_life(k: float) -> float:
    """The elimination half-life (h) for an elimination rate constant k (1/h).

    Args:
        k: the first-order elimination rate constant, 1/h.

    Returns:
        the time (a float, h) for the level to halve.

    Raises:
        ValueError: if k <= 0 (a level that does not fall has no half-life).

    Example:
        >>> round(half_life(0.1), 3)
        6.931
    """
    raise NotImplementedError


def time_to_threshold(C0: float, k: float, threshold: float) -> float:
    """How long (h) until a level C0 eliminated at rate k falls to threshold: when to redose safely.

    Solve C0 exp(-k t) = threshold for t (for gentamicin, wait until the trough is below
    1 mg/L before the next dose).

    Args:
        C0: the level now (mg/L), > 0.
        k: the elimination rate constant (1/h).
        threshold: the level to wait for (mg/L).

    Returns:
        t (h) as a float; 0.0 if the level is already at or below the threshold (C0 <= threshold).

    Raises:
        ValueError: if k <= 0 or threshold <= 0 (the level would never get there).

    Example: from 8 mg/L with a 4 h half-life to 1 mg/L takes three half-lives.
        >>> round(time_to_threshold(8.0, math.log(2) / 4, 1.0), 6)
        12.0
    """
    raise NotImplementedError


def log_derivative(f: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """The logarithmic derivative (ln f)' = f'/f: the relative rate of change of f per unit of x.

    For a tumour volume V(t) it is the relative growth rate (per day); for a first-order level
    it is the constant -k. Take ln f, expand it (sympy.expand_log(..., force=True) turns ln of a
    product into a sum of ln's), then differentiate.

    Args:
        f: a positive sympy expression in x (and possibly other symbols).
        x: the variable.

    Returns:
        f'/f as a sympy expression.

    Example:
        >>> x = sympy.Symbol("x", positive=True)
        >>> log_derivative(x**2 * sympy.exp(3 * x), x)
        3 + 2/x
    """
    raise NotImplementedError


def derivative_by_logs(f: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """The derivative f' by logarithmic differentiation: f' = f (ln f)'.

    This is the way to differentiate a variable base to a variable power, u(x)**v(x), where
    neither the power rule (constant exponent) nor the exponential rule (constant base) applies.

    Args:
        f: a positive sympy expression in x.
        x: the variable.

    Returns:
        f' as a sympy expression.

    Example: the lecture's x**x.
        >>> x = sympy.Symbol("x", positive=True)
        >>> derivative_by_logs(x**x, x)
        x**x*(log(x) + 1)
    """
    raise NotImplementedError


def elasticity(f: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """The elasticity of f with respect to x: x f'/f = d(ln f)/d(ln x).

    It is the percent change of f per 1 % change of x, without units: an allometric clearance
    CL = CL_70 (W/70)**0.75 has elasticity 0.75 with respect to weight W at every weight.

    Args:
        f: a positive sympy expression in x.
        x: the variable (positive).

    Returns:
        x f'/f as a sympy expression.

    Example:
        >>> W = sympy.Symbol("W", positive=True)
        >>> elasticity(6 * (W / 70) ** sympy.Rational(3, 4), W)
        3/4
    """
    raise NotImplementedError
