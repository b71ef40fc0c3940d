"""Hidden graders for ai4med-c1w3 (3-D MRI segmentation: sub-volumes, standardization, Dice,
soft Dice loss, per-class sensitivity and specificity).

Oracles: plain numpy written here, independently of the reference solution: get_sub_volume
draws from numpy's global random state as the course's np.random.randint does, so each test
seeds it with np.random.seed(s) and the oracle replays the contract's draws on its own
np.random.RandomState(s) (the global state afterwards shows how many draws were made); the Dice
coefficients are also cross-checked with the set formula 2 |A and B| / (|A| + |B|) on binary
masks. Edge cases the course leaves undefined (what a constant slice standardizes to, 0 / 0 in
a sensitivity) are accepted in every form the course's code can give, never as a made-up number.
Data: seeded synthetic glioma cases on nilearn's MNI152 template (autograde.datasets.mri),
loaded once here in the parent.
"""

import numpy as np
import pytest

from autograde.checks import (
    assert_array_close,
    assert_close,
    call_checked,
    check,
    expect_array,
    expect_number,
    expect_tuple,
    fail,
)
from autograde.datasets.mri import synthetic_brats_case

CASE_SEEDS = (3, 7, 11, 19)
for _seed in CASE_SEEDS:  # loads nilearn's template once, in the parent; children reuse the cache
    synthetic_brats_case(_seed)

TOL = {"rtol": 1e-6, "atol": 1e-9}
# standardized values are O(1); the course's code works in the scan's float32, which is good to ~1e-6
STD_TOL = {"rtol": 1e-5, "atol": 1e-5}
LOOSE = {"rtol": 1e-4, "atol": 1e-4}  # only to recognise a known mistake and name it


# --- oracles ------------------------------------------------------------------------------


def one_hot_without_background(block, num_classes):
    """(x, y, z) integer classes -> (num_classes - 1, x, y, z) float 0/1, classes 1 .. num_classes - 1."""
    return np.stack([block == k for k in range(1, num_classes)]).astype(np.float64)


def oracle_sub_volume(image, label, orig, out, *, seed, num_classes=4, max_tries=1000, threshold=0.95, state=None):
    """Replays the contract on a RandomState seeded like np.random.seed(seed) (or on `state`, to go on
    with a stream). Returns (X, y) or None, the number of tries made, and the RandomState."""
    draws = np.random.RandomState(seed) if state is None else state
    n_voxels = out[0] * out[1] * out[2]
    for tries in range(1, max_tries + 1):
        starts = [int(draws.randint(0, o - s + 1)) for o, s in zip(orig, out)]
        block = tuple(slice(a, a + s) for a, s in zip(starts, out))
        if np.count_nonzero(label[block] == 0) / n_voxels < threshold:
            X = np.moveaxis(image[block], -1, 0)
            return (X, one_hot_without_background(label[block], num_classes)), tries, draws
    return None, max_tries, draws


def same_state(state, draws):
    """numpy's global state captured after the learner's call is the oracle RandomState's state."""
    other = draws.get_state()
    return bool(state[0] == other[0] and np.array_equal(state[1], other[1]) and tuple(state[2:]) == tuple(other[2:]))


def dice_oracle(t, p, axis, eps, squares=False):
    t, p = np.asarray(t, dtype=np.float64), np.asarray(p, dtype=np.float64)
    numerator = 2.0 * np.sum(t * p, axis=axis) + eps
    if squares:
        denominator = np.sum(t**2, axis=axis) + np.sum(p**2, axis=axis) + eps
    else:
        denominator = np.sum(t, axis=axis) + np.sum(p, axis=axis) + eps
    return numerator / denominator


def set_dice(true_mask, pred_mask):
    """2 |A and B| / (|A| + |B|) from the sets of voxel coordinates (both masks non-empty)."""
    a = set(map(tuple, np.argwhere(true_mask)))
    b = set(map(tuple, np.argwhere(pred_mask)))
    return 2 * len(a & b) / (len(a) + len(b))


def standardize_oracle(image):
    image = np.asarray(image, dtype=np.float64)
    mean = image.mean(axis=(1, 2), keepdims=True)
    std = image.std(axis=(1, 2), keepdims=True)
    return (image - mean) / np.where(std == 0, 1.0, std)


# --- data ---------------------------------------------------------------------------------


def case(seed):
    image, label = synthetic_brats_case(seed)
    return image, label


