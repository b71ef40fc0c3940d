"""ai4med-c2w3 written the way the Coursera notebook has it (a second reference, graded in the suite).

The notebook's idioms: `sum(...)` over boolean Series, the naive estimate as one division (its
0/0 is numpy's NaN, with a RuntimeWarning), Kaplan-Meier as a loop over the sorted unique times
appending to Python lists, and the log-rank p-value from lifelines as the notebook calls it.
A correct solution written for the course must get full marks as it is.
"""

import numpy as np
from lifelines.statistics import logrank_test


def load_data():
    from lifelines.datasets import load_lymphoma

    return load_lymphoma().rename(columns={"Censor": "Event"})[["Stage_group", "Time", "Event"]]


def frac_censored(df):
    result = 0.0
    result = sum(df['Event'] == 0) / df.shape[0]
    return result


def naive_estimator(t, df):
    S_t = 0.0
    # survived past t, over those whose status at t is known (died, or still followed after t)
    S_t = sum(df['Time'] > t) / sum((df['Event'] == 1) | (df['Time'] > t))
    return S_t


def HomemadeKM(df):
    # individuals are considered to have survival probability 1 at time 0
    event_times = [0]
    p = 1.0
    S = [p]

    # get collection of unique observed event times, sorted
    observed_event_times = df['Time'].unique()
    observed_event_times = np.sort(observed_event_times)

    # iterate through event times
    for t in observed_event_times:
        # n_t: number of people who survive to time t
        n_t = sum(df['Time'] >= t)
        # d_t: number of people who die at time t
        d_t = sum((df['Time'] == t) & (df['Event'] == 1))
        # update p
        p = p * (1 - float(d_t) / n_t)
        # update S and event_times
        S.append(p)
        event_times.append(t)

    return event_times, S


def logrank_p_value(group_1_data, group_2_data):
    result = logrank_test(group_1_data.Time, group_2_data.Time,
                          group_1_data.Event, group_2_data.Event)
    return result.p_value
