"""Guideline shape of a mined corpus term (pure).

Corpus terms (data/corpus_terms.tsv) are n-grams kept by a classifier; many
are a concept plus something the guidelines leave out. `shape_term` applies
the same rules the assembler and patterns follow, on the term's tokens:

* a light verb and its object name an act (作出|重要指示, 召开|全国科学大会), not a term;
* an action verb before a concept makes a verb-object phrase, not a term
  (打响|疫情防控, 接受|社会监督, 增进|台湾同胞福祉), unless the object is a known
  term: then the object is the concept (大力发展|职业教育 → 职业教育; 全面 and an action
  count as one verb, 全面推进|乡村振兴 → 乡村振兴, but not 全面建成/建设/深化, which open
  canonical names);
* a predicate after it makes a clause (人权事业全面发展, 非公有制经济健康发展);
* 对 and one word at the end make a prepositional phrase, not a name
  (人大|对|行政机关; but 党对军队绝对领导 goes on after the object, 总对总 is one word);
* a term opening on 问题 and two more words is the rest of a longer name (问题|专项|整治);
* generic tails are cut, several in a row too (全民普法力度 → 全民普法, 祖国和平统一进程 →
  祖国和平统一, 理想信念教育常态化制度化 → 理想信念教育), and generic action heads when what
  precedes is a known term (合宪性审查工作 → 合宪性审查, 体育强国建设 → 体育强国);
* collective determiners are cut (各民主党派 → 民主党派);
* "the spirit of" a meeting names the meeting (党的二十大精神 → 党的二十大);
* 特别是 / 尤其是 joins two names, the second singled out of the first (服务业特别是现代服务业).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extractors.assemble import _ACTION_PARTS, LEADING_ACTIONS, is_manner_action
from extractors.patterns import MORE_LIST_VERBS

#: first words that make a verb-object phrase (adverbs that start real names are left out)
LEAD_VERBS = (
    LEADING_ACTIONS
    | _ACTION_PARTS
    | frozenset(MORE_LIST_VERBS)  # 强化, 厚植, 铸牢, 建立健全 …: verbs opening a list's first item
    | {
        "打响",
        "投身",
        "经",
        "办理",
        "构筑",
        "设置",
        "接受",
        "共同",
        "更加",
        "有效",
        "有机",
        "弘扬",
        "满足",
        "奉行",
        "打赢",
        "打好",
        "坚决",
        "全力",
        "确保",
        "促进",
        "推动",
        "出台",
        # more verbs of holding fast to a value (树立|正确政绩观; 铸牢 … are list verbs)
        "捍卫",
        "树立",
        "践行",
        "擦亮",
    }
) - {"积极", "全面", "依法", "创新", "代表", "规范"}
#: light verbs: with their object they name an act (作出|重要|指示, 召开|全国科学大会), never a
#: concept, whether or not the object is one
LIGHT_VERBS = frozenset({"作出", "做出", "召开", "举行", "主持", "出席", "会见", "发表"})
#: lead words that are adverbs: before a verb the phrase is shaped on (共同|弘扬|中华文化),
#: before a name it is no concept (严格|规范公正文明执法)
LEAD_ADVERBS = frozenset({"严格", "坚决", "全力", "更加", "有效", "有机", "共同", "大力", "着力", "切实"})
#: ends of a document's or a law's title (a verb inside is part of the title)
DOCUMENT_ENDS = ("条例", "办法", "规定", "意见", "决定", "纲要", "规划", "法")
#: bodies after which 代表 is the verb "on behalf of" (代表|国务院, 代表|党中央)
_BODIES = ("国务院", "党中央", "中央", "政府", "全国人大")
#: predicates that turn a term into a clause (…全面发展, …健康发展, …繁荣兴盛)
PREDICATE_ENDS = ("健康发展", "繁荣兴盛", "不断迈进", "坚强有力", "上来", "高质量完成", "全面发展")
#: tails that never belong to the name (…力度, …进程, 加快…步伐)
#: (…化: processes applied to a concept, 社会主义民主政治|制度化、规范化、程序化)
GENERIC_TAILS = (
    "基本方略",  # 依法治国基本方略 → 依法治国 (and 方略 below)
    "方略",
    "力度",
    "步伐",
    "进程",
    "实践",
    "重要作用",
    "作用",
    "制度保障",
    "形势",
    "设置",
    "常委",
    "委员",
    "制度化",
    "规范化",
    "程序化",
    "常态化",
)
#: action heads cut when the rest is a known term
ACTION_TAILS = ("建设", "工作")
#: leading determiners (各民主党派, 我国宪法)
DETERMINERS = frozenset(
    {"各", "各级", "各类", "各项", "我国", "有关", "相关", "全体", "直辖市", "以下", "下列", "上述", "整个"}
)
#: complements of a verb that a corpus term may start with (做好|X, 建立起|X)
_COMPLEMENTS = ("好", "起")
#: X精神 after these names the meeting X
_MEETING_ENDS = ("大", "全会", "会议")


#: actions that 全面 makes a verb-object phrase of (全面推进|乡村振兴 → 乡村振兴); not 建成, 建设,
#: 深化, which open canonical names (全面建成小康社会, 全面深化改革)
_FULLY_DONE = frozenset({"推进", "推动", "提高", "提升", "实施", "加强", "落实", "推行", "贯彻"})


def is_lead_verb(word: str) -> bool:
    """A word that opens a verb-object phrase: a lead verb, or a longer word starting with one
    (大力发展, 严格执行), 全面 and an action (全面推进), or a manner adverb and its verb
    (正确处理, 努力实现)."""
    return (
        word in LEAD_VERBS
        or (len(word) >= 4 and word[:2] in LEAD_VERBS)
        or (word[:2] == "全面" and word[2:] in _FULLY_DONE)
        or is_manner_action(word)  # 正确处理|改革
    )


def _one_verb(first: str, second: str, body: str) -> bool:
    """Whether two words open the term as one verb: a verb jieba does not know (铸|牢), or 全面
    and an action (全面|推进), unless the term is a title (全面推进依法行政实施纲要)."""
    if len(first) == len(second) == 1:
        return first + second in LEAD_VERBS
    return first == "全面" and second in _FULLY_DONE and not body.endswith(DOCUMENT_ENDS)


def shape_term(words: Sequence[str], known: Callable[[str], bool]) -> tuple[int, int] | None:
    """(characters to drop at the start, characters to drop at the end) of a corpus term made
    of `words`, or None when it is no concept. `known(name)` tells lexicon and corpus terms."""
    term = "".join(words)
    if known(term) and len(words) == 1:
        return 0, 0
    if "特别是" in term or "尤其是" in term:
        return None  # two names, the second singled out of the first (服务业特别是现代服务业)
    left = right = 0
    k = 0
    while k < len(words) - 1 and words[k] in DETERMINERS:
        left += len(words[k])
        k += 1
    body = term[left:]
    # a determiner inside starts a second, generic phrase: 国务院|各部委 → 国务院
    for j in range(k + 1, len(words)):
        if words[j] in ("各", "各级", "各类"):
            right = sum(len(w) for w in words[j:])
            body = term[left : len(term) - right]
            if len(body) < 2:
                return None
            break
    if len(words) - k >= 3 and _one_verb(words[k], words[k + 1], body):
        words = [*words[:k], words[k] + words[k + 1], *words[k + 2 :]]
    if words[k] in _COMPLEMENTS and len(words) - k >= 2:
        # the complement of the verb before the term (做好|就业优先政策, 建立起|现代企业制度): the
        # rest names the concept; 好 may also be an adjective (好|干部标准), so it is cut only
        # before a known name, and before a determiner the term is no name (把握好|以下|原则)
        if words[k + 1] in DETERMINERS:
            return None
        rest_cut = shape_term(words[k + 1 :], known)
        if rest_cut is None:
            return None
        rest = body[len(words[k]) :]
        if words[k] == "起" or known(rest[rest_cut[0] : len(rest) - rest_cut[1]]):
            return left + len(words[k]) + rest_cut[0], right + rest_cut[1]
    first = words[k]
    if (first in LIGHT_VERBS and len(words) - k >= 2) or (len(first) >= 4 and first[:2] in LIGHT_VERBS):
        return None  # 作出|重要|指示, 主持会议
    if first == "走" and len(words) - k >= 2 and len(body) >= 5 and known(body[1:]):
        return left + 1, right  # 走|和平发展道路: the road taken is the concept (走出去 is a name)
    if "、" not in body and len(words) - k >= 2 and is_lead_verb(first):
        # a verb-object phrase; its object is the concept when it is a known term once
        # shaped itself (大力发展|职业教育 → 职业教育), else the phrase is no concept
        if first in LEAD_ADVERBS and words[k + 1] not in LEAD_VERBS:
            return None  # 严格|规范公正文明执法: an adverb before a name is no verb-object phrase
        if body.endswith(DOCUMENT_ENDS):
            return None  # 优化营商环境条例: the verb belongs to a document's title
        cut = shape_term(words[k + 1 :], known)
        if cut is None:
            return None
        rest = term[left + len(first) :]  # the cut of the object includes any 各… tail
        obj = rest[cut[0] : len(rest) - cut[1]]
        if len(obj) < 4 or not known(obj):
            return None  # short objects are mostly the rest of a fixed name: 发展|改革委
        return left + len(first) + cut[0], cut[1]
    if any(words[j] == "代表" and words[j + 1] in _BODIES for j in range(k, len(words) - 1)):
        return None  # (习近平)代表党中央: "on behalf of", a clause
    if body.endswith(PREDICATE_ENDS) and len(body) >= 6:
        return None
    if len(words) - k >= 3 and words[-2] == "对" and len(words[-1]) >= 2:
        return None  # 人大|对|行政机关: a prepositional phrase ending in its object, not a name
    if "和" in body[1:-1]:
        a, b = body.split("和", 1)
        n = next((k for k in range(min(len(a), len(b))) if a[-1 - k] != b[-1 - k]), min(len(a), len(b)))
        if n >= 1 and len(a) == len(b) and n < len(a) - 1:
            return None  # 民族精神和时代精神: two concepts sharing a head (patterns.paired_terms)
    if body.endswith("精神") and len(body) > 2:
        rest = body[:-2]
        if rest.endswith("讲话"):
            return None
        if rest.endswith(_MEETING_ENDS):
            return left, right + 2
    if len(words) - k >= 3 and words[k] == "问题":
        return None  # 问题|专项|整治: the rest of a longer name (…作风问题专项整治)
    cut_tail = 0
    while tail := next((t for t in GENERIC_TAILS if body.endswith(t, 0, len(body) - cut_tail)), None):
        cut_tail += len(tail)  # tails in a row: 理想信念教育|常态化|制度化
    if cut_tail:
        rest = body[:-cut_tail]
        return (left, right + cut_tail) if len(rest) >= 3 or known(rest) else None
    for tail in ACTION_TAILS:
        if body.endswith(tail) and len(body) - len(tail) >= 3 and known(body[: -len(tail)]):
            return left, right + len(tail)
    return left, right
