"""Convolution and ReLU, the feature-extraction step of a CNN (Kaggle Learn Computer Vision, Lesson 2).

A convolutional layer slides small filters (kernels) over an image and, at every position,
multiplies the kernel by the pixels under it and adds everything up; ReLU then keeps only the
positive responses. Here you write both in plain numpy, with exactly the conventions of
PyTorch's `torch.nn.functional.conv2d` and `torch.relu`, and use them to find edges (rib
borders, the rim of a lung nodule) on a synthetic chest X-ray.

Rules: use numpy only inside your functions (no torch, no scipy.signal). Replace each
`raise NotImplementedError` with your code; keep the names and signatures. The kernels and
`synthetic_chest_xray` at the top are given: you do not need to change them.
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


def output_size(
    h: int,
    w: int,
    kernel: int | tuple[int, int],
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
) -> tuple[int, int]:
    """Height and width of the output of a convolution over an h x w image.

    Along each axis: out = (size + 2 * padding - kernel) // stride + 1 (floor division: a
    last step that would run past the padded image is not taken).

    Args:
        h, w: image height and width in pixels (ints >= 1).
        kernel: kernel size, an int k (meaning k x k) or a pair (kH, kW) = (height, width).
        stride: step between kernel positions, an int s or a pair (sH, sW) = (vertical, horizontal).
        padding: zeros added on EVERY side, an int p or a pair (pH, pW): pH rows of zeros above
            and pH below, pW columns left and pW right.

    Returns:
        A tuple (H_out, W_out) of two Python ints.

    Raises:
        ValueError: if the kernel does not fit in the padded image (H_out or W_out would be < 1).

    Example:
        >>> output_size(96, 96, 3, stride=2, padding=1)
        (48, 48)
        >>> output_size(20, 31, (3, 5), (2, 1), (1, 2))
        (10, 31)
    """
    raise NotImplementedError


def conv2d(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int | tuple[int, int] = 1,
    padding: int | tuple[int, int] = 0,
) -> np.ndarray:
    """A 2-D convolutional layer with PyTorch's conventions (`torch.nn.functional.conv2d`), in numpy.

    Like every deep-learning library, this is a CROSS-CORRELATION: the kernel is NOT flipped.
    For each image n, output channel o and output position (i, j):

        out[n, o, i, j] = bias[o] + sum over c, a, b of
                          x_padded[n, c, i * sH + a, j * sW + b] * weight[o, c, a, b]

    where c runs over the C_in input channels, a over 0..kH-1, b over 0..kW-1, and x_padded is
    x with pH rows of zeros added above and below and pW columns of zeros left and right.
    (A textbook "true" convolution would use the kernel rotated by 180 degrees; do not.)

    Args:
        x: (N, C_in, H, W) array of real numbers, any real dtype (an integer image is fine):
            a batch of N images with C_in channels each. It must not be modified.
        weight: (C_out, C_in, kH, kW) array: C_out filters, each with one kH x kW kernel per
            input channel. Kernels need not be square. It must not be modified.
        bias: None (no bias) or a (C_out,) array: one number added to every position of the
            matching output channel.
        stride: an int s or a pair (sH, sW) = (vertical step, horizontal step).
        padding: an int p or a pair (pH, pW) of zeros added on every side (see `output_size`).

    Returns:
        A new float64 array of shape (N, C_out, H_out, W_out), where
        H_out = (H + 2 * pH - kH) // sH + 1 and W_out = (W + 2 * pW - kW) // sW + 1.

    Raises:
        ValueError: if weight.shape[1] differs from x.shape[1] (the number of input channels),
        or if the kernel does not fit in the padded image.

    Example:
        >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
        >>> weight = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])  # a pixel minus its lower-right neighbour
        >>> conv2d(x, weight)
        array([[[[-5., -5., -5.],
                 [-5., -5., -5.],
                 [-5., -5., -5.]]]])
        >>> conv2d(x, weight, bias=np.array([1.0]), stride=2)
        array([[[[-4., -4.],
                 [-4., -4.]]]])
        >>> conv2d(x, weight, padding=1).shape
        (1, 1, 5, 5)
    """
    raise NotImplementedError


def relu(x: np.ndarray) -> np.ndarray:
    """The rectified linear unit, max(x, 0) elementwise (like `torch.relu`).

    Args:
        x: numpy array of any shape and any real dtype. It must not be modified.

    Returns:
        A NEW numpy array (not x itself, not a view of it) of the same shape and the same dtype
        as x: negative entries become 0, the others are kept.

    Example:
        >>> relu(np.array([-2.0, 0.0, 3.5]))
        array([0. , 0. , 3.5])
    """
    raise NotImplementedError


def detect_edges(image: np.ndarray, kernel: np.ndarray = EDGE_KERNEL) -> np.ndarray:
    """Edge map of a grayscale radiograph: filter with `kernel`, then ReLU (Kaggle's "detect" step).

    Use your `conv2d` with one image, one input channel and one output channel, no bias,
    stride 1, and 'same' zero padding: kH // 2 rows above and below and kW // 2 columns left and
    right, so the edge map has the image's size. Then apply your `relu`. Because the padding is
    zeros, a bright image gets a bright frame of "edges" along its border: that is expected.

    Args:
        image: (H, W) array of pixel values, any real dtype (e.g. the uint8 output of
            `synthetic_chest_xray`). It must not be modified.
        kernel: (kH, kW) array with odd kH and kW, used as a cross-correlation like in `conv2d`.
            Defaults to EDGE_KERNEL.

    Returns:
        A float64 array of shape (H, W), every entry >= 0.

    Example:
        >>> image = np.full((5, 5), 50, dtype=np.uint8)
        >>> image[2, 2] = 80  # a tiny bright nodule on flat tissue
        >>> detect_edges(image)
        array([[250., 150., 150., 150., 250.],
               [150.,   0.,   0.,   0., 150.],
               [150.,   0., 240.,   0., 150.],
               [150.,   0.,   0.,   0., 150.],
               [250., 150., 150., 150., 250.]])
    """
    raise NotImplementedError
