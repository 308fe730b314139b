"""Verbs family: ``X(副词)V Y`` and ``以/用/通过X V Y`` with chains, a sentence topic
carried to later clauses (statements only), ``X为Y服务``, ``推进X，有力地促进了Y``,
relative clauses ``保证Y的X``, ``以X促Y``, ``通过X实现Y``, ``通过X，增强Y``, ``Y要靠X实现``,
``X的任务是确保Y`` and ``在X中增强Y``."""

from __future__ import annotations

import re

from extractors.relations.chain import _ITEM_RE, _verb_chain
from extractors.relations.collect import _Out
from extractors.relations.cues import _VERB_CUES, RELATIVE_VERBS
from extractors.relations.grammar import _ADV, _DONE_CLAUSE, _MODS
from extractors.relations.masking import _G, _NP, _NPI, _X, _clause_of, _ids, _Masked
from extractors.relations.sentence_topic import _topic
from kg.model import Category, RelationType

R = RelationType


_PREP = "(?:以|用|通过|依靠|借助|依托|运用)"

#: a verb between the preposition of a means and the concept (以扩大X带动Y, 以改革创新精神…)
_PREP_VERB = "(?:扩大|加强|增进|发扬|坚持|深化|推进|完善|强化|健全|提高|发展)"
_NO_SUBJECT_BEFORE = re.compile(
    "(?:对|把|将|在|向|与|和|从|由|被|给|为|让|使|同|跟|及|、|的|之|于"
    # a modal or manner adverb right before: the 'concept' is used as a verb (要统筹协调促进…)
    "|要|必须|应当|应|将|会|能|负责|积极|大力|加快|着力|进一步|切实|不断|深入|全面|继续|认真"
    # the object of a doing verb right before: the actor of the next verb is elided
    # (为继续推进改革开放营造…政治生态: 改革开放 creates nothing)
    "|推进|推动|加强|深化|坚持|实施)$"
)
_RELATIVE_RE = re.compile(
    f"({'|'.join(RELATIVE_VERBS)})({_G})((?:{_NPI}{{0,6}}?)?)的{_MODS}({_G})(?![\ue000-\uf8ff]|的)"
)

#: 推动Y进行的X: the gap of a relative clause saying that Y does X
_DOER_GAP_RE = re.compile("(?:进行|开展|领导|发动|从事|推进)")
#: 确保Y在我国的X…: a gap opening on a preposition ends in its object; 的 is not the relative's
_PREPOSITION_GAP_RE = re.compile("[在对从向于把被由给]")

_TASK_RE = re.compile(f"({_G})的{_MODS}(?:任务|职责|使命|目的)(?:就|都|正)?是")


_G_RE = re.compile(_G)
_PREP_BEFORE_RE = re.compile(f"{_PREP}(?:{_NPI}{{0,4}}的|{_PREP_VERB})?$")
#: the longest match of _PREP_BEFORE_RE (通过 + four characters + 的) and of _NO_SUBJECT_BEFORE (进一步)
_PREP_BEFORE_MAX = 7
_NO_SUBJECT_MAX = 3
_ACTION_SUFFIX_RE = re.compile("(?:的?(?:建设|工作|实践|改革))?")
_SERVES_RE = re.compile(f"({_G}){_ADV}*为({_NPI}{{0,4}}?)({_G})({_NPI}{{0,6}}?)服务")
_DONE_EFFECT_RE = re.compile(f"^{_ADV}*(推动|促进|带动|推进|保障|保证|维护)了")
_BEFORE_RELATIVE_RE = re.compile(f"(?:{_X}|把|将|对|以|用|通过|为|在|是|成为|作为){_ADV}*$")
_PROMOTE_SHORT_RE = re.compile(
    f"(?:以|用|通过)({_G})((?:促(?!进|使|成|动){_NPI}{{0,2}}?{_G}(?:[、，,]?(?=促))?)+)"
)
_PROMOTE_ITEM_RE = re.compile(f"促{_NPI}{{0,2}}?({_G})")
_REALISED_THROUGH_RE = re.compile(
    f"(?:通过|依托|借助|依靠|要靠|靠)({_G}){_NP}{{0,3}}?(?:来|去)?(?:实现|践行|落实|行使)({_G})"
)
_REALISED_BY_RE = re.compile(
    f"({_G}){_NP}{{0,8}}?(?:依)?靠{_NPI}{{0,4}}?({_G}){_NP}{{0,3}}?(?:来|去)(?:实现|落实|完成)"
    "(?=[，,；;。！？!?]|$)"
)
#: a clause that is only a means (国有企业要通过改革创新、强身健体，…): its first item a concept
_MEANS_CLAUSE_RE = re.compile(f"(?:{_X}|{_NP}){{0,8}}?通过({_X})(?:、{_NPI}{{1,8}})*(?=[，,]|$)")
_IN_COURSE_RE = re.compile(f"在({_G}){_NP}{{0,3}}?(?:中|过程中|进程中)")


