"""Hidden graders for 18.01-lec13 (Newton's method).

Oracles: the reference `newton` (for whole lists of iterates, whose length is part of the
contract) and `crossing_time` (with a coarse tol, where the answer is the iterate the method
stops at, not the root), math.sqrt, sympy.diff, and a bisection written here (for crossing
times). The
functions handed to the learner's `newton` are plain Python closures over seeded parameters;
every score depends on returned values only, never on how often a callback was called.
"""

import math

import pytest
import sympy as sp

from autograde.checks import (
    assert_close,
    assert_equivalent,
    check,
    expect_list,
    expect_raises,
    expect_type,
    expect_vector,
    fail,
)

x = sp.Symbol("x")
t = sp.Symbol("t", positive=True)


def u(rng, low, high, digits=2):
    """A seeded parameter in [low, high], rounded like a clinical value."""
    return round(float(rng.uniform(low, high)), digits)


def expect_iterates(value, name, length=None):
    """A list of real numbers (the iterates): type first, then a trusted float array."""
    if type(value) is not list:
        fail(f"{name} should be a list of floats, got {type(value).__name__}")
    if not value:
        fail(f"{name} is empty: it should start with x0")
    return expect_vector(value, name=name, length=length)


def same_iterates(got, want, name, rtol=1e-9):
    array = expect_iterates(got, name)
    check(
        len(array) == len(want),
        f"{name} has {len(array)} entries, which is not what this stopping rule gives "
        "(x0 first, then one entry per step, stopping right after the first step of size <= tol, or after max_iter steps)",
    )
    for i, (a, b) in enumerate(zip(array, want)):
        if not abs(a - b) <= 1e-12 + rtol * abs(b):
            fail(f"{name}: entry {i} (x{i}) is not the Newton iterate")


def bisect(f, low, high):
    """A root of f in [low, high], f(low) and f(high) of opposite signs, to machine precision."""
    f_low = f(low)
    assert f_low * f(high) < 0, "grader invariant: the bracket must contain a sign change"
    for _ in range(200):
        mid = (low + high) / 2
        if mid in (low, high):
            break
        if (f(mid) < 0) == (f_low < 0):
            low, f_low = mid, f(mid)
        else:
            high = mid
    return (low + high) / 2


def oral_model(rng):
    """dose (mg), V (L), ka, ke (1/h) of a typical oral drug, and its C(t), C'(t), peak time."""
    dose, volume = float(rng.choice([250, 400, 500, 750, 1000])), u(rng, 20, 80, 0)
    ka, ke = u(rng, 0.8, 2.5), u(rng, 0.05, 0.3, 3)
    scale = dose * ka / (volume * (ka - ke))

    def conc(s):
        return scale * (math.exp(-ke * s) - math.exp(-ka * s))

    def slope(s):
        return scale * (ka * math.exp(-ka * s) - ke * math.exp(-ke * s))

    t_peak = math.log(ka / ke) / (ka - ke)
    return (dose, volume, ka, ke), conc, slope, t_peak


def root_problems(rng):
    """(f, f', x0, what): equations a clinician meets, each started where Newton converges."""
    c0, k = u(rng, 8, 40, 1), u(rng, 0.08, 0.4, 3)
    threshold = u(rng, 1, 0.6 * c0, 1)
    target = math.log(c0 / threshold) / k
    emax, ec50, n_hill = u(rng, 60, 100, 0), u(rng, 2, 10, 1), float(rng.choice([1.5, 2.0, 2.5]))
    effect = u(rng, 0.3, 0.7) * emax
    a = u(rng, 0.5, 6)
    _, conc, slope, t_peak = oral_model(rng)
    level = 0.5 * conc(2 * t_peak)
    return (
        (lambda s: c0 * math.exp(-k * s) - threshold, lambda s: -k * c0 * math.exp(-k * s), u(rng, 0, 0.5) * target,
         "the time an IV bolus level decays to a threshold"),
        (lambda c: emax * c**n_hill / (ec50**n_hill + c**n_hill) - effect,
         lambda c: emax * n_hill * ec50**n_hill * c ** (n_hill - 1) / (ec50**n_hill + c**n_hill) ** 2, ec50,
         "the concentration giving a target effect (Hill model)"),
        (lambda s: s * s - a, lambda s: 2 * s, a + 1, f"the square root of {a}"),
        (lambda s: conc(s) - level, slope, 2 * t_peak, "the time an oral dose's level falls to a threshold"),
    )


# --- the Newton map, symbolically -----------------------------------------------------------------


