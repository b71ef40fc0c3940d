"""What the grading session does once, before it forks any test process, so that no test pays for it.

Libraries load parts of themselves on first use (sympy's simplification, solvers, limits and
integration; numpy's random generators; torch's compiler, which every optimizer's first step
imports): done here, in the trusted parent, those parts are
already in memory in every forked worker and in the verifier.  Graders do not carry warm-ups.
"""

from __future__ import annotations

import importlib


def warm_up(modules: list[str]) -> None:
    """Import ``modules`` (what the unit's solution and graders import), then exercise the lazily
    loaded machinery of those that have some."""
    for name in ["numpy", *modules]:  # numpy: the rng fixture every grader may use
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    if any(name == "sympy" or name.startswith("sympy.") for name in modules):
        _sympy()
    if any(name == "torch" or name.startswith("torch.") for name in modules):
        importlib.import_module("torch._dynamo")  # every optimizer's first step imports it: seconds, once here


def _sympy() -> None:
    # No sympy.Function is created here: its class would outlive the warm-up in every child.
    import sympy as sp

    from autograde.checks import numeric_function

    x, c = sp.Symbol("x"), sp.Symbol("c")
    sp.simplify(sp.exp(-x) * (x**2 - 1) / (x - 1) - x + sp.sin(x) ** 2 + sp.cos(x) ** 2)
    sp.trigsimp(sp.sin(x) * sp.cos(x) / (x**2 + 1) - sp.sin(2 * x) / (2 * x**2 + 2))
    sp.limit(sp.Heaviside(x) * sp.exp(x) + sp.sin(x) / x, x, 0, "-")
    sp.limit(sp.log(1 - x), x, 1, "-")
    sp.limit(sp.exp(-x), x, sp.oo)
    sp.series(sp.exp(x) * sp.cos(x), x, 0, 4)
    sp.solveset(sp.exp(-x) - 2 * sp.exp(-3 * x) > 0, x, sp.Interval(0, 5))
    sp.solveset((x + 1) / (x - 2) > 0, x, sp.S.Reals)
    sp.solveset(x**2 - 1, x, sp.Interval(-3, 3))
    sp.singularities(1 / (x**2 - 1), x, sp.S.Reals)
    sp.solve(sp.Eq(sp.log(x), -c / 5), x)
    sp.integrate(3 * sp.exp(-x / 4) + x * sp.exp(-(x**2)) + sp.sin(x) * sp.cos(x) + 1 / x, x)
    sp.N(sp.sqrt(2) * sp.pi, 30)
    numeric_function(sp.tanh(x) / (1 + x), x)(0.5)
    numeric_function(sp.tanh(x) / (1 + x), x, modules="numpy")(0.5 + 1e-30j)
