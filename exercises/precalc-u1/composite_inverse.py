"""Composite and inverse functions (Khan Academy Precalculus, unit 1) on dosing, assay and effect models.

Composition chains models: a dose sets a concentration, the concentration sets an effect, so the
effect of a dose is effect(concentration(dose)). Inversion answers the clinician's question the
other way round: which dose reaches a target level, which concentration produced the signal the
assay machine read. Symbolic answers are sympy expressions (the graders check them for
mathematical equivalence, so any correct form passes); numeric answers are Python floats.

sympy reminders: `expr.subs(x, other)` replaces x by another expression; `sympy.solve(sympy.Eq(y, f), x)`
returns a list of solutions for x; `sympy.simplify(a - b) == 0` tests whether a and b are equal;
a symbol's assumptions (`sympy.Symbol("x", positive=True)`) tell sympy the domain it lives on.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import math
from collections import Counter

import sympy


def compose(outer: sympy.Expr, inner: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """The composite function (outer o inner)(x) = outer(inner(x)).

    Both functions are written as sympy expressions in the same variable x. inner acts first:
    its output is the input of outer. Composition is not commutative: outer(inner(x)) and
    inner(outer(x)) usually differ.

    Args:
        outer: the function applied second, an expression in x (other symbols are parameters).
        inner: the function applied first, an expression in x.
        x: the variable.

    Returns:
        a sympy expression in x.

    Example: a 7 mg/kg dose for a patient of weight x kg, spread over V = 42 L, gives x/6 mg/L.
        >>> x = sympy.Symbol("x", positive=True)
        >>> compose(x / 42, 7 * x, x)   # concentration(dose(weight))
        x/6
    """
    raise NotImplementedError


def effect_over_time(
    dose: sympy.Expr, volume: sympy.Expr, k: sympy.Expr, emax: sympy.Expr, ec50: sympy.Expr, t: sympy.Symbol
) -> sympy.Expr:
    """The drug effect t hours after an intravenous bolus: the Emax model of the bolus concentration.

    Two stages, composed:
      concentration (mg/L):  C(t) = dose / volume * exp(-k t)
      effect (units of emax): E(C) = emax * C / (ec50 + C)
    Return E(C(t)).

    Args:
        dose: the bolus (mg); volume: volume of distribution (L); k: elimination rate (1/h);
        emax: the maximal effect (e.g. mmHg of blood-pressure fall); ec50: the concentration
        giving half of emax (mg/L). Each is a sympy symbol or number.
        t: the time symbol (h).

    Returns:
        a sympy expression in t (and in whichever parameters are symbols).

    Example: 500 mg into 40 L, k = 0.1 /h, emax = 30 mmHg, ec50 = 5 mg/L.
        >>> t = sympy.Symbol("t", positive=True)
        >>> E = effect_over_time(sympy.Integer(500), 40, sympy.Rational(1, 10), 30, 5, t)
        >>> E.subs(t, 0)   # C(0) = 12.5 mg/L
        150/7
    """
    raise NotImplementedError


def inverse_function(f: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol) -> sympy.Expr:
    """The inverse function of f, written in the variable y: the x that solves y = f(x).

    f is one-to-one on the domain that x's assumptions describe (e.g. positive=True), so y = f(x)
    has exactly one solution x there. The inverse is NOT the reciprocal 1 / f.

    Args:
        f: a sympy expression in x (other symbols are parameters).
        x: the variable of f, with the assumptions that give its domain.
        y: the symbol for f's output, which becomes the inverse's variable.

    Returns:
        a sympy expression g in y (and f's parameters) with g(f(x)) = x.

    Raises:
        ValueError: if y = f(x) does not have exactly one solution for x.

    Example: phenytoin's steady-state level Css (mg/L) from a daily dose R (mg/day) saturates,
    Css = Km R / (Vmax - R); its inverse gives the dose for a target level.
        >>> R, Css, Vmax, Km = sympy.symbols("R Css Vmax Km", positive=True)
        >>> inverse_function(Km * R / (Vmax - R), R, Css)
        Css*Vmax/(Css + Km)
    """
    raise NotImplementedError


def are_inverses(f: sympy.Expr, g: sympy.Expr, x: sympy.Symbol) -> bool:
    """Whether f and g are inverse functions, verified by composition.

    f and g are inverses when BOTH f(g(x)) = x and g(f(x)) = x on the domain that x's
    assumptions describe; one direction alone is not enough (x**2 and sqrt(x) on the real line:
    (sqrt(x))**2 = x, but sqrt(x**2) = |x|). Decide equality with sympy.simplify(expr - x) == 0.

    Args:
        f, g: sympy expressions in x.
        x: the variable, with the assumptions that give the domain.

    Returns:
        a bool.

    Example: a linear glucose-meter calibration and its inverse, on readings x > 0.
        >>> x = sympy.Symbol("x", positive=True)
        >>> are_inverses(2 * x + 5, (x - 5) / 2, x)
        True
    """
    raise NotImplementedError


def is_invertible_on(f: sympy.Expr, x: sympy.Symbol, lo: sympy.Expr, hi: sympy.Expr) -> bool:
    """Whether the polynomial f is one-to-one (so invertible) on the closed interval [lo, hi].

    A polynomial is one-to-one on an interval exactly when it has no turning point strictly inside
    it. A turning point is a real zero of f' at which f' changes sign (a zero of odd multiplicity).
    A zero of f' where f' does not change sign (x**3 at 0: f' = 3 x**2) is not a turning point, and
    a turning point at an end of the interval does not spoil invertibility.

    Args:
        f: a polynomial in x of degree >= 1 with rational coefficients.
        x: the variable.
        lo, hi: the interval's ends, lo < hi; sympy numbers, possibly -sympy.oo / sympy.oo.

    Returns:
        a bool.

    Example: all-cause mortality risk is U-shaped in body-mass index, lowest at BMI 25:
        >>> x = sympy.Symbol("x")
        >>> risk = (x - 25) ** 2 / 100 + 1
        >>> is_invertible_on(risk, x, 18, 35), is_invertible_on(risk, x, 25, 40)
        (False, True)
    """
    raise NotImplementedError


def invertible_branch(f: sympy.Expr, x: sympy.Symbol, x0: sympy.Expr) -> sympy.Interval:
    """The largest interval containing x0 on which the polynomial f is one-to-one.

    Restricting the domain to this interval makes f invertible. It runs from the nearest turning
    point of f (as defined in is_invertible_on) left of x0 to the nearest one right of x0, and
    includes its finite ends; where there is none on a side, it extends to -oo / oo.

    Args:
        f: a polynomial in x of degree >= 1 with rational coefficients.
        x: the variable.
        x0: a sympy number that is not itself a turning point.

    Returns:
        a sympy.Interval, e.g. sympy.Interval(25, sympy.oo) for [25, oo) (with no turning point
        at all, sympy.Interval(-sympy.oo, sympy.oo), which sympy shows as sympy.Reals).

    Example:
        >>> x = sympy.Symbol("x")
        >>> invertible_branch((x - 25) ** 2 / 100 + 1, x, 30)
        Interval(25, oo)
    """
    raise NotImplementedError


def dose_rate_for_target(target: float, vmax: float, km: float) -> float:
    """The daily dose (mg/day) of phenytoin that gives the steady-state level `target` (mg/L).

    Phenytoin's elimination saturates (Michaelis-Menten): at a daily dose R below vmax the
    steady-state level is Css = km * R / (vmax - R). Return the inverse: the R for Css = target.

    Args:
        target: the desired steady-state level (mg/L), >= 0 (therapeutic range 10-20 mg/L).
        vmax: the maximal elimination rate (mg/day), > 0.
        km: the level at half-maximal elimination (mg/L), > 0.

    Returns:
        a float, mg/day (always below vmax).

    Raises:
        ValueError: if target < 0.

    Example:
        >>> dose_rate_for_target(15.0, 500.0, 4.0)   # mg/day
        394.7368421052632
    """
    raise NotImplementedError


def concentration_from_signal(signal: float, bottom: float, top: float, ec50: float, hill: float) -> float:
    """Read a concentration off an immunoassay's four-parameter logistic (4PL) calibration curve.

    The curve maps a concentration C >= 0 (ng/mL) to the measured signal (optical density):
        S(C) = bottom + (top - bottom) * C**hill / (ec50**hill + C**hill),
    which rises from bottom (at C = 0) towards top (never reached). Return its inverse at
    `signal`: the C >= 0 with S(C) = signal (0.0 when signal == bottom).

    Args:
        signal: the measured optical density.
        bottom, top: the curve's lower and upper plateaus, bottom < top.
        ec50: the concentration at the curve's midpoint (ng/mL), > 0.
        hill: the slope factor, > 0.

    Returns:
        a float, ng/mL.

    Raises:
        ValueError: if signal < bottom or signal >= top: such a reading is outside the range of
        the curve (the domain of its inverse), and no concentration produces it.

    Example:
        >>> concentration_from_signal(1.1, 0.1, 2.1, 20.0, 1.0)   # the midpoint: C = ec50
        20.0
    """
    raise NotImplementedError


def duration_of_effect(dose: float, volume: float, k: float, ec50: float, fraction: float) -> float:
    """Hours after an intravenous bolus until the drug's effect has fallen to `fraction` of emax.

    The effect is the composite of effect_over_time: E/emax = C / (ec50 + C) with
    C(t) = dose / volume * exp(-k t). Undo the stages in reverse order: first the concentration
    at which the effect is `fraction` of emax, then the time at which C(t) falls to it.
    If the effect starts at or below that fraction (t = 0), return 0.0.

    Args:
        dose: mg; volume: L; k: elimination rate (1/h); ec50: mg/L; each > 0.
        fraction: the fraction of emax, 0 < fraction < 1.

    Returns:
        a float, hours (>= 0).

    Raises:
        ValueError: if fraction is not strictly between 0 and 1.

    Example: 500 mg into 40 L (12.5 mg/L), ec50 = 2 mg/L, k = 0.1 /h: half of emax is left when
    C = 2 mg/L.
        >>> round(duration_of_effect(500.0, 40.0, 0.1, 2.0, 0.5), 3)
        18.326
    """
    raise NotImplementedError
