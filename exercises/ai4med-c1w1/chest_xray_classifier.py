"""Chest X-ray multi-label classification under class imbalance (AI for Medical Diagnosis, Week 1).

Clinical setting: a classifier reads frontal chest radiographs and flags four findings:
cardiomegaly (an enlarged heart), pleural effusion (fluid around the lung), pulmonary edema
(fluid in the lung) and pneumonia. Any image can show several of them at once (multi-label),
and all are rare: about 10 %, 12 %, 3 % and 1.5 % of images. A model trained with the plain
loss learns to answer "no" to pneumonia and misses almost every case. You fix that in the
course's steps:
1. `check_for_leakage`: make sure no patient has images in both the training and the test set;
2. `compute_class_freqs`: how frequent each finding is among the training images;
3. `get_weighted_loss`: a weighted binary cross-entropy in which the positive and negative
   examples of each finding contribute equally;
4. `build_classifier_head` and `train_head`: a small torch classifier on top of image features
   (what the pooled last layer of a pretrained CNN, DenseNet-121 in the course, hands over),
   trained with your weighted loss.

Given (you do not write them): `chest_xray_findings` makes a seeded synthetic study, a table
with one row per image ("Image", "PatientId" and one 0/1 column per finding in FINDINGS) plus
a float32 feature array whose row i belongs to table row i; `split_by_patient` and
`split_by_row` split the table two ways. Try it:

    table, features = chest_xray_findings(2000, seed=0)
    train, test = split_by_row(table, seed=0)
    check_for_leakage(train, test, "PatientId")            # True: follow-up images on both sides
    train, test = split_by_patient(table, seed=0)
    check_for_leakage(train, test, "PatientId")            # False
    labels = train[list(FINDINGS)].to_numpy()
    freq_pos, freq_neg = compute_class_freqs(labels)
    torch.manual_seed(0)
    model = build_classifier_head(features.shape[1], len(FINDINGS))
    train_head(model, features[train.index], labels, pos_weights=freq_neg, neg_weights=freq_pos)
    with torch.no_grad():
        risk = model(torch.as_tensor(features[test.index])).numpy()   # (n_test, 4) probabilities

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

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
    """Is there a patient with images in both df1 and df2?

    A patient's follow-up radiographs look alike (same anatomy, same positioning), so a model
    that saw one of them during training recognises the patient, not the disease, and its test
    score is too optimistic. The check compares the PATIENT IDS in the column `patient_col` of
    the two frames (a patient usually has several rows); the frames' row index (image number)
    has nothing to do with patients and must not be used.

    Args:
        df1, df2: DataFrames with one row per image; both have the column `patient_col`. Other
            columns, the index and the number of rows may differ; either may have 0 rows.
            Neither may be modified.
        patient_col: name of the column with the patient ids (ints or strings).

    Returns:
        A Python bool (True or False, not a numpy.bool_ or an array): True if at least one
        patient id occurs in both frames.

    Example:
        >>> df1 = pd.DataFrame({"Image": ["00000001_000.png", "00000002_000.png"], "PatientId": [1, 2]})
        >>> df2 = pd.DataFrame({"Image": ["00000002_001.png", "00000003_000.png"], "PatientId": [2, 3]})
        >>> check_for_leakage(df1, df2, "PatientId")
        True
    """
    raise NotImplementedError


def compute_class_freqs(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Frequency of positive and of negative examples of each class (finding).

    For class c:
        positive_frequencies[c] = (number of rows with labels[:, c] == 1) / N
        negative_frequencies[c] = (number of rows with labels[:, c] == 0) / N = 1 - positive_frequencies[c]
    i.e. the average is taken down the rows (over the N examples), one value per class.
    A class with no positive example has frequencies 0 and 1.

    Args:
        labels: (N, C) numpy array of 0/1 values (int, float or bool dtype), N >= 1 examples
            (images) by C classes (findings). It must not be modified.

    Returns:
        (positive_frequencies, negative_frequencies): a tuple of two 1-D float numpy arrays of
        shape (C,), each entry in [0, 1].

    Example:
        >>> labels = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 0]])
        >>> compute_class_freqs(labels)
        (array([0.5 , 0.25, 0.  ]), array([0.5 , 0.75, 1.  ]))
    """
    raise NotImplementedError


