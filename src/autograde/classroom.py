"""The import path that exported nbgrader courses use, kept stable: their ``nbgrader_config.py``
imports ``GradeWithAutograde`` from here and their test cells call ``run_test``.  The code is in
``autograde.notebooks.classroom``."""

from autograde.notebooks import classroom as _classroom
from autograde.notebooks.classroom import TestFailed, run_test  # noqa: F401  (used by exported test cells)


def __getattr__(name: str):
    return getattr(_classroom, name)  # GradeWithAutograde is built on first use (it needs nbgrader)
