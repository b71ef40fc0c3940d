"""Chain rule and higher derivatives (MIT 18.01, Lecture 4): dose -> concentration -> effect, rhythms, tumour growth."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import sympy


def chain_rule(outer: sympy.Expr, inner: sympy.Expr, u: sympy.Symbol, x: sympy.Symbol) -> sympy.Expr:
    """d/dx outer(inner(x)) = outer'(inner(x)) * inner'(x)."""
    outer_slope = sympy.diff(outer, u).subs(u, inner)  # the outer derivative, evaluated at the inner value
    return outer_slope * sympy.diff(inner, x)


def forward_chain(
    layers: Sequence[tuple[Callable[[float], float], Callable[[float], float]]], x0: float
) -> tuple[float, float]:
    """(value, derivative) at x0 of the composition of the layers (f, df), applied first to last."""
    value, slope = float(x0), 1.0
    for f, df in layers:
        slope *= df(value)  # each layer's derivative at that layer's own input
        value = f(value)
    return float(value), float(slope)


def higher_derivatives(expr: sympy.Expr, x: sympy.Symbol, n: int) -> list[sympy.Expr]:
    """[f, f', f'', ..., f^(n)]: n + 1 expressions, each the derivative of the one before."""
    if n < 0:
        raise ValueError("the order n must be >= 0")
    derivatives = [expr]
    for _ in range(n):
        derivatives.append(sympy.diff(derivatives[-1], x))
    return derivatives


def second_differences(times: Sequence[float], values: Sequence[float]) -> np.ndarray:
    """Three-point estimates of the second derivative at the interior samples (uneven spacing allowed)."""
    t = np.asarray(times, dtype=float)
    v = np.asarray(values, dtype=float)
    if t.ndim != 1 or t.shape != v.shape or t.size < 3:
        raise ValueError("need at least three samples, times and values of the same length")
    h = np.diff(t)
    if np.any(h <= 0):
        raise ValueError("sample times must be strictly increasing")
    slopes = np.diff(v) / h
    return 2 * np.diff(slopes) / (h[:-1] + h[1:])


def circadian_rate(mesor: sympy.Expr, amplitude: sympy.Expr, acrophase: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """dT/dt of T(t) = mesor + amplitude * cos(2 pi (t - acrophase) / 24), t in hours."""
    phase = 2 * sympy.pi * (t - acrophase) / 24
    return -amplitude * sympy.sin(phase) * sympy.diff(phase, t)  # outer' (at the inner) * inner'


def dose_sensitivity(
    dose: sympy.Expr,
    bioavailability: sympy.Expr,
    clearance: sympy.Expr,
    interval: sympy.Expr,
    emax: sympy.Expr,
    ec50: sympy.Expr,
    hill: sympy.Expr,
) -> sympy.Expr:
    """dE/dD for dose -> steady-state concentration -> Hill effect: dE/dC at Css(D) times dCss/dD."""
    c = sympy.Dummy("c")  # the concentration, a symbol of its own (no clash with the caller's symbols)
    effect = emax * c**hill / (ec50**hill + c**hill)
    concentration = bioavailability * dose / (clearance * interval)
    d_concentration = bioavailability / (clearance * interval)  # dCss/dD, mg/L per mg
    return sympy.diff(effect, c).subs(c, concentration) * d_concentration


def is_accelerating(volume: sympy.Expr, t: sympy.Symbol, t0: sympy.Expr) -> bool:
    """True when growth speeds up at t0: the second derivative V''(t0) is > 0."""
    acceleration = sympy.diff(volume, t, 2).subs(t, t0)
    return bool(acceleration > 0)
