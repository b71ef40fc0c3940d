"""Hidden graders for kaggle-cv-2 (convolution and ReLU).

Oracle: torch.nn.functional.conv2d and torch.relu in float64 on the same seeded inputs. The
synthetic chest X-rays come from the reference solution's (given) generator.
"""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograde.datasets.imaging import synthetic_chest_xray
from autograde.checks import assert_array_close, call_checked, check, expect_array, expect_type, fail

TOL = {"rtol": 1e-9, "atol": 1e-9}


def torch_conv2d(x, weight, bias=None, stride=1, padding=0):
    """The oracle: PyTorch's conv2d in float64 on copies of the inputs."""

    def tensor(a):
        return torch.from_numpy(np.array(a, dtype=np.float64))

    b = None if bias is None else tensor(bias)
    return F.conv2d(tensor(x), tensor(weight), b, stride=stride, padding=padding).numpy()


def torch_edges(image, kernel):
    """The oracle for detect_edges: relu(conv2d) with 'same' zero padding, one channel."""
    kh, kw = kernel.shape
    out = torch_conv2d(image[None, None], kernel[None, None], padding=(kh // 2, kw // 2))
    return torch.relu(torch.from_numpy(out)).numpy()[0, 0]


def expect_output(actual, expected, *, name, mistakes=()):
    """Type first; then, if the output matches a known mistake, name it; then shape, dtype kind, values.

    ``mistakes`` are (what that mistake would give, learner-facing message) pairs.
    """
    array = expect_array(actual, name=name, ndim=expected.ndim)
    if array.shape == expected.shape and array.dtype == np.float64 and np.allclose(array, expected, **TOL):
        return
    if array.dtype.kind in "fiu":
        for wrong, message in mistakes:
            if array.shape == wrong.shape and np.allclose(array, wrong, **TOL):
                fail(f"{name}: {message}")
    array = expect_array(array, name=name, shape=expected.shape)
    check(array.dtype == np.float64, f"{name} has dtype {array.dtype}; it should be a float64 array")
    assert_array_close(array, expected, name=name, **TOL)


def expect_size(result, expected, *, name):
    check(type(result) is tuple, f"{name} should be a tuple (H_out, W_out), got {type(result).__name__}")
    check(len(result) == 2, f"{name} should have two entries (H_out, W_out), got {len(result)}")
    got = tuple(expect_type(v, int, name=f"{name}[{k}]", hint="a Python int (use //)") for k, v in enumerate(result))
    check(got == tuple(expected), f"{name} is not the correct size")


def torch_size(h, w, kernel, stride, padding):
    kh, kw = (kernel, kernel) if isinstance(kernel, int) else kernel
    out = F.conv2d(torch.zeros(1, 1, h, w, dtype=torch.float64), torch.zeros(1, 1, kh, kw, dtype=torch.float64),
                   stride=stride, padding=padding)
    return tuple(out.shape[2:])


# --- output_size --------------------------------------------------------------------------


@pytest.mark.grade(1, hint="Along each axis: (size + 2 * padding - kernel) // stride + 1, with floor division.", uses=["output_size"])
@pytest.mark.parametrize("h, w, k, s, p", [  # h, w, kernel, stride, padding
    (28, 28, 3, 1, 0), (28, 28, 3, 1, 1), (96, 96, 5, 2, 2), (7, 7, 3, 2, 0),
    (8, 8, 3, 2, 0), (10, 12, 4, 3, 1), (5, 5, 5, 1, 0), (3, 3, 5, 1, 1), (64, 50, 1, 4, 0),
])
def test_output_size_square(output_size, h, w, k, s, p):
    result = output_size(h, w, k, stride=s, padding=p)
    expect_size(result, torch_size(h, w, k, s, p), name=f"output_size({h}, {w}, {k}, stride={s}, padding={p})")


@pytest.mark.grade(1, hint="A pair means (height, width): use kH, sH, pH for the rows and kW, sW, pW for the columns.", uses=["output_size"])
@pytest.mark.parametrize("h, w, k, s, p", [
    (20, 31, (3, 5), (2, 1), (1, 2)), (64, 48, (7, 1), (1, 3), (3, 0)),
    (15, 16, (2, 4), (3, 2), (0, 1)), (9, 40, (3, 3), (1, 4), (2, 1)), (33, 12, 3, (2, 1), (1, 0)),
], ids=["20x31", "64x48", "15x16", "9x40", "33x12"])
def test_output_size_pairs(output_size, h, w, k, s, p):
    result = output_size(h, w, k, s, p)
    expect_size(result, torch_size(h, w, k, s, p), name=f"output_size({h}, {w}, {k}, {s}, {p})")


@pytest.mark.grade(1, hint="If the kernel is larger than the padded image there is no valid position: raise ValueError.", uses=["output_size"])
@pytest.mark.parametrize("args", [(4, 10, 5, 1, 0), (10, 4, (3, 7), 1, (1, 1)), (2, 2, 3, 2, 0), (30, 6, (5, 9), (1, 2), (0, 1))],
                         ids=["4x10", "10x4", "2x2", "30x6"])
def test_output_size_kernel_too_large_raises(output_size, args):
    with pytest.raises(ValueError):
        output_size(*args)


@pytest.mark.grade(1, hint="stride defaults to 1 and padding to 0: output_size(h, w, k) is the plain 'valid' size.", uses=["output_size"])
@pytest.mark.parametrize("h, w, k, s, p", [
    (28, 28, 3, None, None), (20, 31, (3, 5), None, None), (96, 96, 5, 2, None), (12, 9, (2, 4), None, (1, 2)),
], ids=["28x28", "20x31", "96x96-stride", "12x9-padding"])
def test_output_size_defaults(output_size, h, w, k, s, p):
    given = {key: value for key, value in (("stride", s), ("padding", p)) if value is not None}
    result = output_size(h, w, k, **given)
    call = ", ".join([f"{h}, {w}, {k}"] + [f"{key}={value}" for key, value in given.items()])
    expect_size(result, torch_size(h, w, k, s or 1, p or 0), name=f"output_size({call})")


# --- conv2d -------------------------------------------------------------------------------


@pytest.mark.grade(2, hint="conv2d is a cross-correlation: weight[o, c, 0, 0] multiplies the top-left pixel of the window, no flipping.", uses=["conv2d"])
def test_conv2d_is_cross_correlation(conv2d, rng):
    for shape, kernel in [((1, 1, 9, 11), (1, 1, 3, 3)), ((1, 1, 6, 6), (1, 1, 2, 2)), ((1, 1, 8, 7), (1, 1, 3, 3))]:
        x = rng.normal(100.0, 30.0, size=shape)
        weight = rng.normal(size=kernel)
        flipped = torch_conv2d(x, weight[:, :, ::-1, ::-1])
        expect_output(
            conv2d(x.copy(), weight.copy()), torch_conv2d(x, weight), name=f"conv2d of a {shape} image with a {kernel} kernel",
            mistakes=[(flipped, "the kernel is flipped (a textbook convolution); conv2d must not flip it")],
        )


@pytest.mark.grade(2, hint="Each output channel sums over ALL input channels: weight[o, c] is applied to channel c of x.", uses=["conv2d"])
def test_conv2d_sums_over_input_channels(conv2d, rng):
    for c_in, c_out in [(3, 2), (2, 4), (4, 1), (3, 3)]:
        x = rng.normal(size=(1, c_in, 7, 8))
        weight = rng.normal(size=(c_out, c_in, 3, 3))
        expected = torch_conv2d(x, weight)
        mistakes = [
            (torch_conv2d(x[:, :1], weight[:, :1]), "only the first input channel is used; sum over all of them"),
            (expected / c_in, "the input channels are averaged; they should be summed"),
        ]
        if c_in == c_out:
            mistakes.append((torch_conv2d(x, weight.transpose(1, 0, 2, 3)),
                             "weight is read as (C_in, C_out, kH, kW); its layout is (C_out, C_in, kH, kW)"))
        expect_output(conv2d(x, weight), expected, name=f"conv2d with {c_in} input and {c_out} output channels",
                      mistakes=mistakes)


@pytest.mark.grade(1, hint="Every image of the batch (axis 0 of x) gets its own output: loop or broadcast over N.", uses=["conv2d"])
def test_conv2d_batch(conv2d, rng):
    x = rng.normal(size=(4, 2, 6, 7))
    weight = rng.normal(size=(3, 2, 3, 3))
    expected = torch_conv2d(x, weight)
    first_only = np.repeat(expected[:1], 4, axis=0)
    expect_output(conv2d(x, weight), expected, name="conv2d of a batch of 4 images",
                  mistakes=[(first_only, "every image of the batch got the output of the first image")])


@pytest.mark.grade(1, hint="bias[o] is added to every position of output channel o (broadcast over N, H_out, W_out).", uses=["conv2d"])
def test_conv2d_adds_bias(conv2d, rng):
    x = rng.normal(size=(2, 2, 6, 8))
    weight = rng.normal(size=(3, 2, 3, 3))
    bias = rng.normal(0.0, 5.0, size=3)
    expected = torch_conv2d(x, weight, bias)
    expect_output(conv2d(x, weight, bias.copy()), expected, name="conv2d with a bias",
                  mistakes=[(torch_conv2d(x, weight), "the bias was not added")])
    expect_output(conv2d(x, weight, None), torch_conv2d(x, weight), name="conv2d with bias=None")


@pytest.mark.grade(2, hint="With stride (sH, sW) the window for output (i, j) starts at row i * sH and column j * sW.", uses=["conv2d"])
def test_conv2d_stride(conv2d, rng):
    for stride in [2, (2, 1), (1, 3), (3, 2)]:
        x = rng.normal(size=(2, 2, 9, 10))
        weight = rng.normal(size=(3, 2, 3, 3))
        sh, sw = (stride, stride) if isinstance(stride, int) else stride
        expected = torch_conv2d(x, weight, stride=stride)
        every_pixel = torch_conv2d(x, weight)
        mistakes = [
            (every_pixel, "the stride is ignored (every position is visited)"),
            (every_pixel[:, :, : expected.shape[2], : expected.shape[3]],
             "the window moves one pixel per output position; output (i, j) starts at row i * sH, column j * sW"),
        ]
        if sh != sw:
            mistakes.append((torch_conv2d(x, weight, stride=(sw, sh)),
                             "the stride pair is swapped: the first number is the vertical step"))
        expect_output(conv2d(x, weight, stride=stride), expected, name=f"conv2d with stride={stride}", mistakes=mistakes)


@pytest.mark.grade(2, hint="Padding p adds p rows/columns of ZEROS on every side (top and bottom, left and right) before sliding.", uses=["conv2d"])
def test_conv2d_zero_padding(conv2d, rng):
    for padding in [1, (1, 2), (2, 0), 2]:
        x = rng.normal(50.0, 20.0, size=(1, 2, 7, 8))
        weight = rng.normal(size=(2, 2, 3, 3))
        ph, pw = (padding, padding) if isinstance(padding, int) else padding
        one_side = np.pad(x, ((0, 0), (0, 0), (0, 2 * ph), (0, 2 * pw)))
        edge = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), mode="edge")
        mistakes = [
            (torch_conv2d(x, weight), "the padding is ignored"),
            (torch_conv2d(one_side, weight), "all the padding went to the bottom and right; pad p on every side"),
            (torch_conv2d(edge, weight), "the padding repeats the edge pixels; it should be zeros"),
        ]
        if ph != pw:
            mistakes.append((torch_conv2d(x, weight, padding=(pw, ph)),
                             "the padding pair is swapped: the first number pads the rows (height)"))
        expect_output(conv2d(x, weight, padding=padding), torch_conv2d(x, weight, padding=padding),
                      name=f"conv2d with padding={padding}", mistakes=mistakes)


