"""Implicit differentiation and inverse functions (MIT 18.01, Lecture 5), on drug-combination and assay models.

A curve given by an equation F(x, y) = 0 (two drug doses that give the same effect, the heights
and weights of patients with the same body-surface area) defines y as a function of x near each
of its points, even when you cannot solve for y. Differentiating F(x, y(x)) = 0 with the chain
rule gives F_x + F_y * y' = 0, so y' = -F_x / F_y wherever F_y != 0.

An inverse function undoes a function: an assay's calibration curve maps a concentration x to a
signal y = f(x); the laboratory reports x = g(y). Differentiating f(g(y)) = y gives
g'(y) = 1 / f'(g(y)).

Every function takes sympy expressions, symbols and exact numbers (int, sympy.Rational, sympy.pi)
and returns a sympy expression (a plain int or float is also accepted where the answer is a
number). Answers are checked for mathematical equality, so any correct form passes; answers
about a curve are checked at points of that curve, so you may simplify them with its equation.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import sympy


def implicit_derivative(F: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> sympy.Expr:
    """The slope dy/dx of the curve F(x, y) = 0, by implicit differentiation.

    Args:
        F: a sympy expression in x and y (and possibly constants: numbers, or other symbols held
            fixed); the curve is F(x, y) = 0.
        x: the independent variable (a sympy symbol).
        y: the dependent variable (a sympy symbol), a function of x along the curve.

    Returns:
        dy/dx as a sympy expression in x and y (it may contain no other symbols than those of F).
        Valid at the points of the curve where F_y != 0.

    Example: the circle x**2 + y**2 = 25.
        >>> x, y = sympy.symbols("x y")
        >>> implicit_derivative(x**2 + y**2 - 25, x, y)
        -x/y
    """
    raise NotImplementedError


def tangent_line(F: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol, x0: sympy.Expr, y0: sympy.Expr) -> sympy.Expr:
    """The tangent line to the curve F(x, y) = 0 at its point (x0, y0), as y = y0 + m (x - x0).

    Args:
        F: a sympy expression in x and y; the curve is F(x, y) = 0.
        x, y: the two symbols.
        x0, y0: the point, exact numbers (int, sympy.Rational).

    Returns:
        the right-hand side y0 + m (x - x0), a sympy expression in x only (m is the slope dy/dx
        of the curve at the point).

    Raises:
        ValueError: if (x0, y0) is not on the curve (F(x0, y0) != 0), or if F_y(x0, y0) = 0
        (the tangent is vertical, or the curve has no tangent there: not a line y = y0 + m (x - x0)).

    Example:
        >>> x, y = sympy.symbols("x y")
        >>> tangent_line(x**2 + y**2 - 25, x, y, 3, 4)
        25/4 - 3*x/4
    """
    raise NotImplementedError


def second_implicit_derivative(F: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> sympy.Expr:
    """The second derivative d^2y/dx^2 along the curve F(x, y) = 0 (its concavity), in terms of x and y.

    Differentiate the slope y' again with respect to x, remembering that y is itself a function
    of x (so every y in y' contributes a factor y' by the chain rule), and write y' in terms of
    x and y.

    Args:
        F: a sympy expression in x and y; the curve is F(x, y) = 0.
        x, y: the two symbols.

    Returns:
        y'' as a sympy expression in x and y (no derivative objects, no other symbols).

    Example: for the circle, -x**2/y**3 - 1/y, which equals -25/y**3 on the curve.
        >>> x, y = sympy.symbols("x y")
        >>> sympy.simplify(second_implicit_derivative(x**2 + y**2 - 25, x, y))
        (-x**2 - y**2)/y**3
    """
    raise NotImplementedError


def isobole_dose_exchange(A: sympy.Expr, B: sympy.Expr, alpha: sympy.Expr, a: sympy.Expr) -> sympy.Expr:
    """How many mg of drug B one more mg of drug A replaces, along an isobole: db/da at dose a.

    Two drugs given together reach a target effect (say, adequate sedation) on the isobole
        a / A + b / B + alpha * a * b / (A * B) = 1,
    where a and b are the doses (mg) of the two drugs in the combination, A and B are the doses
    of each drug given alone that reach the effect, and alpha is the interaction: alpha = 0 is
    additive (Loewe), alpha > 0 synergy, -1 < alpha < 0 antagonism. Find the dose b of drug B
    that completes the combination with dose a of drug A, then the slope db/da of the isobole
    at that point (negative: more A, less B).

    Args:
        A: dose of drug A alone that reaches the effect (mg), > 0.
        B: dose of drug B alone that reaches the effect (mg), > 0.
        alpha: interaction parameter, > -1.
        a: dose of drug A in the combination (mg), 0 <= a < A.
        Each is an exact number or a (positive) sympy symbol.

    Returns:
        db/da at (a, b) in mg of B per mg of A: a sympy number, or a sympy expression in the
        symbols among A, B, alpha, a.

    Example: A = 200 mg, B = 10 mg, synergy alpha = 1, a = 50 mg (so b = 6 mg).
        >>> isobole_dose_exchange(200, 10, 1, 50)
        -8/125
    """
    raise NotImplementedError


def inverse_function(
    f: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol, x_range: tuple[sympy.Expr, sympy.Expr]
) -> sympy.Expr:
    """The inverse x = g(y) of y = f(x) on the interval x_range, where f is strictly monotone.

    Read a calibration curve backwards: the assay measures a signal y = f(x) for a concentration
    x; the laboratory reports x = g(y). Solving f(x) = y can give several candidates (sympy.solve
    returns a list: a negative root, complex roots, the other side of a parabola's vertex); the
    inverse is the one that sends f(x) back to x for the x in x_range.

    Args:
        f: a sympy expression in x alone (its parameters are numbers).
        x: the variable of f (a sympy symbol, possibly without assumptions).
        y: the symbol to write the inverse in.
        x_range: (lo, hi), exact numbers with lo < hi: the open interval on which f is strictly
            monotone and on which the inverse must return values (narrow or wide, near 0 or far
            from it).

    Returns:
        g(y), a sympy expression in y, with g(f(x)) = x for every x in x_range.

    Example: an Emax model, effect (%) of a concentration x (mg/L) with EC50 = 3 mg/L and Hill
    coefficient 2; the concentration that gives effect y:
        >>> x, y = sympy.symbols("x y")
        >>> inverse_function(100 * x**2 / (9 + x**2), x, y, (0, 30))
        3*sqrt(-y/(y - 100))
    """
    raise NotImplementedError


def inverse_derivative(
    f: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol, x_range: tuple[sympy.Expr, sympy.Expr]
) -> sympy.Expr:
    """The derivative g'(y) of the inverse g of f on x_range, as an expression in y.

    Differentiating f(g(y)) = y gives g'(y) = 1 / f'(g(y)): the slope of the inverse at y is
    the reciprocal of the slope of f at the matching x = g(y), not at x = y. For an assay this
    is its sensitivity the other way round: how far the reported concentration moves per unit
    of measured signal.

    Args:
        f, x, y, x_range: as in `inverse_function` (f strictly monotone on x_range, f' != 0 there).

    Returns:
        g'(y), a sympy expression in y.

    Example: the lecture's arctangent, the inverse of tan on (-pi/2, pi/2).
        >>> x, y = sympy.symbols("x y")
        >>> inverse_derivative(sympy.tan(x), x, y, (-sympy.pi / 2, sympy.pi / 2))
        1/(y**2 + 1)
    """
    raise NotImplementedError
