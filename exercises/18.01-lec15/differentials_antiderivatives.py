"""Differentials and antiderivatives (MIT 18.01, Lecture 15): error propagation in dosing, exposure over time.

Differentials: if y = f(x), then dy = f'(x) dx. A small error dx in a measured input changes
the computed y by about f'(x) dx: this is how a clinician estimates how far a dose or a lab
estimate is off when the scale or the assay is.

Antiderivatives: F is an antiderivative of f if F' = f; all of them are F + c. One known
value F(x0) = F0 fixes c. Two formulas that look different (sin(x)**2/2 and -cos(x)**2/2)
can both be antiderivatives of the same f: they then differ by a constant.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import math

import sympy


def differential(f: sympy.Expr, x: sympy.Symbol, dx: sympy.Expr) -> sympy.Expr:
    """The differential df = f'(x) dx.

    Args:
        f: a sympy expression in x (its other symbols are parameters).
        x: the variable.
        dx: the change in x, a sympy symbol or number.

    Returns:
        a sympy expression in x and dx (any equivalent form is accepted).

    Example: Mosteller BSA as a function of weight w (height h): sqrt(h w / 3600).
        >>> w, h, dw = sympy.symbols("w h dw", positive=True)
        >>> sympy.simplify(differential(sympy.sqrt(h * w / 3600), w, dw) - sympy.sqrt(h * w) * dw / (120 * w))
        0
    """
    raise NotImplementedError


def bsa_dose_error(dose_per_m2: float, height_cm: float, weight_kg: float, weight_error_kg: float) -> float:
    """The error in a body-surface-area-based dose (mg) caused by an error in the patient's weight.

    Dose = dose_per_m2 * BSA, with the Mosteller BSA = sqrt(height_cm * weight_kg / 3600) (m^2).
    Use the differential in the weight: dDose = dose_per_m2 * dBSA/dW * dW, evaluated at the
    recorded weight, with dW = weight_error_kg (the recorded weight minus the true one; it may be
    negative). Not the exact difference of two doses.

    Args:
        dose_per_m2: the prescribed dose (mg/m^2), e.g. 175 for paclitaxel.
        height_cm: height (cm). weight_kg: the recorded weight (kg).
        weight_error_kg: the weight error dW (kg).

    Returns:
        the dose error dDose, a signed float (mg): positive when the dose is too high.

    Example: paclitaxel 175 mg/m^2, 170 cm, recorded 70 kg on a scale that reads 2 kg heavy.
        >>> round(bsa_dose_error(175, 170, 70, 2), 3)
        4.545
    """
    raise NotImplementedError


def crcl_error(age: float, weight_kg: float, scr_mg_dl: float, scr_error_mg_dl: float) -> float:
    """The error in a Cockcroft-Gault creatinine clearance (mL/min) caused by a serum creatinine error.

    CrCl = (140 - age) * weight_kg / (72 * Scr)  (mL/min; Scr in mg/dL; the formula for men).
    Use the differential in Scr: dCrCl = dCrCl/dScr * dScr, evaluated at the measured Scr, with
    dScr = scr_error_mg_dl (it may be negative). Renal dose adjustments are read off CrCl, so
    a small assay error near a cut-off matters.

    Args:
        age: years. weight_kg: kg. scr_mg_dl: the measured serum creatinine (mg/dL), > 0.
        scr_error_mg_dl: the assay error dScr (mg/dL).

    Returns:
        the clearance error dCrCl, a signed float (mL/min).

    Example: 65 years, 70 kg, Scr 1.2 mg/dL read 0.1 mg/dL too high (CrCl about 61 mL/min).
        >>> round(crcl_error(65, 70, 1.2, 0.1), 3)
        -5.064
    """
    raise NotImplementedError


def antiderivative(f: sympy.Expr, x: sympy.Symbol, x0: sympy.Expr, F0: sympy.Expr) -> sympy.Expr:
    """The antiderivative F of f that takes the value F0 at x0: F' = f and F(x0) = F0.

    Args:
        f: a sympy expression in x (its other symbols are parameters); it may be a constant,
            such as a constant infusion rate.
        x: the variable.
        x0: a number where F is known (f is defined there).
        F0: the value of F at x0, a number or sympy expression.

    Returns:
        a sympy expression in x (any equivalent form is accepted).

    Example: the amount of drug (mg) eliminated by time t when the elimination rate is
    25/2 exp(-3 t / 20) mg/h and nothing had been eliminated at t = 0.
        >>> t = sympy.Symbol("t")
        >>> antiderivative(sympy.Rational(25, 2) * sympy.exp(-3 * t / 20), t, 0, 0)
        250/3 - 250*exp(-3*t/20)/3
    """
    raise NotImplementedError


def cumulative_exposure(concentration: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """The cumulative exposure AUC(t) (mg*h/L): the area under the concentration curve from 0 to t.

    AUC(t) is the antiderivative of the concentration C(t) that is 0 at t = 0 (no exposure
    before the first dose). Exposure, more than peak level, predicts both efficacy and
    toxicity for many drugs (aminoglycosides, carboplatin, busulfan).

    Args:
        concentration: a sympy expression in t (mg/L, t in hours).
        t: the time symbol.

    Returns:
        a sympy expression in t (mg*h/L).

    Example: an IV bolus, 20 exp(-t / 5) mg/L.
        >>> t = sympy.Symbol("t")
        >>> cumulative_exposure(20 * sympy.exp(-t / 5), t)
        100 - 100*exp(-t/5)
    """
    raise NotImplementedError


def differ_by_constant(F1: sympy.Expr, F2: sympy.Expr, x: sympy.Symbol) -> bool:
    """Are F1 and F2 antiderivatives of the same function, i.e. is F1 - F2 a constant (in x)?

    Args:
        F1, F2: sympy expressions in x (other symbols are constants).
        x: the variable.

    Returns:
        a Python bool.

    Example: the lecture's two answers for the integral of sin(x) cos(x).
        >>> x = sympy.Symbol("x")
        >>> differ_by_constant(sympy.sin(x)**2 / 2, -sympy.cos(x)**2 / 2, x)
        True
    """
    raise NotImplementedError