@pytest.mark.grade(1, hint="Kernels need not be square: take kH and kW from weight.shape[2] and weight.shape[3].", uses=["conv2d"])
def test_conv2d_non_square_kernel(conv2d, rng):
    for kernel in [(2, 3), (3, 1), (1, 4), (5, 2)]:
        x = rng.normal(size=(1, 2, 8, 9))
        weight = rng.normal(size=(2, 2, *kernel))
        expect_output(conv2d(x, weight), torch_conv2d(x, weight), name=f"conv2d with a {kernel[0]}x{kernel[1]} kernel")


@pytest.mark.grade(2, hint="Put it together: zero padding, then windows every (sH, sW) pixels, sum over channels and kernel, plus bias.", uses=["conv2d"])
def test_conv2d_all_options_together(conv2d, rng):
    for _ in range(6):
        n, c_in, c_out = (int(v) for v in rng.integers(1, 4, size=3))
        h, w = (int(v) for v in rng.integers(5, 11, size=2))
        kh, kw = (int(v) for v in rng.integers(1, 5, size=2))
        stride = (int(rng.integers(1, 3)), int(rng.integers(1, 4)))
        padding = (int(rng.integers(0, 3)), int(rng.integers(0, 3)))
        x = rng.normal(size=(n, c_in, h, w))
        weight = rng.normal(size=(c_out, c_in, kh, kw))
        bias = rng.normal(size=c_out) if rng.uniform() < 0.7 else None
        expected = torch_conv2d(x, weight, bias, stride, padding)
        name = f"conv2d of x {x.shape}, weight {weight.shape}, stride={stride}, padding={padding}, bias {'given' if bias is not None else 'None'}"
        expect_output(conv2d(x, weight, bias, stride, padding), expected, name=name)


