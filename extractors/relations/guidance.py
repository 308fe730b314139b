"""Guidance family: ``以X为指导/引领/主线``, ``在X的领导/指引下``, ``X对Y的领导``,
``X领导的Y``, ``将Y置于X的领导下``, ``X在Y领域的指导地位``, ``X为Y指明方向``,
``X对Y作出部署`` and ``《D》提出，要完善X``; what is guided is the object of a doing verb
in the following clauses, the defined task (``发展Y，就是以X为指导``), the goals of a
closing ``为Y而奋斗`` or the document's topic."""

from __future__ import annotations

import re

from extractors.relations.collect import _Out
from extractors.relations.cues import _FRAME_CUES
from extractors.relations.grammar import _ADV, _DO_VERB, _DONE_CLAUSE, _FRAME_RE
from extractors.relations.masking import _G, _NP, _NPI, _X, _clause_of, _ids, _Masked
from extractors.relations.tails import _following_object, _titled_topic, _topic_object
from kg.model import Category, RelationType

R = RelationType


_UNDER_RE = re.compile(
    f"在({_G})(?:同志)?的?(?:坚强|正确|统一|集中统一|全面|亲切|有力|科学)*(?:领导|指引|指导|带领|引领|统领)(?:之)?下"
)
_GOAL_END = re.compile("(?:而)?(?:不懈|努力|团结|继续|接续|共同)*奋斗$")
_LEAD_BY_RE = re.compile(
    f"({_G})(?:坚强|统一|集中统一|直接)?(?:领导(?:下)?|(?:指导|引领|指引)下)的(?:{_NPI}{{1,8}}?的)?({_G})"
)
_PLACE_UNDER_RE = re.compile(f"(?:把|将)({_G}){_NP}{{0,4}}?置于({_G})的{_NP}{{0,4}}领导(?:之)?下")
_LEADERSHIP = "(?:全面|绝对|统一|集中统一|坚强)*领导(?:权|地位)?(?!小组)"
_LEAD_OVER_CLAUSE_RE = re.compile(
    f"^{_ADV}*(?:加强|实行|实施|坚持|强化|改善)对({_G}){_NP}{{0,6}}?的?{_LEADERSHIP}"
)
_OVER_RE = re.compile(
    f"({_G})(?:{_NP}{{0,2}})?对({_G}){_NP}{{0,6}}?的?(?:全面|绝对|统一|集中统一|坚强)*领导(?:权|地位)?(?!小组)"
)
#: X在Y领域的指导地位: X guides Y (马克思主义在意识形态领域的指导地位)
_GUIDING_STATUS_RE = re.compile(f"({_G})在(?:我国)?({_G})(?:工作)?(?:领域)?(?:中)?的?(?:指导|领导|主导)地位")
_POINT_RE = re.compile(
    f"({_G})({_NP}{{0,10}})为({_NP}{{0,10}}?)((?:{_G}{_NP}{{0,8}}?)+)"
    "(?:指明了?|指引了?|提供了?)(?:前进|新的|新|根本|科学|重要|行动)*(方向|遵循|指引|指南)"
)
_DEPLOY_RE = re.compile(
    f"({_G})(?:{_NP}{{0,2}})?对((?:{_NP}|{_X})+?)(?:作出|做出|提出|进行)了?{_NP}{{0,6}}(?:部署|要求|安排)"
)


#: a concept that only owns the goal (实现中华民族的伟大复兴: the goal is the revival, no concept)
_POSSESSORS = re.compile(f"{_X}的[^、，,和与及而\ue000-\uf8ff]+(?=[、，,和与及而]|$)")


def _goals(m: _Masked, clauses: list[tuple[int, int]]) -> list[int]:
    """Concepts of a closing ``为Y、为Z(而)奋斗``."""
    s = m.s
    if not clauses or "奋斗" not in s:
        return []
    last = len(clauses) - 1
    a, b = clauses[last]
    if not _GOAL_END.search(s[a:b].rstrip("！!。")):
        return []
    out: list[int] = []
    i = last
    while i >= 0:
        a, b = clauses[i]
        cl = s[a:b]
        wm = re.match(f"^{_ADV}*为", cl)
        if not wm:
            break
        out = _ids(_POSSESSORS.sub("", cl[wm.end() :])) + out
        i -= 1
    return out


def _defined_topic(m: _Masked, clauses: list[tuple[int, int]], ci: int, pos: int) -> list[int]:
    """Y of ``发展Y，就是(要)…`` when the clause of `pos` opens with 就是."""
    s = m.s
    a = clauses[ci][0]
    if ci == 0 or not re.match("^(?:就是要|就是|就要)(?:在)?$", s[a:pos]):
        return []
    dm = _DONE_CLAUSE.match(s[clauses[ci - 1][0] : clauses[ci - 1][1]])
    return _ids(dm.group(1)) if dm else []


