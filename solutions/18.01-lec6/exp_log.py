"""Exponentials, logarithms and logarithmic differentiation (MIT 18.01, Lecture 6), on drug levels and growth laws."""

from __future__ import annotations

import math

import sympy


def first_order_level(C0: sympy.Expr, t_half: sympy.Expr, t: sympy.Expr) -> sympy.Expr:
    """C(t) = C0 exp(-k t) with k = ln 2 / t_half: the level halves every half-life."""
    k = sympy.log(2) / t_half
    return C0 * sympy.exp(-k * t)


def elimination_rate(c1: float, t1: float, c2: float, t2: float) -> float:
    """k (1/h) from two levels of a first-order decline: c2 = c1 exp(-k (t2 - t1)), so k = ln(c1/c2) / (t2 - t1)."""
    if min(c1, c2) <= 0:
        raise ValueError("concentrations must be positive to take their logarithm")
    if t1 == t2:
        raise ValueError("two levels drawn at the same time cannot give a rate")
    return math.log(c1 / c2) / (t2 - t1)


def half_life(k: float) -> float:
    """t_half = ln 2 / k (h), for an elimination rate constant k > 0 (1/h)."""
    if k <= 0:
        raise ValueError("only a positive elimination rate has a half-life")
    return math.log(2) / k


def time_to_threshold(C0: float, k: float, threshold: float) -> float:
    """Hours until C0 exp(-k t) falls to threshold: t = ln(C0 / threshold) / k, or 0.0 if it already has."""
    if k <= 0 or threshold <= 0:
        raise ValueError("the level reaches the threshold only for k > 0 and a positive threshold")
    if C0 <= threshold:
        return 0.0
    return math.log(C0 / threshold) / k


def log_derivative(f: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """(ln f)' = f'/f: take the logarithm first, so products become sums and powers become factors."""
    return sympy.diff(sympy.expand_log(sympy.log(f), force=True), x)


def derivative_by_logs(f: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """f' = f (ln f)', logarithmic differentiation (it handles variable exponents such as x**x)."""
    return f * log_derivative(f, x)


def elasticity(f: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """x f'/f = d ln f / d ln x: the percent change of f per percent change of x."""
    return x * log_derivative(f, x)
