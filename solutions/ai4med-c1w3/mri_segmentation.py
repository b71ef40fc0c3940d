"""Brain tumour segmentation on 3-D MRI (Coursera AI for Medical Diagnosis, Week 3).

Reference solution: sub-volume sampling, per-slice standardization, Dice coefficients, the
soft Dice loss and per-class sensitivity/specificity, in numpy, with the course's names.
"""

from __future__ import annotations

import numpy as np

from autograde.datasets.mri import LABELS, MODALITIES, synthetic_brats_case  # noqa: F401 (given)


def get_sub_volume(
    image: np.ndarray,
    label: np.ndarray,
    orig_x: int = 240,
    orig_y: int = 240,
    orig_z: int = 155,
    output_x: int = 160,
    output_y: int = 160,
    output_z: int = 16,
    num_classes: int = 4,
    max_tries: int = 1000,
    background_threshold: float = 0.95,
) -> tuple[np.ndarray, np.ndarray] | None:
    """A random (X, y) training patch with enough tumour in it, or None after max_tries draws.

    The corners come from numpy's global random state, as in the course: the caller seeds it.
    """
    tries = 0
    while tries < max_tries:
        start_x = np.random.randint(0, orig_x - output_x + 1)
        start_y = np.random.randint(0, orig_y - output_y + 1)
        start_z = np.random.randint(0, orig_z - output_z + 1)
        block = (
            slice(start_x, start_x + output_x),
            slice(start_y, start_y + output_y),
            slice(start_z, start_z + output_z),
        )
        y = np.eye(num_classes)[label[block]]  # one-hot: (output_x, output_y, output_z, num_classes)
        background_ratio = np.sum(y[..., 0]) / (output_x * output_y * output_z)
        tries += 1
        if background_ratio < background_threshold:
            X = np.moveaxis(image[block], -1, 0).copy()  # channels first, a copy
            y = np.moveaxis(y, -1, 0)[1:].copy()  # drop the background channel
            return X, y
    return None


def standardize(image: np.ndarray) -> np.ndarray:
    """Each channel's each z-slice to mean 0 and standard deviation 1 (constant slices to 0)."""
    standardized_image = np.zeros(image.shape)
    for c in range(image.shape[0]):
        for z in range(image.shape[3]):
            image_slice = image[c, :, :, z].astype(np.float64)
            centered = image_slice - np.mean(image_slice)
            std = np.std(centered)
            if std != 0:
                centered = centered / std
            standardized_image[c, :, :, z] = centered
    return standardized_image


def single_class_dice_coefficient(
    y_true: np.ndarray, y_pred: np.ndarray, axis: tuple[int, ...] = (0, 1, 2), epsilon: float = 1e-5
) -> float:
    """(2 |A and B| + eps) / (|A| + |B| + eps) for one class."""
    dice_numerator = 2.0 * np.sum(y_true * y_pred, axis=axis) + epsilon
    dice_denominator = np.sum(y_true, axis=axis) + np.sum(y_pred, axis=axis) + epsilon
    return dice_numerator / dice_denominator


def dice_coefficient(
    y_true: np.ndarray, y_pred: np.ndarray, axis: tuple[int, ...] = (1, 2, 3), epsilon: float = 1e-5
) -> float:
    """The mean over classes of each class's Dice coefficient."""
    dice_numerator = 2.0 * np.sum(y_true * y_pred, axis=axis) + epsilon
    dice_denominator = np.sum(y_true, axis=axis) + np.sum(y_pred, axis=axis) + epsilon
    return np.mean(dice_numerator / dice_denominator)


def soft_dice_loss(
    y_true: np.ndarray, y_pred: np.ndarray, axis: tuple[int, ...] = (1, 2, 3), epsilon: float = 1e-5
) -> float:
    """1 - the mean over classes of (2 sum(p g) + eps) / (sum(p^2) + sum(g^2) + eps)."""
    dice_numerator = 2.0 * np.sum(y_true * y_pred, axis=axis) + epsilon
    dice_denominator = np.sum(y_true**2, axis=axis) + np.sum(y_pred**2, axis=axis) + epsilon
    return 1.0 - np.mean(dice_numerator / dice_denominator)


def compute_class_sens_spec(pred: np.ndarray, label: np.ndarray, class_num: int) -> tuple[float, float]:
    """(sensitivity, specificity) of the 0/1 prediction for channel class_num of (num_classes, x, y, z) arrays."""
    class_pred = pred[class_num]
    class_label = label[class_num]
    tp = np.sum((class_pred == 1) & (class_label == 1))
    tn = np.sum((class_pred == 0) & (class_label == 0))
    fp = np.sum((class_pred == 1) & (class_label == 0))
    fn = np.sum((class_pred == 0) & (class_label == 1))
    # numpy integers: 0 / 0 gives nan (with a RuntimeWarning) where a rate is undefined, as in the course
    sensitivity = tp / (tp + fn)
    specificity = tn / (tn + fp)
    return float(sensitivity), float(specificity)
