"""Sentence splitting for Chinese policy text (pure).

A sentence ends after 。！？；… (and their runs), with any closing quotes or
brackets that follow, and at every line break. Offsets are character offsets
into the given text; sentences never include surrounding white space and are
never empty.
"""

from __future__ import annotations

import re

_END = "。！？；!?;…"
_CLOSERS = "”’」』）)》"
_BOUNDARY = re.compile(rf"[{_END}]+[{_CLOSERS}]*|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end() if m.group(0)[0] != "\n" else m.start()
        _add(text, start, end, out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
