"""`kg map NAME CONCEPT...`: save a trainer's lesson map (self-contained HTML + SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg.lesson_map import MAX_CONCEPTS, build_lesson_map, save_lesson_map


def register(app: typer.Typer) -> None:
    @app.command("map")
    def map_command(
        ctx: typer.Context,
        name: Annotated[str, typer.Argument(help="the map's name (also its file name)")],
        concepts: Annotated[
            list[str], typer.Argument(help=f"concepts to show (names or aliases, ≤ {MAX_CONCEPTS})")
        ],
        out: Annotated[
            Path, typer.Option("--out", "-o", help="folder to write NAME.html and NAME.svg into")
        ] = Path("."),
        cooccurrence: Annotated[
            bool, typer.Option("--cooccurrence/--typed-only", help="also draw co-mention edges")
        ] = False,
    ) -> None:
        """Save a named selection of concepts as an HTML map that opens from disk, and an SVG for slides."""
        from kg.cli import opened_store  # late: kg.cli imports this module while registering commands

        with opened_store(ctx) as store:
            lm = build_lesson_map(store, name, concepts, include_cooccurrence=cooccurrence)
        saved = save_lesson_map(lm, out)
        Console().print(
            f"wrote {saved.html} and {saved.svg} "
            f"({len(lm.concepts)} concepts, {len(lm.relations)} relations)",
            highlight=False,
        )
