"""What the grading session does once, before it forks any test process, so that no test pays for it.

Libraries load parts of themselves on first use (sympy's simplification, solvers, limits and
integration; numpy's random generators; torch's compiler, which every optimizer's first step
imports): done here, in the trusted parent, those parts are already in memory in every forked
worker and in the verifier.  Graders do not carry warm-ups.  Only what the unit's code names is
warmed up: a sympy solver costs a tenth of a second the first time, on every check.
"""

from __future__ import annotations

import importlib
import re


def warm_up(modules: list[str], source: str) -> None:
    """Import ``modules`` (what the unit's solution and graders import), then exercise the lazily
    loaded machinery that ``source`` (their text) calls."""
    for name in ["numpy", *modules]:  # numpy: the rng fixture every grader may use
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    if any(name == "sympy" or name.startswith("sympy.") for name in modules):
        _sympy(set(re.findall(r"\b(\w+)\(", source)))
    if any(name == "torch" or name.startswith("torch.") for name in modules):
        importlib.import_module("torch._dynamo")  # every optimizer's first step imports it: seconds, once here


def _sympy(called: set[str]) -> None:
    # No sympy.Function is created here: its class would outlive the warm-up in every child.
    import sympy as sp

    from autograde.checks import numeric_function

    x, c = sp.Symbol("x"), sp.Symbol("c")
    # simplify: what checks.assert_equivalent uses, so every sympy unit needs it
    sp.simplify(sp.exp(-x) * (x**2 - 1) / (x - 1) - x + sp.sin(x) ** 2 + sp.cos(x) ** 2)
    sp.N(sp.sqrt(2) * sp.pi, 30)
    machinery = {
        "trigsimp": lambda: sp.trigsimp(sp.sin(x) * sp.cos(x) / (x**2 + 1) - sp.sin(2 * x) / (2 * x**2 + 2)),
        "limit": lambda: (sp.limit(sp.Heaviside(x) * sp.exp(x) + sp.sin(x) / x, x, 0, "-"),
                          sp.limit(sp.log(1 - x), x, 1, "-"), sp.limit(sp.exp(-x), x, sp.oo)),
        "series": lambda: sp.series(sp.exp(x) * sp.cos(x), x, 0, 4),
        "solveset": lambda: (sp.solveset(sp.exp(-x) - 2 * sp.exp(-3 * x) > 0, x, sp.Interval(0, 5)),
                             sp.solveset((x + 1) / (x - 2) > 0, x, sp.S.Reals),
                             sp.solveset(x**2 - 1, x, sp.Interval(-3, 3))),
        "singularities": lambda: sp.singularities(1 / (x**2 - 1), x, sp.S.Reals),
        "solve": lambda: sp.solve(sp.Eq(sp.log(x), -c / 5), x),
        "integrate": lambda: sp.integrate(3 * sp.exp(-x / 4) + x * sp.exp(-(x**2)) + sp.sin(x) * sp.cos(x), x),
        "numeric_function": lambda: (numeric_function(sp.tanh(x) / (1 + x), x)(0.5),
                                     numeric_function(sp.tanh(x) / (1 + x), x, modules="numpy")(0.5 + 1e-30j)),
    }
    for name, exercise in machinery.items():
        if name in called:
            exercise()
