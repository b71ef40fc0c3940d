"""A = LU without row exchanges (MIT 18.06, Lecture 4), used to solve dosing systems.

A three-compartment infusion model links the infusion rates x (mg/h) of three drugs to the
steady-state plasma levels b (mg/L) they produce: A x = b. The matrix A is fixed for a
patient, but the target levels b change every shift. Factor A once (A = LU), then each new
target costs only two triangular solves.

Replace each `raise NotImplementedError` with your code; keep the names and signatures.
"""

from __future__ import annotations

import numpy as np


def lu(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Factor a square matrix A into L and U with A = L @ U, by elimination without row exchanges.

    Args:
        A: an (n, n) numpy array of numbers (ints or floats), n >= 1. It must not be modified.

    Returns:
        (L, U), two (n, n) float numpy arrays: L is unit lower-triangular (ones on the
        diagonal, the elimination multipliers l_ik below it, zeros above); U is
        upper-triangular (the pivots on its diagonal, zeros below).

    Raises:
        ValueError: if a pivot is exactly zero (elimination would need a row exchange, or A
        is singular).

    Example:
        >>> L, U = lu(np.array([[2.0, 1.0], [6.0, 8.0]]))
        >>> L
        array([[1., 0.],
               [3., 1.]])
        >>> U
        array([[2., 1.],
               [0., 5.]])
    """
    raise NotImplementedError


def forward_substitution(L: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve L y = b for a lower-triangular L (any nonzero diagonal), top row first.

    Args:
        L: (n, n) lower-triangular float array with a nonzero diagonal.
        b: (n,) array of target plasma levels (mg/L), ints or floats.

    Returns:
        y: (n,) float array.

    Example:
        >>> forward_substitution(np.array([[1.0, 0.0], [3.0, 1.0]]), np.array([4.0, 17.0]))
        array([4., 5.])
    """
    raise NotImplementedError


def back_substitution(U: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Solve U x = y for an upper-triangular U with a nonzero diagonal, bottom row first.

    Args:
        U: (n, n) upper-triangular float array with a nonzero diagonal.
        y: (n,) float array.

    Returns:
        x: (n,) float array.

    Example:
        >>> back_substitution(np.array([[2.0, 1.0], [0.0, 5.0]]), np.array([4.0, 5.0]))
        array([1.5, 1. ])
    """
    raise NotImplementedError


def solve_lu(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Infusion rates x (mg/h) that produce the target levels b (mg/L): solve A x = b with your
    `lu`, `forward_substitution` and `back_substitution` (do not call numpy.linalg.solve).

    Args:
        A: (n, n) array (ints or floats) that needs no row exchanges.
        b: (n,) array of target levels, ints or floats.

    Returns:
        x: (n,) float array with A @ x == b up to rounding.

    Example:
        >>> solve_lu(np.array([[2.0, 1.0], [6.0, 8.0]]), np.array([4.0, 17.0]))
        array([1.5, 1. ])
    """
    raise NotImplementedError
