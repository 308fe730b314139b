#!/usr/bin/env python3
"""Loading into Neo4j: batched (UNWIND $rows ... MERGE, many documents per transaction)
against row by row (one row per transaction), in relationships per second.

1. Build a graph from a deterministic sample of the shared corpus (every
   collection, about --chars characters): `kg ingest --workers N` into an
   embedded store folder, kept in bench/results/ and reused on later runs.
2. Batched: empty the Neo4j database, load every document with
   `Neo4jStore.add_many(batch_size=--batch-size)`, count the relationships
   written (MENTIONS, per-document facts, LINKED) and divide by the wall time.
3. Row by row: empty it again and load the first documents until about
   --row-rels relationships (row by row is slow) with one row per transaction;
   the same documents are also loaded batched, so the ratio compares like
   with like.
4. The Neo4j server's resident memory after the loads (from its pid file).

A warm-up load (40 documents batched, 3 row by row) runs first: on a fresh
JVM the first load takes about twice as long (query planning, JIT).

Neo4j must answer at NEO4J_URI (`scripts/neo4j start`). The database is emptied.

Usage: python -m bench.load_neo4j [--chars 3000000] [--batch-size 200] [--row-rels 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench._common import (
    KG_CMD,
    RESULTS_DIR,
    ROOT,
    BenchResult,
    command_line,
    kg_env,
    mib,
    run_timed,
    sample_files,
)
from kg.model import DocumentExtraction
from kg.serialize import extraction_from_dict
from kg.settings import Settings
from kg.store.neo4j import Neo4jStore, open_neo4j_store
from kg.store.neo4j_load_plan import plan_documents


def build_graph(chars: int, workers: int, data_dir: Path) -> tuple[list[Path], float | None]:
    files = sample_files(chars)
    manifest = data_dir / "files.json"
    wanted = [str(p) for p in files]
    if manifest.is_file() and json.loads(manifest.read_text(encoding="utf-8")) == wanted:
        print(f"reusing the graph in {data_dir}", flush=True)
        return files, None
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    print(f"extracting {len(files)} files ({chars:,} characters), {workers} workers ...", flush=True)
    cmd = [*KG_CMD, "--data-dir", str(data_dir / "kg"), "ingest", *map(str, files), "--workers", str(workers)]
    timed = run_timed(cmd, env=kg_env(KG_STORE="networkx"), timeout_s=6 * 3600)
    if timed.returncode != 0:
        sys.exit(f"kg ingest failed:\n{timed.stderr[-2000:]}")
    manifest.write_text(json.dumps(wanted, ensure_ascii=False), encoding="utf-8")
    return files, timed.seconds


def read_extractions(data_dir: Path) -> list[DocumentExtraction]:
    paths = sorted((data_dir / "kg" / "documents").glob("*.json"))
    return [extraction_from_dict(json.loads(p.read_text(encoding="utf-8"))) for p in paths]


def relationship_count(store: Neo4jStore) -> int:
    with store.driver.session(database=store.database) as session:
        record = session.run("MATCH ()-[r]->() RETURN count(r) AS n").single(strict=True)
        return int(record["n"])


def load(
    store: Neo4jStore, docs: Sequence[DocumentExtraction], *, batch_size: int, row_by_row: bool
) -> tuple[int, float]:
    store.clear()
    t0 = time.perf_counter()
    store.add_many(docs, batch_size=batch_size, rows_per_transaction=1 if row_by_row else None)
    seconds = time.perf_counter() - t0
    return relationship_count(store), seconds


def neo4j_rss_mib() -> float | None:
    port = Settings().neo4j_uri.rsplit(":", 1)[-1].strip("/")
    state = Path(os.environ.get("KG_NEO4J_DIR", ROOT / ".neo4j"))
    pid_file = state / f"run-{port}" / "neo4j.pid"
    try:
        pid = int(pid_file.read_text().strip())
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS"):
                return mib(int(line.split()[1]) * 1024)
    except (OSError, ValueError):
        return None
    return None


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=3_000_000, help="corpus characters to extract")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="extraction processes")
    ap.add_argument("--batch-size", type=int, default=200, help="documents per batched transaction")
    ap.add_argument("--row-rels", type=int, default=20_000, help="relationships to load row by row")
    ap.add_argument("--graph-dir", type=Path, default=None, help="where the extracted graph is kept")
    args = ap.parse_args(argv)

    result = BenchResult("load_neo4j", command_line())
    data_dir = args.graph_dir or RESULTS_DIR / f"neo4j-load-graph-{args.chars}"
    files, extract_s = build_graph(args.chars, args.workers, data_dir)
    docs = read_extractions(data_dir)
    chars = sum(len(x.document.text) for x in docs)
    plan = plan_documents(docs)
    result.add("documents", len(docs))
    result.add("corpus characters", chars, "chars")
    result.add("planned relationships (all documents)", plan.relationship_count)
    if extract_s is not None:
        result.add("kg ingest (extraction) wall", round(extract_s, 1), "s")

    store = open_neo4j_store(Settings())
    try:
        # warm the JVM (query plans, JIT) so the first measured load does not pay for it
        load(store, docs[:40], batch_size=args.batch_size, row_by_row=False)
        load(store, docs[:3], batch_size=args.batch_size, row_by_row=True)
        rels, seconds = load(store, docs, batch_size=args.batch_size, row_by_row=False)
        stats = store.stats()
        result.add("batched: relationships written", rels)
        result.add("batched: wall", round(seconds, 2), "s")
        batched_rate = rels / seconds
        result.add("batched: relationships per second", round(batched_rate), "rels/s")
        result.add(
            "graph in Neo4j",
            f"{stats.documents} docs, {stats.concepts} concepts, {stats.relations} typed, "
            f"{stats.cooccurrences} co-mentions",
        )

        subset: list[DocumentExtraction] = []
        planned = 0
        for x in docs:
            if planned >= args.row_rels:
                break
            subset.append(x)
            planned += plan_documents([x]).relationship_count
        sub_rels, sub_batched_s = load(store, subset, batch_size=args.batch_size, row_by_row=False)
        row_rels, row_s = load(store, subset, batch_size=args.batch_size, row_by_row=True)
        assert row_rels == sub_rels, (row_rels, sub_rels)
        sub_batched_rate = sub_rels / sub_batched_s
        row_rate = row_rels / row_s
        result.add("subset: documents", len(subset))
        result.add("subset: relationships", sub_rels)
        result.add("subset batched: relationships per second", round(sub_batched_rate), "rels/s")
        result.add("subset row by row: wall", round(row_s, 2), "s")
        result.add("row by row: relationships per second", round(row_rate), "rels/s")
        result.add("ratio batched / row by row (same documents)", round(sub_batched_rate / row_rate, 1), "x")
        result.add("ratio batched (all) / row by row", round(batched_rate / row_rate, 1), "x")
        # leave the full graph loaded, for trying queries
        load(store, docs, batch_size=args.batch_size, row_by_row=False)
    finally:
        store.close()
    rss = neo4j_rss_mib()
    if rss is not None:
        result.add("Neo4j server RSS after the loads", rss, "MiB")
    result.details["files"] = len(files)
    result.save()


if __name__ == "__main__":
    main()
