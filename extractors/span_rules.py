"""Span rules applied after the concept finders (pure: text and span in, span out).

Each follows a boundary rule of the annotation guidelines where a span found by the
finders runs into, or stops short of, the words around it:

* a system's name running into a generic noun is no concept (根本政治制度|安排);
* the verb of a means is no part of its name before the object (用|法治保障|人民权益);
* a numbered programme belongs to what it acts on (农村人居环境整治|三年行动计划);
* two paired actions ending a phrase name one activity with what they act on, unlike the one
  generic action head the guidelines cut (文物保护利用, 文化遗产保护传承, 加工贸易转型升级);
* a noun joined by 和 to a name ending in an action on both is part of that name
  (国防和军队建设, 机构和行政体制改革), unless it names a concept of its own;
* a process applied to a concept is no part of it (志愿服务|制度|化 → 志愿服务);
* a party's name before 人 names its members, not the party (中国共产党|人);
* a decision is a document only under its title (中共中央关于…的决定; 行政执法决定 is none);
* a name starts after the pronoun or the verb of knowing before it (领会|其|时代意义,
  认识|共产党执政规律), and "the other X" names no concept (其他企业);
* a name starts after a preposition or the copula that the span swallowed (是|爱国主义,
  按照|育训结合, 对|中华民族的认同).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping, Sequence

from extractors.concepts import GENERIC
from extractors.lexicon import Lexicon
from extractors.patterns import SURNAMES
from extractors.segmenter import token_ending_at, token_index_at
from extractors.spans import ConceptSpan
from extractors.term_shape import LEAD_VERBS
from kg.model import Category

#: generic nouns a system's name can run into: 根本政治制度|安排, 重要制度|载体 name no system
#: (the copula's head noun, relations.cues._NOUN_CUES)
_SYSTEM_NOUN_TAILS = ("安排", "载体")


def inside_generic_noun(text: str, c: ConceptSpan) -> bool:
    """A span ending in 制度 that runs on into a generic noun (…制度安排, …制度载体)."""
    return c.name.endswith("制度") and text.startswith(_SYSTEM_NOUN_TAILS, c.end)


#: verbs a means acts with on an object (用X保障Y, 以X推动Y: the guidelines' cues)
_INSTRUMENT_VERBS = ("保障", "推动", "促进", "带动", "引领")
#: what introduces the means
_INSTRUMENT_MARKS = ("用", "以", "靠", "通过")


def instrument_verb_cut(text: str, c: ConceptSpan, object_follows: bool) -> int:
    """Characters to cut from a span that swallowed the verb of 用X保障Y (用|法治保障|人民权益:
    the means 法治, the verb 保障, a concept right after it), else 0."""
    if not object_follows or len(c.name) < 4 or not c.name.endswith(_INSTRUMENT_VERBS):
        return 0
    return 2 if text.endswith(_INSTRUMENT_MARKS, 0, c.start) else 0


#: a numbered programme after what it acts on: 农村人居环境整治|三年行动计划
_PROGRAMME = re.compile("[一二三四五六七八九十两]年行动(?:计划|方案)?")


def with_programme(text: str, c: ConceptSpan, lexicon: Lexicon) -> ConceptSpan:
    """A span extended over the numbered programme that follows it (…整治三年行动计划): an event."""
    m = _PROGRAMME.match(text, c.end)
    if m is None or c.category is Category.PERSON:
        return c
    surface = text[c.start : m.end()]
    return ConceptSpan(c.start, m.end(), surface, lexicon.name_of(surface), Category.EVENT)


#: tags of a word that goes on a name (工作|人员, 工作|部门): then 工作 is no field of its own
_NOUN_TAGS = ("n", "vn", "j", "LEX")


def with_organization_work(
    text: str, tokens: Sequence[tuple[int, int]], tag: Callable[[str], str], c: ConceptSpan, lexicon: Lexicon
) -> ConceptSpan:
    """An organization's name extended over 工作 after it (政府|工作, 人大|工作): the field of work
    of that body, a practice. 工作 is no action on the body, as 建设 is on what it follows, so
    the guidelines' cut of generic action heads does not apply. Not before a noun that 工作
    opens (政府|工作人员, 党委|工作部门, 政府工作|高标准)."""
    if c.category is not Category.ORGANIZATION:
        return c
    k = token_index_at(tokens, c.start)
    if k is None or tokens[k][1] != c.end or k + 1 >= len(tokens):
        return c
    s, e = tokens[k + 1]
    if text[s:e] != "工作" or s != c.end:
        return c
    if k + 2 < len(tokens) and tokens[k + 2][0] == e:
        after = text[tokens[k + 2][0] : tokens[k + 2][1]]
        if tag(after).startswith(_NOUN_TAGS):
            return c
    surface = text[c.start : e]
    return ConceptSpan(c.start, e, surface, lexicon.name_of(surface), Category.PRACTICE)


#: actions on a thing that pair up to name one activity on it (文物|保护利用, 文化遗产|保护传承,
#: 两岸经济文化|交流合作, 加工贸易|转型升级): two of these in a row after a name end the name.
#: Common two-character policy actions (the pairs in the annotated sets' gold names, and
#: corpus pairs such as 改造提升, 提档升级, 研究阐释, 传承弘扬); not the generic heads cut alone
#: (建设, 工作) nor verbs that take an object (推进, 加强).
ACTIVITY_VERBS = frozenset(
    (
        "保护", "利用", "传承", "修复", "开发", "交流", "合作", "创作", "生产", "传播",
        "转型", "升级", "扩容", "下沉", "提档", "改造", "提升", "研究", "阐释", "弘扬",
        "发展", "创新", "改革",
    )
)  # fmt: skip
#: what may follow the paired actions: the phrase ends there
_PAIR_END = frozenset("，。；、：,;:\n和与及的")


def with_activity_pair(text: str, c: ConceptSpan, lexicon: Lexicon) -> ConceptSpan:
    """A span extended over two (or more) paired actions after it that name one activity on
    what it names (文物|保护利用, 文化遗产保护|传承, 精神文化产品|创作生产传播): a practice.
    Only where the actions end the phrase (…保护传承，…; not …保护利用率)."""
    if c.category is Category.PERSON or len(c.surface) < 2:
        return c
    end = c.end
    # the span's own last word counts as the first action unless the span is a known name
    # (科技创新|发展: an action on 科技创新) or that word is 发展, which ends names of ideas
    # (高质量发展|转型)
    tail = c.surface[-2:]
    acts = int(
        tail in ACTIVITY_VERBS and tail != "发展" and len(c.surface) >= 4 and c.name not in lexicon.entries
    )
    if not acts and text.startswith("发展", end):
        return c  # 发展 first: 经济部门|发展生产, 政治组织|发展交流 (a verb on an object)
    while text[end : end + 2] in ACTIVITY_VERBS:
        end += 2
        acts += 1
    if acts < 2 or (end < len(text) and text[end] not in _PAIR_END):
        return c
    surface = text[c.start : end]
    return ConceptSpan(c.start, end, surface, lexicon.name_of(surface), Category.PRACTICE)


#: actions whose object may be two coordinated nouns (国防和军队|建设, 老旧小区和危旧房|改造)
_SHARED_ACTIONS = ("建设", "改革", "改造", "保护", "整治", "治理", "处置", "修复", "利用")
#: parts of speech of the words of a noun conjunct before 和 (jieba's tags; LEX: a lexicon term)
_CONJUNCT_TAGS = frozenset({"n", "nz", "ng", "nt", "ns", "j", "a", "b", "s", "LEX"})
#: longest first conjunct joined (characters, words)
_CONJUNCT_CHARS = 6
_CONJUNCT_WORDS = 2


def _is_verb(word: str) -> bool:
    """A verb that opens a phrase, alone or fused by jieba with what comes before or after it
    (继续加强, tagged n). Broader than `term_shape.is_lead_verb`, which takes a leading verb only
    in words of four characters or more, because here jieba's tag already said "noun"."""
    return word in LEAD_VERBS or word[:2] in LEAD_VERBS or word[-2:] in LEAD_VERBS