def _requirements(m: _Masked, clauses: list[tuple[int, int]], out: _Out) -> None:
    """《D》提出，要完善X: a document or meeting (an event) guides what it requires, in its
    clause and in the following clauses that start with a doing verb."""
    s = m.s
    if not _REQUIRES_CUE_RE.search(s):
        return
    for rm in _REQUIRES_RE.finditer(s):
        heads = [k for k in _ids(rm.group(1)) if m.spans[k].category is Category.EVENT]
        if not heads:
            continue
        ci = _clause_of(clauses, rm.end())
        pos, end = rm.end(), clauses[ci][1]
        while True:
            om = _REQUIRED_OBJECT_RE.match(s, pos, end)
            if om:
                out.add(heads, R.GUIDES, _ids(om.group(1)), "document_requires")
            ci += 1
            if ci >= len(clauses):
                break
            pos, end = clauses[ci]
            if not _REQUIRED_OBJECT_RE.match(s, pos, end):
                break


_REQUIRES_RE = re.compile(f"({_G})(?:中|里)?{_ADV}*(?:明确)?(?:提出|要求|强调|规定|部署)(?:[，,：:])?")
_REQUIRES_CUE_RE = re.compile("提出|要求|强调|规定|部署")
_REQUIRED_OBJECT_RE = re.compile(
    f"(?:要|必须|应当|应)?{_ADV}*(?:{_DO_VERB}|落实|建立|规范){_NPI}{{0,4}}?({_G})"
)


def _guidance(m: _Masked, clauses: list[tuple[int, int]], out: _Out) -> None:
    s = m.s
    goals = _goals(m, clauses)
    heads_for_goals: list[int] = []
    for fm in _FRAME_RE.finditer(s) if "以" in s else ():
        if _FRAME_CUES[fm.group(2)] is not R.GUIDES:
            continue
        head = _ids(fm.group(1))
        after = s[fm.end() :]
        if re.match(f"^的{_NP}{{0,4}}?{_X}", after):
            continue  # 以X为引领的Y: a frame, done above
        heads_for_goals += head
        ci = _clause_of(clauses, fm.start())
        defined = _defined_topic(m, clauses, ci, fm.start())
        if defined:
            out.add(head, R.GUIDES, defined, "defined_topic")  # 发展Y，就是以X为指导
        elif not goals:
            # 以X为指导，…: the guiding-principles sentence, about the document's topic
            opening = fm.group(2) == "指导" and s[fm.end() : fm.end() + 1] in ("，", ",")
            topic = _topic_object(m, fm.end(), out.topics) if opening else []
            titled = _titled_topic(m, fm.end(), out.topics, out.titled) if opening and not topic else []
            if topic:
                out.add(head, R.GUIDES, topic, "guided_topic")
            elif titled:
                out.add(head, R.GUIDES, titled, "guided_title_topic")
            else:
                out.add(head, R.GUIDES, _following_object(m, clauses, fm.end()), "guidance_frame")
    for um in _UNDER_RE.finditer(s) if "下" in s else ():
        head = _ids(um.group(1))
        heads_for_goals += head
        defined = _defined_topic(m, clauses, _clause_of(clauses, um.start()), um.start())
        if defined:
            out.add(head, R.GUIDES, defined, "defined_topic")  # 开创Y，就是要在X的领导下…
        if not goals:
            out.add(head, R.GUIDES, _following_object(m, clauses, um.end()), "under_leadership")
    if goals:
        out.add(heads_for_goals, R.GUIDES, [g for g in goals if g not in heads_for_goals], "closing_goals")
    leads = "领导" in s
    for lm in _LEAD_BY_RE.finditer(s) if "的" in s else ():
        out.add(_ids(lm.group(1)), R.GUIDES, _ids(lm.group(2)), "led_by")
    for pm in _PLACE_UNDER_RE.finditer(s) if "置于" in s else ():
        out.add(_ids(pm.group(2)), R.GUIDES, _ids(pm.group(1)), "placed_under")
    for om in _OVER_RE.finditer(s) if leads else ():
        out.add(_ids(om.group(1)), R.GUIDES, _ids(om.group(2)), "leadership_over")
    for gm in _GUIDING_STATUS_RE.finditer(s) if "地位" in s else ():
        out.add(_ids(gm.group(1)), R.GUIDES, _ids(gm.group(2)), "guiding_status")
    # 成立X，加强对Y的统一领导: the organization of the previous clause leads
    for ci, (a, b) in enumerate(clauses[1:] if leads else [], start=1):
        hm = _LEAD_OVER_CLAUSE_RE.match(s[a:b])
        if hm:
            pa, pb = clauses[ci - 1]
            groups = list(re.finditer(_G, s[pa:pb]))
            heads = _ids(groups[-1].group(0)) if groups else []
            if heads and all(m.spans[h].category is Category.ORGANIZATION for h in heads):
                out.add(heads, R.GUIDES, _ids(hm.group(1)), "leadership_over")
    for pm in _POINT_RE.finditer(s) if "指明" in s or "指引" in s or "提供" in s else ():
        gap = pm.group(2)
        heads = _ids(pm.group(1))
        if "的" in gap:
            if len(gap) > 8 and not re.search("(?:精神|讲话|指示|论述|思想|决定|部署)$", gap):
                continue
            heads = [h for h in heads if m.spans[h].category is not Category.PERSON]  # 习近平总书记的讲话
        out.add(heads, R.GUIDES, _ids(pm.group(4)), "points_the_way")
    for dm in _DEPLOY_RE.finditer(s) if "对" in s else ():
        groups = list(re.finditer(_G, dm.group(2)))
        if groups:
            out.add(_ids(dm.group(1)), R.GUIDES, _ids(groups[-1].group(0)), "deploys")
