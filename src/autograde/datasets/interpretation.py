"""Data for model interpretation: a synthetic mortality cohort and a tiny chest X-ray CNN.

``mortality_cohort`` imitates the NHANES I follow-up data of the AI for Medicine course
(10-year all-cause mortality from routine measurements) with a seeded generator; the true risk
depends on age, sex, systolic blood pressure, serum albumin and white blood cell count, but NOT
on BMI or serum cholesterol, so a good interpretation method should find those two unimportant.

``nodule_cnn`` is a small convolutional network with fixed, seeded (untrained) weights that
scores a 1-channel chest film for two classes (0 = no nodule, 1 = nodule); ``xray_tensor`` turns
``synthetic_chest_xray`` into its input. torch is imported only by these two functions, so the
cohort alone needs numpy and pandas only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from autograde.datasets.imaging import synthetic_chest_xray

MORTALITY_FEATURES = [
    "Age",                # years
    "Sex",                # 0 = male, 1 = female
    "Systolic_BP",        # mmHg
    "Serum_Albumin",      # g/dL
    "White_Blood_Cells",  # 10^3 cells per microlitre
    "BMI",                # kg/m^2 (no effect on the true risk)
    "Serum_Cholesterol",  # mg/dL (no effect on the true risk)
]

NODULE_CLASSES = ("no_nodule", "nodule")


def mortality_cohort(
    n_patients: int = 1000,
    *,
    seed: int = 0,
    rng: np.random.Generator | None = None,
    baseline_logit: float = -1.6,
) -> tuple[pd.DataFrame, pd.Series]:
    """Synthetic adults followed for 10 years: features X and y = 1 if the patient died within 10 years.

    Columns of X are ``MORTALITY_FEATURES`` (units in the comments there), rounded as a lab
    reports them; the index holds random patient ids (not 0..n-1). The outcome follows a
    logistic model: risk rises with age, male sex, systolic BP and white cell count, and falls
    with serum albumin; BMI and cholesterol have no effect. About 1 patient in 4 dies with the
    default ``baseline_logit``. ``rng`` (a numpy Generator) takes precedence over ``seed``.
    """
    rng = rng if rng is not None else np.random.default_rng(seed)
    n = n_patients
    age = rng.uniform(25.0, 75.0, n)
    sex = (rng.random(n) < 0.52).astype(np.int64)
    systolic = rng.normal(118.0 + 0.55 * (age - 25.0), 16.0, n).clip(85.0, 220.0)
    albumin = rng.normal(4.45 - 0.006 * (age - 25.0), 0.33, n).clip(2.5, 5.5)
    wbc = rng.lognormal(np.log(7.0), 0.27, n)
    bmi = rng.normal(26.5, 4.8, n).clip(16.0, 50.0)
    cholesterol = rng.normal(190.0 + 0.6 * (age - 25.0), 38.0, n).clip(110.0, 380.0)
    ids = rng.choice(np.arange(10_000, 100_000), size=n, replace=False)
    X = pd.DataFrame(
        {
            "Age": age.round(0),
            "Sex": sex,
            "Systolic_BP": systolic.round(0),
            "Serum_Albumin": albumin.round(1),
            "White_Blood_Cells": wbc.round(1),
            "BMI": bmi.round(1),
            "Serum_Cholesterol": cholesterol.round(0),
        },
        index=pd.Index(ids, name="patient_id"),
    )
    logit = (
        baseline_logit
        + 0.085 * (X["Age"] - 50.0)
        - 0.45 * X["Sex"]
        + 0.018 * (X["Systolic_BP"] - 130.0)
        - 1.5 * (X["Serum_Albumin"] - 4.3)
        + 1.6 * np.log(X["White_Blood_Cells"] / 7.0)
    )
    y = pd.Series((rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(np.int64), index=X.index, name="death_10y")
    return X, y


def nodule_cnn(seed: int = 0):
    """A tiny CNN (``torch.nn.Sequential``, float32, eval mode) scoring a chest film for ``NODULE_CLASSES``.

    Input (N, 1, H, W) with pixel values in [0, 1], H and W >= 4; output (N, 2) class scores
    (logits). Layers, by index:

        0 Conv2d(1, 8, 3, padding=1)   1 ReLU   2 MaxPool2d(2)          -> 8 x H/2 x W/2
        3 Conv2d(8, 16, 3, padding=1)  4 ReLU   5 MaxPool2d(2)          -> 16 x H/4 x W/4
        6 Conv2d(16, 16, 3, padding=1) 7 ReLU                           -> the last conv block
        8 AdaptiveAvgPool2d(1)  9 Flatten  10 Linear(16, 2)

    The weights are not trained: they are drawn from numpy's ``default_rng(seed)`` (He-normal
    scale), so the network is identical on every machine.
    """
    import torch
    from torch import nn

    model = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, len(NODULE_CLASSES)),
    )
    rng = np.random.default_rng(seed)
    with torch.no_grad():
        for layer in model:
            if isinstance(layer, (nn.Conv2d, nn.Linear)):
                fan_in = layer.weight[0].numel()
                weight = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=tuple(layer.weight.shape))
                layer.weight.copy_(torch.from_numpy(weight.astype(np.float32)))
                layer.bias.copy_(torch.from_numpy(rng.normal(0.0, 0.1, size=tuple(layer.bias.shape)).astype(np.float32)))
    return model.eval()


def xray_tensor(size: int = 32, nodule: bool = True, seed: int = 0):
    """``synthetic_chest_xray(size, nodule, seed)`` as a (1, 1, size, size) float32 torch tensor in [0, 1]."""
    import torch

    image = synthetic_chest_xray(size=size, nodule=nodule, seed=seed).astype(np.float32) / 255.0
    return torch.from_numpy(image)[None, None]
