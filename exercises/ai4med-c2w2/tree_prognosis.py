"""Ten-year mortality with tree-based models, missing data and imputation (AI for Medical Prognosis, Week 2).

A cohort of adults seen in a cardiovascular-risk clinic: age (years), systolic blood pressure
(mmHg), total cholesterol (mg/dL), body-mass index (kg/m^2), ... and whether they died within
ten years (1) or not (0). Some measurements are missing, and not completely at random (blood
pressure is missing more often in older patients), so how the gaps are handled changes the model.

Rules that hold for every function here:
- never modify a DataFrame, Series, dict or list you are given (work on copies);
- anything learned from data (a mean, a regression, a model) is learned from the TRAINING
  patients only; the test (or validation) patients are only transformed or scored;
- returned DataFrames keep the columns (same order) and the rows (same order) of the frame they
  came from; drop_missing_rows also keeps the index labels, so that they still line up with the
  outcome Series.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
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
    """Fraction of rows (patients) that have at least one missing value.

    A value is missing when pandas says so (`isnull`: NaN, None, NaT, pd.NA). A patient with
    three missing measurements counts once, like a patient with one: this counts rows, not cells.

    Args:
        df: a DataFrame with at least one row, one row per patient. Not modified.

    Returns:
        A float in [0, 1]: (number of rows with any missing value) / (number of rows).

    Example:
        >>> df = pd.DataFrame({"age": [62, 71, 55, 80],
        ...                    "systolic_bp": [np.nan, 150.0, 128.0, np.nan],
        ...                    "cholesterol": [210.0, np.nan, 190.0, np.nan]})
        >>> fraction_rows_missing(df)        # rows 0, 1 and 3 have a gap
        0.75
    """
    raise NotImplementedError


def drop_missing_rows(X: pd.DataFrame, y: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Complete-case analysis: keep only the patients whose features are all observed.

    Args:
        X: features, one row per patient; its index is any set of unique patient labels (not
            necessarily 0..n-1 and not necessarily sorted). Not modified.
        y: the outcome (1 = died within ten years), a Series with the same index labels as X.
            Not modified.

    Returns:
        (X_complete, y_complete): X without the rows that have any missing value (every column
        kept, rows in their original order, original index labels), and the outcomes of exactly
        those patients, matched by index label.

    Example:
        >>> X = pd.DataFrame({"age": [62, 71, 55], "systolic_bp": [np.nan, 150.0, 128.0]}, index=[17, 4, 9])
        >>> y = pd.Series([1, 0, 0], index=[17, 4, 9])
        >>> X_c, y_c = drop_missing_rows(X, y)
        >>> list(X_c.index), list(y_c)
        ([4, 9], [0, 0])
    """
    raise NotImplementedError


