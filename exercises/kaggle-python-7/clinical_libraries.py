"""Working with external libraries on the ward (Kaggle Learn, Python, lesson 7).

Each function below is a few lines of glue around a library: `math`, `datetime`,
`collections`, `statistics`, `numpy`. The work is in knowing what the library gives back. When
in doubt, ask the object itself: `type(x)`, `dir(x)`, `help(x)`. Every docstring states the
exact type to return (a Python `float` is not a `numpy.float64`, a `dict` is not a `Counter`);
the graders check it.

Replace each `raise NotImplementedError` with your code; keep the names and signatures. Do not
change the arguments you are given.
"""

from __future__ import annotations

import datetime  # noqa: F401
import math  # noqa: F401
import statistics  # noqa: F401
from collections import Counter  # noqa: F401

import numpy as np


def elimination_rate_per_h(level_1: float, level_2: float, hours_between: float) -> float:
    """The first-order elimination rate constant k (per hour) from two drug levels.

    With first-order elimination C(t) = C1 * exp(-k t), two levels C1 and C2 taken
    `hours_between` hours apart give k = ln(C1 / C2) / hours_between, where ln is the NATURAL
    logarithm (`math.log` with one argument). A falling level gives k > 0.

    Args:
        level_1: the earlier plasma level, > 0 (e.g. mg/L).
        level_2: the later plasma level, > 0, same unit.
        hours_between: hours between the two samples, > 0.

    Returns:
        k in 1/h, a Python float.

    Example:
        Gentamicin 8.0 mg/L, then 2.0 mg/L eight hours later: k = ln(4) / 8.
        >>> round(elimination_rate_per_h(8.0, 2.0, 8.0), 4)
        0.1733
    """
    raise NotImplementedError


def dose_dates(first_dose: str, interval_days: int, n_doses: int) -> list[str]:
    """The dates of a course of doses, as ISO strings "YYYY-MM-DD".

    Use `datetime.date.fromisoformat`, `datetime.timedelta(days=...)` and `.isoformat()`:
    they know month lengths and leap years.

    Args:
        first_dose: the date of the first dose, "YYYY-MM-DD".
        interval_days: days from one dose to the next, >= 1 (7 for a weekly dose).
        n_doses: how many doses, >= 0.

    Returns:
        A list of `n_doses` str dates, the first being `first_dose`; [] when n_doses is 0.

    Example:
        Weekly methotrexate from Monday 26 February 2024 (a leap year):
        >>> dose_dates("2024-02-26", 7, 3)
        ['2024-02-26', '2024-03-04', '2024-03-11']
    """
    raise NotImplementedError


def hours_between(start: str, end: str) -> float:
    """Hours from `start` to `end`, two local clock times "YYYY-MM-DDTHH:MM".

    Parse both with `datetime.datetime.fromisoformat`; subtracting them gives a `timedelta`.
    The whole duration counts, days included; if `end` is before `start` the answer is negative.
    Both times are on the same clock (no time zones, no daylight-saving changes).

    Args:
        start, end: ISO date-times, e.g. "2024-03-01T22:00".

    Returns:
        A Python float, in hours (minutes become fractions: 30 min = 0.5 h).

    Example:
        >>> hours_between("2024-03-01T22:00", "2024-03-02T06:30")
        8.5
    """
    raise NotImplementedError


def diagnosis_counts(codes: list[str]) -> dict[str, int]:
    """How many times each ICD-10 diagnosis code occurs in a list of discharges.

    Codes are compared after removing surrounding whitespace and upper-casing ("i10 " is
    "I10"); a code that is empty after stripping is skipped. `collections.Counter` counts for
    you, but return a plain `dict` (a Counter is a dict subclass with its own behaviour: convert
    it with `dict(...)`).

    Args:
        codes: ICD-10 codes as typed at discharge, e.g. ["I10", "e11.9", " J18.9"]; may be empty.

    Returns:
        A dict (exactly `dict`) {code: count}, counts being Python ints >= 1; {} for no codes.

    Example:
        >>> diagnosis_counts(["I10", "i10 ", "E11.9", "  "])
        {'I10': 2, 'E11.9': 1}
    """
    raise NotImplementedError


