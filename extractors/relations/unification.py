"""Unification family: ``坚持X、Y、Z有机统一/相结合/共同推进/一体建设`` (all pairs, each
once), ``A和B、C和D相结合`` (each pair) and ``协同推进A与B``."""

from __future__ import annotations

import re

from extractors.relations.collect import _Out
from extractors.relations.cues import _UNITY_CUES
from extractors.relations.grammar import _alt
from extractors.relations.masking import _CLAUSE_END, _CONJ, _NPI, _X, _ids, _Masked
from kg.model import RelationType

R = RelationType


#: an action on each item (新农村建设和城市发展…相结合): the concept is the item without it
_ITEM_ACTIONS = "建设|工作"
_ITEM_ACTION = f"(?:{_ITEM_ACTIONS})?"
_UNITY_RE = re.compile(
    f"({_X}{_ITEM_ACTION}(?:{_CONJ}{_X}{_ITEM_ACTION})+)(?:等)?(?:三者|两者|二者|四者)?"
    f"(?:的?(?:发展|建设|工作))?(?:的)?({_alt(_UNITY_CUES)})"
)


#: the words before a group that is the second party of a pairing (把吸收外资同|国内|A、B结合起来)
_SECOND_PARTY_RE = re.compile(f"(?<![共协如相等不会连认赞合])同{_NPI}{{0,4}}$")


_PAIR = "[^，,；;：:。！？!?（）()、]{2,12}?"
_PAIRS_UNITY_RE = re.compile(f"((?:{_PAIR}、)+{_PAIR})(?:{_alt(_UNITY_CUES)}|双向发力)")


_JOINTLY_RE = re.compile(f"(?:协同|一体|同步)(?:推进|推动|发展)({_X}(?:(?:和|与|、|同){_X})+)")


_UNITY_GATE_RE = re.compile(f"{_alt(_UNITY_CUES)}|双向发力|(?:协同|一体|同步)(?:推进|推动|发展)")


def _unity(m: _Masked, out: _Out) -> None:
    if not _UNITY_GATE_RE.search(m.s):
        return  # every rule below needs one of these words
    for um in _UNITY_RE.finditer(m.s):
        ids = _ids(um.group(1))
        rule = "unity" if um.group(2) == "有机统一" else "unity_variants"
        items = re.sub(_ITEM_ACTIONS, "", um.group(1)).split("、")
        if len(items) > 1 and all(re.fullmatch(f"{_X}(?:和|与|同){_X}", it) for it in items):
            continue  # A和B、C和D相结合: a list of pairs, handled below
        before = m.s[: um.start(1)]
        if _SECOND_PARTY_RE.search(before):
            continue  # 把X同A、B结合起来 with X no concept: A and B each join X, not each other
        prev_item = re.search("([^，,；;：:。！？!?（）()、]{1,12})、$", before)
        if prev_item and re.search("和|与|同", prev_item.group(1)):
            continue  # the last of a list of pairs (A和B、C和D相结合): handled below
        for i, h in enumerate(ids):
            out.add([h], R.UNIFIED_WITH, ids[i + 1 :], rule)
    # 协同推进A与B: advanced together as one (own)
    for jm in _JOINTLY_RE.finditer(m.s):
        if re.match(f"^(?:$|[{_CLAUSE_END}])", m.s[jm.end() :]):
            ids = _ids(jm.group(1))
            for i, h in enumerate(ids):
                out.add([h], R.UNIFIED_WITH, ids[i + 1 :], "jointly")
    # 实现A和B、C和D、E和F相结合: each pair is unified, not the whole list
    for pm in _PAIRS_UNITY_RE.finditer(m.s):
        pairs = re.findall(f"{_X}(?:和|与|同){_X}", pm.group(1))
        if not all(re.search("和|与|同", item) for item in pm.group(1).split("、")):
            continue  # A、B和C相结合 is one flat list, not a list of pairs
        for item in pairs:
            a, b = _ids(item)
            out.add([a], R.UNIFIED_WITH, [b], "unity_pairs")
