"""Survival estimates that vary with time (AI for Medical Prognosis, Week 3).

Censoring, the naive survival estimate, the Kaplan-Meier estimator and the log-rank test,
on cohorts given as DataFrames with columns ``Time`` (days, > 0) and ``Event``
(1 = death observed at ``Time``, 0 = censored at ``Time``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def load_data() -> pd.DataFrame:
    """The lymphoma cohort bundled with lifelines, in this unit's column convention.

    lifelines calls the event column ``Censor`` (1 = death observed); here it is ``Event``.
    """
    from lifelines.datasets import load_lymphoma

    return load_lymphoma().rename(columns={"Censor": "Event"})[["Stage_group", "Time", "Event"]]


def frac_censored(df: pd.DataFrame) -> float:
    """Fraction of the patients whose death was not observed (Event == 0)."""
    return float((df["Event"] == 0).mean())


def naive_estimator(t: float, df: pd.DataFrame) -> float:
    """Survival past t among the patients whose status at t is known: X / (X + Y)."""
    survived = int((df["Time"] > t).sum())                                   # X
    died = int(((df["Event"] == 1) & (df["Time"] <= t)).sum())               # Y
    return survived / (survived + died)  # X + Y == 0: 0 / 0 raises ZeroDivisionError, as the contract allows


def HomemadeKM(df: pd.DataFrame) -> tuple[list[float], list[float]]:
    """Kaplan-Meier estimate at 0 and at every distinct time in df.Time (deaths or censorings)."""
    times = df["Time"].to_numpy()
    deaths = df["Event"].to_numpy() == 1
    event_times = [0]
    S = [1.0]
    p = 1.0
    for t in np.unique(times):                       # sorted, distinct
        at_risk = np.sum(times >= t)                 # censored at t are still at risk at t
        died = np.sum(deaths & (times == t))
        p = p * (1.0 - died / at_risk)
        event_times.append(t.item())
        S.append(float(p))
    return event_times, S


def logrank_p_value(df_a: pd.DataFrame, df_b: pd.DataFrame) -> float:
    """Two-sided p-value of the log-rank test that two cohorts share one survival curve."""
    time_a, died_a = df_a["Time"].to_numpy(), df_a["Event"].to_numpy() == 1
    time_b, died_b = df_b["Time"].to_numpy(), df_b["Event"].to_numpy() == 1
    observed = expected = variance = 0.0
    for t in np.unique(np.concatenate([time_a[died_a], time_b[died_b]])):
        n_a, n_b = np.sum(time_a >= t), np.sum(time_b >= t)
        d_a, d_b = np.sum(died_a & (time_a == t)), np.sum(died_b & (time_b == t))
        n, d = n_a + n_b, d_a + d_b
        observed += d_a
        expected += d * n_a / n
        if n > 1:
            variance += d * (n_a / n) * (n_b / n) * (n - d) / (n - 1)
    if variance == 0.0:
        return 1.0
    statistic = (observed - expected) ** 2 / variance
    return math.erfc(math.sqrt(statistic / 2.0))     # chi-squared survival function, 1 degree of freedom
