#!/usr/bin/env python3
"""Whole-graph work on a corpus-sized store: what `kg serve` does before its first request,
and what GET /export/… writes.

1. open the store (the embedded one reads every document file and rebuilds the aggregate);
2. `graph_state` (counts + document ids: the key of the whole-graph caches, paid per request);
3. the concept graph and its communities (GraphCache: the home page, /communities, /centrality);
   together with 1, the time `kg serve` takes before it answers;
4. each export format written once (GET /export/… serves it from a cache until the graph
   changes), against `KG_EXPORT_TIMEOUT` (300 s) and the 10 s read timeout it used to have.

Usage: python -m bench.whole_graph [--data-dir DIR] [--formats graphml gexf json csv]
(default store: bench/results/scale-store, written by `python -m bench.scale_ingest`)
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bench._common import RESULTS_DIR, BenchResult, command_line, mib


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, default=RESULTS_DIR / "scale-store")
    ap.add_argument("--formats", nargs="+", default=["graphml", "gexf", "json", "csv"])
    ap.add_argument("--name", default="whole-graph")
    args = ap.parse_args()

    from api.deps import GraphCache, graph_state
    from kg.export import SUFFIXES, write_export
    from kg.settings import Settings
    from kg.store import open_store

    settings = Settings().model_copy(update={"store": "networkx", "data_dir": args.data_dir})
    result = BenchResult(args.name, command_line())
    print(f"== whole graph: {args.data_dir}", flush=True)
    t0 = time.perf_counter()
    store = open_store(settings)
    opened = time.perf_counter() - t0
    stats = store.stats()
    result.add("documents", stats.documents)
    result.add("concepts", stats.concepts)
    result.add("co-mentions", stats.cooccurrences)
    result.add("open store", round(opened, 2), "s")
    t0 = time.perf_counter()
    graph_state(store)
    result.add("graph_state (per whole-graph request)", round(time.perf_counter() - t0, 3), "s")
    cache = GraphCache()
    t0 = time.perf_counter()
    cache.graph(store)
    graph_s = time.perf_counter() - t0
    result.add("concept graph", round(graph_s, 2), "s")
    t0 = time.perf_counter()
    communities = cache.communities(store)
    communities_s = time.perf_counter() - t0
    result.add("communities", round(communities_s, 2), "s", note=f"{len(communities)} found")
    result.add(
        "kg serve ready after (open + graph + communities)", round(opened + graph_s + communities_s, 1), "s"
    )
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-export-"))
    try:
        for fmt in args.formats:
            t0 = time.perf_counter()
            path = write_export(store, fmt, folder / f"policy-kg{SUFFIXES[fmt]}")
            seconds = time.perf_counter() - t0
            over = "yes" if seconds > settings.request_timeout_s else "no"
            result.add(
                f"export {fmt}",
                round(seconds, 1),
                "s",
                target=f"<= {settings.export_timeout_s:g}",
                note=f"{mib(path.stat().st_size):.0f} MiB; over the {settings.request_timeout_s:g} s "
                f"read timeout: {over}",
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        store.close()
    result.save()


if __name__ == "__main__":
    main()
