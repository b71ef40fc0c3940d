"""Checks from inside Jupyter (``autograde.jupyter``), in a real kernel run by nbclient: the
notebook `autograde notebook` writes, one exercise worked, each check cell grading its function."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from autograde.notebooks import convert
from conftest import run_cli
from test_grading import LIGHT_GRADER

# reads a file beside the notebook, as a learner's code may: found in the kernel and while grading
SOLVED_SHOCK_INDEX = ("def shock_index(heart_rate, systolic):\n"
                      "    return heart_rate / systolic * float(open('factor.txt').read())\n")


def test_check_cells_grade_each_function_in_a_real_kernel(demo_root, tmp_path, monkeypatch):
    (demo_root / "graders" / "demo-1" / "test_vitals.py").write_text(LIGHT_GRADER)  # tests that declare uses=
    monkeypatch.setenv("AUTOGRADE_ROOT", str(demo_root))
    path = convert.write_learner_notebook("demo-1", tmp_path / "demo-1.ipynb", root=demo_root)
    nb = nbformat.read(str(path), as_version=4)
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    assert sources[0] == 'from autograde.jupyter import grader\ngrader.use("demo-1")'
    assert [s for s in sources if s.startswith("grader.check(")] == [
        'grader.check("mean_arterial_pressure")', 'grader.check("shock_index")', 'grader.check("is_tachycardic")']
    stub = next(c for c in nb.cells if c.source.startswith("def shock_index"))
    stub.source = SOLVED_SHOCK_INDEX
    (tmp_path / "factor.txt").write_text("1.0")
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    checks = {c.source: c.outputs for c in nb.cells if c.source.startswith("grader.check(")}
    shock = checks['grader.check("shock_index")'][0]["data"]
    assert "all its tests pass" in shock["text/html"] and "test_shock_index  1 / 1  passed" in shock["text/plain"]
    pressure = checks['grader.check("mean_arterial_pressure")'][0]["data"]
    assert "0 / 2" in pressure["text/html"] and "not attempted" in pressure["text/plain"]
    assert "test_shock_index" not in pressure["text/plain"]  # only that function's tests
    nbformat.write(nb, str(path))
    whole = run_cli("check", "demo-1", "--submission", str(path), "--no-record")  # the check cells are not graded
    assert whole.returncode == 1 and "Total: 1 / 4" in whole.stdout and "Notebook:" not in whole.stdout
