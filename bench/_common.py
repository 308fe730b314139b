"""Shared helpers of the benchmark scripts: machine facts, results file, timing, RSS, server.

Every benchmark prints its figures and also merges them into
`bench/results/results.json` (one entry per benchmark name); `bench/report.py`
turns that file into `bench/results/results.md`.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import resource
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"
RESULTS_JSON = RESULTS_DIR / "results.json"
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")
LAWS = CORPUS / "laws"

#: the python that runs `kg` in subprocesses (the one running the benchmark)
KG_CMD = [sys.executable, "-c", "from kg.cli import main; main()"]


# ---- machine and results ---------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu_model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    mem_gib = 0.0
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gib = int(line.split()[1]) / 2**20
    return {
        "cores": os.cpu_count() or 1,
        "cpu": cpu_model,
        "memory_gib": round(mem_gib, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_avg_at_start": os.getloadavg()[0],
    }


@dataclass
class Metric:
    name: str
    value: float | int | str | None
    unit: str = ""
    target: str = ""  # e.g. ">= 0.5" or "<= 20"
    note: str = ""

    def met(self) -> bool | None:
        """True/False against the target when there is a numeric one, None otherwise."""
        if not self.target or not isinstance(self.value, int | float):
            return None
        op, _, num = self.target.partition(" ")
        bound = float(num)
        return {"<=": self.value <= bound, ">=": self.value >= bound, "==": self.value == bound}[op]


@dataclass
class BenchResult:
    bench: str
    command: str
    metrics: list[Metric] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def add(
        self, name: str, value: float | int | str | None, unit: str = "", target: str = "", note: str = ""
    ) -> Metric:
        m = Metric(name, value, unit, target, note)
        self.metrics.append(m)
        flag = {True: "  [target met]", False: "  [TARGET MISSED]", None: ""}[m.met()]
        if isinstance(value, float):
            shown = f"{value:,.3f}"
        else:
            shown = f"{value:,}" if isinstance(value, int) else str(value)
        extra = f"  (target {target} {unit})" if target else ""
        print(f"  {name:<48} {shown} {unit}{extra}{flag}" + (f"  — {note}" if note else ""), flush=True)
        return m

    def save(self) -> None:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        data: dict[str, Any] = {}
        if RESULTS_JSON.is_file():
            with contextlib.suppress(ValueError):
                data = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
        data["machine"] = machine()
        benches = data.setdefault("benchmarks", {})
        benches[self.bench] = {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": self.command,
            "metrics": [
                {
                    "name": m.name,
                    "value": m.value,
                    "unit": m.unit,
                    "target": m.target,
                    "met": m.met(),
                    "note": m.note,
                }
                for m in self.metrics
            ],
            "details": self.details,
        }
        tmp = RESULTS_JSON.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, RESULTS_JSON)
        print(f"  -> {RESULTS_JSON.relative_to(ROOT)} [{self.bench}]", flush=True)


def command_line() -> str:
    """How this benchmark was started, as `python -m bench.NAME ARGS`."""
    script = Path(sys.argv[0])
    head = f"python -m bench.{script.stem}" if script.parent.name == "bench" else f"python {script.name}"
    return " ".join([head, *[a if " " not in a else repr(a) for a in sys.argv[1:]]])


# ---- statistics ------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


# ---- process-tree memory ---------------------------------------------------------------


def _proc_children() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: fields start after the last ')'
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (0 when it is gone)."""
    return _rss_bytes(pid)


def _rss_bytes(pid: int) -> int:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * _PAGE


_PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_pids(root: int) -> list[int]:
    children = _proc_children()
    out = [root]
    i = 0
    while i < len(out):
        out.extend(children.get(out[i], []))
        i += 1
    return out


class TreeRssSampler:
    """Polls the summed RSS of a process and all its descendants (from /proc); keeps the peak."""

    def __init__(self, pid: int, interval_s: float = 0.2) -> None:
        self._root = pid
        self.interval_s = interval_s
        self.peak_bytes = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        pids = tree_pids(self._root)
        total = sum(_rss_bytes(p) for p in pids)
        if total > self.peak_bytes:
            self.peak_bytes = total
            self.peak_processes = len(pids)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval_s)

    def __enter__(self) -> TreeRssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Timed:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    peak_rss_bytes: int = 0
    peak_processes: int = 0
    cpu_seconds: float = 0.0  # user + system time of the command and every descendant it waited for

    @property
    def cores_busy(self) -> float:
        return self.cpu_seconds / self.seconds if self.seconds > 0 else 0.0


