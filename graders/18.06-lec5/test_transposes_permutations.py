"""Hidden graders for 18.06-lec5 (transposes, permutations, PA = LU, R^T R).

Oracles: numpy (A.T, A[order], R.T @ R, numpy.linalg.solve) and scipy.linalg.lu, whose
(p, l, u) satisfy A = p @ l @ u, so the P of PA = LU is p.T.
"""


import numpy as np
import pytest
import scipy.linalg

from autograde.checks import (
    assert_array_close,
    assert_not_used,
    call_checked,
    check,
    expect_array,
    expect_bool,
    expect_raises,
    expect_tuple,
    fail,
)

# Realistic lab ranges: creatinine mg/dL, potassium mmol/L, hemoglobin g/dL, glucose mg/dL,
# sodium mmol/L, platelets 10^9/L, white cells 10^9/L, urea nitrogen mg/dL.
LAB_RANGES = [(0.6, 1.3), (3.5, 5.0), (12.0, 17.0), (70.0, 140.0), (135.0, 145.0), (150.0, 400.0), (4.0, 11.0), (7.0, 20.0)]


def lab_table(rng, patients, tests):
    """A patients-by-tests float table, each column drawn from one lab test's normal range."""
    columns = [rng.uniform(*LAB_RANGES[j % len(LAB_RANGES)], size=patients) for j in range(tests)]
    return np.column_stack(columns).round(2)


def pivoting_matrix(rng, n):
    """A well-conditioned random matrix whose first column is small on top: pivoting must swap rows."""
    A = rng.uniform(-10, 10, size=(n, n)).round(3)
    A[0, 0] = rng.uniform(-0.5, 0.5)
    return A


def zero_first_pivot_matrix(rng, n):
    """Co-oximeter-like absorbance matrix (absorbance per g/dL) with A[0, 0] = 0: a row exchange is unavoidable."""
    A = rng.uniform(0.05, 2.0, size=(n, n)).round(3)
    A[0, 0] = 0.0
    return A


def factors(result, n, *, what):
    """Unpack (P, L, U) from plu and check each is an (n, n) float array."""
    P, L, U = expect_tuple(result, name=f"plu's result (P, L, U) for {what}", length=3)
    return (
        expect_array(P, name=f"P for {what}", shape=(n, n), kind="f"),
        expect_array(L, name=f"L for {what}", shape=(n, n), kind="f"),
        expect_array(U, name=f"U for {what}", shape=(n, n), kind="f"),
    )


# --- transpose -----------------------------------------------------------------------------


@pytest.mark.grade(1, hint="(A^T)[j, i] = A[i, j]: row i of A becomes column i of the transpose.", uses=["transpose"])
def test_transpose_square(transpose, rng):
    for n in (1, 3, 6):
        A = lab_table(rng, n, n)
        At = transpose(A.copy())
        assert_array_close(At, A.T, name=f"the transpose of a {n}x{n} table", rtol=0, atol=0)


@pytest.mark.grade(2, hint="An (m, n) table has an (n, m) transpose: size the result from both dimensions of A.", uses=["transpose"])
def test_transpose_rectangular(transpose, rng):
    for m, n in ((5, 2), (2, 5), (1, 4), (4, 1), (12, 8)):
        A = lab_table(rng, m, n)
        At = transpose(A.copy())
        expect_array(At, name=f"the transpose of a {m}x{n} table", shape=(n, m))
        assert_array_close(At, A.T, name=f"the transpose of a {m}x{n} table", rtol=0, atol=0)


@pytest.mark.grade(1, hint="Keep A's dtype: create the result with dtype=A.dtype, so an integer table stays integer.", uses=["transpose"])
def test_transpose_keeps_integer_dtype(transpose, rng):
    counts = rng.integers(0, 40, size=(6, 3))  # positive cultures per patient per ward, say
    At = transpose(counts.copy())
    At = expect_array(At, name="the transpose of an integer table", shape=(3, 6))
    check(At.dtype.kind in "iu", "the transpose of an integer table should be an integer array, not floats")
    assert_array_close(At, counts.T, name="the transpose of an integer table", rtol=0, atol=0)


