"""A patient's charted vital signs as Python lists (Kaggle Learn, Python, lesson 4: Lists)."""

from __future__ import annotations


def last_n(readings: list, n: int) -> list:
    """The n most recent readings, oldest first (all of them if fewer; [] for n == 0)."""
    # Not readings[-n:]: for n == 0 that is readings[0:], the whole chart.
    start = max(len(readings) - n, 0)
    return readings[start:]


def change_from_previous(readings: list) -> int | float | None:
    """Latest minus previous reading; None with fewer than two readings."""
    if len(readings) < 2:
        return None
    return readings[-1] - readings[-2]


def sorted_readings(readings: list, descending: bool = False) -> list:
    """A sorted copy; the chart keeps its time order."""
    return sorted(readings, reverse=descending)


def distinct_sorted(readings: list) -> list:
    """Each charted value once, ascending."""
    return sorted(set(readings))


def median_reading(readings: list) -> float:
    """Middle value of the sorted readings (mean of the two middle ones for an even count)."""
    ordered = sorted(readings)
    middle = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def first_abnormal_index(readings: list, low: float, high: float) -> int | None:
    """Index of the first reading below low or above high; None if all are within [low, high]."""
    for i in range(len(readings)):
        if readings[i] < low or readings[i] > high:
            return i
    return None


def add_reading(readings: list, value: int | float, max_len: int) -> list:
    """readings + [value], keeping only the last max_len."""
    buffer = readings + [value]
    return buffer[-max_len:]


def chart_review(readings: list, n: int, low: float, high: float) -> list:
    """[last n readings, median, index of the first abnormal reading]."""
    return [last_n(readings, n), median_reading(readings), first_abnormal_index(readings, low, high)]
