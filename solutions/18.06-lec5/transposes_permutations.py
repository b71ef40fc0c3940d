"""Transposes, permutations and PA = LU (MIT 18.06, Lecture 5), on patient-by-lab-test tables."""

from __future__ import annotations

import numpy as np

SINGULAR_TOL = 1e-12  # a candidate pivot this small, relative to the largest |entry| of A, counts as zero


def transpose(A: np.ndarray) -> np.ndarray:
    """(A^T)[j, i] = A[i, j], built entry by entry into a new array of A's dtype."""
    A = np.asarray(A)
    m, n = A.shape
    At = np.empty((n, m), dtype=A.dtype)
    for i in range(m):
        for j in range(n):
            At[j, i] = A[i, j]
    return At


def permutation_matrix(order) -> np.ndarray:
    """P with P @ A == A[order]: row i of P is the unit row e_{order[i]}."""
    order = [int(k) for k in order]
    n = len(order)
    if sorted(order) != list(range(n)):
        raise ValueError("order must list every row index 0, 1, ..., n-1 exactly once")
    P = np.zeros((n, n))
    for i, k in enumerate(order):
        P[i, k] = 1.0
    return P


def is_permutation_matrix(P: np.ndarray) -> bool:
    """Every entry 0 or 1, exactly one 1 in each row and in each column.

    Such a matrix is square: its number of 1s is both its number of rows and of columns.
    """
    P = np.asarray(P)
    zeros_and_ones = bool(np.all((P == 0) | (P == 1)))
    return zeros_and_ones and bool(np.all(P.sum(axis=0) == 1)) and bool(np.all(P.sum(axis=1) == 1))


def plu(A: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PA = LU by elimination with partial pivoting (largest |candidate| in each column)."""
    U = np.array(A, dtype=float)  # a float copy: the caller's matrix is left alone
    n = len(U)
    P = np.eye(n)
    L = np.eye(n)
    tol = SINGULAR_TOL * np.abs(U).max()
    for k in range(n):
        r = k + int(np.argmax(np.abs(U[k:, k])))  # the largest candidate on or below the diagonal; first on ties
        if abs(U[r, k]) <= tol:
            raise ValueError(f"no nonzero pivot in column {k}: the matrix is singular")
        if r != k:
            U[[k, r], :] = U[[r, k], :]
            P[[k, r], :] = P[[r, k], :]
            L[[k, r], :k] = L[[r, k], :k]  # multipliers already computed travel with their rows
        for i in range(k + 1, n):
            L[i, k] = U[i, k] / U[k, k]
            U[i, k + 1 :] -= L[i, k] * U[k, k + 1 :]
            U[i, k] = 0.0
    return P, L, U


def solve_plu(A: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Solve A x = b: PA = LU, then L y = P b (forwards) and U x = y (backwards)."""
    P, L, U = plu(A)
    c = P @ b
    n = c.shape[0]
    y = np.zeros(n)
    for i in range(n):
        y[i] = c[i] - L[i, :i] @ y[:i]  # L has ones on its diagonal
    x = np.zeros(n)
    for i in range(n - 1, -1, -1):
        x[i] = (y[i] - U[i, i + 1 :] @ x[i + 1 :]) / U[i, i]
    return x


def symmetric_product(R: np.ndarray) -> np.ndarray:
    """R^T R: the (n, n) matrix of dot products between the columns of R."""
    R = np.asarray(R)
    return R.T @ R


def is_symmetric(S: np.ndarray, tol: float = 1e-10) -> bool:
    """Square and S == S^T up to tol relative to the scale of S."""
    S = np.asarray(S)
    if S.shape[0] != S.shape[1]:
        return False
    scale = max(1.0, float(np.abs(S).max()))
    return bool(np.abs(S - S.T).max() <= tol * scale)