@pytest.mark.grade(1, hint="Return a new array and leave A alone: writing into the result must not change A.", uses=["transpose"])
def test_transpose_is_a_new_array(transpose, rng):
    A = lab_table(rng, 4, 3)
    At = call_checked(transpose, A.copy(), name="transpose", new_object=True, unchanged=True)
    assert_array_close(At, A.T, name="the transpose of a 4x3 table", rtol=0, atol=0)  # a real answer


FORBIDDEN_ATTRIBUTES = {"T", "mT", "transpose", "swapaxes", "moveaxis", "permute_dims", "matrix_transpose", "rollaxis"}
FORBIDDEN_NAMES = {"transpose", "swapaxes", "moveaxis", "permute_dims", "matrix_transpose", "rollaxis"}


@pytest.mark.grade(1, hint="Build the transpose yourself with loops or indexing; .T, np.transpose, swapaxes and moveaxis are off limits here.", uses=["transpose"])
def test_transpose_built_by_hand(transpose, submission):
    A = np.array([[1.1, 4.2, 13.5], [0.8, 3.9, 15.1]])
    assert_array_close(transpose(A.copy()), A.T, name="the transpose of the docstring example", rtol=0, atol=0)
    assert_not_used(submission.source("transposes_permutations"), "transpose", module="transposes_permutations",
                    attributes=FORBIDDEN_ATTRIBUTES, names=FORBIDDEN_NAMES,
                    instead="write the transpose with loops or indexing instead")


# --- permutation matrices ------------------------------------------------------------------


@pytest.mark.grade(2, hint="P @ A must list the patients in the given order: row i of P has its 1 in column order[i].", uses=["permutation_matrix"])
def test_permutation_matrix_reorders_patients(permutation_matrix, rng):
    orders = [[1, 2, 0], [3, 0, 1, 2]] + [rng.permutation(n) for n in (5, 8)]
    for order in orders:
        n = len(order)
        assert np.any(np.argsort(order) != np.asarray(order)), "grader invariant: the order is not its own inverse"
        P = permutation_matrix(list(order) if isinstance(order, list) else order.copy())  # a list and an int array
        P = expect_array(P, name=f"P for {n} patients", shape=(n, n), kind="f")
        A = lab_table(rng, n, 4)
        assert_array_close(P @ A, A[np.asarray(order)], name=f"P @ A for {n} patients", rtol=1e-12, atol=0)


@pytest.mark.grade(1, hint="The identity order [0, 1, ..., n-1] gives I, and a one-patient order [0] gives [[1.]].", uses=["permutation_matrix"])
def test_permutation_matrix_identity(permutation_matrix):
    for n in (1, 4):
        P = permutation_matrix(list(range(n)))
        assert_array_close(P, np.eye(n), name=f"P for the order 0..{n - 1}", rtol=0, atol=0)


@pytest.mark.grade(1, hint="Check the order first: it must contain each index 0..n-1 exactly once, else raise ValueError.", uses=["permutation_matrix"])
@pytest.mark.parametrize(
    "what, order",
    [
        ("a repeated patient", [0, 0, 2]),
        ("an index past the end", [1, 2, 3]),
        ("a negative index", [-1, 0, 1]),
        ("a missing patient (repeat)", [2, 1, 2, 0]),
    ],
    ids=["repeated", "past-the-end", "negative", "missing"],
)
def test_permutation_matrix_rejects_bad_order(permutation_matrix, what, order):
    try:
        permutation_matrix(list(order))  # a copy: the case's list is shared by every submission graded in this session
    except ValueError:
        return
    fail(f"permutation_matrix accepted an order with {what}; it should raise ValueError")


