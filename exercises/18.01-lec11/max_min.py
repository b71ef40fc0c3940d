"""Max-min problems (MIT 18.01, Lecture 11): peak levels, best doses, extremes over a dosing interval.

Every function takes sympy expressions or exact sympy numbers (`sympy.Integer`,
`sympy.Rational`) and returns sympy objects: exact answers (logs, square roots, Rationals),
not decimals. Python ints are accepted too, but 500 / 40 in Python is the float 12.5: turn
inputs into sympy numbers first (`sympy.sympify(value)`) if you divide them.

The method of the lecture: the extremes of a differentiable f on a closed interval [a, b] are
among its critical points inside [a, b] and the two endpoints; compare f at those few points.
On an unbounded range (doses D >= 0) look at the ends too: where f goes as D -> oo, and D = 0.

The oral-dose model is given (do not rewrite it):
    from autograde.datasets.calculus_shapes import bateman_concentration
    bateman_concentration(t, dose, ka, ke, volume, bioavailability)
      = F * D * ka / (V * (ka - ke)) * (exp(-ke t) - exp(-ka t))     (mg/L, t in h)

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import sympy

from autograde.datasets.calculus_shapes import bateman_concentration


def candidate_points(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, b: sympy.Expr) -> sympy.Set:
    """Where the absolute extremes of f on [a, b] can be: the critical points of f inside [a, b] and a and b.

    Args:
        f: a sympy expression in x alone (no other symbol), differentiable on [a, b].
        x: the variable (a plain sympy symbol).
        a, b: the ends of the interval, exact sympy numbers with a < b.

    Returns:
        a sympy FiniteSet: the points c with a <= c <= b and f'(c) = 0, together with a and b.

    Example:
        >>> x = sympy.Symbol("x")
        >>> candidate_points(x**3 - 3 * x, x, -3, sympy.Rational(3, 2))
        {-3, -1, 1, 3/2}
    """
    raise NotImplementedError


def absolute_extrema(
    f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, b: sympy.Expr
) -> tuple[tuple[sympy.Expr, sympy.Expr], tuple[sympy.Expr, sympy.Expr]]:
    """The absolute minimum and maximum of f on the closed interval [a, b], and where they are.

    Args:
        f: a sympy expression in x alone (no other symbol), differentiable on [a, b].
        x: the variable.
        a, b: the ends of the interval, exact sympy numbers with a < b.

    Returns:
        ((x_min, f_min), (x_max, f_max)), four exact sympy numbers: f_min = f(x_min) is the
        smallest value of f on [a, b], f_max = f(x_max) the largest. If the smallest (or largest)
        value is reached at several points, x_min (or x_max) is the smallest of them.

    Example:
        >>> x = sympy.Symbol("x")
        >>> absolute_extrema(x**3 - 3 * x, x, -3, sympy.Rational(3, 2))
        ((-3, -18), (-1, 2))
    """
    raise NotImplementedError


def oral_peak(
    dose: sympy.Expr, bioavailability: sympy.Expr, volume: sympy.Expr, ka: sympy.Expr, ke: sympy.Expr
) -> tuple[sympy.Expr, sympy.Expr]:
    """The peak of the plasma level after one oral dose: (t_max, C_max) of the Bateman curve.

    C(t) = bateman_concentration(t, dose, ka, ke, volume, bioavailability), t >= 0.

    Args:
        dose: D in mg; bioavailability: F, the fraction absorbed (0 < F <= 1); volume: V in L;
        ka: absorption rate constant (1/h); ke: elimination rate constant (1/h). All positive
        sympy numbers or positive symbols.

    Returns:
        (t_max, C_max): the time of the peak (h) and the peak level (mg/L), sympy expressions.
        When ka and ke are equal (ka - ke simplifies to 0) the Bateman formula is 0/0; the
        level is then the limit of the formula as ka -> ke, F D ke t exp(-ke t) / V, and its peak
        is what you return.

    Example: 500 mg, F = 0.9, V = 40 L, ka = 1.5 /h, ke = 0.2 /h.
        >>> t_max, c_max = oral_peak(sympy.Integer(500), sympy.Rational(9, 10), sympy.Integer(40),
        ...                          sympy.Rational(3, 2), sympy.Rational(1, 5))
        >>> t_max, sympy.N(c_max)     # about 1.55 h and 8.25 mg/L
        (10*log(15/2)/13, 8.25140136682488)
    """
    raise NotImplementedError


def window_optimal_dose(ed50: sympy.Expr, td50: sympy.Expr, hill: sympy.Expr = 1) -> tuple[sympy.Expr, sympy.Expr]:
    """The dose that maximizes the chance of a response WITHOUT toxicity, and that chance.

    The probability of a response is E(D) = D^n / (D^n + ED50^n), that of toxicity
    T(D) = D^n / (D^n + TD50^n) (n = hill for both); taken as independent, the probability of
    an uncomplicated response is P(D) = E(D) * (1 - T(D)) for doses D > 0. Too little drug: no
    response; too much: toxicity; P has a single maximum in between.

    Args:
        ed50: dose (mg) with a 50 % chance of response, a positive sympy number or symbol.
        td50: dose (mg) with a 50 % chance of toxicity, a positive sympy number or symbol.
        hill: the Hill coefficient n of both curves, a positive sympy number; default 1.

    Returns:
        (D*, P*): the maximizing dose in mg and the maximal probability P(D*) (a number in
        (0, 1) for numbers in), sympy expressions.

    Example: ED50 = 20 mg, TD50 = 180 mg, n = 1.
        >>> window_optimal_dose(sympy.Integer(20), sympy.Integer(180))
        (60, 9/16)
    """
    raise NotImplementedError


def net_benefit_dose(emax: sympy.Expr, ed50: sympy.Expr, harm_per_mg: sympy.Expr) -> sympy.Expr:
    """The daily dose that maximizes the net benefit U(D) = Emax D / (ED50 + D) - harm_per_mg * D over D >= 0.

    The benefit is an Emax curve (e.g. mmHg of blood-pressure reduction); the harm (adverse
    effects, expressed in the same units) grows in proportion to the dose. When even the first
    milligram does more harm than good, the best dose is no drug at all: D = 0.

    Args:
        emax: the largest attainable benefit (mmHg), a positive sympy number.
        ed50: the dose (mg) giving half of it, a positive sympy number.
        harm_per_mg: harm per mg of dose (mmHg per mg), a positive sympy number.

    Returns:
        the best dose D* >= 0 in mg, an exact sympy number.

    Example: Emax = 25 mmHg, ED50 = 10 mg, 0.2 mmHg of harm per mg.
        >>> net_benefit_dose(sympy.Integer(25), sympy.Integer(10), sympy.Rational(1, 5))
        -10 + 25*sqrt(2)
    """
    raise NotImplementedError
