"""The curriculum manifest (``curriculum.toml``) and where each unit's files live.

A unit "has content" when its exercise, solution and grader folders all exist; that is read
from disk every time, never stored in the manifest.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from autograde.errors import UsageError

KINDS = ("math", "code", "project", "course")


def project_root() -> Path:
    """The checkout that holds curriculum.toml; ``AUTOGRADE_ROOT`` points elsewhere (tests use it)."""
    if os.environ.get("AUTOGRADE_ROOT"):
        return Path(os.environ["AUTOGRADE_ROOT"]).resolve()
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Unit:
    id: str
    title: str
    follows: str
    requires: tuple[str, ...]
    kind: str
    section: str  # "1", "2", "3" or "ai4med"
    row: str

    def folder(self, area: str, root: Path | None = None) -> Path:
        """``area`` is one of exercises, solutions, graders, mutants, course_style (the last two under tests/)."""
        root = root or project_root()
        if area in ("mutants", "course_style"):
            return root / "tests" / area / self.id
        return root / area / self.id

    def has_content(self, root: Path | None = None) -> bool:
        return all(self.folder(area, root).is_dir() for area in ("exercises", "solutions", "graders"))

    def status(self, root: Path | None = None) -> str:
        return "content" if self.has_content(root) else "planned"


@dataclass(frozen=True)
class Row:
    label: str
    kind: str
    why: str
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    requires: tuple[str, ...]
    rows: tuple[Row, ...]

    @property
    def units(self) -> list[Unit]:
        return [unit for row in self.rows for unit in row.units]


class UnknownUnit(UsageError, LookupError):
    def __init__(self, unit_id: str, suggestions: list[str]):
        self.unit_id = unit_id
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown unit '{unit_id}'.{hint} (`autograde list` shows every unit)")


class UnknownPhase(UsageError, LookupError):
    """A phase key that the manifest does not have."""


@dataclass(frozen=True)
class Curriculum:
    sections: tuple[Section, ...]

    @property
    def units(self) -> list[Unit]:
        return [unit for section in self.sections for unit in section.units]

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id, whatever its case (``18.06-LEC5`` is 18.06-lec5)."""
        for unit in self.units:
            if unit.id == unit_id or unit.id.lower() == unit_id.lower():
                return unit
        raise UnknownUnit(unit_id, self.closest(unit_id))

    def closest(self, unit_id: str, n: int = 3) -> list[str]:
        ids = [unit.id for unit in self.units]
        close = difflib.get_close_matches(unit_id.lower(), ids, n=n, cutoff=0.6)
        return close or [i for i in ids if i.startswith(unit_id.lower().split("-")[0])][:n]

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise UnknownPhase(f"no phase '{key}'; phases are {', '.join(s.key for s in self.sections)}")


def load(path: Path | None = None) -> Curriculum:
    path = path or project_root() / "curriculum.toml"
    return _load_cached(path.resolve())


@lru_cache(maxsize=4)
def _load_cached(path: Path) -> Curriculum:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sections = []
    for sec in data["section"]:
        rows = []
        for row in sec["row"]:
            units = tuple(
                Unit(
                    id=u["id"],
                    title=u["title"],
                    follows=u["follows"],
                    requires=tuple(u.get("requires", ())),
                    kind=row["kind"],
                    section=sec["key"],
                    row=row["label"],
                )
                for u in row["unit"]
            )
            rows.append(Row(label=row["label"], kind=row["kind"], why=row.get("why", ""), units=units))
        sections.append(Section(key=sec["key"], title=sec["title"], requires=tuple(sec["requires"]), rows=tuple(rows)))
    return Curriculum(tuple(sections))
