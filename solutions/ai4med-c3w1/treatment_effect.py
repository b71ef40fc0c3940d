"""Treatment effect estimation from a randomized controlled trial (AI for Medical Treatment, Week 1)."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from autograde.datasets.trials import colon_cancer_trial  # noqa: F401 (given: a seeded synthetic trial)


# --- the trial as a whole ---------------------------------------------------------------------


def proportion_treated(df: pd.DataFrame) -> float:
    """Fraction of the trial's patients randomized to treatment (TRTMT true / 1)."""
    return float((df["TRTMT"] == 1).mean())


def event_rate(df: pd.DataFrame) -> tuple[float, float]:
    """(death rate among the treated, death rate among the controls)."""
    treated = df["TRTMT"] == 1
    treated_prob = df.loc[treated, "outcome"].mean()
    control_prob = df.loc[~treated, "outcome"].mean()
    return float(treated_prob), float(control_prob)


def extract_treatment_effect(lr, data: pd.DataFrame) -> tuple[float, float]:
    """The TRTMT coefficient of a fitted logistic regression (log odds ratio) and its odds ratio."""
    coefficients = dict(zip(data.columns, lr.coef_[0]))
    theta_TRTMT = float(coefficients["TRTMT"])
    TRTMT_OR = float(np.exp(theta_TRTMT))
    return theta_TRTMT, TRTMT_OR


def OR_to_ARR(p, OR):
    """Absolute risk reduction for a baseline risk p when treatment multiplies the odds by OR."""
    odds_baseline = p / (1 - p)
    odds_treated = OR * odds_baseline
    p_treated = odds_treated / (1 + odds_treated)
    return p - p_treated


# --- risk groups from a logistic model ----------------------------------------------------------


def base_risks(X: pd.DataFrame, lr_model) -> np.ndarray:
    """Each patient's predicted risk if NOT treated: TRTMT set to False on a copy of X."""
    X_untreated = X.copy()
    X_untreated["TRTMT"] = False
    return lr_model.predict_proba(X_untreated)[:, 1]


def lr_ARR_quantile(X: pd.DataFrame, y: pd.Series, lr) -> pd.Series:
    """Observed ARR (untreated death rate - treated death rate) in 10 equal-width bins of baseline risk,
    indexed by each bin's mean baseline risk (the course's pd.cut binning)."""
    baseline_risk = pd.Series(base_risks(X, lr), index=X.index, name="baseline_risk")
    risk_group = pd.cut(baseline_risk, 10)
    outcome = pd.Series(np.asarray(y), index=X.index)
    treated = X["TRTMT"] == 1
    untreated_rate = outcome[~treated].groupby(risk_group[~treated], observed=False).mean()
    treated_rate = outcome[treated].groupby(risk_group[treated], observed=False).mean()
    arr_by_risk_group = untreated_rate - treated_rate
    arr_by_risk_group.index = baseline_risk.groupby(risk_group, observed=False).mean()
    arr_by_risk_group.name = "ARR"
    return arr_by_risk_group


# --- C-for-benefit --------------------------------------------------------------------------------


def c_for_benefit_score(pairs) -> float:
    """C-for-benefit of matched pairs (untreated_patient, treated_patient), each patient (pred, y, ...)."""
    predicted = np.array([(untreated[0] + treated[0]) / 2 for untreated, treated in pairs])
    observed = np.array([int(untreated[1]) - int(treated[1]) for untreated, treated in pairs])
    first, second = np.triu_indices(len(predicted), k=1)  # every pair of pairs once
    permissible = observed[first] != observed[second]
    if not permissible.any():
        raise ValueError("no two pairs have a different observed benefit: C-for-benefit is undefined")
    predicted_order = np.sign(predicted[first] - predicted[second])[permissible]
    observed_order = np.sign(observed[first] - observed[second])[permissible]
    concordant = np.count_nonzero(predicted_order == observed_order)
    tied = np.count_nonzero(predicted_order == 0)
    return float((concordant + 0.5 * tied) / permissible.sum())


def c_statistic(pred_rr, y, w, random_seed: int = 0) -> float:
    """C-for-benefit of predicted risk reductions: match treated and untreated patients by rank."""
    random.seed(random_seed)
    patients = list(zip(pred_rr, y, w))
    untreated = [patient for patient in patients if not patient[2]]
    treated = [patient for patient in patients if patient[2]]
    # one partner each: subsample the larger arm, without replacement
    if len(treated) < len(untreated):
        untreated = random.sample(untreated, len(treated))
    elif len(untreated) < len(treated):
        treated = random.sample(treated, len(untreated))
    untreated = sorted(untreated, key=lambda patient: patient[0])
    treated = sorted(treated, key=lambda patient: patient[0])
    pairs = list(zip(untreated, treated))  # ((pred, y, w) untreated, (pred, y, w) treated)
    return c_for_benefit_score(pairs)


# --- meta-learners ----------------------------------------------------------------------------------


class TLearner:
    """Two models: one fitted on treated patients, one on controls; benefit = control risk - treated risk."""

    def __init__(self, treatment_estimator, control_estimator):
        self.treatment_estimator = treatment_estimator
        self.control_estimator = control_estimator

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        risk_treatment = self.treatment_estimator.predict_proba(X)[:, 1]
        risk_control = self.control_estimator.predict_proba(X)[:, 1]
        return risk_control - risk_treatment


class SLearner:
    """One model with TRTMT as a feature; benefit = its risk with TRTMT off - its risk with TRTMT on."""

    def __init__(self, estimator):
        self.estimator = estimator

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        X_off = X.copy()
        X_off["TRTMT"] = False
        X_on = X.copy()
        X_on["TRTMT"] = True
        risk_off = self.estimator.predict_proba(X_off)[:, 1]
        risk_on = self.estimator.predict_proba(X_on)[:, 1]
        return risk_off - risk_on


def treatment_dataset_split(X_train: pd.DataFrame, y_train: pd.Series, X_val: pd.DataFrame, y_val: pd.Series):
    """Treated and control subsets of a training and a validation set, without the TRTMT column."""
    treated_train = X_train["TRTMT"] == 1
    treated_val = X_val["TRTMT"] == 1

    X_treat_train = X_train[treated_train].drop(columns="TRTMT")
    y_treat_train = y_train[treated_train]
    X_treat_val = X_val[treated_val].drop(columns="TRTMT")
    y_treat_val = y_val[treated_val]

    X_control_train = X_train[~treated_train].drop(columns="TRTMT")
    y_control_train = y_train[~treated_train]
    X_control_val = X_val[~treated_val].drop(columns="TRTMT")
    y_control_val = y_val[~treated_val]

    return (
        X_treat_train, y_treat_train, X_treat_val, y_treat_val,
        X_control_train, y_control_train, X_control_val, y_control_val,
    )
