"""Typed relations between the concept mentions of one sentence (pure).

The finder works on a *masked* sentence: every concept span is replaced by one
private-use character (U+E000 + its index), quotes are dropped and white space
becomes a clause break. Cue grammars are then regular expressions over that
string, so a cue like ``以X推动Y`` is literally ``以(G)推动(G)`` where ``G`` is a
coordinated group of concepts (``A、B和C``; each conjunct takes part).

Constructions, with the guideline direction head -> tail (every rule has a tag
in `RULES`, with where it comes from; `explain_relations` reports it):

* copula ``X是(…)Y的(…)N`` and its variants ``把X作为…Y的N``, ``X作为…N``,
  ``以X为N的Y``, ``X既是…N，又是…N`` (subject carried to later ``是`` clauses,
  to ``这也是`` and from a topic clause ``实施X，是…``), the reversed ``Y的N是X``,
  ``X成为Y的N`` / ``把X打造成Y的N`` (a copula of change), ``X是C之一`` (PART_OF),
  and ``X是保障Y的重要措施`` (a generic noun: the verb decides); the head noun N
  decides the type (载体/途径/形式 -> CARRIER_OF, 保证/保障 -> GUARANTEES,
  本质特征/核心/真谛 -> ESSENTIAL_FEATURE_OF, 组成部分/首要内容/任务 -> PART_OF,
  体现 -> EMBODIES, 动力/抓手/支撑 -> PROMOTES, 指导思想/领导核心 -> GUIDES), see
  `_NOUN_CUES`, with broader classes of each (路径/桥梁/纽带, 前提/基石/根基,
  本色/底色, 要素/支柱/重点, 表现/标志, 源泉/动能, 旗帜/指针; `_OWN_NOUNS`).
  Only a possessor ``Y的`` of N is a tail, not every concept of
  the predicate (``依法治国是党领导人民治理国家的基本方式`` has none);
* verb cues ``X推动Y``, ``以/用/通过X推动Y``, ``X体现了Y`` … (`_VERB_CUES`), with
  chains ``以X促进A、保障B``; a sentence topic is carried to later clauses only
  for statements (``体现了``, ``…了``, ``领导…``), never for directives (``要…``)
  and never from a speaker (``习近平强调，…``); ``在X中增强Y``, ``通过X实现Y``,
  ``X为Y服务``, ``推进X，有力地促进了Y``, ``以X促Y、促Z``, relative clauses
  ``健全保证Y的X`` (X guarantees Y; not after a subject or copula);
* guidance frames ``以X为指导/引领/主线``, ``在X的领导/指引下``, ``以X统揽Y``,
  ``X为Y指明方向``, ``X对Y的领导``, ``X领导的Y``, ``将Y置于X的领导下``, ``X对Y作出
  部署``; what is guided is the object of a doing verb in the following clauses
  (``着力推进Y``; not ``贯彻Y精神``), the defined task (``发展Y，就是以X为指导``) or
  the goals of a closing ``为Y而奋斗``;
* role frames ``发挥X对Y的引领作用``, ``X在Y领域的指导地位``, ``发挥X…Y的保障作用``,
  ``为Y提供保证``, ``为Y保驾护航``, ``为Y作出贡献``, ``对促进Y具有…作用``,
  ``把X落到实处，确保Y``;
* unification ``坚持X、Y、Z有机统一/相结合/共同推进/一体建设`` (all pairs, each
  once) and ``A和B、C和D相结合`` (each pair);
* membership ``C由A、B组成``, ``A、B共同构成C``, ``以A、B为主要内容的C``,
  ``四个意识，即A、B、C、D`` / ``两个维护（A、B）`` (formulas only), ``A、B等C``,
  ``A、B、C三大攻坚战``, ``A、B的C程序/体制/理念``,
  ``A、B（以下统称C）``, ``C包括A、B``, ``把A…纳入C``, ``坚持C首先要坚持A``;
* change ``把X(优势)转化为Y``, ``由X向Y转变``, ``由X转向Y``.

Span boundaries: a longer span that is only another span plus 建设 or a
unification cue (``法治社会一体建设``), or that holds a copula 是 outside its inner
spans, gives way to its inner spans (`_prefer_inner`; seen in the pipeline's dev
output); relation ends are always spans as given.

Co-occurrence alone never yields a relation. Categories veto some readings: a
person is no feature (``以习近平同志为核心的党中央``) and no carried topic, an
activity does not lead (``调研指导…``), people listed before ``等代表`` are no
parts, organizations listed before ``的C制度`` are possessors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from extractors.relations.collect import _Out
from extractors.relations.copula import _COPULA_RE, _copula
from extractors.relations.cues import _FRAME_ENDINGS, _NUM_FORMULA, _UNITY_CUES
from extractors.relations.frames import _frames
from extractors.relations.grammar import _ADV, _alt
from extractors.relations.guidance import _guidance, _requirements
from extractors.relations.masking import _CONJ, _G, _NP, _NPI, _X, _clauses, _ids, _mask, _Masked
from extractors.relations.predicate import _classify
from extractors.relations.roles import _roles
from extractors.relations.rules import DEV_RULES, END_RULES, RULES
from extractors.relations.tails import TOPIC_MENTIONS
from extractors.relations.unification import _unity
from extractors.relations.verbs import _verbs
from extractors.spans import ConceptSpan, FoundRelation
from kg.model import Category, RelationType

R = RelationType

__all__ = [
    "DEV_RULES",
    "END_RULES",
    "RULES",
    "TOPIC_MENTIONS",
    "defining_relations",
    "explain_relations",
    "find_relations",
    "has_defining_cue",
]


# --------------------------------------------------------------------------
# the finder
# --------------------------------------------------------------------------


def find_relations(
    text: str,
    sentence: tuple[int, int],
    spans: Sequence[ConceptSpan],
    topics: Mapping[str, int] | None = None,
    titled: frozenset[str] = frozenset(),
) -> list[FoundRelation]:
    """Typed relations stated in one sentence between its concept mentions; `topics` (the
    concepts the document is about, with their mentions: `extractors.core.document_topics`)
    and `titled` (those its official title names) let a guiding-principles sentence point at
    the document's topic."""
    return [r for r, _ in explain_relations(text, sentence, spans, topics=topics, titled=titled)]


