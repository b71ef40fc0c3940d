"""Differentials and antiderivatives (MIT 18.01, Lecture 15): error propagation in dosing, exposure over time."""

from __future__ import annotations

import math

import sympy


def differential(f: sympy.Expr, x: sympy.Symbol, dx: sympy.Expr) -> sympy.Expr:
    """The differential df = f'(x) dx."""
    return sympy.diff(f, x) * dx


def bsa_dose_error(dose_per_m2: float, height_cm: float, weight_kg: float, weight_error_kg: float) -> float:
    """The dose error (mg) a weight error causes in a BSA-based dose, by the differential."""
    bsa = math.sqrt(height_cm * weight_kg / 3600)  # Mosteller, m^2
    d_bsa = bsa / (2 * weight_kg) * weight_error_kg  # d sqrt(c W) = sqrt(c W) / (2 W) dW
    return dose_per_m2 * d_bsa


def crcl_error(age: float, weight_kg: float, scr_mg_dl: float, scr_error_mg_dl: float) -> float:
    """The error (mL/min) in the Cockcroft-Gault clearance caused by a creatinine error, by the differential."""
    # CrCl = (140 - age) W / (72 Scr)  =>  dCrCl = -(140 - age) W / (72 Scr^2) dScr
    return -(140 - age) * weight_kg / (72 * scr_mg_dl**2) * scr_error_mg_dl


def antiderivative(f: sympy.Expr, x: sympy.Symbol, x0: sympy.Expr, F0: sympy.Expr) -> sympy.Expr:
    """The antiderivative F of f with F(x0) = F0: the constant of integration fixed by one value."""
    F = sympy.integrate(f, x)
    return F - F.subs(x, x0) + F0


def cumulative_exposure(concentration: sympy.Expr, t: sympy.Symbol) -> sympy.Expr:
    """AUC(t): the antiderivative of the concentration that is 0 at t = 0 (mg*h/L)."""
    return antiderivative(concentration, t, 0, 0)


def differ_by_constant(F1: sympy.Expr, F2: sympy.Expr, x: sympy.Symbol) -> bool:
    """True if F1 and F2 are antiderivatives of the same function: F1 - F2 does not depend on x."""
    return bool(sympy.simplify(sympy.diff(F1 - F2, x)) == 0)
