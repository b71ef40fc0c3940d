"""Curve sketching (MIT 18.01, Lecture 10) on concentration-time and dose-response curves.

Every function takes sympy expressions and returns sympy objects (or, for
`classify_critical_point`, one of the strings in LABELS). Sets of points and intervals are
sympy sets, exactly what `sympy.solveset` returns:
  - a few points: `sympy.FiniteSet(1, 3)`; no point at all: `sympy.S.EmptySet`;
  - intervals: `sympy.Interval.open(a, b)` (a < x < b), `sympy.Interval.Ropen(a, b)` (a <= x < b),
    `sympy.Interval(a, b)` (closed), unions of them with `sympy.Union(...)`; infinity is `sympy.oo`.
`sympy.solveset(equation_or_inequality, x, domain)` solves f'(x) = 0 or f'(x) > 0 within a domain
(`sympy.S.Reals` by default in these functions). Keep the answers exact (Rationals, logs,
roots), not decimals.

The clinical models (an oral dose's Bateman curve, the sigmoid Emax curve, phenytoin's
saturable steady state) are in autograde.datasets.calculus_shapes, if you want to try your
functions on them:
    from autograde.datasets.calculus_shapes import bateman_concentration, emax_effect

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import sympy

LABELS = ("local maximum", "local minimum", "neither")


def critical_points(f: sympy.Expr, x: sympy.Symbol, domain: sympy.Set = sympy.S.Reals) -> sympy.Set:
    """The critical points of f in `domain`: the points where f'(x) = 0.

    (The lecture's definition: points where f' does not exist are not included.)

    Args:
        f: a sympy expression in x, with no other symbol.
        x: the variable (a plain sympy symbol).
        domain: a sympy set (e.g. sympy.Interval(0, sympy.oo) for times t >= 0); only critical
            points inside it are returned. Default: all real numbers.

    Returns:
        a sympy FiniteSet of exact points (sympy.S.EmptySet if there are none).

    Example: after an oral dose (ka = 1.5 /h, ke = 0.2 /h) the level peaks once.
        >>> t = sympy.Symbol("t")
        >>> C = 40 * (sympy.exp(-t / 5) - sympy.exp(-3 * t / 2))   # mg/L
        >>> critical_points(C, t, sympy.Interval(0, sympy.oo))      # the peak, about 1.55 h
        {-30*log(2)/13 + 10*log(60)/13}
    """
    raise NotImplementedError


def monotonic_sets(f: sympy.Expr, x: sympy.Symbol, domain: sympy.Set = sympy.S.Reals) -> tuple[sympy.Set, sympy.Set]:
    """Where f increases and where it decreases, within `domain`.

    Args:
        f: a sympy expression in x, with no other symbol.
        x: the variable.
        domain: a sympy set; default all real numbers.

    Returns:
        the tuple (increasing, decreasing) of sympy sets: increasing = the points of the domain
        where f'(x) > 0, decreasing = those where f'(x) < 0 (strict: a critical point is in
        neither, and neither is a point where f or f' is undefined).

    Example:
        >>> x = sympy.Symbol("x")
        >>> monotonic_sets(3 * x - x**3, x)
        (Interval.open(-1, 1), Union(Interval.open(-oo, -1), Interval.open(1, oo)))
    """
    raise NotImplementedError


def concavity_sets(f: sympy.Expr, x: sympy.Symbol, domain: sympy.Set = sympy.S.Reals) -> tuple[sympy.Set, sympy.Set]:
    """Where f is concave up and where it is concave down, within `domain`.

    Args:
        f: a sympy expression in x, with no other symbol.
        x: the variable.
        domain: a sympy set; default all real numbers.

    Returns:
        the tuple (concave_up, concave_down) of sympy sets: the points of the domain where
        f''(x) > 0, and those where f''(x) < 0 (strict, as in monotonic_sets).

    Example: (x + 1) / (x + 2) bends up left of its pole and down right of it.
        >>> x = sympy.Symbol("x")
        >>> concavity_sets((x + 1) / (x + 2), x)
        (Interval.open(-oo, -2), Interval.open(-2, oo))
    """
    raise NotImplementedError


def inflection_points(f: sympy.Expr, x: sympy.Symbol, domain: sympy.Set = sympy.S.Reals) -> sympy.Set:
    """The inflection points of f in `domain`: the points c where f''(c) = 0 AND f'' changes sign at c.

    A zero of f'' where the sign does not change (x**4 at 0) is not an inflection point, and
    neither is a point outside the domain of f (1/x changes concavity at 0, which is a pole).

    Args:
        f: a sympy expression in x, with no other symbol.
        x: the variable.
        domain: a sympy set; default all real numbers.

    Returns:
        a sympy FiniteSet of exact points (sympy.S.EmptySet if there are none).

    Example:
        >>> x = sympy.Symbol("x")
        >>> inflection_points(x**4 - 4 * x**3, x)      # f'' = 12 x (x - 2); x**4 has none
        {0, 2}
    """
    raise NotImplementedError


def classify_critical_point(f: sympy.Expr, x: sympy.Symbol, c: sympy.Expr) -> str:
    """What f does at one of its critical points c (f'(c) = 0), as one of the strings in LABELS.

    First-derivative test: "local maximum" if f' changes from + to - at c, "local minimum" if
    from - to +, "neither" if f' has the same sign on both sides. The second-derivative test
    (f''(c) < 0: maximum, f''(c) > 0: minimum) is a shortcut that decides nothing when
    f''(c) = 0: x**4 has a minimum at 0, x**3 has neither, and both have f''(0) = 0.

    Args:
        f: a sympy expression in x, with no other symbol, not constant, and equal to its Taylor
            series near c (polynomials, exp, log...): some derivative of f at c is not 0.
        x: the variable.
        c: the critical point, an exact sympy number (it may involve logs or roots).

    Returns:
        "local maximum", "local minimum" or "neither" (a str).

    Example:
        >>> x = sympy.Symbol("x")
        >>> classify_critical_point(3 * x - x**3, x, 1)
        'local maximum'
    """
    raise NotImplementedError


def vertical_asymptotes(f: sympy.Expr, x: sympy.Symbol) -> sympy.Set:
    """The real points a where f blows up: lim f(x) as x -> a is oo or -oo from at least one side.

    A point where the formula is undefined but has a finite limit (a hole, like
    (x**2 - 4) / (x - 2) at 2) is not an asymptote; complex roots of a denominator are not
    real points. `sympy.singularities(f, x, sympy.S.Reals)` lists candidates; `sympy.limit`
    (with dir="-" and dir="+") tells which of them blow up.

    Args:
        f: a sympy expression in x, with no other symbol.
        x: the variable (a plain symbol).

    Returns:
        a sympy FiniteSet of exact real points (sympy.S.EmptySet if there are none).

    Example: phenytoin, Km = 4 mg/L, Vmax = 500 mg/day: the steady state as a function of the
    daily dose R blows up as R approaches Vmax.
        >>> R = sympy.Symbol("R")
        >>> vertical_asymptotes(4 * R / (500 - R), R)
        {500}
    """
    raise NotImplementedError


def bateman_inflection_time(ka: sympy.Expr, ke: sympy.Expr) -> sympy.Expr:
    """When, after one oral dose, the plasma level falls fastest: the inflection point of the Bateman curve.

    C(t) = A * (exp(-ke t) - exp(-ka t)) with A > 0 and ka > ke > 0 (absorption faster than
    elimination) rises to a peak, then falls; its decline is steepest where C''(t) = 0. That
    time does not depend on the dose, F or V (they only scale A).

    Args:
        ka: absorption rate constant (1/h), a positive sympy number or symbol.
        ke: elimination rate constant (1/h), a positive sympy number or symbol, smaller than ka.

    Returns:
        the time in hours, a sympy expression in ka and ke.

    Example: ka = 1.5 /h, ke = 0.2 /h.
        >>> sympy.N(bateman_inflection_time(sympy.Rational(3, 2), sympy.Rational(1, 5)))
        3.09985080...
    """
    raise NotImplementedError


def emax_inflection_points(ec50: sympy.Expr, hill: sympy.Expr) -> sympy.Set:
    """The concentrations c > 0 where the sigmoid Emax curve E(c) = Emax c^n / (EC50^n + c^n) changes concavity.

    Emax > 0 does not matter (it only scales E). Plotted against c itself (not log c), the curve
    with a steep Hill coefficient n is S-shaped: concave up, then concave down. With n <= 1 it is
    concave down for every c > 0 and has no inflection point.

    Args:
        ec50: the concentration of half-maximal effect (mg/L), a positive sympy number or symbol.
        hill: the Hill coefficient n, a positive sympy number (Integer or Rational), not a symbol.

    Returns:
        a sympy FiniteSet of the inflection concentrations (mg/L) in c > 0, or
        sympy.S.EmptySet if there is none.

    Example: EC50 = 8 mg/L, n = 3.
        >>> emax_inflection_points(sympy.Integer(8), sympy.Integer(3))
        {4*2**(2/3)}
    """
    raise NotImplementedError
