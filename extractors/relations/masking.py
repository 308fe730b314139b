"""The masked sentence the cue grammars read, and its clauses.

Every concept span of the sentence becomes one private-use character (U+E000 + its
index), quotes are dropped and white space becomes a clause break (`_mask`). The
character classes of that string (`_X` one concept, `_G` a coordinated group of them,
`_NP` any plain character inside a clause …) are the alphabet of every cue pattern;
`_ids` reads the span indices back. `_clauses` splits the masked string at clause ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.span_rules import JUDGED
from extractors.spans import ConceptSpan

_BASE = 0xE000
_X = "[\ue000-\uf8ff]"  # one concept
_CONJ = "(?:、|和|与|以及|及|同|或)"
_G = f"{_X}(?:{_CONJ}{_X})*"  # a coordinated group of concepts
_NP = "[^，,；;：:。！？!?（）()\ue000-\uf8ff]"  # any plain character inside a clause
_NPI = "[^，,；;：:。！？!?（）()、\ue000-\uf8ff]"  # the same inside one list item
_DROP = frozenset("“”‘’\"'《》〈〉「」『』")
_SPACE = frozenset(" \t\n\u3000\xa0")  # white space separates title parts: a clause break
_CLAUSE_END = "，,；;：:。！？!?"


@dataclass(frozen=True, slots=True)
class _Masked:
    s: str  # the masked sentence
    spans: tuple[ConceptSpan, ...]  # span k is the character chr(_BASE + k)


#: words that turn the concept before them into a point in time (党的十八大以来, 改革开放以后)
_TIME_AFTER = ("以来", "以后", "之后", "以前", "之前")


def _mask(text: str, sentence: tuple[int, int], spans: Sequence[ConceptSpan]) -> _Masked:
    start, end = sentence
    kept: list[ConceptSpan] = []
    spans = _prefer_inner(text, spans)
    for sp in sorted(spans, key=lambda x: (x.start, -(x.end - x.start))):
        if sp.start < start or sp.end > end or sp.end <= sp.start:
            continue
        if kept and sp.start < kept[-1].end:
            continue  # overlapping: keep the earlier (longer) one
        if text.startswith(_TIME_AFTER, sp.end):
            continue  # 党的十八大以来: a time, not a party to a relation
        if len(kept) >= 0x18FF:
            break
        kept.append(sp)
    out: list[str] = []
    pos = start
    for k, sp in enumerate(kept):
        before = text[pos : sp.start]
        # 树立X和正确的Y: the judgement cut off the name Y stays out of the clause too
        judged = next((j for j in JUDGED if before.endswith(j)), "")
        out.append(_plain(before[: len(before) - len(judged)]))
        out.append(chr(_BASE + k))
        pos = sp.end
    out.append(_plain(text[pos:end]))
    return _Masked("".join(out), tuple(kept))


#: what may follow a known concept inside a longer span that is then no concept of its own:
#: the generic action head 建设 (全过程人民民主建设 is 全过程人民民主, GUIDELINES.md) or a
#: unification cue (法治社会一体建设)
_SPAN_TAIL = re.compile("^(?:建设|一体建设|一体推进|共同推进|相结合|有机统一|相统一)$")


def _prefer_inner(text: str, spans: Sequence[ConceptSpan]) -> Sequence[ConceptSpan]:
    """Drop a span that strictly contains other spans when it is a known concept with only a
    generic head or cue after it (法治政府建设 -> 法治政府 + 建设, 法治社会一体建设), or when a
    copula 是 lies outside its inner spans (人民民主是社会主义的生命): the inner spans take its
    place, so the relation ends are spans as given and the cue words stay visible."""
    # most sentences have no span inside another: one pass in (start, -end) order finds out
    # (a span inside another comes after it and ends no later than the furthest end so far)
    reach = -1
    for x in sorted(spans, key=_by_start_longest):
        if x.end <= reach:
            break
        reach = x.end
    else:
        return spans
    drop: set[int] = set()
    for i, o in enumerate(spans):
        inner = [
            x
            for x in spans
            if o.start <= x.start
            and x.end <= o.end
            and (x.start, x.end) != (o.start, o.end)
            and x.end > x.start
        ]
        if not inner:
            continue
        covered = [False] * (o.end - o.start)
        for x in inner:
            covered[x.start - o.start : x.end - o.start] = [True] * (x.end - x.start)
        rest = "".join(ch for k, ch in enumerate(text[o.start : o.end]) if not covered[k])
        first = min(inner, key=lambda x: (x.start, -(x.end - x.start)))
        if "是" in rest or (
            first.start == o.start
            and first.end - first.start >= 2
            and _SPAN_TAIL.match(text[first.end : o.end])
        ):
            drop.add(i)
    return [sp for i, sp in enumerate(spans) if i not in drop] if drop else spans


def _by_start_longest(sp: ConceptSpan) -> tuple[int, int]:
    return sp.start, -sp.end


#: the characters `_plain` changes (_DROP and _SPACE)
_NOT_PLAIN = re.compile("[" + re.escape("".join(sorted(_DROP | _SPACE))) + "]")


def _plain(segment: str) -> str:
    """Quotes dropped, runs of white space turned into one clause break."""
    if not _NOT_PLAIN.search(segment):
        return segment
    out: list[str] = []
    for ch in segment:
        if ch in _DROP:
            continue
        if ch in _SPACE:
            if not out or out[-1] != "，":
                out.append("，")
            continue
        out.append(ch)
    return "".join(out)


def _ids(s: str) -> list[int]:
    """Span indices of the concept characters in `s`, in order."""
    return [ord(ch) - _BASE for ch in s if _BASE <= ord(ch) <= 0xF8FF]


def _is_concept(ch: str) -> bool:
    return _BASE <= ord(ch) <= 0xF8FF


def _clauses(s: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(s):
        if ch in _CLAUSE_END or ch in "（）()":
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(s):
        out.append((start, len(s)))
    return out


def _clause_of(clauses: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(clauses):
        if a <= pos < b or pos == b:
            return i
    return len(clauses) - 1
