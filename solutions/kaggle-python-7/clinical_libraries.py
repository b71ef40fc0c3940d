"""Working with external libraries on the ward (Kaggle Learn, Python, lesson 7)."""

from __future__ import annotations

import datetime
import math
import statistics
from collections import Counter

import numpy as np


def elimination_rate_per_h(level_1: float, level_2: float, hours_between: float) -> float:
    """k = ln(C1 / C2) / Δt, with the natural logarithm."""
    return math.log(level_1 / level_2) / hours_between


def dose_dates(first_dose: str, interval_days: int, n_doses: int) -> list[str]:
    """ISO dates of n_doses doses, interval_days apart, starting on first_dose."""
    start = datetime.date.fromisoformat(first_dose)
    step = datetime.timedelta(days=interval_days)
    return [(start + i * step).isoformat() for i in range(n_doses)]


def hours_between(start: str, end: str) -> float:
    """Signed hours from start to end; the whole timedelta, days included."""
    elapsed = datetime.datetime.fromisoformat(end) - datetime.datetime.fromisoformat(start)
    return elapsed.total_seconds() / 3600


def _clean_codes(codes: list[str]) -> list[str]:
    cleaned = [code.strip().upper() for code in codes]
    return [code for code in cleaned if code]


def diagnosis_counts(codes: list[str]) -> dict[str, int]:
    """{code: count} after stripping and upper-casing, as a plain dict."""
    return dict(Counter(_clean_codes(codes)))


def top_diagnoses(codes: list[str], n: int) -> list[tuple[str, int]]:
    """The n most common codes, ties in order of first appearance."""
    return Counter(_clean_codes(codes)).most_common(n)


def lab_summary(values: list[float]) -> dict[str, float]:
    """Mean, median and sample standard deviation, each a Python float."""
    return {
        "mean": float(statistics.mean(values)),
        "median": float(statistics.median(values)),
        "stdev": float(statistics.stdev(values)),
    }


def hourly_means(readings: np.ndarray, per_hour: int = 12) -> np.ndarray:
    """One mean per hour: reshape to (hours, per_hour) and average each row."""
    if len(readings) % per_hour != 0:
        raise ValueError(f"{len(readings)} readings are not a whole number of hours of {per_hour}")
    return readings.reshape(-1, per_hour).mean(axis=1)


def time_in_range(glucose_mmol_l: np.ndarray, low: float = 3.9, high: float = 10.0) -> float:
    """Percentage of readings with low <= glucose <= high, as a Python float."""
    if len(glucose_mmol_l) == 0:
        raise ValueError("no glucose readings")
    in_range = (glucose_mmol_l >= low) & (glucose_mmol_l <= high)
    return float(100.0 * np.count_nonzero(in_range) / len(glucose_mmol_l))


def aki_flags(creatinine_umol_l: np.ndarray) -> np.ndarray:
    """True where creatinine >= 1.5 x the lowest value so far."""
    baseline = np.minimum.accumulate(creatinine_umol_l)
    return creatinine_umol_l >= 1.5 * baseline
