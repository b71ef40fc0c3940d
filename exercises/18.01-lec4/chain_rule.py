"""Chain rule and higher derivatives (MIT 18.01, Lecture 4): dose -> concentration -> effect, rhythms, tumour growth.

The chain rule differentiates a composition y = f(g(x)): dy/dx = f'(g(x)) * g'(x), the outer
derivative EVALUATED AT THE INNER VALUE, times the inner derivative. A dose regimen is such a
chain (dose -> plasma concentration -> receptor occupancy -> effect), and so is a neural network,
one layer after the other. Higher derivatives are derivatives of derivatives: the second
derivative of a tumour volume is the acceleration of its growth.

Symbolic functions take sympy expressions and symbols and return sympy expressions; you may use
sympy.diff for the derivative of each single piece. Numeric functions take numbers, sequences or
callables and return Python floats or numpy float arrays.
Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import sympy


def chain_rule(outer: sympy.Expr, inner: sympy.Expr, u: sympy.Symbol, x: sympy.Symbol) -> sympy.Expr:
    """The derivative of the composition outer(inner(x)), assembled by the chain rule.

    Differentiate outer with respect to its own variable u, substitute u = inner, and multiply by
    the derivative of inner with respect to x: d/dx f(g(x)) = f'(g(x)) * g'(x).

    Args:
        outer: f(u), a sympy expression in u (e.g. an effect as a function of concentration).
        inner: g(x), a sympy expression in x (e.g. the concentration as a function of time).
        (Their other symbols are constant parameters, e.g. Emax or an elimination rate k.)
        u: the variable of outer.
        x: the variable of inner.

    Returns:
        a sympy expression in x (and the other parameters), free of u.

    Example: Lecture 4's (sin t)^10: outer u^10, inner sin t.
        >>> u, t = sympy.symbols("u t")
        >>> chain_rule(u**10, sympy.sin(t), u, t)
        10*sin(t)**9*cos(t)
    """
    raise NotImplementedError


def forward_chain(
    layers: Sequence[tuple[Callable[[float], float], Callable[[float], float]]], x0: float
) -> tuple[float, float]:
    """Value and derivative of a chain of functions at x0, one layer at a time (forward-mode differentiation).

    The composition is y = f_n(... f_2(f_1(x0))): layer 1 is applied first. Carry along the
    current value v (starting at x0) and the derivative dy/dx so far (starting at 1); for each
    layer (f, df): multiply the derivative by df evaluated at the layer's INPUT v, then move v to f(v).

    Args:
        layers: a sequence of (f, df) pairs of functions of one number, df the derivative of f;
                it may be empty (then y = x0 and the derivative is 1).
        x0: the input (e.g. a dose in mg).

    Returns:
        the tuple (value, derivative) of Python floats: y at x0 and dy/dx at x0.

    Example: dose (mg) -> concentration c = D / 50 (mg/L) -> occupancy c / (0.2 + c).
        >>> layers = [(lambda d: d / 50, lambda d: 1 / 50),
        ...           (lambda c: c / (0.2 + c), lambda c: 0.2 / (0.2 + c) ** 2)]
        >>> value, slope = forward_chain(layers, 10.0)  # occupancy 0.5, per mg of dose
        >>> round(value, 4), round(slope, 4)
        (0.5, 0.025)
    """
    raise NotImplementedError


def higher_derivatives(expr: sympy.Expr, x: sympy.Symbol, n: int) -> list[sympy.Expr]:
    """The function and its first n derivatives: [f, f', f'', ..., f^(n)].

    Args:
        expr: f, a sympy expression in x (e.g. a tumour volume, cm^3, x = time in days); its
              other symbols are constants (e.g. a growth rate k).
        x: the variable.
        n: the highest order, an int >= 0 (n = 0 gives [f]).

    Returns:
        a list of n + 1 sympy expressions; item k is the k-th derivative (cm^3 / day^k).

    Raises:
        ValueError: if n < 0.

    Example: Lecture 4: every derivative of x^3 up to the third; d^n/dx^n x^n = n!.
        >>> x = sympy.Symbol("x")
        >>> higher_derivatives(x**3, x, 3)
        [x**3, 3*x**2, 6*x, 6]
    """
    raise NotImplementedError


def second_differences(times: Sequence[float], values: Sequence[float]) -> np.ndarray:
    """Estimates of the second derivative (the acceleration) of a sampled value at its interior samples.

    With h1 = t[i] - t[i-1] and h2 = t[i+1] - t[i], the estimate at sample i (1 <= i <= n - 2) is
        2 * ((v[i+1] - v[i]) / h2 - (v[i] - v[i-1]) / h1) / (h1 + h2),
    the change of the slope divided by the distance between the midpoints of the two intervals. For
    even spacing h it is (v[i+1] - 2 v[i] + v[i-1]) / h^2; it is exact when v is a quadratic in t.

    Args:
        times: sample times (days), strictly increasing, at least 3; spacing may be uneven.
        values: the samples (e.g. tumour volume on MRI, cm^3), same length.

    Returns:
        a 1-d numpy float array of length n - 2 (cm^3 per day^2), also for integer inputs.

    Raises:
        ValueError: fewer than 3 samples, lengths that differ, or times not strictly increasing.

    Example: volumes on scans at days 0, 30, 90.
        >>> second_differences([0, 30, 90], [2.0, 3.5, 8.0])  # 2 * (4.5/60 - 1.5/30) / 90, cm^3/day^2
        array([0.00055556])
    """
    raise NotImplementedError


def circadian_rate(mesor: sympy.Expr, amplitude: sympy.Expr, acrophase: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """How fast core body temperature changes over the day: dT/dt for a cosinor (circadian) model.

    T(t) = mesor + amplitude * cos(2 pi (t - acrophase) / 24): the rhythm's mean (mesor, deg C),
    half its swing (amplitude, deg C), its peak time (acrophase, h after midnight) and a 24 h
    period. cos is applied to a function of t, so the chain rule brings in a factor.

    Args:
        mesor, amplitude, acrophase: sympy numbers or symbols.
        t: clock time in hours.

    Returns:
        dT/dt as a sympy expression in t, in deg C per hour.

    Example: mesor 36.8 deg C, amplitude 0.4 deg C, peak at 17:00; at 11:00 the rise is fastest.
        >>> t = sympy.Symbol("t")
        >>> circadian_rate(sympy.Rational(368, 10), sympy.Rational(2, 5), 17, t).subs(t, 11)  # deg C/h
        pi/30
    """
    raise NotImplementedError


def dose_sensitivity(
    dose: sympy.Expr,
    bioavailability: sympy.Expr,
    clearance: sympy.Expr,
    interval: sympy.Expr,
    emax: sympy.Expr,
    ec50: sympy.Expr,
    hill: sympy.Expr,
) -> sympy.Expr:
    """How much more effect one more mg of daily dose buys: dE/dD through dose -> concentration -> effect.

    - concentration: the average steady-state level of a dose D (mg) every `interval` hours,
      Css = F * D / (CL * interval) (mg/L), F the bioavailability (0-1), CL the clearance (L/h);
    - effect: the Hill (sigmoid Emax) model E(C) = Emax * C^n / (EC50^n + C^n) (e.g. mmHg of
      blood-pressure reduction), n the Hill coefficient.
    So E depends on D through Css, and dE/dD = E'(Css) * dCss/dD.

    Args:
        dose: D in mg, a sympy number or symbol.
        bioavailability, clearance, interval, emax, ec50, hill: F, CL (L/h), tau (h), Emax,
            EC50 (mg/L), n: sympy numbers or symbols.

    Returns:
        dE/dD as a sympy expression (units of effect per mg); a number when every input is a number.

    Example: F = 1/2, CL = 10 L/h, every 24 h, Emax = 30 mmHg, EC50 = 0.25 mg/L, n = 1. A 120 mg dose
    gives Css = 0.25 mg/L = EC50, where the curve is steepest.
        >>> dose_sensitivity(120, sympy.Rational(1, 2), 10, 24, 30, sympy.Rational(1, 4), 1)  # mmHg per mg
        1/16
    """
    raise NotImplementedError


def is_accelerating(volume: sympy.Expr, t: sympy.Symbol, t0: sympy.Expr) -> bool:
    """Whether a tumour's growth is speeding up at time t0: its acceleration V''(t0) > 0.

    Growing (V' > 0) is not the same as accelerating (V'' > 0): a Gompertz or logistic tumour keeps
    growing but slows down after its inflection point, where V'' changes sign.

    Args:
        volume: V(t), a sympy expression in t (cm^3, t in days) with numeric parameters.
        t: the time symbol.
        t0: the time, a sympy number.

    Returns:
        a Python bool (not a sympy boolean): True if V''(t0) > 0, else False.

    Example: exponential growth, doubling every 60 days, always accelerates.
        >>> t = sympy.Symbol("t")
        >>> is_accelerating(2 * 2 ** (t / 60), t, 30)
        True
    """
    raise NotImplementedError