@pytest.mark.grade(1, hint="An integer image (uint8 pixels) must give float64 output: do not allocate the output with x's dtype.", uses=["conv2d"])
def test_conv2d_integer_input(conv2d, rng):
    x = rng.integers(0, 256, size=(2, 1, 8, 9)).astype(np.uint8)  # 8-bit radiograph pixels
    weight = rng.normal(size=(2, 1, 3, 3))
    result = conv2d(x.copy(), weight)
    expect_output(result, torch_conv2d(x, weight), name="conv2d of a uint8 image with float weights",
                  mistakes=[(np.trunc(torch_conv2d(x, weight)), "the output was rounded to integers")])
    int_weight = rng.integers(-3, 4, size=(1, 1, 3, 3))
    result = conv2d(x.astype(np.int64), int_weight)
    expect_output(result, torch_conv2d(x, int_weight), name="conv2d of an int64 image with integer weights")


@pytest.mark.grade(1, hint="The last window ends exactly at the padded image's edge: there are H + 2p - kH + 1 positions at stride 1.", uses=["conv2d"])
def test_conv2d_kernel_covers_image(conv2d, rng):
    cases = [((2, 3, 5, 4), (2, 3, 5, 4), 0), ((1, 2, 5, 4), (3, 2, 7, 6), 1), ((1, 1, 6, 5), (1, 1, 6, 1), 0)]
    for shape, kernel, padding in cases:
        x = rng.normal(size=shape)
        weight = rng.normal(size=kernel)
        expect_output(conv2d(x, weight, padding=padding), torch_conv2d(x, weight, padding=padding),
                      name=f"conv2d of x {shape} with a kernel {kernel[2:]} and padding={padding}")


