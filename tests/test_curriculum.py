"""The real curriculum manifest: complete, consistent, and status derived from disk."""

from __future__ import annotations

import re

import pytest

from autograde import curriculum
from conftest import REPO

SHARED_CURRICULUM = REPO.parent / "shared" / "CURRICULUM.md"


@pytest.fixture(scope="module")
def course():
    return curriculum.load(REPO / "curriculum.toml")


def expand(cell: str) -> list[str]:
    """Unit ids written in a CURRICULUM.md table cell: `a-1`, `a-3` .. `a-6` ranges expanded."""
    ids = re.findall(r"`([^`]+)`", cell)
    out: list[str] = []
    for token in re.split(r",\s*", cell):
        found = re.findall(r"`([^`]+)`", token)
        if len(found) == 2 and ".." in token:
            first, last = found
            prefix = re.match(r"(.*?)(\d+)$", first).group(1)
            start, end = int(first[len(prefix):]), int(last[len(prefix):])
            out += [f"{prefix}{n}" for n in range(start, end + 1)]
        else:
            out += found
    assert set(ids) <= set(out)
    return out


def curriculum_md_ids() -> list[str]:
    ids = []
    for line in SHARED_CURRICULUM.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and "`" in cells[1]:
            ids += expand(cells[1])
    return ids


@pytest.mark.skipif(not SHARED_CURRICULUM.exists(), reason="../shared/CURRICULUM.md is not beside this checkout")
def test_manifest_lists_exactly_the_units_of_curriculum_md(course):
    expected = curriculum_md_ids()
    assert len(expected) == len(set(expected)) == 200
    assert sorted(u.id for u in course.units) == sorted(expected)


def test_ids_unique_kinds_known_and_sections_in_order(course):
    ids = [u.id for u in course.units]
    assert len(ids) == len(set(ids)) == 200
    assert {u.kind for u in course.units} <= set(curriculum.KINDS)
    assert [s.key for s in course.sections] == ["1", "2", "3", "ai4med"]
    assert course.section("2").requires == ("1",)
    assert all(u.title and u.follows for u in course.units)


def test_prerequisites_exist_and_come_earlier(course):
    position = {u.id: i for i, u in enumerate(course.units)}
    for unit in course.units:
        for required in unit.requires:
            assert required in position, f"{unit.id} requires unknown {required}"
            assert position[required] < position[unit.id], f"{unit.id} requires later unit {required}"


def test_rows_follow_the_seed_document(course):
    labels = [row.label for row in course.section("1").rows]
    assert labels[:5] == [
        "KA Precalc: Unit 1 (Composite/Inverse)",
        "KA Precalc: Unit 4 (Rational Functions)",
        "KA Precalc: Unit 5 (Hyperbolas ONLY)",
        "MIT 18.01: Lec 1-2 (Limits & Derivs)",
        "Kaggle Python: 1. Hello, Python",
    ]
    assert course.unit("project-1").kind == "project" and course.unit("18.06-lec5").kind == "math"
    assert course.unit("ai4med-c2w3").section == "ai4med"


def test_unknown_id_suggests_neighbours(course):
    with pytest.raises(curriculum.UnknownUnit) as caught:
        course.unit("18.06-lec55")
    assert "18.06-lec5" in caught.value.suggestions
    assert "18.06-lec5" in str(caught.value)


def test_content_status_is_read_from_disk(course, tmp_path):
    unit = course.unit("18.06-lec4")
    assert unit.status(REPO) == "content"
    assert unit.status(tmp_path) == "planned"
    for area in ("exercises", "solutions", "graders"):
        (tmp_path / area / unit.id).mkdir(parents=True)
    assert unit.status(tmp_path) == "content"


FIRST_MILESTONE = (  # Phase 1 up to the Framingham calculator: the learner's current stretch
    ["precalc-u1", "precalc-u4", "precalc-u5"]
    + [f"18.01-lec{n}" for n in (*range(1, 7), *range(9, 17))]
    + [f"kaggle-python-{n}" for n in range(1, 8)]
    + ["project-1"]
)


def test_phase_1_lists_the_first_milestone_with_content():
    import json

    from conftest import run_cli

    done = run_cli("list", "--phase", "1", "--json")
    listed = {u["id"]: u["status"] for u in json.loads(done.stdout)}
    assert len(FIRST_MILESTONE) == 25
    assert {unit: listed.get(unit) for unit in FIRST_MILESTONE} == dict.fromkeys(FIRST_MILESTONE, "content")


def test_unit_ids_are_case_insensitive():
    course = curriculum.load(REPO / "curriculum.toml")
    assert course.unit("18.06-LEC5").id == "18.06-lec5" and course.unit("AI4MED-C1W1").id == "ai4med-c1w1"
