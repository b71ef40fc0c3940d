"""Limits and continuity in sympy (MIT 18.01, Lecture 2), on drug-concentration and vital-sign models.

Every function takes sympy expressions and symbols and returns sympy objects (or, for
`classify_discontinuity`, one of the strings in LABELS), so you can hand it any model. Use
`sympy.limit(expr, x, a, dir=...)`: dir="+" approaches a from the right, dir="-" from the left,
dir="+-" asks for the two-sided limit. Note that sympy.limit's *default* is dir="+", a one-sided
limit. Infinity is `sympy.oo`.

Two sympy habits the exercises (and their examples) follow:
- a step such as a bolus at t0 is written with sympy.Heaviside(t - t0) (0 before, 1 after);
  sympy.limit does not handle Piecewise reliably;
- the variable of a limit at a finite point is a plain symbol, sympy.Symbol("t"), without
  assumptions such as positive=True (sympy shifts t -> t + t0 and a positive t would make
  Heaviside(t) evaluate to 1 too early).

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import sympy

# The four answers of classify_discontinuity; keep the tuple as it is.
LABELS = ("continuous", "removable", "jump", "infinite")


def infusion_concentration(R: sympy.Expr, k: sympy.Expr, V: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """Plasma concentration (mg/L) at time t (h) of a constant intravenous infusion started at t = 0.

    One-compartment model: C(t) = R / (k V) * (1 - exp(-k t)).

    Args:
        R: infusion rate (mg/h), a sympy symbol or number.
        k: first-order elimination rate constant (1/h), > 0.
        V: volume of distribution (L), > 0.
        t: the time symbol.

    Returns:
        a sympy expression in t (and in whichever of R, k, V are symbols).

    Example:
        >>> t = sympy.Symbol("t", positive=True)
        >>> infusion_concentration(sympy.Integer(100), sympy.Rational(1, 10), sympy.Integer(40), t)
        25 - 25*exp(-t/10)
    """
    raise NotImplementedError


def steady_state(concentration: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """The level a drug concentration settles at in the long run: the limit of `concentration` as t -> oo.

    Args:
        concentration: a sympy expression in t (mg/L); its other symbols are parameters.
        t: the time symbol.

    Returns:
        the limit as a sympy expression (mg/L); `sympy.oo` when the level grows without bound
        (e.g. a drug that is not eliminated). Not the value at some large time.

    Example:
        >>> t = sympy.Symbol("t", positive=True)
        >>> R, k, V = sympy.symbols("R k V", positive=True)
        >>> steady_state(R / (k * V) * (1 - sympy.exp(-k * t)), t)
        R/(V*k)
    """
    raise NotImplementedError


def one_sided_limits(expr: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """Both one-sided limits of expr as x -> a: the level just before and just after a.

    Args:
        expr: a sympy expression in x.
        x: the variable (a plain symbol, no assumptions).
        a: the point, a sympy number or symbol.

    Returns:
        the tuple (left, right): left = limit as x -> a from below (x < a), right = limit from
        above (x > a). Each is a sympy expression, possibly sympy.oo or -sympy.oo.

    Example: a patient at 10 mg/L (k = 0.1 /h) gets a second bolus of 500 mg into V = 40 L at t = 6 h.
        >>> t = sympy.Symbol("t")
        >>> C = 10 * sympy.exp(-t / 10) + sympy.Rational(25, 2) * sympy.exp(-(t - 6) / 10) * sympy.Heaviside(t - 6)
        >>> left, right = one_sided_limits(C, t, 6)
        >>> left, sympy.expand(right)  # mg/L just before and just after the bolus
        (10*exp(-3/5), 10*exp(-3/5) + 25/2)
    """
    raise NotImplementedError


def removable_value(expr: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> sympy.Expr:
    """The value that makes expr continuous at x = a: its (finite, two-sided) limit there.

    Substituting x = a into a formula such as (x**2 - 4) / (x - 2) gives 0/0 (sympy: nan);
    the limit fills that hole.

    Args:
        expr: a sympy expression in x.
        x: the variable (a plain symbol, no assumptions).
        a: the point, a sympy number or symbol.

    Returns:
        the two-sided limit at a, a sympy expression (it may contain expr's other symbols).

    Raises:
        ValueError: if no value can make expr continuous at a: the one-sided limits differ
        (a jump) or one of them is infinite.

    Example: a drug that is not eliminated (k -> 0) accumulates linearly, R t / V.
        >>> k, t = sympy.Symbol("k"), sympy.Symbol("t", positive=True)
        >>> removable_value(100 / (k * 40) * (1 - sympy.exp(-k * t)), k, 0)
        5*t/2
    """
    raise NotImplementedError


def classify_discontinuity(expr: sympy.Expr, x: sympy.Symbol, a: sympy.Expr) -> str:
    """How expr behaves at x = a, as one of the strings in LABELS.

    With left and right the one-sided limits at a and f(a) = expr.subs(x, a):
      - "infinite"   if left or right (either one) is infinite (oo or -oo);
      - "jump"       else if left and right are finite but differ;
      - "removable"  else if f(a) is undefined (nan, zoo) or differs from the common limit;
      - "continuous" else (left = right = f(a)).
    Inputs are such that both one-sided limits exist (finite or infinite). Compare sympy
    expressions mathematically (e.g. sympy.simplify(u - v) == 0), not by their printed form.

    Args:
        expr: a sympy expression in x.
        x: the variable (a plain symbol, no assumptions).
        a: the point, a sympy number or symbol.

    Returns:
        "continuous", "removable", "jump" or "infinite" (a str).

    Example:
        >>> x = sympy.Symbol("x")
        >>> classify_discontinuity((x**2 - 4) / (x - 2), x, 2)
        'removable'
    """
    raise NotImplementedError


def difference_quotient(f: sympy.Expr, t: sympy.Symbol, h: sympy.Symbol) -> sympy.Expr:
    """The average rate of change of a vital sign f over [t, t + h]: (f(t + h) - f(t)) / h.

    Args:
        f: a sympy expression in t (e.g. systolic pressure in mmHg, t in hours).
        t: the time symbol.
        h: the step symbol.

    Returns:
        a sympy expression in t and h (units of f per hour).

    Example:
        >>> t, h = sympy.symbols("t h")
        >>> sympy.simplify(difference_quotient(120 + 3 * t**2, t, h))
        3*h + 6*t
    """
    raise NotImplementedError


def instantaneous_rate(f: sympy.Expr, t: sympy.Symbol, t0: sympy.Expr) -> sympy.Expr:
    """The instantaneous rate of change f'(t0), as the limit of the difference quotient as h -> 0.

    Build the quotient with your `difference_quotient` at t = t0 (a new step symbol h) and take
    its limit; do not call sympy.diff. f is differentiable at t0.

    Args:
        f: a sympy expression in t (a vital sign, t in hours).
        t: the time symbol.
        t0: the time, a sympy number, a symbol, or t itself (then the answer is f' as a function of t).

    Returns:
        a sympy expression (units of f per hour).

    Example: systolic pressure falling after an antihypertensive, mmHg.
        >>> t = sympy.Symbol("t")
        >>> instantaneous_rate(160 - 30 * (1 - sympy.exp(-t / 2)), t, 0)
        -15
    """
    raise NotImplementedError
