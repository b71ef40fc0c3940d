"""Linear and quadratic approximation (MIT 18.01, Lecture 9), on dose-response and clearance models."""

from __future__ import annotations

import sympy


def linear_approximation(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> sympy.Expr:
    """The tangent line at a: f(a) + f'(a) (x - a)."""
    slope = sympy.diff(f, x).subs(x, a)
    return f.subs(x, a) + slope * (x - a)


def quadratic_approximation(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> sympy.Expr:
    """The tangent parabola at a: f(a) + f'(a) (x - a) + f''(a) / 2 (x - a)**2."""
    curvature = sympy.diff(f, x, 2).subs(x, a)
    return linear_approximation(f, x, a) + curvature / 2 * (x - a) ** 2


def approximation_errors(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, x1: sympy.Expr) -> tuple[float, float]:
    """(f(x1) - L(x1), f(x1) - Q(x1)): how far the linear and the quadratic approximation at a miss at x1."""
    exact = f.subs(x, x1)
    linear = linear_approximation(f, x, a).subs(x, x1)
    quadratic = quadratic_approximation(f, x, a).subs(x, x1)
    return float(exact - linear), float(exact - quadratic)


def propagated_change(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, dx: sympy.Expr) -> float:
    """The linear estimate f'(a) dx of the change in f when x moves from a to a + dx."""
    return float(sympy.diff(f, x).subs(x, a) * dx)


def linear_error_estimate(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, h: sympy.Expr) -> float:
    """The leading term f''(a) h**2 / 2 of the error f(a + h) - L(a + h) of the linear approximation."""
    return float(sympy.diff(f, x, 2).subs(x, a) * h**2 / 2)


def effect_near_dose(emax: float, ed50: float, dose: float, new_dose: float) -> tuple[float, float, float]:
    """(exact, linear, quadratic) effect at new_dose of E(D) = emax D / (ed50 + D), the approximations taken at dose."""
    D = sympy.Symbol("D")
    effect = emax * D / (ed50 + D)
    exact = effect.subs(D, new_dose)
    linear = linear_approximation(effect, D, dose).subs(D, new_dose)
    quadratic = quadratic_approximation(effect, D, dose).subs(D, new_dose)
    return float(exact), float(linear), float(quadratic)
