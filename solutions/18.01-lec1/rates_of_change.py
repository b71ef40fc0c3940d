"""The derivative as a rate of change (MIT 18.01, Lecture 1), on sampled vital signs, lab trends and growth curves."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import sympy


def average_rates(times: Sequence[float], values: Sequence[float]) -> np.ndarray:
    """Slopes of the secant lines between consecutive samples: (v[i+1] - v[i]) / (t[i+1] - t[i])."""
    t = np.asarray(times, dtype=float)
    v = np.asarray(values, dtype=float)
    if t.ndim != 1 or t.shape != v.shape:
        raise ValueError("times and values must be 1-d and of the same length")
    if t.size < 2:
        raise ValueError("a rate of change needs at least two samples")
    dt = np.diff(t)
    if np.any(dt <= 0):
        raise ValueError("sample times must be strictly increasing")
    return np.diff(v) / dt


def fastest_decline(times: Sequence[float], values: Sequence[float]) -> tuple[float, float]:
    """(start, end) of the sampling interval over which the value falls fastest (most negative rate)."""
    rates = average_rates(times, values)
    i = int(np.argmin(rates))  # the first one on ties
    if rates[i] >= 0:
        raise ValueError("the value never falls between two samples")
    return float(times[i]), float(times[i + 1])


def difference_quotients(f: Callable[[float], float], t0: float, steps: Sequence[float]) -> np.ndarray:
    """Forward difference quotients (f(t0 + h) - f(t0)) / h, one for each step h."""
    if any(h == 0 for h in steps):
        raise ValueError("a step h = 0 gives 0/0")
    base = f(t0)
    return np.array([(f(t0 + h) - base) / h for h in steps], dtype=float)


def derivative_from_definition(f: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """f'(t) the way Lecture 1 computes it: simplify the difference quotient algebraically, then let h = 0."""
    h = sympy.Dummy("h")
    quotient = sympy.cancel((f.subs(t, t + h) - f) / h)  # the factor h cancels: no more 0/0
    return quotient.subs(h, 0)


def polynomial_derivative(coeffs: Sequence[float]) -> np.ndarray:
    """Ascending coefficients of p'(t), by the power rule d/dt t^k = k t^(k-1)."""
    c = np.asarray(coeffs, dtype=float)
    if c.ndim != 1 or c.size == 0:
        raise ValueError("give at least one coefficient, in a 1-d sequence")
    if c.size == 1:
        return np.zeros(1)
    return c[1:] * np.arange(1, c.size)


def tangent_line(f: sympy.Expr, t: sympy.Symbol, t0: sympy.Expr) -> sympy.Expr:
    """The tangent line to the curve y = f(t) at t = t0: f(t0) + f'(t0) (t - t0)."""
    slope = sympy.diff(f, t).subs(t, t0)
    return f.subs(t, t0) + slope * (t - t0)


def tangent_intercepts(f: sympy.Expr, t: sympy.Symbol, t0: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """(where the tangent at t0 crosses y = 0, its value at t = 0)."""
    slope = sympy.diff(f, t).subs(t, t0)
    if sympy.simplify(slope) == 0:
        raise ValueError("the tangent is horizontal: it never crosses zero")
    value = f.subs(t, t0)
    return t0 - value / slope, value - slope * t0