def _verbs(m: _Masked, clauses: list[tuple[int, int]], out: _Out) -> None:
    s = m.s
    # X(副词)V Y and 以X V Y, within one clause
    for a, b in clauses:
        for g in _G_RE.finditer(s[a:b]):
            gs, ge = a + g.start(), a + g.end()
            # both patterns end at gs ($): only the last few characters can take part
            prep = _PREP_BEFORE_RE.search(s, max(a, gs - _PREP_BEFORE_MAX), gs)
            if not prep and _NO_SUBJECT_BEFORE.search(s, max(a, gs - _NO_SUBJECT_MAX), gs):
                continue
            sfx = _ACTION_SUFFIX_RE.match(s, ge, b)
            ge = sfx.end() if sfx else ge
            if prep and s.startswith("来", ge):
                ge += 1  # 以X来推动Y: 来 of purpose after a means
            heads = _ids(g.group(0))
            for typ, objs, _ in _verb_chain(m, ge, b, means=bool(prep)):
                if typ is R.GUIDES and any(m.spans[h].category is Category.PRACTICE for h in heads):
                    continue  # 调研指导…: an activity does not lead
                out.add(heads, typ, objs, "svo")
    # 通过X(、Y)，(不断)增强Z: a means closing its clause, what it is for opening the next
    for ci, (a, b) in enumerate(clauses[:-1] if "通过" in s else []):
        mm = _MEANS_CLAUSE_RE.match(s, a, b)
        if mm:
            na, nb = clauses[ci + 1]
            for typ, objs, _ in _verb_chain(m, na, nb, means=True):
                out.add(_ids(mm.group(1)), typ, objs, "means_clause")
    # a topic carried to later clauses that start with a verb: statements only
    topic, nominal, directive = _topic(m, clauses)
    if topic:
        for a, b in clauses[1:]:
            if not _ITEM_RE.match(s, a, b):
                continue
            for typ, objs, perfect in _verb_chain(m, a, b):
                if (
                    typ is R.EMBODIES
                    or (perfect and not directive)
                    or (typ is R.GUIDES and nominal and not directive)
                ):
                    out.add(topic, typ, [o for o in objs if o not in topic], "topic_carried")
    # X为Y服务: X serves Y
    for sm in _SERVES_RE.finditer(s) if "服务" in s else ():
        if "的" not in sm.group(2) + sm.group(4):
            out.add(_ids(sm.group(1)), R.PROMOTES, _ids(sm.group(3)), "serves")
    # 推进X，有力地促进了Y: the effect of what was done (not a bare purpose 健全X，促进Y: the dev
    # gold does not read task lists that way, 19 false positives)
    for ci, (a, b) in enumerate(clauses[1:] if "了" in s else [], start=1):
        vm = _DONE_EFFECT_RE.match(s[a:b])
        if not vm:
            continue
        dm = _DONE_CLAUSE.match(s[clauses[ci - 1][0] : clauses[ci - 1][1]])
        om = re.compile(f"{_NPI}{{0,4}}?({_G})").match(s, a + vm.end(), b)
        if dm and om:
            out.add(_ids(dm.group(1)), _VERB_CUES[vm.group(1)], _ids(om.group(1)), "effect_of_done")
    # 保证Y的X: a relative clause says what X does (健全保证宪法实施的制度体系)
    for rm in _RELATIVE_RE.finditer(s) if "的" in s else ():
        if _BEFORE_RELATIVE_RE.search(s[: rm.start()]):
            continue  # a subject, preposition or copula before the verb: the copula rules decide
        if _DOER_GAP_RE.match(rm.group(3)):
            continue  # 推动Y进行的X: Y is the doer of X, not what X advances
        if _PREPOSITION_GAP_RE.match(rm.group(3)):
            continue  # 确保社会团体在我国的改革开放…中发挥作用: no relative clause
        heads = [k for k in _ids(rm.group(4)) if m.spans[k].category is not Category.PERSON]
        out.add(heads, _VERB_CUES[rm.group(1)], _ids(rm.group(2)), "relative_clause")
    # 以X促Y(、促Z): the short form of 以X促进Y
    for pm in _PROMOTE_SHORT_RE.finditer(s) if "促" in s else ():
        for om in _PROMOTE_ITEM_RE.finditer(pm.group(2)):
            out.add(_ids(pm.group(1)), R.PROMOTES, _ids(om.group(1)), "promote_short")
    # 通过X实现Y: X is the channel through which Y is realised
    for cm in (
        _REALISED_THROUGH_RE.finditer(s) if "靠" in s or "通过" in s or "依托" in s or "借助" in s else ()
    ):
        out.add(_ids(cm.group(1)), R.CARRIER_OF, _ids(cm.group(2)), "realised_through")
    # Y要靠X(去)实现: the same, the realised thing first
    for cm in _REALISED_BY_RE.finditer(s) if "靠" in s else ():
        out.add(_ids(cm.group(2)), R.CARRIER_OF, _ids(cm.group(1)), "realised_by")
    # X的根本任务是确保Y: the verb of the task decides
    for tm in _TASK_RE.finditer(s) if "是" in s else ():
        ci = _clause_of(clauses, tm.end())
        for typ, objs, _ in _verb_chain(m, tm.end(), clauses[ci][1]):
            out.add(_ids(tm.group(1)), typ, objs, "task_is")
    # 在X中V Y: X advances Y
    for im in _IN_COURSE_RE.finditer(s) if "在" in s else ():
        ci = _clause_of(clauses, im.end())
        end = clauses[ci][1]
        pos = im.end()
        while pos < end:
            vm = re.compile(f"{_ADV}*(?:增强|实现|巩固|提升|提高|推进|推动|促进|发展|激发)").match(
                s, pos, end
            )
            if not vm:
                nxt = re.compile(f"{_NP}{{1,12}}?、").match(s, pos, end)
                if not nxt:
                    break
                pos = nxt.end()
                continue
            obj = re.compile(f"({_NP}{{0,4}}?)({_G})").match(s, vm.end(), end)
            if obj:
                out.add(_ids(im.group(1)), R.PROMOTES, _ids(obj.group(2)), "in_course_of")
                pos = obj.end()
            else:
                pos = vm.end()
