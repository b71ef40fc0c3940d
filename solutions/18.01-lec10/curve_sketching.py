"""Curve sketching (MIT 18.01, Lecture 10) on concentration-time and dose-response curves."""

from __future__ import annotations

import itertools

import sympy

LABELS = ("local maximum", "local minimum", "neither")


def critical_points(f: sympy.Expr, x: sympy.Symbol, domain: sympy.Set = sympy.S.Reals) -> sympy.Set:
    """The points of `domain` where f'(x) = 0."""
    return sympy.solveset(sympy.diff(f, x), x, domain)


def monotonic_sets(f: sympy.Expr, x: sympy.Symbol, domain: sympy.Set = sympy.S.Reals) -> tuple[sympy.Set, sympy.Set]:
    """(where f' > 0, where f' < 0) within `domain`: where f increases and where it decreases."""
    slope = sympy.diff(f, x)
    return sympy.solveset(slope > 0, x, domain), sympy.solveset(slope < 0, x, domain)


def concavity_sets(f: sympy.Expr, x: sympy.Symbol, domain: sympy.Set = sympy.S.Reals) -> tuple[sympy.Set, sympy.Set]:
    """(where f'' > 0, where f'' < 0) within `domain`: where f is concave up and where concave down."""
    bend = sympy.diff(f, x, 2)
    return sympy.solveset(bend > 0, x, domain), sympy.solveset(bend < 0, x, domain)


def _first_nonzero_derivative(f: sympy.Expr, x: sympy.Symbol, c: sympy.Expr, start: int) -> tuple[int, sympy.Expr]:
    """(n, f^(n)(c)) for the smallest n >= start with f^(n)(c) != 0 (f is not constant near c)."""
    for order in itertools.count(start):
        value = sympy.simplify(sympy.diff(f, x, order).subs(x, c))
        if value != 0:
            return order, value


def inflection_points(f: sympy.Expr, x: sympy.Symbol, domain: sympy.Set = sympy.S.Reals) -> sympy.Set:
    """The points of `domain` where f'' = 0 and f'' changes sign."""
    candidates = sympy.solveset(sympy.diff(f, x, 2), x, domain)
    # Near a zero c of f'', f'' behaves like f^(n)(c) (x - c)^(n-2) / (n-2)! for the first n > 2 with
    # f^(n)(c) != 0: it changes sign at c exactly when n - 2 is odd.
    return sympy.FiniteSet(*(p for p in candidates if _first_nonzero_derivative(f, x, p, 3)[0] % 2 == 1))


def classify_critical_point(f: sympy.Expr, x: sympy.Symbol, c: sympy.Expr) -> str:
    """One of LABELS: what f does at the critical point c (f'(c) = 0)."""
    # Near c, f' behaves like f^(n)(c) (x - c)^(n-1) / (n-1)! for the first n > 1 with f^(n)(c) != 0:
    # n even, f' changes sign at c (an extremum, whose kind the sign of f^(n)(c) tells); n odd, it does not.
    maximum, minimum, neither = LABELS
    order, value = _first_nonzero_derivative(f, x, c, 2)
    if order % 2 == 1:
        return neither
    return minimum if value > 0 else maximum


def vertical_asymptotes(f: sympy.Expr, x: sympy.Symbol) -> sympy.Set:
    """The real points a where f tends to oo or -oo from at least one side."""
    candidates = sympy.singularities(f, x, sympy.S.Reals)
    return sympy.FiniteSet(
        *(a for a in candidates if sympy.limit(f, x, a, "-").is_infinite or sympy.limit(f, x, a, "+").is_infinite)
    )


def bateman_inflection_time(ka: sympy.Expr, ke: sympy.Expr) -> sympy.Expr:
    """Time (h) after an oral dose when the concentration falls fastest: the inflection of the Bateman curve."""
    # C''(t) = 0  <=>  ka^2 exp(-ka t) = ke^2 exp(-ke t)  <=>  t = ln(ka^2 / ke^2) / (ka - ke): twice the peak time.
    return 2 * sympy.log(ka / ke) / (ka - ke)


def emax_inflection_points(ec50: sympy.Expr, hill: sympy.Expr) -> sympy.Set:
    """The concentrations c > 0 where the sigmoid Emax curve c^n / (EC50^n + c^n) changes concavity."""
    hill = sympy.sympify(hill)
    if hill <= 1:
        return sympy.S.EmptySet  # hyperbolic or flatter: concave down for every c > 0
    return sympy.FiniteSet(ec50 * ((hill - 1) / (hill + 1)) ** (1 / hill))
