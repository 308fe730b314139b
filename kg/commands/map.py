"""`kg map NAME CONCEPT...`: save a trainer's lesson map (self-contained HTML + SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg.lesson_map import MAX_CONCEPTS, build_lesson_map, replaced_by_saving, safe_filename, save_lesson_map
from kg.wording import counted


def register(app: typer.Typer) -> None:
    @app.command("map")
    def map_command(
        ctx: typer.Context,
        name: Annotated[
            str,
            typer.Argument(
                help="the map's name, also its file name (letters, digits and CJK kept, the rest '_')"
            ),
        ],
        concepts: Annotated[
            list[str], typer.Argument(help=f"concepts to show (names or aliases, ≤ {MAX_CONCEPTS})")
        ],
        out: Annotated[
            Path, typer.Option("--out", "-o", help="folder to write NAME.html and NAME.svg into")
        ] = Path("."),
        cooccurrence: Annotated[
            bool, typer.Option("--cooccurrence/--typed-only", help="also draw co-mention edges")
        ] = False,
        force: Annotated[
            bool,
            typer.Option(
                "--force",
                help=(
                    "replace NAME.html and NAME.svg even when they hold another map (two names can "
                    "share a file name: punctuation becomes '_') or no map at all; saving the same "
                    "name again always replaces its own map"
                ),
            ),
        ] = False,
    ) -> None:
        """Save a named selection of concepts as an HTML map that opens from disk, and an SVG for slides."""
        from kg.cli import fail, opened_store  # late: kg.cli imports this module while registering commands

        with opened_store(ctx) as store:
            lm = build_lesson_map(store, name, concepts, include_cooccurrence=cooccurrence)
        stem = safe_filename(lm.name)
        problem = None if force else replaced_by_saving(lm.name, out, stem)
        if problem:
            raise fail(f"{problem}; give this map another name, or --force to replace it")
        saved = save_lesson_map(lm, out, stem=stem)
        Console().print(
            f"wrote {saved.html} and {saved.svg} "
            f"({counted(len(lm.concepts), 'concept')}, {counted(len(lm.relations), 'relation')})",
            highlight=False,
        )
