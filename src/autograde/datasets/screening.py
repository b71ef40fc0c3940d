"""A synthetic test set for a chest X-ray classifier: true findings and the model's predicted probabilities.

Shaped like the test set of the AI for Medical Diagnosis course (Week 2, "Evaluation of
diagnostic models"): one row per frontal chest radiograph, one column per finding, labels y
(1 = the radiologists' reference standard says the finding is present) and the classifier's
output pred (a probability in [0, 1]).

How the data is made (seeded: the same seed gives the same test set on every machine):
- each finding has a realistic prevalence (NIH ChestX-ray14 magnitudes, see PREVALENCE); the
  number of positive images is exactly max(1, round(prevalence * n_images)) (at most
  n_images - 1), at random rows, so every finding has both positive and negative images;
- the model's score follows the binormal model: N(0, 1) on negative images, N(d, 1) on positive
  ones with d = sqrt(2) * Phi^-1(TARGET_AUC), so the AUROC is about TARGET_AUC;
- pred = sigmoid(1.5 * (score - d / 2)), reported to 3 decimals (so tied predictions occur,
  as in a results file). A model trained with a class-weighted loss is centred between the
  classes: its probabilities are far above the prevalence, i.e. it is not calibrated, which a
  calibration curve shows.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import norm

FINDINGS = ("Atelectasis", "Cardiomegaly", "Effusion", "Pneumothorax")
PREVALENCE = {"Atelectasis": 0.10, "Cardiomegaly": 0.025, "Effusion": 0.12, "Pneumothorax": 0.047}
TARGET_AUC = {"Atelectasis": 0.78, "Cardiomegaly": 0.90, "Effusion": 0.87, "Pneumothorax": 0.84}
_SLOPE = 1.5  # logit per unit of score: how confident the model's probabilities are


def chest_xray_screening(
    n_images: int = 1000,
    *,
    seed: int = 0,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A synthetic test set: (y, pred, classes).

    Args:
        n_images: number of radiographs (rows), at least 2.
        seed: seed of the generator; ``rng`` (a numpy Generator), when given, takes precedence.

    Returns:
        y: (n_images, 4) int64 array of 0/1 labels, column c for finding classes[c];
        pred: (n_images, 4) float64 array of predicted probabilities in [0, 1], 3 decimals;
        classes: the list of the 4 finding names (FINDINGS).

    Example:
        >>> y, pred, classes = chest_xray_screening(1000, seed=0)
        >>> y.shape, pred.shape, classes[1], int(y[:, 1].sum())
        ((1000, 4), (1000, 4), 'Cardiomegaly', 25)
    """
    if n_images < 2:
        raise ValueError("a test set needs at least 2 images")
    rng = rng if rng is not None else np.random.default_rng(seed)
    y = np.zeros((n_images, len(FINDINGS)), dtype=np.int64)
    pred = np.zeros((n_images, len(FINDINGS)), dtype=np.float64)
    for c, finding in enumerate(FINDINGS):
        n_positive = min(max(1, round(PREVALENCE[finding] * n_images)), n_images - 1)
        y[rng.choice(n_images, size=n_positive, replace=False), c] = 1
        separation = np.sqrt(2.0) * norm.ppf(TARGET_AUC[finding])
        score = rng.normal(0.0, 1.0, n_images) + separation * y[:, c]
        pred[:, c] = np.round(1.0 / (1.0 + np.exp(-_SLOPE * (score - separation / 2))), 3)
    return y, pred, list(FINDINGS)