def get_weighted_loss(pos_weights, neg_weights, epsilon: float = 1e-7):
    """Make the course's weighted binary cross-entropy loss for C classes, in torch.

    With w_pos = pos_weights, w_neg = neg_weights, a batch of N examples, y = y_true, p = y_pred:

        loss = sum over classes c of  mean over examples n of
               -( w_pos[c] * y[n, c] * log(p[n, c] + epsilon)
                + w_neg[c] * (1 - y[n, c]) * log(1 - p[n, c] + epsilon) )

    Note the reduction: the MEAN over the batch for each class, then the SUM over the classes
    (not a mean over classes, not a sum over examples). epsilon (the argument, not a fixed
    number) is added inside both logs, so that predictions of exactly 0 or 1 give a finite loss.
    The course sets w_pos = negative frequencies and w_neg = positive frequencies (from
    `compute_class_freqs`): then the positive and negative examples of each class contribute
    equally, however rare the finding.

    Args:
        pos_weights, neg_weights: 1-D numpy arrays of C weights >= 0, one per class (as
            compute_class_freqs returns them).
        epsilon: small positive number added inside the logarithms.

    Returns:
        A function loss(y_true, y_pred) where y_true and y_pred are (N, C) floating torch
        tensors (0/1 labels and predicted probabilities in [0, 1]; the same dtype, float32 or
        float64). It returns a 0-dimensional floating torch tensor computed with torch
        operations only, so that loss.backward() sends gradients back to y_pred (and to the
        model that produced it). It must not modify its inputs.

    Example:
        >>> y_true = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], dtype=torch.float64)
        >>> y_pred = torch.tensor([[0.9, 0.2], [0.3, 0.6], [0.1, 0.4]], dtype=torch.float64)
        >>> loss = get_weighted_loss(np.array([2 / 3, 2 / 3]), np.array([1 / 3, 1 / 3]))
        >>> round(float(loss(y_true, y_pred)), 4)
        0.2698
    """
    raise NotImplementedError


def build_classifier_head(n_features: int, n_classes: int) -> nn.Module:
    """A multi-label classification head: one linear layer, then a sigmoid per class.

    probabilities = sigmoid(x @ W.T + b), with W of shape (n_classes, n_features) and b of
    shape (n_classes,): an `nn.Linear(n_features, n_classes)` followed by `nn.Sigmoid()`
    (e.g. in an `nn.Sequential`). Sigmoid, not softmax: the findings are not exclusive, so
    each class gets its own probability. Use torch's default initialisation (call
    torch.manual_seed before building it for reproducible weights).

    Args:
        n_features: length of each image's feature vector (e.g. 32; 1024 for DenseNet-121).
        n_classes: number of findings (e.g. 4).

    Returns:
        An nn.Module with exactly one nn.Linear layer (and no other trainable parameters) that
        maps a (N, n_features) float32 tensor to a (N, n_classes) tensor of probabilities.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> head = build_classifier_head(32, 4)
        >>> head(torch.zeros(5, 32)).shape
        torch.Size([5, 4])
    """
    raise NotImplementedError


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
    """Train `model` (a classifier head) with YOUR weighted loss; return the same model, trained in place.

    Recipe (small, so it runs in well under a second):
    - x = features and y = labels as float32 torch tensors;
    - loss_fn = get_weighted_loss(pos_weights, neg_weights) (default epsilon);
    - optimizer = torch.optim.Adam(model.parameters(), lr=lr);
    - generator = torch.Generator().manual_seed(seed), made once before the first epoch;
    - for each of the `epochs` epochs: order = torch.randperm(N, generator=generator), then for
      consecutive batches of `batch_size` indices of `order` (the last batch may be smaller):
      optimizer.zero_grad(); loss_fn(y[batch], model(x[batch])).backward(); optimizer.step();
    - model.eval(); return model.
    The same starting weights and the same seed must give exactly the same trained weights.

    Args:
        model: an nn.Module mapping (N, F) float32 tensors to (N, C) probabilities, e.g. from
            `build_classifier_head`.
        features: (N, F) numpy array of image features (float32 or float64).
        labels: (N, C) numpy array of 0/1 labels (int, float or bool dtype), row n for image n.
        pos_weights, neg_weights: (C,) numpy arrays, passed on to `get_weighted_loss`. Use
            pos_weights = negative frequencies and neg_weights = positive frequencies to
            balance the classes; all ones gives the ordinary (unweighted) cross-entropy.
        epochs, lr, seed, batch_size: as in the recipe.

    Returns:
        `model` itself (the object passed in), with its weights trained.

    Example:
        >>> table, features = chest_xray_findings(300, seed=0)
        >>> labels = table[list(FINDINGS)].to_numpy()
        >>> freq_pos, freq_neg = compute_class_freqs(labels)
        >>> _ = torch.manual_seed(0)
        >>> model = build_classifier_head(32, 4)
        >>> train_head(model, features, labels, pos_weights=freq_neg, neg_weights=freq_pos) is model
        True
    """
    raise NotImplementedError