def tumour_patch(seed, out=(24, 20, 8)):
    """A channels-first (4, *out) float32 patch centred on the tumour of case `seed`, and its label."""
    image, label = case(seed)
    centre = np.argwhere(label > 0).mean(axis=0).round().astype(int)
    starts = [int(np.clip(c - s // 2, 0, n - s)) for c, s, n in zip(centre, out, label.shape)]
    block = tuple(slice(a, a + s) for a, s in zip(starts, out))
    return np.moveaxis(image[block], -1, 0).copy(), label[block].copy()


def predicted_classes(label, rng, shift=1, flip=0.03):
    """A plausible model output: the label moved by `shift` voxels along x, with a few voxels relabelled."""
    pred = np.roll(label, shift, axis=0)
    tumour = np.argwhere(pred > 0)
    chosen = tumour[rng.random(len(tumour)) < flip]
    pred[tuple(chosen.T)] = rng.integers(0, 4, size=len(chosen))
    return pred


def probabilities(one_hot, rng, sharpness=3.0):
    """Soft predictions in (0, 1) that mostly agree with a 0/1 one-hot array."""
    logits = sharpness * (2.0 * one_hot - 1.0) + rng.normal(0.0, 1.5, size=one_hot.shape)
    return 1.0 / (1.0 + np.exp(-logits))


# --- learner-facing helpers -----------------------------------------------------------------


def expect_scalar(value, expected, *, name, mistakes=(), rtol=TOL["rtol"], atol=TOL["atol"]):
    """A real number close to `expected`; if it matches a known mistake instead, say which."""
    number = expect_number(value, name=name)
    if abs(number - expected) <= atol + rtol * abs(expected):
        return
    for wrong, message in mistakes:
        if abs(number - wrong) <= atol + rtol * abs(wrong):
            fail(f"{name}: {message}")
    assert_close(number, expected, name=name, rtol=rtol, atol=atol)


def expect_patch(result, expected, *, name, num_classes, threshold):
    """The learner's (X, y) against the oracle's: types and shapes, then which part is wrong."""
    X_expected, y_expected = expected
    pair = expect_tuple(result, name=name, length=2)
    X = expect_array(pair[0], name=f"X of {name}", ndim=4)
    if X.shape != X_expected.shape and X.shape == np.moveaxis(X_expected, 0, -1).shape:
        fail(f"X of {name} has shape {X.shape}: it should be channels first (channels, x, y, z)")
    X = expect_array(X, name=f"X of {name}", shape=X_expected.shape)
    y = expect_array(pair[1], name=f"y of {name}", ndim=4, kind="fiub")
    if y.shape[0] == num_classes and y.shape[1:] == y_expected.shape[1:]:
        fail(f"y of {name} has {num_classes} channels, as many as num_classes: it should hold classes "
             f"1 .. {num_classes - 1} only (one-hot with num_classes classes, then drop the background channel)")
    y = expect_array(y, name=f"y of {name}", shape=y_expected.shape)
    check(y.dtype.kind == "f", f"y of {name} has dtype {y.dtype}: the one-hot label should be a float array")
    check(bool(np.isin(y, (0.0, 1.0)).all()), f"y of {name} should contain only 0.0 and 1.0")
    background = 1.0 - np.count_nonzero(y.sum(axis=0)) / y[0].size
    check(bool(background < threshold),
          f"{name} is {100 * background:.1f}% background, not less than background_threshold={threshold}: "
          "a patch is accepted only when its background ratio is < the threshold")
    check(X.dtype == X_expected.dtype, f"X of {name} has dtype {X.dtype}; it should keep the image's dtype")
    if not np.array_equal(X, X_expected):
        fail(f"X of {name} is not the patch the seeded draws give: draw start_x, start_y, start_z with "
             "np.random.randint(0, orig - output + 1) in that order, once per try, and reject background patches")
    if not np.array_equal(y, y_expected):
        fail(f"y of {name} does not match the label block at X's position (one-hot of classes 1 .. num_classes - 1)")


def seeded_call(get_sub_volume, image, label, out, seed, **kwargs):
    """np.random.seed(seed), then the learner's call; returns its result and numpy's global state after it."""
    np.random.seed(seed)
    orig = dict(orig_x=label.shape[0], orig_y=label.shape[1], orig_z=label.shape[2])
    size = dict(output_x=out[0], output_y=out[1], output_z=out[2])
    result = get_sub_volume(image, label, **orig, **size, **kwargs)
    return result, np.random.get_state()


def seed_telling_apart(rng, ranges, axis, delta):
    """A seed whose first start corner (three randint draws over `ranges`) changes when ranges[axis] is
    off by `delta`: a scan size one voxel off along that axis then gives another patch."""
    other = list(ranges)
    other[axis] += delta
    for _ in range(100_000):
        seed = int(rng.integers(2**31))
        draws, wrong = np.random.RandomState(seed), np.random.RandomState(seed)
        if [draws.randint(0, n) for n in ranges] != [wrong.randint(0, n) for n in other]:
            return seed
    raise AssertionError("grader invariant: no seed tells the scan sizes apart")


def striped_label(shape, period):
    """Background everywhere but one edema plane every `period` slices along z: every patch of
    output_z = a multiple of `period` slices has background ratio exactly 1 - 1/period."""
    label = np.zeros(shape, dtype=np.uint8)
    label[:, :, ::period] = 1
    return label


# --- get_sub_volume -----------------------------------------------------------------------


@pytest.mark.grade(1, hint="Return a tuple (X, y): X is (channels, output_x, output_y, output_z) with the image's dtype, y is float (num_classes - 1, ...).", uses=["get_sub_volume"])
def test_get_sub_volume_shapes_and_types(get_sub_volume):
    image, label = case(CASE_SEEDS[0])
    out = (24, 20, 8)
    result, _ = seeded_call(get_sub_volume, image, label, out, seed=5)
    pair = expect_tuple(result, name="get_sub_volume's result", length=2)
    X = expect_array(pair[0], name="X", ndim=4)
    if X.shape == out + (4,):
        fail("X has shape (output_x, output_y, output_z, channels): move the channels to the front")
    expect_array(X, name="X", shape=(4,) + out)
    check(X.dtype == image.dtype, f"X has dtype {X.dtype}; it should keep the image's dtype ({image.dtype})")
    y = expect_array(pair[1], name="y", ndim=4)
    if y.shape == (4,) + out:
        fail("y has 4 channels: drop the background channel, y holds classes 1, 2, 3 only")
    expect_array(y, name="y", shape=(3,) + out)
    check(y.dtype.kind == "f", f"y has dtype {y.dtype}: the one-hot label should be a float array of 0.0 / 1.0")
    raw = np.rint(image).astype(np.uint16)  # raw scanner intensities are often unsigned integers
    result, _ = seeded_call(get_sub_volume, raw, label, out, seed=5)
    X = expect_array(expect_tuple(result, name="get_sub_volume's result for a uint16 scan", length=2)[0],
                     name="X of a uint16 scan", shape=(4,) + out)
    check(X.dtype == np.uint16, f"X of a uint16 scan has dtype {X.dtype}; it should keep the image's dtype (uint16)")


@pytest.mark.grade(3, hint="Per try: start_x, start_y, start_z = three np.random.randint(0, orig - output + 1) calls in that order; accept if background ratio < threshold.", verify=False, uses=["get_sub_volume"])
def test_get_sub_volume_seeded_patch(get_sub_volume, rng):
    settings = [(CASE_SEEDS[0], (24, 20, 8), 0.95), (CASE_SEEDS[1], (16, 28, 12), 0.9), (CASE_SEEDS[2], (30, 26, 6), 0.85)]
    for case_seed, out, threshold in settings:
        image, label = case(case_seed)
        seed = int(rng.integers(2**31))
        expected, tries, oracle_rng = oracle_sub_volume(image, label, label.shape, out, seed=seed, threshold=threshold)
        assert expected is not None, "grader invariant: the oracle found no patch"
        result, state = seeded_call(get_sub_volume, image, label, out, seed, background_threshold=threshold)
        name = f"the {out} patch (threshold {threshold})"
        check(result is not None, f"get_sub_volume returned None for {name}, where the seeded draws find a patch")
        expect_patch(result, expected, name=name, num_classes=4, threshold=threshold)
        check(same_state(state, oracle_rng),
              f"for {name} numpy's random state was used a different number of times than three scalar draws per try")


@pytest.mark.grade(2, hint="The loop looks for a patch with LITTLE background: keep drawing while background ratio >= background_threshold.", uses=["get_sub_volume"])
def test_get_sub_volume_rejects_background_patches(get_sub_volume, rng):
    for case_seed in CASE_SEEDS:
        image, label = case(case_seed)
        out, threshold = (20, 20, 10), 0.9
        seed = int(rng.integers(2**31))
        expected, tries, _ = oracle_sub_volume(image, label, label.shape, out, seed=seed, threshold=threshold)
        assert expected is not None, "grader invariant: the oracle found no patch"
        result, _ = seeded_call(get_sub_volume, image, label, out, seed, background_threshold=threshold)
        check(result is not None, f"get_sub_volume returned None for case {case_seed}, where a patch exists")
        expect_patch(result, expected, name=f"the patch of case {case_seed}", num_classes=4, threshold=threshold)


@pytest.mark.grade(1, hint="'Less than the threshold' is strict: a patch whose background ratio equals background_threshold is rejected.", uses=["get_sub_volume"])
def test_get_sub_volume_threshold_is_strict(get_sub_volume):
    image = np.ones((12, 10, 16, 2), dtype=np.float32)
    label = striped_label((12, 10, 16), period=4)  # every 6 x 6 x 8 patch is exactly 75% background
    for threshold, accepted in [(0.75, False), (0.76, True)]:
        result, _ = seeded_call(get_sub_volume, image, label, (6, 6, 8), seed=3, max_tries=25,
                                background_threshold=threshold)
        if accepted:
            check(result is not None, "a patch that is 75% background was rejected with background_threshold=0.76")
        else:
            check(result is None, "a patch that is exactly 75% background was accepted with background_threshold=0.75: "
                                  "accept only a background ratio strictly below the threshold")


@pytest.mark.grade(1, hint="Make exactly max_tries draws of a start corner (count the tries from 0 and stop at max_tries), then return None.", verify=False, uses=["get_sub_volume"])
def test_get_sub_volume_gives_up_after_max_tries(get_sub_volume, rng):
    image, label = case(CASE_SEEDS[3])
    out, threshold = (16, 16, 8), 0.85
    for _ in range(200):  # a seed whose first acceptable patch comes at try 3 or later
        seed = int(rng.integers(2**31))
        expected, tries, oracle_rng = oracle_sub_volume(image, label, label.shape, out, seed=seed, threshold=threshold)
        if expected is not None and tries >= 3:
            break
    else:
        raise AssertionError("grader invariant: no seed needs 3 tries")
    result, _ = seeded_call(get_sub_volume, image, label, out, seed, max_tries=tries - 1, background_threshold=threshold)
    check(result is None, f"with max_tries={tries - 1} no acceptable patch is drawn, so get_sub_volume should return None "
                          "(does it make one try too many?)")
    result, _ = seeded_call(get_sub_volume, image, label, out, seed, max_tries=tries, background_threshold=threshold)
    check(result is not None, f"with max_tries={tries} the last try finds a patch, but get_sub_volume returned None "
                              "(does it make one try too few?)")
    expect_patch(result, expected, name="the patch found at the last try", num_classes=4, threshold=threshold)

    empty = np.zeros_like(label)  # a scan without tumour: every patch is rejected
    np.random.seed(seed)
    result = get_sub_volume(image, empty, *label.shape, *out, max_tries=7)
    state = np.random.get_state()
    check(result is None, "for a label with no tumour get_sub_volume should return None (exactly None, not a tuple)")
    _, _, oracle_rng = oracle_sub_volume(image, empty, label.shape, out, seed=seed, max_tries=7)
    check(same_state(state, oracle_rng), "with max_tries=7 and no acceptable patch, numpy's random state should be "
                                         "used for exactly 7 tries of three draws")


@pytest.mark.grade(2, hint="One-hot encode the label block with num_classes classes, then drop channel 0: y[k] marks class k + 1.", uses=["get_sub_volume"])
def test_get_sub_volume_one_hot_without_background(get_sub_volume, rng):
    image, label = case(CASE_SEEDS[1])
    out = (20, 24, 10)
    three_classes = np.minimum(label, 2)  # tumour core and rim merged: classes 0, 1, 2
    for lab, num_classes in [(label, 4), (three_classes, 3), (label, 6)]:
        seed = int(rng.integers(2**31))
        expected, _, _ = oracle_sub_volume(image, lab, lab.shape, out, seed=seed, num_classes=num_classes)
        result, _ = seeded_call(get_sub_volume, image, lab, out, seed, num_classes=num_classes)
        check(result is not None, f"get_sub_volume returned None with num_classes={num_classes}, where a patch exists")
        expect_patch(result, expected, name=f"the patch with num_classes={num_classes}", num_classes=num_classes,
                     threshold=0.95)


@pytest.mark.grade(1, hint="Return copies: X and y must not be views of image or label, and image and label must not change.", uses=["get_sub_volume"])
def test_get_sub_volume_returns_copies(get_sub_volume):
    image, label = case(CASE_SEEDS[2])
    out = (20, 20, 10)
    np.random.seed(17)
    result = call_checked(get_sub_volume, image, label, orig_x=label.shape[0], orig_y=label.shape[1],
                          orig_z=label.shape[2], output_x=out[0], output_y=out[1], output_z=out[2],
                          name="get_sub_volume", new_object=True, unchanged=True)
    pair = expect_tuple(result, name="get_sub_volume's result", length=2)
    expect_array(pair[0], name="X", shape=(4,) + out)
    expect_array(pair[1], name="y", shape=(3,) + out)


@pytest.mark.grade(1, hint="Keep the course's defaults: a 240 x 240 x 155 scan, 160 x 160 x 16 patches, 4 classes.", timeout=30,
                   uses=["get_sub_volume"])  # a full-size scan: slow on a loaded machine
def test_get_sub_volume_default_sizes(get_sub_volume, rng):
    shape = (240, 240, 155)
    image = np.arange(np.prod(shape), dtype=np.float32).reshape(shape + (1,))  # one channel, every voxel distinct
    label = striped_label(shape, period=16)  # edema every 16th slice, tumour core and rim 8 slices on:
    label[:, :, 8::32] = 2  # every 16-slice patch is 14/16 = 87.5% background
    label[:, :, 24::32] = 3
    seed = 2024
    np.random.seed(seed)
    result = get_sub_volume(image, label, max_tries=5)  # the first try succeeds
    expected, _, _ = oracle_sub_volume(image, label, shape, (160, 160, 16), seed=seed, max_tries=1, threshold=0.95)
    assert expected is not None, "grader invariant: the oracle found no patch"
    check(result is not None, "with the default arguments get_sub_volume returned None, where a patch exists")
    expect_patch(result, expected, name="the patch with the default arguments", num_classes=4, threshold=0.95)
    # small patches of the same full-size scan: only orig_x, orig_y, orig_z keep their defaults; each seed draws a
    # different first corner if the scan were one voxel longer or shorter along one axis
    out = (8, 8, 4)
    ranges = [n - s + 1 for n, s in zip(shape, out)]
    label = np.ones(shape, dtype=np.uint8)  # all edema: the first patch drawn is accepted
    for axis in range(3):
        for delta in (1, -1):
            seed = seed_telling_apart(rng, ranges, axis, delta)
            np.random.seed(seed)
            result = get_sub_volume(image, label, output_x=out[0], output_y=out[1], output_z=out[2], max_tries=5)
            expected, _, _ = oracle_sub_volume(image, label, shape, out, seed=seed, max_tries=1)
            check(result is not None, "with the default scan size get_sub_volume returned None, where a patch exists")
            expect_patch(result, expected, name="an (8, 8, 4) patch with the default scan size (orig_x, orig_y, orig_z)",
                         num_classes=4, threshold=0.95)


@pytest.mark.grade(1, hint="Keep the defaults background_threshold=0.95 and max_tries=1000.", verify=False, uses=["get_sub_volume"])
def test_get_sub_volume_default_threshold_and_tries(get_sub_volume):
    shape, out = (12, 12, 48), (8, 8, 20)
    image = np.ones(shape + (2,), dtype=np.float32)
    sizes = dict(orig_x=12, orig_y=12, orig_z=48, output_x=8, output_y=8, output_z=20)
    np.random.seed(1)
    accepted = get_sub_volume(image, striped_label(shape, period=10), **sizes)
    check(accepted is not None, "a patch that is 90% background was rejected with the default background_threshold")
    np.random.seed(2)
    rejected = get_sub_volume(image, striped_label(shape, period=20), **sizes)
    state = np.random.get_state()
    check(rejected is None, "a patch that is exactly 95% background was accepted with the default background_threshold")
    _, _, oracle_rng = oracle_sub_volume(image, striped_label(shape, period=20), shape, out, seed=2)
    check(same_state(state, oracle_rng), "with the default max_tries numpy's random state should be used for exactly "
                                         "1000 tries of three draws before giving up")


@pytest.mark.grade(1, hint="Draw from numpy's global random state and never seed it inside: calls in a row go on with one stream of draws.", uses=["get_sub_volume"])
def test_get_sub_volume_continues_the_global_stream(get_sub_volume, rng):
    image, label = case(CASE_SEEDS[0])
    out, threshold = (18, 22, 9), 0.9
    seed = int(rng.integers(2**31))
    np.random.seed(seed)
    results = [get_sub_volume(image, label, *label.shape, *out, background_threshold=threshold) for _ in range(3)]
    draws = np.random.RandomState(seed)
    for k, result in enumerate(results, start=1):
        expected, _, draws = oracle_sub_volume(image, label, label.shape, out, seed=None, threshold=threshold, state=draws)
        assert expected is not None, "grader invariant: the oracle found no patch"
        check(result is not None, f"call {k} of get_sub_volume returned None, where a patch exists")
        expect_patch(result, expected, name=f"the patch of call {k} in a row after one np.random.seed", num_classes=4,
                     threshold=threshold)


# --- standardize --------------------------------------------------------------------------


@pytest.mark.grade(1, hint="Return a NEW float64 array of the input's shape (np.zeros(image.shape) is float64), leaving the input alone.", uses=["standardize"])
def test_standardize_shape_and_type(standardize):
    patch, _ = tumour_patch(CASE_SEEDS[0])  # float32, like the scans
    before = patch.copy()
    result = standardize(patch)
    array = expect_array(result, name="standardize's output", shape=patch.shape)
    check(array.dtype == np.float64, f"standardize's output has dtype {array.dtype}; it should be float64")
    check(np.array_equal(patch, before), "standardize changed the image it was given")
    check(not np.shares_memory(result, patch), "standardize returned its input instead of a new array")


@pytest.mark.grade(2, hint="Standardize each 2-D slice image[c, :, :, z] with its OWN mean and std, not the whole channel or volume.", uses=["standardize"])
def test_standardize_each_slice(standardize):
    for case_seed, out in [(CASE_SEEDS[0], (24, 20, 8)), (CASE_SEEDS[3], (16, 30, 12))]:
        patch, _ = tumour_patch(case_seed, out)
        expected = standardize_oracle(patch)
        result = standardize(patch.copy())
        array = expect_array(result, name=f"standardize of a {patch.shape} patch", shape=patch.shape)
        if not np.allclose(array, expected, **STD_TOL):
            p = patch.astype(np.float64)
            per_channel = (p - p.mean(axis=(1, 2, 3), keepdims=True)) / p.std(axis=(1, 2, 3), keepdims=True)
            whole = (p - p.mean()) / p.std()
            across_channels = (p - p.mean(axis=(0, 1, 2), keepdims=True)) / p.std(axis=(0, 1, 2), keepdims=True)
            sample = (p - p.mean(axis=(1, 2), keepdims=True)) / p.std(axis=(1, 2), ddof=1, keepdims=True)
            for wrong, message in [(per_channel, "each channel is standardized as a whole volume, not slice by slice"),
                                   (whole, "the whole volume is standardized at once, not each slice of each channel"),
                                   (across_channels, "each z-slice is standardized across all channels together"),
                                   (sample, "the sample standard deviation (ddof=1) is used; use np.std's default ddof=0")]:
                if np.allclose(array, wrong, **LOOSE):
                    fail(f"standardize: {message}")
        assert_array_close(array, expected, name=f"standardize of a {patch.shape} patch", **STD_TOL)


@pytest.mark.grade(1, hint="Divide by the standard deviation only if it is not 0 (the course's guard): a constant slice must never give NaN or inf.", uses=["standardize"])
def test_standardize_constant_slices(standardize):
    image, _ = case(CASE_SEEDS[1])
    block = np.moveaxis(image[8:28, 10:30, 30:40], -1, 0).astype(np.float64)  # the top of the head
    block[:, :, :, -2:] = 0.0  # above the skull: all background
    block[1, :, :, 3] = 250.0  # a constant slice of tissue
    block[2, :, :, 5] = 0.0
    constant = block.std(axis=(1, 2)) == 0  # (channels, z): which slices are constant
    # the course's code needs one non-constant slice before the first constant one (slice c=0, z=0 here)
    assert not constant[0, 0] and int(constant.sum()) == 2 * block.shape[0] + 2, "grader invariant: the constant slices"
    with np.errstate(all="ignore"):
        result = standardize(block.copy())
    array = expect_array(result, name="standardize of a patch with constant slices", shape=block.shape, allow_nan=True)
    check(bool(np.isfinite(array).all()), "standardize produced NaN or inf: a constant slice has standard deviation 0, "
                                          "divide by it only when it is not 0")
    # what a constant slice becomes the course leaves open (its code keeps the previous slice's values): not graded
    by_slice, expected = np.moveaxis(array, 3, 1), np.moveaxis(standardize_oracle(block), 3, 1)  # (channels, z, x, y)
    assert_array_close(by_slice[~constant], expected[~constant], name="standardize of the other slices of a patch with "
                       "constant slices", **STD_TOL)


@pytest.mark.grade(1, hint="Use the population standard deviation (np.std's default ddof=0), not the sample one.", uses=["standardize"])
def test_standardize_population_std(standardize, rng):
    small = rng.normal(600.0, 120.0, size=(2, 2, 3, 4))  # 6-voxel slices: ddof matters a lot here
    result = standardize(small.copy())
    array = expect_array(result, name="standardize of 2 x 3 slices", shape=small.shape)
    sample = (small - small.mean(axis=(1, 2), keepdims=True)) / small.std(axis=(1, 2), ddof=1, keepdims=True)
    if np.allclose(array, sample, **LOOSE):
        fail("standardize divides by the sample standard deviation (ddof=1); use np.std's default ddof=0")
    assert_array_close(array, standardize_oracle(small), name="standardize of 2 x 3 slices", **STD_TOL)


@pytest.mark.grade(1, hint="Raw scanner intensities can be integers (uint16): the output must still be float64 with exact values.", uses=["standardize"])
def test_standardize_integer_volume(standardize):
    patch, _ = tumour_patch(CASE_SEEDS[2], (20, 16, 6))
    raw = np.rint(patch).astype(np.uint16)
    result = standardize(raw.copy())
    array = expect_array(result, name="standardize of a uint16 scan", shape=raw.shape)
    check(array.dtype == np.float64, f"standardize of a uint16 scan returned dtype {array.dtype}; it should be float64")
    assert_array_close(array, standardize_oracle(raw), name="standardize of a uint16 scan", **STD_TOL)


# --- Dice ---------------------------------------------------------------------------------


@pytest.mark.grade(2, hint="dice = (2 * sum(y_true * y_pred) + eps) / (sum(y_true) + sum(y_pred) + eps), summed over `axis`.", uses=["single_class_dice_coefficient"])
def test_single_class_dice_binary_masks(single_class_dice_coefficient, rng):
    for case_seed in CASE_SEEDS[:3]:
        _, label = case(case_seed)
        pred = predicted_classes(label, rng, shift=int(rng.integers(1, 3)))
        for cls, truth_mask, pred_mask in [("whole tumour", label > 0, pred > 0), ("enhancing tumour", label == 3, pred == 3)]:
            y_true, y_pred = truth_mask.astype(np.float64), pred_mask.astype(np.float64)
            expected = float(dice_oracle(y_true, y_pred, (0, 1, 2), 1e-5))
            assert abs(expected - set_dice(truth_mask, pred_mask)) < 1e-6, "grader invariant: oracles disagree"
            value = single_class_dice_coefficient(y_true, y_pred)
            expect_scalar(value, expected, name=f"the {cls} Dice coefficient of case {case_seed}")


@pytest.mark.grade(1, hint="Sum over the `axis` you are given: a stack of n masks with axis=(1, 2, 3) gives n Dice coefficients.", uses=["single_class_dice_coefficient"])
def test_single_class_dice_axis_argument(single_class_dice_coefficient, rng):
    truth, predicted = [], []
    for case_seed in CASE_SEEDS:  # the enhancing tumour of 4 patients
        _, label = case(case_seed)
        truth.append(label == 3)
        predicted.append(predicted_classes(label, rng, shift=int(rng.integers(1, 3))) == 3)
    y_true = np.stack(truth).astype(np.float64)
    y_pred = probabilities(np.stack(predicted).astype(np.float64), rng)
    expected = dice_oracle(y_true, y_pred, (1, 2, 3), 1e-5)
    result = single_class_dice_coefficient(y_true, y_pred, axis=(1, 2, 3))
    array = expect_array(result, name="the Dice coefficients of 4 stacked masks with axis=(1, 2, 3)", ndim=1, kind="f")
    check(array.shape == expected.shape, f"the Dice coefficients of 4 stacked masks with axis=(1, 2, 3) should be "
                                         f"{len(expected)} numbers, one per mask, got shape {array.shape}: sum over `axis` only")
    assert_array_close(array, expected, name="the Dice coefficients of 4 stacked masks with axis=(1, 2, 3)", **TOL)


@pytest.mark.grade(1, hint="y_pred may hold probabilities: multiply and sum, do not threshold or count voxels.", uses=["single_class_dice_coefficient"])
def test_single_class_dice_probabilities(single_class_dice_coefficient, rng):
    _, label = case(CASE_SEEDS[1])
    y_true = (label > 0).astype(np.float64)
    y_pred = probabilities(y_true, rng)
    expect_scalar(single_class_dice_coefficient(y_true, y_pred), float(dice_oracle(y_true, y_pred, (0, 1, 2), 1e-5)),
                  name="the Dice coefficient of a probability map",
                  mistakes=[(float(dice_oracle(y_true, (y_pred > 0.5), (0, 1, 2), 1e-5)),
                             "the probabilities were thresholded; use them as they are")])


@pytest.mark.grade(1, hint="epsilon is added to BOTH the numerator and the denominator: two empty masks give Dice 1.", uses=["single_class_dice_coefficient"])
def test_single_class_dice_epsilon(single_class_dice_coefficient, rng):
    empty = np.zeros((10, 12, 8))
    expect_scalar(single_class_dice_coefficient(empty, empty.copy()), 1.0, name="the Dice coefficient of two empty masks",
                  mistakes=[(0.0, "epsilon is missing from the numerator")])
    a, b = np.zeros((6, 5, 4)), np.zeros((6, 5, 4))
    a[1, 2, 3], b[4, 0, 1] = 1.0, 1.0  # one voxel each, no overlap
    expect_scalar(single_class_dice_coefficient(a, b), 1e-5 / (2 + 1e-5), name="the Dice coefficient of two disjoint voxels (default epsilon)",
                  rtol=1e-4, atol=1e-12)
    t = (rng.random((5, 6, 7)) < 0.1).astype(np.float64)
    p = (rng.random((5, 6, 7)) < 0.1).astype(np.float64)
    expect_scalar(single_class_dice_coefficient(t, p, epsilon=0.5), float(dice_oracle(t, p, (0, 1, 2), 0.5)), name="the Dice coefficient with epsilon=0.5")


@pytest.mark.grade(2, hint="Compute one Dice per class (sum over axis=(1, 2, 3) only), then take the mean over the classes.", uses=["dice_coefficient"])
def test_dice_coefficient_mean_over_classes(dice_coefficient, rng):
    for case_seed in CASE_SEEDS[:3]:
        _, label = case(case_seed)
        pred = predicted_classes(label, rng)
        y_true, y_pred = one_hot_without_background(label, 4), one_hot_without_background(pred, 4)
        expected = float(np.mean(dice_oracle(y_true, y_pred, (1, 2, 3), 1e-5)))
        by_sets = np.mean([set_dice(label == k, pred == k) for k in (1, 2, 3)])
        assert abs(expected - by_sets) < 1e-5, "grader invariant: oracles disagree"
        pooled = float(dice_oracle(y_true, y_pred, (0, 1, 2, 3), 1e-5))
        wrong_axes = float(np.mean(dice_oracle(y_true, y_pred, (0, 1, 2), 1e-5)))
        expect_scalar(dice_coefficient(y_true, y_pred), expected, name=f"the mean Dice coefficient of case {case_seed}",
                      mistakes=[(pooled, "all classes were pooled into one Dice; average the per-class Dice instead"),
                                (wrong_axes, "the sums run over the wrong axes; with channels first sum over axis=(1, 2, 3)")])


@pytest.mark.grade(1, hint="Sum over the `axis` you are given: for channels-last (x, y, z, classes) arrays axis=(0, 1, 2).", uses=["dice_coefficient"])
def test_dice_coefficient_axis_argument(dice_coefficient, rng):
    _, label = case(CASE_SEEDS[3])
    pred = predicted_classes(label, rng)
    y_true = np.moveaxis(one_hot_without_background(label, 4), 0, -1)
    y_pred = np.moveaxis(probabilities(one_hot_without_background(pred, 4), rng), 0, -1)
    expected = float(np.mean(dice_oracle(y_true, y_pred, (0, 1, 2), 1e-5)))
    expect_scalar(dice_coefficient(y_true, y_pred, axis=(0, 1, 2)), expected,
                  name="the mean Dice coefficient of channels-last arrays with axis=(0, 1, 2)")
    expected = float(np.mean(dice_oracle(y_true, y_pred, (0, 1, 2), 0.1)))
    expect_scalar(dice_coefficient(y_true, y_pred, axis=(0, 1, 2), epsilon=0.1), expected,
                  name="the mean Dice coefficient with axis=(0, 1, 2) and epsilon=0.1")


@pytest.mark.grade(1, hint="A class absent from both truth and prediction has Dice (0 + eps) / (0 + eps) = 1: epsilon in the numerator too.", uses=["dice_coefficient"])
def test_dice_coefficient_absent_class(dice_coefficient, rng):
    _, label = case(CASE_SEEDS[2])
    no_core = np.where(label == 2, 3, label)  # a case without non-enhancing tumour
    pred = predicted_classes(no_core, rng)
    pred = np.where(pred == 2, 3, pred)
    y_true, y_pred = one_hot_without_background(no_core, 4), one_hot_without_background(pred, 4)
    assert y_true[1].sum() == 0 and y_pred[1].sum() == 0, "grader invariant: class 2 should be absent"
    expected = float(np.mean(dice_oracle(y_true, y_pred, (1, 2, 3), 1e-5)))
    numerator_without_eps = float(np.mean((2 * np.sum(y_true * y_pred, axis=(1, 2, 3)))
                                          / (np.sum(y_true, axis=(1, 2, 3)) + np.sum(y_pred, axis=(1, 2, 3)) + 1e-5)))
    expect_scalar(dice_coefficient(y_true, y_pred), expected, name="the mean Dice coefficient with an absent class",
                  mistakes=[(numerator_without_eps, "epsilon is missing from the numerator, so an absent class scores 0")])


# --- soft Dice loss -----------------------------------------------------------------------


@pytest.mark.grade(2, hint="loss = 1 - mean over classes of (2 sum(p g) + eps) / (sum(p**2) + sum(g**2) + eps).", uses=["soft_dice_loss"])
def test_soft_dice_loss_values(soft_dice_loss, rng):
    for case_seed in CASE_SEEDS[1:]:
        _, label = case(case_seed)
        y_true = one_hot_without_background(label, 4)
        y_pred = probabilities(one_hot_without_background(predicted_classes(label, rng), 4), rng)
        expected = 1.0 - float(np.mean(dice_oracle(y_true, y_pred, (1, 2, 3), 1e-5, squares=True)))
        no_squares = 1.0 - float(np.mean(dice_oracle(y_true, y_pred, (1, 2, 3), 1e-5)))
        pooled = 1.0 - float(dice_oracle(y_true, y_pred, (0, 1, 2, 3), 1e-5, squares=True))
        expect_scalar(soft_dice_loss(y_true, y_pred), expected, name=f"the soft Dice loss of case {case_seed}",
                      mistakes=[(no_squares, "the denominator should use the SQUARES of y_true and y_pred"),
                                (1.0 - no_squares, "return 1 minus the soft Dice, not the soft Dice itself"),
                                (1.0 - expected, "return 1 minus the soft Dice, not the soft Dice itself"),
                                (pooled, "average the soft Dice over classes instead of pooling all classes")])


@pytest.mark.grade(1, hint="A perfect 0/1 prediction has loss 0; a completely wrong one has loss close to 1.", uses=["soft_dice_loss"])
def test_soft_dice_loss_perfect_and_opposite(soft_dice_loss):
    _, label = case(CASE_SEEDS[0])
    y_true = one_hot_without_background(label, 4)
    expect_scalar(soft_dice_loss(y_true, y_true.copy()), 0.0, name="the soft Dice loss of a perfect prediction", atol=1e-9)
    opposite = 1.0 - y_true
    expected = 1.0 - float(np.mean(dice_oracle(y_true, opposite, (1, 2, 3), 1e-5, squares=True)))
    expect_scalar(soft_dice_loss(y_true, opposite), expected, name="the soft Dice loss of the opposite prediction")


@pytest.mark.grade(1, hint="Use the axis and epsilon you are given (channels-last arrays come with axis=(0, 1, 2)).", uses=["soft_dice_loss"])
def test_soft_dice_loss_axis_and_epsilon(soft_dice_loss, rng):
    _, label = case(CASE_SEEDS[2])
    y_true = np.moveaxis(one_hot_without_background(label, 4), 0, -1)
    y_pred = np.moveaxis(probabilities(one_hot_without_background(predicted_classes(label, rng), 4), rng), 0, -1)
    for epsilon in (1e-5, 1.0):
        expected = 1.0 - float(np.mean(dice_oracle(y_true, y_pred, (0, 1, 2), epsilon, squares=True)))
        kwargs = {"axis": (0, 1, 2)} if epsilon == 1e-5 else {"axis": (0, 1, 2), "epsilon": epsilon}
        expect_scalar(soft_dice_loss(y_true, y_pred, **kwargs), expected,
                      name=f"the soft Dice loss of channels-last arrays with {kwargs}")


# --- sensitivity and specificity ----------------------------------------------------------


def expect_sens_spec(result, *, name, allow_nan=False):
    pair = expect_tuple(result, name=name, length=2)
    sens = expect_number(pair[0], name=f"the sensitivity of {name}", allow_nan=allow_nan)
    spec = expect_number(pair[1], name=f"the specificity of {name}", allow_nan=allow_nan)
    return sens, spec


def sens_spec_oracle(pred, label, k):
    p, t = pred[k] == 1, label[k] == 1
    return np.sum(p & t) / np.sum(t), np.sum(~p & ~t) / np.sum(~t)


@pytest.mark.grade(2, hint="sensitivity = tp / (tp + fn), specificity = tn / (tn + fp), counting the voxels of channel class_num.", uses=["compute_class_sens_spec"])
def test_sens_spec_values(compute_class_sens_spec, rng):
    for case_seed, dtype in [(CASE_SEEDS[0], np.float64), (CASE_SEEDS[3], np.int64)]:
        _, label = case(case_seed)
        y_true = one_hot_without_background(label, 4).astype(dtype)
        y_pred = one_hot_without_background(predicted_classes(label, rng, flip=0.2), 4).astype(dtype)
        for k in range(3):
            sens, spec = sens_spec_oracle(y_pred, y_true, k)
            name = f"class {k} of case {case_seed} ({np.dtype(dtype).name} arrays)"
            got_sens, got_spec = expect_sens_spec(compute_class_sens_spec(y_pred.copy(), y_true.copy(), k), name=name)
            assert_close(got_sens, sens, name=f"the sensitivity of {name}", **TOL)
            assert_close(got_spec, spec, name=f"the specificity of {name}", **TOL)


@pytest.mark.grade(1, hint="Return (sensitivity, specificity) in that order: an over-segmentation finds all the tumour (sensitivity 1).", uses=["compute_class_sens_spec"])
def test_sens_spec_order(compute_class_sens_spec):
    _, label = case(CASE_SEEDS[1])
    y_true = one_hot_without_background(label, 4)
    grown = label > 0
    for axis in range(3):  # the whole-tumour prediction grown by 2 voxels each way
        for shift in (-2, -1, 1, 2):
            grown = grown | np.roll(label > 0, shift, axis=axis)
    y_pred = np.stack([grown, grown, grown]).astype(np.float64)
    pair = expect_sens_spec(compute_class_sens_spec(y_pred, y_true, 0), name="an over-segmented edema")
    sens, spec = sens_spec_oracle(y_pred, y_true, 0)
    assert sens == 1.0 and spec < 0.999, "grader invariant"
    if abs(pair[0] - spec) < 1e-9 and abs(pair[1] - sens) < 1e-9:
        fail("sensitivity and specificity are swapped: a prediction that covers all the edema has sensitivity 1")
    assert_close(pair[0], sens, name="the sensitivity of an over-segmented edema", **TOL)
    assert_close(pair[1], spec, name="the specificity of an over-segmented edema", **TOL)


@pytest.mark.grade(1, hint="Channels first: the class's voxels are pred[class_num] and label[class_num], not pred[..., class_num].", uses=["compute_class_sens_spec"])
def test_sens_spec_channels_first(compute_class_sens_spec, rng):
    label = (rng.random((3, 9, 8, 3)) < np.array([0.1, 0.3, 0.5]).reshape(3, 1, 1, 1)).astype(np.float64)
    pred = np.where(rng.random(label.shape) < 0.2, 1.0 - label, label)
    for k in range(3):
        sens, spec = sens_spec_oracle(pred, label, k)
        got = expect_sens_spec(compute_class_sens_spec(pred, label, k), name=f"class {k}")
        assert_close(got[0], sens, name=f"the sensitivity of class {k}", **TOL)
        assert_close(got[1], spec, name=f"the specificity of class {k}", **TOL)


@pytest.mark.grade(1, hint="If the class never occurs in the label, tp + fn = 0: the sensitivity is undefined (nan, as the course's numpy division gives), never a number.", uses=["compute_class_sens_spec"])
def test_sens_spec_absent_class(compute_class_sens_spec, rng):
    _, label = case(CASE_SEEDS[2])
    y_true = one_hot_without_background(np.where(label == 2, 3, label), 4)  # no non-enhancing tumour
    y_pred = one_hot_without_background(predicted_classes(label, rng), 4)
    y_true[0], y_pred[0] = 1.0, (rng.random(label.shape) < 0.9).astype(np.float64)  # a patch all edema
    for k, name, undefined in [(1, "a class absent from the label", 0), (0, "a class on every voxel of the label", 1)]:
        try:
            with np.errstate(all="ignore"):
                result = compute_class_sens_spec(y_pred, y_true, k)
        except ZeroDivisionError:  # 0 / 0 of Python ints: the course leaves the value undefined, so raising is accepted
            continue
        pair = expect_sens_spec(result, name=name, allow_nan=True)
        what = ("sensitivity", "specificity")
        check(pair[undefined] != pair[undefined], f"the {what[undefined]} of {name} is undefined (its denominator is 0): "
                                                  "it should be nan, as dividing the numpy counts gives, not a number")
        expected = sens_spec_oracle(y_pred, y_true, k)[1 - undefined]
        check(pair[1 - undefined] == pair[1 - undefined], f"the {what[1 - undefined]} of {name} is defined, not nan")
        assert_close(pair[1 - undefined], expected, name=f"the {what[1 - undefined]} of {name}", **TOL)


@pytest.mark.grade(1, hint="Low rates are numbers too: sensitivity 0 when nothing is found, specificity 0 when everything is flagged, and a one-voxel lesion counts.", uses=["compute_class_sens_spec"])
def test_sens_spec_poor_segmentations_and_tiny_lesions(compute_class_sens_spec, rng):
    shape = (2, 12, 10, 6)
    label = np.zeros(shape)
    label[0, 3:9, 2:8, 1:5] = 1.0  # a lesion of 144 voxels
    label[1, int(rng.integers(12)), int(rng.integers(10)), int(rng.integers(6))] = 1.0  # a one-voxel lesion
    nothing, everything = np.zeros(shape), np.ones(shape)
    a_third = np.zeros(shape)
    a_third[0, 3:5, 2:8, 1:5] = 1.0  # finds a third of the lesion
    a_third[0, :, :, 5] = 1.0  # and flags a whole slice outside it
    cases = [(nothing, label, "a prediction that finds nothing"), (everything, label, "a prediction that flags everything"),
             (a_third, label, "a prediction that finds a third of the lesion"),
             (label.copy(), label, "a one-voxel lesion found"), (label.copy(), 1.0 - label, "a lesion on all voxels but one")]  # class 1 there: tn + fp = 1
    for pred, truth, name in cases:
        for k in range(2):
            expected = sens_spec_oracle(pred, truth, k)
            assert not np.isnan(expected).any(), "grader invariant: both rates are defined"
            for dtype in (np.float64, np.int64):
                what = f"{name} (class {k}, {np.dtype(dtype).name} arrays)"
                got = expect_sens_spec(compute_class_sens_spec(pred.astype(dtype), truth.astype(dtype), k), name=what)
                assert_close(got[0], expected[0], name=f"the sensitivity of {what}", **TOL)
                assert_close(got[1], expected[1], name=f"the specificity of {what}", **TOL)
