"""Clinical curves for the single-variable calculus units (MIT 18.01, lectures 10-12), as sympy expressions.

Each function builds the formula of a standard model from its parameters, which may be sympy
symbols or exact numbers (``sympy.Rational``), so the result can be differentiated, solved and
sketched. Units are those a prescriber uses: doses in mg, volumes in L, concentrations in mg/L,
times in h, rates in 1/h or mg/day.

- ``bateman_concentration``: plasma concentration after one oral (first-order absorption) dose;
- ``emax_effect``: the sigmoid Emax (Hill) concentration-effect curve;
- ``michaelis_menten_steady_state``: steady-state level of a drug with saturable elimination
  (phenytoin) as a function of the daily dosing rate;
- ``time_to_level``: how long a constant infusion takes to bring the level up to a target.

This module imports only sympy.
"""

from __future__ import annotations

import sympy


def bateman_concentration(t, dose, ka, ke, volume, bioavailability=1):
    """Concentration (mg/L) at time t (h) after one oral dose: the Bateman function.

    C(t) = F * D * ka / (V * (ka - ke)) * (exp(-ke t) - exp(-ka t)),

    with D the dose (mg), F the bioavailable fraction, V the volume of distribution (L), ka the
    first-order absorption rate constant (1/h) and ke the elimination rate constant (1/h),
    ka != ke. It rises from 0, peaks, and then falls towards 0.
    """
    return bioavailability * dose * ka / (volume * (ka - ke)) * (sympy.exp(-ke * t) - sympy.exp(-ka * t))


def emax_effect(c, emax, ec50, hill=1):
    """Effect at concentration c (mg/L): E(c) = Emax * c**n / (EC50**n + c**n), n = hill.

    Emax is the largest attainable effect (e.g. mmHg of blood-pressure reduction), EC50 the
    concentration giving half of it, n the Hill coefficient (steepness; n = 1 is the hyperbolic
    Emax model).
    """
    return emax * c**hill / (ec50**hill + c**hill)


def michaelis_menten_steady_state(rate, vmax, km):
    """Steady-state concentration (mg/L) of a drug with saturable (Michaelis-Menten) elimination.

    Css(R) = Km * R / (Vmax - R) for a dosing rate R (mg/day) below the maximal elimination rate
    Vmax (mg/day); Km (mg/L) is the concentration at half-maximal elimination. Phenytoin is the
    classic example: typical Vmax about 7 mg/kg/day, Km about 4 mg/L.
    """
    return km * rate / (vmax - rate)


def time_to_level(c, rate, ke, volume):
    """Time (h) a constant infusion of `rate` mg/h, started from zero, takes to reach the level c (mg/L).

    Solving C(t) = R / (ke V) * (1 - exp(-ke t)) = c for t gives
    T(c) = -ln(1 - c * ke * V / R) / ke, defined for c below the steady state R / (ke V).
    """
    return -sympy.log(1 - c * ke * volume / rate) / ke
