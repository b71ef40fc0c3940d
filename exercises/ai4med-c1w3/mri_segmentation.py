"""Brain tumour segmentation on 3-D MRI (Coursera AI for Medical Diagnosis, Week 3).

A segmentation model for glioma labels every voxel of a multi-modal brain MRI as background,
edema, non-enhancing tumour or enhancing tumour. Before training it you need patches of the
scan that actually contain tumour (`get_sub_volume`), intensities put on a common scale
(`standardize`), a score for how well a predicted region overlaps the true one (the Dice
coefficient), a loss a network can learn from (the soft Dice loss), and, for the clinician,
each class's sensitivity and specificity. You write them in numpy with the course's names and
argument orders.

Layouts (the course's):
- a scan `image` is (x, y, z, channels) with channels FLAIR, T1, T1Gd, T2 (`MODALITIES`);
  a `label` is (x, y, z) of integer classes 0 background, 1 edema, 2 non-enhancing tumour,
  3 enhancing tumour (`LABELS`); x runs left to right, y back to front, z bottom to top, so a
  fixed z is an axial slice;
- everything after `get_sub_volume` is CHANNELS FIRST: a patch X is (channels, x, y, z) and
  a one-hot label or prediction is (num_classes, x, y, z).

Rules: numpy only inside your functions. Replace each `raise NotImplementedError` with your
code; keep the names, signatures and default values. `synthetic_brats_case`, `MODALITIES` and
`LABELS` are given: you do not need to change them.
"""

from __future__ import annotations

import numpy as np

from autograde.datasets.mri import LABELS, MODALITIES, synthetic_brats_case  # noqa: F401 (given)

# synthetic_brats_case(seed=0, voxel_mm=4) -> (image, label): a skull-stripped brain (nilearn's
# MNI152 template, 4 mm voxels) with a seeded synthetic glioma. image is float32 (38, 47, 40, 4),
# 0 outside the brain; label is uint8 (38, 47, 40) with classes 0..3 as above.


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
    """A random training patch (X, y) that contains enough tumour, or None.

    Most of a brain scan is healthy tissue or air, so a patch drawn at random is usually all
    background and teaches the model little. Draw random patches until one is not almost all
    background. Each try, in this order:

    1. draw the start corner from numpy's global random state, as the course does, with
       exactly three calls, in this order:
           start_x = np.random.randint(0, orig_x - output_x + 1)
           start_y = np.random.randint(0, orig_y - output_y + 1)
           start_z = np.random.randint(0, orig_z - output_z + 1)
       (one scalar call each: no `size=`, no other random calls anywhere, and no seeding: the
       caller seeds with np.random.seed for reproducible patches);
    2. cut the label block label[start_x : start_x + output_x, start_y : start_y + output_y,
       start_z : start_z + output_z] and one-hot encode it with `num_classes` classes
       (class k becomes 1.0 in channel k and 0.0 in the others);
    3. the background ratio is the number of background (class 0) voxels of the block divided
       by output_x * output_y * output_z. If it is STRICTLY less than background_threshold,
       accept: return the patch; otherwise try again.

    After max_tries rejected tries (exactly max_tries draws of a start corner), give up and
    return None (the course also prints how many tries it made; printing is up to you).

    Args:
        image: (orig_x, orig_y, orig_z, channels) array of MR intensities, any real dtype.
            It must not be modified.
        label: (orig_x, orig_y, orig_z) array of integer classes 0 .. num_classes - 1.
            It must not be modified.
        orig_x, orig_y, orig_z: the size of the scan along x, y, z (the course's BraTS scans
            are 240 x 240 x 155 voxels); they set the range of the start corners.
        output_x, output_y, output_z: the size of the patch (<= the scan's size).
        num_classes: number of classes in the one-hot encoding, background included.
        max_tries: the most start corners to draw before giving up.
        background_threshold: accept a patch only if its background ratio is < this.

    Returns:
        A tuple (X, y) of two NEW arrays (copies, not views of image or label), both channels
        first:
        - X: (channels, output_x, output_y, output_z), the image block with the image's dtype;
        - y: (num_classes - 1, output_x, output_y, output_z) float array of 0.0 / 1.0, the
          one-hot label block WITHOUT the background channel: y[k] marks class k + 1.
        Or None if all max_tries patches were rejected.

    Example:
        >>> image = np.arange(6 * 6 * 4 * 2, dtype=np.float32).reshape(6, 6, 4, 2)
        >>> label = np.zeros((6, 6, 4), dtype=np.uint8)
        >>> label[2:5, 1:4, 1:3] = 3  # a small enhancing tumour
        >>> np.random.seed(0)
        >>> X, y = get_sub_volume(image, label, orig_x=6, orig_y=6, orig_z=4,
        ...                       output_x=4, output_y=4, output_z=2)
        >>> X.shape, y.shape  # the start corner drawn first is (0, 1, 0), 26/32 background: accepted
        ((2, 4, 4, 2), (3, 4, 4, 2))
        >>> X[:, 0, 0, 0]  # image[0, 1, 0, :]
        array([8., 9.], dtype=float32)
        >>> y.sum(axis=(1, 2, 3))  # voxels of edema, non-enhancing, enhancing tumour
        array([0., 0., 6.])
    """
    raise NotImplementedError


