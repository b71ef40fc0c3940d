"""A linear risk model for diabetic retinopathy (AI for Medical Prognosis, Week 1).

Clinical setting: among people with diabetes, which ones will develop diabetic retinopathy, the
damage to the retina that can end in blindness? Screening and treatment slots are limited, so the
clinic wants a prognostic score from four routine measurements: age (years), systolic and
diastolic blood pressure (mmHg) and total cholesterol (mg/dL). You build it in four steps:
1. `make_standard_normal`: remove the right skew of the measurements (log) and put them on one
   scale (standardize), learning the scale from the training patients only;
2. `lr_model`: fit a logistic regression risk model;
3. `cindex`: measure how well the score ranks patients (the concordance index);
4. `add_interactions`: add pairwise product features (e.g. Age x Systolic_BP) and refit.

`retinopathy_cohort` gives you a synthetic cohort to try your code on:

    X, y = retinopathy_cohort(1000, seed=0)
    X_train, X_test, y_train, y_test = X.iloc[:750], X.iloc[750:], y.iloc[:750], y.iloc[750:]
    X_train_n, X_test_n = make_standard_normal(X_train, X_test)
    model = lr_model(X_train_n, y_train)
    print(cindex(y_test.values, model.predict_proba(X_test_n)[:, 1]))   # about 0.77

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from autograde.datasets.cohorts import retinopathy_cohort  # noqa: F401 (given: a seeded synthetic cohort)


def make_standard_normal(df_train: pd.DataFrame, df_test: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Remove skew with a log, then standardize every column using the TRAINING set's statistics.

    For each column c:
        mean_c = mean of log(df_train[c])
        sd_c   = SAMPLE standard deviation of log(df_train[c]), i.e. ddof=1 (what pandas'
                 DataFrame.std() computes by default; numpy's np.std defaults to ddof=0)
        train_normalized[c] = (log(df_train[c]) - mean_c) / sd_c
        test_normalized[c]  = (log(df_test[c])  - mean_c) / sd_c
    log is the natural logarithm. The test set is never used to compute mean_c or sd_c: at the
    clinic, new patients arrive one at a time and must be scaled like the training patients.

    Args:
        df_train: DataFrame of strictly positive measurements (one row per patient, at least 2
            rows, every column varies), e.g. columns Age (years), Systolic_BP (mmHg), ...
        df_test: DataFrame with the same columns (at least 1 row).
        Neither frame may be modified.

    Returns:
        (df_train_normalized, df_test_normalized): two float DataFrames with the same columns
        (same order) and the same index as df_train and df_test respectively.

    Example:
        >>> train = pd.DataFrame({"Age": [50.0, 60.0, 70.0], "Cholesterol": [180.0, 200.0, 260.0]})
        >>> test = pd.DataFrame({"Age": [65.0], "Cholesterol": [190.0]})
        >>> train_n, test_n = make_standard_normal(train, test)
        >>> train_n.round(4)
              Age  Cholesterol
        0 -1.0267      -0.8328
        1  0.0558      -0.2764
        2  0.9710       1.1091
        >>> test_n.round(4)
             Age  Cholesterol
        0  0.531      -0.5472
    """
    raise NotImplementedError


def lr_model(X_train: pd.DataFrame, y_train: pd.Series) -> LogisticRegression:
    """Fit a logistic regression risk model: scikit-learn's LogisticRegression with its DEFAULT settings.

    That is `LogisticRegression()` (lbfgs solver, L2 penalty with C=1.0, an intercept, no class
    weights), fitted with `.fit(X_train, y_train)` on the data exactly as given (already
    normalized: do not rescale or add features here). Its coef_ and intercept_ are compared
    with the optimum of that model to within 5e-3 (the solver's own tolerance).

    Args:
        X_train: DataFrame of n patients x p features.
        y_train: Series of n outcomes, 1 = developed retinopathy, 0 = did not (both present).

    Returns:
        The fitted `sklearn.linear_model.LogisticRegression` (coef_ of shape (1, p)).
        `model.predict_proba(X)[:, 1]` is then each patient's predicted risk.

    Example:
        >>> X = pd.DataFrame({"Age": [-1.0, -0.5, 0.0, 0.5, 1.0, 1.5]})
        >>> model = lr_model(X, pd.Series([0, 0, 1, 0, 1, 1]))
        >>> model.coef_.shape, bool(model.coef_[0, 0] > 0)
        ((1, 1), True)
    """
    raise NotImplementedError


def cindex(y_true: np.ndarray, scores: np.ndarray) -> float:
    """Concordance index (C-index) of risk scores for a binary outcome, as defined in the course.

    A pair of patients (i, j) is PERMISSIBLE when their outcomes differ (one has the event,
    y = 1, the other does not, y = 0); pairs with the same outcome are ignored. A permissible
    pair is CONCORDANT (counts 1) when the patient with the event has the higher score, a TIE
    (counts 0.5) when both scores are equal, and discordant (counts 0) otherwise.

        C = (number of concordant pairs + 0.5 * number of tied pairs) / number of permissible pairs

    1.0 means the score ranks every patient with the event above every patient without;
    0.5 is what random scores achieve.

    Args:
        y_true: 1-D numpy array of n outcomes, each 0 or 1 (int, float or bool).
        scores: 1-D numpy array of n risk scores (higher = more at risk), same order as y_true:
            floats (predicted risks) or integers of any numpy int dtype, unsigned included
            (a points score stored as uint8).
        Neither array may be modified.

    Returns:
        C as a float in [0, 1].

    Undefined case: with no permissible pair (every patient has the same outcome, or fewer
    than two patients) C is 0 / 0, undefined. Do not return a number for it: letting the
    division raise ZeroDivisionError (as the course's code does), raising ValueError, or
    returning float("nan") are all accepted.

    Example (4 permissible pairs: 3 concordant, 1 tied at 0.2, so C = 3.5 / 4):
        >>> cindex(np.array([0, 1, 1, 0]), np.array([0.2, 0.8, 0.2, 0.1]))
        0.875
    """
    raise NotImplementedError


def add_interactions(X: pd.DataFrame) -> pd.DataFrame:
    """Add one interaction feature per pair of columns: the product of the two.

    For columns A and B with A before B in X's column order, add a column named f"{A}_x_{B}"
    equal to X[A] * X[B]. Every unordered pair appears exactly once (no "B_x_A" besides
    "A_x_B", no "A_x_A" squares).

    Args:
        X: DataFrame of n patients x p numeric features (p >= 1). It must not be modified.

    Returns:
        A new DataFrame with the same index: the p original columns first (unchanged, same
        order), then the p * (p - 1) / 2 products in the order (col0, col1), (col0, col2), ...,
        (col0, col_{p-1}), (col1, col2), ..., (col_{p-2}, col_{p-1}).

    Example:
        >>> X = pd.DataFrame({"Age": [60.0, 70.0], "Systolic_BP": [130.0, 150.0], "Cholesterol": [200.0, 240.0]})
        >>> list(add_interactions(X).columns)
        ['Age', 'Systolic_BP', 'Cholesterol', 'Age_x_Systolic_BP', 'Age_x_Cholesterol', 'Systolic_BP_x_Cholesterol']
        >>> add_interactions(X)["Age_x_Systolic_BP"].tolist()
        [7800.0, 10500.0]
    """
    raise NotImplementedError
