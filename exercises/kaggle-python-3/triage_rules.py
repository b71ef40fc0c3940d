"""Triage rules as booleans and conditionals (Kaggle Learn, Python, lesson 3: Booleans and Conditionals).

Clinical scores are comparisons joined by `and`, `or` and `not`, and decisions are
`if` / `elif` / `else` chains checked from the most urgent rule down. The boundaries are where
patients get mis-triaged: each docstring says which side of every threshold counts, so read
`>=` versus `>` carefully.

The scores here are real (qSOFA, SIRS, the 2017 ACC/AHA blood-pressure categories); the
four-colour triage rule at the end is a teaching rule loosely modelled on emergency triage
systems, not a validated tool. Replace each `raise NotImplementedError` with your code; keep
the names and signatures.
"""

from __future__ import annotations


def qsofa_score(resp_rate: int, sbp: int, gcs: int) -> int:
    """The quick SOFA score (Sepsis-3, 2016): how many of three bedside criteria are met, 0 to 3.

    One point each for
      - respiratory rate >= 22 breaths/min,
      - systolic blood pressure <= 100 mmHg,
      - altered mentation: Glasgow Coma Scale < 15.

    Args:
        resp_rate: breaths per minute (int).
        sbp: systolic blood pressure in mmHg (int).
        gcs: Glasgow Coma Scale, 3 to 15 (int).

    Returns:
        The score as an int (0, 1, 2 or 3), not a bool. (True + True == 2 in Python: a bool
        counts as 1 in a sum, but the answer must be an int.)

    Example:
        >>> qsofa_score(24, 100, 15)      # RR 24 and SBP 100 (exactly 100 counts)
        2
    """
    raise NotImplementedError


def qsofa_positive(resp_rate: int, sbp: int, gcs: int) -> bool:
    """True when qSOFA is at least 2 (the patient is at high risk of a poor outcome from sepsis).

    Returns:
        A bool (True or False), not 1 or 0. `return score >= 2` already is one.

    Example:
        >>> qsofa_positive(22, 120, 14)
        True
    """
    raise NotImplementedError


def sirs_count(
    temp_c: float,
    heart_rate: int,
    resp_rate: int,
    wbc: float,
    paco2: float | None = None,
    bands_pct: float | None = None,
) -> int:
    """How many of the four SIRS criteria (ACCP/SCCM 1992) are met, 0 to 4.

    Each criterion counts once, even when both of its halves are true:
      1. temperature > 38.0 °C or < 36.0 °C;
      2. heart rate > 90 beats/min;
      3. respiratory rate > 20 breaths/min, or PaCO2 < 32 mmHg (only if a blood gas was taken);
      4. white-cell count > 12.0 or < 4.0 (x 10^9/L), or band neutrophils > 10 % (only if a
         differential was done).
    Values exactly at a threshold do not count (38.0 °C, HR 90, RR 20, PaCO2 32, WBC 12.0 and
    4.0, bands 10 %). paco2 and bands_pct are None when the test was not done: then only the
    other half of that criterion decides. (Compare with None using `is not None`.)

    Args:
        temp_c: temperature in °C.
        heart_rate: beats per minute.
        resp_rate: breaths per minute.
        wbc: white-cell count in 10^9/L.
        paco2: arterial PaCO2 in mmHg, or None (default).
        bands_pct: band neutrophils in % of white cells, or None (default).

    Returns:
        The number of criteria met, an int from 0 to 4.

    Example:
        >>> sirs_count(38.4, 104, 18, 9.5)                 # fever and tachycardia
        2
        >>> sirs_count(37.0, 80, 18, 9.5, paco2=29.0)      # hyperventilation on the blood gas
        1
    """
    raise NotImplementedError


def bp_category(sbp: int, dbp: int) -> str:
    """The 2017 ACC/AHA blood-pressure category of a seated clinic reading.

    Checked from the top; the first rule that applies wins:
      "crisis"     if systolic > 180 or diastolic > 120;
      "stage 2"    if systolic >= 140 or diastolic >= 90;
      "stage 1"    if systolic >= 130 or diastolic >= 80;
      "elevated"   if systolic >= 120 (the diastolic is then below 80);
      "normal"     otherwise (systolic < 120 and diastolic < 80).
    Either number alone can raise the category: 118/92 is stage 2.

    Args:
        sbp: systolic pressure in mmHg (int).
        dbp: diastolic pressure in mmHg (int).

    Returns:
        One of the five strings above, exactly as written (lower case, one space).

    Example:
        >>> bp_category(128, 76)
        'elevated'
    """
    raise NotImplementedError


def triage_colour(sbp: int, heart_rate: int, resp_rate: int, spo2: int, gcs: int) -> str:
    """The ward's four-colour triage rule: how soon a doctor must see the patient.

    Checked from the most urgent colour down; the first that applies wins:
      "red"     (immediately):   GCS <= 8, or SpO2 < 85 %, or systolic < 80 mmHg, or
                                 respiratory rate >= 30 /min;
      "orange"  (within 10 min): qSOFA positive (use your qsofa_positive), or SpO2 < 92 %, or
                                 systolic < 90 mmHg, or heart rate > 130 /min;
      "yellow"  (within 60 min): heart rate > 110 /min, or respiratory rate > 24 /min, or
                                 GCS < 15;
      "green"   otherwise.

    Args:
        sbp: systolic pressure in mmHg; heart_rate: beats/min; resp_rate: breaths/min;
        spo2: oxygen saturation in %; gcs: Glasgow Coma Scale 3..15. All ints.

    Returns:
        "red", "orange", "yellow" or "green".

    Example:
        >>> triage_colour(sbp=96, heart_rate=118, resp_rate=23, spo2=94, gcs=15)   # qSOFA 2
        'orange'
    """
    raise NotImplementedError
