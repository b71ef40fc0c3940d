"""Triage rules as booleans and conditionals (Kaggle Learn, Python, lesson 3: Booleans and Conditionals)."""

from __future__ import annotations


def qsofa_score(resp_rate: int, sbp: int, gcs: int) -> int:
    """qSOFA: one point each for RR >= 22, SBP <= 100, GCS < 15."""
    tachypnoea = resp_rate >= 22
    hypotension = sbp <= 100
    altered_mentation = gcs < 15
    return int(tachypnoea) + int(hypotension) + int(altered_mentation)


def qsofa_positive(resp_rate: int, sbp: int, gcs: int) -> bool:
    """qSOFA >= 2."""
    return qsofa_score(resp_rate, sbp, gcs) >= 2


def sirs_count(
    temp_c: float,
    heart_rate: int,
    resp_rate: int,
    wbc: float,
    paco2: float | None = None,
    bands_pct: float | None = None,
) -> int:
    """Number of SIRS criteria met (each criterion counts once)."""
    temperature = temp_c > 38.0 or temp_c < 36.0
    tachycardia = heart_rate > 90
    tachypnoea = resp_rate > 20 or (paco2 is not None and paco2 < 32)
    white_cells = wbc > 12.0 or wbc < 4.0 or (bands_pct is not None and bands_pct > 10)
    return int(temperature) + int(tachycardia) + int(tachypnoea) + int(white_cells)


def bp_category(sbp: int, dbp: int) -> str:
    """2017 ACC/AHA category, most severe first."""
    if sbp > 180 or dbp > 120:
        return "crisis"
    elif sbp >= 140 or dbp >= 90:
        return "stage 2"
    elif sbp >= 130 or dbp >= 80:
        return "stage 1"
    elif sbp >= 120:
        return "elevated"
    else:
        return "normal"


def triage_colour(sbp: int, heart_rate: int, resp_rate: int, spo2: int, gcs: int) -> str:
    """Four-colour triage, most urgent rule first."""
    if gcs <= 8 or spo2 < 85 or sbp < 80 or resp_rate >= 30:
        return "red"
    elif qsofa_positive(resp_rate, sbp, gcs) or spo2 < 92 or sbp < 90 or heart_rate > 130:
        return "orange"
    elif heart_rate > 110 or resp_rate > 24 or gcs < 15:
        return "yellow"
    else:
        return "green"
