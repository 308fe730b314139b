"""Membership family (PART_OF): ``C由A、B组成``, ``A、B共同构成C``, ``以A、B为主要内容的C``
(its structure variant), ``四个意识，即A、B、C、D``, ``A、B等C``, ``A、B、C三大攻坚战``,
``A、B的C程序``, ``A、B（以下统称C）``, ``C包括A、B``, ``把A…纳入C``,
``A、B相结合的C`` and ``坚持C首先要坚持A``."""

from __future__ import annotations

import re

from extractors.relations.collect import _Out
from extractors.relations.cues import _FRAME_ENDINGS, _NUM_FORMULA, RELATIVE_VERBS
from extractors.relations.grammar import _ADV, _DO_VERB
from extractors.relations.masking import _CLAUSE_END, _CONJ, _G, _NP, _NPI, _X, _ids, _Masked
from extractors.spans import ConceptSpan
from kg.model import Category, RelationType

R = RelationType


#: 等 then at most two characters before the whole, but no verb (与X等建立合作机制: X is a
#: partner, not a part)
_ETC_RE = re.compile(
    f"({_G})((?:、{_NPI}{{1,8}}?)*)等(?![的和与及])(?!{_DO_VERB}|建立|参与|加入|设立)({_NP}{{0,2}}?)({_X})"
)
#: what may follow the whole of a list the extractor knows only partly: the phrase ends there
_WHOLE_ENDS = re.compile(f"(?:建设|工作|作用)?(?:[{_CLAUSE_END}的]|$)")
#: a list opened by 围绕/就/针对 in its clause names topics (围绕A、B等建言)
_TOPICS_BEFORE = re.compile(f"(?:围绕|针对)[^{_CLAUSE_END}]*$")
_ENUM = f"{_X}(?:(?:、|和|与|以及|及){_X})+"
_ENUM_FORMULA_RE = re.compile(f"({_ENUM})的?({_X})")
_ENUM_OF_RE = re.compile(f"({_X}(?:、{_X})+(?:(?:和|与|以及|及){_X})?)的({_X})")
_COLLECTIVE_RE = re.compile(f"({_ENUM})[（(](?:以下|下文)?(?:统称|简称|合称|并称)为?({_X})[)）]")
_INTO_SCOPE_RE = re.compile(
    f"(?:把|将)[^的，,；;。！？!?\ue000-\uf8ff]{{0,6}}?({_G})[^。！？!?；;]{{0,24}}?(?:纳入|列入)(?:到)?"
    f"({_X}(?:{_CONJ}{_NPI}{{0,4}}?{_X})*)"  # 纳入A和地方各级B: a later item may have its own modifier
)
_COMBINED_RE = re.compile(f"({_ENUM})(?:相结合|有机结合|相统一|相融合)的({_X})")
#: 以A为主体、B为补充、C为引导的D: the roles of D's parts (two at least)
_ROLE_OF_PART = "(?:主体|补充|引导|骨干|依托|网底|龙头|支撑|主导|核心|重点|纽带)"
_STRUCTURE_RE = re.compile(
    f"以{_NP}{{0,12}}?({_X}(?:{_CONJ}{_NPI}{{0,4}}?{_X})*)为{_ROLE_OF_PART}((?:[、，,]{_NPI}{{0,4}}?{_G}为{_ROLE_OF_PART})+)"
    f"(?:[、，,][^。！？!?；;为]{{0,16}}?)?的({_X})"
)
_INCLUDE_RE = re.compile(f"({_X})(?:主要|具体|一般)?(?:包括|包含|涵盖)了?({_G})")
_COMPOSED_RE = re.compile(
    f"({_X})(?:{_NPI}{{0,2}}?)由({_G})(?:等{_NPI}{{0,4}}?)?(?:共同)?(?:组成|构成)"
    f"|由({_G})(?:等{_NPI}{{0,4}}?)?(?:共同)?(?:组成|构成)的({_X})"
)
#: the whole ends its phrase: not 组成C的D, nor 组成|国家组织|药品集中采购…工作小组 (a longer name)
_CONSTITUTE_RE = re.compile(
    f"({_X}(?:{_CONJ}{_X})+)(?:等)?(?:共同|一起)?(?:构成|组成)了?({_X})(?![的\u4e00-\u9fff])"
)
_NAMELY_RE = re.compile(
    f"({_X})(?:[，,]?即|[：:])({_X}(?:{_CONJ}{_X})+)(?=[，,；;。！？!?]|$)|({_X})[（(]({_X}(?:{_CONJ}{_X})+)[)）]"
)
_FIRST_RE = re.compile(f"(?:坚持)?({_X})首先(?:要|就是|是|必须|就要)(?:坚持|做到|抓好)?({_G})")


def _is_formula(sp: ConceptSpan) -> bool:
    return sp.category is Category.FORMULA or bool(_NUM_FORMULA.match(sp.name))


