"""ai4med-c1w2 written the way the course's notebook does it (a second reference, graded in the suite).

The course's own code: counts from `pred >= th` with np.sum (numpy integers, so a zero
denominator gives nan with a RuntimeWarning rather than an error), prevalence with np.mean, the
metrics as plain ratios of the counts, and the course's bootstrap_auc, which resamples a
DataFrame per class with `df.sample(n=..., replace=True)` drawing from numpy's global random
state. The functions the course does not have (Bayes' PPV, ROC points, trapezoids, calibration
bins) are written in the same plain style: loops over thresholds, samples and bins.
"""

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

from autograde.datasets.screening import chest_xray_screening  # noqa: F401

EXAMPLE_Y = np.array([1, 0, 1, 1, 0, 0])
EXAMPLE_PRED = np.array([0.9, 0.6, 0.5, 0.2, 0.5, 0.1])


def true_positives(y, pred, th=0.5):
    TP = 0

    # get thresholded predictions
    thresholded_preds = pred >= th

    # compute TP
    TP = np.sum((y == 1) & (thresholded_preds == 1))

    return TP


def true_negatives(y, pred, th=0.5):
    TN = 0

    # get thresholded predictions
    thresholded_preds = pred >= th

    # compute TN
    TN = np.sum((y == 0) & (thresholded_preds == 0))

    return TN


def false_positives(y, pred, th=0.5):
    FP = 0

    # get thresholded predictions
    thresholded_preds = pred >= th

    # compute FP
    FP = np.sum((y == 0) & (thresholded_preds == 1))

    return FP


def false_negatives(y, pred, th=0.5):
    FN = 0

    # get thresholded predictions
    thresholded_preds = pred >= th

    # compute FN
    FN = np.sum((y == 1) & (thresholded_preds == 0))

    return FN


def get_accuracy(y, pred, th=0.5):
    accuracy = 0.0

    # get TP, FP, TN, FN using our previously defined functions
    TP = true_positives(y, pred, th)
    FP = false_positives(y, pred, th)
    TN = true_negatives(y, pred, th)
    FN = false_negatives(y, pred, th)

    # Compute accuracy using TP, FP, TN, FN
    accuracy = (TP + TN) / (TP + FP + TN + FN)

    return accuracy


def get_prevalence(y):
    prevalence = 0.0

    prevalence = np.mean(y, axis=0)

    return prevalence


def get_sensitivity(y, pred, th=0.5):
    sensitivity = 0.0

    # get TP and FN using our previously defined functions
    TP = true_positives(y, pred, th)
    FN = false_negatives(y, pred, th)

    # use TP and FN to compute sensitivity
    sensitivity = TP / (TP + FN)

    return sensitivity


def get_specificity(y, pred, th=0.5):
    specificity = 0.0

    # get TN and FP using our previously defined functions
    TN = true_negatives(y, pred, th)
    FP = false_positives(y, pred, th)

    # use TN and FP to compute specificity
    specificity = TN / (TN + FP)

    return specificity


def get_ppv(y, pred, th=0.5):
    PPV = 0.0

    # get TP and FP using our previously defined functions
    TP = true_positives(y, pred, th)
    FP = false_positives(y, pred, th)

    # use TP and FP to compute PPV
    PPV = TP / (TP + FP)

    return PPV


def get_npv(y, pred, th=0.5):
    NPV = 0.0

    # get TN and FN using our previously defined functions
    TN = true_negatives(y, pred, th)
    FN = false_negatives(y, pred, th)

    # use TN and FN to compute NPV
    NPV = TN / (TN + FN)

    return NPV


def ppv_from_bayes(sensitivity, specificity, prevalence):
    numerator = sensitivity * prevalence
    denominator = sensitivity * prevalence + (1 - specificity) * (1 - prevalence)
    if denominator == 0:
        return float("nan")
    return numerator / denominator


def roc_curve_points(y, pred):
    n_pos = np.sum(y == 1)
    n_neg = np.sum(y == 0)
    if n_pos == 0 or n_neg == 0:
        raise ValueError("need images with and without the finding")
    thresholds = [np.inf] + sorted(set(pred.tolist()), reverse=True)
    fpr, tpr = [], []
    for th in thresholds:
        tpr.append(true_positives(y, pred, th) / n_pos)
        fpr.append(false_positives(y, pred, th) / n_neg)
    return np.array(fpr), np.array(tpr), np.array(thresholds)


def auc_trapezoid(fpr, tpr):
    area = 0.0
    for i in range(len(fpr) - 1):
        area += (fpr[i + 1] - fpr[i]) * (tpr[i] + tpr[i + 1]) / 2
    return area


def bootstrap_auc(y, pred, classes, bootstraps=100, fold_size=1000):
    statistics = np.zeros((len(classes), bootstraps))

    for c in range(len(classes)):
        df = pd.DataFrame(columns=['y', 'pred'])
        df.loc[:, 'y'] = y[:, c]
        df.loc[:, 'pred'] = pred[:, c]
        # get positive examples for stratified sampling
        df_pos = df[df.y == 1]
        df_neg = df[df.y == 0]
        prevalence = len(df_pos) / len(df)
        for i in range(bootstraps):
            # stratified sampling of positive and negative examples
            pos_sample = df_pos.sample(n=int(fold_size * prevalence), replace=True)
            neg_sample = df_neg.sample(n=int(fold_size * (1 - prevalence)), replace=True)

            y_sample = np.concatenate([pos_sample.y.values, neg_sample.y.values])
            pred_sample = np.concatenate([pos_sample.pred.values, neg_sample.pred.values])
            score = roc_auc_score(y_sample, pred_sample)
            statistics[c][i] = score
    return statistics


def calibration_curve_bins(y, pred, n_bins=10):
    if np.any(pred < 0) or np.any(pred > 1):
        raise ValueError("predicted probabilities must lie in [0, 1]")
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    fraction_of_positives, mean_predicted_probability = [], []
    for k in range(n_bins):
        if k == 0:
            in_bin = (pred >= edges[0]) & (pred <= edges[1])
        else:
            in_bin = (pred > edges[k]) & (pred <= edges[k + 1])
        if np.sum(in_bin) > 0:
            fraction_of_positives.append(np.mean(y[in_bin]))
            mean_predicted_probability.append(np.mean(pred[in_bin]))
    return np.array(fraction_of_positives), np.array(mean_predicted_probability)
