"""Typed relations between the concept mentions of one sentence (pure).

The finder works on a *masked* sentence: every concept span is replaced by one
private-use character (U+E000 + its index), quotes are dropped and white space
becomes a clause break. Cue grammars are then regular expressions over that
string, so a cue like ``以X推动Y`` is literally ``以(G)推动(G)`` where ``G`` is a
coordinated group of concepts (``A、B和C``; each conjunct takes part).

Constructions, with the guideline direction head -> tail (every rule has a tag
in `RULES`, with where it comes from; `explain_relations` reports it):

* copula ``X是(…)Y的(…)N`` and its variants ``把(提高)X作为…Y的N(抓紧抓好)``, ``X作为…N``,
  ``以X为N的Y``, ``X既是…N，又是…N`` (subject carried to later ``是`` clauses,
  to ``这也是``, over a note in brackets ``X（室）是…`` and from a topic clause ``实施X，是…``,
  each of several opening ones: ``发展X，健全Y，是…``, but not a clause saying what the topic
  bears on, ``…，直接关系Y，是…``; a subject before ``不仅是`` or named by its growth,
  ``X的不断加强，是…``; a predicate that is a verb phrase
  without 的 runs over up to three later clauses to its noun:
  ``X是凝聚…，促进A、B的和谐，…的重要法宝``),
  the reversed ``Y的N是X`` (also ``Y最本质的特征是X``),
  ``X成为Y的N`` / ``把X打造成Y的N`` (a copula of change), ``X是C之一`` (PART_OF),
  and ``X是保障Y的重要措施`` (a generic noun: the verb decides; a verb of ensuring may
  take Y in a state, ``是确保Y合法有效的重要措施``); the head noun N
  decides the type (载体/途径/形式 -> CARRIER_OF, 保证/保障 -> GUARANTEES,
  本质特征/核心/真谛 -> ESSENTIAL_FEATURE_OF, 组成部分/首要内容/任务 -> PART_OF,
  体现 -> EMBODIES, 动力/抓手/支撑 -> PROMOTES, 指导思想/领导核心 -> GUIDES; 主体 is a part
  only right after ``Y的`` (``是Y的主体``; ``是推进Y的重要主体``: the verb decides; ``…管理主体``: none)), see
  `cues._NOUN_CUES`, with broader classes of each (路径/桥梁/纽带, 前提/基石/根基,
  本色/底色, 要素/支柱/重点, 表现/标志, 源泉/动能, 旗帜/指针; `cues._OWN_NOUNS`).
  Only a possessor ``Y的`` of N is a tail, not every concept of
  the predicate (``依法治国是党领导人民治理国家的基本方式`` has none);
* verb cues ``X推动Y``, ``以/用/通过X推动Y``, ``X体现了Y`` … (`cues._VERB_CUES`), with
  chains ``以X促进A、保障B``; a sentence topic is carried to later clauses only
  for statements (``体现了``, ``…了``, ``领导…``), never for directives (``要…``)
  and never from a speaker (``习近平强调，…``); ``在X中增强Y``, ``通过X实现Y``,
  ``通过X(、Y)，不断增强Z`` (a means closing its clause),
  ``X为Y服务``, ``推进X，有力地促进了Y``, ``以X促Y、促Z`` (also ``以X来逐步推动Y``), relative clauses
  ``健全保证Y的X`` (X guarantees Y; not after a subject or copula, not ``推动Y进行的X``);
  the object of a doing verb is no subject of the next verb (``推进X营造Y``);
* guidance frames ``以X为指导/引领/主线``, ``在X的领导/指引下``, ``以X统揽Y``,
  ``X为Y指明方向``, ``X对Y的领导``, ``X领导的Y``, ``将Y置于X的领导下``, ``X对Y作出
  部署``; what is guided is the object of a doing verb in the following clauses
  (``着力推进Y``; not ``贯彻Y精神``), the defined task (``发展Y，就是以X为指导``) or
  the goals of a closing ``为Y而奋斗`` (not a possessor: ``实现中华民族的伟大复兴``);
* role frames ``发挥X对Y的引领作用``, ``X在Y领域的指导地位``, ``X在促进Y中的积极作用``
  (the verb decides), ``发挥X…Y的保障作用``,
  ``为Y提供保证``, ``为Y保驾护航``, ``为Y作出贡献`` (the provider may be a clause naming a
  concept put into effect, ``厂长负责制的推行，为Y创造了条件``), ``对促进Y具有…作用`` (in
  ``X作为Y的N，对促进Z…`` the significance is X's),
  ``把X落到实处，确保Y``;
* unification ``坚持X、Y、Z有机统一/相结合/共同推进/一体建设`` (all pairs, each
  once; an item may carry an action, ``A建设和B建设完美结合``, and the list may stay
  open, ``A与B等融合发展``; not among a list after 同, the second party of a pairing,
  ``把X同A、B结合起来``) and ``A和B、C和D相结合`` (each pair);
* membership ``C由A、B组成``, ``A、B共同构成C``, ``以A、B为主要内容的C``,
  ``四个意识，即A、B、C、D`` / ``两个维护（A、B）`` (formulas only), ``A、B等C``
  (also ``A、B、c等C`` when most items are found and C ends the phrase),
  ``A、B、C三大攻坚战``, ``A、B的C程序/体制/理念``,
  ``A、B（以下统称C）``, ``C包括A、B``, ``把A…纳入C``, ``坚持C首先要坚持A``;
* change ``把X(优势)转化为Y``, ``由/从X向Y转变``, ``由/从X转向Y``.

Span boundaries: a longer span that is only another span plus 建设 or a
unification cue (``法治社会一体建设``), or that holds a copula 是 outside its inner
spans, gives way to its inner spans (`masking._prefer_inner`; seen in the pipeline's dev
output); relation ends are always spans as given.

Co-occurrence alone never yields a relation. Categories veto some readings: no body
or person is what a concept advances, guarantees, carries or embodies (`collect.NO_TAIL`;
``推动三级公立医院…``), a person is no feature (``以习近平同志为核心的党中央``) and no carried topic, an
activity does not lead (``调研指导…``), people listed before ``等代表`` are no
parts, organizations listed before ``的C制度`` are possessors.

Layout: `engine` runs the cue families (`copula`, `frames`, `guidance`, `verbs`,
`roles`, `unification`, `membership`, `change`, one module each) over the masked
sentence of `masking`; the families share only these modules, never each other or the
engine:

* `masking`: the masked sentence, its character classes and its clauses;
* `cues`: the cue lexicons; `rules`: `RULES`, `END_RULES`, `DEV_RULES`;
* `grammar`: regular-expression pieces built from them (adverbs, modifiers, doing verbs);
* `collect`: `_Out`, the relations of one sentence with the rule that found each;
* `predicate`: the type and tails of a copula-like predicate ``…Y的(修饰)N``;
* `chain`: verb chains ``V Y、V Z``; `sentence_topic`: the concept group a sentence
  opens with; `tails`: what a frame points at in the clauses after it.
"""

from __future__ import annotations

from extractors.relations.engine import (
    defining_relations,
    explain_relations,
    find_relations,
    has_defining_cue,
)
from extractors.relations.rules import DEV_RULES, END_RULES, RULES
from extractors.relations.tails import TOPIC_MENTIONS

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
