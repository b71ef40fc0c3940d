"""Interpreting models: permutation importance, Shapley values, Grad-CAM (AI for Medical Treatment, Week 3).

Reference solution. The cohort, the CNN and the chest films come from the project's seeded
generators in ``autograde.datasets.interpretation``.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations
from math import factorial
from typing import Callable

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F

from autograde.datasets.interpretation import (  # noqa: F401 (given: data and model to try your functions on)
    MORTALITY_FEATURES,
    NODULE_CLASSES,
    mortality_cohort,
    nodule_cnn,
    xray_tensor,
)

# --- permutation importance ------------------------------------------------------------------


def permute_feature(df: pd.DataFrame, feature: str) -> pd.DataFrame:
    """A copy of df whose column `feature` is shuffled among the patients (numpy's global generator)."""
    permuted = df.copy()
    permuted[feature] = np.random.permutation(df[feature].to_numpy())  # positions, not index labels
    return permuted


def permutation_importance(X: pd.DataFrame, y, model, metric: Callable, num_samples: int = 100) -> pd.DataFrame:
    """Importance of each feature = baseline metric - mean metric after permuting that feature,
    as a one-row frame indexed "importance" with a column per feature (the course's layout)."""
    baseline = metric(y, model.predict_proba(X)[:, 1])
    importances = {}
    for feature in X.columns:
        permuted_scores = [
            metric(y, model.predict_proba(permute_feature(X, feature))[:, 1])
            for _ in range(num_samples)
        ]
        importances[feature] = baseline - np.mean(permuted_scores)
    return pd.DataFrame(importances, index=["importance"])


# --- Shapley values ---------------------------------------------------------------------------


def shapley_values(predict: Callable[[np.ndarray], np.ndarray], x: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Exact interventional Shapley values of predict at x, averaging over the background patients."""
    background = np.asarray(background, dtype=float)  # an integer background would truncate x's values
    n = x.shape[0]
    if x.ndim != 1 or background.ndim != 2 or background.shape[1] != n:
        raise ValueError(f"x should have shape (n,) and background (m, n); got {x.shape} and {background.shape}")

    @cache
    def value(coalition: tuple[int, ...]) -> float:
        """v(S): mean prediction with the features in S taken from x, the others from each background row."""
        mixed = background.copy()
        mixed[:, list(coalition)] = x[list(coalition)]
        return float(np.mean(predict(mixed)))

    phi = np.zeros(n)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for size in range(n):
            weight = factorial(size) * factorial(n - size - 1) / factorial(n)
            for S in combinations(others, size):
                phi[i] += weight * (value(S + (i,)) - value(S))
    return phi


# --- Grad-CAM ---------------------------------------------------------------------------------


def grad_cam(input_model: torch.nn.Module, image: torch.Tensor, category_index: int, layer_name: str) -> np.ndarray:
    """Grad-CAM map of class `category_index` at the layer named `layer_name`, upsampled to the
    image and scaled to [0, 1]."""
    layer = input_model.get_submodule(layer_name)
    captured = {}

    def save_activation(module, inputs, output):
        captured["activation"] = output

    handle = layer.register_forward_hook(save_activation)
    try:
        scores = input_model(image)
    finally:
        handle.remove()
    activation = captured["activation"]  # A: (1, K, h, w)
    (gradient,) = torch.autograd.grad(scores[0, category_index], activation)  # dScore/dA, same shape
    weights = gradient.mean(dim=(2, 3), keepdim=True)  # w_k: (1, K, 1, 1)
    cam = torch.relu((weights * activation).sum(dim=1, keepdim=True))  # (1, 1, h, w)
    cam = F.interpolate(cam, size=tuple(image.shape[2:]), mode="bilinear", align_corners=False)
    cam = cam[0, 0].detach().numpy()
    peak = cam.max()
    return cam / peak if peak > 0 else np.zeros_like(cam)
