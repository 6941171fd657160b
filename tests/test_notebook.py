"""notebooks/tour.ipynb runs top to bottom (nbclient, a kernel on this very interpreter)."""
from __future__ import annotations

import json
import os
import sys

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "tour.ipynb"


def test_tour_notebook_runs(tmp_path, monkeypatch):
    try:
        import nbformat
        from ipykernel.kernelspec import install
        from nbclient import NotebookClient
    except ImportError as e:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"notebook tooling not installed ({e.name}): pip install -e '.[test]'")

    # a kernelspec that starts this interpreter, whatever kernels the machine has installed
    prefix = tmp_path / "jupyter"
    install(prefix=str(prefix), kernel_name="isnad-tour", display_name="isnad tour")
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    spec = json.loads((prefix / "share" / "jupyter" / "kernels" / "isnad-tour" / "kernel.json").read_text())
    assert spec["argv"][0] == sys.executable

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, kernel_name="isnad-tour", timeout=600, allow_errors=True,
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    client.execute()
    errors = [(i, o.get("ename"), o.get("evalue")) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                   if o.get("output_type") == "stream")
    assert "independent upstream sources" in text
    assert "cq1_who_alleges_coordination" in text
    html_outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                    if "text/html" in o.get("data", {})]
    assert html_outputs and "srcdoc=" in html_outputs[0]["data"]["text/html"]
