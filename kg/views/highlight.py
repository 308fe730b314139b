"""Split a document's text into plain runs and concept mentions, for highlighting (pure)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import Mention


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    concept: str | None = None  # canonical name when the run is a mention
    marked: bool = False  # inside the range asked to be marked (an evidence sentence)


def segments(text: str, mentions: Iterable[Mention], mark: tuple[int, int] | None = None) -> list[Segment]:
    """Runs covering `text` exactly, in order. Overlapping mentions: the earlier (then longer) wins.
    Runs are also cut at the ends of `mark`, so a marked range is whole runs."""
    chosen: list[Mention] = []
    end = 0
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start >= end and 0 <= m.start < m.end <= len(text):
            chosen.append(m)
            end = m.end
    cuts = {0, len(text)}
    for m in chosen:
        cuts |= {m.start, m.end}
    lo, hi = mark if mark is not None else (-1, -1)
    if mark is not None:
        lo, hi = max(0, lo), min(len(text), hi)
        cuts |= {lo, hi}
    starts = {m.start: m for m in chosen}
    out: list[Segment] = []
    points = sorted(cuts)
    active: Mention | None = None
    for a, b in itertools.pairwise(points):
        if a in starts:
            active = starts[a]
        if active is not None and a >= active.end:
            active = None
        concept = active.name if active is not None and a < active.end else None
        out.append(Segment(text[a:b], concept, lo <= a and b <= hi))
    return [s for s in out if s.text]