def run_timed(cmd: list[str], *, env: dict[str, str] | None = None, timeout_s: float = 3600) -> Timed:
    """Run a command, timing it and sampling its process tree's peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    with TreeRssSampler(proc.pid) as sampler:
        try:
            out, err = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(seconds, proc.returncode, out, err, sampler.peak_bytes, sampler.peak_processes, cpu)


def kg_env(**overrides: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONHASHSEED", "0")
    env["COLUMNS"] = "200"
    env.update(overrides)
    return env


# ---- corpus samples --------------------------------------------------------------------


def corpus_files(collections: Sequence[str] | None = None) -> list[Path]:
    """Text files of the shared corpus (UTF-8 ones only), sorted, optionally of some collections."""
    out: list[Path] = []
    for p in sorted(CORPUS.rglob("*")):
        if not p.is_file() or p.suffix not in (".txt", ".md") or "originals_gb18030" in p.parts:
            continue
        if p.name.startswith(("README", ".")):
            continue
        rel = p.relative_to(CORPUS)
        if collections and rel.parts[0] not in collections:
            continue
        out.append(p)
    return out


def sample_files(target_chars: int, *, seed_stride: int = 7) -> list[Path]:
    """A deterministic mix of corpus files (every collection, round robin) of about `target_chars`.

    Files are read as UTF-8 so the count is characters, not bytes.
    """
    by_collection: dict[str, list[Path]] = {}
    for p in corpus_files():
        by_collection.setdefault(p.relative_to(CORPUS).parts[0], []).append(p)
    # a stride through each collection so the sample is spread, not alphabetical
    queues = {
        k: [v[(i * seed_stride) % len(v)] for i in range(len(v))] for k, v in sorted(by_collection.items())
    }
    for k, q in queues.items():
        queues[k] = list(dict.fromkeys(q))
    chosen: list[Path] = []
    total = 0
    while total < target_chars and any(queues.values()):
        for q in queues.values():
            if not q or total >= target_chars:
                continue
            p = q.pop(0)
            n = len(p.read_text(encoding="utf-8", errors="replace"))
            if n > 400_000:  # keep one giant file from dominating the sample
                continue
            chosen.append(p)
            total += n
    return chosen


# ---- HTTP server -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_get(port: int, path: str, timeout_s: float = 5.0) -> tuple[int, bytes]:
    """One blocking GET to 127.0.0.1 (for set-up and checks, not for timing)."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout_s)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def quote(name: str) -> str:
    return urllib.parse.quote(name, safe="")


@contextlib.contextmanager
def kg_server(
    *,
    data_dir: Path | None = None,
    store: str = "networkx",
    env_extra: dict[str, str] | None = None,
    start_timeout_s: float = 600,
) -> Iterator[tuple[int, float, int]]:
    """`kg serve` on a free loopback port; yields (port, seconds until /health answered, pid)."""
    port = free_port()
    args = [*KG_CMD, "--store", store]
    if data_dir is not None:
        args += ["--data-dir", str(data_dir)]
    args += ["serve", "--host", "127.0.0.1", "--port", str(port)]
    env = kg_env(**(env_extra or {}))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    log = open(RESULTS_DIR / f"server-{port}.log", "w", encoding="utf-8")  # noqa: SIM115
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        deadline = time.monotonic() + start_timeout_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"kg serve exited with {proc.returncode}; see {log.name}")
            try:
                status, _ = http_get(port, "/health", timeout_s=2)
                if status in (200, 503):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"kg serve did not answer within {start_timeout_s}s; see {log.name}")
            time.sleep(0.1)
        yield port, time.perf_counter() - start, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def neo4j_answers(uri: str | None = None, timeout_s: float = 3.0) -> bool:
    """True when a Bolt server accepts connections at NEO4J_URI (loopback or the given host)."""
    parsed = urllib.parse.urlparse(uri or os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 7687), timeout_s):
            return True
    except OSError:
        return False


def neo4j_store_available() -> bool:
    try:
        import kg.store.neo4j  # noqa: F401
    except ImportError:
        return False
    return True


def mib(n: int) -> float:
    return round(n / 2**20, 1)


# ---- a Neo4j of the benchmarks' own --------------------------------------------------------

#: the bench Neo4j listens here, with its own store folder, so that clearing it, filling it
#: with the laws corpus and stopping it mid-run never touches the Neo4j others test against
BENCH_NEO4J_PORT = int(os.environ.get("KG_BENCH_NEO4J_PORT", "7697"))
BENCH_NEO4J_URI = f"bolt://127.0.0.1:{BENCH_NEO4J_PORT}"
BENCH_NEO4J_STORE = RESULTS_DIR / "neo4j-store"


def neo4j_server_pid(port: int = BENCH_NEO4J_PORT) -> int | None:
    """The pid of the Neo4j that scripts/neo4j started on `port`, if it runs."""
    pidfile = Path(os.environ.get("KG_NEO4J_DIR", ROOT / ".neo4j")) / f"run-{port}" / "neo4j.pid"
    try:
        pid = int(pidfile.read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if Path(f"/proc/{pid}").exists() else None


def bench_neo4j(action: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """`scripts/neo4j ACTION` for the bench instance (start [--fresh] | stop | status)."""
    env = dict(os.environ)
    env["KG_NEO4J_PORT"] = str(BENCH_NEO4J_PORT)
    env["KG_NEO4J_STORE"] = str(BENCH_NEO4J_STORE)
    env.setdefault("KG_NEO4J_HEAP", "2g")
    env.setdefault("KG_NEO4J_PAGECACHE", "1g")
    env.setdefault("KG_NEO4J_TX_MEMORY", "1g")
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "neo4j"), action, *extra],
        env=env,
        cwd=ROOT,
        text=True,
        capture_output=True,
        check=False,
    )
