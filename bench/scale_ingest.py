#!/usr/bin/env python3
"""Scale: the whole laws corpus ingested end to end, embedded store and Neo4j; idempotence.

1. `kg --data-dir DIR ingest --workers N LAWS` into a fresh embedded store:
   wall time (target <= 600 s), peak RSS of the whole process tree (polled
   from /proc), CPU cores kept busy, the summary line (files, failures).
2. `kg --data-dir DIR stats` (also the time to open the store = load every
   document file and rebuild the aggregate).
3. The same ingest again: time of the no-op re-run, and the counts must be
   identical (idempotence).
4. With --neo4j (a bench Neo4j started by `bench.neo4j_instance`, or any
   NEO4J_URI that answers): the same three steps with `--store neo4j`.

The embedded store is kept (default bench/results/scale-store) for
bench/query_latency.py and bench/view_build.py.

Usage: python -m bench.scale_ingest [--limit N] [--workers 2] [--neo4j] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench._common import (
    KG_CMD,
    LAWS,
    RESULTS_DIR,
    BenchResult,
    TreeRssSampler,
    command_line,
    kg_env,
    mib,
    neo4j_answers,
    neo4j_server_pid,
    neo4j_store_available,
    run_timed,
)
from kg.sources import find_text_files

SUMMARY = re.compile(r"(\d+) files?: (\d+) added, (\d+) already stored, (\d+) duplicate, (\d+) failed")
STATS = re.compile(
    r"(\d+) documents?, (\d+) concepts?, (\d+) typed relations?, (\d+) co-mentions?, (\d+) sentences?"
)


def input_folder(source: Path, limit: int | None, tmp: Path) -> tuple[Path, int, int]:
    """The folder to ingest (a folder of links to the first `limit` files when limited);
    returns (folder, number of files, characters)."""
    files = find_text_files([source])
    if limit is not None:
        files = files[:limit]
        folder = tmp / "input"
        folder.mkdir()
        for i, p in enumerate(files):
            (folder / f"{i:05d}_{p.name}").symlink_to(p)
    else:
        folder = source
    chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in files)
    return folder, len(files), chars


def parse_summary(stdout: str) -> dict[str, int]:
    m = SUMMARY.search(stdout)
    if not m:
        return {}
    keys = ("files", "added", "unchanged", "duplicates", "failed")
    return dict(zip(keys, map(int, m.groups()), strict=True))


def kg_stats(store_args: list[str], env: dict[str, str]) -> tuple[dict[str, Any], float]:
    t = run_timed([*KG_CMD, *store_args, "stats"], env=env, timeout_s=1800)
    if t.returncode != 0:
        raise SystemExit(f"kg stats failed:\n{t.stderr[-2000:]}")
    m = STATS.search(t.stdout)
    if not m:
        raise SystemExit(f"unexpected kg stats output:\n{t.stdout}")
    keys = ("documents", "concepts", "relations", "cooccurrences", "sentences")
    counts: dict[str, Any] = dict(zip(keys, map(int, m.groups()), strict=True))
    counts["by_type"] = {
        k.strip(): int(v) for k, v in re.findall(r"^\s+(\S+): (\d+)$", t.stdout, flags=re.MULTILINE)
    }
    return counts, t.seconds


def one_store(
    result: BenchResult,
    label: str,
    store_args: list[str],
    folder: Path,
    n_chars: int,
    workers: int,
    env: dict[str, str],
    target_s: float | None,
) -> dict[str, Any]:
    print(f"== {label}: first ingest (--workers {workers})", flush=True)
    cmd = [*KG_CMD, *store_args, "ingest", "--workers", str(workers), str(folder)]
    server_pid = neo4j_server_pid(int(env["NEO4J_URI"].rsplit(":", 1)[1])) if "NEO4J_URI" in env else None
    server = TreeRssSampler(server_pid, interval_s=1.0) if server_pid else None
    if server:
        server.__enter__()
    try:
        first = run_timed(cmd, env=env, timeout_s=7200)
    finally:
        if server:
            server.__exit__()
    tail = first.stderr.strip().splitlines()[-5:]
    if first.returncode != 0:
        print("\n".join(tail))
        raise SystemExit(f"{label}: kg ingest failed with {first.returncode}")
    s1 = parse_summary(first.stdout)
    skipped = [line for line in first.stderr.splitlines() if line.startswith("skipped")]
    result.add(f"{label}: ingest wall", round(first.seconds, 1), "s", f"<= {target_s:g}" if target_s else "")
    result.add(f"{label}: ingest throughput", round(n_chars / first.seconds), "chars/s")
    result.add(
        f"{label}: peak RSS, whole process tree",
        mib(first.peak_rss_bytes),
        "MiB",
        note=f"{first.peak_processes} processes at the peak",
    )
    result.add(f"{label}: cores busy (CPU time / wall)", round(first.cores_busy, 2), "cores")
    if server:
        result.add(f"{label}: Neo4j server peak RSS", mib(server.peak_bytes), "MiB", note=f"pid {server_pid}")
    files_line = f"{s1.get('files')} / {s1.get('added')} / {s1.get('failed')}"
    result.add(f"{label}: files / added / failed", files_line)
    counts1, open_s = kg_stats(store_args, env)
    result.add(f"{label}: kg stats (open store + count)", round(open_s, 1), "s")
    result.add(
        f"{label}: graph",
        f"{counts1['documents']} docs, {counts1['concepts']} concepts, "
        f"{counts1['relations']} relations, {counts1['cooccurrences']} co-mentions",
    )

    print(f"== {label}: second ingest of the same files (idempotence)", flush=True)
    second = run_timed(cmd, env=env, timeout_s=7200)
    if second.returncode != 0:
        raise SystemExit(f"{label}: second kg ingest failed with {second.returncode}")
    s2 = parse_summary(second.stdout)
    counts2, _ = kg_stats(store_args, env)
    same = counts1 == counts2 and s2.get("added") == 0
    result.add(f"{label}: re-ingest (no-op) wall", round(second.seconds, 1), "s")
    result.add(f"{label}: re-ingest added", s2.get("added", -1), "documents", "== 0")
    result.add(f"{label}: counts identical after re-ingest", "yes" if same else "NO")
    return {
        "first": {
            "seconds": first.seconds,
            "summary": s1,
            "stderr_tail": tail,
            "skipped": skipped[:50],
            "skipped_count": len(skipped),
            "peak_rss_mib": mib(first.peak_rss_bytes),
            "cpu_seconds": first.cpu_seconds,
        },
        "second": {"seconds": second.seconds, "summary": s2},
        "counts_first": counts1,
        "counts_second": counts2,
        "identical": same,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", type=Path, default=LAWS, help="folder to ingest (default: the laws corpus)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N files (for trials)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument(
        "--data-dir", type=Path, default=RESULTS_DIR / "scale-store", help="embedded store (replaced)"
    )
    ap.add_argument(
        "--neo4j",
        metavar="URI",
        default=None,
        help="also ingest into this bench Neo4j (it is CLEARED first; the default 7687 one is refused)",
    )
    ap.add_argument("--skip-embedded", action="store_true")
    ap.add_argument("--target-s", type=float, default=600.0, help="target wall time of the first ingest")
    ap.add_argument("--name", default=None, help="results entry (default: scale, or scale-limitN)")
    ap.add_argument(
        "--compare-with", default=None, help="results entry whose embedded counts the Neo4j counts must equal"
    )
    args = ap.parse_args()

    name = args.name or ("scale" if args.limit is None else f"scale-limit{args.limit}")
    result = BenchResult(name, command_line())
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-scale-"))
    try:
        folder, n_files, n_chars = input_folder(args.input, args.limit, tmp)
        print(f"== input: {args.input} ({n_files} files, {n_chars:,} chars)", flush=True)
        result.add("input files", n_files, "files")
        result.add("input characters", n_chars, "chars")
        result.details["input"] = str(args.input)
        target = args.target_s if args.limit is None else None

        if not args.skip_embedded:
            shutil.rmtree(args.data_dir, ignore_errors=True)
            env = kg_env(KG_STORE="networkx")
            result.details["embedded"] = one_store(
                result,
                "embedded",
                ["--store", "networkx", "--data-dir", str(args.data_dir)],
                folder,
                n_chars,
                args.workers,
                env,
                target,
            )
            result.details["embedded_data_dir"] = str(args.data_dir)

        if args.neo4j:
            uri = args.neo4j
            if uri.rstrip("/").endswith(":7687"):
                raise SystemExit("refusing to clear the shared Neo4j on 7687; use bench.neo4j_instance")
            if not neo4j_store_available():
                result.add("neo4j", "skipped: kg.store.neo4j is not installed")
            elif not neo4j_answers(uri):
                result.add("neo4j", f"skipped: nothing answers at {uri}")
            else:
                env = kg_env(KG_STORE="neo4j", NEO4J_URI=uri)
                clear_neo4j(env)
                result.details["neo4j_uri"] = uri
                result.details["neo4j"] = one_store(
                    result, "neo4j", ["--store", "neo4j"], folder, n_chars, args.workers, env, None
                )
                emb = result.details.get("embedded", {}).get("counts_first")
                if emb is None and args.compare_with:
                    emb = embedded_counts_from_results(args.compare_with)
                if emb is not None:
                    neo = result.details["neo4j"]["counts_first"]
                    result.add("same counts embedded and neo4j", "yes" if emb == neo else "NO")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result.save()


def embedded_counts_from_results(entry: str) -> dict[str, Any] | None:
    """The embedded store's counts recorded by an earlier run (results.json entry `entry`)."""
    import json

    from bench._common import RESULTS_JSON

    try:
        data = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
        counts: dict[str, Any] = data["benchmarks"][entry]["details"]["embedded"]["counts_first"]
    except (OSError, ValueError, KeyError):
        return None
    return counts


def clear_neo4j(env: dict[str, str]) -> None:
    """Empty the bench Neo4j database (never call this on a database you care about)."""
    from kg.settings import Settings
    from kg.store.neo4j import open_neo4j_store

    settings = Settings().model_copy(update={"neo4j_uri": env["NEO4J_URI"], "store": "neo4j"})
    store = open_neo4j_store(settings)
    try:
        store.clear()
    finally:
        store.close()


if __name__ == "__main__":
    main()
