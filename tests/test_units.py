"""Every unit with content proves its graders: solution full marks, stub 0 and "not attempted",
do-nothing code 0, a fresh mutation report at 100 %, confirmed by a few mutants of each kind
re-graded (`autograde validate`, with the hand-written mutants sampled as well)."""

from __future__ import annotations

import pytest

from autograde import curriculum
from autograde.authoring import validate
from conftest import REPO

UNITS = [u.id for u in curriculum.load(REPO / "curriculum.toml").units if u.has_content(REPO)]


def test_there_are_units_with_content():
    assert len(UNITS) >= 1


@pytest.mark.parametrize("unit_id", UNITS)
def test_unit_validates(unit_id):
    result = validate.validate_unit(unit_id, root=REPO, sampled=True)
    assert result.ok, "\n".join(result.problems + result.lines)
