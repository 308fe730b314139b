"""`kg`: ingest policy texts, query the concept graph, serve the API and views.

The store and data folder come from the settings (`KG_STORE`, `KG_DATA_DIR`,
`NEO4J_*`), overridable with `--store` and `--data-dir` before the command.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import socket
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import kg.commands
from kg import query
from kg.extraction import Extractor, ExtractorNotFound, load_extractor
from kg.goldformat import gold_json, to_gold_format
from kg.ingest import IngestReport, ingest_paths, stored_by_source
from kg.settings import ConfigError, Settings, load_settings
from kg.sources import InputError, PathScan, read_document, scan_paths
from kg.store import GraphStore, StoreError, StoreNotFound, open_store
from kg.wording import counted, stats_line

app = typer.Typer(
    name="kg",
    help="A knowledge graph of Chinese policy concepts: ingest texts, query, serve, view.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


@dataclass
class CliState:
    settings: Settings


def _state(ctx: typer.Context) -> CliState:
    state = ctx.find_object(CliState)
    if state is None:  # a command invoked without the callback (tests)
        state = CliState(_settings({}))
    return state


def _settings(overrides: dict[str, Any]) -> Settings:
    try:
        return load_settings(**overrides)
    except ConfigError as e:
        raise fail(f"invalid setting {e}") from None


@app.callback()
def main_options(
    ctx: typer.Context,
    store: Annotated[
        str | None, typer.Option("--store", help="networkx (default) or neo4j; overrides KG_STORE")
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="embedded store folder; overrides KG_DATA_DIR")
    ] = None,
) -> None:
    update: dict[str, Any] = {}
    if store:
        if store not in ("networkx", "neo4j"):
            raise typer.BadParameter("choose networkx or neo4j", param_hint="--store")
        update["store"] = store
    if data_dir:
        update["data_dir"] = data_dir
    ctx.obj = CliState(_settings(update))  # options win over the environment, which is then not read


def error(message: str) -> None:
    """Print `error: message` on stderr."""
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `error: message`; returns the Exit to raise."""
    error(message)
    return typer.Exit(code)


def os_error_message(e: OSError, path: Path | None = None) -> str:
    """`PATH: reason` for a file-system error (the path it names, else `path`, the file being
    written when a write fails with no name: a full disk; and the system's reason)."""
    reason = e.strerror or str(e)
    if e.filename is None:
        return f"{path}: {reason}" if path is not None else reason
    if isinstance(e, FileExistsError) and Path(e.filename).is_file():  # mkdir where a file is
        reason = "a file, where a folder is needed"
    return f"{e.filename}: {reason}" + (f" ({e.filename2})" if e.filename2 is not None else "")


def _check_data_dir(settings: Settings) -> None:
    if settings.store == "networkx" and settings.data_dir.exists() and not settings.data_dir.is_dir():
        raise fail(f"{settings.data_dir}: not a folder (the data folder: --data-dir or KG_DATA_DIR)")


@contextmanager
def opened_store(ctx: typer.Context, *, create: bool = False) -> Any:
    """The store of the settings. Only a command that adds to the graph (ingest) passes
    `create=True`; for the others the embedded store must exist: one error line, exit 1, and no
    empty store left behind where nothing was ingested."""
    settings = _state(ctx).settings
    _check_data_dir(settings)
    try:
        store = open_store(settings, create=create)
    except StoreNotFound:
        raise fail(
            f"no graph at {settings.data_dir} (--data-dir or KG_DATA_DIR); run kg ingest PATH first"
        ) from None
    except StoreError as e:
        raise fail(str(e)) from None
    except OSError as e:
        raise fail(os_error_message(e)) from None
    try:
        yield store
    except query.ConceptNotFound as e:
        raise fail(str(e)) from None
    except query.InvalidQuery as e:
        raise fail(str(e), 2) from None
    except StoreError as e:
        raise fail(str(e)) from None
    except OSError as e:
        raise fail(os_error_message(e)) from None
    finally:
        store.close()


# ---- ingest and extract -------------------------------------------------------------


def _reingested(store: GraphStore, before: dict[str, list[str]]) -> list[str]:
    """Notes on files stored before and now added again with other text (two documents, one file)."""
    known = {doc_id for ids in before.values() for doc_id in ids}
    notes = []
    for source, ids in stored_by_source(store).items():
        if all(i in known for i in ids):  # nothing new from this file
            continue
        for old in (i for i in before.get(source, []) if i in ids):  # not replaced by its new reading
            notes.append(
                f"{source} was ingested before with different text (document {old}); both versions "
                f"are in the graph; kg delete {old} removes the old one"
            )
    return notes