def standardize(image: np.ndarray) -> np.ndarray:
    """Standardize each channel's each axial slice to mean 0 and standard deviation 1.

    MR intensities have no fixed unit: they differ between scanners, sequences and even slices
    (coil bias). For every channel c and every slice z, take the 2-D slice image[c, :, :, z],
    subtract its mean, and divide by its standard deviation (the population one, ddof=0, as
    np.std) ONLY IF that standard deviation is not 0, as the course does: a constant slice (e.g.
    all background zeros) must never be divided by 0, so the result never holds NaN or inf.
    What a constant slice becomes the course leaves open (its code keeps whatever the previous
    slice left behind), so it is not graded; centering it, which makes it all zeros, is the
    natural choice.

    Args:
        image: (channels, x, y, z) array (channels first, as returned by `get_sub_volume`),
            any real dtype (integers too). It must not be modified.

    Returns:
        A NEW float64 array of the same shape.

    Example:
        >>> image = np.zeros((1, 2, 2, 2))
        >>> image[0, :, :, 0] = [[1, 2], [3, 4]]
        >>> image[0, :, :, 1] = [[10, 10], [10, 30]]
        >>> standardize(image)[0, :, :, 0]
        array([[-1.34164079, -0.4472136 ],
               [ 0.4472136 ,  1.34164079]])
        >>> standardize(image)[0, :, :, 1]
        array([[-0.57735027, -0.57735027],
               [-0.57735027,  1.73205081]])
    """
    raise NotImplementedError


def single_class_dice_coefficient(
    y_true: np.ndarray, y_pred: np.ndarray, axis: tuple[int, ...] = (0, 1, 2), epsilon: float = 1e-5
) -> float:
    """The Dice coefficient of one class: how much the predicted region overlaps the true one.

        dice = (2 * sum(y_true * y_pred) + epsilon) / (sum(y_true) + sum(y_pred) + epsilon)

    with the sums over `axis`. For 0/1 masks A (true) and B (predicted) this is
    2 |A and B| / (|A| + |B|), smoothed by epsilon (in BOTH numerator and denominator, so two
    empty masks agree perfectly: dice = 1).

    Args:
        y_true: (x, y, z) array of 0/1 ground truth for one class (or a stack of such masks,
            see axis).
        y_pred: an array of the same shape, 0/1 or probabilities in [0, 1].
        axis: the axes to sum over (all three by default). The sums run over exactly these
            axes, so a stack of masks gives one coefficient per mask: for (n, x, y, z) arrays
            (the masks of n patients) axis=(1, 2, 3) returns n coefficients.
        epsilon: the smoothing constant.

    Returns:
        The Dice coefficient, a float (a Python float or a numpy floating scalar) in [0, 1];
        when axis leaves an axis out, a float array of coefficients along the axes left.

    Example:
        >>> y_true = np.zeros((2, 2, 2)); y_true[0, 0, :] = 1
        >>> y_pred = np.zeros((2, 2, 2)); y_pred[0, :, 0] = 1  # 1 voxel of overlap, 2 + 2 voxels
        >>> float(single_class_dice_coefficient(y_true, y_pred))  # (2 + 1e-5) / (4 + 1e-5)
        0.5000012499968751
    """
    raise NotImplementedError