@pytest.mark.grade(1, "One Newton step is x - f(x)/f'(x): differentiate f with sympy.diff, then divide f by it.", uses=["newton_map"])
def test_newton_map_polynomials(newton_map, rng):
    a = sp.Symbol("a", positive=True)
    assert_equivalent(newton_map(x**2 - a, x), x - (x**2 - a) / (2 * x), name="newton_map(x**2 - a, x)")
    coeffs = [int(rng.integers(1, 6))] + [int(rng.integers(-9, 10)) for _ in range(3)]
    cubic = sum(c * x ** (3 - i) for i, c in enumerate(coeffs))
    assert_equivalent(newton_map(cubic, x), x - cubic / sp.diff(cubic, x), name=f"newton_map({cubic}, x)")


@pytest.mark.grade(1, "The map works for any f: for a level minus a threshold, f' is the derivative of the level alone.", uses=["newton_map"])
def test_newton_map_concentration(newton_map, rng):
    c0, k, threshold = sp.Rational(int(rng.integers(80, 400)), 10), sp.Rational(int(rng.integers(5, 40)), 100), sp.Symbol("L", positive=True)
    f = c0 * sp.exp(-k * t) - threshold
    assert_equivalent(newton_map(f, t), t - f / sp.diff(f, t), name="the Newton map of an exponential decay minus a threshold")


# --- newton: the list of iterates ---------------------------------------------------------------


@pytest.mark.grade(3, "x_{k+1} = x_k - f(x_k)/f'(x_k), appended each step; minus, and f over f' (not f' over f).", uses=["newton"])
def test_newton_iterates(newton, reference, rng):
    trusted = reference.get("newton")
    for f, fprime, x0, what in root_problems(rng):
        got = newton(f, fprime, x0)
        same_iterates(got, trusted(f, fprime, x0), name=f"the iterates for {what}")


@pytest.mark.grade(1, "The list starts with the starting guess itself, as a float.", uses=["newton"])
def test_newton_starts_with_x0(newton, rng):
    a = int(rng.integers(2, 50))
    x0 = int(rng.integers(1, 8))
    name = f"newton(x**2 - {a}, x0 = {x0})"
    got = newton(lambda s: s * s - a, lambda s: 2 * s, x0)
    expect_list(got, name=name, item=float)  # an int x0 is converted with float()
    got = expect_iterates(got, name=name)
    check(got[0] == x0, "the first entry of the list should be x0, the starting guess")
    check(len(got) >= 2, "the list should hold x0 and then one entry per Newton step")


@pytest.mark.grade(1, "Stop right after the first step with |x_{k+1} - x_k| <= tol, and use the tol you are given.", uses=["newton"])
def test_newton_stopping_rule(newton, reference, rng):
    trusted = reference.get("newton")
    c0, k = u(rng, 8, 40, 1), u(rng, 0.08, 0.4, 3)
    threshold = u(rng, 1, 0.5 * c0, 1)

    def f(s):
        return c0 * math.exp(-k * s) - threshold

    def fprime(s):
        return -k * c0 * math.exp(-k * s)

    for tol in (1e-2, 1e-5, 1e-12):
        got = newton(f, fprime, 0.0, tol=tol)
        same_iterates(got, trusted(f, fprime, 0.0, tol=tol), name=f"the iterates with tol = {tol:g}")


@pytest.mark.grade(1, "The rule is |x_{k+1} - x_k| <= tol: a step exactly equal to tol already stops the method.", uses=["newton"])
def test_newton_stops_at_step_equal_to_tol(newton, reference, rng):
    trusted = reference.get("newton")
    # zero-order elimination (ethanol, g/L): a straight-line fall, which Newton solves in one step;
    # dyadic numbers keep every operation exact, so the first step equals tol exactly
    rate = 2.0 ** -int(rng.integers(2, 4))  # g/L per hour
    c0, threshold = int(rng.integers(8, 21)) / 8, int(rng.integers(2, 5)) / 8
    crossing = (c0 - threshold) / rate
    t0 = crossing - int(rng.integers(1, 9)) / 4
    tol = crossing - t0

    def level(s):
        return c0 - rate * s - threshold

    def level_prime(s):
        return -rate

    want = trusted(level, level_prime, t0, tol=tol)
    assert want[1] - want[0] == tol, "grader invariant: the first step is exactly tol"
    same_iterates(newton(level, level_prime, t0, tol=tol), want, name=f"newton whose first step equals tol = {tol:g}")


