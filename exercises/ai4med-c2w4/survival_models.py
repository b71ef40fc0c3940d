"""Cox proportional hazards and random survival forests (AI for Medical Prognosis, Week 4).

A cohort is a pandas DataFrame with one row per patient: covariates, a follow-up time in days
and an event indicator (1 = the patient's death was observed at that time, 0 = the patient was
censored then: lost to follow-up or alive at the end of the study). Two cohorts are given:

    load_veterans()          the VA lung cancer trial (137 men, bundled with scikit-survival):
                             Age_in_years, Celltype, Karnofsky_score, Months_from_Diagnosis,
                             Prior_therapy, Treatment, time (days), status (1 = death)
    heart_failure_cohort(n)  seeded synthetic heart-failure patients: Age, Sex, NYHA_class,
                             Ejection_fraction (%), Creatinine (mg/dL), time (days), status;
                             times rounded up to whole weeks, so patients share days

You will one-hot encode the categorical covariates, fit a Cox proportional-hazards model,
compare two patients with a hazard ratio, measure how well risk scores rank patients with
Harrell's C-index, and train a random survival forest.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from lifelines import CoxPHFitter
from sksurv.ensemble import RandomSurvivalForest

from autograde.datasets.survival_cohorts import heart_failure_cohort, load_veterans  # noqa: F401 (given data)


def to_one_hot(dataframe: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One-hot encode the categorical columns `columns` of `dataframe` (a Cox model needs numbers).

    Use pandas.get_dummies(dataframe, columns=columns, drop_first=True, dtype=np.float64); the
    result is exactly that frame:
      - every column NOT in `columns` is kept unchanged (same values, same dtype), in its
        original order, first;
      - then, for each name in `columns` IN THE ORDER OF THE LIST, that column is replaced by
        one indicator column per category EXCEPT THE FIRST (drop_first=True: the first category
        is the reference level, and keeping all k indicators would make them sum to 1, which is
        collinear with the Cox model's baseline hazard). Categories are in sorted order, or in
        their declared order for a pandas Categorical (unobserved declared categories included);
      - an indicator column is named "<column>_<category>" (e.g. "Celltype_large",
        "NYHA_class_2") and holds 1.0 or 0.0 with dtype float64 (pandas' default would be bool);
      - the index (patient ids) is kept; the input frame is not modified.

    Args:
        dataframe: a cohort; the listed columns hold categories (strings, integer codes or a
            pandas Categorical).
        columns: names of the columns to encode (a list of str, possibly in a different order
            than in the frame).

    Returns:
        a new pandas DataFrame, same index, columns as described above.

    Example:
        >>> df = pd.DataFrame({"Sex": ["F", "M", "M"], "Age": [71, 64, 58], "NYHA_class": [2, 1, 3]})
        >>> to_one_hot(df, ["NYHA_class", "Sex"])
           Age  NYHA_class_2  NYHA_class_3  Sex_M
        0   71           1.0           0.0    0.0
        1   64           0.0           0.0    1.0
        2   58           0.0           1.0    1.0
    """
    raise NotImplementedError


def fit_cox(df: pd.DataFrame, duration_col: str, event_col: str, penalizer: float = 0.0) -> CoxPHFitter:
    """Fit a Cox proportional-hazards model with lifelines and return it.

    The model is lifelines.CoxPHFitter(penalizer=penalizer) (no penalty by default: the plain
    maximum partial-likelihood fit; other settings at lifelines' defaults) fitted with
    .fit(df, duration_col=duration_col, event_col=event_col). Every column of `df` except
    `duration_col` and `event_col` is a covariate, so `df` must be all numbers (one-hot encode
    first). Tied times are handled by lifelines (Efron's method). `df` is not modified.

    Args:
        df: a numeric cohort: covariates, a duration column (days > 0) and an event column
            (1 = death observed, 0 = censored).
        duration_col: name of the duration column (not always "time").
        event_col: name of the event column (not always "status").
        penalizer: the L2 penalty passed to CoxPHFitter; 0.0 unless asked otherwise.

    Returns:
        the fitted CoxPHFitter itself. Its .params_ (a pandas Series indexed by covariate name,
        in the column order of df) holds the coefficients theta; .hazard_ratios_ holds exp(theta).

    Example:
        >>> veterans = to_one_hot(load_veterans(), ["Celltype", "Prior_therapy", "Treatment"])
        >>> cph = fit_cox(veterans, "time", "status")
        >>> round(cph.params_["Karnofsky_score"], 4)       # each performance point lowers the hazard
        -0.0328
    """
    raise NotImplementedError


def hazard_ratio(case_1: np.ndarray, case_2: np.ndarray, cox_params: np.ndarray) -> float:
    """Hazard ratio of patient 1 to patient 2 under a Cox model with coefficients theta.

    With lambda_k(t) = lambda_0(t) * exp(theta . x_k) the baseline hazard cancels:
        lambda_1(t) / lambda_2(t) = exp(theta . (x_1 - x_2)) = exp(sum_i theta_i * (x_1i - x_2i)).
    A ratio above 1 means patient 1 is at higher risk at every time; exactly 1 for two patients
    with the same covariates.

    Args:
        case_1, case_2: the two patients' covariates, 1-d numpy float arrays of length d (e.g.
            a row of the one-hot frame without time and status: row.to_numpy()).
        cox_params: the model's coefficients theta, a 1-d numpy array of length d in the same
            covariate order (e.g. cph.params_.to_numpy()).

    Returns:
        a float (a Python float or a numpy float64 scalar; not an array), > 0.

    Example:
        >>> hazard_ratio(np.array([70.0, 1.0]), np.array([60.0, 0.0]), np.array([0.03, 0.25]))
        1.7332530178673953
        (exp(0.03 * 10 + 0.25 * 1): ten years older and male.)
    """
    raise NotImplementedError


