"""ai4med-c1w3 written the way the course's notebook does it (a second reference, graded in the suite).

The course's own code with Keras swapped for numpy: get_sub_volume draws its corners with
np.random.randint from numpy's global random state and one-hot encodes with an identity matrix
(keras.utils.to_categorical in the course); standardize loops over channels and z-slices with
the course's "only if the standard deviation is not zero" guard, exactly as the course writes it
(a constant slice keeps the previous slice's values); the Dice functions and the soft Dice loss
use np.sum / np.mean where the course uses K.sum / K.mean; compute_class_sens_spec divides the
numpy counts directly.
"""

import numpy as np

from autograde.datasets.mri import LABELS, MODALITIES, synthetic_brats_case  # noqa: F401


def get_sub_volume(image, label,
                   orig_x=240, orig_y=240, orig_z=155,
                   output_x=160, output_y=160, output_z=16,
                   num_classes=4, max_tries=1000,
                   background_threshold=0.95):
    # Initialize features and labels with `None`
    X = None
    y = None

    tries = 0

    while tries < max_tries:
        # randomly sample sub-volume by sampling the corner voxel
        # hint: make sure to leave enough room for the output dimensions!
        start_x = np.random.randint(0, orig_x - output_x + 1)
        start_y = np.random.randint(0, orig_y - output_y + 1)
        start_z = np.random.randint(0, orig_z - output_z + 1)

        # extract relevant area of label
        y = label[start_x: start_x + output_x,
                  start_y: start_y + output_y,
                  start_z: start_z + output_z]

        # One-hot encode the categories.
        # This adds a 4th dimension, 'num_classes'
        # (output_x, output_y, output_z, num_classes)
        y = np.eye(num_classes, dtype='float32')[y]

        # compute the background ratio
        bgrd_ratio = np.sum(y[:, :, :, 0]) / (output_x * output_y * output_z)

        # increment tries counter
        tries += 1

        # if background ratio is below the desired threshold,
        # use that sub-volume.
        # otherwise continue the loop and try another random sub-volume
        if bgrd_ratio < background_threshold:

            # make copy of the sub-volume
            X = np.copy(image[start_x: start_x + output_x,
                              start_y: start_y + output_y,
                              start_z: start_z + output_z, :])

            # change dimension of X
            # from (x_dim, y_dim, z_dim, num_channels)
            # to (num_channels, x_dim, y_dim, z_dim)
            X = np.moveaxis(X, 3, 0)

            # change dimension of y
            # from (x_dim, y_dim, z_dim, num_classes)
            # to (num_classes, x_dim, y_dim, z_dim)
            y = np.moveaxis(y, 3, 0)

            # take a subset of y that excludes the background class
            # in the 'num_classes' dimension
            y = y[1:, :, :, :]

            return X, y

    # if we've tried max_tries number of samples
    # Give up in order to avoid looping forever.
    print(f"Tried {tries} times to find a sub-volume. Giving up...")


def standardize(image):
    # initialize to array of zeros, with same shape as the image
    standardized_image = np.zeros(image.shape)

    # iterate over channels
    for c in range(image.shape[0]):
        # iterate over the `z` dimension
        for z in range(image.shape[3]):
            # get a slice of the image
            # at channel c and z-th dimension `z`
            image_slice = image[c, :, :, z]

            # subtract the mean from image_slice
            centered = image_slice - np.mean(image_slice)

            # divide by the standard deviation (only if it is different from zero)
            if np.std(centered) != 0:
                centered_scaled = centered / np.std(centered)

            # update  the slice of standardized image
            # with the scaled centered and scaled image
            standardized_image[c, :, :, z] = centered_scaled

    return standardized_image


def single_class_dice_coefficient(y_true, y_pred, axis=(0, 1, 2), epsilon=0.00001):
    dice_numerator = 2. * np.sum(y_true * y_pred, axis=axis) + epsilon
    dice_denominator = np.sum(y_true, axis=axis) + np.sum(y_pred, axis=axis) + epsilon
    dice_coefficient = (dice_numerator) / (dice_denominator)

    return dice_coefficient


def dice_coefficient(y_true, y_pred, axis=(1, 2, 3), epsilon=0.00001):
    dice_numerator = 2. * np.sum(y_true * y_pred, axis=axis) + epsilon
    dice_denominator = np.sum(y_true, axis=axis) + np.sum(y_pred, axis=axis) + epsilon
    dice_coefficient = np.mean((dice_numerator) / (dice_denominator))

    return dice_coefficient


def soft_dice_loss(y_true, y_pred, axis=(1, 2, 3), epsilon=0.00001):
    dice_numerator = 2. * np.sum(y_true * y_pred, axis=axis) + epsilon
    dice_denominator = np.sum(y_true**2, axis=axis) + np.sum(y_pred**2, axis=axis) + epsilon
    dice_loss = 1 - np.mean((dice_numerator) / (dice_denominator))

    return dice_loss


def compute_class_sens_spec(pred, label, class_num):
    # extract sub-array for specified class
    class_pred = pred[class_num]
    class_label = label[class_num]

    # compute true positives, false positives,
    # true negatives, false negatives
    tp = np.sum((class_pred == 1) & (class_label == 1))
    tn = np.sum((class_pred == 0) & (class_label == 0))
    fp = np.sum((class_pred == 1) & (class_label == 0))
    fn = np.sum((class_pred == 0) & (class_label == 1))

    # compute sensitivity and specificity
    sensitivity = tp / (tp + fn)
    specificity = tn / (tn + fp)

    return sensitivity, specificity