@pytest.mark.grade(1, "A method that cycles or converges slowly stops after max_iter steps (max_iter + 1 entries); mind the default.", uses=["newton"])
def test_newton_max_iter(newton, reference, rng):
    trusted = reference.get("newton")

    # x**3 - 2x + 2 from 0 cycles 0, 1, 0, 1, ... forever (the lecture's warning about bad starts)
    def cubic(s):
        return s**3 - 2 * s + 2

    def cubic_prime(s):
        return 3 * s**2 - 2

    steps = int(rng.integers(3, 10))
    got = newton(cubic, cubic_prime, 0.0, max_iter=steps)
    same_iterates(got, trusted(cubic, cubic_prime, 0.0, max_iter=steps), name=f"a cycling Newton run with max_iter = {steps}")
    got = newton(cubic, cubic_prime, 0.0)
    same_iterates(got, trusted(cubic, cubic_prime, 0.0), name="a cycling Newton run with the default max_iter")
    # a double root converges only linearly (the error halves each step): about 40 steps, within the default
    r = u(rng, 1, 5)
    x0 = r + u(rng, 5, 20)

    def square(s):
        return (s - r) ** 2

    def square_prime(s):
        return 2 * (s - r)

    got = newton(square, square_prime, x0)
    same_iterates(got, trusted(square, square_prime, x0), name="Newton's method on a double root (slow convergence)")


@pytest.mark.grade(1, "A horizontal tangent (f'(x_k) == 0) has no next iterate: raise ValueError instead of dividing.", uses=["newton"])
def test_newton_zero_slope(newton, rng):
    a = u(rng, 1, 9)
    expect_raises(lambda: newton(lambda s: s * s - a, lambda s: 2 * s, 0.0), ValueError, what="newton started where f' = 0")
    # x**3 - 3x + 7 from 2: the first step lands exactly on x = 1, where f'(1) = 0
    expect_raises(lambda: newton(lambda s: s**3 - 3 * s + 7, lambda s: 3 * s * s - 3, 2.0), ValueError,
                  what="newton whose first step lands where f' = 0")


# --- body surface area: Newton's square root -----------------------------------------------------


def patient(rng):
    return u(rng, 150, 195, 0), u(rng, 45, 120, 1)


@pytest.mark.grade(2, "Newton on x**2 - a is x -> (x + a/x) / 2, with a = height * weight / 3600; take exactly n_steps steps.", uses=["bsa_newton"])
def test_bsa_newton_iterates(bsa_newton, rng):
    for _ in range(3):
        height, weight = patient(rng)
        x0, n_steps = u(rng, 0.5, 3.0), int(rng.integers(1, 9))
        a = height * weight / 3600
        want = [x0]
        for _ in range(n_steps):
            want.append((want[-1] + a / want[-1]) / 2)
        got = expect_iterates(bsa_newton(height, weight, x0, n_steps), name=f"bsa_newton for {height} cm, {weight} kg",
                              length=n_steps + 1)
        for i, (g, w) in enumerate(zip(got, want)):
            check(abs(g - w) <= 1e-12 * w, f"entry {i} of the BSA iterates for {height} cm, {weight} kg is not the Newton iterate")


@pytest.mark.grade(1, "Return Python floats, x0 included (convert it with float()); n_steps = 0 gives the list [x0] alone.", uses=["bsa_newton"])
def test_bsa_newton_returns_floats(bsa_newton, rng):
    height, weight = int(rng.integers(150, 196)), int(rng.integers(45, 121))
    for x0, n_steps in ((int(rng.integers(1, 4)), int(rng.integers(1, 9))), (int(rng.integers(1, 4)), 0)):
        name = f"bsa_newton({height}, {weight}, {x0}, {n_steps})"
        got = expect_list(bsa_newton(height, weight, x0, n_steps), name=name, length=n_steps + 1, item=float)
        check(got[0] == x0, f"the first entry of {name} should be x0")
        a = height * weight / 3600
        for i in range(n_steps):
            check(abs(got[i + 1] - (got[i] + a / got[i]) / 2) <= 1e-12 * got[i + 1], f"entry {i + 1} of {name} is not the Newton iterate")


@pytest.mark.grade(1, "With the defaults (x0 = 1 m^2, 6 steps) the last iterate is the Mosteller BSA to machine precision.", uses=["bsa_newton"])
def test_bsa_newton_defaults_converge(bsa_newton, rng):
    for _ in range(3):
        height, weight = patient(rng)
        got = expect_iterates(bsa_newton(height, weight), name=f"bsa_newton({height}, {weight})", length=7)
        check(got[0] == 1.0, "with the default x0 the first entry should be 1.0")
        assert_close(got[-1], math.sqrt(height * weight / 3600), name=f"the BSA of a {height} cm, {weight} kg patient", rtol=1e-12)