@pytest.mark.grade(1, hint="Pad a copy (np.pad returns a new array) and write into a new output: x, weight and bias must not change.", uses=["conv2d"])
def test_conv2d_leaves_inputs_unchanged(conv2d, rng):
    x = rng.normal(size=(2, 2, 6, 6))
    weight = rng.normal(size=(3, 2, 3, 3))
    bias = rng.normal(size=3)
    expected = torch_conv2d(x, weight, bias, 1, 1)
    out = call_checked(conv2d, x, weight, bias, name="conv2d", new_object=True, unchanged=True, stride=1, padding=1)
    expect_output(out, expected, name="conv2d's output")


@pytest.mark.grade(1, hint="Convert x to float64 before multiplying: uint8 times uint8 wraps around past 255.", uses=["conv2d"])
def test_conv2d_integer_kernel_does_not_overflow(conv2d, rng):
    x = rng.integers(0, 256, size=(1, 1, 9, 10)).astype(np.uint8)  # 8-bit radiograph pixels
    box = np.ones((1, 1, 3, 3), dtype=np.uint8)  # a box blur: sums of 9 pixels reach 2295
    expect_output(conv2d(x.copy(), box.copy()), torch_conv2d(x, box), name="conv2d of a uint8 image with a uint8 box kernel")
    weight = rng.integers(1, 4, size=(2, 1, 2, 3)).astype(np.uint8)
    expect_output(conv2d(x.copy(), weight.copy(), stride=(2, 1), padding=1),
                  torch_conv2d(x, weight, stride=(2, 1), padding=1), name="conv2d of a uint8 image with uint8 weights")


