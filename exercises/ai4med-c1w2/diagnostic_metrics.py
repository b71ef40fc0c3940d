"""Evaluating a chest X-ray classifier (AI for Medical Diagnosis, Week 2).

Clinical setting: a deep-learning model reads frontal chest radiographs and outputs, for each of
four findings (atelectasis, cardiomegaly, pleural effusion, pneumothorax), the probability that
the finding is present. Before it may triage a real worklist, you measure on a labelled test
set how often it is right, and in which way it is wrong:
1. the confusion matrix at a threshold th: `true_positives`, `true_negatives`,
   `false_positives`, `false_negatives`;
2. the metrics built from it: `get_accuracy`, `get_prevalence`, `get_sensitivity`,
   `get_specificity`, `get_ppv`, `get_npv`, and `ppv_from_bayes` (why a good test gives many
   false alarms when the disease is rare);
3. threshold-free: the ROC curve (`roc_curve_points`) and the area under it (`auc_trapezoid`);
4. how sure we are of each AUC: `bootstrap_auc` (resample the test set, as in the course);
5. whether a predicted 30 % means 30 %: `calibration_curve_bins`.

Everywhere: y holds the labels (1 = the finding is present according to the reference standard,
0 = absent) and pred the model's predicted probabilities in [0, 1]; an image is PREDICTED
POSITIVE when pred >= th (a prediction exactly equal to the threshold counts as positive).

`chest_xray_screening` gives you a synthetic test set to try your code on:

    y, pred, classes = chest_xray_screening(1000, seed=0)        # (1000, 4), (1000, 4), 4 names
    effusion = classes.index("Effusion")
    print(get_sensitivity(y[:, effusion], pred[:, effusion], th=0.5))
    fpr, tpr, thresholds = roc_curve_points(y[:, effusion], pred[:, effusion])
    print(auc_trapezoid(fpr, tpr))                                # about 0.86
    np.random.seed(0)                                             # bootstrap_auc draws from numpy's global state
    statistics = bootstrap_auc(y, pred, classes)                  # (4, 100): takes a few seconds
    print(np.percentile(statistics, [5, 95], axis=1))             # a 90 % interval per finding

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score  # noqa: F401 (the AUC of each bootstrap sample, as in the course)

from autograde.datasets.screening import chest_xray_screening  # noqa: F401 (given: a seeded synthetic test set)

# The small test set the docstring examples use: 6 images, labels and predicted probabilities.
EXAMPLE_Y = np.array([1, 0, 1, 1, 0, 0])
EXAMPLE_PRED = np.array([0.9, 0.6, 0.5, 0.2, 0.5, 0.1])


# --- the confusion matrix -----------------------------------------------------------------------
#
# For the four counts below:
#   y:    1-D numpy array of n labels, each 0 or 1 (int, float or bool dtype);
#   pred: 1-D numpy array of n predicted probabilities in [0, 1], same order as y;
#   th:   the decision threshold, 0 <= th <= 1; image i is PREDICTED POSITIVE when pred[i] >= th
#         (>=, not >: pred == th is positive), predicted negative when pred[i] < th.
#         So th = 0 calls every image positive, th = 1 only those with pred exactly 1.0.
# Each returns the count as an int (a Python int or a numpy integer) and modifies nothing.
# TP + TN + FP + FN = n for every th.


def true_positives(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> int:
    """Number of images with y == 1 that are predicted positive (pred >= th).

    Example (images 0 and 2; image 2 has pred exactly 0.5 = th, so it counts as positive):
        >>> true_positives(EXAMPLE_Y, EXAMPLE_PRED)
        2
        >>> true_positives(EXAMPLE_Y, EXAMPLE_PRED, th=0.55)
        1
    """
    raise NotImplementedError


def true_negatives(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> int:
    """Number of images with y == 0 that are predicted negative (pred < th).

    Example:
        >>> true_negatives(EXAMPLE_Y, EXAMPLE_PRED), true_negatives(EXAMPLE_Y, EXAMPLE_PRED, th=0.55)
        (1, 2)
    """
    raise NotImplementedError


def false_positives(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> int:
    """Number of images with y == 0 that are predicted positive (pred >= th): false alarms.

    Example:
        >>> false_positives(EXAMPLE_Y, EXAMPLE_PRED), false_positives(EXAMPLE_Y, EXAMPLE_PRED, th=0.55)
        (2, 1)
    """
    raise NotImplementedError


def false_negatives(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> int:
    """Number of images with y == 1 that are predicted negative (pred < th): missed findings.

    Example:
        >>> false_negatives(EXAMPLE_Y, EXAMPLE_PRED), false_negatives(EXAMPLE_Y, EXAMPLE_PRED, th=0.55)
        (1, 2)
    """
    raise NotImplementedError


# --- metrics built from it ----------------------------------------------------------------------
#
# Same y, pred and th (with the same >= rule) as above. Each returns a float (a Python float or
# a numpy float64). When a denominator is 0 the metric is UNDEFINED, and the course leaves it
# so: the course's code divides the counts as they come from np.sum (numpy integers), which
# gives nan with numpy's RuntimeWarning "invalid value encountered"; the same division of Python
# ints raises ZeroDivisionError. Either is accepted. A number in its place (0 or 1) is wrong: it
# would report a useless or a perfect test where there is no information at all. For example:
# sensitivity on a test set without any positive image, PPV at a threshold that calls no image
# positive, NPV at th = 0.


def get_accuracy(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> float:
    """Accuracy = (TP + TN) / (TP + TN + FP + FN): the fraction of images classified correctly.

    Undefined (see above) for an empty test set.

    Example:
        >>> get_accuracy(EXAMPLE_Y, EXAMPLE_PRED)
        0.5
    """
    raise NotImplementedError


def get_prevalence(y: np.ndarray) -> float:
    """Prevalence = (number of images with y == 1) / (number of images): how common the finding is.

    It depends on the labels only, never on the model: the mean of y (np.mean, as in the course).
    Undefined (see above) for an empty array: nan from np.mean, or ZeroDivisionError.

    Example:
        >>> get_prevalence(EXAMPLE_Y)
        0.5
    """
    raise NotImplementedError


def get_sensitivity(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> float:
    """Sensitivity (recall, true positive rate) = TP / (TP + FN).

    Of the images WITH the finding, the fraction the model calls positive. Undefined (see above)
    when no image has y == 1.

    Example (3 images with the finding, 2 of them caught at th = 0.5):
        >>> get_sensitivity(EXAMPLE_Y, EXAMPLE_PRED)
        0.6666666666666666
    """
    raise NotImplementedError


def get_specificity(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> float:
    """Specificity (true negative rate) = TN / (TN + FP).

    Of the images WITHOUT the finding, the fraction the model calls negative. Undefined (see
    above) when no image has y == 0.

    Example:
        >>> get_specificity(EXAMPLE_Y, EXAMPLE_PRED), get_specificity(EXAMPLE_Y, EXAMPLE_PRED, th=0.55)
        (0.3333333333333333, 0.6666666666666666)
    """
    raise NotImplementedError


def get_ppv(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> float:
    """Positive predictive value (precision) = TP / (TP + FP).

    Of the images the model CALLS POSITIVE, the fraction that really has the finding: what a
    radiologist wants to know when the model flags an image. Undefined (see above) when no image
    is predicted positive (e.g. th above every prediction).

    Example (4 images called positive at th = 0.5, 2 with the finding; 1 at th = 0.8, with it):
        >>> get_ppv(EXAMPLE_Y, EXAMPLE_PRED), get_ppv(EXAMPLE_Y, EXAMPLE_PRED, th=0.8)
        (0.5, 1.0)
    """
    raise NotImplementedError


def get_npv(y: np.ndarray, pred: np.ndarray, th: float = 0.5) -> float:
    """Negative predictive value = TN / (TN + FN).

    Of the images the model CALLS NEGATIVE, the fraction that really is free of the finding.
    Undefined (see above) when no image is predicted negative (e.g. th = 0).

    Example (2 images called negative at th = 0.5, 1 without the finding; 1 at th = 0.15, without it):
        >>> get_npv(EXAMPLE_Y, EXAMPLE_PRED), get_npv(EXAMPLE_Y, EXAMPLE_PRED, th=0.15)
        (0.5, 1.0)
    """
    raise NotImplementedError


def ppv_from_bayes(sensitivity: float, specificity: float, prevalence: float) -> float:
    """PPV from sensitivity, specificity and prevalence with Bayes' rule.

        PPV = sens * prev / (sens * prev + (1 - spec) * (1 - prev))

    (the numerator is P(finding and called positive), the second term P(no finding and called
    positive)). All three arguments are floats in [0, 1]. Returns a float; NaN when the
    denominator is 0 (nobody would be called positive: sens * prev = 0 and (1 - spec) * (1 - prev) = 0).

    Example (a 90 % sensitive, 90 % specific test for a finding in 1 % of patients: fewer than
    1 positive call in 12 is right):
        >>> round(ppv_from_bayes(0.9, 0.9, 0.01), 4)
        0.0833
    """
    raise NotImplementedError


# --- ROC curve and AUC --------------------------------------------------------------------------


def roc_curve_points(y: np.ndarray, pred: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ROC curve: false and true positive rates at every distinct threshold.

    thresholds = [np.inf] followed by the DISTINCT values of pred in DECREASING order (so
    len(thresholds) = number of distinct predictions + 1). At each threshold t an image is
    predicted positive when pred >= t (the same rule as above), and
        tpr = TP / (number of images with y == 1)     (sensitivity)
        fpr = FP / (number of images with y == 0)     (1 - specificity)
    So the curve starts at (fpr, tpr) = (0, 0) (t = inf: nothing called positive) and ends at
    (1, 1) (t = the smallest prediction: everything called positive). This is what
    sklearn.metrics.roc_curve(y, pred, drop_intermediate=False) returns.

    Args:
        y: 1-D array of n labels, 0 or 1; both values must occur.
        pred: 1-D array of n predicted probabilities.

    Returns:
        (fpr, tpr, thresholds): three 1-D float numpy arrays of the same length.

    Raises:
        ValueError: if y has no 1 or no 0 (one of the rates would be 0 / 0).

    Example (the 0.5 threshold moves 1 positive and 1 negative image at once):
        >>> fpr, tpr, thresholds = roc_curve_points(EXAMPLE_Y, EXAMPLE_PRED)
        >>> thresholds
        array([inf, 0.9, 0.6, 0.5, 0.2, 0.1])
        >>> fpr.round(3), tpr.round(3)
        (array([0.   , 0.   , 0.333, 0.667, 0.667, 1.   ]), array([0.   , 0.333, 0.333, 0.667, 1.   , 1.   ]))
    """
    raise NotImplementedError