# --- the time a drug level crosses a threshold ---------------------------------------------------


@pytest.mark.grade(1, "Return a Python float: math.exp gives one (numpy's exp gives a numpy.float64).", uses=["oral_concentration"])
def test_oral_concentration_returns_float(oral_concentration, rng):
    params, conc, _, t_peak = oral_model(rng)
    when = u(rng, 0.5, 12)
    got = expect_type(oral_concentration(when, *params), float, name=f"the level at t = {when:.3g} h")
    assert_close(got, conc(when), name=f"the level at t = {when:.3g} h", rtol=1e-10, atol=1e-12)


@pytest.mark.grade(1, "C(t) = dose*ka / (V*(ka - ke)) * (exp(-ke t) - exp(-ka t)), in mg/L.", uses=["oral_concentration"])
def test_oral_concentration(oral_concentration, rng):
    for _ in range(3):
        params, conc, _, t_peak = oral_model(rng)
        for when in (0.0, 0.5 * t_peak, t_peak, u(rng, 4, 24)):
            assert_close(oral_concentration(when, *params), conc(when), name=f"the level at t = {when:.3g} h", rtol=1e-10, atol=1e-12)


@pytest.mark.grade(2, "Newton on f(t) = C(t) - threshold with f'(t) = C'(t); from a t0 past the peak it finds the falling crossing.", uses=["crossing_time"])
def test_crossing_time_falling(crossing_time, rng):
    for _ in range(3):
        params, conc, _, t_peak = oral_model(rng)
        t0 = 2 * t_peak  # the inflection point: the level is convex and falling from here on
        threshold = round(u(rng, 0.15, 0.7) * conc(t0), 3)
        t_end = t0
        while conc(t_end) >= threshold:
            t_end += 24
        want = bisect(lambda s: conc(s) - threshold, t0, t_end)
        got = crossing_time(*params, threshold, t0)
        assert_close(got, want, name=f"the time the level falls to {threshold} mg/L", rtol=1e-8)


@pytest.mark.grade(1, "From t0 = 0 the same Newton iteration finds the onset: the level rising through the threshold.", uses=["crossing_time"])
def test_crossing_time_onset(crossing_time, rng):
    for _ in range(2):
        params, conc, _, t_peak = oral_model(rng)
        threshold = round(u(rng, 0.1, 0.6) * conc(t_peak), 3)
        want = bisect(lambda s: conc(s) - threshold, 0.0, t_peak)
        got = crossing_time(*params, threshold, 0.0)
        assert_close(got, want, name=f"the onset time (level rising to {threshold} mg/L)", rtol=1e-8)


@pytest.mark.grade(1, "Pass tol on to newton and return its last iterate: with a coarse tol that iterate is the answer, not the exact crossing.", uses=["crossing_time"])
def test_crossing_time_passes_tol(crossing_time, reference, rng):
    trusted_newton, trusted = reference.get("newton"), reference.get("crossing_time")
    for t0_of_peak in (0.0, 2.0):
        params, conc, slope, t_peak = oral_model(rng)
        t0 = t0_of_peak * t_peak
        threshold = round(u(rng, 0.2, 0.6) * conc(t_peak), 3)
        # a coarse tol, far (relatively) from every step, so that where the method stops is unambiguous
        for tol in (1e-1, 1e-2, 1e-3):
            iterates = trusted_newton(lambda s: conc(s) - threshold, slope, t0, tol=tol)
            steps = [abs(b - a) for a, b in zip(iterates, iterates[1:])]
            if len(steps) >= 2 and min(abs(step - tol) for step in steps) > 1e-3 * tol:
                break
        else:
            raise AssertionError("grader invariant: no tolerance stops the method unambiguously")
        got = crossing_time(*params, threshold, t0, tol=tol)
        assert_close(got, trusted(*params, threshold, t0, tol=tol), name=f"the crossing time from t0 = {t0:.3g} h with tol = {tol:g}", rtol=1e-9)


@pytest.mark.grade(1, "Return a Python float (the last entry of newton's list is one).", uses=["crossing_time"])
def test_crossing_time_returns_float(crossing_time, rng):
    params, conc, _, t_peak = oral_model(rng)
    t0 = 2 * t_peak
    threshold = round(u(rng, 0.15, 0.7) * conc(t0), 3)
    t_end = t0
    while conc(t_end) >= threshold:
        t_end += 24
    name = f"the time the level falls to {threshold} mg/L"
    got = expect_type(crossing_time(*params, threshold, t0), float, name=name)
    assert_close(got, bisect(lambda s: conc(s) - threshold, t0, t_end), name=name, rtol=1e-8)
