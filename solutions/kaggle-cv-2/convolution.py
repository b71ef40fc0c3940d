"""Convolution and ReLU, the feature-extraction step of a CNN (Kaggle Learn Computer Vision, Lesson 2).

Reference solution: conv2d with PyTorch's conventions written in numpy, ReLU, and an edge
detector for a synthetic chest radiograph.
"""

from __future__ import annotations

import numpy as np

from autograde.datasets.imaging import FIELD_OF_VIEW_MM, synthetic_chest_xray  # noqa: F401 (given)

# --- given: kernels from the lesson and a synthetic chest X-ray ------------------------------

EDGE_KERNEL = np.array([[-1.0, -1.0, -1.0], [-1.0, 8.0, -1.0], [-1.0, -1.0, -1.0]])
BOTTOM_SOBEL = np.array([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]])
SHARPEN_KERNEL = np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]])

# synthetic_chest_xray(size=96, nodule=True, seed=0) -> a (size, size) uint8 chest film with ribs and a
# 22 mm nodule; FIELD_OF_VIEW_MM = 350 mm across. Both come from the project's seeded generators.


# --- the exercise ---------------------------------------------------------------------------


def _pair(value: int | tuple[int, int]) -> tuple[int, int]:
    """An int n means (n, n); a pair is (height, width)."""
    if isinstance(value, int):
        return value, value
    height, width = value
    return height, width


def output_size(
    h: int,
    w: int,
    kernel: int | tuple[int, int],
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
) -> tuple[int, int]:
    """(H_out, W_out) of a convolution: floor((H + 2p - k) / s) + 1 along each axis."""
    kh, kw = _pair(kernel)
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (w + 2 * pw - kw) // sw + 1
    if h_out < 1 or w_out < 1:
        raise ValueError(f"a {kh}x{kw} kernel does not fit in a {h}x{w} image padded by ({ph}, {pw})")
    return h_out, w_out


def conv2d(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
) -> np.ndarray:
    """PyTorch's conv2d (a cross-correlation with zero padding) in numpy: (N, C_in, H, W) -> (N, C_out, H_out, W_out)."""
    x = np.asarray(x, dtype=np.float64)  # an integer image would overflow or truncate
    n, c_in, h, w = x.shape
    c_out, weight_c_in, kh, kw = weight.shape
    if weight_c_in != c_in:
        raise ValueError(f"weight expects {weight_c_in} input channels but x has {c_in}")
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)

    h_out, w_out = output_size(h, w, (kh, kw), (sh, sw), (ph, pw))
    padded = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)))  # zeros on every side
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            window = padded[:, :, i * sh : i * sh + kh, j * sw : j * sw + kw]  # (N, C_in, kH, kW)
            # each filter (C_out, C_in, kH, kW) times each window, summed over input channels and kernel positions
            out[:, :, i, j] = (window[:, None] * weight[None]).sum(axis=(2, 3, 4))
    if bias is not None:
        out += bias[None, :, None, None]  # one number per output channel
    return out


def relu(x: np.ndarray) -> np.ndarray:
    """max(x, 0) elementwise, as a new array of the same shape and dtype."""
    return np.maximum(x, 0)


def detect_edges(image: np.ndarray, kernel: np.ndarray = EDGE_KERNEL) -> np.ndarray:
    """ReLU of the image filtered by `kernel` with 'same' zero padding: an (H, W) float feature map."""
    kh, kw = kernel.shape
    feature_map = conv2d(image[None, None], kernel[None, None], padding=(kh // 2, kw // 2))
    return relu(feature_map[0, 0])
