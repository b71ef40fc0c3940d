"""Loops and list comprehensions on the ward (Kaggle Learn, Python, lesson 5).

Vital signs arrive as lists of readings, medication charts as lists of times. Every function
here is a loop (`for` or `while`) or a list comprehension over such a list. Read each
docstring's boundary rule carefully: whether a reading exactly on a limit counts is part of
the contract.

Replace each `raise NotImplementedError` with your code; keep the names and signatures. Do not
change the lists you are given: build and return new ones.
"""

from __future__ import annotations


def count_abnormal(readings: list[float], low: float, high: float) -> int:
    """How many readings lie outside the normal range [low, high].

    A reading is abnormal when it is strictly below `low` or strictly above `high`; a reading
    exactly equal to `low` or to `high` is normal.

    Args:
        readings: the readings, in any order (e.g. heart rate in beats/min); may be empty.
        low, high: the limits of the normal range, low <= high, same unit as the readings.

    Returns:
        An int (a Python int, not a float): the number of abnormal readings; 0 for an empty list.

    Example:
        Heart rate, normal 60-100 beats/min:
        >>> count_abnormal([58, 72, 100, 101, 60], 60, 100)
        2
    """
    raise NotImplementedError


def fever_flags(temps_c: list[float], threshold: float = 38.0) -> list[bool]:
    """One flag per temperature: True where it is a fever, with a list comprehension.

    A temperature is a fever when it is greater than OR EQUAL to `threshold` (38.0 °C by
    default; some protocols use 38.3 °C, passed as `threshold`).

    Args:
        temps_c: body temperatures in °C, in the order they were taken; may be empty.
        threshold: the fever threshold in °C.

    Returns:
        A list of bools (True/False, not 1/0 or strings), the same length and order as
        `temps_c`; [] for an empty list.

    Example:
        >>> fever_flags([36.8, 38.0, 39.2, 37.9])
        [False, True, True, False]
    """
    raise NotImplementedError


def running_max(values: list[float]) -> list[float]:
    """The highest value so far, after each reading.

    Element i of the result is the largest of values[0], ..., values[i] (the reading itself
    included). Values may be negative (e.g. base excess, in mmol/L).

    Args:
        values: the readings in time order; may be empty.

    Returns:
        A new list of the same length (each element is one of the readings); [] for an empty list.

    Example:
        High-sensitivity troponin in ng/L:
        >>> running_max([12, 45, 30, 80, 64])
        [12, 45, 45, 80, 80]
    """
    raise NotImplementedError


def first_time_above(times_h: list[float], values: list[float], threshold: float) -> float | None:
    """The first time at which a reading is strictly above `threshold`.

    Loop over the two lists together (`zip`) and stop at the first reading > threshold; a
    reading exactly equal to the threshold does not count.

    Args:
        times_h: the times of the readings, in hours since admission, increasing.
        values: the readings (e.g. lactate in mmol/L), the same length as `times_h`; both lists
            may be empty.
        threshold: the alert level, same unit as `values`.

    Returns:
        The element of `times_h` (as it is in the list, int or float) at which the first
        reading above the threshold was taken, or None when no reading is above it (also for
        empty lists).

    Example:
        Lactate every 2 hours, alert above 2.0 mmol/L:
        >>> first_time_above([0, 2, 4, 6], [1.8, 2.0, 2.6, 4.1], 2.0)
        4
    """
    raise NotImplementedError


def longest_run_above(values: list[float], threshold: float) -> int:
    """The length of the longest stretch of consecutive readings strictly above `threshold`.

    Sustained tachycardia matters more than one fast beat: this counts how many readings in a
    row stayed above the threshold, and returns the longest such run. A reading equal to the
    threshold ends a run.

    Args:
        values: the readings in time order (e.g. heart rate in beats/min); may be empty.
        threshold: the level a reading must exceed.

    Returns:
        An int: the longest run length; 0 if no reading is above the threshold or the list is empty.

    Example:
        Tachycardia above 100 beats/min:
        >>> longest_run_above([88, 104, 112, 97, 101, 105, 110, 99], 100)
        3
    """
    raise NotImplementedError


def dose_clock_hours(start_hour: int, interval_hours: int) -> list[int]:
    """Clock hours (0-23) of the doses given in the 24 hours that start with the first dose.

    The first dose is at `start_hour`; the next ones follow every `interval_hours` hours. Only
    doses given less than 24 hours after the first one belong to this day (a dose exactly 24
    hours later is the next day's first dose). Times after midnight wrap around: 25 o'clock is 1.

    Args:
        start_hour: the clock hour of the first dose, 0 <= start_hour <= 23.
        interval_hours: hours between doses, 1 <= interval_hours <= 24 (q6h -> 6, q8h -> 8, ...).

    Returns:
        A list of ints in 0..23, in the order the doses are given.

    Examples:
        >>> dose_clock_hours(6, 8)     # q8h from 06:00
        [6, 14, 22]
        >>> dose_clock_hours(21, 6)    # q6h from 21:00
        [21, 3, 9, 15]
    """
    raise NotImplementedError


def half_lives_until_safe(level: float, safe_level: float) -> int:
    """How many half-lives until a drug level has fallen to a safe level, with a `while` loop.

    Each half-life halves the level. Count the halvings needed until the level is less than OR
    EQUAL to `safe_level`; if it already is, the answer is 0.

    Args:
        level: the current plasma level (e.g. mg/L), > 0.
        safe_level: the level considered safe, > 0, same unit.

    Returns:
        An int >= 0: the number of half-lives.

    Example:
        A level of 40 mg/L, safe at 10 mg/L: 40 -> 20 -> 10, two half-lives.
        >>> half_lives_until_safe(40.0, 10.0)
        2
    """
    raise NotImplementedError
