"""Hidden graders for 18.06-lec4 (A = LU without row exchanges). Oracles: numpy and scipy."""


import numpy as np
import pytest
import scipy.linalg

from autograde.checks import assert_array_close, assert_not_used, call_checked, check, expect_array, expect_raises, fail


def no_exchange_matrix(rng, n):
    """Column diagonally dominant: partial pivoting never swaps rows, so scipy's P is I."""
    A = rng.uniform(-5, 5, size=(n, n)).round(1)
    A[np.diag_indices(n)] = np.abs(A).sum(axis=0) + rng.uniform(1, 3, size=n)
    return A


@pytest.mark.grade(2, hint="L @ U must give back A: each multiplier is l_ik = (row i entry) / (pivot k).", uses=["lu"])
def test_lu_reconstructs_a(lu, rng):
    for n in (2, 3, 5, 7):
        A = no_exchange_matrix(rng, n)
        L, U = lu(A.copy())
        L = expect_array(L, name=f"L for a {n}x{n} matrix", shape=(n, n), kind="f")
        U = expect_array(U, name=f"U for a {n}x{n} matrix", shape=(n, n), kind="f")
        assert_array_close(L @ U, A, name=f"L @ U for a {n}x{n} matrix", rtol=1e-9, atol=1e-9)


@pytest.mark.grade(1, hint="L is unit lower-triangular: ones on its diagonal, zeros above it.", uses=["lu"])
def test_l_is_unit_lower_triangular(lu, rng):
    A = no_exchange_matrix(rng, 5)
    L, _ = lu(A)
    L = expect_array(L, name="L", shape=(5, 5), kind="f")
    check(np.allclose(np.diag(L), 1.0), "L should have ones on its diagonal")
    check(np.allclose(np.triu(L, 1), 0.0), "L should have zeros above its diagonal")


@pytest.mark.grade(1, hint="U is upper-triangular: eliminate every entry below each pivot, up to the last column.", uses=["lu"])
def test_u_is_upper_triangular(lu, rng):
    A = no_exchange_matrix(rng, 6)
    _, U = lu(A)
    U = expect_array(U, name="U", shape=(6, 6), kind="f")
    check(np.allclose(np.tril(U, -1), 0.0, atol=1e-12), "U should have zeros below its diagonal")


@pytest.mark.grade(2, hint="Without row exchanges L and U are unique: compare your multipliers with elimination by hand.", uses=["lu"])
def test_factors_match_scipy(lu, rng):
    A = no_exchange_matrix(rng, 6)
    P, L_true, U_true = scipy.linalg.lu(A)
    assert np.array_equal(P, np.eye(6)), "grader invariant: the test matrix needs no row exchange"
    L, U = lu(A)
    assert_array_close(L, L_true, name="L", rtol=1e-9, atol=1e-12)
    assert_array_close(U, U_true, name="U", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, hint="Work on a float copy of A (np.array(A, dtype=float)): the caller's matrix must not change.", uses=["lu"])
def test_lu_leaves_input_unchanged(lu, rng):
    A = no_exchange_matrix(rng, 4)
    original = A.copy()
    result = call_checked(lu, A, name="lu", unchanged=True)
    check(type(result) is tuple and len(result) == 2, "lu should return a tuple (L, U)")  # a real answer too
    L, U = result
    L = expect_array(L, name="L", shape=(4, 4), kind="f")
    U = expect_array(U, name="U", shape=(4, 4), kind="f")
    assert_array_close(L @ U, original, name="L @ U for a 4x4 matrix", rtol=1e-9, atol=1e-9)


@pytest.mark.grade(1, hint="Integer input still gives float factors: 7 / 2 must not be rounded to 3.", uses=["lu"])
def test_lu_integer_matrix(lu):
    A = np.array([[2, 1, 1], [4, 3, 3], [8, 7, 9]])
    L, U = lu(A)
    L = expect_array(L, name="L", shape=(3, 3), kind="f")
    U = expect_array(U, name="U", shape=(3, 3), kind="f")
    assert_array_close(L @ U, A, name="L @ U for an integer matrix")


@pytest.mark.grade(1, hint="A 1x1 matrix [a] factors as L = [1], U = [a].", uses=["lu"])
def test_lu_one_by_one(lu):
    L, U = lu(np.array([[3.5]]))
    assert_array_close(L, np.array([[1.0]]), name="L for a 1x1 matrix")
    assert_array_close(U, np.array([[3.5]]), name="U for a 1x1 matrix")


@pytest.mark.grade(1, hint="A zero pivot means elimination needs a row exchange: raise ValueError instead of dividing by 0.", uses=["lu"])
@pytest.mark.parametrize(
    "A",
    [
        np.array([[0.0, 1.0], [1.0, 1.0]]),                                   # first pivot is 0
        np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 7.0], [1.0, 5.0, 2.0]]),        # second pivot becomes 0
        np.array([[1.0, 2.0], [2.0, 4.0]]),                                   # singular: last pivot 0
    ],
    ids=["first-pivot", "second-pivot", "singular"],
)
def test_lu_zero_pivot_raises(lu, A):
    # a copy: the case's matrix is shared by every submission graded in this session
    expect_raises(lambda: lu(A.copy()), ValueError, what="lu of a matrix with a zero pivot")


