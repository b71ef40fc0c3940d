"""Synthetic chest X-ray studies: a findings table (one row per image) and per-image feature vectors.

Shaped like the NIH ChestX-ray14 data the AI for Medical Diagnosis course uses: each row is one
frontal radiograph with its file name, the patient it belongs to (patients have follow-up
images, so one patient has several rows) and one 0/1 column per finding. Next to the table
comes an (n_images, n_features) float32 array of image features: what the pooled last layer
of a pretrained CNN (DenseNet-121 in the course) would hand to a classification head.

How the data is made (seeded, so the same seed gives the same study on every machine):
- findings are drawn per image with realistic prevalences, and the heart-failure findings are
  linked: effusion and edema are more likely on an image that shows cardiomegaly. Marginal
  prevalences: cardiomegaly 10 %, effusion about 12 %, edema about 3 %, pneumonia 1.5 %;
- features = noise + a per-patient offset (body habitus, positioning, the scanner: what a model
  can memorise about a patient, which is why a patient must never be in both training and test
  sets) + for each finding present, a fixed direction in feature space times its signal strength.
  A linear head on these features reaches a held-out AUROC of about 0.85 to 0.95 per finding.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FINDINGS = ("Cardiomegaly", "Effusion", "Edema", "Pneumonia")
PREVALENCE = {"Cardiomegaly": 0.10, "Effusion": 0.12, "Edema": 0.03, "Pneumonia": 0.015}
N_FEATURES = 32
PATIENT_COL = "PatientId"

# P(effusion) and P(edema) on an image with / without cardiomegaly, so the marginals match PREVALENCE
_EFFUSION_IF = {True: 0.35, False: 0.09}
_EDEMA_IF = {True: 0.12, False: 0.02}
_SIGNAL = {"Cardiomegaly": 2.6, "Effusion": 2.4, "Edema": 2.8, "Pneumonia": 3.0}  # in noise SDs
_DIRECTION_SEED = 20_140_601  # the finding directions are the same for every study (one "CNN")


def finding_directions(n_features: int = N_FEATURES) -> np.ndarray:
    """(4, n_features) unit vectors: where each finding moves an image in feature space (fixed)."""
    directions = np.random.default_rng(_DIRECTION_SEED).normal(size=(len(FINDINGS), n_features))
    return directions / np.linalg.norm(directions, axis=1, keepdims=True)


def chest_xray_findings(
    n_patients: int = 1000,
    *,
    seed: int = 0,
    rng: np.random.Generator | None = None,
    n_features: int = N_FEATURES,
    images_per_patient: float = 2.0,
    patient_sd: float = 0.6,
) -> tuple[pd.DataFrame, np.ndarray]:
    """A synthetic chest X-ray study: (table, features).

    table: one row per image, index 0..n_images-1, columns
        "Image"      file name, e.g. "00031245_002.png" (patient id, then the image number);
        "PatientId"  int, the same for every image of one patient (ids are random 8-digit-style
                     numbers, not 0..n-1, and rows of one patient are not adjacent);
        one int column (0/1) per finding, in the order of FINDINGS.
    features: (n_images, n_features) float32 array; row i belongs to table row i.

    Each patient has 1 + Poisson(images_per_patient - 1) images. ``rng`` (a numpy Generator)
    takes precedence over ``seed``.
    """
    rng = rng if rng is not None else np.random.default_rng(seed)
    counts = 1 + rng.poisson(images_per_patient - 1.0, size=n_patients)
    ids = rng.choice(np.arange(1_000, 40_000), size=n_patients, replace=False)
    patient = np.repeat(ids, counts)
    image_number = np.concatenate([np.arange(c) for c in counts])
    n = patient.size

    cardiomegaly = rng.random(n) < PREVALENCE["Cardiomegaly"]
    effusion = rng.random(n) < np.where(cardiomegaly, _EFFUSION_IF[True], _EFFUSION_IF[False])
    edema = rng.random(n) < np.where(cardiomegaly, _EDEMA_IF[True], _EDEMA_IF[False])
    pneumonia = rng.random(n) < PREVALENCE["Pneumonia"]
    labels = np.column_stack([cardiomegaly, effusion, edema, pneumonia]).astype(int)

    offsets = rng.normal(0.0, patient_sd, size=(n_patients, n_features))
    strength = np.array([_SIGNAL[f] for f in FINDINGS])
    features = (
        rng.normal(0.0, 1.0, size=(n, n_features))
        + np.repeat(offsets, counts, axis=0)
        + (labels * strength) @ finding_directions(n_features)
    )

    order = rng.permutation(n)  # images arrive in no particular order
    table = pd.DataFrame(
        {"Image": [f"{p:08d}_{k:03d}.png" for p, k in zip(patient[order], image_number[order])],
         PATIENT_COL: patient[order]}
    )
    for j, finding in enumerate(FINDINGS):
        table[finding] = labels[order, j]
    return table, features[order].astype(np.float32)


def split_by_patient(
    table: pd.DataFrame, test_fraction: float = 0.25, *, seed: int = 0, patient_col: str = PATIENT_COL
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split the rows of ``table`` so that every patient's images are all on one side.

    About ``test_fraction`` of the patients go to the test side. Both frames keep the original
    index, so ``features[train.index]`` picks the matching feature rows.
    """
    patients = table[patient_col].unique()
    rng = np.random.default_rng(seed)
    test_patients = rng.choice(patients, size=int(round(test_fraction * patients.size)), replace=False)
    in_test = table[patient_col].isin(test_patients)
    return table[~in_test], table[in_test]


def split_by_row(table: pd.DataFrame, test_fraction: float = 0.25, *, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The naive split: shuffle the ROWS (images) and cut. Follow-up images of one patient end up on
    both sides, which is the leakage that ``check_for_leakage`` detects. Keeps the original index."""
    order = np.random.default_rng(seed).permutation(len(table))
    cut = len(table) - int(round(test_fraction * len(table)))
    return table.iloc[np.sort(order[:cut])], table.iloc[np.sort(order[cut:])]
