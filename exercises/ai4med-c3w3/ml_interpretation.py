"""Interpreting models: permutation importance, Shapley values, Grad-CAM (AI for Medical Treatment, Week 3).

A clinician will not act on a risk score or an image classifier that cannot say WHY. Here you
write three explanation methods from the course:
- permutation importance (which features a mortality model relies on, over the whole cohort);
- exact Shapley values (how much each measurement moved ONE patient's predicted risk);
- Grad-CAM (where on a chest film a CNN found the evidence for a finding).

Replace each `raise NotImplementedError` with your code; keep the names and signatures. The data
and the model at the top are given (the project's seeded generators): you do not write them.
"""

from __future__ import annotations

from itertools import combinations  # noqa: F401 (useful for the coalitions)
from math import factorial  # noqa: F401 (useful for the Shapley weights)
from typing import Callable

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F  # noqa: F401 (F.interpolate)

from autograde.datasets.interpretation import (  # noqa: F401 (given: data and model to try your functions on)
    MORTALITY_FEATURES,
    NODULE_CLASSES,
    mortality_cohort,
    nodule_cnn,
    xray_tensor,
)

# --- given -----------------------------------------------------------------------------------
# mortality_cohort(n_patients=1000, seed=0) -> (X, y): a synthetic NHANES-like cohort. X has the
#     columns MORTALITY_FEATURES (Age in years, Sex 0 = male / 1 = female, Systolic_BP in mmHg,
#     Serum_Albumin in g/dL, White_Blood_Cells in 10^3/uL, BMI in kg/m^2, Serum_Cholesterol in
#     mg/dL) indexed by patient id; y = 1 if the patient died within 10 years. BMI and
#     cholesterol have NO effect on the true risk.
# nodule_cnn(seed=0) -> a tiny torch.nn.Sequential CNN (fixed seeded weights, eval mode) giving
#     2 class scores, NODULE_CLASSES = ("no_nodule", "nodule"); its last conv layer, model[6], is
#     named "6" (dict(model.named_modules())["6"], model.get_submodule("6")).
# xray_tensor(size=32, nodule=True, seed=0) -> a synthetic chest film, (1, 1, size, size) float32 in [0, 1].


# --- permutation importance ------------------------------------------------------------------


def permute_feature(df: pd.DataFrame, feature: str) -> pd.DataFrame:
    """A copy of df in which the values of one column are shuffled among the patients.

    Shuffling a feature breaks its link with the outcome but keeps its distribution; how much a
    model's score drops then is that feature's permutation importance. As in the course:

        permuted_df = df.copy()                                # same index, columns, dtypes
        permuted_df[feature] = np.random.permutation(df[feature].to_numpy())

    i.e. numpy's GLOBAL random generator (np.random), so that `np.random.seed(s)` before the call
    makes the shuffle reproducible; the permuted values are assigned as a numpy array, so that
    pandas does not re-align them on the patient ids. Every other column and the index stay
    exactly as they were: the rows (patients) are not reordered, only this feature's values
    move between them.

    Args:
        df: patients x features. It must not be modified.
        feature: the name of the column to shuffle.

    Returns:
        A new pandas DataFrame (not df itself) with df's index, columns (same order) and dtypes.

    Example:
        >>> df = pd.DataFrame({"Age": [45.0, 62.0, 71.0, 58.0], "Albumin": [4.4, 3.9, 3.2, 4.1]},
        ...                   index=[101, 102, 103, 104])
        >>> np.random.seed(0)
        >>> permute_feature(df, "Age")
              Age  Albumin
        101  71.0      4.4
        102  58.0      3.9
        103  62.0      3.2
        104  45.0      4.1
    """
    raise NotImplementedError


def permutation_importance(X: pd.DataFrame, y, model, metric: Callable, num_samples: int = 100) -> pd.DataFrame:
    """Permutation importance of every feature of X for a fitted classifier (the course's definition).

    With p(X) = model.predict_proba(X)[:, 1] (the predicted risk of the positive class, death):

        baseline = metric(y, p(X))                          # first, once
        for each feature in X.columns, in order:
            scores = [metric(y, p(permute_feature(X, feature))) for _ in range(num_samples)]
            importance[feature] = baseline - mean(scores)

    so a feature the model relies on gets a positive importance (shuffling it hurts the score),
    and a feature the model ignores gets exactly 0. The shuffles come from permute_feature, so
    `np.random.seed(s)` before the call makes the result reproducible.

    Args:
        X: patients x features. It must not be modified.
        y: the 0/1 outcomes, aligned with X's rows (a numpy array or a pandas Series). It must
            not be modified.
        model: a fitted classifier with predict_proba(X) -> (n_patients, 2) array, e.g. a
            scikit-learn LogisticRegression or RandomForestClassifier.
        metric: a score where higher is better, called as metric(y, risk) (true outcomes
            first), e.g. sklearn.metrics.roc_auc_score (the AUC, which is the C-index for a
            0/1 outcome).
        num_samples: number of shuffled copies per feature (default 100).

    Returns:
        The course's layout: a pandas DataFrame with ONE row, indexed ["importance"], and one
        column per feature (X's column names, in X's order), holding the importances (floats).
        (`importances.T` gives one row per feature, e.g. for a bar plot.)

    Example:
        >>> from sklearn.linear_model import LogisticRegression
        >>> from sklearn.metrics import roc_auc_score
        >>> X, y = mortality_cohort(500, seed=0)
        >>> model = LogisticRegression(max_iter=1000).fit(X, y)
        >>> np.random.seed(0)
        >>> permutation_importance(X, y, model, roc_auc_score, num_samples=20).T.round(3)
                           importance
        Age                     0.156
        Sex                     0.024
        Systolic_BP             0.016
        Serum_Albumin           0.041
        White_Blood_Cells       0.016
        BMI                     0.000
        Serum_Cholesterol       0.006
    """
    raise NotImplementedError


