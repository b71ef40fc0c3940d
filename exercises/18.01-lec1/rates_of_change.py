"""The derivative as a rate of change (MIT 18.01, Lecture 1), on sampled vital signs, lab trends and growth curves.

Two kinds of functions:
- numeric ones take plain numbers / sequences (lists or numpy arrays) and return numpy float
  arrays or Python floats: average rates between measurements, difference quotients, the power
  rule on polynomial coefficients;
- symbolic ones take sympy expressions and symbols and return sympy expressions: the derivative
  from its definition, the tangent line and where it crosses the axes.

Units follow the inputs: a value in mg/dL sampled at times in hours has rates in mg/dL per hour.
Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import sympy


def average_rates(times: Sequence[float], values: Sequence[float]) -> np.ndarray:
    """Average rate of change of a sampled value between consecutive measurements (secant slopes).

    Rate i is (values[i+1] - values[i]) / (times[i+1] - times[i]): the change divided by the time
    it took. Samples in a chart are often unevenly spaced (a gap overnight), so divide by each
    actual time step.

    Args:
        times: sample times (h), a 1-d list or array, strictly increasing, at least 2 of them.
        values: the measurements at those times (e.g. serum creatinine, mg/dL), same length.

    Returns:
        a 1-d numpy float array of length len(times) - 1 (units of values per hour), also for
        integer inputs.

    Raises:
        ValueError: fewer than 2 samples, lengths that differ, or times that are not strictly
        increasing (a repeated time would divide by zero).

    Example: creatinine after a nephrotoxic drug, at 0, 6 and 24 h.
        >>> average_rates([0, 6, 24], [1.0, 1.3, 1.9])  # mg/dL per hour
        array([0.05      , 0.03333333])
    """
    raise NotImplementedError


def fastest_decline(times: Sequence[float], values: Sequence[float]) -> tuple[float, float]:
    """The sampling interval over which a value falls fastest: the most negative average rate.

    Fastest means the steepest slope (change per hour), not the biggest drop: a fall of 20 mmHg
    in 1 h is faster than a fall of 30 mmHg over an 8 h night.

    Args:
        times: sample times (h), strictly increasing, at least 2 (as for `average_rates`).
        values: the measurements (e.g. systolic blood pressure, mmHg), same length.

    Returns:
        the tuple (start, end) of Python floats: times[i], times[i + 1] for the interval i with
        the most negative rate; the earliest such interval on a tie.

    Raises:
        ValueError: if the value never falls (every rate >= 0), or the inputs are invalid as for
        `average_rates`.

    Example: systolic pressure after an antihypertensive.
        >>> fastest_decline([0, 1, 2, 10], [170, 165, 150, 120])
        (1.0, 2.0)
    """
    raise NotImplementedError


def difference_quotients(f: Callable[[float], float], t0: float, steps: Sequence[float]) -> np.ndarray:
    """Forward difference quotients (f(t0 + h) - f(t0)) / h of a function, one for each step h.

    As h shrinks they approach the derivative f'(t0), the instantaneous rate. A negative h gives
    the slope of the secant to the left of t0 (the formula stays the same).

    Args:
        f: a function of time (h) returning a number (a Python or numpy float, or a sympy number
           when f is built from a sympy expression); call it on single numbers.
        t0: the time (h).
        steps: the nonzero steps h (h), a 1-d list or array.

    Returns:
        a 1-d numpy float array, one quotient per step, in the order of `steps`, whatever kind
        of number f returns.

    Raises:
        ValueError: if a step is 0.

    Example: systolic pressure (mmHg) t hours after a dose, f(t) = 150 - 20 t + 2 t^2; f'(2) = -12.
        >>> difference_quotients(lambda t: 150 - 20 * t + 2 * t**2, 2.0, [1, 0.1, 0.01])
        array([-10.  , -11.8 , -11.98])
    """
    raise NotImplementedError


def derivative_from_definition(f: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """The derivative f'(t) computed as in Lecture 1, from the difference quotient, without sympy.diff.

    Build (f(t + h) - f(t)) / h with a new symbol h, simplify it algebraically so that the
    factor h cancels (sympy.cancel does this for rational functions), then set h = 0. Setting
    h = 0 before simplifying gives 0/0.

    Args:
        f: a rational function of t (polynomials, powers with integer exponents, quotients such
           as the hyperbola D / t); its other symbols are constants.
        t: the variable.

    Returns:
        a sympy expression in t (and f's other symbols), free of h.

    Example: an infusion of a fixed dose D (mg) over T hours runs at the rate D / T (mg/h).
        >>> D, T = sympy.symbols("D T", positive=True)
        >>> derivative_from_definition(D / T, T)
        -D/T**2
    """
    raise NotImplementedError


def polynomial_derivative(coeffs: Sequence[float]) -> np.ndarray:
    """The derivative of a polynomial, by the power rule d/dt t^k = k t^(k-1), on its coefficients.

    Coefficients are in ASCENDING order of power, as numpy.polynomial uses them:
    coeffs = [c0, c1, ..., cn] means p(t) = c0 + c1 t + ... + cn t^n.

    Args:
        coeffs: a 1-d list or array of at least one number.

    Returns:
        a 1-d numpy float array [c1, 2 c2, ..., n cn] (length n), ascending too; the derivative
        of a constant polynomial (one coefficient) is array([0.]).

    Raises:
        ValueError: if coeffs is empty.

    Example: a creatinine trend fitted over days, p(t) = 0.9 + 0.2 t - 0.01 t^2 (mg/dL).
        >>> polynomial_derivative([0.9, 0.2, -0.01])  # mg/dL per day: 0.2 - 0.02 t
        array([ 0.2 , -0.02])
    """
    raise NotImplementedError


def tangent_line(f: sympy.Expr, t: sympy.Symbol, t0: sympy.Expr) -> sympy.Expr:
    """The tangent line to the curve y = f(t) at t = t0: y = f(t0) + f'(t0) (t - t0).

    The slope is the derivative evaluated AT t0 (a number when t0 is a number), so the answer
    is a line, of degree 1 in t. You may use sympy.diff here.

    Args:
        f: a sympy expression in t (e.g. a tumour volume in cm^3, t in days); its other symbols
           are constants (e.g. a growth rate k).
        t: the time symbol.
        t0: the point of tangency, a sympy number or a symbol.

    Returns:
        a sympy expression in t (and in t0 if it is a symbol, and in f's other symbols).

    Example: a tumour growing as V(t) = 2 + t^2 / 50 cm^3; at day 10 it is 4 cm^3, growing 0.4 cm^3/day.
        >>> t = sympy.Symbol("t")
        >>> sympy.expand(tangent_line(2 + t**2 / 50, t, 10))
        2*t/5
    """
    raise NotImplementedError


def tangent_intercepts(f: sympy.Expr, t: sympy.Symbol, t0: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """Where the tangent line at t0 meets the two axes.

    - the t-intercept: the time at which the tangent reaches 0, i.e. when a falling level would
      reach zero if it kept falling at its current rate;
    - the y-intercept: the tangent's value at t = 0, i.e. the level extrapolated back to time 0.
    (In Lecture 1 the tangents to y = 1/x meet the axes at 2 x0 and 2 / x0.)

    Args:
        f: a sympy expression in t.
        t: the variable.
        t0: the point of tangency, a sympy number or a symbol.

    Returns:
        the tuple (t_intercept, y_intercept) of sympy expressions.

    Raises:
        ValueError: if f'(t0) = 0: a horizontal tangent never reaches zero.

    Example: the lecture's hyperbola, as infusion rate R(T) = 100 / T (mg/h) of 100 mg given over T h.
        >>> T = sympy.Symbol("T", positive=True)
        >>> tangent_intercepts(100 / T, T, 4)
        (8, 50)
    """
    raise NotImplementedError
