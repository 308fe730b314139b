#!/usr/bin/env python3
"""Start, stop or query the benchmarks' own Neo4j (port 7697, store under bench/results/).

Usage: python -m bench.neo4j_instance start [--fresh] | stop | status
Prints the Bolt URI on start. Uses scripts/neo4j with KG_NEO4J_PORT and KG_NEO4J_STORE.
"""

from __future__ import annotations

import sys

from bench._common import BENCH_NEO4J_URI, bench_neo4j


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in ("start", "stop", "status", "restart"):
        raise SystemExit(__doc__)
    done = bench_neo4j(sys.argv[1], *sys.argv[2:])
    sys.stderr.write(done.stderr)
    sys.stdout.write(done.stdout)
    if done.returncode == 0 and sys.argv[1] == "start":
        print(BENCH_NEO4J_URI)
    raise SystemExit(done.returncode)


if __name__ == "__main__":
    main()
