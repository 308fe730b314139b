"""`kg eval GOLD_DIR TEXT_DIR`: run the extractor on the texts and score it against the gold."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kg.extraction import ExtractorNotFound, load_extractor
from kg.goldformat import to_gold_format
from kg.model import Document, document_id
from kg.normalize import normalize_text
from kg.scoring import MEASURES, Summary, score_document, summarize, summary_to_json
from kg.sources import InputError, decode_bytes


class EvalError(ValueError):
    """The gold or text folder cannot be scored; the message names the file and the problem."""


def _gold_problem(data: Any) -> str | None:
    """What makes `data` unusable as a gold annotation (only names and relation ends are scored).

    As in the guidelines' score.py, a missing "concepts" or "relations" counts as an empty list,
    but an object with neither is some other JSON file, not an annotation with nothing in it."""
    if not isinstance(data, dict) or not ("concepts" in data or "relations" in data):
        return 'expected a JSON object with "concepts" and "relations"'
    for key, fields in (("concepts", ("name",)), ("relations", ("head", "type", "tail"))):
        items = data.get(key, [])
        if not isinstance(items, list):
            return f'"{key}" is not a list'
        for i, item in enumerate(items, 1):
            missing = [f for f in fields if not isinstance(item, dict) or not isinstance(item.get(f), str)]
            if missing:
                return f'{key} item {i} has no "{missing[0]}" text'
    return None


def read_gold(path: Path) -> dict[str, Any]:
    """One gold file; EvalError naming the file when it is not valid JSON of the gold format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise EvalError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise EvalError(f"{path}: not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
    problem = _gold_problem(data)
    if problem:
        raise EvalError(f"{path}: {problem}")
    assert isinstance(data, dict)
    return data


def _text_for(gold: dict[str, Any], gold_path: Path, text_dir: Path) -> Path:
    named = text_dir / str(gold.get("document") or "")
    return named if gold.get("document") and named.is_file() else text_dir / f"{gold_path.stem}.txt"


def _read_text(path: Path) -> str:
    """The text as kg ingest and kg extract read it (UTF-8, UTF-16 with a BOM, GB18030), normalised."""
    try:
        return normalize_text(decode_bytes(path.read_bytes(), str(path)))
    except InputError as e:
        raise EvalError(str(e)) from None


def evaluate(
    gold_dir: Path,
    text_dir: Path,
    extractor: str = "default",
    on_missing_text: Callable[[Path, Path], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Extract every gold document's text and score the result (I/O wrapper around kg.scoring).

    A gold file whose text is absent is left out of the scores (`on_missing_text(gold, text)` is
    told); EvalError when there is no gold file, a gold file is unusable, or no gold file has a text.
    `on_progress(done, total)` is called before the first document and after each one.
    """
    gold_paths = sorted(p for p in gold_dir.glob("*.json") if p.is_file())
    if not gold_paths:
        raise EvalError(f"{gold_dir}: no gold .json files")
    scored: list[tuple[Path, dict[str, Any], Path]] = []
    for gpath in gold_paths:
        gold = read_gold(gpath)
        tpath = _text_for(gold, gpath, text_dir)
        if tpath.is_file():
            scored.append((gpath, gold, tpath))
        elif on_missing_text:
            on_missing_text(gpath, tpath)
    if not scored:
        which = "the only gold file" if len(gold_paths) == 1 else f"any of the {len(gold_paths)} gold files"
        raise EvalError(
            f"{text_dir}: no text for {which} "
            '(expected <stem>.txt, or the file a gold file names in "document")'
        )
    ex = load_extractor(extractor)
    scores = []
    if on_progress:
        on_progress(0, len(scored))
    for gpath, gold, tpath in scored:
        text = _read_text(tpath)
        pred = to_gold_format(ex.extract(Document(document_id(text), gpath.stem, text)), tpath.name)
        scores.append(score_document(gpath.stem, gold, pred))
        if on_progress:
            on_progress(len(scores), len(scored))
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
        err = Console(stderr=True, soft_wrap=True)

        def warn_missing(gold: Path, text: Path) -> None:
            err.print(f"[yellow]warning:[/yellow] {gold}: no text {text}; not scored", highlight=False)

        # the bar starts with the first document, after the gold files passed their checks
        bar = Progress(TextColumn("[bold]eval"), BarColumn(), MofNCompleteColumn(), console=err)
        task = bar.add_task("eval", total=None)

        def progress(done: int, total: int) -> None:
            bar.start()
            bar.update(task, completed=done, total=total)

        try:
            summary = evaluate(
                gold_dir, text_dir, extractor, on_missing_text=warn_missing, on_progress=progress
            )
        except (ExtractorNotFound, EvalError) as e:
            err.print(f"[red]error:[/red] {e}", highlight=False)
            raise typer.Exit(1) from None
        finally:
            bar.stop()
        if as_json:
            console.print_json(json.dumps(summary_to_json(summary), ensure_ascii=False))
        else:
            render(summary, console)