def joined_conjunct_start(
    text: str,
    tokens: Sequence[tuple[int, int]],
    tag: Callable[[str], str],
    c: ConceptSpan,
    concept_ends: Container[int],
    known: Container[str] = (),
    stop: Container[str] = (),
) -> int | None:
    """Start of the noun joined by 和 to span `c` when the action that ends `c` is done on both:
    国防和|军队建设 → 国防和军队建设, 机构和|行政体制改革, 作风和|能力建设 (the longest phrase
    naming one concept).

    None where the first noun is a concept of its own (a span ends at 和: 文化事业和|文化产业发展
    are two), is no noun, is generic or stopped (`stop`: 问题和…), is longer than a short name,
    or does not start the phrase; and where `c` is a `known` name of its own (问题和|党的建设).
    """
    i = c.start - 1
    if i < 1 or text[i] != "和" or c.category is Category.PERSON or i in concept_ends:
        return None
    if not c.surface.endswith(_SHARED_ACTIONS) or "的" in c.surface or c.name in known:
        return None
    if _is_verb(c.surface[:2]):
        return None  # 稳定经济和|深化改革: two clauses, not two nouns
    k = token_ending_at(tokens, i)
    start = i
    words = 0
    while k is not None and k >= 0 and words < _CONJUNCT_WORDS and tokens[k][1] == start:
        word = text[tokens[k][0] : start]
        if tag(word) not in _CONJUNCT_TAGS or _is_verb(word):
            break  # 深化|机构和…: jieba tags some verbs as abbreviations (j) or nouns
        if i - tokens[k][0] > _CONJUNCT_CHARS:
            return None
        start, words, k = tokens[k][0], words + 1, k - 1
    noun = text[start:i]
    if len(noun) < 2 or noun in GENERIC or noun in stop:
        return None  # 馆和…, 问题和…: no name of a thing
    if k is not None and k >= 0 and tokens[k][1] == start:
        before = text[tokens[k][0] : start]
        if tag(before) in _CONJUNCT_TAGS and not _is_verb(before):
            return None  # the noun goes on before: not the whole first conjunct
    return start


