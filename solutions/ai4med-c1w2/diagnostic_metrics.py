"""Evaluating a chest X-ray classifier (AI for Medical Diagnosis, Week 2)."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score

from autograde.datasets.screening import chest_xray_screening  # noqa: F401 (given: a seeded synthetic test set)

# --- the confusion matrix -----------------------------------------------------------------------


def _predicted_positive(pred: np.ndarray, th: float) -> np.ndarray:
    """The course's rule: an image is called positive when the model's probability is >= th."""
    return np.asarray(pred) >= th


def true_positives(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> int:
    """Images with the finding that the model calls positive."""
    is_positive = np.asarray(y) == 1
    return int(np.sum(is_positive & _predicted_positive(pred, th)))


def true_negatives(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> int:
    """Images without the finding that the model calls negative."""
    is_negative = np.asarray(y) == 0
    return int(np.sum(is_negative & ~_predicted_positive(pred, th)))


def false_positives(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> int:
    """Images without the finding that the model calls positive (false alarms)."""
    is_negative = np.asarray(y) == 0
    return int(np.sum(is_negative & _predicted_positive(pred, th)))


def false_negatives(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> int:
    """Images with the finding that the model calls negative (missed findings)."""
    is_positive = np.asarray(y) == 1
    return int(np.sum(is_positive & ~_predicted_positive(pred, th)))


# --- metrics built from it ----------------------------------------------------------------------


def _ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator as a float, NaN when the denominator is 0 (the metric is undefined)."""
    return numerator / denominator if denominator > 0 else np.nan


def get_accuracy(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> float:
    """(TP + TN) / (TP + TN + FP + FN)."""
    tp, tn = true_positives(y, pred, th), true_negatives(y, pred, th)
    fp, fn = false_positives(y, pred, th), false_negatives(y, pred, th)
    return _ratio(tp + tn, tp + tn + fp + fn)


def get_prevalence(y: np.ndarray) -> float:
    """Fraction of images whose label is 1."""
    y = np.asarray(y)
    return _ratio(int(np.sum(y == 1)), y.size)


def get_sensitivity(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> float:
    """TP / (TP + FN): of the images with the finding, the fraction the model catches."""
    tp = true_positives(y, pred, th)
    fn = false_negatives(y, pred, th)
    return _ratio(tp, tp + fn)


def get_specificity(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> float:
    """TN / (TN + FP): of the images without the finding, the fraction the model clears."""
    tn = true_negatives(y, pred, th)
    fp = false_positives(y, pred, th)
    return _ratio(tn, tn + fp)


def get_ppv(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> float:
    """TP / (TP + FP): of the images the model calls positive, the fraction that has the finding."""
    tp_called = true_positives(y, pred, th)
    fp_called = false_positives(y, pred, th)
    return _ratio(tp_called, tp_called + fp_called)


def get_npv(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> float:
    """TN / (TN + FN): of the images the model calls negative, the fraction without the finding."""
    tn_called = true_negatives(y, pred, th)
    fn_called = false_negatives(y, pred, th)
    return _ratio(tn_called, tn_called + fn_called)


def ppv_from_bayes(sensitivity: float, specificity: float, prevalence: float) -> float:
    """PPV = sens * prev / (sens * prev + (1 - spec) * (1 - prev)), NaN when nobody tests positive."""
    true_alarms = sensitivity * prevalence
    false_alarms = (1.0 - specificity) * (1.0 - prevalence)
    return _ratio(true_alarms, true_alarms + false_alarms)


# --- ROC curve and AUC --------------------------------------------------------------------------


def roc_curve_points(y: np.ndarray, pred: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fpr, tpr, thresholds): thresholds = [inf] + the distinct predictions from high to low."""
    n_positive, n_negative = np.sum(y == 1), np.sum(y == 0)
    if n_positive == 0 or n_negative == 0:
        raise ValueError("an ROC curve needs images with and without the finding")
    thresholds = np.concatenate([[np.inf], np.unique(pred)[::-1]])
    # one row per threshold, one column per image: is the image called positive at that threshold?
    called_positive = pred[np.newaxis, :] >= thresholds[:, np.newaxis]
    tpr = np.sum(called_positive & (y == 1), axis=1) / n_positive
    fpr = np.sum(called_positive & (y == 0), axis=1) / n_negative
    return fpr, tpr, thresholds


def auc_trapezoid(fpr: np.ndarray, tpr: np.ndarray) -> float:
    """Area under the piecewise-linear curve through the points (fpr[i], tpr[i]), in order."""
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0))


# --- bootstrap confidence intervals -------------------------------------------------------------


def bootstrap_auc(
    y: np.ndarray,
    pred: np.ndarray,
    classes: list[str],
    bootstraps: int = 100,
    fold_size: int = 1000,
) -> np.ndarray:
    """AUROC of each class on `bootstraps` stratified resamples (with replacement) of the test set.

    Draws from numpy's global random state, as the course's DataFrame.sample does: the caller seeds.
    """
    statistics = np.zeros((len(classes), bootstraps))
    for c in range(len(classes)):
        labels, scores = y[:, c], pred[:, c]
        positive_rows = np.flatnonzero(labels == 1)
        negative_rows = np.flatnonzero(labels == 0)
        prevalence = len(positive_rows) / len(labels)
        n_pos = int(fold_size * prevalence)
        n_neg = int(fold_size * (1 - prevalence))
        for i in range(bootstraps):
            positive_sample = np.random.choice(positive_rows, size=n_pos, replace=True)
            negative_sample = np.random.choice(negative_rows, size=n_neg, replace=True)
            sample = np.concatenate([positive_sample, negative_sample])
            statistics[c, i] = roc_auc_score(labels[sample], scores[sample])
    return statistics


# --- calibration --------------------------------------------------------------------------------


def calibration_curve_bins(y: np.ndarray, pred: np.ndarray, n_bins: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """(fraction of positives, mean predicted probability) in each non-empty equal-width bin of [0, 1]."""
    if pred.size and (pred.min() < 0.0 or pred.max() > 1.0):
        raise ValueError("predicted probabilities must lie in [0, 1]")
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    # bin k is (edges[k], edges[k + 1]]: the number of inner edges strictly below p (0.0 joins bin 0)
    bin_of = np.searchsorted(edges[1:-1], pred, side="left")
    count = np.bincount(bin_of, minlength=n_bins)
    positives = np.bincount(bin_of, weights=y, minlength=n_bins)
    probability_sum = np.bincount(bin_of, weights=pred, minlength=n_bins)
    filled = count > 0
    return positives[filled] / count[filled], probability_sum[filled] / count[filled]