def _run_ingest(
    store: GraphStore, scan: PathScan, settings: Settings, workers: int, extractor: str, reextract: bool
) -> IngestReport:
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as progress:
        task = progress.add_task("ingest", total=None)
        return ingest_paths(
            scan,
            store,
            extractor_name=extractor,
            workers=workers,
            max_bytes=settings.max_file_bytes,
            on_start=lambda n: progress.update(task, total=n),
            on_progress=lambda done, total: progress.update(task, completed=done),
            reextract=reextract,
        )


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="text files (.txt, .md) or folders of them")],
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="extraction processes")] = 1,
    extractor: Annotated[str, typer.Option(help="registered extractor name")] = "default",
    reextract: Annotated[
        bool,
        typer.Option(
            "--reextract",
            help="extract the documents already stored again and replace what was found in them "
            "(after upgrading policy-kg or its extractor)",
        ),
    ] = False,
) -> None:
    """Extract concepts and relations from texts and add them to the graph (re-runs change nothing)."""
    settings = _state(ctx).settings
    scan = scan_paths(paths)
    if not scan.files:  # nothing to ingest: say why for every path
        *others, last = [*scan.missing, *scan.ignored]
        for message in others:
            error(message)
        raise fail(last)
    with opened_store(ctx, create=True) as store:
        before = stored_by_source(store)
        try:
            report = _run_ingest(store, scan, settings, workers, extractor, reextract)
        except (InputError, ExtractorNotFound) as e:
            raise fail(str(e)) from None
        notes = _reingested(store, before) if report.added and before else []
        stats = store.stats()
    for message in [*report.ignored, *(m for _path, m in report.failed)]:
        err.print(f"[yellow]skipped[/yellow] {message}", highlight=False)
    for old_id, new_id, source in report.renormalized:
        notes.append(
            f"{source} was ingested before by a version that normalised its text differently; "
            f"document {new_id} (as read now) replaces document {old_id}"
        )
    for note in notes:
        err.print(f"[cyan]note:[/cyan] {note}", highlight=False)
    again = f"{report.reextracted} extracted again, " if reextract else ""
    console.print(
        f"{counted(report.files, 'file')}: {report.added} added, {again}{report.unchanged} already stored, "
        f"{report.duplicates} duplicate, {len(report.failed)} failed"
    )
    console.print(f"graph ({settings.store}): {stats_line(stats, sentences=False)}")
    for message in report.missing:
        error(message)
    if report.missing or (report.failed and not (report.added or report.unchanged or report.reextracted)):
        raise typer.Exit(1)


@app.command()
def extract(
    ctx: typer.Context,
    text_dir: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="folder of <stem>.txt files")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="folder for <stem>.json (gold format)")],
    extractor: Annotated[str, typer.Option(help="registered extractor name")] = "default",
) -> None:
    """Write one <stem>.json per <stem>.txt in the annotation guidelines' format."""
    settings = _state(ctx).settings
    files = sorted(p for p in text_dir.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    if not files:
        raise fail(f"{text_dir}: no .txt files")
    if out.exists() and not out.is_dir():
        raise fail(f"{out}: not a folder; --out names the folder to write <stem>.json files into")
    try:
        ex = load_extractor(extractor)
    except ExtractorNotFound as e:
        raise fail(str(e)) from None
    try:
        failed = _extract_files(files, out, ex, settings.max_file_bytes)
    except OSError as e:
        raise fail(os_error_message(e)) from None
    console.print(
        f"wrote {counted(len(files) - failed, 'file')} to {out}" + (f", {failed} skipped" if failed else "")
    )
    if failed == len(files):
        raise typer.Exit(1)


def _extract_files(files: list[Path], out: Path, ex: Extractor, max_bytes: int) -> int:
    """Write `<stem>.json` into `out` for each file, with a progress bar; returns how many were skipped."""
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    written: dict[str, Path] = {}  # output file name -> the text it was written from
    with Progress(TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), console=err) as progress:
        for path in progress.track(files):
            name = f"{path.stem}.json"
            try:
                if name in written:  # a.TXT and a.txt: one would overwrite the other's output
                    raise InputError(f"{path}: {name} is written from {written[name]} already")
                doc = read_document(path, max_bytes=max_bytes)
            except InputError as e:
                err.print(f"[yellow]skipped[/yellow] {e}", highlight=False)
                failed += 1
                continue
            data = to_gold_format(ex.extract(doc), path.name)
            (out / name).write_text(gold_json(data), "utf-8")
            written[name] = path
    return failed