def top_diagnoses(codes: list[str], n: int) -> list[tuple[str, int]]:
    """The `n` most common diagnosis codes with their counts, most common first.

    Codes are cleaned exactly as in `diagnosis_counts`. Codes with the same count are listed
    in the order they first appear in `codes` (this is what `Counter.most_common` does). If
    there are fewer than `n` different codes, all of them are listed.

    Args:
        codes: ICD-10 codes as typed at discharge; may be empty.
        n: how many codes to list, >= 0.

    Returns:
        A list of (code, count) tuples (tuples, not lists), code a str and count an int.

    Example:
        >>> top_diagnoses(["J18.9", "I10", "i10", "N39.0", "J18.9", "E11.9"], 2)
        [('J18.9', 2), ('I10', 2)]
    """
    raise NotImplementedError


def lab_summary(values: list[float]) -> dict[str, float]:
    """Mean, median and SAMPLE standard deviation of a series of lab values, as floats.

    Use the `statistics` module: the sample standard deviation divides by n - 1
    (`statistics.stdev`, not `pstdev`). Careful: for whole numbers `statistics.mean` and
    `statistics.median` can return an int (`statistics.mean([4, 5, 6])` is `5`); every value
    returned here must be a Python float.

    Args:
        values: at least 2 numbers (ints or floats), e.g. potassium in mmol/L.

    Returns:
        {"mean": float, "median": float, "stdev": float}, exactly these three keys.

    Raises:
        ValueError: if there are fewer than 2 values (statistics.StatisticsError is a
        ValueError, so letting it propagate is fine).

    Example:
        >>> lab_summary([4, 5, 6])
        {'mean': 5.0, 'median': 5.0, 'stdev': 1.0}
    """
    raise NotImplementedError


def hourly_means(readings: np.ndarray, per_hour: int = 12) -> np.ndarray:
    """Average a continuous glucose monitor's readings hour by hour.

    The monitor gives `per_hour` readings each hour (12: one every 5 minutes), in time order.
    Reshape the readings into one row per hour and average each row.

    Args:
        readings: 1-d float array of glucose values in mmol/L; its length is a whole number of
            hours of readings (a multiple of `per_hour`), possibly 0.
        per_hour: readings per hour, >= 1.

    Returns:
        A 1-d float numpy array with one mean per hour (len(readings) // per_hour entries).

    Raises:
        ValueError: if len(readings) is not a multiple of `per_hour` (an incomplete hour).

    Example:
        >>> hourly_means(np.array([5.0, 6.0, 7.0, 9.0, 9.0, 9.0]), per_hour=3)
        array([6., 9.])
    """
    raise NotImplementedError


def time_in_range(glucose_mmol_l: np.ndarray, low: float = 3.9, high: float = 10.0) -> float:
    """Percentage of glucose readings inside the target range, limits included.

    The international consensus target for people with diabetes is 3.9-10.0 mmol/L
    (70-180 mg/dL); a reading equal to 3.9 or to 10.0 is in range. Compare the whole array at
    once (`glucose >= low` gives an array of bools).

    Args:
        glucose_mmol_l: 1-d float array of readings, at least one.
        low, high: the target range in mmol/L (e.g. 3.5 and 7.8 in pregnancy).

    Returns:
        A Python float between 0.0 and 100.0 (numpy's mean is a numpy.float64: convert it
        with float()).

    Raises:
        ValueError: if there are no readings.

    Example:
        >>> time_in_range(np.array([3.5, 3.9, 6.2, 10.0, 12.4]))
        60.0
    """
    raise NotImplementedError


def aki_flags(creatinine_umol_l: np.ndarray) -> np.ndarray:
    """Flag acute kidney injury in a serum creatinine series (a simplified KDIGO rule).

    A reading is flagged when it is at least 1.5 times the baseline, where the baseline at a
    reading is the LOWEST value seen so far, that reading included (a running minimum:
    `np.minimum.accumulate`). A value exactly 1.5 times the baseline is flagged.

    Args:
        creatinine_umol_l: 1-d float array of creatinine in umol/L, in time order, > 0.

    Returns:
        A 1-d numpy array of dtype bool, the same length as the input.

    Example:
        >>> aki_flags(np.array([90.0, 80.0, 110.0, 120.0, 95.0]))
        array([False, False, False,  True, False])
    """
    raise NotImplementedError
