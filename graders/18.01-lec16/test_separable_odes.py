"""Hidden graders for 18.01-lec16 (separable ODEs, elimination kinetics).

Every solution is checked the way the lecture checks one: substitute it into the differential
equation (its derivative must equal the right-hand side evaluated on it) and into the initial
condition. Together these determine the solution, so any correct closed form passes and no
sympy.dsolve is needed here. Rate constants are exact Rationals drawn from the seeded rng.
"""

import math

import pytest
import sympy as sp

from autograde.checks import (
    assert_close,
    assert_equivalent,
    assert_exact_number,
    check,
    expect_expr,
    expect_real,
    expect_sympy,
    fail,
)
from autograde.datasets.parameters import exact_rational as q

t, y = sp.symbols("t y")
C0, k, N0, r, K, Vmax, Km, C = sp.symbols("C0 k N0 r K Vmax Km C", positive=True)


def expect_solution(value, name):
    """A sympy expression, without the symbol y or an unknown function Y(t) standing for the solution."""
    value = expect_sympy(value, name=name)
    if isinstance(value, sp.Equality):
        fail(f"{name} is an equation: return its right-hand side (dsolve's answer .rhs)")
    value = expect_expr(value, name=name)
    if value.atoms(sp.core.function.AppliedUndef):
        fail(f"{name} still contains an unknown function: return the explicit solution")
    if y in value.free_symbols:
        fail(f"{name} still contains y: the solution is an explicit function of t")
    return value


def check_solves(solution, rate, name):
    """solution'(t) equals rate(t, solution(t))."""
    assert_equivalent(sp.diff(solution, t), rate.subs(y, solution), name=f"the derivative of {name}")


def check_starts(solution, t0, y0, name):
    """solution(t0) equals y0 (simplified first: K / (1 + (K - N0) / N0) is N0, though it mentions K)."""
    assert_equivalent(sp.simplify(solution.subs(t, t0)), y0, name=f"the value at t = {t0} of {name}")


# values for the symbolic parameters, where a test needs numbers (0 < N0 < K)
SAMPLE = {C0: 20, k: sp.Rational(1, 5), N0: 100, r: 1, K: 10**6, Vmax: sp.Rational(1, 2), Km: 4}


def check_changes(expr, var, a, b, name, what):
    """A real answer: expr takes different values at var = a and var = b (the equilibrium 0 or a
    constant also satisfies the equation or the starting value, and is not the answer)."""
    values = [expect_real(expr.subs(SAMPLE).subs(var, v), name=f"{name} at {var} = {v}") for v in (a, b)]
    check(abs(values[0] - values[1]) > 1e-12 * (1 + abs(values[0])), f"{name} does not change with {var}: {what}")


# --- first-order elimination -------------------------------------------------------------------


@pytest.mark.grade(2, "Separate (dC/C = -k dt), integrate, exponentiate, and fix the constant with C(0) = C0; the level must decay, not grow.", uses=["first_order_elimination"])
def test_first_order_elimination(first_order_elimination, rng):
    cases = ((C0, k, "symbolic C0 and k"), (q(rng, 5, 40), q(rng, 0.05, 0.5, 100), "a numeric bolus"))
    for c0, ke, what in cases:
        level = expect_solution(first_order_elimination(c0, ke, t), name=f"the level for {what}")
        check_solves(level, -ke * y, name=f"your level for {what} (it must equal -k C)")
        check_starts(level, 0, c0, name=f"your level for {what}")


@pytest.mark.grade(2, "Divide the two levels to cancel the unknown starting level, then take the natural logarithm (not log10) and divide by the time between the draws.", uses=["elimination_constant"])
def test_elimination_constant(elimination_constant, rng):
    for _ in range(4):
        ke = float(rng.uniform(0.05, 0.5))
        t1 = float(rng.uniform(0.5, 2.0))
        t2 = t1 + float(rng.uniform(4, 20))
        c1 = float(rng.uniform(5, 40))
        c2 = c1 * math.exp(-ke * (t2 - t1))  # the same decay, drawn again at t2
        got = elimination_constant(c1, t1, c2, t2)
        assert_close(got, ke, name=f"k from {c1:.1f} mg/L at {t1:.2f} h and {c2:.2f} mg/L at {t2:.2f} h", rtol=1e-9)


