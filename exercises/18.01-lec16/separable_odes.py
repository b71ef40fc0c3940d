"""Separable differential equations (MIT 18.01, Lecture 16): elimination kinetics and growth models.

An equation dy/dt = g(t) h(y) is separable: put everything with y on one side and everything
with t on the other, dy / h(y) = g(t) dt, integrate both sides, H(y) = G(t) + c, use the initial
value to find c, and solve for y where you can. Check an answer the way the lecture does:
substitute it into the equation and into the initial condition.

In sympy, `sympy.dsolve` solves many such equations:
    Y = sympy.Function("Y")
    sympy.dsolve(sympy.Eq(Y(t).diff(t), rate.subs(y, Y(t))), Y(t), ics={Y(t0): y0})
returns an equation Eq(Y(t), solution); `.rhs` is the solution.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import math

import sympy


def first_order_elimination(C0: sympy.Expr, k: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """The plasma level after an IV bolus: the solution of dC/dt = -k C with C(0) = C0.

    First-order (linear) elimination: the body clears a fixed *fraction* of the drug per hour.

    Args:
        C0: the level at t = 0 (mg/L), a sympy symbol or number.
        k: the elimination rate constant (1/h).
        t: the time symbol (h).

    Returns:
        a sympy expression in t (mg/L).

    Example: gentamicin, 8 mg/L just after the dose, k = 0.25 /h.
        >>> t = sympy.Symbol("t")
        >>> first_order_elimination(8, sympy.Rational(1, 4), t)
        8*exp(-t/4)
    """
    raise NotImplementedError


def elimination_constant(c1: float, t1: float, c2: float, t2: float) -> float:
    """The elimination rate constant k (1/h) from two levels drawn during the same decay.

    Between the two draws C(t) = c1 exp(-k (t - t1)) (the solution of dC/dt = -k C), so
    c2 = c1 exp(-k (t2 - t1)): solve for k with the natural logarithm. This is how a pharmacist
    individualises an aminoglycoside from a peak and a trough level.

    Args:
        c1: the first level (mg/L), drawn at t1 (h).
        c2: the second level (mg/L), drawn at t2 > t1 (h), with 0 < c2 < c1.

    Returns:
        k, a float (1/h); the half-life is ln(2) / k.

    Example: a peak of 8 mg/L at 1 h and 2 mg/L at 9 h (two half-lives in 8 h).
        >>> round(elimination_constant(8.0, 1.0, 2.0, 9.0), 6)
        0.173287
    """
    raise NotImplementedError


def solve_separable(rate: sympy.Expr, y: sympy.Symbol, t: sympy.Symbol, t0: sympy.Expr, y0: sympy.Expr) -> sympy.Expr:
    """The solution y(t) of dy/dt = rate with the initial value y(t0) = y0.

    `rate` is an expression in y and t that separates as g(t) * h(y): e.g. -k*y (first-order
    elimination), -k*y**2 (second-order elimination), -k*(1 + a*t)*y (a clearance that matures
    with age). For every rate given the solution is explicit and unique. Note that the initial
    value may be given at a time t0 other than 0 (the level measured at the first draw).

    Args:
        rate: a sympy expression in y and t (units of y per unit of t).
        y: the symbol that stands for the unknown function in `rate`.
        t: the time symbol.
        t0: the time of the initial value, a number.
        y0: the initial value y(t0), a number.

    Returns:
        a sympy expression in t alone (no y): the solution, in any equivalent form.

    Example: a level of 10 mg/L measured at t = 2 h, eliminated with k = 0.2 /h.
        >>> t, y = sympy.symbols("t y")
        >>> sympy.simplify(solve_separable(-y / 5, y, t, 2, 10) - 10 * sympy.exp(-(t - 2) / 5))
        0
    """
    raise NotImplementedError


def logistic_growth(N0: sympy.Expr, r: sympy.Expr, K: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """A population that grows until it runs out of room: dN/dt = r N (1 - N / K), N(0) = N0.

    Bacteria in an untreated infection, or tumour cells, grow exponentially while few and level
    off at the carrying capacity K. Separate the variables (1 / (N (1 - N/K)) splits into partial
    fractions), integrate, use N(0) = N0 and solve for N.

    Args:
        N0: the initial size (e.g. CFU/mL or cells), 0 < N0 < K. N0, r, K are sympy symbols or
            numbers (Python ints too: keep the answer exact, e.g. with sympy.sympify).
        r: the intrinsic growth rate (1/h or 1/day), > 0.
        K: the carrying capacity (same units as N0).
        t: the time symbol.

    Returns:
        a sympy expression in t (units of N0), in any equivalent form.

    Example: 1000 CFU/mL growing at r = 1 /h towards 10**9 CFU/mL.
        >>> t = sympy.Symbol("t")
        >>> logistic_growth(1000, 1, 10**9, t)
        1000000000/(1 + 999999*exp(-t))
    """
    raise NotImplementedError


def michaelis_menten_time(C0: sympy.Expr, C: sympy.Expr, Vmax: sympy.Expr, Km: sympy.Expr) -> sympy.Expr:
    """How long saturable elimination takes to bring a level from C0 down to C.

    Phenytoin and ethanol are eliminated by enzymes that saturate:
    dC/dt = -Vmax C / (Km + C) (Vmax in mg/L per h, Km in mg/L). The equation separates,
    (Km + C) / C dC = -Vmax dt; integrating from C0 to C gives the time t as a function of C
    (C itself cannot be written with elementary functions of t).

    Args:
        C0: the starting level (mg/L). C: the target level (mg/L), 0 < C <= C0.
        Vmax: the maximum elimination rate (mg/L per h). Km: the level at half that rate (mg/L).
        All sympy symbols or numbers (Python ints too: keep the answer exact, e.g. with sympy.sympify).

    Returns:
        a sympy expression for the time (h), 0 when C = C0.

    Example: from 30 mg/L down to 10 mg/L with Vmax = 1 mg/L/h, Km = 5 mg/L.
        >>> michaelis_menten_time(30, 10, 1, 5)
        5*log(3) + 20
    """
    raise NotImplementedError
