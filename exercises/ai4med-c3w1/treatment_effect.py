"""Treatment effect estimation from a randomized controlled trial (AI for Medical Treatment, Week 1).

Clinical setting: after surgery for stage III colon cancer (cancer in the lymph nodes), does
adjuvant chemotherapy (levamisole + 5-fluorouracil) save lives, by how much, and for whom? In a
randomized controlled trial (RCT) a coin decides who is treated, so the two arms differ only by
the treatment: comparing them estimates its effect. You go from the whole trial to the individual:
1. `proportion_treated`, `event_rate`: describe the trial (how many treated, 5-year death rate per arm);
2. `extract_treatment_effect`, `OR_to_ARR`: read the treatment's odds ratio off a logistic
   regression and turn it into an absolute risk reduction (ARR) for a patient with baseline risk p;
3. `base_risks`, `lr_ARR_quantile`: each patient's risk if untreated, and the observed ARR in
   10 groups of that risk (does the benefit grow with the risk?);
4. `c_for_benefit_score`, `c_statistic`: the C-for-benefit, which measures how well predicted
   risk reductions rank the benefit actually observed in matched treated/untreated pairs;
5. `TLearner`, `SLearner`, `treatment_dataset_split`: two meta-learners that predict each
   patient's risk reduction.

The table (columns and meaning: see `colon_cancer_trial`): `TRTMT` is True (or 1) for the patients
randomized to chemotherapy, False (or 0) for observation; `outcome` is 1 if the patient died
within 5 years, 0 if alive. `colon_cancer_trial` gives you a seeded synthetic trial to try your code on:

    from sklearn.linear_model import LogisticRegression
    data = colon_cancer_trial(1000, seed=0)
    X, y = data.drop(columns="outcome"), data["outcome"]
    lr = LogisticRegression(solver="newton-cholesky").fit(X, y)
    theta, OR = extract_treatment_effect(lr, X)                  # about -0.75 and 0.47
    print(lr_ARR_quantile(X, y, lr))                             # 10 risk groups, mostly positive ARR
    pred_rr = SLearner(lr).predict(X)
    print(c_statistic(pred_rr, y.to_numpy(), X["TRTMT"].to_numpy()))

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import random  # noqa: F401 (c_statistic uses random.seed and random.sample)

import numpy as np
import pandas as pd

from autograde.datasets.trials import colon_cancer_trial  # noqa: F401 (given: a seeded synthetic trial)


# --- the trial as a whole ---------------------------------------------------------------------


def proportion_treated(df: pd.DataFrame) -> float:
    """Fraction of the trial's patients who were randomized to treatment.

    Args:
        df: one row per patient with a column `TRTMT`: bool (True = treated) or int 0/1
            (1 = treated). Other columns are ignored. At least one row. Not modified.

    Returns:
        (number of patients with TRTMT true / 1) / (number of patients), a float in [0, 1].

    Example:
        >>> df = pd.DataFrame({"TRTMT": [True, True, False, False, False], "outcome": [0, 1, 1, 1, 0]})
        >>> proportion_treated(df)
        0.4
    """
    raise NotImplementedError


def event_rate(df: pd.DataFrame) -> tuple[float, float]:
    """The event (5-year death) rate in each arm of the trial.

    Args:
        df: one row per patient with columns `TRTMT` (bool, or int 0/1; true/1 = treated) and
            `outcome` (int 0/1; 1 = died within 5 years). Both arms have at least one patient.
            Not modified.

    Returns:
        (treated_prob, control_prob), a tuple of two floats in this order:
        treated_prob = deaths among treated patients / number of treated patients,
        control_prob = deaths among control patients / number of control patients.
        (Each is a rate WITHIN its arm, not a share of all patients.)

    Example:
        >>> df = pd.DataFrame({"TRTMT": [True, True, False, False, False], "outcome": [0, 1, 1, 1, 0]})
        >>> event_rate(df)
        (0.5, 0.6666666666666666)
    """
    raise NotImplementedError


def extract_treatment_effect(lr, data: pd.DataFrame) -> tuple[float, float]:
    """The treatment's coefficient in a fitted logistic regression, and its odds ratio.

    The model says log(odds of death) = intercept + ... + theta * TRTMT + ..., so treatment
    multiplies the odds of death by OR = exp(theta) (OR < 1: treatment protects).

    Args:
        lr: a fitted `sklearn.linear_model.LogisticRegression` (lr.coef_ has shape (1, p)).
        data: the DataFrame of the p features it was fitted on, columns in the order of the fit;
            one of them is named "TRTMT", at any position (find it by name, not by position).

    Returns:
        (theta, OR): a tuple of two floats, theta = the coefficient of TRTMT (a log odds ratio)
        and OR = exp(theta), the odds ratio.

    Example:
        >>> from sklearn.linear_model import LogisticRegression
        >>> data = colon_cancer_trial(1000, seed=0)
        >>> X, y = data.drop(columns="outcome"), data["outcome"]
        >>> lr = LogisticRegression(solver="newton-cholesky").fit(X, y)
        >>> theta, OR = extract_treatment_effect(lr, X)
        >>> round(theta, 3), round(OR, 3)
        (-0.751, 0.472)
    """
    raise NotImplementedError


def OR_to_ARR(p, OR):
    """Absolute risk reduction (ARR) for a patient with baseline risk p, given the odds ratio OR.

    The untreated odds are p / (1 - p); treatment multiplies them by OR, so the treated risk is
        p_treated = OR * p / (1 - p + OR * p)
    and ARR = p - p_treated (positive when treatment lowers the risk, i.e. OR < 1; negative when
    it harms, OR > 1; zero when OR = 1). The same OR gives a larger ARR to a patient at higher risk.

    Args:
        p: baseline (untreated) risk, 0 < p < 1: a float, or a numpy array of them.
        OR: odds ratio of treatment, OR > 0: a float, or a numpy array broadcastable with p.

    Returns:
        The ARR (a probability difference, between -1 and 1): a float when p and OR are floats,
        a numpy array (the broadcast shape, elementwise) when either is an array.

    Example:
        >>> round(OR_to_ARR(0.4, 0.5), 4)        # odds 2/3 -> 1/3, risk 40 % -> 25 %
        0.15
        >>> OR_to_ARR(np.array([0.1, 0.5]), 0.6).round(4)
        array([0.0375, 0.125 ])
    """
    raise NotImplementedError


# --- risk groups from a logistic model ----------------------------------------------------------


def base_risks(X: pd.DataFrame, lr_model) -> np.ndarray:
    """Each patient's predicted risk of death IF UNTREATED (the baseline risk).

    On a copy of X, set the column TRTMT to False (0) for every patient, then take the model's
    predicted probability of the event: `lr_model.predict_proba(X_copy)[:, 1]`. Patients who were
    treated in the trial get the risk they would have had without treatment.

    Args:
        X: features of n patients (the columns the model was fitted on, including TRTMT).
            It must not be modified (its TRTMT column still says who was treated).
        lr_model: a fitted scikit-learn classifier with predict_proba and classes [0, 1].

    Returns:
        numpy float array of shape (n,), the baseline risks in X's row order.

    Example (lr, X as in the `extract_treatment_effect` example):
        >>> base_risks(X.iloc[:3], lr).round(3)
        array([0.613, 0.647, 0.901])
    """
    raise NotImplementedError


def lr_ARR_quantile(X: pd.DataFrame, y: pd.Series, lr) -> pd.Series:
    """The observed absolute risk reduction in 10 groups of baseline risk (the course's definition).

    1. baseline_risk = base_risks(X, lr) for every patient (TRTMT off on a copy).
    2. Risk groups: `pd.cut(baseline_risk, 10)` — 10 bins of EQUAL WIDTH between the smallest
       and the largest baseline risk, as the course does (not pd.qcut: the groups do not hold
       equal numbers of patients).
    3. In each group: ARR = mean outcome of its UNTREATED patients (TRTMT false / 0)
       minus mean outcome of its TREATED patients (TRTMT true / 1). Positive = treatment helps.
    4. Index the result by each group's MEAN baseline risk, over all its patients (treated and
       untreated), so that it can be plotted against OR_to_ARR(baseline risk, OR).

    Args:
        X: features of n patients including TRTMT; every one of the 10 bins holds patients of
            both arms (the course leaves empty or one-armed bins undefined). Not modified.
        y: pandas Series of the n outcomes (1 = died within 5 years), same index as X. Not modified.
        lr: the fitted logistic regression (features including TRTMT).

    Returns:
        A pandas Series of 10 floats (the ARRs), from the lowest risk group to the highest, whose
        index holds the 10 groups' mean baseline risks (floats, increasing). The names of the
        Series and of its index are not graded (the course's are "ARR" and "baseline_risk").

    Example (lr, X, y as in the `extract_treatment_effect` example):
        >>> arr = lr_ARR_quantile(X, y, lr)
        >>> arr.round(3).iloc[:3]
        baseline_risk
        0.219945    0.200
        0.298829    0.107
        0.376571    0.244
        Name: ARR, dtype: float64
    """
    raise NotImplementedError


# --- C-for-benefit --------------------------------------------------------------------------------


def c_for_benefit_score(pairs) -> float:
    """C-for-benefit of matched pairs, by the course's rules.

    Each element of `pairs` is one untreated patient matched with one treated patient, in the
    course's layout:
        (untreated_patient, treated_patient), each patient a tuple (pred, y) or (pred, y, w)
    with the patient's predicted risk reduction `pred` (a float) at index 0 and outcome `y`
    (0/1, 1 = died) at index 1; anything after index 1 (c_statistic passes the treatment flag w)
    is ignored. For each pair:
        predicted benefit = mean of the two predictions, (pred_untreated + pred_treated) / 2;
        observed benefit  = y_untreated - y_treated: 1 (only the untreated patient died: the
                            treatment helped), -1 (only the treated one died), 0 (same outcome).
    Over every two pairs i < j:
        - PERMISSIBLE when their observed benefits differ; other couples are ignored;
        - a permissible couple is CONCORDANT (counts 1) when the one with the higher observed
          benefit also has the strictly higher predicted benefit, a TIE (counts 1/2) when the
          predicted benefits are equal, discordant (counts 0) otherwise.
        C = (concordant + 0.5 * ties) / permissible.

    Args:
        pairs: a list (or tuple) of m such pairs (a pair's position does not matter). Not modified.

    Returns:
        C as a float in [0, 1].

    Raises:
        ValueError: when no couple is permissible (every pair has the same observed benefit, or
        m < 2). (The course's code divides by 0 there: a ZeroDivisionError is accepted too.)

    Example (5 permissible couples: 3 concordant, 2 tied at a predicted benefit of 0.125 or 0.25,
    so C = (3 + 0.5 * 2) / 5):
        >>> pairs = [((0.25, 1), (0.25, 0)), ((0.125, 1), (0.125, 1)),
        ...          ((0.0, 0), (0.25, 1)), ((0.5, 0), (0.0, 0))]
        >>> c_for_benefit_score(pairs)
        0.8
    """
    raise NotImplementedError


def c_statistic(pred_rr, y, w, random_seed: int = 0) -> float:
    """C-for-benefit of predicted risk reductions: matches treated and untreated patients by rank.

    Exactly the course's procedure (so that the same seed gives the same pairs):
    1. `random.seed(random_seed)` (Python's `random` module, not numpy).
    2. Each patient is the tuple (pred_rr[i], y[i], w[i]) (e.g. `list(zip(pred_rr, y, w))`);
       `untreated` = the list of those with w false / 0 and `treated` = those with w true / 1,
       each in the input order.
    3. If there are more untreated than treated patients,
       `untreated = random.sample(untreated, len(treated))`; if there are more treated,
       `treated = random.sample(treated, len(untreated))`; equal sizes: no sampling.
    4. Sort each list by predicted risk reduction, ascending (`sorted(..., key=lambda p: p[0])`).
    5. Match the k-th untreated with the k-th treated patient: pair k is
       (untreated[k], treated[k]), i.e. ((pred, y, w) of the untreated, (pred, y, w) of the treated)
       — `zip(untreated, treated)`.
    6. Return c_for_benefit_score(pairs) (call your function: do not recompute it inline).

    Args:
        pred_rr: 1-D numpy array of n predicted risk reductions (e.g. TLearner.predict).
        y: 1-D numpy array of the n outcomes (0/1, 1 = died).
        w: 1-D numpy array of the n treatment flags (bool or 0/1, true/1 = treated).
        random_seed: seed for the subsampling of the larger arm (default 0).
        None of the arrays is modified.

    Returns:
        The C-for-benefit, a float in [0, 1].

    Example (5 treated, 3 untreated: 3 of the treated are drawn, which ones depends on the seed):
        >>> pred_rr = np.array([0.10, 0.02, 0.25, 0.15, 0.05, 0.30, 0.20, 0.08])
        >>> y = np.array([0, 0, 1, 1, 1, 0, 0, 1])
        >>> w = np.array([1, 0, 1, 0, 0, 1, 1, 1])
        >>> c_statistic(pred_rr, y, w), c_statistic(pred_rr, y, w, random_seed=1)
        (1.0, 0.6666666666666666)
    """
    raise NotImplementedError


# --- meta-learners ----------------------------------------------------------------------------------


class TLearner:
    """T-learner ("two models"): one risk model fitted on treated patients, one on controls.

    Args:
        treatment_estimator: a fitted classifier (predict_proba, classes [0, 1]) trained on the
            TREATED patients only (without the TRTMT column).
        control_estimator: the same, trained on the CONTROL patients only.
    Store them as `self.treatment_estimator` and `self.control_estimator`.
    """

    def __init__(self, treatment_estimator, control_estimator):
        raise NotImplementedError

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Predicted risk reduction of each patient: risk if untreated - risk if treated.

        risk_control = control_estimator.predict_proba(X)[:, 1],
        risk_treatment = treatment_estimator.predict_proba(X)[:, 1],
        return risk_control - risk_treatment (positive = the treatment is predicted to help).

        Args:
            X: features of n patients, the columns both estimators were fitted on (no TRTMT).

        Returns:
            numpy float array of shape (n,).

        Example (two models that predict the same risk for everybody):
            >>> class ConstantRisk:
            ...     def __init__(self, risk): self.risk = risk
            ...     def predict_proba(self, X):
            ...         return np.column_stack([np.full(len(X), 1 - self.risk), np.full(len(X), self.risk)])
            >>> TLearner(ConstantRisk(0.30), ConstantRisk(0.45)).predict(pd.DataFrame({"age": [60, 70]}))
            array([0.15, 0.15])
        """
        raise NotImplementedError


class SLearner:
    """S-learner ("single model"): one risk model with the treatment TRTMT among its features.

    Args:
        estimator: a fitted classifier (predict_proba, classes [0, 1]) trained on all patients
            with TRTMT as one of its features. Store it as `self.estimator`.
    """

    def __init__(self, estimator):
        raise NotImplementedError

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Predicted risk reduction of each patient: the model's risk with TRTMT off minus with TRTMT on.

        On one copy of X set TRTMT to False (0) for everybody, on another to True (1);
        return estimator.predict_proba(off)[:, 1] - estimator.predict_proba(on)[:, 1].
        The TRTMT value a patient actually had does not matter.

        Args:
            X: features of n patients, the columns the estimator was fitted on (with TRTMT).
                It must not be modified.

        Returns:
            numpy float array of shape (n,).

        Example (lr, X as in the `extract_treatment_effect` example):
            >>> SLearner(lr).predict(X.iloc[:3]).round(3)
            array([0.185, 0.183, 0.09 ])
        """
        raise NotImplementedError


def treatment_dataset_split(X_train: pd.DataFrame, y_train: pd.Series, X_val: pd.DataFrame, y_val: pd.Series):
    """Split a training and a validation set into their treated and control patients (for a T-learner).

    Treated = rows with TRTMT true / 1, control = rows with TRTMT false / 0. The TRTMT column is
    dropped from every X part (it is constant within an arm); the other columns keep their order;
    rows keep their order and index (patient ids); each y part holds the outcomes of exactly the
    rows of its X part.

    Args:
        X_train, X_val: features with a TRTMT column. y_train, y_val: pandas Series of outcomes
            with the same index as X_train and X_val. None of them is modified.

    Returns:
        The course's 8-tuple, in this order:
        (X_treat_train, y_treat_train, X_treat_val, y_treat_val,
         X_control_train, y_control_train, X_control_val, y_control_val)
        X parts are DataFrames, y parts are Series.

    Example:
        >>> X_train = pd.DataFrame({"age": [55, 63, 71, 48], "nodes": [2, 6, 1, 3],
        ...                         "TRTMT": [True, False, True, False]}, index=[101, 102, 103, 104])
        >>> y_train = pd.Series([0, 1, 1, 0], index=X_train.index)
        >>> X_val = pd.DataFrame({"age": [66, 59], "nodes": [5, 1], "TRTMT": [False, True]}, index=[201, 202])
        >>> y_val = pd.Series([1, 0], index=X_val.index)
        >>> parts = treatment_dataset_split(X_train, y_train, X_val, y_val)
        >>> parts[0]
             age  nodes
        101   55      2
        103   71      1
        >>> parts[4].index.tolist(), parts[5].tolist()
        ([102, 104], [1, 0])
    """
    raise NotImplementedError
