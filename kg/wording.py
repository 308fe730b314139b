"""Wording shared by the command-line messages."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in the number it takes: 1 file, 0 files, 2 files (`plural` for a noun
    that does not just add an s)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
