"""The mean value theorem (MIT 18.01, Lecture 14): average rates, the times that realise them, and bounds.

If f is continuous on [a, b] and differentiable on (a, b), there is at least one c with
a < c < b where the instantaneous rate equals the average rate:

    f'(c) = (f(b) - f(a)) / (b - a).

Read the other way it is an inequality: if m <= f'(t) <= M on [a, b], then
f(a) + m (b - a) <= f(b) <= f(a) + M (b - a): bounds on a future value from bounds on a rate.

Every function but mvt_time_exponential takes sympy expressions with numeric parameters and
returns sympy objects; mvt_time_exponential works with floats.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import math

import sympy


def average_rate(f: sympy.Expr, t: sympy.Symbol, a: sympy.Expr, b: sympy.Expr) -> sympy.Expr:
    """The average rate of change of f over [a, b]: (f(b) - f(a)) / (b - a).

    Args:
        f: a sympy expression in t (e.g. a drug level in mg/L, t in hours).
        t: the time symbol.
        a, b: the ends of the interval, a < b: numbers (int or sympy number) or symbols.

    Returns:
        an exact sympy expression, without decimals (units of f per unit of t; may contain
        a and b if they are symbols).

    Example: a drug level falling from 12 mg/L, k = 0.2 /h, over the first 10 h.
        >>> t = sympy.Symbol("t")
        >>> average_rate(12 * sympy.exp(-t / 5), t, 0, 10)
        -6/5 + 6*exp(-2)/5
    """
    raise NotImplementedError


def mvt_points(f: sympy.Expr, t: sympy.Symbol, a: sympy.Expr, b: sympy.Expr) -> list[sympy.Expr]:
    """Every c with a < c < b (strictly) at which f'(c) equals the average rate of f over [a, b].

    The mean value theorem promises at least one such c; there may be more. Points where
    f'(c) equals the average rate at c = a or c = b themselves do not count. Solve the
    equation f'(c) = average rate exactly (sympy.solveset with an open interval as domain).

    Args:
        f: a sympy expression in t with numeric coefficients (a polynomial, an exponential
           or a logarithm: models for which the equation can be solved exactly), not a
           straight line (where every c would do).
        t: the variable.
        a, b: numbers (int or sympy number), a < b.

    Returns:
        a list of exact sympy numbers in ascending order (an empty list is never the answer
        for a function that meets the theorem's hypotheses).

    Example: an oral-dose level that climbs towards 40 mg/L, 40 - 30 exp(-t/6), over 12 h:
    it rises at its 12-hour average rate 2.16 mg/L/h at about t = 5.03 h, before the midpoint.
        >>> t = sympy.Symbol("t")
        >>> mvt_points(40 - 30 * sympy.exp(-t / 6), t, 0, 12)
        [-6*log(1/2 - exp(-2)/2)]
    """
    raise NotImplementedError


def mvt_time_exponential(c0: float, k: float, a: float, b: float) -> float:
    """When does a level C(t) = c0 exp(-k t) fall at exactly its average rate over [a, b]?

    Solve C'(c) = (C(b) - C(a)) / (b - a) for c by hand (C'(t) = -k c0 exp(-k t)) and
    evaluate your formula. The answer lies strictly inside (a, b), and it is not the midpoint:
    the fall is steepest early.

    Args:
        c0: the level at t = 0 (mg/L), > 0.
        k: the elimination rate constant (1/h), > 0.
        a, b: the interval (h), 0 <= a < b.

    Returns:
        c, a Python float (h).

    Example: 12 mg/L, k = 0.2 /h, over the first 10 h (the midpoint would be 5 h).
        >>> round(mvt_time_exponential(12.0, 0.2, 0.0, 10.0), 4)
        4.1928
    """
    raise NotImplementedError


def level_bounds(
    rate: sympy.Expr, t: sympy.Symbol, a: sympy.Expr, b: sympy.Expr, f_a: sympy.Expr
) -> tuple[sympy.Expr, sympy.Expr]:
    """Bounds on f(b) from f(a) and the rate f'(t) = rate on [a, b], by the mean value theorem.

    With m and M the smallest and largest values of rate on the closed interval [a, b] (look at
    both ends and at every critical point of rate inside), f(b) = f(a) + f'(c) (b - a) for some
    c, so

        f(a) + m (b - a) <= f(b) <= f(a) + M (b - a).

    Args:
        rate: a sympy expression in t with numeric coefficients, the known rate of change
              (e.g. mg/dL per day); a polynomial or A t exp(-t / tau): its critical points
              can be found exactly. It may be constant.
        t: the variable.
        a, b: numbers (int or sympy number), a < b (days).
        f_a: the value of f at a, a number (int or sympy number; mg/dL).

    Returns:
        the tuple (low, high) of exact sympy numbers, low <= high (units of f).

    Example: serum creatinine 1.1 mg/dL on day 0 after contrast, rising at
    0.4 - (t - 4)**2 / 40 mg/dL per day (fastest on day 4): on day 7 it lies between
        >>> t = sympy.Symbol("t")
        >>> level_bounds(sympy.Rational(2, 5) - (t - 4)**2 / 40, t, 0, 7, sympy.Rational(11, 10))
        (11/10, 39/10)
    """
    raise NotImplementedError
