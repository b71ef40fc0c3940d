"""Dosing protocols as reusable functions (Kaggle Learn, Python, lesson 2: Functions and Getting Help).

A protocol written once as a function, with its usual values as default arguments, is applied
the same way to every patient. Each function below must `return` its answer (a function that
only prints returns None). When a built-in surprises you, ask Python: `help(round)` explains
exactly how round treats halves and what its second argument does.

Replace each `raise NotImplementedError` with your code; keep the names, the signatures and
the default values.
"""

from __future__ import annotations

from typing import Callable


def weight_based_dose(weight_kg: float, mg_per_kg: float = 15.0, max_mg: float = 1000.0) -> float:
    """A single dose in mg: weight_kg × mg_per_kg, but never more than max_mg.

    The defaults are the paracetamol protocol (15 mg/kg, at most 1000 mg a dose); other drugs
    pass their own values, e.g. ibuprofen `weight_based_dose(w, mg_per_kg=10, max_mg=400)`.
    A dose exactly at max_mg is allowed.

    Args:
        weight_kg: body weight in kg (> 0).
        mg_per_kg: dose per kg (> 0); default 15.0.
        max_mg: the largest single dose in mg (> 0); default 1000.0.

    Returns:
        The dose in mg as a float (also for int arguments).

    Example:
        >>> weight_based_dose(18)            # an 18 kg child, paracetamol
        270.0
    """
    raise NotImplementedError


def dose_volume_ml(dose_mg: float, concentration_mg_per_ml: float, ndigits: int = 1) -> float:
    """The volume in mL that holds dose_mg, rounded the way the syringe is graduated.

    volume = dose_mg / concentration_mg_per_ml, then rounded exactly as Python's built-in
    round(volume, ndigits) rounds (see help(round)): ndigits=1 (the default) for a syringe
    marked in 0.1 mL, 2 for a 1 mL insulin-type syringe, 0 for whole mL, -1 for tens of mL.

    Args:
        dose_mg: the dose in mg (> 0).
        concentration_mg_per_ml: the drug's concentration in mg/mL (> 0), e.g. 24 for
            paracetamol oral suspension 120 mg / 5 mL.
        ndigits: decimal places to keep (may be 0 or negative); default 1.

    Returns:
        The volume in mL as a float (round with a second argument returns a float, even for 0).

    Example:
        >>> dose_volume_ml(270.0, 24.0)       # 11.25 mL: round() sends this exact half to the even 11.2
        11.2
        >>> dose_volume_ml(270.0, 24.0, 0)    # whole mL
        11.0
    """
    raise NotImplementedError


def round_dose(dose_mg: float, step_mg: float) -> float:
    """Round a calculated dose to the nearest multiple of step_mg, the amount a tablet, vial or
    pump can deliver; a dose exactly halfway between two multiples rounds UP.

    Careful: Python's round() sends exact halves to the EVEN neighbour (round(2.5) == 2, read
    help(round)), which is not this protocol's rule: 12.5 mg with 5 mg steps must become
    15.0 mg, not 10.0 mg. Doses are positive, so int(x + 0.5) rounds x half up.

    Args:
        dose_mg: the calculated dose in mg (> 0).
        step_mg: the dosing step in mg (> 0), e.g. 5, 2.5 or 0.5.

    Returns:
        The rounded dose in mg as a float (a multiple of step_mg; 0.0 when dose_mg is below
        half a step).

    Example:
        >>> round_dose(237.0, 50)             # 4.74 steps -> 5 steps
        250.0
    """
    raise NotImplementedError


def mosteller(weight_kg: float, height_cm: float) -> float:
    """Body-surface area in m² by Mosteller: (height_cm × weight_kg / 3600) ** 0.5.

    Example:
        >>> round(mosteller(70, 175), 4)
        1.8447
    """
    raise NotImplementedError


def du_bois(weight_kg: float, height_cm: float) -> float:
    """Body-surface area in m² by Du Bois & Du Bois (1916): 0.007184 × weight_kg**0.425 × height_cm**0.725.

    Example:
        >>> round(du_bois(70, 175), 4)
        1.8481
    """
    raise NotImplementedError


def dose_by_bsa(
    mg_per_m2: float,
    weight_kg: float,
    height_cm: float,
    bsa_formula: Callable[[float, float], float] = mosteller,
) -> float:
    """A chemotherapy dose in mg: mg_per_m2 × the patient's body-surface area.

    Units disagree on the BSA formula, so the formula is an argument: a function that takes
    (weight_kg, height_cm) and returns m², by default your `mosteller`. Call the function you
    are given (any such function, e.g. `du_bois` or one the pharmacy writes), do not choose one
    yourself.

    Args:
        mg_per_m2: the prescribed dose in mg per m² (> 0).
        weight_kg: body weight in kg (> 0).
        height_cm: height in cm (> 0).
        bsa_formula: function(weight_kg, height_cm) -> BSA in m²; default mosteller.

    Returns:
        The dose in mg as a float, not rounded.

    Example:
        >>> round(dose_by_bsa(75, 70, 175), 1)            # docetaxel 75 mg/m², Mosteller
        138.3
        >>> round(dose_by_bsa(75, 70, 175, du_bois), 1)   # the same patient, Du Bois
        138.6
    """
    raise NotImplementedError


def maintenance_fluid_ml_per_h(weight_kg: float) -> float:
    """Hourly maintenance IV fluid by the Holliday–Segar "4-2-1" rule, in mL/h.

    4 mL/h for each of the first 10 kg of body weight, plus 2 mL/h for each kg from 10 to
    20 kg, plus 1 mL/h for each kg above 20 kg. Fractions of a kg count proportionally
    (7.5 kg -> 30 mL/h). At exactly 10 kg that is 40 mL/h, at exactly 20 kg 60 mL/h.
    No if-statement is needed: min() and max() can cut the weight into the three bands.

    Args:
        weight_kg: body weight in kg (> 0).

    Returns:
        The rate in mL/h as a float (also for an int weight).

    Example:
        >>> maintenance_fluid_ml_per_h(25)    # 40 + 20 + 5
        65.0
    """
    raise NotImplementedError
