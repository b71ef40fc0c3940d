"""Loops and list comprehensions on the ward (Kaggle Learn, Python, lesson 5)."""

from __future__ import annotations


def count_abnormal(readings: list[float], low: float, high: float) -> int:
    """How many readings lie strictly outside [low, high]."""
    count = 0
    for reading in readings:
        if reading < low or reading > high:
            count += 1
    return count


def fever_flags(temps_c: list[float], threshold: float = 38.0) -> list[bool]:
    """True where a temperature is at or above the fever threshold."""
    return [temp >= threshold for temp in temps_c]


def running_max(values: list[float]) -> list[float]:
    """The highest value so far, after each reading."""
    peaks = []
    peak = float("-inf")
    for value in values:
        peak = max(peak, value)
        peaks.append(peak)
    return peaks


def first_time_above(times_h: list[float], values: list[float], threshold: float) -> float | None:
    """The time of the first reading strictly above the threshold, or None."""
    for time, value in zip(times_h, values):
        if value > threshold:
            return time
    return None


def longest_run_above(values: list[float], threshold: float) -> int:
    """The longest number of consecutive readings strictly above the threshold."""
    longest = run = 0
    for value in values:
        if value > threshold:
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    return longest


def dose_clock_hours(start_hour: int, interval_hours: int) -> list[int]:
    """Clock hours of the doses in the 24 hours starting with the first dose."""
    return [hour % 24 for hour in range(start_hour, start_hour + 24, interval_hours)]


def half_lives_until_safe(level: float, safe_level: float) -> int:
    """Halvings needed until the level is at or below the safe level."""
    half_lives = 0
    while level > safe_level:
        level /= 2
        half_lives += 1
    return half_lives
