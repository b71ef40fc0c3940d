"""`autograde new UNIT`: the four folders of a unit, filled with a working example to replace.

The scaffold is consistent from the start (its solution gets full marks and its stub is
"not attempted"), but it has a single mutant, so `autograde validate` keeps failing until
the author has written the real exercises and at least three mutants.
"""

from __future__ import annotations

import re
from pathlib import Path

from autograde.curriculum import load, project_root
from autograde.errors import AlreadyExists

README = """\
# {id} — {title}

**Follows:** {follows}.

**Clinical setting.** TODO: the patient, the data and why a clinician cares ({why}).

**Goals**
- TODO

**Your file:** `{module}.py`

Grade it with `make check unit={id}`; `autograde hint {id}` repeats the hints.
"""

STUB = '''\
"""{title} — TODO: one paragraph of clinical setting."""

from __future__ import annotations


def mean_arterial_pressure(systolic: float, diastolic: float) -> float:
    """TODO: replace with the unit's first exercise.

    Mean arterial pressure (mmHg) from systolic and diastolic pressure (mmHg): (SBP + 2 DBP) / 3.

    Example:
        >>> mean_arterial_pressure(120.0, 80.0)
        93.33333333333333
    """
    raise NotImplementedError
'''

SOLUTION = '''\
"""{title} — reference solution."""

from __future__ import annotations


def mean_arterial_pressure(systolic: float, diastolic: float) -> float:
    return (systolic + 2 * diastolic) / 3
'''

GRADER = '''\
"""Hidden graders for {id}."""

import pytest

from autograde.checks import assert_close


@pytest.mark.grade(1, hint="Diastole lasts about twice as long as systole: weight it twice.",
                   uses=["mean_arterial_pressure"])
def test_mean_arterial_pressure(mean_arterial_pressure, rng):
    for systolic, diastolic in rng.uniform([90, 50], [180, 110], size=(5, 2)):
        assert_close(mean_arterial_pressure(systolic, diastolic), (systolic + 2 * diastolic) / 3,
                     name="the mean arterial pressure")
'''

MUTANTS = '''\
# Plausible wrong answers for {id}; each must lose points (at least three are required).

[[mutant]]
name = "plain_average_of_systolic_and_diastolic"
file = "{module}.py"
replace = "(systolic + 2 * diastolic) / 3"
with = "(systolic + diastolic) / 2"
'''


def module_name(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "_".join(words[:3]) or "exercise"


def new_unit(unit_id: str, *, module: str | None = None, root: Path | None = None) -> list[Path]:
    """Create the unit's exercise, solution, grader and mutant files; refuse to overwrite anything."""
    root = root or project_root()
    course = load(root / "curriculum.toml")
    unit = course.unit(unit_id)
    row = next(r for s in course.sections for r in s.rows if unit in r.units)
    module = module or module_name(unit.title)
    if not module.isidentifier():
        raise ValueError(f"module name '{module}' is not a Python identifier")
    values = {"id": unit.id, "title": unit.title, "follows": unit.follows, "why": row.why, "module": module}
    files = {
        unit.folder("exercises", root) / "README.md": README,
        unit.folder("exercises", root) / f"{module}.py": STUB,
        unit.folder("solutions", root) / f"{module}.py": SOLUTION,
        unit.folder("graders", root) / f"test_{module}.py": GRADER,
        unit.folder("mutants", root) / "mutants.toml": MUTANTS,
    }
    existing = [path.parent for path in files if path.parent.exists()]
    if existing:
        raise AlreadyExists(f"{unit.id} already has {', '.join(str(p.relative_to(root)) for p in existing)}")
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values), encoding="utf-8")
    return list(files)