# --- Shapley values --------------------------------------------------------------------------


def shapley_values(predict: Callable[[np.ndarray], np.ndarray], x: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Exact (interventional) Shapley values of one patient's prediction, by enumerating every coalition.

    Let N = {0, ..., n-1} be the features (n = len(x), 1 to 4 here: the work grows as 2^n). The
    value of a coalition S of features is the model's average prediction when the features in S
    take the patient's values and the others keep each background patient's own values:

        v(S) = mean over background rows b of predict(z_b),  z_b[j] = x[j] if j in S else background[b, j]

    (the mean of the PREDICTIONS, not the prediction at the mean row). So v(empty set) is the
    mean of predict(background) and v(N) = predict(x). Feature i's Shapley value is

        phi_i = sum over every S subset of N without i of  |S|! (n - |S| - 1)! / n!  *  (v(S + {i}) - v(S))

    and the values add up to the gap they explain (efficiency):
    sum_i phi_i = predict(x) - mean of predict(background).

    Args:
        predict: function from an (m, n) float numpy array of patients to an (m,) array of
            predictions (e.g. predicted 10-year mortality risk). Call it with 2-D arrays only.
        x: (n,) array, the patient to explain. It must not be modified.
        background: (m, n) array of m >= 1 reference patients, same feature order as x; it may
            hold ints (age in years, sex 0/1) while x holds floats. It must not be modified.

    Returns:
        An (n,) float numpy array: phi[i] is the Shapley value of feature i.

    Raises:
        ValueError: if x is not 1-D, or background is not 2-D with len(x) columns.

    Example:
        >>> predict = lambda Z: Z[:, 0] * Z[:, 1]
        >>> shapley_values(predict, np.array([2.0, 3.0]), np.array([[0.0, 0.0], [1.0, 1.0]]))
        array([2.5, 3. ])

        (v({}) = 0.5, v({0}) = 1, v({1}) = 1.5, v({0, 1}) = 6; phi_0 = (0.5 + 4.5) / 2, phi_1 = (1 + 5) / 2.)
    """
    raise NotImplementedError


# --- Grad-CAM --------------------------------------------------------------------------------


def grad_cam(input_model: torch.nn.Module, image: torch.Tensor, category_index: int, layer_name: str) -> np.ndarray:
    """Grad-CAM heat map: where on the image the evidence for class `category_index` lies, seen at
    the layer named `layer_name` (the course's arguments, in its order; torch instead of Keras).

    1. layer = input_model.get_submodule(layer_name) (the course's input_model.get_layer(layer_name)).
       Register a forward hook on it that keeps its output A, shape (1, K, h, w) (K feature
       maps), run scores = input_model(image) (shape (1, n_classes)), and remove every hook you
       registered (handle.remove()) before returning.
    2. G = the gradient of the class score scores[0, category_index] with respect to A (same
       shape as A), e.g. with torch.autograd.grad or a hook on A.
    3. Channel weights: w_k = the mean of G[0, k] over the h x w positions.
    4. cam = ReLU(sum over k of w_k * A[0, k]), an (h, w) map: only the evidence FOR the class.
    5. Upsample it to the image's size (H, W) = image.shape[-2:] with
       torch.nn.functional.interpolate(cam of shape (1, 1, h, w), size=(H, W), mode="bilinear",
       align_corners=False) (what the course's cv2.resize does).
    6. Divide by its maximum so that the strongest evidence is 1. If the maximum is 0 (no
       positive evidence anywhere) return an array of zeros; the course's cam / cam.max() gives
       NaN everywhere there, which is accepted too.

    Args:
        input_model: a torch.nn.Module mapping a (1, C, H, W) float32 tensor to (1, n_classes)
            scores. Use it as given: do not change its mode (eval/train) or its weights.
        image: a (1, C, H, W) float32 tensor, one image (channels first, torch's layout); H and
            W need not be equal. It must not be modified (no in-place changes, no
            requires_grad_ on it).
        category_index: which class score to explain, 0 <= category_index < n_classes (not
            necessarily the class that scores highest).
        layer_name: the name of a submodule of input_model, as in input_model.named_modules(),
            whose output has shape (1, K, h, w); e.g. "6", the last conv layer of nodule_cnn().

    Returns:
        An (H, W) numpy float array (not a tensor) with values in [0, 1].

    Example:
        >>> model = nodule_cnn()
        >>> cam = grad_cam(model, xray_tensor(32), 1, "6")   # evidence for "nodule"
        >>> cam.shape, float(cam.max())
        ((32, 32), 1.0)
    """
    raise NotImplementedError
