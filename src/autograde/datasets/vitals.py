"""Synthetic bedside vital signs: emergency-department patients, clinic blood pressures, charted series.

Used by the Kaggle Python units on booleans and conditionals (kaggle-python-3: triage rules) and
on lists (kaggle-python-4: a patient's readings). Everything is plain Python data (ints, floats,
None, lists and dicts of them), made by seeded generators: the same seed gives the same
patients on every machine; nothing is downloaded.

Units and conventions: temperature in °C (1 decimal), heart rate in beats/min, respiratory rate
in breaths/min, blood pressures in mmHg, SpO2 in % (at most 100), Glasgow Coma Scale 3..15,
white-cell count in 10^9/L (1 decimal), PaCO2 in mmHg (1 decimal, None when no blood gas was
taken), band neutrophils in % (None when no manual differential was done). Integer vitals are
charted as whole numbers, so values exactly at a clinical threshold (RR 22, SBP 100, HR 90)
are common, as on a real chart.
"""

from __future__ import annotations

import numpy as np

# Adult "normal" bands (low, high), inclusive: the ranges that score 0 on the NHS National Early
# Warning Score 2 (NEWS2) chart (SpO2 on scale 1, breathing air).
NORMAL_RANGES = {
    "heart_rate": (51, 90),
    "resp_rate": (12, 20),
    "sbp": (111, 219),
    "temp_c": (36.1, 38.0),
    "spo2": (96, 100),
}

# mean, sd of each vital in three kinds of emergency-department patient
_ED = {
    "well": {"temp_c": (36.9, 0.4), "heart_rate": (80, 12), "resp_rate": (16, 2.5), "sbp": (128, 15),
             "spo2": (97.5, 1.2), "wbc": (7.5, 2.0), "paco2": (40.0, 3.5), "bands_pct": (3, 2)},
    "unwell": {"temp_c": (38.0, 0.9), "heart_rate": (100, 15), "resp_rate": (21, 3.5), "sbp": (112, 18),
               "spo2": (94, 2.5), "wbc": (12.0, 4.5), "paco2": (34.0, 4.5), "bands_pct": (8, 5)},
    "critical": {"temp_c": (38.2, 1.5), "heart_rate": (118, 22), "resp_rate": (27, 6), "sbp": (88, 20),
                 "spo2": (89, 5), "wbc": (15.0, 7.0), "paco2": (30.0, 7.0), "bands_pct": (13, 7)},
}
ACUITIES = tuple(_ED)
_LIMITS = {"temp_c": (33.0, 42.0), "heart_rate": (30, 200), "resp_rate": (6, 50), "sbp": (50, 240),
           "spo2": (60, 100), "wbc": (0.5, 40.0), "paco2": (15.0, 70.0), "bands_pct": (0, 60)}


def _generator(seed: int, rng: np.random.Generator | None) -> np.random.Generator:
    return rng if rng is not None else np.random.default_rng(seed)


def _draw(rng: np.random.Generator, vital: str, mean: float, sd: float, decimals: int) -> int | float:
    low, high = _LIMITS[vital]
    value = min(max(float(rng.normal(mean, sd)), low), high)
    return int(round(value)) if decimals == 0 else round(value, decimals)


def ed_patient(acuity: str | None = None, *, seed: int = 0, rng: np.random.Generator | None = None) -> dict:
    """One emergency-department patient's first set of observations, as a dict of plain values.

    Args:
        acuity: "well", "unwell" or "critical"; None draws one (60 % / 30 % / 10 %).
        seed: seed of the generator; ``rng`` (a numpy Generator), when given, takes precedence.

    Returns:
        {"temp_c": float, "heart_rate": int, "resp_rate": int, "sbp": int, "dbp": int,
         "spo2": int, "gcs": int, "wbc": float, "paco2": float | None, "bands_pct": int | None}

    Example:
        >>> sorted(ed_patient("well", seed=1))
        ['bands_pct', 'dbp', 'gcs', 'heart_rate', 'paco2', 'resp_rate', 'sbp', 'spo2', 'temp_c', 'wbc']
    """
    rng = _generator(seed, rng)
    if acuity is None:
        acuity = ACUITIES[int(rng.choice(3, p=[0.6, 0.3, 0.1]))]
    params = _ED[acuity]
    patient = {
        "temp_c": _draw(rng, "temp_c", *params["temp_c"], 1),
        "heart_rate": _draw(rng, "heart_rate", *params["heart_rate"], 0),
        "resp_rate": _draw(rng, "resp_rate", *params["resp_rate"], 0),
        "sbp": _draw(rng, "sbp", *params["sbp"], 0),
    }
    # diastolic: about 60 % of systolic, always at least 15 mmHg below it
    patient["dbp"] = int(min(max(round(0.6 * patient["sbp"] + rng.normal(2, 7)), 25), patient["sbp"] - 15))
    patient["spo2"] = _draw(rng, "spo2", *params["spo2"], 0)
    if acuity == "well":
        patient["gcs"] = 15 if rng.random() < 0.95 else 14
    elif acuity == "unwell":
        patient["gcs"] = 15 if rng.random() < 0.7 else int(rng.integers(12, 15))
    else:
        patient["gcs"] = 15 if rng.random() < 0.35 else int(rng.integers(3, 15))
    patient["wbc"] = _draw(rng, "wbc", *params["wbc"], 1)
    patient["paco2"] = _draw(rng, "paco2", *params["paco2"], 1) if rng.random() < 0.5 else None
    patient["bands_pct"] = _draw(rng, "bands_pct", *params["bands_pct"], 0) if rng.random() < 0.4 else None
    return patient