# --- a general separable equation ----------------------------------------------------------------


@pytest.mark.grade(2, "The initial value is given at t0, not at 0: use y(t0) = y0 to fix the constant (dsolve's ics={Y(t0): y0}).", timeout=20, uses=["solve_separable"])
def test_solve_separable_initial_time(solve_separable, rng):
    cases = (
        (-q(rng, 0.05, 0.4, 100) * y, q(rng, 1, 6, 2), q(rng, 4, 30), "first-order elimination"),
        (-q(rng, 0.005, 0.03, 1000) * y**2, q(rng, 1, 6, 2), q(rng, 4, 30), "second-order elimination"),
    )
    for rate, t0, y0, what in cases:
        name = f"your solution for {what} from y({t0}) = {y0}"
        got = expect_solution(solve_separable(rate, y, t, t0, y0), name=name)
        check_starts(got, t0, y0, name=name)


@pytest.mark.grade(2, "Separate dy / h(y) = g(t) dt and integrate both sides; substitute your answer back into the equation to check it.", timeout=20, uses=["solve_separable"])
def test_solve_separable_satisfies_equation(solve_separable, rng):
    # second-order elimination: the rate falls with the square of the level
    rate, t0, y0 = -q(rng, 0.005, 0.03, 1000) * y**2, q(rng, 1, 6, 2), q(rng, 4, 30)
    name = "your solution for second-order elimination"
    got = expect_solution(solve_separable(rate, y, t, t0, y0), name=name)
    check_changes(got, t, t0, t0 + 1, name, "the level 0 never changes, but it is not the level that starts at y0")
    check_solves(got, rate, name=name)


@pytest.mark.grade(1, "When the rate constant changes with time, integrate it too: the exponent is the integral of k(t) dt, not k(t) * t.", timeout=20, uses=["solve_separable"])
def test_solve_separable_time_varying_rate(solve_separable, rng):
    # a neonate's clearance matures with age: k(t) = k0 (1 + a t), t in days
    rate = -q(rng, 0.1, 0.4, 20) * (1 + q(rng, 0.02, 0.1, 100) * t) * y
    t0, y0 = 0, q(rng, 4, 30)
    name = "your solution for a maturing clearance"
    got = expect_solution(solve_separable(rate, y, t, t0, y0), name=name)
    check_solves(got, rate, name=name)
    check_starts(got, t0, y0, name=name)


# --- logistic growth --------------------------------------------------------------------------------


def logistic_cases(rng):
    return (
        (N0, r, K, "symbolic N0, r, K"),
        (q(rng, 1, 9, 1) * 10**3, q(rng, 0.5, 2, 10), q(rng, 1, 9, 1) * 10**8, "bacteria in an untreated infection (CFU/mL, t in h)"),
        (q(rng, 1, 5, 10), q(rng, 0.01, 0.05, 100), q(rng, 50, 200, 1), "a tumour volume (cm^3, t in days)"),
    )


@pytest.mark.grade(1, "Separate with partial fractions, 1 / (N (1 - N/K)) = 1/N + 1/(K - N), and substitute your N(t) back into the equation to check it.", uses=["logistic_growth"])
def test_logistic_satisfies_equation(logistic_growth, rng):
    for n0, rate, capacity, what in logistic_cases(rng)[:2]:
        name = f"your logistic curve for {what}"
        got = expect_solution(logistic_growth(n0, rate, capacity, t), name=name)
        check_changes(got, t, 0, 1, name, "a constant population (0 or K) is not the curve that grows from N0")
        check_solves(got, rate * y * (1 - y / capacity), name=name)


