"""What a frame points at in the text after it: the first object of a doing verb in the
following clauses (`_following_object`), or the document's topic that a
guiding-principles sentence is about (`_topic_object`, `_titled_topic`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from extractors.relations.grammar import _AFTER_DOING_VERB_RE
from extractors.relations.masking import _BASE, _G, _X, _clause_of, _ids, _Masked
from kg.model import Category


def _following_object(m: _Masked, clauses: list[tuple[int, int]], pos: int) -> list[int]:
    """The first concept group of the verb phrase after `pos`: in the rest of the
    clause, else in the next two clauses. Groups that are implemented or followed
    (贯彻/学习/按照 X) and events or persons are skipped."""
    s = m.s
    ci = _clause_of(clauses, pos)
    regions = [s[pos : clauses[ci][1]]] + [s[a:b] for a, b in clauses[ci + 1 : ci + 3]]
    for reg in regions:
        for g in re.finditer(_G, reg):
            pre = reg[: g.start()]
            if len(pre) > 12:
                break
            if not _AFTER_DOING_VERB_RE.search(pre) or re.search("(?<!和)坚持$|以", pre):
                continue  # not the object of a doing verb, or inside another 以-frame
            ids = [
                k
                for k in _ids(g.group(0))
                if m.spans[k].category not in (Category.EVENT, Category.PERSON, Category.ORGANIZATION)
            ]
            if ids:
                return ids
    return []


#: mentions in the document that make a concept its topic (guided_topic)
TOPIC_MENTIONS = 3
#: the 以 of a frame (以Y为N, 以Y推动Z), not of a word (可以, 加以, 以来, 以及, 以上 …)
_NEXT_FRAME = re.compile("(?<![可加予所难足得借])以(?![来及上下外内后前便免致至])")


#: categories that are never the topic a guiding-principles sentence guides
_NO_TOPIC = (Category.EVENT, Category.PERSON, Category.ORGANIZATION)


def _most_mentioned(
    m: _Masked, pos: int, end: int, topics: Mapping[str, int], admit: Callable[[re.Match[str]], bool]
) -> list[int]:
    """Among the topic concepts in m.s[pos:end] that `admit` lets through (a match of _X
    relative to `pos`), the one the document mentions most, if at least TOPIC_MENTIONS times."""
    best, best_count = -1, TOPIC_MENTIONS - 1
    for g in re.finditer(_X, m.s[pos:end]):
        k = ord(g.group(0)) - _BASE
        if m.spans[k].category in _NO_TOPIC or not admit(g):
            continue
        count = topics.get(m.spans[k].name, 0)
        if count > best_count:
            best, best_count = k, count
    return [best] if best >= 0 else []


def _topic_object(m: _Masked, pos: int, topics: Mapping[str, int]) -> list[int]:
    """The document's topic where the rest of the sentence after `pos` does something to it
    (以X为指导，…，全面推行T，): among the topic concepts that are the whole object of a doing
    verb, the one the document mentions most, if it is mentioned at least TOPIC_MENTIONS times."""
    if not topics:
        return []
    nxt = _NEXT_FRAME.search(m.s, pos)  # another 以-frame governs what follows it

    def whole_object(g: re.Match[str]) -> bool:
        if not _AFTER_DOING_VERB_RE.search(m.s[max(pos, pos + g.start() - 8) : pos + g.start()]):
            return False
        # the whole object, not a modifier (推动贫困地区产品…)
        return re.match("(?:工作|建设)?(?:[，,；;。！？!?]|$)", m.s[pos + g.end() :]) is not None

    return _most_mentioned(m, pos, nxt.start() if nxt else len(m.s), topics, whole_object)


def _titled_topic(m: _Masked, pos: int, topics: Mapping[str, int], titled: frozenset[str]) -> list[int]:
    """The topic the document's official title names, anywhere in the rest of the sentence after
    `pos` (以X为指导，…参与消费扶贫的积极性…: the title 关于深入开展消费扶贫…的指导意见), the most
    mentioned if several, with at least TOPIC_MENTIONS mentions."""
    return _most_mentioned(
        m, pos, len(m.s), topics, lambda g: m.spans[ord(g.group(0)) - _BASE].name in titled
    )
