"""autograde: graded exercises for a medical data science curriculum.

The Python API is the same set of keyword-only functions the CLI calls:
``runner.grade``, ``validate.validate_unit``, ``scaffold.new_unit``, ``curriculum.load``.
"""

__version__ = "0.1.0"
