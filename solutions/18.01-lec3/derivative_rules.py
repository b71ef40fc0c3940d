"""Product, quotient and trig derivatives (MIT 18.01, Lecture 3): a rule-based differentiator and two clinical ratios."""

from __future__ import annotations

from typing import Sequence

import numpy as np
import sympy


def differentiate(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """d expr / dx by the rules of Lectures 1-3, applied recursively to the expression tree."""
    if not expr.has(x):
        return sympy.Integer(0)  # constants, including other symbols
    if expr == x:
        return sympy.Integer(1)
    if expr.is_Add:  # linearity: (u + v)' = u' + v'
        return sympy.Add(*(differentiate(term, x) for term in expr.args))
    if expr.is_Mul:  # product rule, one factor differentiated at a time
        factors = expr.args
        terms = []
        for i, factor in enumerate(factors):
            others = factors[:i] + factors[i + 1 :]
            terms.append(differentiate(factor, x) * sympy.Mul(*others))
        return sympy.Add(*terms)
    if expr.is_Pow:
        base, exponent = expr.args
        if exponent.has(x):
            raise ValueError("no rule for a variable exponent (exponentials come in Lecture 6)")
        # power rule; with exponent -1 it is the reciprocal rule (1/v)' = -v'/v**2 behind the quotient rule
        return exponent * base ** (exponent - 1) * differentiate(base, x)
    if isinstance(expr, sympy.sin) and expr.args[0] == x:
        return sympy.cos(x)
    if isinstance(expr, sympy.cos) and expr.args[0] == x:
        return -sympy.sin(x)
    raise ValueError(f"no rule for {expr.func.__name__}({', '.join(map(str, expr.args))}) yet")


def trig_quotients(steps: Sequence[float], degrees: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(sin h / h, (cos h - 1) / h) for each step h, in radians, or in degrees when degrees=True."""
    h = np.asarray(steps, dtype=float)
    if np.any(h == 0):
        raise ValueError("h = 0 gives 0/0")
    angle = np.deg2rad(h) if degrees else h
    sine = np.sin(angle) / h
    cosine = -2 * np.sin(angle / 2) ** 2 / h  # cos h - 1 = -2 sin^2(h/2), without cancellation
    return sine, cosine


def cardiac_output_rate(heart_rate: sympy.Expr, stroke_volume: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """d/dt of cardiac output CO = HR * SV (L/min), HR in beats/min and SV in mL/beat: L/min per minute."""
    product_rule = sympy.diff(heart_rate, t) * stroke_volume + heart_rate * sympy.diff(stroke_volume, t)
    return product_rule / 1000  # mL/min -> L/min


def bmi_rate(weight: sympy.Expr, height: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """d/dt of BMI = weight / height_m**2, weight in kg and height in cm: kg/m^2 per unit of t."""
    height_m = height / 100
    numerator = sympy.diff(weight, t) * height_m**2 - weight * sympy.diff(height_m**2, t)
    return numerator / height_m**4  # quotient rule (u/v)' = (u'v - uv') / v^2
