"""ai4med-c3w1 written the way the course's notebook has learners write it (a second reference).

Plain loops and the course's idioms: sum() over boolean Series, a dict of coefficients, a deep
copy with TRTMT set to False, pd.cut binning with the index set to each group's mean baseline
risk, the course's pair layout (untreated_patient, treated_patient) of (pred, y, w) tuples made
with zip, filter and sorted, and Python's random for the subsampling. It must get full marks:
the graders keep the course's contract.
"""

import random

import numpy as np
import pandas as pd


def proportion_treated(df):
    proportion = sum(df.TRTMT == 1) / len(df.TRTMT)
    return proportion


def event_rate(df):
    treated_prob = sum((df.TRTMT == 1) & (df.outcome == 1)) / sum(df.TRTMT == 1)
    control_prob = sum((df.TRTMT == 0) & (df.outcome == 1)) / sum(df.TRTMT == 0)
    return treated_prob, control_prob


def extract_treatment_effect(lr, data):
    coeffs = {data.columns[i]: lr.coef_[0][i] for i in range(len(data.columns))}
    theta_TRTMT = coeffs["TRTMT"]
    TRTMT_OR = np.exp(theta_TRTMT)
    return theta_TRTMT, TRTMT_OR


def OR_to_ARR(p, OR):
    odds_baseline = p / (1 - p)
    odds_trtmt = OR * odds_baseline
    p_trtmt = odds_trtmt / (1 + odds_trtmt)
    ARR = p - p_trtmt
    return ARR


def base_risks(X, lr_model):
    X = X.copy(deep=True)
    X.TRTMT = False
    risks = lr_model.predict_proba(X)[:, 1]
    return risks


def lr_ARR_quantile(X, y, lr):
    X = X.copy(deep=True)
    df = X.copy(deep=True)
    baseline_risk = base_risks(df.copy(deep=True), lr)
    risk_groups = pd.cut(baseline_risk, 10)

    df.loc[:, "baseline_risk"] = baseline_risk
    df.loc[:, "risk_group"] = risk_groups
    df.loc[:, "y"] = y

    df_baseline = df[df.TRTMT == False]  # noqa: E712 (the course's spelling)
    df_treatment = df[df.TRTMT == True]  # noqa: E712
    baseline_mean_by_risk_group = df_baseline.groupby("risk_group")["y"].mean()
    treatment_mean_by_risk_group = df_treatment.groupby("risk_group")["y"].mean()

    arr_by_risk_group = baseline_mean_by_risk_group - treatment_mean_by_risk_group
    arr_by_risk_group.index = df.groupby("risk_group")["baseline_risk"].mean()
    arr_by_risk_group.name = "ARR"
    return arr_by_risk_group


def c_for_benefit_score(pairs):
    obs_benefit_dict = {
        (0, 0): 0,
        (0, 1): -1,
        (1, 0): 1,
        (1, 1): 0,
    }
    obs_benefit = [obs_benefit_dict[(i[1], j[1])] for (i, j) in pairs]
    pred_benefit = [np.mean([i[0], j[0]]) for (i, j) in pairs]

    concordant_count, permissible_count, risk_tie_count = 0, 0, 0
    for i in range(len(pairs)):
        for j in range(i + 1, len(pairs)):
            if obs_benefit[i] != obs_benefit[j]:
                permissible_count = permissible_count + 1
                if (pred_benefit[i] > pred_benefit[j] and obs_benefit[i] > obs_benefit[j]) or (
                    pred_benefit[i] < pred_benefit[j] and obs_benefit[i] < obs_benefit[j]
                ):
                    concordant_count = concordant_count + 1
                if pred_benefit[i] == pred_benefit[j]:
                    risk_tie_count = risk_tie_count + 1

    cstat = (concordant_count + (0.5 * risk_tie_count)) / permissible_count
    return cstat


def c_statistic(pred_rr, y, w, random_seed=0):
    assert len(pred_rr) == len(w) == len(y)
    random.seed(random_seed)

    tuples = list(zip(pred_rr, y, w))
    untreated = list(filter(lambda x: x[2] == 0, tuples))
    treated = list(filter(lambda x: x[2] == 1, tuples))

    if len(treated) < len(untreated):
        untreated = random.sample(untreated, len(treated))
    if len(untreated) < len(treated):
        treated = random.sample(treated, len(untreated))
    assert len(untreated) == len(treated)

    untreated = sorted(untreated, key=lambda x: x[0])
    treated = sorted(treated, key=lambda x: x[0])
    pairs = tuple(zip(untreated, treated))

    cstat = c_for_benefit_score(pairs)
    return cstat


class TLearner:
    def __init__(self, treatment_estimator, control_estimator):
        self.treatment_estimator = treatment_estimator
        self.control_estimator = control_estimator

    def predict(self, X):
        risk_control = self.control_estimator.predict_proba(X)[:, 1]
        risk_treatment = self.treatment_estimator.predict_proba(X)[:, 1]
        pred_risk_reduction = risk_control - risk_treatment
        return pred_risk_reduction


class SLearner:
    # not one of the course's exercises: written in the notebook's treatment_control / risk_reduction style
    def __init__(self, estimator):
        self.estimator = estimator

    def predict(self, X):
        X_treatment = X.copy(deep=True)
        X_control = X.copy(deep=True)
        X_treatment.loc[:, "TRTMT"] = 1
        X_control.loc[:, "TRTMT"] = 0
        treatment_risk = self.estimator.predict_proba(X_treatment)[:, 1]
        control_risk = self.estimator.predict_proba(X_control)[:, 1]
        return control_risk - treatment_risk


def treatment_dataset_split(X_train, y_train, X_val, y_val):
    X_treat_train = X_train[X_train.TRTMT == 1]
    X_treat_train = X_treat_train.drop("TRTMT", axis=1)
    y_treat_train = y_train[X_train.TRTMT == 1]

    X_treat_val = X_val[X_val.TRTMT == 1]
    X_treat_val = X_treat_val.drop("TRTMT", axis=1)
    y_treat_val = y_val[X_val.TRTMT == 1]

    X_control_train = X_train[X_train.TRTMT == 0]
    X_control_train = X_control_train.drop("TRTMT", axis=1)
    y_control_train = y_train[X_train.TRTMT == 0]

    X_control_val = X_val[X_val.TRTMT == 0]
    X_control_val = X_control_val.drop("TRTMT", axis=1)
    y_control_val = y_val[X_val.TRTMT == 0]

    return (X_treat_train, y_treat_train, X_treat_val, y_treat_val,
            X_control_train, y_control_train, X_control_val, y_control_val)