#: words that make a process with a following 化 (志愿服务制度化: making 志愿服务 an institution)
_PROCESS_WORDS = ("制度", "规范", "程序", "常态", "法治", "机制", "长效")


def process_word_cut(text: str, c: ConceptSpan) -> int:
    """Characters to cut from a span whose last word turns, with the 化 after it, into a process
    applied to the rest (志愿服务制度|化 → 志愿服务), else 0."""
    if not text.startswith("化", c.end) or not c.surface.endswith(_PROCESS_WORDS) or len(c.surface) < 4:
        return 0
    return 2


def names_party_members(text: str, c: ConceptSpan) -> bool:
    """A party's name right before 人: its members (中国共产党人), not the party itself."""
    return c.category is Category.ORGANIZATION and c.name.endswith("党") and text.startswith("人", c.end)


def untitled_decision(text: str, c: ConceptSpan, lexicon: Lexicon) -> bool:
    """A span ending in 决定 that is no document's title: not 关于…的决定, not in 《》 and not a
    known term (行政执法决定, 审核决定 name an act of an office, not a document)."""
    if not c.surface.endswith("决定") or "关于" in c.surface or c.name in lexicon.entries:
        return False
    return not (text.endswith("《", 0, c.start) and text.startswith("》", c.end))


#: titles that follow a person's name only (not 代表, 委员, 主任: 人大代表, 高级委员)
_PERSON_TITLES = ("总书记", "副主席", "主席", "副总理", "总理", "委员长", "同志", "院士", "教授", "先生")
_TITLED_PERSON = re.compile(
    f"[{''.join(sorted(SURNAMES))}][\u4e00-\u9fff]{{1,2}}(?:{'|'.join(_PERSON_TITLES)})"
)


def titled_person_cut(c: ConceptSpan, known: Container[str]) -> int:
    """Characters to cut from a span that is a person's name and a title (周恩来|同志, 钟南山|院士,
    a list item): the guidelines name the person without the title. 0 when it is not one."""
    if c.category is Category.PERSON or c.name in known or not _TITLED_PERSON.fullmatch(c.surface):
        return 0
    return next(len(t) for t in _PERSON_TITLES if c.surface.endswith(t))


#: what a name that opens on a person's name may end with: a body of thought or writings
#: named after them (习近平强军思想, 邓小平理论, 毛泽东选集), or their place (维护|习近平总书记核心地位)
_NAMED_AFTER_PERSON = ("思想", "理论", "路线", "论述", "选集", "文选", "文集", "体系", "核心地位")


