#!/usr/bin/env python3
"""Query latency over loopback HTTP: related terms, paths, subgraph; load; Neo4j fault.

Starts `kg serve` on a free port of 127.0.0.1 over a store (the embedded one
in --data-dir, or Neo4j at --neo4j URI), picks concept names and pairs from
the graph, and measures with closed-loop clients (each client: one keep-alive
connection, the next request as soon as the answer arrived) written on
asyncio streams, so the client costs little CPU on the shared cores.

Modes (all bounded in requests and seconds; traffic only to 127.0.0.1):

* latency (default): for each endpoint and each concurrency in --clients
  (default 1,50): p50/p90/p99/max, requests per second, errors.
  Targets for related terms: p99 <= 20 ms embedded, <= 50 ms Neo4j.
* --load SECONDS: 50 clients (--load-clients) over a mix of the three
  endpoints for SECONDS; target: 0 errors.
* --neo4j-restart: with --neo4j, the bench Neo4j (bench.neo4j_instance) is
  stopped mid-run and started again while clients keep asking; reports what
  the clients saw (status codes per phase, the 503 message, time to recover).

Usage:
  python -m bench.query_latency [--data-dir DIR] [--clients 1,50] [--requests 2000] [--phase-seconds 20]
  python -m bench.query_latency --load 60
  python -m bench.query_latency --neo4j bolt://127.0.0.1:7688 [--neo4j-restart]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench._common import (
    BENCH_NEO4J_URI,
    RESULTS_DIR,
    BenchResult,
    bench_neo4j,
    command_line,
    http_get,
    kg_server,
    mib,
    percentile,
    quote,
    rss_bytes,
)

PORT_HOST = "127.0.0.1"


# ---- a small keep-alive HTTP/1.1 client -------------------------------------------------


class HttpError(Exception):
    pass


class Connection:
    def __init__(self, port: int, timeout_s: float) -> None:
        self.port = port
        self.timeout_s = timeout_s
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(PORT_HOST, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def get(self, path: str) -> tuple[int, bytes]:
        return await asyncio.wait_for(self._get(path), self.timeout_s)

    async def _get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            await self._open()
        assert self.reader is not None and self.writer is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {PORT_HOST}\r\nAccept: */*\r\n\r\n".encode("ascii"))
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise HttpError("connection closed by the server")
        parts = status_line.split(b" ", 2)
        status = int(parts[1])
        length: int | None = None
        chunked = False
        close = False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            key, _, value = line.partition(b":")
            k = key.strip().lower()
            if k == b"content-length":
                length = int(value.strip())
            elif k == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif k == b"connection" and b"close" in value.lower():
                close = True
        if chunked:
            body = bytearray()
            while True:
                size = int((await self.reader.readline()).split(b";")[0].strip(), 16)
                if size == 0:
                    await self.reader.readline()
                    break
                body += await self.reader.readexactly(size)
                await self.reader.readline()
            data = bytes(body)
        elif length is not None:
            data = await self.reader.readexactly(length)
        else:
            data = await self.reader.read()
            close = True
        if close:
            await self.close()
        return status, data


# ---- the workload -----------------------------------------------------------------------


@dataclass
class Sample:
    t: float  # seconds since the phase started (at send)
    latency_s: float
    status: int  # 0: no HTTP answer (error)
    endpoint: str
    error: str = ""
    body: bytes = b""


@dataclass
class PhaseStats:
    samples: list[Sample] = field(default_factory=list)
    seconds: float = 0.0

    def ok(self) -> list[float]:
        return [s.latency_s for s in self.samples if s.status == 200]

    def errors(self) -> int:
        return sum(1 for s in self.samples if s.status != 200)

    def summary(self) -> dict[str, Any]:
        lat = [x * 1000 for x in self.ok()]
        return {
            "requests": len(self.samples),
            "ok": len(lat),
            "errors": self.errors(),
            "statuses": dict(Counter(str(s.status) for s in self.samples)),
            "rps": round(len(self.samples) / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(percentile(lat, 50), 2) if lat else None,
            "p90_ms": round(percentile(lat, 90), 2) if lat else None,
            "p99_ms": round(percentile(lat, 99), 2) if lat else None,
            "max_ms": round(max(lat), 2) if lat else None,
        }


PathMaker = Callable[[random.Random], tuple[str, str]]  # -> (endpoint label, path)


async def run_clients(
    port: int,
    make_path: PathMaker,
    *,
    clients: int,
    max_requests: int,
    max_seconds: float,
    timeout_s: float = 15.0,
    keep_bodies: bool = False,
    seed: int = 1,
    stop: asyncio.Event | None = None,
    think_s: float = 0.0,
) -> PhaseStats:
    """`clients` closed-loop clients until `max_requests` in all or `max_seconds` passed."""
    stats = PhaseStats()
    start = time.perf_counter()
    deadline = start + max_seconds
    budget = [max_requests]

    async def client(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        conn = Connection(port, timeout_s)
        if think_s:  # users arrive spread over one think time, not all in the same millisecond
            await asyncio.sleep(rng.uniform(0, think_s))
        try:
            while budget[0] > 0 and time.perf_counter() < deadline and not (stop and stop.is_set()):
                budget[0] -= 1
                endpoint, path = make_path(rng)
                t0 = time.perf_counter()
                try:
                    status, body = await conn.get(path)
                    error = ""
                except (TimeoutError, OSError, HttpError, asyncio.IncompleteReadError, ValueError) as e:
                    status, body, error = 0, b"", f"{type(e).__name__}: {e}"
                    await conn.close()
                t1 = time.perf_counter()
                keep = keep_bodies or status != 200
                stats.samples.append(
                    Sample(t0 - start, t1 - t0, status, endpoint, error, body[:400] if keep else b"")
                )
                if think_s:  # an interactive user: a random pause around think_s before the next request
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * think_s)
        finally:
            await conn.close()

    await asyncio.gather(*(client(i) for i in range(clients)))
    stats.seconds = time.perf_counter() - start
    return stats


# ---- picking names from the graph --------------------------------------------------------


def names_from_store(
    store_kind: str,
    data_dir: Path | None,
    neo4j_uri: str | None,
    count: int,
    seed: int,
    in_process_calls: int = 0,
) -> tuple[list[str], dict[str, Any]]:
    """Concept names of the served graph: the most mentioned quarter and a random rest
    (read from the store itself, in this process, before the server starts).

    With `in_process_calls`, also times the query functions themselves on the store (no HTTP):
    the server's compute per request, to set against the latency over loopback."""
    from kg.settings import Settings
    from kg.store import open_store

    update: dict[str, Any] = {"store": store_kind}
    if data_dir is not None:
        update["data_dir"] = data_dir
    if neo4j_uri is not None:
        update["neo4j_uri"] = neo4j_uri
    settings = Settings().model_copy(update=update)
    t0 = time.perf_counter()
    store = open_store(settings)
    open_s = time.perf_counter() - t0
    info: dict[str, Any] = {"store_open_s": round(open_s, 2)}
    try:
        concepts = [c for c in store.iter_concepts() if c.document_count >= 1]
        rng = random.Random(seed)
        concepts.sort(key=lambda c: (-c.mention_count, c.name))
        top = concepts[: max(1, count // 4)]
        rest = concepts[len(top) :]
        picked = [c.name for c in top] + [c.name for c in rng.sample(rest, min(len(rest), count - len(top)))]
        info.update(concepts_in_graph=len(concepts), picked=len(picked))
        if in_process_calls and len(picked) >= 2:
            info["in_process_ms"] = time_queries(store, picked, in_process_calls, rng)
    finally:
        store.close()
    return picked, info


def time_queries(store: Any, names: Sequence[str], calls: int, rng: random.Random) -> dict[str, Any]:
    """p50/p99 (ms) of kg.query.related/paths/subgraph called directly on the store."""
    from kg import query

    def related(n: str, _: str) -> object:
        return query.related(store, n, limit=20)

    def paths(a: str, b: str) -> object:
        return query.paths(store, a, b, max_hops=4, limit=5)

    def subgraph(n: str, _: str) -> object:
        return query.subgraph(store, n, depth=1, max_nodes=50)

    # a database store: count its read round trips (a diagnosis of N+1 query patterns)
    reads = [0]
    inner_read = getattr(store, "_read", None)
    if callable(inner_read):

        def counted(*a: Any, **kw: Any) -> Any:
            reads[0] += 1
            return inner_read(*a, **kw)

        store._read = counted
    out: dict[str, Any] = {}
    for label, fn in (("related", related), ("paths", paths), ("subgraph", subgraph)):
        lat: list[float] = []
        reads[0] = 0
        for _ in range(calls):
            a, b = rng.choice(names), rng.choice(names)
            t0 = time.perf_counter()
            fn(a, b)
            lat.append((time.perf_counter() - t0) * 1000)
        out[label] = {"p50": round(percentile(lat, 50), 3), "p99": round(percentile(lat, 99), 3)}
        if callable(inner_read):
            out[label]["round_trips_per_call"] = round(reads[0] / calls, 1)
    return out


def path_makers(names: Sequence[str], pairs: Sequence[tuple[str, str]]) -> dict[str, PathMaker]:
    def related(rng: random.Random) -> tuple[str, str]:
        return "related", f"/concepts/{quote(rng.choice(names))}/related?limit=20"

    def paths(rng: random.Random) -> tuple[str, str]:
        a, b = rng.choice(pairs)
        return "paths", f"/paths?from={quote(a)}&to={quote(b)}&max_hops=4&limit=5"

    def subgraph(rng: random.Random) -> tuple[str, str]:
        return "subgraph", f"/concepts/{quote(rng.choice(names))}/subgraph?depth=1&max_nodes=50"

    return {"related": related, "paths": paths, "subgraph": subgraph}


def mix(makers: dict[str, PathMaker]) -> PathMaker:
    order = list(makers.values())

    def pick(rng: random.Random) -> tuple[str, str]:
        return rng.choice(order)(rng)

    return pick


# ---- modes ------------------------------------------------------------------------------


def latency_mode(
    result: BenchResult, port: int, makers: dict[str, PathMaker], label: str, args: argparse.Namespace
) -> None:
    target = {"embedded": 20.0, "neo4j": 50.0}[label]
    for endpoint, maker in makers.items():
        asyncio.run(run_clients(port, maker, clients=4, max_requests=40, max_seconds=10))  # warm-up
        for clients in args.clients:
            requests = args.requests if clients > 1 else max(50, args.requests // 5)
            stats = asyncio.run(
                run_clients(
                    port,
                    maker,
                    clients=clients,
                    max_requests=requests,
                    max_seconds=args.phase_seconds,
                    think_s=args.think_ms / 1000,
                )
            )
            s = stats.summary()
            key = f"{label} {endpoint} c={clients}" + (f" think={args.think_ms:g}ms" if args.think_ms else "")
            result.details[key] = s
            tgt = f"<= {target:g}" if endpoint == "related" else ""
            result.add(f"{key} p50", s["p50_ms"], "ms")
            result.add(f"{key} p99", s["p99_ms"], "ms", tgt)
            result.add(
                f"{key} throughput", s["rps"], "req/s", note=f"{s['requests']} requests, {s['errors']} errors"
            )
            if s["errors"]:
                bad = [x for x in stats.samples if x.status != 200][:3]
                result.details[key]["error_samples"] = [
                    {"status": b.status, "error": b.error, "body": b.body.decode("utf-8", "replace")}
                    for b in bad
                ]


def load_mode(
    result: BenchResult, port: int, makers: dict[str, PathMaker], label: str, args: argparse.Namespace
) -> None:
    print(f"== load: {args.load_clients} clients for {args.load:g} s, mixed endpoints ({label})", flush=True)
    stats = asyncio.run(
        run_clients(port, mix(makers), clients=args.load_clients, max_requests=10**9, max_seconds=args.load)
    )
    s = stats.summary()
    result.details[f"{label} load"] = s
    result.add(f"{label} load {args.load_clients} clients {args.load:g} s: requests", s["requests"])
    result.add(f"{label} load: errors", s["errors"], "", "== 0")
    result.add(f"{label} load: p50 / p99", f"{s['p50_ms']} / {s['p99_ms']}", "ms")
    result.add(f"{label} load: throughput", s["rps"], "req/s")
    per_endpoint: dict[str, list[float]] = {}
    for x in stats.samples:
        if x.status == 200:
            per_endpoint.setdefault(x.endpoint, []).append(x.latency_s * 1000)
    for ep, lat in sorted(per_endpoint.items()):
        result.details[f"{label} load {ep}"] = {
            "n": len(lat),
            "p50_ms": round(percentile(lat, 50), 2),
            "p99_ms": round(percentile(lat, 99), 2),
        }
    if s["errors"]:
        bad = [x for x in stats.samples if x.status != 200][:5]
        result.details[f"{label} load error samples"] = [
            {"status": b.status, "error": b.error, "body": b.body.decode("utf-8", "replace")} for b in bad
        ]


def fault_mode(
    result: BenchResult, port: int, makers: dict[str, PathMaker], args: argparse.Namespace
) -> None:
    """Stop the bench Neo4j while clients ask, start it again; report what the clients saw."""
    print("== fault: Neo4j stopped mid-run and started again", flush=True)
    events: dict[str, float] = {}
    maker = makers["related"]

    async def scenario() -> PhaseStats:
        loop = asyncio.get_running_loop()
        start = time.perf_counter()
        done = asyncio.Event()
        clients_task = asyncio.create_task(
            run_clients(
                port,
                maker,
                clients=args.fault_clients,
                max_requests=10**9,
                max_seconds=args.fault_max_seconds,
                timeout_s=30,
                stop=done,
            )
        )
        await asyncio.sleep(args.fault_warm_seconds)
        events["stop_begin"] = time.perf_counter() - start
        stopped = await loop.run_in_executor(None, bench_neo4j, "stop")
        events["stop_done"] = time.perf_counter() - start
        result.details["fault neo4j stop output"] = (stopped.stdout + stopped.stderr)[-500:]
        await asyncio.sleep(args.fault_down_seconds)
        events["start_begin"] = time.perf_counter() - start
        started = await loop.run_in_executor(None, bench_neo4j, "start")
        events["start_done"] = time.perf_counter() - start
        result.details["fault neo4j start output"] = (started.stdout + started.stderr)[-500:]
        await asyncio.sleep(args.fault_recovery_seconds)
        done.set()
        return await clients_task

    stats = asyncio.run(scenario())
    result.details["fault events_s"] = {k: round(v, 2) for k, v in events.items()}
    phases = {
        "before stop": (0.0, events["stop_begin"]),
        "stopping/down": (events["stop_begin"], events["start_done"]),
        "after restart": (events["start_done"], float("inf")),
    }
    for phase, (lo, hi) in phases.items():
        inside = [x for x in stats.samples if lo <= x.t < hi]
        counts = Counter(str(x.status) for x in inside)
        lat503 = [x.latency_s * 1000 for x in inside if x.status == 503]
        result.details[f"fault {phase}"] = {
            "requests": len(inside),
            "statuses": dict(counts),
            "p99_ms_of_503": round(percentile(lat503, 99), 1) if lat503 else None,
        }
        result.add(f"neo4j fault, {phase}: statuses", json.dumps(dict(counts)))
    down = [x for x in stats.samples if events["stop_begin"] <= x.t < events["start_begin"]]
    got_503 = [x for x in down if x.status == 503]
    other = Counter(str(x.status) for x in down if x.status not in (503,))
    result.add(
        "neo4j down: answers 503",
        f"{len(got_503)} of {len(down)}",
        note=f"other answers while down: {dict(other) or 'none'}",
    )
    if got_503:
        body = got_503[0].body.decode("utf-8", "replace")
        result.details["fault 503 body"] = body
        result.add("neo4j down: 503 message", body[:160])
        lat = [x.latency_s * 1000 for x in got_503]
        result.add(
            "neo4j down: 503 p50 / p99", f"{percentile(lat, 50):.1f} / {percentile(lat, 99):.1f}", "ms"
        )
    other_bodies = {
        str(x.status): x.body.decode("utf-8", "replace")[:300] for x in down if x.status not in (0, 200, 503)
    }
    if other_bodies:
        result.details["fault other answers while down"] = other_bodies
        for code, body in sorted(other_bodies.items()):
            result.add(f"neo4j down: a {code} answer says", body[:160])
    errors_down = [x for x in down if x.status == 0]
    if errors_down:
        result.add(
            "neo4j down: no HTTP answer (client errors)", len(errors_down), note=errors_down[0].error[:120]
        )
    after = sorted((x for x in stats.samples if x.t >= events["start_done"]), key=lambda x: x.t)
    first_ok = next((x for x in after if x.status == 200), None)
    if first_ok is None:
        result.add("neo4j back: recovered", "NO (no 200 after restart within the run)")
    else:
        failures = [i for i, x in enumerate(after) if x.status != 200]
        tail = after[failures[-1] + 1 :] if failures else after
        result.add(
            "neo4j back: first 200 after start completed", round(first_ok.t - events["start_done"], 2), "s"
        )
        if tail:
            result.add("neo4j back: recovered", "yes", note=f"the last {len(tail)} answers all 200")
        else:
            result.add(
                "neo4j back: recovered", "partly", note="the last answer of the run was still a failure"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add = ap.add_argument
    add("--data-dir", type=Path, default=RESULTS_DIR / "scale-store", help="embedded store to serve")
    add("--neo4j", metavar="URI", default=None, help="serve the Neo4j store at URI instead")
    add("--clients", default="1,50", help="concurrencies of the latency mode")
    add("--requests", type=int, default=2000, help="requests per phase (1 client: a fifth, >= 50)")
    add("--phase-seconds", type=float, default=20.0, help="longest phase")
    add("--names", type=int, default=200, help="concept names to ask about")
    add("--seed", type=int, default=7)
    add("--in-process", type=int, default=200, help="also time this many direct query calls per kind")
    add(
        "--think-ms",
        type=float,
        default=0.0,
        help="latency mode: each client pauses ~this long between requests",
    )
    add("--load", type=float, default=0.0, help="run the load mode for this many seconds (e.g. 60)")
    add("--load-clients", type=int, default=50)
    add("--skip-latency", action="store_true")
    add("--neo4j-restart", action="store_true", help="fault mode: stop and start the bench Neo4j mid-run")
    add("--fault-warm-seconds", type=float, default=10.0, help="asking before Neo4j is stopped")
    add("--fault-down-seconds", type=float, default=10.0, help="Neo4j stays stopped this long")
    add("--fault-recovery-seconds", type=float, default=20.0, help="asking after Neo4j answers again")
    add("--fault-max-seconds", type=float, default=300.0, help="hard bound of the whole fault run")
    add("--fault-clients", type=int, default=10)
    add("--name", default=None, help="results entry name (default: queries-embedded / queries-neo4j)")
    args = ap.parse_args()
    args.clients = [int(x) for x in str(args.clients).split(",") if x]

    label = "neo4j" if args.neo4j else "embedded"
    if args.neo4j_restart and args.neo4j is None:
        args.neo4j = BENCH_NEO4J_URI
        label = "neo4j"
    result = BenchResult(args.name or f"queries-{label}", command_line())
    if args.neo4j:
        names, info = names_from_store("neo4j", None, args.neo4j, args.names, args.seed, args.in_process)
        env = {"KG_STORE": "neo4j", "NEO4J_URI": args.neo4j}
        server = kg_server(store="neo4j", env_extra=env)
    else:
        names, info = names_from_store(
            "networkx", args.data_dir, None, args.names, args.seed, args.in_process
        )
        server = kg_server(data_dir=args.data_dir, store="networkx")
    if len(names) < 2:
        raise SystemExit("the graph has fewer than two concepts; ingest something first")
    rng = random.Random(args.seed)
    pairs = [(rng.choice(names), rng.choice(names)) for _ in range(max(50, args.names // 2))]
    result.details["names"] = info
    result.details["example_names"] = names[:10]
    print(f"== queries over the {label} store: {info}", flush=True)
    for kind, lat in info.get("in_process_ms", {}).items():
        trips = lat.get("round_trips_per_call")
        note = f"{trips} database round trips per call" if trips is not None else ""
        result.add(
            f"{label} {kind}: in-process (no HTTP) p50 / p99", f"{lat['p50']} / {lat['p99']}", "ms", note=note
        )
    with server as (port, ready_s, server_pid):
        result.add(f"{label}: kg serve start until /health answers", round(ready_s, 1), "s")
        # the first store call opens the store (embedded: loads every document file)
        t0 = time.perf_counter()
        status, _ = http_get(port, f"/concepts/{quote(names[0])}/related", timeout_s=600)
        result.add(
            f"{label}: first query (opens the store)",
            round(time.perf_counter() - t0, 2),
            "s",
            note=f"status {status}",
        )
        makers = path_makers(names, pairs)
        if not args.skip_latency:
            latency_mode(result, port, makers, label, args)
        if args.load:
            load_mode(result, port, makers, label, args)
        if args.neo4j_restart:
            fault_mode(result, port, makers, args)
        result.add(f"{label}: kg serve RSS at the end", mib(rss_bytes(server_pid)), "MiB")
    result.save()


if __name__ == "__main__":
    main()
