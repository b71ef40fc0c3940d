"""A linear risk model for diabetic retinopathy (AI for Medical Prognosis, Week 1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from autograde.datasets.cohorts import retinopathy_cohort  # noqa: F401 (given: a seeded synthetic cohort)


def make_standard_normal(df_train: pd.DataFrame, df_test: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Log-transform both sets, then standardize each column with the TRAINING mean and sample SD."""
    train_log = np.log(df_train)
    test_log = np.log(df_test)
    mean = train_log.mean()  # per column
    std = train_log.std()  # per column; pandas: the sample standard deviation, ddof=1
    return (train_log - mean) / std, (test_log - mean) / std


def lr_model(X_train: pd.DataFrame, y_train: pd.Series) -> LogisticRegression:
    """Fit scikit-learn's LogisticRegression with its default settings on the training data."""
    model = LogisticRegression()
    model.fit(X_train, y_train)
    return model


def cindex(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Concordance index over the pairs of patients with different outcomes; tied scores count 1/2."""
    outcome = np.asarray(y_true)
    score = np.asarray(scores, dtype=float)
    with_event = score[outcome == 1]
    without_event = score[outcome == 0]
    # one row per patient with the event, one column per patient without: every permissible pair
    difference = with_event[:, np.newaxis] - without_event[np.newaxis, :]
    if difference.size == 0:  # C = 0 / 0: undefined, say so
        raise ValueError("no permissible pair: every patient has the same outcome")
    concordant = np.count_nonzero(difference > 0)
    tied = np.count_nonzero(difference == 0)
    return float((concordant + 0.5 * tied) / difference.size)


def add_interactions(X: pd.DataFrame) -> pd.DataFrame:
    """A copy of X with one product column "A_x_B" per pair of columns A before B."""
    X_int = X.copy()
    features = list(X.columns)
    for i, first in enumerate(features):
        for second in features[i + 1 :]:
            X_int[f"{first}_x_{second}"] = X[first] * X[second]
    return X_int
