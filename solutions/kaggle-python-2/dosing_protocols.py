"""Dosing protocols as reusable functions (Kaggle Learn, Python, lesson 2: Functions and Getting Help)."""

from __future__ import annotations

from typing import Callable


def weight_based_dose(weight_kg: float, mg_per_kg: float = 15.0, max_mg: float = 1000.0) -> float:
    """weight × mg/kg, capped at max_mg (defaults: paracetamol, 15 mg/kg up to 1000 mg)."""
    return float(min(weight_kg * mg_per_kg, max_mg))


def dose_volume_ml(dose_mg: float, concentration_mg_per_ml: float, ndigits: int = 1) -> float:
    """The volume (mL) holding dose_mg, rounded with round(volume, ndigits)."""
    return float(round(dose_mg / concentration_mg_per_ml, ndigits))


def round_dose(dose_mg: float, step_mg: float) -> float:
    """The nearest multiple of step_mg; exact halves round up."""
    steps = int(dose_mg / step_mg + 0.5)  # int() drops the fraction of a positive number
    return float(steps * step_mg)


def mosteller(weight_kg: float, height_cm: float) -> float:
    """BSA (m²) by Mosteller."""
    return (height_cm * weight_kg / 3600) ** 0.5


def du_bois(weight_kg: float, height_cm: float) -> float:
    """BSA (m²) by Du Bois & Du Bois."""
    return 0.007184 * weight_kg**0.425 * height_cm**0.725


def dose_by_bsa(
    mg_per_m2: float,
    weight_kg: float,
    height_cm: float,
    bsa_formula: Callable[[float, float], float] = mosteller,
) -> float:
    """mg/m² × BSA, with the BSA from the formula the caller chooses."""
    return float(mg_per_m2 * bsa_formula(weight_kg, height_cm))


def maintenance_fluid_ml_per_h(weight_kg: float) -> float:
    """Holliday–Segar 4-2-1 rule (mL/h)."""
    first_10_kg = min(weight_kg, 10)
    next_10_kg = min(max(weight_kg - 10, 0), 10)
    above_20_kg = max(weight_kg - 20, 0)
    return float(4 * first_10_kg + 2 * next_10_kg + 1 * above_20_kg)