def auc_trapezoid(fpr: np.ndarray, tpr: np.ndarray) -> float:
    """Area under the curve through the points (fpr[i], tpr[i]), joined by straight lines.

    The trapezoidal rule: sum over i of (fpr[i+1] - fpr[i]) * (tpr[i] + tpr[i+1]) / 2. The
    points come in order of non-decreasing fpr (as roc_curve_points returns them); at least 2.
    Straight lines matter: where several images share a prediction, the ROC curve goes
    diagonally, and the area under that segment is a trapezoid, not a rectangle. On the points
    of roc_curve_points the result equals sklearn.metrics.roc_auc_score(y, pred).

    Returns:
        The area as a float.

    Example:
        >>> auc_trapezoid(np.array([0.0, 0.5, 1.0]), np.array([0.0, 1.0, 1.0]))
        0.75
    """
    raise NotImplementedError


# --- bootstrap confidence intervals -------------------------------------------------------------


def bootstrap_auc(
    y: np.ndarray,
    pred: np.ndarray,
    classes: list[str],
    bootstraps: int = 100,
    fold_size: int = 1000,
) -> np.ndarray:
    """AUROC of every class on `bootstraps` stratified bootstrap samples of the test set (the course's method).

    For each class c = 0, 1, ..., len(classes) - 1, in this order (column c of y and pred):
        positive rows = the rows with y[:, c] == 1, negative rows = the rows with y[:, c] == 0,
            each in increasing row order (df[df.y == 1] in the course, or np.flatnonzero)
        prevalence = (number of positive rows) / n                (n = number of rows)
        n_pos = int(fold_size * prevalence)
        n_neg = int(fold_size * (1 - prevalence))
            (exactly these expressions, as in the course: int() rounds down, so n_pos + n_neg
            can be fold_size - 1; n_neg is NOT fold_size - n_pos)
        for i = 0, 1, ..., bootstraps - 1:
            draw n_pos of the positive rows WITH replacement, then n_neg of the negative rows
            WITH replacement, and
            statistics[c, i] = roc_auc_score of y[:, c] and pred[:, c] on those n_pos + n_neg rows
    Sampling positives and negatives separately keeps the class prevalence of every sample equal
    to that of the test set (stratified); with replacement is what makes it a bootstrap.

    Randomness, as in the course: every draw comes from numpy's GLOBAL random state, in the order
    above, with either of these (they draw the same rows):
        df_pos.sample(n=n_pos, replace=True)    (the course: a DataFrame of the class's positive
                                                 rows, sampled without a random_state)
        np.random.choice(positive_rows, size=n_pos, replace=True)
    and the same for the negatives. Do not seed inside the function and do not make a generator
    of your own: the caller seeds (np.random.seed(0) before the call gives the same result every
    time; two calls in a row give two different sets of samples).

    Args:
        y: (n, C) array of 0/1 labels, one column per class.
        pred: (n, C) array of predicted probabilities.
        classes: list of the C class names (only its length and order are used).
        bootstraps: number of bootstrap samples per class.
        fold_size: size of each bootstrap sample (before the rounding above).
        The caller makes sure n_pos >= 1 and n_neg >= 1 for every class. Nothing is modified.

    Returns:
        statistics: (C, bootstraps) float numpy array; row c holds the AUCs of class classes[c].
        np.percentile(statistics[c], [5, 95]) is then a 90 % confidence interval.

    Example:
        >>> y, pred, classes = chest_xray_screening(1000, seed=0)
        >>> np.random.seed(0)
        >>> statistics = bootstrap_auc(y, pred, classes, bootstraps=3, fold_size=200)
        >>> statistics.shape, statistics.round(3)[1]
        ((4, 3), array([0.875, 0.962, 0.882]))
    """
    raise NotImplementedError


