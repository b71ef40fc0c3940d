"""Seeded random parameters for the math graders: exact numbers on clinical-looking grids.

Every math unit draws its hidden inputs with these, from the test's own ``rng``, so the same
draw gives the same parameters wherever it is made.
"""

from __future__ import annotations


def exact_rational(rng, low, high, den=10):
    """An exact sympy Rational in [low, high] on a grid of 1/den (realistic clinical magnitudes)."""
    import sympy as sp

    return sp.Rational(int(rng.integers(round(low * den), round(high * den) + 1)), den)


def multiple(rng, low, high, step):
    """An integer multiple of ``step`` in [low, high] (doses in steps of 25 mg and the like), as sympy."""
    import sympy as sp

    return sp.Integer(step * int(rng.integers(low // step, high // step + 1)))


def distinct_ints(rng, count, low, high):
    """``count`` different integers from [low, high], in the order drawn."""
    return [int(v) for v in rng.choice(range(low, high + 1), size=count, replace=False)]


def nonzero_int(rng, low, high):
    """An integer in [low, high] other than 0."""
    while True:
        value = int(rng.integers(low, high + 1))
        if value:
            return value
