#!/usr/bin/env python3
"""Views: server-side time to build a 500-node concept map (target <= 200 ms).

For the most mentioned concepts of the graph (whose depth-3 neighbourhood
reaches 500 nodes), times separately, in this process:

* `kg.query.subgraph(store, name, depth=3, max_nodes=500)` (the graph walk),
* `kg.views.render_concept_map(subgraph, title=...)` (the pyvis HTML page),

and their sum, over --repeat rounds; p50 and max per part. Then the same map
over loopback HTTP (`GET /views/concept/{name}?depth=3&max_nodes=500` on a
`kg serve` of the same store), which adds the web layer and the transfer.

Usage: python -m bench.view_build [--data-dir DIR | --neo4j URI] [--centers 10] [--repeat 5] [--no-http]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from bench._common import RESULTS_DIR, BenchResult, command_line, http_get, kg_server, percentile, quote


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, default=RESULTS_DIR / "scale-store")
    ap.add_argument("--neo4j", metavar="URI", default=None, help="use the Neo4j store at URI")
    ap.add_argument("--centers", type=int, default=10, help="concepts to centre maps on")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--max-nodes", type=int, default=500)
    ap.add_argument("--no-http", action="store_true", help="skip the timing over HTTP")
    ap.add_argument("--name", default=None)
    args = ap.parse_args()

    from kg import query
    from kg.settings import Settings
    from kg.store import open_store
    from kg.views import render_concept_map

    label = "neo4j" if args.neo4j else "embedded"
    update: dict[str, Any] = {"store": "neo4j" if args.neo4j else "networkx", "data_dir": args.data_dir}
    if args.neo4j:
        update["neo4j_uri"] = args.neo4j
    settings = Settings().model_copy(update=update)
    result = BenchResult(args.name or f"views-{label}", command_line())
    print(f"== views: {args.max_nodes}-node maps over the {label} store", flush=True)
    t0 = time.perf_counter()
    store = open_store(settings)
    result.add(f"{label}: open store", round(time.perf_counter() - t0, 2), "s")
    try:
        concepts = sorted(store.iter_concepts(), key=lambda c: (-c.mention_count, c.name))
        centers = [c.name for c in concepts[: args.centers]]
        walk_ms: list[float] = []
        render_ms: list[float] = []
        total_ms: list[float] = []
        sizes: list[tuple[int, int, int]] = []
        for _ in range(args.repeat):
            for name in centers:
                t0 = time.perf_counter()
                sub = query.subgraph(store, name, depth=3, max_nodes=args.max_nodes)
                t1 = time.perf_counter()
                html = render_concept_map(sub, title=f"{sub.center.name} — concept map")
                t2 = time.perf_counter()
                walk_ms.append((t1 - t0) * 1000)
                render_ms.append((t2 - t1) * 1000)
                total_ms.append((t2 - t0) * 1000)
                sizes.append((len(sub.nodes), len(sub.edges), len(html)))
        nodes = [s[0] for s in sizes]
        edges = [s[1] for s in sizes]
        result.add("map nodes (min / max)", f"{min(nodes)} / {max(nodes)}")
        result.add("map edges (min / max)", f"{min(edges)} / {max(edges)}")
        result.add("map HTML size (max)", round(max(s[2] for s in sizes) / 1024), "KiB")
        result.add("subgraph walk p50", round(percentile(walk_ms, 50), 1), "ms")
        result.add("subgraph walk max", round(max(walk_ms), 1), "ms")
        result.add("render_concept_map p50", round(percentile(render_ms, 50), 1), "ms")
        result.add("render_concept_map max", round(max(render_ms), 1), "ms")
        result.add(
            "build 500-node map (walk + render) p50", round(percentile(total_ms, 50), 1), "ms", "<= 200"
        )
        result.add("build 500-node map (walk + render) max", round(max(total_ms), 1), "ms", "<= 200")
        result.details["centers"] = centers
        result.details["samples"] = len(total_ms)
    finally:
        store.close()

    if not args.no_http:
        env = {"KG_STORE": "neo4j", "NEO4J_URI": args.neo4j} if args.neo4j else None
        server = kg_server(
            data_dir=None if args.neo4j else args.data_dir, store=settings.store, env_extra=env
        )
        with server as (port, _, _pid):
            http_get(port, f"/views/concept/{quote(centers[0])}?depth=1&max_nodes=5", timeout_s=600)
            http_ms: list[float] = []
            for _ in range(args.repeat):
                for name in centers:
                    path = f"/views/concept/{quote(name)}?depth=3&max_nodes={args.max_nodes}"
                    t0 = time.perf_counter()
                    status, body = http_get(port, path, timeout_s=60)
                    http_ms.append((time.perf_counter() - t0) * 1000)
                    if status != 200:
                        result.add(
                            "GET /views/concept error", status, note=body[:200].decode("utf-8", "replace")
                        )
                        break
            result.add(
                "GET /views/concept (500 nodes) p50, loopback", round(percentile(http_ms, 50), 1), "ms"
            )
            result.add("GET /views/concept (500 nodes) max, loopback", round(max(http_ms), 1), "ms")
    result.save()


if __name__ == "__main__":
    main()
