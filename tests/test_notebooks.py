"""The researcher and trainer notebooks run top to bottom against the sample corpus, opened as
Jupyter opens them: in the notebooks' folder, where the default data folder `data/kg` is the
repository's, not notebooks/data/kg."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_notebooks_exist() -> None:
    assert {p.name for p in NOTEBOOKS} >= {"researcher.ipynb", "trainer.ipynb"}


def _repository(tmp_path: Path, graph: Path | None) -> Path:
    """A copy of the repository's layout: pyproject.toml, notebooks/ and, given `graph`, data/kg."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "notebooks", repo / "notebooks")
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    if graph is not None:
        shutil.copytree(graph, repo / "data" / "kg")
    return repo


def _execute(path: Path, cwd: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """Run the notebook at `path` with the kernel in `cwd`; the executed notebook (CellExecutionError,
    with the cell and traceback, on any error)."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    # the kernel is a child process: it inherits these
    monkeypatch.setenv("KG_STORE", "networkx")
    monkeypatch.setenv("LESSON_MAPS_DIR", str(tmp_path / "maps"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()
    return nb


def _text(nb: Any) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


@pytest.mark.slow
@pytest.mark.parametrize("where", ["repository", "KG_DATA_DIR"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(
    path: Path, where: str, sample_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`repository`: opened in Jupyter (working directory notebooks/) with KG_DATA_DIR unset, the
    notebook uses the repository's data/kg and creates no notebooks/data/kg; `KG_DATA_DIR`: an
    absolute KG_DATA_DIR wins, wherever the notebook runs."""
    if where == "repository":
        repo = _repository(tmp_path, sample_data_dir)
        monkeypatch.delenv("KG_DATA_DIR", raising=False)
        data_dir, cwd = repo / "data" / "kg", repo / "notebooks"
        path = cwd / path.name
    else:
        monkeypatch.setenv("KG_DATA_DIR", str(sample_data_dir))
        data_dir, cwd = sample_data_dir, tmp_path
    nb = _execute(path, cwd, monkeypatch, tmp_path)
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"
    ]
    assert not errors
    text = _text(nb)
    assert f"networkx store at {data_dir}\n" in text  # says which store it opened
    if where == "repository":
        assert not (cwd / "data").exists()
    if path.stem == "trainer":
        assert (tmp_path / "maps").is_dir() and list((tmp_path / "maps").glob("*.svg"))
        assert "lesson concepts:" in text
    else:
        assert "documents," in text and "communities" in text


@pytest.mark.slow
@pytest.mark.parametrize("graph", ["none", "empty"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_without_a_graph_stops_in_its_first_cell_saying_so(
    path: Path, graph: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not an IndexError further down (trainer), nor an empty store made in notebooks/data/kg."""
    nbclient = pytest.importorskip("nbclient")
    repo = _repository(tmp_path, None)
    data_dir = repo / "data" / "kg"
    if graph == "empty":  # a store from which every document was deleted
        (data_dir / "documents").mkdir(parents=True)
    monkeypatch.delenv("KG_DATA_DIR", raising=False)
    cwd = repo / "notebooks"
    with pytest.raises(nbclient.exceptions.CellExecutionError) as raised:
        _execute(cwd / path.name, cwd, monkeypatch, tmp_path)
    message = re.sub(r"\x1b\[[0-9;]*m", "", str(raised.value))  # without the traceback's colours
    first_code_cell = "store = open_store(settings, create=False)"
    assert first_code_cell in message  # the cell that failed
    if graph == "none":
        assert f"StoreNotFound: no graph at {data_dir}; run kg ingest PATH first" in message
        assert sorted(p.name for p in repo.iterdir()) == ["notebooks", "pyproject.toml"]
    else:
        assert f"AssertionError: empty graph at {data_dir}: run `kg ingest data/samples` first" in message
    assert sorted(p.name for p in cwd.iterdir()) == ["researcher.ipynb", "trainer.ipynb"]
