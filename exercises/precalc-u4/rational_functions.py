"""Rational functions and their asymptotes (Khan Academy Precalculus, unit 4) on saturating clinical models.

A rational function is a ratio of two polynomials. Where its denominator vanishes it has either a
vertical asymptote or, when the zero cancels against the numerator, a hole (a removable
discontinuity). Far out (x -> +-oo) it levels off at a horizontal asymptote, follows an oblique
(slant) line, or grows faster than any line. Saturating physiology is full of them: elimination
rates that level off at Vmax (or, with a second linear pathway, rise along a slant line),
the serum sodium that creeps towards the infusate's sodium but never reaches it.

sympy reminders: `sympy.together(expr)` writes a sum as one fraction; `sympy.fraction(e)` splits a
fraction into (numerator, denominator); `sympy.cancel(e)` cancels common factors (lowest terms);
`sympy.Poly(p, x)` has `.degree()` and `.LC()` (leading coefficient); `sympy.div(p, q)` divides
polynomials, giving (quotient, remainder); `sympy.real_roots(sympy.Poly(p, x))` lists real zeros
(repeated by multiplicity). sympy cancels identical factors written as products, so the graders
hand you expanded polynomials such as (x**2 - 4) / (x**2 - x - 2).

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import sympy


def vertical_asymptotes(expr: sympy.Expr, x: sympy.Symbol) -> list:
    """The x-values of the vertical asymptotes of the rational function expr.

    They are the real zeros of the denominator AFTER cancelling common factors with the
    numerator (lowest terms). A zero that cancels completely is a hole, not an asymptote; a zero
    whose factor appears more often in the denominator than in the numerator stays an asymptote.
    Complex zeros (e.g. of x**2 + 4) give no asymptote.

    Args:
        expr: a rational function of x with rational-number coefficients (no other symbols); a
            polynomial counts too (its denominator is 1).
        x: the variable.

    Returns:
        a list of sympy numbers, in increasing order, each listed once (empty if there are none).

    Example:
        >>> x = sympy.Symbol("x")
        >>> vertical_asymptotes((x**2 - 4) / (x**3 - 3*x**2 + 2*x), x)   # (x-2)(x+2) / (x (x-1) (x-2))
        [0, 1]
    """
    raise NotImplementedError


def removable_discontinuities(expr: sympy.Expr, x: sympy.Symbol) -> list[tuple]:
    """The holes of the rational function expr, with the value that fills each one.

    A hole is a real zero x0 of the denominator of expr as given (before any cancelling) that
    is no longer a zero of the denominator in lowest terms. The value y0 that fills it is the
    lowest-terms function evaluated at x0 (its limit there).

    Args:
        expr: one fraction p / q of two polynomials in x with rational-number coefficients (no
            other symbols), expanded as the graders hand it over. Split it with
            sympy.fraction(expr), not after sympy.together: together already cancels common
            powers of x, which would hide a hole at x = 0. A polynomial counts too (q = 1).
        x: the variable.

    Returns:
        a list of (x0, y0) tuples of sympy numbers, in increasing order of x0 (empty if none).

    Example:
        >>> x = sympy.Symbol("x")
        >>> removable_discontinuities((x**2 - 4) / (x**3 - 3*x**2 + 2*x), x)   # lowest terms (x+2) / (x (x-1))
        [(2, 2)]
    """
    raise NotImplementedError


def horizontal_asymptote(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr | None:
    """The horizontal asymptote y = L of the rational function expr, as x -> +oo (and -oo).

    Compare the degrees n (numerator) and d (denominator) in lowest terms: n < d gives L = 0,
    n = d gives L = (leading coefficient of the numerator) / (leading coefficient of the
    denominator), n > d gives no horizontal asymptote.

    Args:
        expr: a rational function of x; other symbols are positive parameters (Vmax, Km, ...).
            A sum such as E0 + Emax*x/(EC50 + x) counts: write it as one fraction first.
        x: the variable.

    Returns:
        L as a sympy expression (sympy.Integer(0) when n < d), or None when n > d.

    Example: Michaelis-Menten elimination saturates at Vmax (mg/h) as the concentration grows.
        >>> C, Vmax, Km = sympy.symbols("C Vmax Km", positive=True)
        >>> horizontal_asymptote(Vmax * C / (Km + C), C)
        Vmax
    """
    raise NotImplementedError


def slant_asymptote(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr | None:
    """The slant (oblique) asymptote y = m x + b of the rational function expr.

    It exists exactly when, in lowest terms, the numerator's degree is one more than the
    denominator's; the line is the quotient of the polynomial division numerator / denominator
    (the remainder over the denominator tends to 0). With any other degrees there is none.

    Args:
        expr: a rational function of x; other symbols are positive parameters.
        x: the variable.

    Returns:
        the line m x + b as a sympy expression in x, or None.

    Example:
        >>> x = sympy.Symbol("x")
        >>> slant_asymptote((2*x**2 + 3*x + 5) / (x + 1), x)   # = 2x + 1 + 4/(x + 1)
        2*x + 1
    """
    raise NotImplementedError


def elimination_rate(c: sympy.Expr, vmax: sympy.Expr, km: sympy.Expr, cl: sympy.Expr) -> sympy.Expr:
    """The rate (mg/h) at which the body eliminates a drug cleared by two pathways at once.

    A saturable enzymatic pathway (Michaelis-Menten, vmax * C / (km + C), levelling off at vmax)
    plus a linear one (renal clearance, cl * C). At high concentrations the saturable pathway
    contributes a constant vmax, so the rate approaches the slant asymptote cl * C + vmax: it
    keeps rising, but only as fast as the linear pathway allows.

    Args:
        c: the plasma concentration C, a sympy symbol or number (mg/L).
        vmax: maximal rate of the saturable pathway (mg/h).
        km: concentration at half of vmax (mg/L).
        cl: clearance of the linear pathway (L/h).

    Returns:
        a sympy expression (mg/h).

    Example:
        >>> C = sympy.Symbol("C", positive=True)
        >>> elimination_rate(C, 20, 4, sympy.Rational(1, 2)).subs(C, 12)   # 15 + 6 mg/h
        21
    """
    raise NotImplementedError


def sodium_after_infusion(tbw: sympy.Expr, sodium0: sympy.Expr, sodium_in: sympy.Expr, v: sympy.Expr) -> sympy.Expr:
    """Serum sodium (mmol/L) after v litres of an infusate mix into a patient's total body water.

    Mixing model (no losses, sodium distributing in total body water): the sodium already there
    plus the sodium infused, divided by the new volume,
        Na(v) = (tbw * sodium0 + v * sodium_in) / (tbw + v).
    It is a rational function of v whose horizontal asymptote is sodium_in.

    Args:
        tbw: total body water (L), about 0.6 x body weight in kg.
        sodium0: the serum sodium now (mmol/L).
        sodium_in: the infusate's sodium (mmol/L): 513 for 3% saline, 154 for 0.9%, 77 for
            0.45%, 0 for 5% dextrose.
        v: litres infused, a sympy symbol or number.

    Returns:
        a sympy expression (mmol/L).

    Example: 1 L of 3% saline for a 70 kg man (42 L) at 118 mmol/L.
        >>> v = sympy.Symbol("v", positive=True)
        >>> Na = sodium_after_infusion(sympy.Integer(42), 118, 513, v)
        >>> Na.subs(v, 1), round(float(Na.subs(v, 1)), 1)   # up 9.2 mmol/L: the Adrogue-Madias estimate
        (5469/43, 127.2)
    """
    raise NotImplementedError


def volume_to_reach(tbw: float, sodium0: float, sodium_in: float, target: float) -> float:
    """Litres of infusate that take the serum sodium from sodium0 to target, by the mixing model.

    Solve sodium_after_infusion(tbw, sodium0, sodium_in, v) = target for v. Infusing moves the
    sodium from sodium0 towards sodium_in (up with hypertonic saline, down with dextrose), and
    never reaches sodium_in itself: that is the asymptote. So a target is reachable exactly
    when it lies between sodium0 (included: 0.0 L) and sodium_in (excluded).

    Args:
        tbw: total body water (L); sodium0, sodium_in, target: mmol/L.

    Returns:
        a float, litres (>= 0).

    Raises:
        ValueError: if the target is not reachable (on the far side of sodium0, or at or beyond
        sodium_in).

    Example: raise 118 mmol/L by 6 mmol/L (a safe day's correction) with 3% saline, 42 L of water.
        >>> round(volume_to_reach(42.0, 118.0, 513.0, 124.0), 3)
        0.648
    """
    raise NotImplementedError
