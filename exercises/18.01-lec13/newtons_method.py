"""Newton's method (MIT 18.01, Lecture 13): roots of equations in dosing, one tangent line at a time.

To solve f(x) = 0, start at a guess x0 and replace it by the point where the tangent line at x0
meets the axis:

    x_{k+1} = x_k - f(x_k) / f'(x_k).

Near a simple root the number of correct digits roughly doubles with every step (quadratic
convergence). The method fails when f'(x_k) = 0 (a horizontal tangent), and from a bad start
it can cycle or run away.

Clinically, many questions are "when does the level reach X?" for a model that cannot be
solved for t by algebra: Newton's method answers them in a handful of steps.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import math
from typing import Callable

import sympy


def newton_map(f: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """The Newton iteration function N(x) = x - f(x) / f'(x), symbolically.

    One Newton step sends x_k to N(x_k). Its fixed points (N(r) = r) are the roots of f
    where f'(r) != 0.

    Args:
        f: a sympy expression in x (its other symbols are parameters).
        x: the variable.

    Returns:
        a sympy expression in x (any equivalent form is accepted).

    Example: the square root of a by Newton's method (x**2 - a = 0).
        >>> x, a = sympy.symbols("x a", positive=True)
        >>> sympy.simplify(newton_map(x**2 - a, x) - (x + a / x) / 2)
        0
    """
    raise NotImplementedError


def newton(
    f: Callable[[float], float],
    fprime: Callable[[float], float],
    x0: float,
    tol: float = 1e-10,
    max_iter: int = 50,
) -> list[float]:
    """Newton's method for f(x) = 0 from x0: the list of every iterate, x0 first.

    Step k computes x_{k+1} = x_k - f(x_k) / fprime(x_k) and appends it. Stop right after
    appending x_{k+1} when |x_{k+1} - x_k| <= tol (that x_{k+1} is the last entry), or when
    max_iter steps have been taken (the list then has max_iter + 1 entries; no error is raised
    for a method that has not converged, e.g. one that cycles).

    Args:
        f: the function, called with a float, returning a float.
        fprime: its derivative, called the same way.
        x0: the starting guess.
        tol: the stopping tolerance on the step |x_{k+1} - x_k| (same units as x).
        max_iter: the largest number of steps.

    Returns:
        a list of Python floats [x0, x1, ..., xn] (x0 converted with float()).

    Raises:
        ValueError: if fprime(x_k) == 0 at an iterate x_k (the tangent line is horizontal).

    Example: sqrt(5), as in the lecture.
        >>> newton(lambda x: x * x - 5, lambda x: 2 * x, 2)
        [2.0, 2.25, 2.236111111111111, 2.236067977915804, 2.23606797749979, 2.23606797749979]
    """
    raise NotImplementedError


def bsa_newton(height_cm: float, weight_kg: float, x0: float = 1.0, n_steps: int = 6) -> list[float]:
    """Body surface area (m^2) by the Mosteller formula, its square root computed by Newton's method.

    Mosteller: BSA = sqrt(height_cm * weight_kg / 3600). Chemotherapy doses are written per
    m^2 of BSA. Compute the square root of a = height_cm * weight_kg / 3600 with Newton's method
    on x**2 - a = 0, i.e. x_{k+1} = (x_k + a / x_k) / 2, taking exactly n_steps steps (no
    stopping rule), without math.sqrt.

    Args:
        height_cm: height (cm). weight_kg: weight (kg).
        x0: the starting guess (m^2), > 0.
        n_steps: the number of Newton steps, >= 0.

    Returns:
        a list of n_steps + 1 Python floats [x0, x1, ..., x_{n_steps}] (m^2).

    Example: 180 cm, 80 kg (a = 4, BSA = 2 m^2).
        >>> bsa_newton(180, 80, 1.0, 3)
        [1.0, 2.5, 2.05, 2.000609756097561]
    """
    raise NotImplementedError


def oral_concentration(t: float, dose_mg: float, volume_l: float, ka: float, ke: float) -> float:
    """Plasma level (mg/L) t hours after a single oral dose (one compartment, bioavailability 1).

    C(t) = dose * ka / (V * (ka - ke)) * (exp(-ke t) - exp(-ka t)): it rises while the drug is
    absorbed (rate constant ka, 1/h), peaks, then falls as it is eliminated (ke, 1/h); ka != ke.

    Args:
        t: time since the dose (h), >= 0.
        dose_mg: the dose (mg). volume_l: the volume of distribution (L).
        ka: the absorption rate constant (1/h). ke: the elimination rate constant (1/h).

    Returns:
        the concentration, a Python float (mg/L).

    Example:
        >>> round(oral_concentration(2.0, 500, 40, 1.2, 0.2), 3)
        8.694
    """
    raise NotImplementedError


def crossing_time(
    dose_mg: float, volume_l: float, ka: float, ke: float, threshold: float, t0: float, tol: float = 1e-10
) -> float:
    """The time (h) at which the oral-dose level C(t) (see oral_concentration) equals `threshold`.

    C(t) = threshold has no algebraic solution for t: solve f(t) = C(t) - threshold = 0 with
    your `newton`, started at t0 with tolerance tol, and return its last iterate. Write f'(t)
    yourself by differentiating C. Which crossing you get depends on t0: from t0 = 0 it is the
    onset (the level rising through the minimum effective concentration); from a t0 after the
    peak, where the level is still above threshold, it is the end of the effect (the level
    falling through it).

    Args:
        dose_mg, volume_l, ka, ke: the model, as in oral_concentration.
        threshold: the level (mg/L), below the peak level.
        t0: the starting time for Newton's method (h).
        tol: the tolerance passed to newton.

    Returns:
        the crossing time, a Python float (h).

    Example: 500 mg, V = 40 L, ka = 1.2 /h, ke = 0.2 /h (peak 8.7 mg/L at 1.8 h): the level
    falls below 2 mg/L at about 10.07 h (Newton's iterates from t0 = 6: 6.0, 8.82, 9.93, 10.072, ...)
        >>> round(crossing_time(500, 40, 1.2, 0.2, 2.0, 6.0), 3)
        10.074
    """
    raise NotImplementedError