@pytest.mark.grade(1, hint="Only a pivot that is exactly 0 stops elimination: tiny entries (here near 1e-14) are small, not zero.", uses=["lu"])
def test_lu_tiny_pivots_are_not_zero(lu, rng):
    A = no_exchange_matrix(rng, 4)
    _, L_true, U_true = scipy.linalg.lu(A)
    tiny = A * 1e-14  # the same dosing matrix in units a hundred trillion times larger
    try:
        result = lu(tiny.copy())
    except ValueError:
        fail("lu raised ValueError for a matrix whose pivots are tiny but nonzero (near 1e-14): "
             "only an exactly zero pivot needs a row exchange")
    check(type(result) is tuple and len(result) == 2, "lu should return a tuple (L, U)")
    L, U = result
    assert_array_close(L, L_true, name="L for a matrix with entries near 1e-14", rtol=1e-9, atol=1e-12)
    assert_array_close(U, U_true * 1e-14, name="U for a matrix with entries near 1e-14", rtol=1e-9, atol=1e-26)


@pytest.mark.grade(1, hint="Forward substitution: y_i = (b_i - sum_{j<i} L_ij y_j) / L_ii, for i = 0, 1, ...", uses=["forward_substitution"])
def test_forward_substitution(forward_substitution, rng):
    L = np.tril(rng.uniform(-2, 2, size=(6, 6)))
    L[np.diag_indices(6)] = rng.uniform(1, 3, size=6)
    b = rng.uniform(0, 20, size=6)
    y = forward_substitution(L, b.copy())
    assert_array_close(y, scipy.linalg.solve_triangular(L, b, lower=True), name="y", rtol=1e-9)


@pytest.mark.grade(1, hint="Whole-number targets (an integer b) still give a float y: store y in a float array, not one shaped like b.", uses=["forward_substitution"])
def test_forward_substitution_integer_targets(forward_substitution, rng):
    L = np.tril(rng.uniform(-2, 2, size=(4, 4)))
    L[np.diag_indices(4)] = rng.uniform(1, 3, size=4)
    b = rng.integers(2, 15, size=4)  # whole mg/L
    y = expect_array(forward_substitution(L, b.copy()), name="y for integer targets", shape=(4,), kind="f")
    assert_array_close(y, scipy.linalg.solve_triangular(L, b.astype(float), lower=True), name="y for integer targets", rtol=1e-9)


@pytest.mark.grade(1, hint="Back substitution starts from the last row: x_i = (y_i - sum_{j>i} U_ij x_j) / U_ii.", uses=["back_substitution"])
def test_back_substitution(back_substitution, rng):
    U = np.triu(rng.uniform(-2, 2, size=(6, 6)))
    U[np.diag_indices(6)] = rng.uniform(1, 3, size=6)
    y = rng.uniform(0, 20, size=6)
    x = back_substitution(U, y.copy())
    assert_array_close(x, scipy.linalg.solve_triangular(U, y, lower=False), name="x", rtol=1e-9)


@pytest.mark.grade(2, hint="solve_lu = lu, then forward substitution with L, then back substitution with U.", uses=["solve_lu"])
def test_solve_lu_dosing(solve_lu, rng):
    for n in (3, 5):
        A = no_exchange_matrix(rng, n)
        target_levels = rng.uniform(2, 15, size=n)  # mg/L
        rates = solve_lu(A, target_levels)
        assert_array_close(rates, np.linalg.solve(A, target_levels), name=f"infusion rates for {n} drugs", rtol=1e-8)


@pytest.mark.grade(1, hint="An integer dosing matrix and whole-number targets still give float infusion rates.", uses=["solve_lu"])
def test_solve_lu_integer_inputs(solve_lu, rng):
    A = np.array([[4, 1, 2], [2, 5, 1], [1, 2, 6]])
    b = rng.integers(2, 15, size=3)  # whole mg/L
    x = expect_array(solve_lu(A.copy(), b.copy()), name="the infusion rates for integer inputs", shape=(3,), kind="f")
    assert_array_close(x, np.linalg.solve(A, b), name="the infusion rates for integer inputs", rtol=1e-8)


SOLVER_CALLS = {"solve", "lstsq", "inv", "pinv", "lu_factor", "lu_solve", "solve_triangular"}
SOLVER_MODULES = {"linalg", "scipy"}


@pytest.mark.grade(1, hint="solve_lu must use your lu, forward_substitution and back_substitution, not numpy.linalg or scipy.", uses=["solve_lu"])
def test_solve_lu_uses_own_substitutions(solve_lu, submission, rng):
    A = no_exchange_matrix(rng, 4)
    b = rng.uniform(2, 15, size=4)
    x = expect_array(solve_lu(A.copy(), b.copy()), name="the infusion rates for 4 drugs", shape=(4,), kind="f")
    assert_array_close(x, np.linalg.solve(A, b), name="the infusion rates for 4 drugs", rtol=1e-8)
    assert_not_used(submission.source("lu_factorization"), "solve_lu", module="lu_factorization", calls=SOLVER_CALLS,
                    attributes=SOLVER_MODULES, names=SOLVER_MODULES,
                    instead="use your lu, forward_substitution and back_substitution instead")
