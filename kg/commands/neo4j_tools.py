"""`kg export`: copy the embedded graph into Neo4j (`--to neo4j`), or write it to a file (`--format`).

`--to neo4j` reads the embedded store's per-document files (KG_DATA_DIR or
`--data-dir`) and loads them into the Neo4j that NEO4J_URI, NEO4J_USER,
NEO4J_PASSWORD and NEO4J_DATABASE name, in batched transactions; documents
already there are left as they are, so the copy can be re-run or resumed.
`--format graphml|gexf|json|csv --out PATH` writes the graph of the configured
store (KG_STORE) with `kg.export.write_export`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg.model import DocumentExtraction
from kg.store.networkx_store import read_document_file
from kg.wording import stats_line

console = Console()
err = Console(stderr=True)
TARGETS = ("neo4j",)


def embedded_documents(data_dir: Path) -> list[Path]:
    """The per-document files of the embedded store in `data_dir`, by document id."""
    return sorted((data_dir / "documents").glob("*.json"))


def read_extractions(paths: list[Path]) -> Iterator[DocumentExtraction]:
    """The documents of the embedded store's files; StoreCorrupt naming a file that holds none."""
    for path in paths:
        yield read_document_file(path)


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command(
        ctx: typer.Context,
        to: Annotated[str | None, typer.Option("--to", help="copy the embedded graph into: neo4j")] = None,
        fmt: Annotated[
            str | None, typer.Option("--format", help="write a file instead: graphml, gexf, json or csv")
        ] = None,
        out: Annotated[Path | None, typer.Option("--out", "-o", help="file (or folder) for --format")] = None,
        replace: Annotated[
            bool, typer.Option("--replace", help="with --to neo4j: delete the Neo4j graph first")
        ] = False,
        batch_size: Annotated[
            int, typer.Option("--batch-size", min=1, help="documents per Neo4j transaction")
        ] = 200,
    ) -> None:
        """Copy the embedded graph into Neo4j, or write the graph to a file."""
        from kg.cli import _state, fail, opened_store  # late: kg.cli imports this module while registering

        if (to is None) == (fmt is None):
            raise fail("give either --to neo4j or --format FORMAT --out PATH", 2)
        settings = _state(ctx).settings
        if fmt is not None:
            if out is None:
                raise fail("--format needs --out PATH", 2)
            try:
                from kg.export import write_export
            except ImportError as e:  # the file formats live in kg.export
                raise fail(f"file export is not available in this installation ({e})") from None
            with opened_store(ctx) as store:
                try:
                    written = write_export(store, fmt, out)
                except ValueError as e:
                    raise fail(str(e), 2) from None
            console.print(f"wrote {written} from the {settings.store} store", highlight=False)
            return

        if to not in TARGETS:
            raise fail(f"unknown target {to!r}; choose one of {', '.join(TARGETS)}", 2)
        from kg.store.base import StoreError
        from kg.store.neo4j import open_neo4j_store

        paths = embedded_documents(settings.data_dir)
        if not paths:
            raise fail(f"no embedded graph in {settings.data_dir} (run `kg ingest` first)")
        try:
            target = open_neo4j_store(settings)
        except StoreError as e:
            raise fail(str(e)) from None
        try:
            if replace:
                target.clear()
            t0 = time.perf_counter()
            added = 0
            for start in range(0, len(paths), batch_size):
                chunk = paths[start : start + batch_size]
                added += target.add_many(read_extractions(chunk), batch_size=batch_size)
                err.print(f"  {min(start + batch_size, len(paths))}/{len(paths)} documents", highlight=False)
            seconds = time.perf_counter() - t0
            stats = target.stats()
        except StoreError as e:
            raise fail(str(e)) from None
        finally:
            target.close()
        console.print(
            f"copied {settings.data_dir} to {settings.neo4j_uri} ({settings.neo4j_database}) in "
            f"{seconds:.1f} s: {added} documents added, {len(paths) - added} already there",
            highlight=False,
        )
        console.print(f"neo4j: {stats_line(stats)}", highlight=False)
        console.print("use it with KG_STORE=neo4j (or `kg --store neo4j ...`)", highlight=False)
