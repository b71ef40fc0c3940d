"""ai4med-c3w3 written the way the course's notebook has learners write it (a second reference).

The course's idioms: np.random.permutation (numpy's global generator, no rng argument), an
importances frame created as pd.DataFrame(index=["importance"], columns=X.columns) (object
dtype) and filled feature by feature from a np.zeros array of permuted scores, Shapley values
with plain loops over coalitions, and Grad-CAM as the course's steps (weights = mean gradient
per channel, dot product with the spatial map, ReLU, resize, divide by the max) in torch. It
must get full marks: the graders keep the course's contract.
"""

from itertools import combinations
from math import factorial

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F


def permute_feature(df, feature):
    permuted_df = df.copy(deep=True)
    permuted_features = np.random.permutation(permuted_df[feature])
    permuted_df[feature] = permuted_features
    return permuted_df


def permutation_importance(X, y, model, metric, num_samples=100):
    importances = pd.DataFrame(index=["importance"], columns=X.columns)
    baseline_performance = metric(y, model.predict_proba(X)[:, 1])

    for feature in importances.columns:
        feature_performance_arr = np.zeros(num_samples)
        for i in range(num_samples):
            perm_X = permute_feature(X, feature)
            feature_performance_arr[i] = metric(y, model.predict_proba(perm_X)[:, 1])
        importances.loc["importance", feature] = baseline_performance - np.mean(feature_performance_arr)

    return importances


def shapley_values(predict, x, background):
    # not one of the course's exercises (it calls the shap library): plain loops over coalitions
    x = np.asarray(x, dtype=float)
    background = np.asarray(background, dtype=float)
    if x.ndim != 1 or background.ndim != 2 or background.shape[1] != len(x):
        raise ValueError("x should have shape (n,) and background shape (m, n)")
    n = len(x)

    def v(S):
        z = background.copy()
        for j in S:
            z[:, j] = x[j]
        return np.mean(predict(z))

    phi = np.zeros(n)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for size in range(n):
            for S in combinations(others, size):
                weight = factorial(len(S)) * factorial(n - len(S) - 1) / factorial(n)
                phi[i] = phi[i] + weight * (v(list(S) + [i]) - v(list(S)))
    return phi


def grad_cam(input_model, image, category_index, layer_name):
    # 1. the class output and the layer's output (a forward hook stands in for Keras' get_layer(...).output)
    spatial_map_layer = dict(input_model.named_modules())[layer_name]
    outputs = []
    handle = spatial_map_layer.register_forward_hook(lambda module, inputs, output: outputs.append(output))
    output_with_batch_dim = input_model(image)
    handle.remove()
    output_all_categories = output_with_batch_dim[0]
    y_c = output_all_categories[category_index]

    # 2. gradients of the class score with respect to the layer's output
    grads = torch.autograd.grad(y_c, outputs[0])[0]

    # 3. remove the batch dimension: (C, H, W) in torch's layout
    spatial_map_val = outputs[0][0].detach().numpy()
    grads_val = grads[0].numpy()

    # 4. weights: global average pooling of the gradients, one per channel
    weights = np.mean(grads_val, axis=(1, 2))

    # 5. dot product of the spatial map with the weights
    cam = np.tensordot(weights, spatial_map_val, axes=1)

    # postprocessing, as the course's: ReLU, resize to the image, divide by the max
    H, W = image.shape[2], image.shape[3]
    cam = np.maximum(cam, 0)
    cam = F.interpolate(torch.from_numpy(cam)[None, None], size=(H, W), mode="bilinear", align_corners=False)[0, 0].numpy()
    cam = cam / cam.max()
    return cam
