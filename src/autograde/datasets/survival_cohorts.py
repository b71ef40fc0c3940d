"""Survival cohorts: one row per patient, covariates plus follow-up ``time`` (days) and ``status``.

``status`` is 1 if the patient's death was observed at ``time`` and 0 if the patient was censored
then (lost to follow-up, or alive when the study ended). Two sources:

- ``load_veterans()``: the Veterans' Administration lung cancer trial bundled with
  scikit-survival (no download);
- ``heart_failure_cohort(...)``: a seeded synthetic cohort of patients with chronic heart
  failure whose deaths follow a Cox proportional-hazards model, with administrative censoring
  and loss to follow-up; times are rounded up to whole weeks by default, so several patients
  share a day (deaths with deaths, deaths with censorings).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

VETERANS_CATEGORICAL = ["Celltype", "Prior_therapy", "Treatment"]
HEART_FAILURE_CATEGORICAL = ["NYHA_class", "Sex"]

# True log hazard ratios of the synthetic heart-failure cohort (per unit of each covariate).
HEART_FAILURE_LOG_HR = {
    "Age": 0.03,  # per year
    "Sex_M": 0.25,
    "NYHA_class_2": 0.4,
    "NYHA_class_3": 0.9,
    "NYHA_class_4": 1.5,
    "Ejection_fraction": -0.03,  # per percentage point of left-ventricular ejection fraction
    "log_Creatinine": 0.8,  # per unit of log(serum creatinine in mg/dL)
}


def load_veterans() -> pd.DataFrame:
    """The Veterans' Administration lung cancer trial (Kalbfleisch & Prentice), 137 men.

    Columns, in this order:
        Age_in_years           float, years
        Celltype               categorical: adeno, large, smallcell, squamous (tumour histology)
        Karnofsky_score        float, 0-100 (performance status: 100 = normal, 10 = moribund)
        Months_from_Diagnosis  float, months
        Prior_therapy          categorical: no, yes
        Treatment              categorical: standard, test (the trial's two chemotherapy arms)
        time                   float, days from randomization to death or censoring
        status                 int, 1 = death observed, 0 = censored
    The index is 0..136. 128 deaths; several patients share a death day.
    """
    from sksurv.datasets import load_veterans_lung_cancer

    X, y = load_veterans_lung_cancer()
    df = X.copy()
    df["time"] = y["Survival_in_days"].astype(np.float64)
    df["status"] = y["Status"].astype(np.int64)
    return df


def heart_failure_cohort(
    n_patients: int = 300,
    *,
    seed: int = 0,
    rng: np.random.Generator | None = None,
    resolution_days: float | None = 7.0,
    censoring: bool = True,
    median_survival_days: float = 1100.0,
) -> pd.DataFrame:
    """Synthetic patients with chronic heart failure, followed until death or censoring.

    Columns, in this order:
        Age                int, years (40-95)
        Sex                str, "F" or "M"
        NYHA_class         int, New York Heart Association class 1-4 (a categorical code)
        Ejection_fraction  int, left-ventricular ejection fraction in % (10-75)
        Creatinine         float, serum creatinine in mg/dL
        time               float, days to death or censoring, > 0
        status             int, 1 = death observed, 0 = censored
    Deaths follow a Cox model with the log hazard ratios HEART_FAILURE_LOG_HR and a constant
    baseline hazard (median survival ``median_survival_days`` for a 68-year-old woman in NYHA
    class 1 with a 38 % ejection fraction and creatinine 1.1 mg/dL). With ``censoring``, each
    patient's follow-up ends at a uniform time between 1 and 5 years, or earlier at loss to
    follow-up. Times are rounded up to a multiple of ``resolution_days`` (ties); with
    ``resolution_days=None`` they are kept to the hundredth of a day. The index holds random
    patient ids (not 0..n-1). ``rng`` (a numpy Generator) takes precedence over ``seed``.
    """
    rng = rng if rng is not None else np.random.default_rng(seed)
    n = n_patients
    age = np.clip(np.rint(rng.normal(68.0, 10.0, n)), 40, 95).astype(np.int64)
    sex = np.where(rng.random(n) < 0.6, "M", "F")
    nyha = rng.choice([1, 2, 3, 4], size=n, p=[0.2, 0.4, 0.3, 0.1]).astype(np.int64)
    ef = np.clip(np.rint(rng.normal(38.0, 12.0, n)), 10, 75).astype(np.int64)
    creatinine = np.round(rng.lognormal(np.log(1.1), 0.35, n), 2)

    beta = HEART_FAILURE_LOG_HR
    log_hazard = (
        beta["Age"] * (age - 68)
        + beta["Sex_M"] * (sex == "M")
        + np.select([nyha == 2, nyha == 3, nyha == 4], [beta["NYHA_class_2"], beta["NYHA_class_3"], beta["NYHA_class_4"]], 0.0)
        + beta["Ejection_fraction"] * (ef - 38)
        + beta["log_Creatinine"] * np.log(creatinine / 1.1)
    )
    baseline = np.log(2.0) / median_survival_days
    death = rng.exponential(1.0 / (baseline * np.exp(log_hazard)))
    if censoring:
        end = np.minimum(rng.uniform(365.0, 5 * 365.0, n), rng.exponential(4000.0, n))
    else:
        end = np.full(n, np.inf)
    observed = np.minimum(death, end)
    if resolution_days is None:
        time = np.maximum(np.round(observed, 2), 0.01)
    else:
        time = np.maximum(np.ceil(observed / resolution_days), 1.0) * resolution_days
    ids = rng.choice(np.arange(100_000, 1_000_000), size=n, replace=False)
    return pd.DataFrame(
        {
            "Age": age,
            "Sex": sex,
            "NYHA_class": nyha,
            "Ejection_fraction": ef,
            "Creatinine": creatinine,
            "time": time.astype(np.float64),
            "status": (death <= end).astype(np.int64),
        },
        index=pd.Index(ids, name="patient_id"),
    )
