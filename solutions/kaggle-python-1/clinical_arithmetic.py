"""Bedside arithmetic in plain Python (Kaggle Learn, Python, lesson 1: Hello, Python)."""

from __future__ import annotations

# Molar masses (g/mol, the same number as mg/mmol) for converting lab results between
# conventional units (mg/dL, used in the USA) and SI units (mmol/L, used almost everywhere else).
GLUCOSE_G_PER_MOL = 180.16
CHOLESTEROL_G_PER_MOL = 386.65
TRIGLYCERIDE_G_PER_MOL = 885.7  # as triolein, the convention of lipid laboratories


def bmi(weight_kg: float, height_cm: float) -> float:
    """Body-mass index in kg/m²."""
    height_m = height_cm / 100
    return weight_kg / height_m**2


def bsa_mosteller(weight_kg: float, height_cm: float) -> float:
    """Body-surface area in m² (Mosteller): sqrt(height_cm * weight_kg / 3600)."""
    return (height_cm * weight_kg / 3600) ** 0.5


def capped_dose_mg(weight_kg: float, mg_per_kg: float, max_dose_mg: float) -> float:
    """weight × mg/kg, but never more than the maximum single dose."""
    return float(min(weight_kg * mg_per_kg, max_dose_mg))


def vials_needed(dose_mg: float, vial_mg: float) -> int:
    """Number of vials to open: dose / vial content, rounded up."""
    # // rounds down; rounding -dose down and negating again rounds dose up.
    return int(-(-dose_mg // vial_mg))


def mg_dl_to_mmol_l(value_mg_dl: float, molar_mass_g_per_mol: float) -> float:
    """mg/dL → mmol/L: × 10 (dL → L), / molar mass (mg → mmol)."""
    return value_mg_dl * 10 / molar_mass_g_per_mol


def mmol_l_to_mg_dl(value_mmol_l: float, molar_mass_g_per_mol: float) -> float:
    """mmol/L → mg/dL: × molar mass (mmol → mg), / 10 (L → dL)."""
    return value_mmol_l * molar_mass_g_per_mol / 10


def clock_after(hour: int, minute: int, minutes_later: int) -> tuple[int, int]:
    """The 24-hour clock time minutes_later minutes after hour:minute."""
    total_minutes = hour * 60 + minute + minutes_later
    return total_minutes // 60 % 24, total_minutes % 60
