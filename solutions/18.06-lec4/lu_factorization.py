"""A = LU without row exchanges (MIT 18.06, Lecture 4), used to solve dosing systems."""

from __future__ import annotations

import numpy as np


def lu(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Factor square A into unit lower-triangular L and upper-triangular U with A = L @ U."""
    U = np.array(A, dtype=float)  # a float copy: elimination must not touch the caller's matrix
    n = len(U)
    L = np.eye(n)
    for k in range(n - 1):
        if U[k, k] == 0.0:
            raise ValueError(f"zero pivot in column {k}: this matrix needs a row exchange")
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i, k:] -= L[i, k] * U[k, k:]
    if U[-1, -1] == 0.0:
        raise ValueError("zero pivot in the last column: the matrix is singular")
    return L, U


def forward_substitution(L: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve L y = b for lower-triangular L, top row first."""
    n = len(L)
    y = np.zeros(n)
    for i in range(n):
        y[i] = (b[i] - L[i, :i] @ y[:i]) / L[i, i]
    return y


def back_substitution(U: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Solve U x = y for upper-triangular U, bottom row first."""
    n = len(U)
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (y[i] - U[i, i + 1 :] @ x[i + 1 :]) / U[i, i]
    return x


def solve_lu(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve A x = b by A = LU, then L y = b, then U x = y."""
    L, U = lu(A)
    return back_substitution(U, forward_substitution(L, b))
