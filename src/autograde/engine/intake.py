"""A submission as the folder of modules the grading session reads: a folder as it is; a single
``.py`` file as the unit's one module; a notebook's code cells built into the unit's modules
(``autograde.notebooks.convert``).  Files made here live in a private temporary folder for as
long as the ``opened`` block lasts."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from autograde.errors import NotFound, UsageError


@dataclass
class Intake:
    path: Path  # what the learner submitted
    folder: Path  # the modules graded
    built: Any = None  # a notebook's build (``convert.Built``: the cells that did not run as written)
    written_for: str | None = None  # the unit a notebook says it was written for

    @property
    def workdir(self) -> Path:
        """The folder the learner's relative paths start from: the folder submitted, or the one
        the file lies in (a notebook's data files lie beside it)."""
        return self.path if self.path.is_dir() else self.path.parent


@contextlib.contextmanager
def opened(unit_id: str, path: Path, root: Path) -> Iterator[Intake]:
    path = Path(path).resolve()
    if path.is_dir():
        yield Intake(path, path)
        return
    if not path.is_file():
        raise NotFound(f"{'notebook' if path.suffix == '.ipynb' else 'submission'} not found: {path}")
    if path.suffix not in (".py", ".ipynb"):
        raise UsageError(f"a submission is a folder, a .py file or an .ipynb notebook, not {path.name}")
    with tempfile.TemporaryDirectory(prefix="autograde-submission-") as scratch:
        folder = Path(scratch) / "submission"
        if path.suffix == ".ipynb":
            from autograde.notebooks import convert

            nb = convert.read(path)
            built = convert.build_notebook(nb, unit_id, root)
            yield Intake(path, convert.write_submission(built, unit_id, folder, root), built, convert.notebook_unit(nb))
            return
        modules = sorted(p.stem for p in (root / "solutions" / unit_id).glob("*.py"))
        if len(modules) != 1:
            raise UsageError(f"{unit_id} has {len(modules)} modules ({', '.join(m + '.py' for m in modules)}): "
                             "submit the folder that holds them")
        folder.mkdir()
        shutil.copyfile(path, folder / f"{modules[0]}.py")
        yield Intake(path, folder)
