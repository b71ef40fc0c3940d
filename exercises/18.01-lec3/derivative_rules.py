"""Product, quotient and trig derivatives (MIT 18.01, Lecture 3): a rule-based differentiator and two clinical ratios.

- `differentiate` is your own symbolic differentiator: it walks a sympy expression tree and
  applies the rules of the lectures (constants, sums, products, powers and quotients, sin and
  cos). Write it WITHOUT sympy.diff: the point is to see that a handful of rules differentiate
  every such formula.
- `trig_quotients` computes, numerically, the two limits that Lecture 3 builds the derivatives of
  sin and cos from.
- `cardiac_output_rate` and `bmi_rate` are clinical quantities that are a product and a quotient;
  there you may use sympy.diff (or your `differentiate`) for the derivatives of the factors.

A sympy expression is a tree: `expr.is_Add`, `expr.is_Mul`, `expr.is_Pow` tell what the top node
is, `expr.args` gives its children (for a Pow: (base, exponent)); `isinstance(expr, sympy.sin)`
recognises a sine; `expr.has(x)` says whether x occurs in it. A quotient u / v is stored as the
product u * v**(-1).

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import sympy


def differentiate(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """The derivative of expr with respect to x, by the rules of Lectures 1-3 (no sympy.diff).

    Rules, applied recursively (u, v are sub-expressions, c does not contain x):
      - c' = 0 (numbers and every symbol other than x are constants);  x' = 1;
      - (u + v + ...)' = u' + v' + ...;
      - product rule: (u v w ...)' = u' v w ... + u v' w ... + u v w' ... (one factor at a time);
      - power rule for a constant exponent n (integer or fraction, also negative):
        (u**n)' = n u**(n - 1) u'. With n = -1 it is the reciprocal rule (1/v)' = -v'/v**2 of the
        lecture, which together with the product rule gives the quotient rule;
      - sin(x)' = cos(x), cos(x)' = -sin(x), for sin and cos of x itself.

    Args:
        expr: a sympy expression built from numbers, symbols, +, *, /, constant powers (x**3,
              sqrt(x), 1/x**2), sin(x) and cos(x).
        x: the variable.

    Returns:
        a sympy expression equal to the derivative (any equivalent form).

    Raises:
        ValueError: for anything there is no rule for yet: a power whose exponent contains x,
        exp, log, or sin / cos of anything other than x itself (sin(2 x) needs the chain rule,
        Lecture 4).

    Example: an Emax dose-response, effect E(C) = 80 C / (4 + C) (% inhibition, C in mg/L).
        >>> C = sympy.Symbol("C")
        >>> sympy.simplify(differentiate(80 * C / (4 + C), C))
        320/(C + 4)**2
    """
    raise NotImplementedError


def trig_quotients(steps: Sequence[float], degrees: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The two difference quotients at 0 that give the derivatives of sin and cos: sin(h)/h and (cos(h) - 1)/h.

    As h -> 0 they tend to 1 and 0 (in radians): that is sin'(0) = 1 and cos'(0) = 0, and with the
    addition formulas sin' = cos and cos' = -sin. Measured in degrees the first limit is pi/180
    instead of 1, which is why calculus uses radians.

    Compute (cos(h) - 1)/h so that it stays accurate for tiny h (1e-9): the direct formula
    subtracts two numbers that agree in every digit and returns 0. Use cos(h) - 1 = -2 sin(h/2)**2.
    Results must match the exact values to a relative error of 1e-9.

    Args:
        steps: the nonzero steps h, a 1-d list or array (radians; degrees when degrees=True),
            integers allowed (whole degrees, also as a small integer numpy array).
        degrees: if True, h is in degrees: sin and cos are of the angle h degrees, and the
            quotients are still divided by h itself (per degree).

    Returns:
        the tuple (sine_quotients, cosine_quotients) of two 1-d numpy float arrays, one entry per
        step, in the order of `steps`.

    Raises:
        ValueError: if a step is 0.

    Example:
        >>> sine, cosine = trig_quotients([0.1, 0.001])
        >>> sine.round(6), cosine.round(6)
        (array([0.998334, 1.      ]), array([-0.049958, -0.0005  ]))
    """
    raise NotImplementedError


def cardiac_output_rate(heart_rate: sympy.Expr, stroke_volume: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """How fast cardiac output changes: d/dt of CO(t) = HR(t) * SV(t), by the product rule.

    During exercise both factors change: heart rate climbs, stroke volume rises and plateaus.

    Args:
        heart_rate: HR(t) in beats/min, a sympy expression in t.
        stroke_volume: SV(t) in mL/beat, a sympy expression in t.
        (Their other symbols are constants, e.g. a paced heart rate HR0.)
        t: time in minutes.

    Returns:
        dCO/dt as a sympy expression in t, with CO in L/min (1 L = 1000 mL): units L/min per minute.

    Example: at rest HR = 70 /min and SV = 70 mL, CO = 4.9 L/min.
        >>> t = sympy.Symbol("t")
        >>> cardiac_output_rate(70 + 10 * t, 70 + 2 * t, t).subs(t, 0)  # L/min per minute
        21/25
    """
    raise NotImplementedError


def bmi_rate(weight: sympy.Expr, height: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """How fast a child's body-mass index changes: d/dt of BMI = weight / height**2, by the quotient rule.

    BMI is in kg/m^2 with the height in METRES, while growth charts record height in centimetres.

    Args:
        weight: w(t) in kg, a sympy expression in t.
        height: h(t) in cm, a sympy expression in t.
        (Their other symbols are constants, e.g. an adult's height H0.)
        t: age in years.

    Returns:
        dBMI/dt as a sympy expression in t, in kg/m^2 per year.

    Example: a child of 12 kg and 85 cm at age 2, gaining 2 kg and growing 7 cm a year.
        >>> t = sympy.Symbol("t")
        >>> round(float(bmi_rate(12 + 2 * (t - 2), 85 + 7 * (t - 2), t).subs(t, 2)), 4)  # kg/m^2 per year
        0.0326
    """
    raise NotImplementedError