@pytest.mark.grade(1, "With Python ints, 999 / 1000 is the float 0.999: turn the inputs into sympy numbers first (sympy.sympify) so that the curve stays exact.", uses=["logistic_growth"])
def test_logistic_python_ints_stay_exact(logistic_growth, reference, rng):
    # whole numbers as a lab writes them: CFU/mL, 1/h, CFU/mL
    n0, rate, capacity = int(rng.integers(1, 10)) * 10**3 + int(rng.integers(1, 999)), int(rng.integers(1, 3)), int(rng.integers(1, 10)) * 10**8
    want = reference.get("logistic_growth")(sp.Integer(n0), sp.Integer(rate), sp.Integer(capacity), t)
    got = expect_solution(logistic_growth(n0, rate, capacity, t), name="your logistic curve for Python int inputs")
    assert_equivalent(got, want, name="your logistic curve for Python int inputs", exact=True)


@pytest.mark.grade(2, "Any K / (1 + c exp(-r t)) solves the equation: the constant c must make N(0) = N0, so set t = 0 and solve for c.", uses=["logistic_growth"])
def test_logistic_initial_value(logistic_growth, rng):
    for n0, rate, capacity, what in logistic_cases(rng):
        name = f"your logistic curve for {what}"
        got = expect_solution(logistic_growth(n0, rate, capacity, t), name=name)
        check_changes(got, t, 0, 1, name, "the population should grow from N0 towards K")
        check_starts(got, 0, n0, name=name)


# --- saturable (Michaelis-Menten) elimination ------------------------------------------------------


def mm_cases(rng):
    return (
        (C0, Vmax, Km, "symbolic C0, Vmax, Km"),
        (q(rng, 20, 40, 1), q(rng, 0.3, 0.6, 100), q(rng, 3, 6, 10), "phenytoin (mg/L, h)"),
    )


@pytest.mark.grade(2, "Separate (Km + C)/C dC = -Vmax dt and integrate from C0 to C: both a log term and a linear term.", uses=["michaelis_menten_time"])
def test_michaelis_menten_time_rate(michaelis_menten_time, rng):
    for c0, vmax, km, what in mm_cases(rng):
        name = f"the time to fall to C for {what}"
        got = expect_solution(michaelis_menten_time(c0, C, vmax, km), name=name)
        # t(C) is the inverse of C(t): dt/dC = 1 / (dC/dt) = -(Km + C) / (Vmax C)
        assert_equivalent(sp.diff(got, C), -(km + C) / (vmax * C), name=f"the derivative in C of {name}")


@pytest.mark.grade(1, "No time passes while the level is still C0: integrate from C0 to C (a definite integral), so that t(C0) = 0.", uses=["michaelis_menten_time"])
def test_michaelis_menten_time_start(michaelis_menten_time, rng):
    for c0, vmax, km, what in mm_cases(rng):
        name = f"the time to fall to C for {what}"
        got = expect_solution(michaelis_menten_time(c0, C, vmax, km), name=name)
        start = sp.sympify(c0).subs(SAMPLE)
        check_changes(got, C, start, start / 2, name, "a lower target level should take longer to reach")
        assert_equivalent(got.subs(C, c0), 0, name=f"the time to reach C = C0 for {what}")


@pytest.mark.grade(1, "With Python ints, 30 / 10 is the float 3.0 and log(3.0) a decimal: turn the inputs into sympy numbers first (sympy.sympify) so that the time stays exact.", uses=["michaelis_menten_time"])
def test_michaelis_menten_time_python_ints_stay_exact(michaelis_menten_time, reference, rng):
    # whole numbers as a chart writes them: mg/L, mg/L, mg/L per h, mg/L
    c0 = int(rng.integers(20, 41))
    c, vmax, km = int(rng.integers(5, c0 - 5)), int(rng.integers(1, 3)), int(rng.integers(3, 7))
    want = reference.get("michaelis_menten_time")(*(sp.Integer(v) for v in (c0, c, vmax, km)))
    got = michaelis_menten_time(c0, c, vmax, km)
    assert_exact_number(got, want, name=f"the time to fall from {c0} to {c} mg/L (Python int inputs)")