@pytest.mark.grade(1, hint="Every reordering of the identity's rows is a permutation matrix, whatever its dtype.", uses=["is_permutation_matrix"])
def test_is_permutation_matrix_accepts(is_permutation_matrix, rng):
    candidates = [np.eye(1), np.eye(5), np.eye(4, dtype=int)[[2, 0, 3, 1]]] + [np.eye(n)[rng.permutation(n)] for n in (3, 7)]
    for P in candidates:
        answer = expect_bool(is_permutation_matrix(P.copy()), name=f"is_permutation_matrix of a {len(P)}x{len(P)} matrix")
        check(answer, f"a {len(P)}x{len(P)} permutation matrix was rejected")


@pytest.mark.grade(2, hint="Row and column sums of 1 are not enough: every entry must also be exactly 0 or 1.", uses=["is_permutation_matrix"])
@pytest.mark.parametrize(
    "what, P",
    [
        ("a matrix of 0.5s (doubly stochastic)", np.full((2, 2), 0.5)),
        ("a matrix with a -1 whose rows and columns still sum to 1", np.array([[1, 1, -1], [0, 0, 1], [0, 0, 1]])),
        ("a matrix with 2 and -1 entries", np.array([[2.0, -1.0], [-1.0, 2.0]])),
        ("a signed permutation (a -1 in place of a 1)", np.array([[0.0, -1.0], [1.0, 0.0]])),
        ("a matrix with two 1s in one row", np.array([[1, 1, 0], [0, 0, 1], [0, 0, 0]])),
        ("the zero matrix", np.zeros((3, 3))),
        ("a matrix with two 1s in one column (one 1 in every row)", np.array([[1, 0, 0], [1, 0, 0], [0, 0, 1]])),
    ],
    ids=["halves", "minus-one", "two-and-minus-one", "signed", "two-ones-in-a-row", "zero", "two-ones-in-a-column"],
)
def test_is_permutation_matrix_rejects_fakes(is_permutation_matrix, what, P):
    answer = expect_bool(is_permutation_matrix(P.copy()), name=f"is_permutation_matrix of {what}")
    check(not answer, f"{what} was accepted as a permutation matrix")


@pytest.mark.grade(1, hint="A permutation matrix is square: a non-square array gives False, without an error.", uses=["is_permutation_matrix"])
@pytest.mark.parametrize("P", [np.eye(3)[:2], np.eye(3)[:, :2], np.array([[1.0, 0.0, 0.0]])], ids=["2x3", "3x2", "1x3"])
def test_is_permutation_matrix_non_square(is_permutation_matrix, P):
    answer = expect_bool(is_permutation_matrix(P.copy()), name=f"is_permutation_matrix of a {P.shape[0]}x{P.shape[1]} array")
    check(not answer, f"a {P.shape[0]}x{P.shape[1]} array was accepted as a permutation matrix")


# --- PA = LU --------------------------------------------------------------------------------


@pytest.mark.grade(2, hint="P @ A must equal L @ U: apply every row exchange to P as well as to U.", uses=["plu"])
def test_plu_reconstructs(plu, rng):
    for n in (2, 3, 5, 8):
        A = pivoting_matrix(rng, n)
        P, L, U = factors(plu(A.copy()), n, what=f"a {n}x{n} matrix")
        assert_array_close(P @ A, L @ U, name=f"L @ U compared with P @ A for a {n}x{n} matrix", rtol=1e-9, atol=1e-9)


@pytest.mark.grade(1, hint="P starts as the identity and only ever has whole rows exchanged: it stays a permutation matrix.", uses=["plu"])
def test_plu_p_is_permutation(plu, rng):
    A = pivoting_matrix(rng, 6)
    P, _, _ = factors(plu(A), 6, what="a 6x6 matrix")
    check(bool(np.all((P == 0) | (P == 1))), "P should contain only 0s and 1s")
    check(bool(np.all(P.sum(axis=0) == 1) and np.all(P.sum(axis=1) == 1)), "P should have exactly one 1 in each row and column")


