"""Frames family: ``以X为N的Y`` (any frame noun; ``以A、B为主要内容的C``: parts),
``以X为抓手/载体/保障，…`` with the object of the following verb, and ``把X作为…Y的N`` /
``X作为…N``; ``以X为指导，…`` without ``的Y`` is the guidance family's."""

from __future__ import annotations

import re

from extractors.relations.collect import _Out
from extractors.relations.cues import _FRAME_CUES, _FRAME_PARTS
from extractors.relations.grammar import _FRAME_RE
from extractors.relations.masking import _G, _NP, _NPI, _ids, _Masked
from extractors.relations.predicate import _classify
from extractors.relations.tails import _following_object
from kg.model import Category, RelationType

R = RelationType


_AS_RE = re.compile(
    f"(?:(?:把|将){_NPI}{{0,2}}?({_G}){_NP}{{0,4}}?|({_G})(?:也|既|又|还|同样|始终)*)作为([^，,；;。！？!?]*)"
)

#: the verb of taking up a task after 把X作为…N (…的核心内容抓紧抓好, …的重要任务来抓)
_AS_TASK_END = re.compile("(?:来|去)?(?:抓紧抓好|抓实抓好|抓细抓实|抓好|抓实|抓)$")


def _frames(m: _Masked, clauses: list[tuple[int, int]], out: _Out) -> None:
    s = m.s
    # cheap substring tests first: most sentences hold none of a rule's literal words
    for fm in _FRAME_RE.finditer(s) if "以" in s else ():
        head = _ids(fm.group(1))
        cue = fm.group(2)
        typ = _FRAME_CUES[cue]
        if typ is R.ESSENTIAL_FEATURE_OF and any(m.spans[h].category is Category.PERSON for h in head):
            continue  # 以习近平同志为核心的党中央: a leadership core, not a feature
        after = s[fm.end() :]
        nm = re.match(f"^的({_NP}{{0,4}}?)({_G})", after)
        if nm and "的" not in nm.group(1):
            out.add(head, typ, _ids(nm.group(2)), "frame_content" if cue in _FRAME_PARTS else "frame_noun_of")
            continue
        if typ is R.GUIDES:
            continue  # handled with the guidance frames (tails in the following clause)
        if typ in (R.PROMOTES, R.CARRIER_OF, R.GUARANTEES):
            tails = _following_object(m, clauses, fm.end())
            out.add(head, typ, tails, "frame_following")
    for am in _AS_RE.finditer(s) if "作为" in s else ():
        found = _classify(_AS_TASK_END.sub("", am.group(3)))
        if found:
            out.add(_ids(am.group(1) or am.group(2)), found[0], found[1], "as_predicate")