@pytest.mark.grade(1, hint="Check that weight.shape[1] equals the number of input channels x.shape[1]; raise ValueError if not.", uses=["conv2d"])
def test_conv2d_rejects_mismatched_channels(conv2d, rng):
    x = rng.normal(size=(1, 3, 6, 6))
    for weight_shape in [(2, 2, 3, 3), (2, 4, 3, 3), (1, 1, 1, 1)]:
        with pytest.raises(ValueError):
            conv2d(x, rng.normal(size=weight_shape))


# --- relu ---------------------------------------------------------------------------------


@pytest.mark.grade(1, hint="relu keeps positive entries and replaces negative ones by 0, for arrays of any shape.", uses=["relu"])
def test_relu_values(relu, rng):
    for shape in [(7,), (3, 4), (2, 3, 4, 5)]:
        x = rng.normal(0.0, 3.0, size=shape)
        x.flat[::5] = 0.0
        expected = torch.relu(torch.from_numpy(x)).numpy()
        result = relu(x.copy())
        array = expect_array(result, name=f"relu of a {shape} array", shape=shape, kind="f")
        assert_array_close(array, expected, name=f"relu of a {shape} array", rtol=0, atol=0)


@pytest.mark.grade(1, hint="relu must return a new array and leave its input as it was (no x[x < 0] = 0 on the input).", uses=["relu"])
def test_relu_returns_new_array(relu, rng):
    x = rng.normal(size=(3, 5))
    result = call_checked(relu, x, name="relu", new_object=True, unchanged=True)
    array = expect_array(result, name="relu's output", shape=(3, 5), kind="f")
    assert_array_close(array, np.maximum(x, 0.0), name="relu's output", rtol=0, atol=0)
    positive = np.abs(rng.normal(size=4)) + 0.1  # nothing to clip: still a new array
    result = call_checked(relu, positive, name="relu of an array with nothing negative", new_object=True, unchanged=True)
    array = expect_array(result, name="relu's output", shape=(4,), kind="f")
    assert_array_close(array, positive, name="relu's output", rtol=0, atol=0)


@pytest.mark.grade(1, hint="relu keeps the dtype: int64 in, int64 out; float32 in, float32 out (compare with 0, not 0.0 cast up).", uses=["relu"])
def test_relu_keeps_dtype(relu, rng):
    for dtype in (np.int64, np.float32):
        x = (rng.normal(0.0, 50.0, size=(4, 6))).astype(dtype)
        expected = torch.relu(torch.from_numpy(x)).numpy()
        array = expect_array(relu(x.copy()), name=f"relu of a {np.dtype(dtype).name} array", shape=x.shape)
        check(array.dtype == expected.dtype, f"relu of a {np.dtype(dtype).name} array returned dtype {array.dtype}")
        assert_array_close(array, expected, name=f"relu of a {np.dtype(dtype).name} array", rtol=0, atol=0)


# --- detect_edges -------------------------------------------------------------------------


