"""`kg eval GOLD_DIR TEXT_DIR`: run the extractor on the texts and score it against the gold."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from kg.extraction import ExtractorNotFound, load_extractor
from kg.goldformat import to_gold_format
from kg.model import Document, document_id
from kg.normalize import normalize_text
from kg.scoring import MEASURES, Summary, score_document, summarize, summary_to_json


def _text_for(gold: dict[str, Any], gold_path: Path, text_dir: Path) -> Path:
    named = text_dir / str(gold.get("document") or "")
    return named if gold.get("document") and named.is_file() else text_dir / f"{gold_path.stem}.txt"


def evaluate(gold_dir: Path, text_dir: Path, extractor: str = "default") -> Summary:
    """Extract every gold document's text and score the result (I/O wrapper around kg.scoring)."""
    ex = load_extractor(extractor)
    scores = []
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        tpath = _text_for(gold, gpath, text_dir)
        text = normalize_text(tpath.read_text(encoding="utf-8")) if tpath.is_file() else ""
        pred = to_gold_format(ex.extract(Document(document_id(text), gpath.stem, text)), tpath.name)
        scores.append(score_document(gpath.stem, gold, pred))
    return summarize(scores)


def render(summary: Summary, console: Console) -> None:
    """Per-document and micro scores, and recall per category, as rich tables."""
    table = Table(title="extraction vs gold")
    table.add_column("document", no_wrap=True)
    for k in MEASURES:
        table.add_column(f"{k} P/R/F1", justify="right")
    for d in summary.documents:
        cells = [f"{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}" for c in (d.measures[k] for k in MEASURES)]
        table.add_row(d.name, *cells)
    micro = [summary.micro[k] for k in MEASURES]
    table.add_row("[bold]micro", *(f"[bold]{c.precision:.3f}/{c.recall:.3f}/{c.f1:.3f}" for c in micro))
    console.print(table)
    cats = Table(title="concept recall per category")
    cats.add_column("category")
    cats.add_column("found", justify="right")
    cats.add_column("gold", justify="right")
    cats.add_column("recall", justify="right")
    for cat, (found, total) in summary.category_recall.items():
        cats.add_row(cat, str(found), str(total), f"{found / total:.2f}" if total else "-")
    console.print(cats)


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        gold_dir: Annotated[
            Path, typer.Argument(exists=True, file_okay=False, help="folder of gold <stem>.json")
        ],
        text_dir: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="folder of the texts")],
        extractor: Annotated[str, typer.Option(help="registered extractor name")] = "default",
        as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    ) -> None:
        """Extract the gold texts; print P/R/F1 per document and micro, and recall per category."""
        # piped output gets a wide console so document names and scores are not cut
        console = Console() if sys.stdout.isatty() else Console(width=140)
        try:
            summary = evaluate(gold_dir, text_dir, extractor)
        except ExtractorNotFound as e:
            Console(stderr=True).print(f"[red]error[/red] {e}")
            raise typer.Exit(1) from None
        if as_json:
            console.print_json(json.dumps(summary_to_json(summary), ensure_ascii=False))
        else:
            render(summary, console)
