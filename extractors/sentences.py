"""Sentence splitting for Chinese policy text (pure).

A sentence ends after 。！？；… (and their runs), with any closing quotes or
brackets that follow, and at every line break. Offsets are character offsets
into the given text; sentences never include surrounding white space and are
never empty.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from extractors.spans import ConceptSpan

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


#: marks after which a long sentence may be cut into windows, best first
_WINDOW_CUTS = ("，；：,;:", "、")


def clause_windows(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """text[start:end] as pieces of at most `limit` characters, each cut after the last clause
    mark (，；：) before the limit, else after the last 、, else at the limit itself.

    Relation rules read a sentence as a whole and some of them are quadratic in its number of
    list items; windows keep a pathological run-on "sentence" (a list of 50,000 items) linear.
    Real sentences are far shorter: the longest of the shared corpus has 1,480 characters."""
    if limit < 1:
        raise ValueError("limit must be positive")
    out: list[tuple[int, int]] = []
    while end - start > limit:
        cut = 0
        for marks in _WINDOW_CUTS:
            cut = max(text.rfind(ch, start, start + limit) for ch in marks) + 1
            if cut > start:
                break
        if cut <= start:
            cut = start + limit
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def spans_by_sentence(
    sentences: Sequence[tuple[int, int]], spans: Iterable[ConceptSpan]
) -> dict[int, list[ConceptSpan]]:
    """The spans inside each sentence (by sentence index, in the order given); a span that
    crosses a sentence end belongs to none."""
    starts = [s for s, _ in sentences]
    by_sentence: dict[int, list[ConceptSpan]] = {}
    for c in spans:
        k = bisect.bisect_right(starts, c.start) - 1
        if k >= 0 and c.end <= sentences[k][1]:
            by_sentence.setdefault(k, []).append(c)
    return by_sentence
