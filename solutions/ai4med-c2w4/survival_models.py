"""Cox proportional hazards and random survival forests (AI for Medical Prognosis, Week 4).

One-hot encoding of categorical covariates, a Cox model fitted with lifelines, hazard ratios
from its coefficients, Harrell's C-index with the course's rules for censoring and ties, and a
random survival forest from scikit-survival scored by risk.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from lifelines import CoxPHFitter
from sksurv.ensemble import RandomSurvivalForest

from autograde.datasets.survival_cohorts import heart_failure_cohort, load_veterans  # noqa: F401 (given data)


def to_one_hot(dataframe: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One float64 indicator column per category except the first, for each listed column."""
    return pd.get_dummies(dataframe, columns=columns, drop_first=True, dtype=np.float64)


def fit_cox(df: pd.DataFrame, duration_col: str, event_col: str, penalizer: float = 0.0) -> CoxPHFitter:
    """A lifelines Cox model fitted on every column of df but the duration and the event."""
    model = CoxPHFitter(penalizer=penalizer)
    model.fit(df, duration_col=duration_col, event_col=event_col)
    return model


def hazard_ratio(case_1: np.ndarray, case_2: np.ndarray, cox_params: np.ndarray) -> float:
    """lambda_1(t) / lambda_2(t) = exp(theta . (x_1 - x_2)): the baseline hazard cancels."""
    return float(np.exp(np.dot(cox_params, case_1 - case_2)))


def harrell_c(y_true, scores, event) -> float:
    """Harrell's C-index with the course's rules (see the exercise's docstring)."""
    time = np.asarray(y_true)  # only compared (<, ==, >): any numeric dtype will do
    risk = np.asarray(scores)
    died = np.asarray(event).astype(bool)

    # Rows i, columns j. An ordered pair (i, j) is permissible with i expected to be at higher
    # risk when i died and j outlived i: j's time is longer (death or censoring), or j was
    # censored on the day i died (censored at t means alive through t).
    first = died[:, None] & (
        (time[:, None] < time[None, :]) | ((time[:, None] == time[None, :]) & ~died[None, :])
    )
    # Two deaths on the same day: permissible, each unordered pair once (i < j); neither
    # died first, so only a tie in the scores earns credit (1/2).
    same_day = np.triu(died[:, None] & died[None, :] & (time[:, None] == time[None, :]), k=1)

    higher = risk[:, None] > risk[None, :]
    tied = risk[:, None] == risk[None, :]
    concordant = np.count_nonzero(first & higher)
    ties = np.count_nonzero(first & tied) + np.count_nonzero(same_day & tied)
    permissible = np.count_nonzero(first) + np.count_nonzero(same_day)
    if permissible == 0:
        raise ValueError("no permissible pair: Harrell's C is undefined")
    return (concordant + 0.5 * ties) / permissible


def rsf_risk(
    X_train: pd.DataFrame,
    y_train: np.ndarray,
    X_test: pd.DataFrame,
    n_estimators: int = 100,
    random_state: int = 0,
) -> np.ndarray:
    """Fit a random survival forest on the training patients; risk scores of the test patients."""
    forest = RandomSurvivalForest(n_estimators=n_estimators, random_state=random_state)
    forest.fit(X_train, y_train)
    return forest.predict(X_test)  # higher = higher risk (summed cumulative hazard)
