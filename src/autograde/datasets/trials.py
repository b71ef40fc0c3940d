"""Synthetic randomized controlled trials (one row per randomized patient)."""

from __future__ import annotations

import numpy as np
import pandas as pd

# The columns of the AI for Medical Treatment course's colon-cancer trial table, in its order.
COLON_TRIAL_COLUMNS = [
    "sex", "age", "obstruct", "perfor", "adhere", "nodes", "node4", "outcome", "TRTMT",
    "differ_2.0", "differ_3.0", "extent_2", "extent_3", "extent_4", "surg_1",
]


def colon_cancer_trial(
    n_patients: int = 1000,
    *,
    seed: int = 0,
    rng: np.random.Generator | None = None,
    p_treated: float = 0.5,
    baseline_logit: float = -0.8,
    treatment_logit: float = -0.45,
) -> pd.DataFrame:
    """A seeded synthetic adjuvant-chemotherapy trial in resected stage III colon cancer.

    Shaped like the course's data (the levamisole + 5-FU arm against observation of the classic
    colon-cancer trial), one row per patient, columns in ``COLON_TRIAL_COLUMNS`` order:

    - ``sex`` (1 = male), ``age`` (years, 25 to 85);
    - ``obstruct``, ``perfor``, ``adhere`` (1 = the tumour obstructed / perforated the colon /
      adhered to nearby organs);
    - ``nodes`` (number of lymph nodes with cancer, at least 1) and ``node4`` (1 = more than 4);
    - ``outcome`` (1 = died within 5 years of randomization, 0 = alive);
    - ``TRTMT`` (bool: True = chemotherapy, False = observation), randomized: each patient is
      treated with probability ``p_treated``, independently of everything else;
    - one-hot tumour differentiation ``differ_2.0`` (moderate), ``differ_3.0`` (poor; well
      differentiated is the reference), extent of local spread ``extent_2`` (muscle),
      ``extent_3`` (serosa), ``extent_4`` (contiguous structures; submucosa is the reference),
      and ``surg_1`` (1 = long time from surgery to registration).

    The 5-year risk of death follows a logistic model (about 50 % untreated, 37 % treated). The
    treatment effect is heterogeneous: on the log-odds scale it is ``treatment_logit`` for a
    typical patient and larger (more benefit) for patients with more than 4 positive nodes or an
    obstructing tumour, smaller for the oldest. The index holds random patient ids (not 0..n-1).
    ``rng`` (a numpy Generator) takes precedence over ``seed``.
    """
    rng = rng if rng is not None else np.random.default_rng(seed)
    n = n_patients
    sex = (rng.random(n) < 0.52).astype(int)
    age = np.clip(np.round(rng.normal(60.0, 11.5, n)), 25, 85).astype(int)
    obstruct = (rng.random(n) < 0.19).astype(int)
    perfor = (rng.random(n) < 0.03).astype(int)
    adhere = (rng.random(n) < 0.14).astype(int)
    nodes = np.minimum(1 + rng.negative_binomial(1.2, 0.32, n), 33)
    node4 = (nodes > 4).astype(int)
    differ = rng.choice([1, 2, 3], size=n, p=[0.10, 0.74, 0.16])
    extent = rng.choice([1, 2, 3, 4], size=n, p=[0.02, 0.11, 0.82, 0.05])
    surg = (rng.random(n) < 0.27).astype(int)
    treated = rng.random(n) < p_treated

    risk_logit = (
        baseline_logit + 0.018 * (age - 60) + 0.35 * obstruct + 0.5 * perfor + 0.4 * adhere
        + 0.07 * (nodes - 3) + 0.75 * node4 + 0.35 * (differ == 3) + 0.5 * (extent >= 3)
        + 0.4 * (extent == 4) + 0.25 * surg - 0.15 * sex
    )
    effect_logit = treatment_logit - 0.55 * node4 - 0.35 * obstruct + 0.025 * np.maximum(age - 65, 0)
    logit = risk_logit + effect_logit * treated
    outcome = (rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(int)

    ids = rng.choice(np.arange(100_000, 1_000_000), size=n, replace=False)
    data = pd.DataFrame(
        {
            "sex": sex, "age": age, "obstruct": obstruct, "perfor": perfor, "adhere": adhere,
            "nodes": nodes, "node4": node4, "outcome": outcome, "TRTMT": treated,
            "differ_2.0": (differ == 2).astype(int), "differ_3.0": (differ == 3).astype(int),
            "extent_2": (extent == 2).astype(int), "extent_3": (extent == 3).astype(int),
            "extent_4": (extent == 4).astype(int), "surg_1": surg,
        },
        index=pd.Index(ids, name="patient_id"),
    )
    return data[COLON_TRIAL_COLUMNS]
