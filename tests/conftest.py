"""Shared fixtures: the bundled sample corpus ingested once per test session, with the real extractor."""

from __future__ import annotations

import builtins
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).parent.parent
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data folder holding the embedded graph of data/samples. Treat it as read-only."""
    data_dir = tmp_path_factory.mktemp("kg-samples")
    result = CliRunner().invoke(app, ["--data-dir", str(data_dir), "ingest", str(SAMPLES), "--workers", "2"])
    assert result.exit_code == 0, result.output
    yield data_dir
    shutil.rmtree(data_dir, ignore_errors=True)


def refuse_writing_store_lock(monkeypatch: pytest.MonkeyPatch, err: int) -> None:
    """Make opening an embedded store's `.write.lock` for writing fail with `err`, as a read-only
    mount (EROFS) or another user's folder (EACCES) does. Simulated at that one open, in
    kg.store.networkx_store only, because tests may run as root, whom chmod does not stop."""
    from kg.store import networkx_store

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if Path(file).name == ".write.lock" and any(c in mode for c in "wax+"):
            raise OSError(err, os.strerror(err), str(file))
        return builtins.open(file, mode, *args, **kwargs)

    monkeypatch.setattr(networkx_store, "open", guarded_open, raising=False)
