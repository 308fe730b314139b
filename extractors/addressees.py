"""The addressee line of an official document (pure).

A State Council notice or opinion opens, after its title and number, with whom it is sent to:
``各省、自治区、直辖市人民政府，国务院各部委、各直属机构：``. The line names receivers, not
concepts the document states: a span inside it is no concept unless the text names it again
outside the line, alone or inside a longer name (人民政府 in 省级人民政府负责).

The line is one of the first lines of a text, ends with a colon, and is a list of addressees:
no item holds a clause (我们…了, 如下, 以下: 一年来，我们主要做了以下工作：), and the last item
ends like a body or an audience (…机构, …政府, …部门, 各位代表, 同志们).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.spans import ConceptSpan, inside_any

#: how many lines from the start of a text an addressee line may be on (title, number, date)
HEAD_LINES = 12
#: an addressee line is short: a list of receivers
MAX_CHARS = 100
_ITEM_SPLIT_RE = re.compile("[，,、]")
_CLAUSE_RE = re.compile("[我了的是在对把将要]|如下|以下|收悉")
_LAST_ITEM_RE = re.compile(
    "(?:政府|部委|部门|机构|机关|单位|组织|委员会|部|委|局|署|办|厅|总部|兵团|代表|委员|同志们|朋友们|同事们?|嘉宾)$"
)


def addressee_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the addressee lines among the first HEAD_LINES lines of `text`."""
    out: list[tuple[int, int]] = []
    start = 0
    for _ in range(HEAD_LINES):
        if start >= len(text):
            break
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if _is_addressee_line(text[start:end].strip()):
            out.append((start, end))
        start = end + 1
    return out


def _is_addressee_line(line: str) -> bool:
    if not line.endswith(("：", ":")) or len(line) > MAX_CHARS:
        return False
    items = [item.strip() for item in _ITEM_SPLIT_RE.split(line[:-1])]
    if not all(items) or any(_CLAUSE_RE.search(item) for item in items):
        return False
    return _LAST_ITEM_RE.search(items[-1]) is not None


def only_addressees_dropped(
    text: str, spans: Sequence[ConceptSpan], lines: Sequence[tuple[int, int]]
) -> list[ConceptSpan]:
    """`spans` without those inside an addressee line whose surface the rest of `text` never
    writes (国务院各部委)."""
    rest = text  # the text with its addressee lines blanked out
    for a, b in lines:
        rest = rest[:a] + "\n" * (b - a) + rest[b:]
    return [c for c in spans if not inside_any(c, lines) or c.surface in rest]
