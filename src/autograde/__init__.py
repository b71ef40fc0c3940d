"""autograde: graded exercises for a medical data science curriculum.

The Python API is the same set of keyword-only functions the CLI calls: ``autograde.grade`` and
``autograde.grade_many`` (``autograde.engine.grading``), ``validate.validate_unit``,
``scaffold.new_unit`` (``autograde.authoring``), ``curriculum.load``.  Graders use
``autograde.checks`` and ``autograde.datasets``.
"""

__version__ = "0.2.0"


def __getattr__(name: str):
    # Loaded on first use: every grading process imports this package, few need the engine's front.
    if name in ("grade", "grade_many"):
        from autograde.engine import grading

        return getattr(grading, name)
    raise AttributeError(f"module 'autograde' has no attribute {name!r}")
