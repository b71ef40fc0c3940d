"""Chest X-ray multi-label classification under class imbalance (AI for Medical Diagnosis, Week 1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch
from torch import nn

from autograde.datasets.xray_findings import (  # noqa: F401 (given: a seeded synthetic study)
    FINDINGS,
    chest_xray_findings,
    split_by_patient,
    split_by_row,
)


def check_for_leakage(df1: pd.DataFrame, df2: pd.DataFrame, patient_col: str) -> bool:
    """True if at least one patient id of df1[patient_col] also appears in df2[patient_col]."""
    df1_patients_unique = set(df1[patient_col].values)
    df2_patients_unique = set(df2[patient_col].values)
    patients_in_both_groups = df1_patients_unique.intersection(df2_patients_unique)
    return len(patients_in_both_groups) > 0


def compute_class_freqs(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-class fraction of positive and of negative examples (averaged over the rows)."""
    positive_frequencies = np.mean(labels, axis=0)
    negative_frequencies = 1.0 - positive_frequencies
    return positive_frequencies, negative_frequencies


def get_weighted_loss(pos_weights, neg_weights, epsilon: float = 1e-7):
    """The course's weighted binary cross-entropy: sum over classes of the mean over the batch."""

    def weighted_loss(y_true: torch.Tensor, y_pred: torch.Tensor) -> torch.Tensor:
        loss = 0.0
        for i in range(len(pos_weights)):
            loss_pos = -1 * torch.mean(pos_weights[i] * y_true[:, i] * torch.log(y_pred[:, i] + epsilon))
            loss_neg = -1 * torch.mean(neg_weights[i] * (1 - y_true[:, i]) * torch.log(1 - y_pred[:, i] + epsilon))
            loss = loss + loss_pos + loss_neg
        return loss

    return weighted_loss


def build_classifier_head(n_features: int, n_classes: int) -> nn.Module:
    """One linear layer from the image features to one logit per finding, then a sigmoid."""
    return nn.Sequential(nn.Linear(n_features, n_classes), nn.Sigmoid())


def train_head(
    model: nn.Module,
    features: np.ndarray,
    labels: np.ndarray,
    pos_weights: np.ndarray,
    neg_weights: np.ndarray,
    epochs: int = 20,
    lr: float = 0.01,
    seed: int = 0,
    batch_size: int = 256,
) -> nn.Module:
    """Adam on shuffled mini-batches of the weighted loss; trains ``model`` in place and returns it."""
    x = torch.as_tensor(features, dtype=torch.float32)
    y = torch.as_tensor(labels, dtype=torch.float32)
    loss_fn = get_weighted_loss(pos_weights, neg_weights)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(seed)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        for start in range(0, len(x), batch_size):
            batch = order[start : start + batch_size]
            optimizer.zero_grad()
            loss = loss_fn(y[batch], model(x[batch]))
            loss.backward()
            optimizer.step()
    model.eval()
    return model
