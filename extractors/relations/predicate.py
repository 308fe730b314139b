"""The type and tails of a copula-like predicate ``…Y的(修饰)N`` (`_classify`), read by
the copula (``X是…``), ``把X作为…`` and ``把X转化为…`` rules: the head noun N decides the
type, or, for a generic noun (是保障Y的重要措施), the predicate's verb; only a possessor
``Y的`` of N is a tail (`_possessors`)."""

from __future__ import annotations

import re

from extractors.relations.cues import _GENERIC_NOUN_VERBS, _GENERIC_NOUNS, _NOUN_CUES
from extractors.relations.grammar import _ADV, _MODS, _NOUN_RE, _alt
from extractors.relations.masking import _BASE, _CLAUSE_END, _NP, _NPI, _X, _ids, _is_concept
from kg.model import RelationType

R = RelationType


_GENERIC_VERB_START_RE = re.compile(f"^{_ADV}*{_alt(_GENERIC_NOUN_VERBS)}")
_GENERIC_VERB_RE = re.compile(f"^{_ADV}*({_alt(_GENERIC_NOUN_VERBS)})")
_GENERIC_NOUN_END_RE = re.compile(f"的(?:{_MODS}{_NP}{{0,6}}{_alt(_GENERIC_NOUNS)}|{_X})(?:之一)?$")
#: verbs that ensure a thing in a state (确保Y合法有效, 保证Y落到实处), and the state after Y
#: (its activity or work may come between: Y活动合法有效)
_ENSURE_VERBS = frozenset({"确保", "保障", "保证"})
_ENSURED_STATE_RE = re.compile(f"(?<={_X})(?:工作|活动)?{_NPI}{{2,4}}$")
_ONE_OF_RE = re.compile(f"^(?:{_NPI}{{0,6}}的)?{_MODS}的?({_X})之一$")
_MODS_GAP_RE = re.compile(f"^{_MODS}的?{_MODS}$")


#: head nouns that name an agent: after a task (管理主体, 投资主体) they name who does it
_AGENT_NOUNS = frozenset({"主体"})
#: what may stand between 的 and an agent noun that makes it a part (人民代表大会的(重要)主体)
_AGENT_MODIFIERS = ("的", "重要", "主要", "基本", "根本")


def _classify(pred: str) -> tuple[RelationType, list[int], str] | None:
    """Type, tail concepts and cue of a predicate ``…Y的(修饰)N`` (the cue is the
    head noun, or ``verb:V`` when a generic noun lets the verb decide)."""
    for nm in _NOUN_RE.finditer(pred):
        before = pred[: nm.start()]
        rest = pred[nm.end() :]
        # a coordinated head noun may follow (…的重要渠道和专门协商机构: a concept too, without 的);
        # N所在/N所系 is N (政党的生命所系、力量所在)
        if not re.match(
            f"^(?:所在|所系)?(?:之一)?(?:(?:[和与、及]|以及)(?:{_NP}{{0,12}}|[^的{_CLAUSE_END}（）()]{{0,12}}))?$",
            rest,
        ):
            continue
        zhi = nm.group(0).startswith("之")  # 民生之本: 之 is the possessive
        if ("的" not in before and not zhi) or not _ids(before):
            continue
        if nm.group(0) in _AGENT_NOUNS and not before.endswith(_AGENT_MODIFIERS):
            continue  # 作为Y的…运行管理主体: the body doing a task, not a part of Y
        if nm.group(0) in _GENERIC_NOUNS and _GENERIC_VERB_START_RE.match(pred):
            continue  # 是保障Y的重要手段: a generic noun, the verb decides (below)
        typ = _NOUN_CUES[nm.group(0)]
        tails = _possessors(before, zhi) or (
            _ensured(before[: before.rfind("的")]) if typ is R.GUARANTEES and not zhi else []
        )
        if tails:
            return typ, tails, nm.group(0)
    # 是C之一: one of the members of C
    om = _ONE_OF_RE.match(pred)
    if om:
        return R.PART_OF, _ids(om.group(1)), "之一"
    # a generic noun: the predicate's verb decides (是保障Y的重要措施)
    vm = _GENERIC_VERB_RE.match(pred)
    # … or a concept naming the kind of thing (是保证人民当家作主的根本政治制度)
    if vm and _GENERIC_NOUN_END_RE.search(pred):
        before = pred[: pred.rfind("的")]
        tails = _possessors(before) or (_ensured(before) if vm.group(1) in _ENSURE_VERBS else [])
        if tails:
            return _GENERIC_NOUN_VERBS[vm.group(1)], tails, "verb:" + vm.group(1)
    return None


def _ensured(before: str) -> list[int]:
    """The tail of a guarantee of a thing in a state: 是确保Y合法有效的…, 是Y活动合法有效的重要保证."""
    state = _ENSURED_STATE_RE.search(before)
    return _possessors(before[: state.start()]) if state else []


def _possessors(before: str, zhi: bool = False) -> list[int]:
    """Concepts of a modifier ``…Y的`` that may be the tail: followed (within a
    few characters, no other concept in between) by 的, a conjunction, or the end."""
    out: list[int] = []
    for i, ch in enumerate(before):
        if not _is_concept(ch):
            continue
        j = i + 1
        while j < len(before) and not _is_concept(before[j]):
            j += 1
        gap = before[i + 1 : j]
        nxt_is_concept = j < len(before)
        if nxt_is_concept and re.match("^(?:和|与|及|以及|或|同)..", gap):
            continue  # 行政相对人和社会公众知情权: a modifier of the next concept
        if not nxt_is_concept and re.match("^的[^的，,]{1,12}的", gap):
            continue  # 党的事业取得胜利的法宝: the possessor of an intermediate noun
        if (
            (gap == "" and (nxt_is_concept or zhi))
            or re.match(
                "^(?:工作|建设|事业|领域|实践|进程|发展|改革)?(?:的|[、和与及]|等|有机统一|相统一)", gap
            )
            or (not nxt_is_concept and _MODS_GAP_RE.match(gap))
        ):
            out.append(ord(ch) - _BASE)
    return out