def impute_mean(X_train: pd.DataFrame, X_test: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill every missing value with its column's mean over the TRAINING patients.

    Use scikit-learn's `SimpleImputer(strategy="mean")`, fitted on X_train only, then transform
    both frames. Using the test mean, or the mean of train and test together, leaks information
    from patients the model must not see.

    Args:
        X_train: numeric features of the training patients; every column has at least one
            observed value. Not modified.
        X_test: numeric features of the test patients, same columns; may be a single patient, and
            a column may be entirely missing in it. Not modified.

    Returns:
        (train_imputed, test_imputed): two float DataFrames without missing values, each with the
        columns (same order) and the rows (same order) of the frame it came from. Observed values
        are unchanged. The index is the input's (index=X.index) or the default 0..n-1 that the
        course's `pd.DataFrame(imputer.transform(X), columns=X.columns)` gives: both are accepted.

    Example:
        >>> X_train = pd.DataFrame({"systolic_bp": [120.0, np.nan, 140.0]})
        >>> X_test = pd.DataFrame({"systolic_bp": [np.nan, 160.0]}, index=[7, 8])
        >>> train_imp, test_imp = impute_mean(X_train, X_test)
        >>> test_imp["systolic_bp"].tolist()        # 130 = mean of the training values 120 and 140
        [130.0, 160.0]
    """
    raise NotImplementedError


def impute_iterative(
    X_train: pd.DataFrame, X_test: pd.DataFrame, random_state: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill every missing value by regression on the other features, learned on the TRAINING patients.

    Use the course's imputer, scikit-learn's
        `IterativeImputer(random_state=random_state, sample_posterior=False, max_iter=1, min_value=0)`
    (other settings at their defaults: a BayesianRidge regression per feature, gaps first filled
    with the column mean), fitted on X_train only; then transform both frames. One round of
    regressions (max_iter=1: scikit-learn may warn that it did not converge; that is expected),
    and no imputed value below 0 (min_value=0: a measurement cannot be negative, a regression can
    extrapolate below zero). (Import it after `from sklearn.experimental import enable_iterative_imputer`.)

    Args:
        X_train: numeric features of the training patients; every column has at least one
            observed value. Not modified.
        X_test: numeric features of the test patients, same columns. Not modified.
        random_state: seed passed to the imputer (0, as in the course; with these settings the
            imputer draws nothing at random, so it does not change the result).

    Returns:
        (train_imputed, test_imputed): two float DataFrames without missing values, each with the
        columns (same order) and the rows (same order) of the frame it came from. Observed values
        are unchanged. The index is the input's or the default 0..n-1, as for impute_mean.

    Example:
        >>> X_train = pd.DataFrame({"age": [50.0, 60.0, 70.0, 80.0], "systolic_bp": [120.0, 130.0, 140.0, np.nan]})
        >>> X_test = pd.DataFrame({"age": [65.0], "systolic_bp": [np.nan]})
        >>> _, test_imp = impute_iterative(X_train, X_test)
        >>> round(test_imp.loc[0, "systolic_bp"])  # blood pressure rises with age in the training patients
        135
    """
    raise NotImplementedError


def holdout_grid_search(
    clf,
    X_train_hp: pd.DataFrame,
    y_train_hp: pd.Series,
    X_val_hp: pd.DataFrame,
    y_val_hp: pd.Series,
    hyperparams: dict[str, list],
    fixed_hyperparams: dict[str, Any] = {},  # noqa: B006  (the course's signature; never modify it)
):
    """Choose hyperparameters by their C-index on a held-out validation set.

    For every combination in `itertools.product` of the lists in `hyperparams` (in the dict's key
    order): build `clf(**combination, **fixed_hyperparams)`, fit it on (X_train_hp, y_train_hp),
    and score it on the VALIDATION patients with the C-index of its predicted risks
    `estimator.predict_proba(X_val_hp)[:, 1]`: `roc_auc_score(y_val_hp, risks)`, or the course's
    `cindex` (lifelines' `concordance_index(y_val_hp, risks)`), the same number for a 0/1
    outcome (a tie in predicted risk counts 1/2).
    The best combination is the one with the highest validation score. As in the course's code
    (`if estimator_score >= best_score`), a later combination with an EQUAL score replaces the
    best: on a tie, the LAST one in product order wins. A best score below 0.5 is still the best.

    Args:
        clf: an estimator class (e.g. RandomForestClassifier), not an instance.
        X_train_hp, y_train_hp: training features and 0/1 outcomes (both outcomes present).
        X_val_hp, y_val_hp: validation features and 0/1 outcomes (both outcomes present).
        hyperparams: {name: list of values to try}, at least one name, every list non-empty.
        fixed_hyperparams: {name: value} passed unchanged to every estimator.
        None of these arguments is modified (not even the default {}).

    Returns:
        (best_estimator, best_hyperparams): the fitted estimator of the best combination, and a
        new dict holding the best combination together with fixed_hyperparams.

    Example:
        >>> from sklearn.tree import DecisionTreeClassifier
        >>> best, params = holdout_grid_search(DecisionTreeClassifier, X_train, y_train, X_val, y_val,
        ...                                    {"max_depth": [2, 4, None], "min_samples_leaf": [1, 10]},
        ...                                    {"random_state": 0})
        >>> sorted(params)          # e.g. {"max_depth": 4, "min_samples_leaf": 10, "random_state": 0}
        ['max_depth', 'min_samples_leaf', 'random_state']
    """
    raise NotImplementedError


def random_forest_risk(
    X_train: pd.DataFrame,
    y_train: pd.Series,
    X_test: pd.DataFrame,
    n_estimators: int = 100,
    max_depth: int | None = None,
    random_state: int = 10,
) -> np.ndarray:
    """Predicted probability of death within ten years for each test patient, from a random forest.

    Fit `RandomForestClassifier(n_estimators=n_estimators, max_depth=max_depth,
    random_state=random_state)` (other settings at their defaults) on the training patients and
    return its predicted probability of the outcome 1 for the test patients.

    Args:
        X_train: features of the training patients, no missing values. Not modified.
        y_train: their 0/1 outcomes (both present). Not modified.
        X_test: features of the patients to score, same columns. Not modified.
        n_estimators, max_depth, random_state: passed to the forest.

    Returns:
        A float numpy array of shape (len(X_test),), each entry in [0, 1]: the risk, not a 0/1 label.

    Example:
        >>> risk = random_forest_risk(X_train, y_train, X_test, n_estimators=50)
        >>> risk.shape == (len(X_test),), risk.dtype
        (True, dtype('float64'))
    """
    raise NotImplementedError