@pytest.mark.grade(1, hint="L: ones on the diagonal, zeros above; U: zeros below the diagonal. Swap only the computed part of L's rows.", uses=["plu"])
def test_plu_triangular_factors(plu, rng):
    A = pivoting_matrix(rng, 6)
    _, L, U = factors(plu(A), 6, what="a 6x6 matrix")
    check(np.allclose(np.diag(L), 1.0, rtol=0, atol=1e-12), "L should have ones on its diagonal")
    check(np.allclose(np.triu(L, 1), 0.0, rtol=0, atol=1e-12), "L should have zeros above its diagonal")
    check(np.allclose(np.tril(U, -1), 0.0, rtol=0, atol=1e-12), "U should have zeros below its diagonal")


@pytest.mark.grade(2, hint="Partial pivoting picks the candidate of LARGEST magnitude in the column, not the first nonzero one.", uses=["plu"])
def test_plu_largest_pivot(plu, rng):
    for n in (3, 5, 7):
        A = pivoting_matrix(rng, n)
        p, l_true, u_true = scipy.linalg.lu(A)
        P, L, U = factors(plu(A.copy()), n, what=f"a {n}x{n} matrix")
        check(bool(np.all(np.abs(L) <= 1 + 1e-12)), f"some multiplier in L has |l_ik| > 1 for a {n}x{n} matrix: a larger pivot was available")
        assert_array_close(P, p.T, name=f"P (the rows chosen as pivots) for a {n}x{n} matrix", rtol=0, atol=0)
        assert_array_close(L, l_true, name=f"L for a {n}x{n} matrix", rtol=1e-8, atol=1e-10)
        assert_array_close(U, u_true, name=f"U for a {n}x{n} matrix", rtol=1e-8, atol=1e-10)


