"""Newton's method (MIT 18.01, Lecture 13): roots of equations in dosing, one tangent line at a time."""

from __future__ import annotations

import math
from typing import Callable

import sympy


def newton_map(f: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """The Newton iteration function N(x) = x - f(x) / f'(x)."""
    return x - f / sympy.diff(f, x)


def newton(
    f: Callable[[float], float],
    fprime: Callable[[float], float],
    x0: float,
    tol: float = 1e-10,
    max_iter: int = 50,
) -> list[float]:
    """The iterates [x0, x1, ..., xn] of x_{k+1} = x_k - f(x_k) / f'(x_k)."""
    iterates = [float(x0)]
    for _ in range(max_iter):
        x = iterates[-1]
        slope = fprime(x)
        if slope == 0:
            raise ValueError(f"f'({x}) = 0: the tangent line is horizontal and never meets the axis")
        step = f(x) / slope
        iterates.append(float(x - step))
        if abs(iterates[-1] - x) <= tol:
            break
    return iterates


def bsa_newton(height_cm: float, weight_kg: float, x0: float = 1.0, n_steps: int = 6) -> list[float]:
    """Newton's method on x**2 - a = 0, a = height * weight / 3600: the Mosteller body surface area (m^2)."""
    a = height_cm * weight_kg / 3600
    iterates = [float(x0)]
    for _ in range(n_steps):
        x = iterates[-1]
        iterates.append((x + a / x) / 2)
    return iterates


def oral_concentration(t: float, dose_mg: float, volume_l: float, ka: float, ke: float) -> float:
    """Plasma level (mg/L) t hours after an oral dose: one compartment, first-order absorption and elimination."""
    return dose_mg * ka / (volume_l * (ka - ke)) * (math.exp(-ke * t) - math.exp(-ka * t))


def crossing_time(
    dose_mg: float, volume_l: float, ka: float, ke: float, threshold: float, t0: float, tol: float = 1e-10
) -> float:
    """The time (h) at which the oral-dose level equals `threshold`, by Newton's method from t0."""
    scale = dose_mg * ka / (volume_l * (ka - ke))

    def gap(t: float) -> float:
        return oral_concentration(t, dose_mg, volume_l, ka, ke) - threshold

    def slope(t: float) -> float:
        return scale * (ka * math.exp(-ka * t) - ke * math.exp(-ke * t))

    return newton(gap, slope, t0, tol=tol)[-1]
