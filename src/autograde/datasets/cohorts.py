"""Synthetic patient cohorts (tables of measurements and outcomes)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def retinopathy_cohort(
    n_patients: int = 1000,
    *,
    seed: int = 0,
    rng: np.random.Generator | None = None,
    age_years: float = 60.0,
    cholesterol_mg_dl: float = 200.0,
    baseline_logit: float = -0.3,
) -> tuple[pd.DataFrame, pd.Series]:
    """Synthetic diabetic patients: features X and a retinopathy outcome y (1 = yes).

    Age in years, blood pressures in mmHg, total cholesterol in mg/dL; every value is positive
    and right-skewed (log-normal), as in the AI for Medicine course's data. The outcome follows a
    logistic model with an Age x Systolic_BP interaction. The index holds patient ids (random,
    not 0..n-1). ``rng`` (a numpy Generator) takes precedence over ``seed``.
    """
    rng = rng if rng is not None else np.random.default_rng(seed)
    n = n_patients
    age = rng.lognormal(np.log(age_years), 0.16, n)
    systolic = rng.lognormal(np.log(134.0), 0.13, n)
    diastolic = 0.45 * systolic + rng.lognormal(np.log(21.0), 0.25, n)
    cholesterol = rng.lognormal(np.log(cholesterol_mg_dl), 0.22, n)
    ids = rng.choice(np.arange(10_000, 100_000), size=n, replace=False)
    X = pd.DataFrame(
        {"Age": age, "Systolic_BP": systolic, "Diastolic_BP": diastolic, "Cholesterol": cholesterol},
        index=pd.Index(ids, name="patient_id"),
    ).round(1)
    z = (np.log(X) - np.log([60.0, 134.0, 81.0, 200.0])) / [0.16, 0.13, 0.13, 0.22]
    logit = (
        baseline_logit + 0.8 * z["Age"] + 0.6 * z["Systolic_BP"] + 0.3 * z["Diastolic_BP"]
        + 0.5 * z["Cholesterol"] - 0.5 * z["Age"] * z["Systolic_BP"]
    )
    y = pd.Series((rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(int), index=X.index, name="y")
    return X, y