@pytest.mark.grade(2, hint="A zero in the pivot position is no reason to stop: exchange with a lower row whose entry is larger.", uses=["plu"])
def test_plu_zero_first_pivot(plu, rng):
    cases = [
        np.array([[0.0, 1.2, 0.4], [0.9, 0.3, 0.0], [0.5, 0.0, 1.1]]),
        np.array([[0.0, 0.0, 2.0, 1.0], [0.0, 3.0, 1.0, 0.0], [4.0, 1.0, 0.0, 2.0], [1.0, 2.0, 1.0, 3.0]]),
        np.array([[0.0, 1.0], [-2.0, 3.0]]),
        # a tie for the first pivot (|2| = |-2|): take the upper row
        np.array([[0.0, 1.0, 3.0], [2.0, 1.0, 0.0], [-2.0, 3.0, 1.0]]),
    ] + [zero_first_pivot_matrix(rng, n) for n in (3, 6)]
    for A in cases:
        n = A.shape[0]
        p, l_true, u_true = scipy.linalg.lu(A)
        P, L, U = factors(plu(A.copy()), n, what=f"a {n}x{n} matrix with a zero first pivot")
        assert_array_close(P, p.T, name=f"P for a {n}x{n} matrix with a zero first pivot", rtol=0, atol=0)
        assert_array_close(L @ U, P @ A, name=f"L @ U for a {n}x{n} matrix with a zero first pivot", rtol=1e-9, atol=1e-12)
        assert_array_close(U, u_true, name=f"U for a {n}x{n} matrix with a zero first pivot", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(2, hint="When a later step exchanges rows k and r, exchange L[k, :k] and L[r, :k] too: the old multipliers move with their rows.", uses=["plu"])
def test_plu_later_exchange_moves_multipliers(plu):
    # step 0 needs no exchange; step 1 exchanges rows 1 and 2 after their multipliers exist
    A = np.array([[8.0, 1.0, 2.0], [2.0, 3.0, 1.0], [4.0, 6.0, 3.0]])
    p, l_true, _ = scipy.linalg.lu(A)
    assert np.array_equal(p.T, np.eye(3)[[0, 2, 1]]), "grader invariant: the exchange happens at step 1"
    P, L, U = factors(plu(A.copy()), 3, what="a matrix that exchanges rows at step 1")
    assert_array_close(L, l_true, name="L after a row exchange at step 1", rtol=1e-12, atol=1e-12)
    assert_array_close(L @ U, P @ A, name="L @ U after a row exchange at step 1", rtol=1e-12, atol=1e-12)


@pytest.mark.grade(1, hint="An integer matrix still gives float factors: work on np.array(A, dtype=float).", uses=["plu"])
def test_plu_integer_matrix(plu):
    A = np.array([[0, 3, 1], [2, 1, 5], [7, 4, 2]])
    P, L, U = factors(plu(A.copy()), 3, what="an integer matrix")
    assert_array_close(L @ U, P @ A, name="L @ U for an integer matrix", rtol=1e-12, atol=1e-12)
    p, _, u_true = scipy.linalg.lu(A)
    assert_array_close(U, u_true, name="U for an integer matrix", rtol=1e-9, atol=1e-12)


@pytest.mark.grade(1, hint="Eliminate on a float copy: the caller's matrix must not change.", uses=["plu"])
def test_plu_leaves_input_unchanged(plu, rng):
    A = pivoting_matrix(rng, 5)
    result = call_checked(plu, A.copy(), name="plu", unchanged=True)
    P, L, U = factors(result, 5, what="a 5x5 matrix")  # a real answer: doing nothing earns nothing
    assert_array_close(P @ A, L @ U, name="L @ U compared with P @ A for a 5x5 matrix", rtol=1e-9, atol=1e-9)


@pytest.mark.grade(1, hint="A 1x1 matrix [a] (a != 0) factors as P = [1], L = [1], U = [a].", uses=["plu"])
def test_plu_one_by_one(plu):
    P, L, U = factors(plu(np.array([[-2.5]])), 1, what="a 1x1 matrix")
    assert_array_close(P, np.eye(1), name="P for a 1x1 matrix", rtol=0, atol=0)
    assert_array_close(L, np.eye(1), name="L for a 1x1 matrix", rtol=0, atol=0)
    assert_array_close(U, np.array([[-2.5]]), name="U for a 1x1 matrix", rtol=0, atol=0)


@pytest.mark.grade(1, hint="If no candidate in the pivot column is (nearly) nonzero, even after exchanges, raise ValueError.", uses=["plu"])
def test_plu_singular_raises(plu, rng):
    B, C = rng.uniform(-3, 3, size=(5, 4)), rng.uniform(-3, 3, size=(4, 5))
    rank_deficient = B @ C
    assert np.abs(np.diag(scipy.linalg.lu(rank_deficient)[2])).min() <= 1e-12 * np.abs(rank_deficient).max(), (
        "grader invariant: the rank-4 matrix has a negligible last pivot"
    )
    singular = {
        "a 2x2 matrix whose rows are proportional": np.array([[1.0, 2.0], [2.0, 4.0]]),
        "a matrix with a zero column": np.array([[0.0, 1.0, 2.0], [0.0, 3.0, 1.0], [0.0, 5.0, 4.0]]),
        "a matrix with two identical patient rows": np.array([[0.9, 4.1, 13.2], [1.2, 3.8, 15.0], [0.9, 4.1, 13.2]]),
        "the zero matrix": np.zeros((3, 3)),
        "a rank-4 5x5 matrix (its last pivot is only rounding error)": rank_deficient,
    }
    for what, A in singular.items():
        try:
            plu(A.copy())
        except ValueError:
            continue
        fail(f"plu did not raise ValueError for {what}")


@pytest.mark.grade(1, hint="The singular test compares |pivot| with SINGULAR_TOL * max|A_ij|: relative to A's scale, so a tiny but invertible matrix factors.", uses=["plu"])
def test_plu_tiny_invertible_matrix(plu, rng):
    # the same invertible matrix in units a million billion times larger: entries near 1e-14
    A = pivoting_matrix(rng, 4)
    p, l_true, u_true = scipy.linalg.lu(A)
    tiny = A * 1e-14
    try:
        result = plu(tiny.copy())
    except ValueError:
        fail("plu raised ValueError for an invertible matrix whose entries are near 1e-14: "
             "the singular test must be relative to max|A_ij|, not an absolute threshold")
    P, L, U = factors(result, 4, what="a matrix with entries near 1e-14")
    assert_array_close(P, p.T, name="P for a matrix with entries near 1e-14", rtol=0, atol=0)
    assert_array_close(L, l_true, name="L for a matrix with entries near 1e-14", rtol=1e-8, atol=1e-10)
    assert_array_close(U, u_true * 1e-14, name="U for a matrix with entries near 1e-14", rtol=1e-8, atol=1e-24)


@pytest.mark.grade(1, hint="Rounding grows with the size of the entries: a singular matrix with entries near 1e5 must still raise ValueError (tolerance SINGULAR_TOL * max|A_ij|).", uses=["plu"])
def test_plu_large_singular_matrix_raises(plu, rng):
    # rank-3 4x4 tables of glucose-scale values (mg/dL x count): their last pivot is rounding error near 1e-11
    cases = []
    while len(cases) < 3:
        B, C = rng.uniform(70, 140, size=(4, 3)), rng.uniform(0.5, 4.0, size=(3, 4))
        A = B @ C * 100
        if np.abs(np.diag(scipy.linalg.lu(A)[2])).min() > 1e-12:  # rounding left a pivot no absolute threshold catches
            cases.append(A)
    for A in cases:
        expect_raises(lambda: plu(A.copy()), ValueError, what="plu of a singular 4x4 matrix with entries near 1e5")


@pytest.mark.grade(1, hint="solve_plu goes through plu: a singular A raises ValueError (do not return a vector of inf or nan).", uses=["solve_plu"])
def test_solve_plu_singular_raises(solve_plu):
    A = np.array([[0.0, 1.2, 0.4], [0.9, 0.3, 0.0], [1.8, 3.0, 0.8]])  # row 3 = 2 * (row 1 + row 2)
    expect_raises(lambda: solve_plu(A.copy(), np.array([1.0, 2.0, 3.0])), ValueError, what="solve_plu of a singular matrix")


SOLVER_CALLS = {"solve", "lstsq", "inv", "pinv", "lu", "lu_factor", "lu_solve", "solve_triangular"}
SOLVER_MODULES = {"linalg", "scipy"}


@pytest.mark.grade(1, hint="Solve with your own plu and two substitutions; numpy.linalg and scipy are off limits here.", uses=["solve_plu"])
def test_solve_plu_by_substitution(solve_plu, submission, rng):
    A = zero_first_pivot_matrix(rng, 4)
    b = A @ rng.uniform(0.1, 15.0, size=4)
    x = expect_array(solve_plu(A.copy(), b.copy()), name="the solution for 4 species", shape=(4,), kind="f")
    assert_array_close(x, np.linalg.solve(A, b), name="the solution for 4 species", rtol=1e-8, atol=1e-10)
    assert_not_used(submission.source("transposes_permutations"), "solve_plu", module="transposes_permutations",
                    calls=SOLVER_CALLS, attributes=SOLVER_MODULES, names=SOLVER_MODULES,
                    instead="solve with your plu and forward and back substitution instead")


@pytest.mark.grade(2, hint="A x = b becomes L U x = P b: permute b with P first, then forward and back substitution.", uses=["solve_plu"])
def test_solve_plu_cooximetry(solve_plu, rng):
    cases = [zero_first_pivot_matrix(rng, n) for n in (2, 4, 6)] + [pivoting_matrix(rng, 5)]
    for A in cases:
        n = A.shape[0]
        concentrations = rng.uniform(0.1, 15.0, size=n)  # g/dL
        b = A @ concentrations
        x = solve_plu(A.copy(), b.copy())
        x = expect_array(x, name=f"the solution for {n} species", shape=(n,), kind="f")
        assert_array_close(x, np.linalg.solve(A, b), name=f"the solution for {n} species", rtol=1e-8, atol=1e-10)


# --- R^T R ----------------------------------------------------------------------------------


@pytest.mark.grade(2, hint="For an m x n table R, R^T R is n x n (tests by tests), not R R^T (patients by patients).", uses=["symmetric_product"])
def test_symmetric_product_rectangular(symmetric_product, rng):
    for m, n in ((20, 4), (3, 5), (1, 3), (6, 1)):
        R = lab_table(rng, m, n)
        S = symmetric_product(R.copy())
        S = expect_array(S, name=f"R^T R for a {m}x{n} table", shape=(n, n), kind="fiu")
        assert_array_close(S, R.T @ R, name=f"R^T R for a {m}x{n} table", rtol=1e-10, atol=1e-10)


@pytest.mark.grade(1, hint="Entry (j, k) of R^T R is column j of R dotted with column k: the transpose goes on the left.", uses=["symmetric_product"])
def test_symmetric_product_square(symmetric_product, rng):
    R = lab_table(rng, 5, 5)
    S = symmetric_product(R.copy())
    assert_array_close(S, R.T @ R, name="R^T R for a 5x5 table", rtol=1e-10, atol=1e-10)


@pytest.mark.grade(1, hint="(R^T R)^T = R^T R: fill every entry, above and below the diagonal.", uses=["symmetric_product"])
def test_symmetric_product_is_symmetric(symmetric_product, rng):
    R = lab_table(rng, 30, 6) - lab_table(rng, 30, 6)  # differences between two visits, centred near 0
    S = symmetric_product(R.copy())
    S = expect_array(S, name="R^T R", shape=(6, 6), kind="fiu").astype(float)
    check(np.allclose(S, S.T, rtol=1e-12, atol=1e-12), "R^T R should be symmetric, but S[i, j] != S[j, i] somewhere")
    check(bool(np.all(np.diag(S) >= 0)), "the diagonal of R^T R holds sums of squares and cannot be negative")


@pytest.mark.grade(1, hint="Compute R^T R without changing R: the caller's table must stay as it was.", uses=["symmetric_product"])
def test_symmetric_product_leaves_table_unchanged(symmetric_product, rng):
    R = lab_table(rng, 6, 3)
    S = call_checked(symmetric_product, R.copy(), name="symmetric_product", unchanged=True)
    assert_array_close(S, R.T @ R, name="R^T R for a 6x3 table", rtol=1e-10, atol=1e-10)  # a real answer


@pytest.mark.grade(1, hint="An integer table (e.g. counts) works too: R^T R of integers is exact.", uses=["symmetric_product"])
def test_symmetric_product_integer_table(symmetric_product, rng):
    R = rng.integers(0, 30, size=(7, 3))  # admissions per patient per quarter
    S = symmetric_product(R.copy())
    S = expect_array(S, name="R^T R for an integer table", shape=(3, 3), kind="fiu")
    assert_array_close(S, R.T @ R, name="R^T R for an integer table", rtol=0, atol=1e-9)


# --- symmetry check -------------------------------------------------------------------------


@pytest.mark.grade(1, hint="Symmetric up to rounding: compare |S - S^T| with tol times max(1, max|S|), not with an absolute tol.", uses=["is_symmetric"])
def test_is_symmetric_accepts(is_symmetric, rng):
    R = lab_table(rng, 40, 5)
    S = R.T @ R  # entries near 10^5 for glucose and platelets
    noisy = S + np.triu(rng.uniform(-1, 1, size=S.shape), 1) * 1e-12 * np.abs(S).max()
    candidates = {
        "R^T R of a lab table": S,
        "R^T R with rounding noise (relative 1e-12)": noisy,
        "the identity": np.eye(4),
        "a diagonal matrix": np.diag(rng.uniform(1, 5, size=3)),
        "a 1x1 matrix": np.array([[7.2]]),
    }
    for what, M in candidates.items():
        check(expect_bool(is_symmetric(M.copy()), name=f"is_symmetric of {what}"), f"{what} was reported as not symmetric")


@pytest.mark.grade(1, hint="Non-square arrays are never symmetric (return False, no error); a real difference above the tolerance is asymmetry.", uses=["is_symmetric"])
def test_is_symmetric_rejects(is_symmetric, rng):
    S = lab_table(rng, 10, 4)
    S = S.T @ S
    off = S.copy()
    off[0, 3] += 1e-6 * np.abs(S).max()
    candidates = {
        "a 2x3 array": np.arange(6.0).reshape(2, 3),
        "an upper-triangular matrix": np.triu(np.ones((3, 3))),
        "R^T R with one entry changed by 1e-6 of its scale": off,
    }
    for what, M in candidates.items():
        check(not expect_bool(is_symmetric(M.copy()), name=f"is_symmetric of {what}"), f"{what} was reported as symmetric")


@pytest.mark.grade(1, hint="Use the tol argument you are given instead of a fixed number.", uses=["is_symmetric"])
def test_is_symmetric_uses_tol(is_symmetric, rng):
    S = np.diag(rng.uniform(1, 5, size=4)) + 2.0
    S[1, 2] += 1e-6 * np.abs(S).max()
    check(not expect_bool(is_symmetric(S.copy()), name="is_symmetric with the default tol"), "a relative difference of 1e-6 passed the default tol of 1e-10")
    check(expect_bool(is_symmetric(S.copy(), tol=1e-5), name="is_symmetric with tol=1e-5"), "a relative difference of 1e-6 failed tol=1e-5")
    check(expect_bool(is_symmetric(S.copy(), 1e-5), name="is_symmetric with tol passed by position"), "tol should be the second argument")


@pytest.mark.grade(1, hint="The scale is max(1, max|S|): below 1 the tolerance is tol itself, neither less nor more.", uses=["is_symmetric"])
def test_is_symmetric_scale_floor(is_symmetric, rng):
    # hemoglobin fractions (entries below 1): the allowed difference is tol * 1
    S = rng.uniform(0.05, 0.5, size=(3, 3))
    S = (S + S.T) / 2
    inside, outside = S.copy(), S.copy()
    inside[0, 2] += 0.7e-10   # within tol * 1, though above tol * max|S|
    outside[0, 2] += 1.5e-10  # above tol * 1
    check(expect_bool(is_symmetric(inside.copy()), name="is_symmetric of a matrix with entries below 1"),
          "a difference within tol * max(1, max|S|) was reported as asymmetry for a matrix with entries below 1")
    check(not expect_bool(is_symmetric(outside.copy()), name="is_symmetric of a matrix with entries below 1"),
          "a difference above tol * max(1, max|S|) was accepted for a matrix with entries below 1")


@pytest.mark.grade(1, hint="The condition is |S[i, j] - S[j, i]| <= tol * scale: a difference exactly at the tolerance still counts as symmetric.", uses=["is_symmetric"])
@pytest.mark.parametrize("scale", [1.0, 4.0, 2.0**17], ids=["entries-up-to-1", "entries-up-to-4", "entries-up-to-2^17"])
def test_is_symmetric_boundary_is_inclusive(is_symmetric, scale):
    tol = 2.0**-20  # powers of two: tol * scale and the difference are exact in floating point
    S = np.array([[scale, 0.5], [0.5 + tol * scale, 0.25]])
    assert S[1, 0] - S[0, 1] == tol * scale, "grader invariant: the difference is exactly tol * scale"
    check(expect_bool(is_symmetric(S.copy(), tol=tol), name="is_symmetric at the tolerance"),
          "a difference exactly equal to tol * max(1, max|S|) was reported as asymmetry")