@pytest.mark.grade(2, hint="detect_edges = relu(conv2d(image as (1, 1, H, W), kernel as (1, 1, kH, kW), padding=(kH//2, kW//2)))[0, 0].", uses=["detect_edges"])
@pytest.mark.parametrize("size, nodule, seed", [(96, True, 11), (64, False, 12)], ids=["96x96", "64x64"])
def test_detect_edges_on_chest_xray(detect_edges, reference, size, nodule, seed):
    edge_kernel = np.array(reference.get("EDGE_KERNEL"), dtype=float)
    image = synthetic_chest_xray(size=size, nodule=nodule, seed=seed)
    expected = torch_edges(image, edge_kernel)
    no_relu = torch_conv2d(image[None, None], edge_kernel[None, None], padding=1)[0, 0]
    name = f"the edge map of a {size}x{size} chest X-ray"
    expect_output(detect_edges(image), expected, name=name,
                  mistakes=[(no_relu, "negative responses are kept: apply relu to the filtered image")])


@pytest.mark.grade(1, hint="Filter a float copy of the image: the radiograph you are given must not change.", uses=["detect_edges"])
def test_detect_edges_leaves_image_unchanged(detect_edges, reference):
    edge_kernel = np.array(reference.get("EDGE_KERNEL"), dtype=float)
    image = synthetic_chest_xray(size=40, nodule=True, seed=13)
    expected = torch_edges(image, edge_kernel)
    result = call_checked(detect_edges, image, edge_kernel, name="detect_edges", new_object=True, unchanged=True)
    expect_output(result, expected, name="the edge map of a 40x40 chest X-ray")


@pytest.mark.grade(1, hint="An asymmetric kernel shows a flip: BOTTOM_SOBEL responds where the image brightens downwards (upper rib margins).", uses=["detect_edges"])
def test_detect_edges_rib_borders_with_sobel(detect_edges, reference):
    sobel = np.array(reference.get("BOTTOM_SOBEL"), dtype=float)
    image = synthetic_chest_xray(size=80, nodule=True, seed=21)
    flipped = torch_edges(image, sobel[::-1, ::-1].copy())
    expect_output(detect_edges(image, sobel), torch_edges(image, sobel), name="the BOTTOM_SOBEL edge map",
                  mistakes=[(flipped, "the kernel is flipped, so the lower rib margins light up instead of the upper ones")])


@pytest.mark.grade(1, hint="'Same' padding depends on the kernel: kH // 2 rows and kW // 2 columns, so a 5x5 kernel needs 2.", uses=["detect_edges"])
def test_detect_edges_keeps_image_size(detect_edges, reference, rng):
    image = synthetic_chest_xray(size=48, nodule=True, seed=31)[4:44, :]  # 40 x 48
    for kernel_shape in [(5, 5), (3, 5), (1, 3)]:
        kernel = rng.normal(size=kernel_shape)
        result = detect_edges(image, kernel)
        array = expect_array(result, name=f"the edge map with a {kernel_shape} kernel", ndim=2)
        check(array.shape == image.shape,
              f"the edge map with a {kernel_shape} kernel has shape {array.shape}, not the image's {image.shape}")
        expect_output(array, torch_edges(image, kernel), name=f"the edge map with a {kernel_shape} kernel")


@pytest.mark.grade(1, hint="The kernels at the top of the file are given: keep them as they are, they are the lesson's.", uses=["detect_edges"])
def test_detect_edges_with_the_given_kernels(detect_edges, submission, reference):
    image = synthetic_chest_xray(size=40, nodule=True, seed=41)
    for name in ("EDGE_KERNEL", "BOTTOM_SOBEL", "SHARPEN_KERNEL"):
        lesson = np.array(reference.get(name), dtype=float)
        kernel = submission.get(name)
        expect_array(kernel, name=name, shape=lesson.shape)
        expect_output(detect_edges(image, kernel), torch_edges(image, lesson),
                      name=f"the edge map with your {name} (is it still the given kernel?)")
