"""Survival estimates that vary with time (AI for Medical Prognosis, Week 3).

A cohort is a pandas DataFrame with one row per patient and (at least) two columns:
    Time   follow-up time in days, a number > 0;
    Event  1 if the patient's death was observed at Time, 0 if the patient was censored at
           Time (lost to follow-up, or still alive when the study ended).
Other columns (e.g. Stage_group) may be present and must be ignored. Rows come in any order
and the index can be any labels (a cohort is often a filtered slice of a bigger table).

You will measure how much of a cohort is censored, see why the naive survival estimate is
biased, write the Kaplan-Meier estimator yourself, and compare two cohorts with the
log-rank test.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
`load_data` is given.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def load_data() -> pd.DataFrame:
    """The lymphoma cohort bundled with lifelines, in this unit's column convention (given).

    80 patients with diffuse histiocytic lymphoma followed for up to 346 days; Stage_group is
    1 or 2 (the earlier and the later disease stage). lifelines names the event column
    ``Censor``, with Censor == 1 meaning the death WAS observed; this loader renames it to
    ``Event`` (same values), so Event == 1 is a death and Event == 0 a censored patient.
    """
    from lifelines.datasets import load_lymphoma

    return load_lymphoma().rename(columns={"Censor": "Event"})[["Stage_group", "Time", "Event"]]


def frac_censored(df: pd.DataFrame) -> float:
    """Fraction of the patients in `df` who are censored (Event == 0).

    Args:
        df: a cohort with columns Time and Event (see the module docstring), at least one row.

    Returns:
        a float in [0, 1]: (number of rows with Event == 0) / (number of rows).
        0.0 when every death was observed, 1.0 when every patient is censored.

    Example:
        >>> frac_censored(pd.DataFrame({"Time": [10, 8, 60, 20], "Event": [1, 0, 0, 1]}))
        0.5
    """
    raise NotImplementedError


def naive_estimator(t: float, df: pd.DataFrame) -> float:
    """The course's naive estimate of S(t) = P(T > t), the probability of surviving past day t.

    It uses only the patients whose status at t is known, and simply drops the others:
        X = number of patients with Time > t           (known to be alive after t, whatever Event is)
        Y = number of patients with Event == 1 and Time <= t   (died on or before day t)
        estimate = X / (X + Y)
    A patient censored on or before t (Event == 0 and Time <= t) is in neither X nor Y: we do
    not know whether they survived past t. A death exactly on day t counts in Y (Time <= t, not
    Time < t).

    Args:
        t: a time in days (>= 0).
        df: a cohort with columns Time and Event.

    Returns:
        a float in [0, 1]. If X + Y == 0 (every patient was censored on or before t) the
        estimate is 0 / 0, undefined: do not return a number for it. Letting the division raise
        ZeroDivisionError (as the course's `sum(...) / sum(...)` does), raising ValueError, or
        returning float("nan") are all accepted.

    Example:
        >>> cohort = pd.DataFrame({"Time": [5, 10, 15, 20], "Event": [1, 0, 1, 0]})
        >>> naive_estimator(12, cohort)      # X = 2 (Time 15, 20), Y = 1 (died on day 5)
        0.6666666666666666
    """
    raise NotImplementedError


def HomemadeKM(df: pd.DataFrame) -> tuple[list, list]:
    """The Kaplan-Meier estimate of the survival function S(t) = P(T > t), written by hand.

    event_times is 0 followed by EVERY distinct value of df.Time in increasing order (times
    where only censorings happened are included, as in the course), and S[j] is the estimate
    at event_times[j]:
        S[0] = 1 (at time 0 everybody is alive);
        S[j] = S[j-1] * (1 - d_j / n_j), where, for t = event_times[j],
            d_j = number of deaths at t        (Event == 1 and Time == t),
            n_j = number of patients at risk at t (Time >= t).
    Tie convention: at a time where deaths and censorings coincide, the deaths are taken to
    happen first, so patients censored at t are still in n_j. At a time with only censorings
    d_j = 0 and the curve stays flat; censored patients only leave the risk set after their
    time.

    Args:
        df: a cohort with columns Time (days, > 0) and Event, at least one row.

    Returns:
        (event_times, S): two lists (numpy 1-d arrays are accepted too) of the same length,
        1 + number of distinct times in df.Time; event_times holds numbers (days), S floats in
        [0, 1], non-increasing.

    Example:
        >>> HomemadeKM(pd.DataFrame({"Time": [10, 8, 60, 20, 12, 30, 15],
        ...                          "Event": [1, 0, 0, 1, 1, 0, 1]}))
        ([0, 8, 10, 12, 15, 20, 30, 60], [1.0, 1.0, 0.8333333333333334, 0.6666666666666667,
         0.5, 0.33333333333333337, 0.33333333333333337, 0.33333333333333337])
        (day 8: only a censoring, S stays 1; day 10: 1 death among the 6 still at risk.)
    """
    raise NotImplementedError


def logrank_p_value(df_a: pd.DataFrame, df_b: pd.DataFrame) -> float:
    """Two-sided p-value of the log-rank test that cohorts A and B have the same survival curve.

    At every distinct time t at which at least one death happens in either cohort, with
        n_a, n_b = patients at risk at t (Time >= t) in A and in B,  n = n_a + n_b,
        d_a, d_b = deaths at t in A and in B,                          d = d_a + d_b,
    add up   O = sum d_a                      (observed deaths in A),
             E = sum d * n_a / n              (deaths expected in A if the curves were equal),
             V = sum d * (n_a / n) * (n_b / n) * (n - d) / (n - 1)   (terms with n == 1 are 0).
    The statistic Z = (O - E)^2 / V follows a chi-squared distribution with 1 degree of freedom
    under the null hypothesis; the p-value is P(chi2_1 > Z) = erfc(sqrt(Z / 2)).
    This is what lifelines.statistics.logrank_test computes (the course calls it; you may too,
    but writing it once by hand is the point). If V == 0 (no information, e.g. no death in
    either cohort), return 1.0, as lifelines does.

    Args:
        df_a, df_b: two cohorts with columns Time and Event.

    Returns:
        a float in [0, 1]; small values mean the survival curves differ.

    Example:
        >>> a = pd.DataFrame({"Time": [6, 19, 32, 42, 42, 43], "Event": [1, 1, 1, 1, 1, 0]})
        >>> b = pd.DataFrame({"Time": [4, 6, 10, 11, 11, 11], "Event": [1, 1, 1, 1, 1, 1]})
        >>> round(logrank_p_value(a, b), 4)
        0.012
    """
    raise NotImplementedError