def person_led_clause(c: ConceptSpan, person_ends: Mapping[int, int], known: Container[str]) -> bool:
    """A span that opens on a person's name and goes on with no thought or writing named after
    them: a clause or a title (赵乐际|主持会议, 李克强|会见全国民政会议, 周恩来|同志), no concept.
    `person_ends` maps the start of each person's name in the text to its end."""
    end = person_ends.get(c.start)
    return (
        end is not None
        and end < c.end
        and c.category is not Category.PERSON
        and c.name not in known
        and not c.surface.endswith(_NAMED_AFTER_PERSON)
    )


#: "other": 其他企业, 其余部分 refer back to what was named before, they name no concept; nor
#: do phrases opening with a demonstrative (这方面的改革, 这三项改革, 那种…; not 那达慕)
_OTHER = ("其他", "其它", "其余", "这", "那些", "那种", "那種", "那个", "那樣", "那样", "那次")
#: the pronoun 其 ("its"), unless it starts a word (其中, 其实, 其次 …)
_ITS = re.compile("其(?![他它余中实次间后])")
#: verbs of knowing and using that take a concept as object (认识|共产党执政规律, 运用|法治思维)
_KNOWING_VERBS = ("认识", "认清", "领会", "理解", "把握", "掌握", "运用", "读懂")
#: a judgement or a time said of a name is no part of it (树立正确的历史观 → 历史观, 当前的…)
JUDGED = ("正确的", "必要的", "真正的", "彻底的", "当前的", "今年的", "去年的")


def refers_to_other(c: ConceptSpan) -> bool:
    """A span opening with 其他/其它/其余 ("the other X") or a demonstrative (这方面的改革):
    it refers back, no concept of its own."""
    return c.category is not Category.PERSON and c.surface.startswith(_OTHER)


def leading_word_cut(c: ConceptSpan, known: Container[str]) -> int:
    """Characters to cut from the start of a span that opens with a verb of knowing, the
    pronoun 其 or a judgement (正确的) before a name of two or more characters (领会其时代意义 →
    时代意义, 正确的历史观 → 历史观), else 0. Known (lexicon) names and persons are left whole."""
    if c.category is Category.PERSON or c.name in known:
        return 0
    cut = next((len(v) for v in _KNOWING_VERBS if c.surface.startswith(v)), 0)
    if _ITS.match(c.surface, cut):
        cut += 1
    cut += next((len(j) for j in JUDGED if c.surface.startswith(j, cut)), 0)
    return cut if len(c.surface) - cut >= 2 else 0


#: prepositions and the copula, when jieba makes them a word of their own (是|爱国主义; not 在线,
#: 对外, 从严, 向往, 同级: those are other words)
_FUNCTION_WORDS = frozenset(
    {
        "是",
        "在",
        "向",
        "从",
        "由",
        "对",
        "对于",
        "按照",
        "按",
        "依照",
        "被",
        "给",
        "于",
        "通过",
        "经过",
        "包括",
    }
)


def function_word_cut(
    text: str, tokens: Sequence[tuple[int, int]], c: ConceptSpan, known: Container[str]
) -> int:
    """Characters to cut from the start of a span whose first word is a preposition or the
    copula (是|财政管理制度, 按照|育训结合), else 0; known names and persons are left whole."""
    if c.category is Category.PERSON or c.name in known or _quoted(text, c):
        return 0
    k = token_index_at(tokens, c.start)
    if k is None:
        return 0
    s, e = tokens[k]
    if text[s:e] not in _FUNCTION_WORDS or k + 1 == len(tokens) or c.end - e < 2:
        return 0
    # 对 before a one-character word may be part of another word (对|标整改) or open a slogan
    # (对|党忠诚、襟怀坦白)
    if text[s:e] == "对" and tokens[k + 1][1] - tokens[k + 1][0] < 2:
        return 0
    return e - s


#: the first characters of the words the three rules above look for
LEADING_WORD_STARTS = frozenset(w[0] for w in (*_OTHER, *_KNOWING_VERBS, *_FUNCTION_WORDS, *JUDGED, "其"))


def _quoted(text: str, c: ConceptSpan) -> bool:
    """Whether the span is exactly what a pair of quotes holds (“在线一张图”)."""
    return text.endswith(("“", "‘", "「"), 0, c.start) and text.startswith(("”", "’", "」"), c.end)