@app.command()
def delete(
    ctx: typer.Context, document_id: Annotated[str, typer.Argument(help="document id (see kg documents)")]
) -> None:
    """Remove a document and everything only it supported."""
    with opened_store(ctx) as store:
        if not store.delete_document(document_id):
            raise fail(f"no document {document_id!r}")
        store.flush()
    console.print(f"deleted {document_id}")


# ---- queries ------------------------------------------------------------------------


def _evidence_line(sentence: str, width: int = 90) -> str:
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


@app.command()
def related(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(help="concept name or alias")],
    limit: Annotated[int, typer.Option(min=1, max=200)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Related terms: typed relations first (by count), then co-mentions by discounted PMI, with evidence."""
    with opened_store(ctx) as store:
        concept = query.resolve(store, term)
        items = query.related(store, term, limit=limit)
    if as_json:
        rows = [
            {
                "concept": r.concept.name,
                "category": str(r.concept.category),
                "type": str(r.relation.type),
                "direction": r.direction,
                "count": r.relation.count,
                "pmi": r.relation.pmi,
                "evidence": [e.sentence for e in r.relation.evidence],
            }
            for r in items
        ]
        console.print_json(json.dumps({"concept": concept.name, "related": rows}, ensure_ascii=False))
        return
    table = Table(title=f"{concept.name} ({concept.category})", show_lines=False)
    for col in ("related term", "relation", "count", "evidence"):
        table.add_column(col)
    arrows = {"out": "→", "in": "←", "both": "↔"}
    for r in items:
        score = (
            f"{r.relation.count}"
            if r.relation.pmi is None
            else f"{r.relation.count} (pmi {r.relation.pmi:.2f})"
        )
        ev = _evidence_line(r.relation.evidence[0].sentence) if r.relation.evidence else ""
        table.add_row(r.concept.name, f"{arrows[r.direction]} {r.relation.type}", score, ev)
    console.print(table)


@app.command()
def path(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="from concept")],
    target: Annotated[str, typer.Argument(help="to concept")],
    max_hops: Annotated[int, typer.Option(min=1, max=6)] = 4,
    limit: Annotated[int, typer.Option(min=1, max=20)] = 3,
) -> None:
    """Shortest paths between two concepts, with the evidence of every edge."""
    with opened_store(ctx) as store:
        found = query.paths(store, source, target, max_hops=max_hops, limit=limit)
    if not found:
        raise fail(f"no path of at most {max_hops} steps between {source!r} and {target!r}")
    for i, p in enumerate(found, 1):
        console.print(f"[bold]path {i}[/bold]: " + " — ".join(c.name for c in p.concepts), highlight=False)
        for step in p.steps:
            names = {step.source.id: step.source.name, step.target.id: step.target.name}
            for rel in step.relations:  # as stated: head TYPE tail, whichever way the path runs
                ev = _evidence_line(rel.evidence[0].sentence) if rel.evidence else ""
                console.print(f"  {names[rel.head]} {rel.type} {names[rel.tail]}: {ev}", highlight=False)


@app.command()
def view(
    ctx: typer.Context,
    term: Annotated[str, typer.Argument(help="concept at the centre")],
    out: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write")],
    depth: Annotated[int, typer.Option(min=1, max=3)] = 1,
    max_nodes: Annotated[int, typer.Option(min=1, max=500)] = 60,
) -> None:
    """Write an interactive, offline map of a concept's neighbourhood (pyvis HTML)."""
    from kg.views import render_concept_map

    if out.is_dir():
        raise fail(f"{out}: is a folder; -o names the HTML file to write (e.g. {out / 'map.html'})")
    with opened_store(ctx) as store:
        sub = query.subgraph(store, term, depth=depth, max_nodes=max_nodes)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_concept_map(sub, title=sub.center.name), encoding="utf-8")
    except OSError as e:
        raise fail(os_error_message(e, out)) from None
    console.print(f"wrote {out} ({counted(len(sub.nodes), 'concept')}, {counted(len(sub.edges), 'edge')})")


