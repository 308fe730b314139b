"""Running `kg` in a real subprocess and reading its embedded store back, for the robustness tests."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from kg.model import DocumentExtraction, GraphStats
from kg.serialize import extraction_from_dict
from kg.store.networkx_store import NetworkxStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
KG = [sys.executable, "-c", "from kg.cli import main; main()"]
SUMMARY = re.compile(r"(\d+) files?: (\d+) added, (\d+) already stored, (\d+) duplicate, (\d+) failed")


def kg_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("KG_STORE", None)
    env.pop("KG_MAX_FILE_BYTES", None)
    env["COLUMNS"] = "250"  # one summary line, not wrapped by rich
    env.update(extra)
    return env


def kg(*args: str, timeout: float = 600, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*KG, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=kg_env(**env),
        cwd=ROOT,
        check=False,
    )


def summary(stdout: str) -> dict[str, int]:
    m = SUMMARY.search(stdout)
    assert m, f"no ingest summary in:\n{stdout}"
    keys = ("files", "added", "unchanged", "duplicates", "failed")
    return dict(zip(keys, map(int, m.groups()), strict=True))


def temp_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in (data_dir / "documents").glob(".*") if p.is_file())


def stored_extractions(data_dir: Path) -> dict[str, DocumentExtraction]:
    """Every per-document file, parsed strictly (a torn file fails here)."""
    out: dict[str, DocumentExtraction] = {}
    for path in sorted((data_dir / "documents").glob("*.json")):
        x = extraction_from_dict(json.loads(path.read_text(encoding="utf-8")))
        assert path.stem == x.document.id, f"{path.name} holds document {x.document.id}"
        out[x.document.id] = x
    return out


def graph_fingerprint(data_dir: Path) -> tuple[GraphStats, dict[str, Any], dict[str, int]]:
    """Stats, per-concept counts and per-edge counts of the store in `data_dir`."""
    store = NetworkxStore(data_dir)
    try:
        stats = store.stats()
        concepts = {
            c.name: (c.mention_count, c.document_count, str(c.category)) for c in store.iter_concepts()
        }
        edges = {f"{r.head}|{r.type}|{r.tail}": r.count for r in store.iter_relations(max_evidence=0)}
    finally:
        store.close()
    return stats, concepts, edges
