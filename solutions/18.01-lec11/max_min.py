"""Max-min problems (MIT 18.01, Lecture 11): peak levels, best doses, extremes over a dosing interval."""

from __future__ import annotations

import sympy

from autograde.datasets.calculus_shapes import bateman_concentration


def candidate_points(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, b: sympy.Expr) -> sympy.Set:
    """Where the extremes of f on [a, b] can be: the critical points inside [a, b] and the two endpoints."""
    critical = sympy.solveset(sympy.diff(f, x), x, sympy.Interval(a, b))
    return sympy.Union(critical, sympy.FiniteSet(a, b))


def absolute_extrema(
    f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, b: sympy.Expr
) -> tuple[tuple[sympy.Expr, sympy.Expr], tuple[sympy.Expr, sympy.Expr]]:
    """((x_min, f_min), (x_max, f_max)) of f on [a, b]; on a tie, the smallest x."""
    points = sorted(candidate_points(f, x, a, b))  # exact real numbers compare exactly
    values = [(p, f.subs(x, p)) for p in points]
    lowest = min(values, key=lambda pair: float(pair[1]))  # min and max keep the first of equals
    highest = max(values, key=lambda pair: float(pair[1]))
    return lowest, highest


def oral_peak(
    dose: sympy.Expr, bioavailability: sympy.Expr, volume: sympy.Expr, ka: sympy.Expr, ke: sympy.Expr
) -> tuple[sympy.Expr, sympy.Expr]:
    """(t_max in h, C_max in mg/L) of the Bateman curve after one oral dose."""
    dose, bioavailability, volume, ka, ke = map(sympy.sympify, (dose, bioavailability, volume, ka, ke))
    if sympy.simplify(ka - ke) == 0:
        # C(t) -> F D k t exp(-k t) / V as ka -> ke: it peaks at t = 1/k, at F D / (V e).
        return 1 / ke, bioavailability * dose / volume * sympy.exp(-1)
    t_max = sympy.log(ka / ke) / (ka - ke)
    return t_max, bateman_concentration(t_max, dose, ka, ke, volume, bioavailability)


def window_optimal_dose(ed50: sympy.Expr, td50: sympy.Expr, hill: sympy.Expr = 1) -> tuple[sympy.Expr, sympy.Expr]:
    """(D*, P*): the dose maximizing P(D) = E(D) (1 - T(D)), response without toxicity, and that probability."""
    ed50, td50, hill = map(sympy.sympify, (ed50, td50, hill))
    # With u = D^n, P = u TD50^n / ((u + ED50^n)(u + TD50^n)), whose only critical point is u = (ED50 TD50)^(n/2).
    best = sympy.sqrt(ed50 * td50)
    response = best**hill / (best**hill + ed50**hill)
    no_toxicity = td50**hill / (best**hill + td50**hill)
    return best, response * no_toxicity


def net_benefit_dose(emax: sympy.Expr, ed50: sympy.Expr, harm_per_mg: sympy.Expr) -> sympy.Expr:
    """The dose D >= 0 maximizing U(D) = Emax D / (ED50 + D) - harm_per_mg * D."""
    # U'(D) = Emax ED50 / (ED50 + D)^2 - h decreases in D: U is concave, so the root of U' is the maximum
    # when it is positive; otherwise U falls from D = 0 on and the best dose is none at all.
    emax, ed50, harm_per_mg = map(sympy.sympify, (emax, ed50, harm_per_mg))
    interior = sympy.sqrt(emax * ed50 / harm_per_mg) - ed50
    return max(interior, sympy.Integer(0))