@app.command()
def stats(ctx: typer.Context) -> None:
    """Counts of documents, concepts and relations by type."""
    with opened_store(ctx) as store:
        s = store.stats()
    console.print(stats_line(s))
    for rtype, n in s.by_type.items():
        console.print(f"  {rtype}: {n}")


@app.command()
def documents(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="at most this many")] = 100,
) -> None:
    """List stored documents (ordered by date, title and id)."""
    with opened_store(ctx) as store:
        docs = store.list_documents(limit=limit)
        total = store.document_count() if len(docs) == limit else len(docs)
    if not docs:
        err.print("no documents stored (kg ingest PATH adds some)")
    for d in docs:
        console.print(f"{d.id}  {d.date or '----'}  {d.title}  ({d.chars} chars)", highlight=False)
    if total > len(docs):
        err.print(f"{len(docs)} of {total} documents shown; use --limit N to see more", highlight=False)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="bind address (KG_HOST)")] = None,
    port: Annotated[int | None, typer.Option(min=1, max=65535, help="port (KG_PORT)")] = None,
) -> None:
    """Serve the HTTP API and the views."""
    import uvicorn

    from kg.store.networkx_store import documents_dir

    settings = _state(ctx).settings
    settings = settings.model_copy(
        update={k: v for k, v in (("host", host), ("port", port)) if v is not None}
    )
    factories = [ep for ep in entry_points(group="policy_kg.apps") if ep.name == "default"]
    if not factories:
        raise fail("the web app is not installed; run `pip install -e .`")
    try:
        family = socket.getaddrinfo(settings.host, settings.port, type=socket.SOCK_STREAM)[0][0]
    except (OSError, UnicodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise fail(f"cannot listen on {settings.host!r} (--host or KG_HOST): {reason}") from None
    taken = _port_taken(family, settings.host, settings.port)
    if taken:
        raise fail(f"cannot listen on {settings.host}:{settings.port} (--port or KG_PORT): {taken}")
    web_app = factories[0].load()(settings)
    console.print(
        f"serving {settings.store} store on http://{settings.host}:{settings.port}/  (API docs: /docs)"
    )
    if settings.store == "networkx" and not documents_dir(settings.data_dir).is_dir():
        # a mistyped --data-dir would otherwise look like a graph that lost its documents
        err.print(
            f"note: no graph at {settings.data_dir} yet: serving an empty one "
            "(kg ingest PATH or POST /documents adds documents)"
        )
    else:
        _open_before_serving(web_app)
    uvicorn.run(web_app, host=settings.host, port=settings.port, log_level="info")


def _open_before_serving(web_app: Any) -> None:
    """Open the app's store, and work out its whole-graph analyses, before the first request: the
    embedded store reads every document file, and the home page and /communities need the concept
    graph and its communities (the whole shared corpus, 3,802 documents: about 25 s, 7 s and 21 s),
    which would make the first requests time out (504). A store that cannot be opened now is left
    to the requests, which answer 503 until it can."""
    holder = getattr(web_app.state, "store_holder", None)
    if holder is None:
        return
    started = time.perf_counter()
    try:
        with err.status("opening the graph…"):
            store = holder.get()
            stats = store.stats()
    except StoreError as e:
        err.print(f"note: {e}; requests answer 503 until the store can be opened", highlight=False)
        return
    console.print(f"opened {stats_line(stats, sentences=False)} in {time.perf_counter() - started:.1f} s")
    cache = getattr(web_app.state, "graph_cache", None)
    if cache is not None and stats.concepts:
        started = time.perf_counter()
        try:
            with err.status("finding the graph's communities…"):
                communities = cache.communities(store)
        except StoreError as e:  # the requests that need them try again
            err.print(f"note: the graph's communities are not ready: {e}", highlight=False)
            return
        found = counted(len(communities), "community", "communities")
        console.print(f"found {found} in {time.perf_counter() - started:.1f} s")


def _port_taken(family: socket.AddressFamily, host: str, port: int) -> str | None:
    """Why `host:port` (an address of `family`) cannot be listened on (another server holds it,
    no permission), else None: said before "serving …" rather than by uvicorn after it. A trial
    bind, as uvicorn binds."""
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as e:
            return e.strerror or str(e)
    return None


def _register_command_modules() -> None:
    for info in pkgutil.iter_modules(kg.commands.__path__):
        module = importlib.import_module(f"kg.commands.{info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(app)


_register_command_modules()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except OSError as e:  # a file-system problem no command checked for: one line, not a traceback
        error(os_error_message(e))
        sys.exit(1)