def harrell_c(y_true, scores, event) -> float:
    """Harrell's C-index of risk scores for censored survival data, with the course's rules.

    A risk score is higher for a patient expected to die sooner. Look at every unordered pair of
    two different patients {i, j} once. The pair is PERMISSIBLE when we know who should have the
    higher risk, and then it earns 1, 1/2 or 0:
      - both deaths observed (event 1 and 1): permissible, whatever their times;
      - one death observed (patient u, at y_true[u]) and one censored (patient c): permissible
        only if y_true[c] >= y_true[u]. Being censored at t means being alive THROUGH t, so a
        patient censored on the very day of the other's death outlived them: that pair counts.
        If c was censored strictly before u's death we cannot know who died first: not
        permissible;
      - both censored: never permissible.
    A permissible pair earns
      1    (concordant) if the patient who died first (the shorter y_true; in the mixed case,
           always u) has the strictly higher score;
      1/2  if the two scores are exactly equal (==), whatever the times (a tie in risk);
      0    otherwise - including two deaths on the same day with different scores: neither
           died first, so neither ordering is concordant (the course's rule).
    Harrell's C = (number of concordant pairs + 0.5 * number of tied-score pairs) / number of
    permissible pairs: 1.0 is a perfect ranking, 0.5 is chance.

    Libraries differ: lifelines.utils.concordance_index(y_true, -scores, event) (lifelines wants
    predicted survival times, hence the minus sign) and scikit-survival's
    concordance_index_censored(event, y_true, scores) give the same value as long as no two
    deaths fall on the same day; they leave such pairs out, the course counts them.

    Args:
        y_true: follow-up times in days (death or censoring), a list or 1-d numpy array, length n.
        scores: risk scores (higher = higher risk, e.g. a Cox partial hazard), same length.
        event: 1 / True if the death was observed at y_true, 0 / False if censored, same length.

    Returns:
        Harrell's C as a float in [0, 1].

    Undefined case: with no permissible pair (e.g. every patient is censored) C is 0 / 0,
    undefined. Do not return a number for it: letting the division raise ZeroDivisionError (as
    the course's code does), raising ValueError, or returning float("nan") are all accepted.

    Example:
        >>> harrell_c([30, 30, 20, 20], [10, 5, 15, 20], [1, 0, 1, 0])
        0.75
        (Permissible: {0,1} censored on the day 0 died, 10 > 5: concordant; {0,2} both died,
         2 first and 15 > 10: concordant; {1,2} 2 died before 1 was censored, 15 > 5:
         concordant; {2,3} 3 censored on the day 2 died, 15 < 20: discordant. {0,3}: 3 was
         censored before 0 died; {1,3}: both censored. C = 3 / 4.)
    """
    raise NotImplementedError


def rsf_risk(
    X_train: pd.DataFrame,
    y_train: np.ndarray,
    X_test: pd.DataFrame,
    n_estimators: int = 100,
    random_state: int = 0,
) -> np.ndarray:
    """Train a random survival forest on the training patients and score the test patients.

    The forest is sksurv.ensemble.RandomSurvivalForest(n_estimators=n_estimators,
    random_state=random_state) with every other setting at scikit-survival's defaults, fitted
    with .fit(X_train, y_train). Its .predict(X_test) is a RISK score: for each test patient,
    the forest's cumulative hazard summed over the training event times (roughly, the expected
    number of deaths): higher means a higher risk of dying sooner, as harrell_c expects. (Do not
    return a survival time or a survival probability: those are higher for LOWER risk.)

    Args:
        X_train: numeric covariates of the training patients (one-hot encoded), n_train rows.
        y_train: their outcomes as scikit-survival's structured array, e.g.
            sksurv.util.Surv.from_arrays(event=status == 1, time=time) or
            Surv.from_dataframe("status", "time", df): a boolean event field then a time field.
        X_test: the same covariate columns for the held-out patients, n_test rows.
        n_estimators: number of trees (100 by default).
        random_state: seed of the forest's randomness (0 by default), for reproducible scores.

    Returns:
        a 1-d numpy float array of length n_test: the test patients' risk scores, in the row
        order of X_test.

    Example:
        >>> df = to_one_hot(load_veterans(), ["Celltype", "Prior_therapy", "Treatment"])
        >>> train, test = df.iloc[::2], df.iloc[1::2]
        >>> from sksurv.util import Surv
        >>> y_train = Surv.from_dataframe("status", "time", train)
        >>> risk = rsf_risk(train.drop(columns=["time", "status"]), y_train,
        ...                 test.drop(columns=["time", "status"]), n_estimators=50)
        >>> risk.shape
        (68,)
        >>> harrell_c(test["time"].to_numpy(), risk, test["status"].to_numpy()) > 0.6
        True
    """
    raise NotImplementedError