# --- calibration --------------------------------------------------------------------------------


def calibration_curve_bins(y: np.ndarray, pred: np.ndarray, n_bins: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Reliability diagram: in equal-width bins of predicted probability, the observed fraction of positives.

    Bins: edges = np.linspace(0.0, 1.0, n_bins + 1); bin k (k = 0 .. n_bins - 1) holds the
    predictions p with edges[k] < p <= edges[k + 1] (closed on the RIGHT), and bin 0 also
    holds p = 0.0. So a prediction exactly on an inner edge belongs to the bin BELOW it, and
    p = 1.0 to the last bin. For each NON-EMPTY bin, in increasing order of k:
        fraction of positives = mean of y over the images in the bin
        mean predicted probability = mean of pred over the same images
    Empty bins are dropped (no NaN, no zeros in their place), so both arrays have one entry per
    non-empty bin. This is sklearn.calibration.calibration_curve(y, pred, n_bins=n_bins,
    strategy="uniform"), which returns the same pair in the same order. A calibrated model has
    fraction of positives close to mean predicted probability in every bin.

    Args:
        y: 1-D array of n labels, 0 or 1.
        pred: 1-D array of n predicted probabilities.
        n_bins: number of equal-width bins, >= 1.

    Returns:
        (fraction_of_positives, mean_predicted_probability): two 1-D float numpy arrays of the
        same length (the number of non-empty bins).

    Raises:
        ValueError: if a prediction lies outside [0, 1].

    Example (4 bins of width 0.25; 0.25 sits on an edge and joins the first bin; (0.25, 0.5] is empty):
        >>> fraction, mean_pred = calibration_curve_bins(np.array([0, 1, 1, 0, 1]), np.array([0.0, 0.2, 0.25, 0.7, 1.0]), n_bins=4)
        >>> fraction.round(3), mean_pred.round(3)
        (array([0.667, 0.   , 1.   ]), array([0.15, 0.7 , 1.  ]))
    """
    raise NotImplementedError
