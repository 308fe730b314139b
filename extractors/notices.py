"""Licence notices a text's source appends to it (pure).

Texts copied from Wikisource end with its public-domain notice: 本作品是中华人民共和国的法律、
法规，国家机关的决议…。根据《中华人民共和国著作权法》第五条第一项，本作品不适用于该法…, a note of
its community (注：中文维基文库社群认为…) and a licence tag (Public domain…). The notice is about
the copy, not the policy: nothing in it is a concept of the document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.spans import ConceptSpan, inside_any

_OPENING = "本作品是中华人民共和国的法律"
_NOTICE_LINE = re.compile(
    r"^\s*(?:本作品是中华人民共和国的法律|注：中文维基文库|Public domain)"
    r"|著作权法》第五条第[一二三四五六七八九十]+项，本作品",
    re.MULTILINE,
)


def notice_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the stretches of `text` that belong to a licence notice: from the
    notice's start to its line's end (a line that opens with it is the whole stretch; in a line
    that only ends with it, as in a text whose paragraphs were run together, the policy text
    before the notice stays)."""
    if "著作权法" not in text and "维基文库" not in text and "Public domain" not in text:
        return []
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        m = _NOTICE_LINE.search(text, start, end)
        if m:
            out.append((_notice_start(text, start, m.start()), end))
        start = end + 1
    return out


def _notice_start(text: str, line_start: int, found: int) -> int:
    """Where the notice found at `found` begins in its line: its opening sentence (本作品是…),
    else the sentence `found` is in."""
    opening = text.rfind(_OPENING, line_start, found + 1)
    if opening >= 0:
        return opening
    stop = max(text.rfind(mark, line_start, found) for mark in "。！？")
    return line_start if stop < 0 else stop + 1


def outside_notices(spans: Sequence[ConceptSpan], lines: Sequence[tuple[int, int]]) -> list[ConceptSpan]:
    """`spans` without those inside a notice line."""
    return [c for c in spans if not inside_any(c, lines)]
