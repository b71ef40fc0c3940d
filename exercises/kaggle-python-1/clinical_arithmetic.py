"""Bedside arithmetic in plain Python (Kaggle Learn, Python, lesson 1: Hello, Python).

Every function here is a few lines of arithmetic on variables: the operators + - * /, floor
division //, remainder %, powers **, parentheses for the order of operations, and the built-in
functions min, max, abs, int and float. No imports are needed.

`def` and `return` are the subject of lesson 2: for now, compute the answer from the
arguments, store it in a variable if you like, and `return` it. Replace each
`raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

# Molar masses (g/mol, the same number as mg/mmol) for converting lab results between
# conventional units (mg/dL, used in the USA) and SI units (mmol/L, used almost everywhere else).
# Keep them as they are: the examples below convert lab thresholds with them.
GLUCOSE_G_PER_MOL = 180.16
CHOLESTEROL_G_PER_MOL = 386.65
TRIGLYCERIDE_G_PER_MOL = 885.7  # as triolein, the convention of lipid laboratories


def bmi(weight_kg: float, height_cm: float) -> float:
    """Body-mass index in kg/m²: weight divided by the square of the height in metres.

    Args:
        weight_kg: body weight in kilograms (> 0).
        height_cm: height in centimetres (> 0); convert it to metres first (1 m = 100 cm).

    Returns:
        The BMI as a float, not rounded.

    Example:
        >>> bmi(70, 175)           # 70 / 1.75**2
        22.857142857142858
    """
    raise NotImplementedError


def bsa_mosteller(weight_kg: float, height_cm: float) -> float:
    """Body-surface area in m² by the Mosteller formula: the square root of (height_cm × weight_kg / 3600).

    Chemotherapy doses are prescribed per m² of body surface. Take the square root with ** 0.5
    and mind the order of operations: ** binds more tightly than / and *.

    Args:
        weight_kg: body weight in kilograms (> 0).
        height_cm: height in centimetres (> 0), used as centimetres in this formula.

    Returns:
        The BSA in m² as a float, not rounded.

    Example:
        >>> round(bsa_mosteller(70, 175), 4)     # (175 * 70 / 3600) ** 0.5
        1.8447
    """
    raise NotImplementedError


def capped_dose_mg(weight_kg: float, mg_per_kg: float, max_dose_mg: float) -> float:
    """A weight-based dose in mg that never exceeds the maximum single dose.

    The dose is weight_kg × mg_per_kg, unless that is more than max_dose_mg: then it is
    max_dose_mg (a dose exactly at the maximum is allowed). Paracetamol, for example, is
    15 mg/kg up to 1000 mg per dose, so a 90 kg adult gets 1000 mg, not 1350 mg.

    Args:
        weight_kg: body weight in kilograms (> 0).
        mg_per_kg: dose per kilogram of body weight (> 0).
        max_dose_mg: largest allowed single dose in mg (> 0).

    Returns:
        The dose in mg as a float, also when all three arguments are ints (use float()).

    Example:
        >>> capped_dose_mg(20, 15, 1000)      # a 20 kg child: 20 * 15 = 300 mg
        300.0
    """
    raise NotImplementedError


def vials_needed(dose_mg: float, vial_mg: float) -> int:
    """How many single-use vials to open to draw up dose_mg, each vial holding vial_mg.

    A partly used vial still has to be opened, so the count rounds UP: 450 mg from 200 mg
    vials needs 3 vials. A dose that is an exact multiple needs exactly that many (400 mg
    from 200 mg vials: 2 vials, not 3). Floor division // and the remainder % are enough.

    Args:
        dose_mg: the dose in mg (> 0), an int or a float.
        vial_mg: the content of one vial in mg (> 0), an int or a float.

    Returns:
        The number of vials as an int (not a float such as 3.0: use int()).

    Example:
        >>> vials_needed(450, 200)
        3
    """
    raise NotImplementedError


def mg_dl_to_mmol_l(value_mg_dl: float, molar_mass_g_per_mol: float) -> float:
    """Convert a concentration from mg/dL to mmol/L.

    1 dL = 0.1 L, so x mg/dL is 10·x mg/L; dividing mg by the molar mass (g/mol, which is
    also mg/mmol) gives mmol. Hence mmol/L = mg/dL × 10 / molar mass. (The bedside rule
    "divide glucose by 18" is only an approximation of 10 / 180.16.)

    Args:
        value_mg_dl: the lab result in mg/dL (>= 0).
        molar_mass_g_per_mol: the molar mass of the analyte, e.g. GLUCOSE_G_PER_MOL.

    Returns:
        The concentration in mmol/L as a float, not rounded.

    Example:
        >>> round(mg_dl_to_mmol_l(126, GLUCOSE_G_PER_MOL), 3)   # diabetes threshold, fasting
        6.994
    """
    raise NotImplementedError


def mmol_l_to_mg_dl(value_mmol_l: float, molar_mass_g_per_mol: float) -> float:
    """Convert a concentration from mmol/L to mg/dL: the inverse of mg_dl_to_mmol_l.

    mg/dL = mmol/L × molar mass / 10.

    Args:
        value_mmol_l: the lab result in mmol/L (>= 0).
        molar_mass_g_per_mol: the molar mass of the analyte in g/mol.

    Returns:
        The concentration in mg/dL as a float, not rounded.

    Example:
        >>> round(mmol_l_to_mg_dl(5.2, CHOLESTEROL_G_PER_MOL), 2)  # total cholesterol
        201.06
    """
    raise NotImplementedError


def clock_after(hour: int, minute: int, minutes_later: int) -> tuple[int, int]:
    """The time on the ward's 24-hour clock minutes_later minutes after hour:minute.

    Used to chart when an infusion will finish. The clock wraps around at midnight, possibly
    several times for a long infusion (24:00 is 0:00).

    Args:
        hour: the starting hour, 0 to 23 (int).
        minute: the starting minute, 0 to 59 (int).
        minutes_later: the duration in whole minutes, >= 0 (int); it may span several days.

    Returns:
        A tuple (end_hour, end_minute) of two ints, end_hour in 0..23 and end_minute in 0..59.
        (Write `return end_hour, end_minute`.)

    Example:
        >>> clock_after(22, 40, 150)        # 150 min after 22:40 is 01:10 the next day
        (1, 10)
    """
    raise NotImplementedError
