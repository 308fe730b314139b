"""`kg export --to neo4j` copies the embedded graph into Neo4j; `--format` writes a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store.neo4j import Neo4jStore
from kg.store.networkx_store import NetworkxStore
from tests.factories import FOUNDING, REPORT


@pytest.fixture
def embedded_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "kg"
    NetworkxStore(data_dir).add_many([FOUNDING, REPORT])
    return data_dir


@pytest.mark.neo4j
def test_export_to_neo4j_copies_the_graph_and_can_be_rerun(
    embedded_dir: Path, neo4j_store: Neo4jStore
) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["--data-dir", str(embedded_dir), "export", "--to", "neo4j"])
    assert first.exit_code == 0, first.output
    assert "2 documents added" in first.output
    embedded = NetworkxStore(embedded_dir)
    assert neo4j_store.stats() == embedded.stats()
    assert list(neo4j_store.iter_relations(max_evidence=3)) == list(embedded.iter_relations(max_evidence=3))

    again = runner.invoke(app, ["--data-dir", str(embedded_dir), "export", "--to", "neo4j"])
    assert again.exit_code == 0, again.output
    assert "0 documents added, 2 already there" in again.output
    assert neo4j_store.stats() == embedded.stats()

    replaced = runner.invoke(app, ["--data-dir", str(embedded_dir), "export", "--to", "neo4j", "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert "2 documents added" in replaced.output


def test_export_needs_exactly_one_target(embedded_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--data-dir", str(embedded_dir), "export"]
    assert runner.invoke(app, base).exit_code == 2
    assert runner.invoke(app, [*base, "--to", "neo4j", "--format", "json"]).exit_code == 2
    assert runner.invoke(app, [*base, "--to", "mysql"]).exit_code == 2
    empty = runner.invoke(app, ["--data-dir", str(tmp_path / "none"), "export", "--to", "neo4j"])
    assert empty.exit_code == 1 and "no embedded graph" in empty.output


def test_export_format_writes_a_file(embedded_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.json"
    result = CliRunner().invoke(
        app,
        [
            "--data-dir",
            str(embedded_dir),
            "--store",
            "networkx",
            "export",
            "--format",
            "json",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data
