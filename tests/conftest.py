"""Shared fixtures: the bundled sample corpus ingested once per test session, with the real extractor."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

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