def dice_coefficient(
    y_true: np.ndarray, y_pred: np.ndarray, axis: tuple[int, ...] = (1, 2, 3), epsilon: float = 1e-5
) -> float:
    """The Dice coefficient averaged over classes (each class counts the same, however small).

    For each class (with the default axis=(1, 2, 3), each index of the first axis):

        dice_class = (2 * sum(y_true * y_pred) + epsilon) / (sum(y_true) + sum(y_pred) + epsilon)

    with the sums over `axis`; return the mean of dice_class over the remaining axis (the
    classes). A class absent from both y_true and y_pred has dice_class = epsilon / epsilon = 1.

    Args:
        y_true: (num_classes, x, y, z) array of 0/1 ground truth (one-hot, channels first).
        y_pred: an array of the same shape, 0/1 or probabilities in [0, 1].
        axis: the axes summed over within a class; the other axis holds the classes (e.g.
            axis=(0, 1, 2) for channels-last (x, y, z, num_classes) arrays).
        epsilon: the smoothing constant.

    Returns:
        The mean Dice coefficient, a float (Python float or numpy floating scalar) in [0, 1].

    Example:
        >>> y_true = np.zeros((2, 2, 2, 2)); y_true[0, 0, 0, :] = 1  # class 1 is absent
        >>> y_pred = np.zeros((2, 2, 2, 2)); y_pred[0, 0, :, 0] = 1
        >>> float(dice_coefficient(y_true, y_pred))  # mean of (2 + 1e-5)/(4 + 1e-5) and 1
        0.7500006249984376
    """
    raise NotImplementedError


def soft_dice_loss(
    y_true: np.ndarray, y_pred: np.ndarray, axis: tuple[int, ...] = (1, 2, 3), epsilon: float = 1e-5
) -> float:
    """The soft Dice loss: 1 minus the mean over classes of a Dice that works with probabilities.

    For each class (with the default axis=(1, 2, 3), each index of the first axis):

        soft_dice_class = (2 * sum(y_true * y_pred) + epsilon)
                          / (sum(y_true ** 2) + sum(y_pred ** 2) + epsilon)

    with the sums over `axis` (note the SQUARES in the denominator); the loss is
    1 - mean(soft_dice_class) over the classes. It is 0 for a perfect 0/1 prediction.

    Args:
        y_true: (num_classes, x, y, z) array of 0/1 ground truth (one-hot, channels first).
        y_pred: an array of the same shape of predicted probabilities in [0, 1].
        axis: the axes summed over within a class; the other axis holds the classes.
        epsilon: the smoothing constant.

    Returns:
        The loss, a float (Python float or numpy floating scalar) in [0, 1].

    Example:
        >>> y_true = np.zeros((2, 2, 2, 2)); y_true[0, 0, 0, :] = 1
        >>> y_true[1] = 1 - y_true[0]  # a two-class one-hot label
        >>> y_pred = np.where(y_true == 1, 0.8, 0.1)
        >>> y_pred[1] = 1 - y_pred[0]
        >>> float(soft_dice_loss(y_true, y_pred))
        0.02735655271216819
    """
    raise NotImplementedError


def compute_class_sens_spec(pred: np.ndarray, label: np.ndarray, class_num: int) -> tuple[float, float]:
    """Sensitivity and specificity of a segmentation for one class, counted over voxels.

    Take the class's channel, pred[class_num] and label[class_num] (channels FIRST), and count
    voxels: true positives (pred 1, label 1), true negatives (pred 0, label 0), false positives
    (pred 1, label 0), false negatives (pred 0, label 1). Then

        sensitivity = tp / (tp + fn)    (the share of the tumour class that was found)
        specificity = tn / (tn + fp)    (the share of the rest that was correctly left out)

    If the class never occurs in label, sensitivity is undefined (tp + fn = 0); likewise
    specificity if every voxel has the class. The course divides the counts as np.sum returns
    them (numpy integers), which gives nan there (with numpy's RuntimeWarning): return nan for
    the undefined one and the other as usual. Dividing Python ints raises ZeroDivisionError
    instead, which is accepted too; a number in place of the undefined one is not.

    Args:
        pred: (num_classes, x, y, z) array of 0/1 predictions (int or float dtype).
        label: (num_classes, x, y, z) array of 0/1 ground truth (int or float dtype).
        class_num: the index of the class's channel in the first axis.

    Returns:
        A tuple (sensitivity, specificity) of two floats (Python floats or numpy floating
        scalars), in this order.

    Example:
        >>> label = np.zeros((1, 2, 2, 2)); label[0, 0, 0, :] = 1  # 2 tumour voxels
        >>> pred = np.zeros((1, 2, 2, 2)); pred[0, 0, :, 0] = 1  # finds 1 of them, 1 false alarm
        >>> compute_class_sens_spec(pred, label, 0)  # tp 1, fn 1, tn 5, fp 1
        (0.5, 0.8333333333333334)
    """
    raise NotImplementedError