def explain_relations(
    text: str,
    sentence: tuple[int, int],
    spans: Sequence[ConceptSpan],
    exclude: frozenset[str] = frozenset(),
    topics: Mapping[str, int] | None = None,
    titled: frozenset[str] = frozenset(),
) -> list[tuple[FoundRelation, str]]:
    """`find_relations` with the rule (a key of `RULES`) that found each
    relation; the rules in `exclude` are switched off (for ablations)."""
    m = _mask(text, sentence, spans)
    if len(m.spans) < 2:
        return []
    out = _Out(m, exclude, topics, titled)
    clauses = _clauses(m.s)
    _copula(m, clauses, out)
    _frames(m, clauses, out)
    _guidance(m, clauses, out)
    _requirements(m, clauses, out)
    _verbs(m, clauses, out)
    _roles(m, clauses, out)
    _unity(m, out)
    _membership(m, out)
    _change(m, out)
    return out.result()


def has_defining_cue(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a word that can trigger one of the END_RULES."""
    return _DEFINING_CUE_RE.search(text, start, end) is not None


def defining_relations(
    text: str, sentence: tuple[int, int], spans: Sequence[ConceptSpan]
) -> list[tuple[FoundRelation, str]]:
    """Only the relations of the constructions in `END_RULES` (definitions and unification
    lists), with their rules: the cheap pass that may promote weak terms to concepts."""
    if not has_defining_cue(text, sentence[0], sentence[1]):
        return []  # no copula, no unification cue: none of the END_RULES can apply
    m = _mask(text, sentence, spans)
    if len(m.spans) < 2:
        return []
    out = _Out(m, frozenset(RULES) - END_RULES)
    _copula(m, _clauses(m.s), out)
    _unity(m, out)
    return out.result()


# ---- membership ------------------------------------------------------------

_ETC_RE = re.compile(f"({_G})等(?![的和与及])(?:{_NP}{{0,2}}?)({_X})")
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
_CONSTITUTE_RE = re.compile(f"({_X}(?:{_CONJ}{_X})+)(?:等)?(?:共同|一起)?(?:构成|组成)了?({_X})(?!的)")
_NAMELY_RE = re.compile(
    f"({_X})(?:[，,]?即|[：:])({_X}(?:{_CONJ}{_X})+)(?=[，,；;。！？!?]|$)|({_X})[（(]({_X}(?:{_CONJ}{_X})+)[)）]"
)
_FIRST_RE = re.compile(f"(?:坚持)?({_X})首先(?:要|就是|是|必须|就要)(?:坚持|做到|抓好)?({_G})")


def _is_formula(sp: ConceptSpan) -> bool:
    return sp.category is Category.FORMULA or bool(_NUM_FORMULA.match(sp.name))


def _membership(m: _Masked, out: _Out) -> None:
    s, sp = m.s, m.spans
    for cm in _COMBINED_RE.finditer(s) if "结合" in s or "相统一" in s or "相融合" in s else ():
        out.add(_ids(cm.group(1)), R.PART_OF, _ids(cm.group(2)), "combined_parts")
    for em in _ETC_RE.finditer(s) if "等" in s else ():
        members, whole = _ids(em.group(1)), _ids(em.group(2))[0]
        if any(sp[k].category is Category.PERSON for k in members):
            continue  # 张三、李四等代表: people named as examples
        if sp[whole].category is Category.ORGANIZATION and any(
            sp[k].category is not Category.ORGANIZATION for k in members
        ):
            continue  # 公众参与、专家论证等政府决策程序: the organization only modifies
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
        out.add(_ids(cm.group(1)), R.PART_OF, _ids(cm.group(2)), "composed_of")
    # 四个意识，即A、B、C、D: the members of a numbered formula
    namely = "即" in s or "：" in s or ":" in s or "（" in s or "(" in s
    for nm in _NAMELY_RE.finditer(s) if namely else ():
        whole = _ids(nm.group(1) or nm.group(3))[0]
        if _is_formula(sp[whole]):
            out.add(_ids(nm.group(2) or nm.group(4)), R.PART_OF, [whole], "formula_namely")


# ---- change -------------------------------------------------------------------

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


#: every word that can trigger one of the END_RULES: a copula (_COPULA_RE), a unification cue
#: (_UNITY_CUES, 双向发力) or advancing together (_JOINTLY_RE)
_DEFINING_CUE_RE = re.compile(
    f"{_COPULA_RE.pattern}|{_alt(_UNITY_CUES)}|双向发力|(?:协同|一体|同步)(?:推进|推动|发展)"
)
