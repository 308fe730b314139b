"""Change family (TRANSFORMS_INTO): ``把X(优势)转化为Y`` (or into a classified predicate
``把X化为推动Y的动力``), ``由X向Y转变``, ``由X转向Y`` and ``使X成为Z``."""

from __future__ import annotations

import re

from extractors.relations.collect import _Out
from extractors.relations.masking import _G, _NP, _X, _ids, _Masked
from extractors.relations.predicate import _classify
from kg.model import RelationType

R = RelationType


_INTO_RE = re.compile(
    f"(?:把|将)({_NP}{{0,6}}?)({_G})({_NP}{{0,8}}?)(?:转化|转变|转换|化|调整|转|变)(?:为|成)([^，,；;。！？!?]*)"
)
#: 使X(通过Y)成为Z: X is turned into Z (not 使X成为Y的N, a copula of change)
_MADE_INTO_RE = re.compile(
    f"使({_X})(?:{_NP}|{_X}){{0,10}}?(?:成为|转化为|变为|上升为)({_X})(?![的\ue000-\uf8ff])"
)
_FROM_TO_RE = re.compile(
    f"(?:由|从)({_G}){_NP}{{0,4}}?(?:向|到)({_G}){_NP}{{0,4}}?(?:转变|转型|转化|迈进|转移|过渡|升级|跃升|跨越|飞跃|转轨)"
)
_FROM_TURN_RE = re.compile(f"(?:由|从)({_G}){_NP}{{0,2}}?(?:转向|转为|转变为|转到|转化为)({_G})")


def _change(m: _Masked, out: _Out) -> None:
    s = m.s
    for im in _INTO_RE.finditer(s) if "把" in s or "将" in s else ():
        if "的" in im.group(1) or re.search("(?:和|与|、)", im.group(3)):
            continue
        head = _ids(im.group(2))
        rest = im.group(4)
        found = _classify(rest)
        if found:
            out.add(head, found[0], found[1], "into_classified")
            continue
        tm = re.match(f"^({_NP}{{0,4}}?)({_G})", rest)
        if tm and "的" not in tm.group(1):
            out.add(head, R.TRANSFORMS_INTO, _ids(tm.group(2)), "transform")
    from_ = "由" in s or "从" in s
    for fm in _FROM_TO_RE.finditer(s) if from_ else ():
        out.add(_ids(fm.group(1)), R.TRANSFORMS_INTO, _ids(fm.group(2)), "from_to")
    for um in _MADE_INTO_RE.finditer(s) if "使" in s else ():
        out.add(_ids(um.group(1)), R.TRANSFORMS_INTO, _ids(um.group(2)), "made_into")
    for fm in _FROM_TURN_RE.finditer(s) if from_ else ():
        out.add(_ids(fm.group(1)), R.TRANSFORMS_INTO, _ids(fm.group(2)), "from_turn")
