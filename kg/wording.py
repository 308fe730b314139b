"""Wording shared by the command-line messages."""

from __future__ import annotations

from kg.model import GraphStats


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in the number it takes: 1 file, 0 files, 2 files (`plural` for a noun
    that does not just add an s)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def stats_line(stats: GraphStats, *, sentences: bool = True) -> str:
    """The graph's counts in one line: documents, concepts, typed relations, co-mentions (and
    sentences)."""
    parts = [
        counted(stats.documents, "document"),
        counted(stats.concepts, "concept"),
        counted(stats.relations, "typed relation"),
        counted(stats.cooccurrences, "co-mention"),
    ]
    if sentences:
        parts.append(counted(stats.sentences, "sentence"))
    return ", ".join(parts)
