"""Ten-year mortality with tree-based models, missing data and imputation (AI for Medical Prognosis, Week 2).

A cohort of adults seen in a cardiovascular-risk clinic: age (years), systolic blood pressure
(mmHg), total cholesterol (mg/dL), body-mass index (kg/m^2), ... and whether they died within
ten years. Some measurements are missing, and not completely at random (blood pressure is
missing more often in older patients), so how the gaps are handled changes the model.

Reference solution.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.experimental import enable_iterative_imputer  # noqa: F401  (makes IterativeImputer importable)
from sklearn.impute import IterativeImputer, SimpleImputer
from sklearn.metrics import roc_auc_score


def fraction_rows_missing(df: pd.DataFrame) -> float:
    """Fraction of rows (patients) with at least one missing value, as a float in [0, 1]."""
    return float(df.isnull().any(axis=1).mean())


def drop_missing_rows(X: pd.DataFrame, y: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Complete-case analysis: keep only the patients with every feature observed, with their labels."""
    X_complete = X.dropna(axis="index")
    y_complete = y.loc[X_complete.index]
    return X_complete, y_complete


def _like(values: np.ndarray, frame: pd.DataFrame) -> pd.DataFrame:
    """Imputed values (a float array: the imputers return floats) back in a DataFrame with the
    columns and index of the frame they came from."""
    return pd.DataFrame(values, columns=frame.columns, index=frame.index)


def impute_mean(X_train: pd.DataFrame, X_test: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill each gap with its column's mean over the TRAINING patients (SimpleImputer, strategy="mean")."""
    imputer = SimpleImputer(strategy="mean")
    imputer.fit(X_train)
    return _like(imputer.transform(X_train), X_train), _like(imputer.transform(X_test), X_test)


def impute_iterative(
    X_train: pd.DataFrame, X_test: pd.DataFrame, random_state: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill each gap by regression on the other features, learned on the TRAINING patients (the course's IterativeImputer)."""
    imputer = IterativeImputer(random_state=random_state, sample_posterior=False, max_iter=1, min_value=0)
    imputer.fit(X_train)
    return _like(imputer.transform(X_train), X_train), _like(imputer.transform(X_test), X_test)


def holdout_grid_search(
    clf,
    X_train_hp: pd.DataFrame,
    y_train_hp: pd.Series,
    X_val_hp: pd.DataFrame,
    y_val_hp: pd.Series,
    hyperparams: dict[str, list],
    fixed_hyperparams: dict[str, Any] = {},  # noqa: B006  (the course's signature; it is never modified)
):
    """Try every combination of `hyperparams`, fit on train, keep the best C-index on validation."""
    names = list(hyperparams)
    best_estimator, best_combination, best_score = None, {}, -np.inf
    for values in itertools.product(*(hyperparams[name] for name in names)):
        combination = dict(zip(names, values))
        estimator = clf(**combination, **fixed_hyperparams)
        estimator.fit(X_train_hp, y_train_hp)
        score = roc_auc_score(y_val_hp, estimator.predict_proba(X_val_hp)[:, 1])
        if score >= best_score:  # the course's rule: on a tie the later combination wins
            best_estimator, best_combination, best_score = estimator, combination, score
    best_hyperparams = {**best_combination, **fixed_hyperparams}
    return best_estimator, best_hyperparams


def random_forest_risk(
    X_train: pd.DataFrame,
    y_train: pd.Series,
    X_test: pd.DataFrame,
    n_estimators: int = 100,
    max_depth: int | None = None,
    random_state: int = 10,
) -> np.ndarray:
    """Predicted probability of death within ten years for each test patient, from a random forest."""
    forest = RandomForestClassifier(n_estimators=n_estimators, max_depth=max_depth, random_state=random_state)
    forest.fit(X_train, y_train)
    return forest.predict_proba(X_test)[:, 1]
