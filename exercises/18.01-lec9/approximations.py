"""Linear and quadratic approximation (MIT 18.01, Lecture 9), on dose-response and clearance models.

Near a point a, a smooth curve looks like its tangent line, and even more like its tangent
parabola:
    linear     L(x) = f(a) + f'(a) (x - a)
    quadratic  Q(x) = f(a) + f'(a) (x - a) + f''(a) / 2 (x - a)**2
Clinicians use them every time they say "a bit more dose gives proportionally a bit more
effect", or propagate a measurement error through a formula: the change of f when x moves by
dx is about f'(a) dx. How wrong the straight line is, for a step h, is about f''(a) h**2 / 2:
the quadratic term the linear approximation leaves out.

The first two functions take and return sympy expressions (checked for mathematical equality,
so any correct form passes); the others return Python floats. Units are those of the model:
doses in mg, effects in % of the maximum, creatinine in mg/dL, clearances in mL/min.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import sympy


def linear_approximation(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> sympy.Expr:
    """The linear approximation (tangent line) of f near x = a: f(a) + f'(a) (x - a).

    Args:
        f: a sympy expression in x (other symbols, if any, are parameters).
        x: the variable.
        a: the base point, a number (int, sympy.Rational) or a sympy expression without x.

    Returns:
        L(x) as a sympy expression in x, a polynomial of degree at most 1 in x.

    Example: the lecture's ln(1 + x) near 0.
        >>> x = sympy.Symbol("x")
        >>> linear_approximation(sympy.log(1 + x), x, 0)
        x
    """
    raise NotImplementedError


def quadratic_approximation(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> sympy.Expr:
    """The quadratic approximation of f near x = a: f(a) + f'(a) (x - a) + f''(a) / 2 (x - a)**2.

    Args:
        f, x, a: as in `linear_approximation`.

    Returns:
        Q(x) as a sympy expression in x, a polynomial of degree at most 2 in x.

    Example:
        >>> x = sympy.Symbol("x")
        >>> quadratic_approximation(sympy.log(1 + x), x, 0)
        -x**2/2 + x
    """
    raise NotImplementedError


def approximation_errors(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, x1: sympy.Expr) -> tuple[float, float]:
    """How far the two approximations at a miss the true value at x1 (signed).

    Args:
        f, x, a: as in `linear_approximation`; f has no symbol other than x.
        x1: the point where the approximations are used (a number).

    Returns:
        the tuple (f(x1) - L(x1), f(x1) - Q(x1)) of two Python floats, in the units of f; each is
        positive where the approximation underestimates.

    Example: an Emax model, E(D) = 100 D / (20 + D) % with ED50 = 20 mg, approximated at 20 mg
    and used at 25 mg.
        >>> D = sympy.Symbol("D", positive=True)
        >>> linear_error, quadratic_error = approximation_errors(100 * D / (20 + D), D, 20, 25)
        >>> round(linear_error, 4), round(quadratic_error, 4)
        (-0.6944, 0.0868)
    """
    raise NotImplementedError


def propagated_change(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, dx: sympy.Expr) -> float:
    """The linear estimate of how much f changes when its input moves from a to a + dx: f'(a) dx.

    This is how a measurement error in an input (serum creatinine off by 0.1 mg/dL) becomes an
    error in a derived quantity (creatinine clearance, mL/min). Not the exact difference
    f(a + dx) - f(a).

    Args:
        f, x, a: as in `linear_approximation`; f has no symbol other than x.
        dx: the change of x (a number, either sign), in the units of x.

    Returns:
        f'(a) dx as a Python float, in the units of f.

    Example: Cockcroft-Gault clearance (140 - age) * weight / (72 * Scr) for a 60-year-old of
    70 kg with Scr = 1.0 mg/dL (77.8 mL/min); the creatinine reads 0.1 mg/dL too high:
        >>> Scr = sympy.Symbol("Scr", positive=True)
        >>> round(propagated_change((140 - 60) * 70 / (72 * Scr), Scr, 1, sympy.Rational(1, 10)), 3)
        -7.778
    """
    raise NotImplementedError


def linear_error_estimate(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, h: sympy.Expr) -> float:
    """The leading term of the error of the linear approximation at a, for a step h: f''(a) h**2 / 2.

    The quadratic approximation differs from the linear one by exactly this term, so for small
    h it is about f(a + h) - L(a + h): positive where f curves up, negative where it curves down.

    Args:
        f, x, a: as in `linear_approximation`; f has no symbol other than x.
        h: the step from a (a number, either sign).

    Returns:
        f''(a) h**2 / 2 as a Python float, in the units of f.

    Example: the Emax model above, 5 mg past ED50 (the curve bends down: the line overestimates).
        >>> D = sympy.Symbol("D", positive=True)
        >>> linear_error_estimate(100 * D / (20 + D), D, 20, 5)
        -0.78125
    """
    raise NotImplementedError


def effect_near_dose(emax: float, ed50: float, dose: float, new_dose: float) -> tuple[float, float, float]:
    """The effect of a new dose under an Emax model, exactly and by the approximations at the current dose.

    The model is E(D) = emax * D / (ed50 + D) (effect in % of the maximum, D in mg). A patient is
    on `dose`; the prescriber considers `new_dose` and predicts its effect from the tangent line
    and from the tangent parabola of E at the current dose.

    Args:
        emax: the maximal effect (%), > 0.
        ed50: the dose giving half the maximal effect (mg), > 0.
        dose: the current dose (mg), >= 0.
        new_dose: the dose considered (mg), >= 0.

    Returns:
        the tuple (E(new_dose), L(new_dose), Q(new_dose)) of three Python floats (%), with L and Q
        the linear and quadratic approximations of E at `dose`.

    Example: ED50 = 20 mg, from 20 mg to 25 mg.
        >>> exact, linear, quadratic = effect_near_dose(100, 20, 20, 25)
        >>> round(exact, 2), round(linear, 2), round(quadratic, 2)
        (55.56, 56.25, 55.47)
    """
    raise NotImplementedError