def clinic_blood_pressure(n: int, *, seed: int = 0, rng: np.random.Generator | None = None) -> list[list[int]]:
    """n seated clinic blood pressures [systolic, diastolic] in mmHg, from normal to hypertensive crisis.

    Systolic ~ N(132, 20) clipped to 85..230; diastolic about half the systolic plus N(18, 9),
    clipped to 45..135 and at least 20 mmHg below the systolic, so isolated diastolic
    hypertension occurs as well.

    Example:
        >>> len(clinic_blood_pressure(5, seed=0)), len(clinic_blood_pressure(5, seed=0)[0])
        (5, 2)
    """
    rng = _generator(seed, rng)
    readings = []
    for _ in range(n):
        sbp = int(round(min(max(rng.normal(132.0, 20.0), 85.0), 230.0)))
        dbp = int(round(min(max(0.5 * sbp + rng.normal(18.0, 9.0), 45.0), 135.0, sbp - 20)))
        readings.append([sbp, dbp])
    return readings


# vital: (baseline mean, between-patient sd, step sd of the random walk, decimals, low, high)
_SERIES = {
    "heart_rate": (78.0, 10.0, 3.0, 0, 35, 190),
    "resp_rate": (16.0, 2.0, 1.2, 0, 6, 45),
    "sbp": (126.0, 14.0, 5.0, 0, 60, 230),
    "temp_c": (36.9, 0.3, 0.15, 1, 34.0, 41.5),
    "spo2": (97.0, 1.0, 0.8, 0, 70, 100),
}
# direction and size (per reading) of a deterioration
_DRIFT = {"heart_rate": 4.0, "resp_rate": 1.0, "sbp": -5.0, "temp_c": 0.25, "spo2": -1.0}


def charted_series(
    vital: str,
    n: int,
    *,
    deteriorate_after: int | None = None,
    duplicate_rate: float = 0.1,
    seed: int = 0,
    rng: np.random.Generator | None = None,
) -> list:
    """One patient's charted readings of one vital sign, oldest first, as a list of plain numbers.

    A random walk around the patient's own baseline; after reading ``deteriorate_after`` (if
    given) the vital drifts the way a deteriorating patient's does (heart rate, respiratory rate
    and temperature up, blood pressure and SpO2 down). With probability ``duplicate_rate`` a
    reading repeats the one before it (charted twice). heart_rate, resp_rate, sbp and spo2 are
    ints; temp_c is a float with 1 decimal. SpO2 never exceeds 100.

    Args:
        vital: one of "heart_rate", "resp_rate", "sbp", "temp_c", "spo2".
        n: number of readings (>= 0).

    Example:
        >>> series = charted_series("heart_rate", 6, seed=3)
        >>> len(series), type(series[0]).__name__
        (6, 'int')
    """
    rng = _generator(seed, rng)
    mean, between_sd, step_sd, decimals, low, high = _SERIES[vital]
    level = float(rng.normal(mean, between_sd))
    readings: list = []
    for i in range(n):
        if readings and rng.random() < duplicate_rate:
            readings.append(readings[-1])
            continue
        level += float(rng.normal(0.0, step_sd))
        if deteriorate_after is not None and i >= deteriorate_after:
            level += _DRIFT[vital]
        value = min(max(level, low), high)
        readings.append(int(round(value)) if decimals == 0 else round(value, decimals))
    return readings
