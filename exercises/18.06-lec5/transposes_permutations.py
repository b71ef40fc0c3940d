"""Transposes, permutations and PA = LU (MIT 18.06, Lecture 5), on patient-by-lab-test tables.

A lab table R has one row per patient and one column per test (creatinine mg/dL, potassium
mmol/L, hemoglobin g/dL, glucose mg/dL, ...). Turning it on its side is a transpose; putting the
patients in a new order (by triage acuity, by bed) is a permutation matrix P acting on the rows;
R^T R collects the dot products between test columns, the symmetric matrix behind a covariance.
A co-oximeter recovers hemoglobin fractions from absorbances at several wavelengths by solving
A x = b; when the first species does not absorb at the first wavelength the first pivot is 0, and
elimination needs a row exchange: PA = LU.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import numpy as np

SINGULAR_TOL = 1e-12  # a candidate pivot this small, relative to the largest |entry| of A, counts as zero


def transpose(A: np.ndarray) -> np.ndarray:
    """The transpose of A, built by hand: (A^T)[j, i] = A[i, j].

    Write it with loops or indexing; do NOT use `A.T`, `np.transpose`, `A.transpose()`,
    `np.swapaxes` or `np.moveaxis` (the grader reads this function's code).

    Args:
        A: an (m, n) numpy array, m, n >= 1, of any numeric dtype (a patients-by-tests table).
            It must not be modified.

    Returns:
        A new (n, m) numpy array (not a view of A) with the same dtype as A: an integer table
        stays integer.

    Example:
        >>> transpose(np.array([[1.1, 4.2, 13.5], [0.8, 3.9, 15.1]]))   # creatinine, K, Hb
        array([[ 1.1,  0.8],
               [ 4.2,  3.9],
               [13.5, 15.1]])
    """
    raise NotImplementedError


def permutation_matrix(order) -> np.ndarray:
    """The permutation matrix P that puts the rows (patients) of A in the given order.

    Convention: P @ A == A[order], i.e. row i of P @ A is row order[i] of A, so row i of P is
    the unit row with its 1 in column order[i] (P[i, order[i]] = 1, every other entry 0).

    Args:
        order: a list or 1-D integer array of length n >= 1 containing each of 0, 1, ..., n-1
            exactly once.

    Returns:
        P: an (n, n) float numpy array of zeros and ones.

    Raises:
        ValueError: if order is not a rearrangement of 0, 1, ..., n-1 (a repeated, missing,
            negative or too large index).

    Example:
        >>> permutation_matrix([2, 0, 1])      # the patient in row 2 goes first
        array([[0., 0., 1.],
               [1., 0., 0.],
               [0., 1., 0.]])
    """
    raise NotImplementedError


def is_permutation_matrix(P: np.ndarray) -> bool:
    """Whether P is a permutation matrix: square, every entry exactly 0 or 1, and exactly one 1
    in every row and in every column (the identity with its rows reordered).

    Args:
        P: a 2-D numpy array of any shape and numeric dtype.

    Returns:
        A bool (Python bool or numpy bool). A non-square array gives False, it does not raise.

    Example:
        >>> is_permutation_matrix(np.array([[0, 1], [1, 0]]))
        True
        >>> is_permutation_matrix(np.array([[0.5, 0.5], [0.5, 0.5]]))   # rows sum to 1, still no
        False
    """
    raise NotImplementedError


def plu(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Factor a square matrix as P A = L U by elimination with partial pivoting.

    At step k (k = 0, 1, ..., n-1) the pivot is the candidate of largest magnitude |U[i, k]|
    among rows i >= k; on a tie take the upper (first) row. Exchange that row with row k in U,
    record the exchange in P, and exchange the multipliers already stored in columns 0..k-1 of
    L as well (they belong to the rows that move). Then eliminate below the pivot.

    Convention: P @ A == L @ U (P acts on the rows of A). scipy.linalg.lu returns (p, l, u)
    with A == p @ l @ u instead, so its p is the transpose of this P: P == p.T.

    Args:
        A: an (n, n) numpy array of numbers (ints or floats), n >= 1. It must not be modified.

    Returns:
        (P, L, U), three (n, n) float numpy arrays: P a permutation matrix, L unit
        lower-triangular (ones on its diagonal, every multiplier |l_ik| <= 1), U upper-triangular
        with the pivots on its diagonal and zeros below it.

    Raises:
        ValueError: if A is singular: at some step every candidate pivot has
            |U[i, k]| <= SINGULAR_TOL * max|A_ij| (this tolerance absorbs rounding).

    Example:
        >>> P, L, U = plu(np.array([[0.0, 2.0, 1.0], [4.0, 1.0, 0.0], [2.0, 0.0, 3.0]]))
        >>> P
        array([[0., 1., 0.],
               [1., 0., 0.],
               [0., 0., 1.]])
        >>> L
        array([[ 1.  ,  0.  ,  0.  ],
               [ 0.  ,  1.  ,  0.  ],
               [ 0.5 , -0.25,  1.  ]])
        >>> U
        array([[4.  , 1.  , 0.  ],
               [0.  , 2.  , 1.  ],
               [0.  , 0.  , 3.25]])
    """
    raise NotImplementedError


def solve_plu(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Hemoglobin concentrations x (g/dL) from co-oximeter absorbances b: solve A x = b with
    your `plu`: P A = L U, so L y = P b (forward substitution), then U x = y (back
    substitution). Do not call numpy.linalg.solve or scipy.

    Args:
        A: an (n, n) invertible numpy array (absorbance per g/dL of each species at each
            wavelength); it may need row exchanges.
        b: an (n,) numpy array of measured absorbances.

    Returns:
        x: an (n,) float numpy array with A @ x == b up to rounding.

    Raises:
        ValueError: if A is singular (as plu does).

    Example:
        >>> solve_plu(np.array([[0.0, 2.0, 1.0], [4.0, 1.0, 0.0], [2.0, 0.0, 3.0]]), np.array([5.0, 6.0, 5.0]))
        array([1., 2., 1.])
    """
    raise NotImplementedError


def symmetric_product(R: np.ndarray) -> np.ndarray:
    """R^T R for a patients-by-tests table R: entry (j, k) is the dot product of test column j
    with test column k. (For a centred R, R^T R / (m - 1) is the covariance matrix of the tests.)
    Here you may use your `transpose` or numpy's `.T`.

    Args:
        R: an (m, n) numpy array, m patients by n tests, any m, n >= 1 (rectangular is the
            usual case); ints or floats. It must not be modified.

    Returns:
        An (n, n) numpy array (integer or float), symmetric. Not R R^T, which is (m, m).

    Example:
        >>> symmetric_product(np.array([[1.0, 2.0], [0.0, 1.0], [3.0, 1.0]]))
        array([[10.,  5.],
               [ 5.,  6.]])
    """
    raise NotImplementedError


def is_symmetric(S: np.ndarray, tol: float = 1e-10) -> bool:
    """Whether S equals its transpose, up to rounding.

    S is symmetric when it is square and every |S[i, j] - S[j, i]| <= tol * max(1, max|S|):
    the tolerance is relative to the largest |entry|, so the rounding in a product of lab
    values in mg/dL (entries near 10^5) does not count as asymmetry.

    Args:
        S: an (m, n) numpy array of any shape, m, n >= 1.
        tol: the relative tolerance (default 1e-10); use the argument, do not hard-code it.

    Returns:
        A bool (Python bool or numpy bool). A non-square array gives False, it does not raise.

    Example:
        >>> is_symmetric(np.array([[10.0, 5.0], [5.0, 6.0]]))
        True
        >>> is_symmetric(np.array([[1.0, 2.0], [0.0, 1.0]]))
        False
    """
    raise NotImplementedError