def _partly_known_list(m: _Masked, em: re.Match[str], members: list[int], whole: int) -> bool:
    """Whether a list closed by 等 whose later items the extractor does not know (_ETC_RE's
    group 2) still names parts of its whole: most items known, the whole right after 等 and
    ending the phrase, and no people named before a task (高校毕业生、退役军人等就业工作)."""
    sp = m.spans
    return (
        not em.group(3)
        and em.group(2).count("、") <= len(members)
        and _WHOLE_ENDS.match(m.s, em.end()) is not None
        and (
            sp[whole].category is Category.ORGANIZATION
            or all(sp[k].category is not Category.ORGANIZATION for k in members)
        )
    )


def _membership(m: _Masked, out: _Out) -> None:
    s, sp = m.s, m.spans
    for cm in _COMBINED_RE.finditer(s) if "结合" in s or "相统一" in s or "相融合" in s else ():
        out.add(_ids(cm.group(1)), R.PART_OF, _ids(cm.group(2)), "combined_parts")
    for em in _ETC_RE.finditer(s) if "等" in s else ():
        members, whole = _ids(em.group(1)), _ids(em.group(4))[0]
        if em.group(2) and not _partly_known_list(m, em, members, whole):
            continue
        if any(sp[k].category is Category.PERSON for k in members):
            continue  # 张三、李四等代表: people named as examples
        if sp[whole].category is Category.ORGANIZATION and any(
            sp[k].category is not Category.ORGANIZATION for k in members
        ):
            continue  # 公众参与、专家论证等政府决策程序: the organization only modifies
        if _TOPICS_BEFORE.search(s, 0, em.start()):
            continue  # 围绕A、B等协商议政: the topics of an activity, not its parts
        out.add(members, R.PART_OF, [whole], "etc_list")
    for fm in _ENUM_FORMULA_RE.finditer(s):
        tail = _ids(fm.group(2))[0]
        if _is_formula(sp[tail]):
            out.add(_ids(fm.group(1)), R.PART_OF, [tail], "enum_formula")
    for om in _ENUM_OF_RE.finditer(s) if "的" in s else ():
        tail = _ids(om.group(2))[0]
        members = _ids(om.group(1))
        if not sp[tail].name.endswith(_FRAME_ENDINGS):
            continue
        if any(sp[k].category in (Category.ORGANIZATION, Category.PERSON) for k in members):
            continue
        if m.s.endswith(RELATIVE_VERBS, 0, om.start()):
            continue  # 促进A、B的机制: the list is what the mechanism advances (relative_clause)
        out.add(members, R.PART_OF, [tail], "enum_frame_of")
    for cm in _COLLECTIVE_RE.finditer(s) if "称" in s else ():
        out.add(_ids(cm.group(1)), R.PART_OF, _ids(cm.group(2)), "collective_name")
    for sm in _STRUCTURE_RE.finditer(s) if "以" in s else ():
        later = [k for g in re.finditer(f"({_G})为", sm.group(2)) for k in _ids(g.group(1))]
        members = _ids(sm.group(1)) + later
        out.add(members, R.PART_OF, _ids(sm.group(3)), "frame_structure")
    for nm in _INTO_SCOPE_RE.finditer(s) if "入" in s else ():
        if not re.search(f"[，,；;：:]{_ADV}*(?:纳入|列入)|^{_NP}*(?:纳入|列入)", s[nm.end(1) : nm.start(2)]):
            continue  # 纳入 must govern the 把-object: in its clause or opening the next one
        if not re.match(
            "(?:的)?(?:工作|政策)?(?:全过程|范围|之中|中|体系|规划|计划|内容|框架)?(?:[，,；;：:。！？!?、]|$)",
            s[nm.end(2) :],
        ):
            continue  # 纳入法治轨道, 纳入Y建设考评体系: Y only modifies what X joins
        out.add(_ids(nm.group(1)), R.PART_OF, _ids(nm.group(2)), "into_scope")
    for im in _INCLUDE_RE.finditer(s) if "包" in s or "涵盖" in s else ():
        out.add(_ids(im.group(2)), R.PART_OF, _ids(im.group(1)), "includes")
    for fm in _FIRST_RE.finditer(s) if "首先" in s else ():
        out.add(_ids(fm.group(2)), R.PART_OF, _ids(fm.group(1)), "first_of")
    # C由A、B组成, 由A、B组成的C, A、B共同构成C
    composed = "构成" in s or "组成" in s
    for cm in _COMPOSED_RE.finditer(s) if composed else ():
        whole_s, members_s = (cm.group(1), cm.group(2)) if cm.group(1) else (cm.group(4), cm.group(3))
        out.add(_ids(members_s), R.PART_OF, _ids(whole_s), "composed_of")
    for cm in _CONSTITUTE_RE.finditer(s) if composed else ():
        wholes = _ids(cm.group(2))
        if sp[wholes[0]].surface.startswith("人员"):
            continue  # 常委会、专门委员会组成人员(结构): the staff that make them up, no whole
        out.add(_ids(cm.group(1)), R.PART_OF, wholes, "composed_of")
    # 四个意识，即A、B、C、D: the members of a numbered formula
    namely = "即" in s or "：" in s or ":" in s or "（" in s or "(" in s
    for nm in _NAMELY_RE.finditer(s) if namely else ():
        whole = _ids(nm.group(1) or nm.group(3))[0]
        if _is_formula(sp[whole]):
            out.add(_ids(nm.group(2) or nm.group(4)), R.PART_OF, [whole], "formula_namely")
