"""Find concept mentions in a document (pure): lexicon, patterns, assembly, persons.

Candidates from every finder are merged; overlapping candidates are resolved
in favour of the longest (the guidelines' "longest natural name"), then the
more reliable finder.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extractors.assemble import Token, assemble_terms
from extractors.heads import HEADS, head_category
from extractors.lexicon import Lexicon, normal_form
from extractors.patterns import (
    TITLES,
    Found,
    de_phrases,
    enumerated_slogans,
    events,
    formulas_in_text,
    heading_objects,
    is_formula,
    list_items,
    name_lists,
    opening_title,
    paired_terms,
    principles,
    quoted_run_ons,
    quoted_terms,
    shared_head_lists,
    short_slogan_lists,
    titled_names,
)
from extractors.segmenter import token_ending_at, token_starting_at
from extractors.spans import ConceptSpan
from extractors.term_shape import LEAD_VERBS
from kg.model import Category

#: actions a numbered heading starts with (（二）扎实推进依法行政。)
_HEADING_ACTIONS = LEAD_VERBS | {
    "繁荣",
    "掌握",
    "牢牢",
    "培育",
    "践行",
    "积极",
    "广泛",
    "扎实",
    "严格",
    "规范",
    "强化",
    "保障",
    "提高",
    "建设",
}
# reliability of each finder (higher wins among equally long candidates)
LEXICON, PATTERN, PERSON, ASSEMBLED = 4, 3, 3, 1
MAX_LEX_TOKENS = 12

_PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
_ORG = re.compile(
    r"(?<![各直辖])(?:全国|省|市|区|县|镇|乡|街道|镇街|自治区)(?:人大常委会|人大|政协|党委|政府|人民政府|纪委)"
)
_TITLE_SET = frozenset(TITLES)
_NOUN_TAGS = frozenset({"n", "nz", "j", "ng", "nt", "LEX"})
_NON_NOUN_TAGS = frozenset({"v", "vd", "vn", "d", "ad", "a", "c", "p", "r", "m", "q", "u", "uj", "x", "f"})
#: "the spirit of" a meeting or speech is a reference to it, not a concept of its own
_SPIRIT_OF = ("讲话", "会议", "全会", "大", "指示", "批示", "规定")
#: names too generic to be concepts on their own
GENERIC = frozenset(
    {
        "重要讲话",
        "讲话",
        "会议",
        "工作",
        "精神",
        "问题",
        "作用",
        "水平",
        "发展",
        "政治",
        "同志们",
        # other forms of address (女士们，先生们，同志们：)
        "女士们",
        "先生们",
        "朋友们",
        "同胞们",
        "同学们",
        "大会",
        "全会",
        # generic abstract and collective nouns
        "体制机制",
        "总目标",
        "重要作用",
        "重要内容",
        "指导意见",
        "基本原则",
        # a standing, not a concept (马克思主义在意识形态领域的指导地位)
        "指导地位",
        "领导地位",
        "主导地位",
    }
)


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    name: str
    category: Category
    priority: int


def find_concepts(
    text: str,
    tokens: Sequence[Token],
    lexicon: Lexicon,
    tag: Callable[[str], str],
) -> list[ConceptSpan]:
    """Concept spans of `text` (already segmented into `tokens`), sorted by offset."""
    cands: list[Candidate] = []
    words = [text[s:e] for s, e in tokens]
    tag_of = {w: tag(w) for w in set(words)}
    tags = [tag_of[w] for w in words]
    cands += _lexicon_matches(text, tokens, words, lexicon)
    surfaces = lexicon.surfaces

    def is_noun(word: str) -> bool:
        return tag(word) in _NOUN_TAGS or (len(word) >= 2 and tag(word) not in _NON_NOUN_TAGS)

    def ends_word(offset: int) -> bool:
        return token_ending_at(tokens, offset) is not None

    title = opening_title(text)  # the official title opening the text, then the body issuing it
    found = (
        *quoted_terms(text),
        *quoted_run_ons(text),
        # a formula ends with a word: not 两个最薄|弱, 三个棉纺|织厂, 四个现代|化
        *(f for f in formulas_in_text(text) if token_ending_at(tokens, f.end) is not None),
        *enumerated_slogans(text, is_noun, surfaces.__contains__),
        *principles(text),
        *short_slogan_lists(text, tag),
        *shared_head_lists(text, surfaces.__contains__),
        *events(text),
        *title[:1],
        *name_lists(text),
        # a name opens a word: not 由|于有些同志 (由于 is one word), 感|谢全党同志
        *(f for f in titled_names(text) if token_starting_at(tokens, f.start)),
        *(_categorised(f) for f in list_items(text, is_noun, ends_word)),
    )
    for f in found:
        cands.append(_resolve(f.start, f.end, f.name, f.category, PATTERN, lexicon))
    # 的-phrases (奉行独立自主的和平外交政策) and heading objects (（四）强化事前公开。): weak like
    # assembled terms, so known terms inside stay
    # not cut inside a word (维|护宪法和基本法)
    paired = [f for f in paired_terms(text) if token_starting_at(tokens, f.start)]
    for f in (*de_phrases(text), *heading_objects(text, _HEADING_ACTIONS.__contains__), *paired):
        cat = head_category(f.name) or f.category
        cands.append(_resolve(f.start, f.end, f.name, cat, ASSEMBLED, lexicon))
    cands += _persons(tokens, words, tags, lexicon)
    for s, e in _big_n_formulas(text, tokens, words, tags):
        cands.append(_resolve(s, e, text[s:e], Category.FORMULA, PATTERN, lexicon))
    for s, e in _place_goals(text, tokens, words, tags):
        cands.append(_resolve(s, e, text[s:e], Category.IDEA, PATTERN, lexicon))
    for s, e in _listed_bodies(tokens, words, tags):
        cands.append(_resolve(s, e, text[s:e], Category.ORGANIZATION, ASSEMBLED, lexicon))
    for m in _ORG.finditer(text):
        cands.append(_resolve(m.start(), m.end(), m.group(0), Category.ORGANIZATION, PATTERN, lexicon))
    for s, e in assemble_terms(text, tokens, tag, lexicon.surfaces, words, tags):
        surface = text[s:e]
        cat = head_category(surface) or Category.IDEA
        cands.append(_resolve(s, e, surface, cat, ASSEMBLED, lexicon))
    cands = [
        t for t in (_trim_spirit(c, lexicon) for c in cands) if t is not None and t.name not in lexicon.stop
    ]
    chosen = _non_overlapping(cands)
    # the body issuing the document is a concept inside its title too
    if len(title) == 2 and any((c.start, c.end) == (title[0].start, title[0].end) for c in chosen):
        body = title[1]
        chosen.append(_resolve(body.start, body.end, body.name, body.category, PATTERN, lexicon))
    return [
        ConceptSpan(c.start, c.end, text[c.start : c.end], c.name, c.category)
        for c in sorted(chosen, key=lambda c: c.start)
    ]


def _resolve(
    start: int, end: int, surface: str, category: Category, priority: int, lexicon: Lexicon
) -> Candidate:
    """A candidate, with its lexicon name and category when the lexicon knows it."""
    name = normal_form(surface)
    entry = lexicon.lookup(name)
    if entry is not None:
        return Candidate(start, end, entry.name, entry.category, LEXICON)
    if category is not Category.FORMULA and is_formula(name):
        category = Category.FORMULA
    return Candidate(start, end, name, category, priority)


def _categorised(f: Found) -> Found:
    return Found(f.start, f.end, f.name, head_category(f.name) or f.category)


def _trim_spirit(c: Candidate, lexicon: Lexicon) -> Candidate | None:
    """X精神 after a meeting or speech names X (党的十九大精神 → 党的十九大); generic names go."""
    name = c.name
    if name.endswith("精神") and len(name) > 2 and name[:-2].endswith(_SPIRIT_OF):
        rest = name[:-2]
        entry = lexicon.lookup(rest)
        if entry is not None:
            return Candidate(c.start, c.end - 2, entry.name, entry.category, c.priority)
        return (
            None
            if rest in GENERIC or rest.endswith("讲话")
            else Candidate(c.start, c.end - 2, rest, Category.EVENT, c.priority)
        )
    if name in GENERIC:
        return None
    if name.endswith("讲话") and c.priority != LEXICON:
        speaker = lexicon.lookup(name[:-2].removesuffix("重要"))
        if speaker is not None and speaker.category is Category.PERSON:
            return None  # 李克强讲话: a person's speech, not a named event
    return c


#: a body's last character and the next one that make a common word with it: the body is
#: not named there (交通运输部|门 "transport departments", 统计局|长, 扶贫办|法)
_WORDS_AFTER_BODIES = frozenset({"部门", "委员", "局长", "办法", "办理", "办公"})


def _cut_inside_word(text: str, end: int) -> bool:
    """Whether a body's name ending at `end` is the start of a longer word (教育部|门)."""
    return end < len(text) and text[end - 1 : end + 1] in _WORDS_AFTER_BODIES


def _lexicon_matches(
    text: str, tokens: Sequence[Token], words: Sequence[str], lexicon: Lexicon
) -> list[Candidate]:
    """Longest lexicon surface form starting at each token (joins of up to MAX_LEX_TOKENS tokens)."""
    out: list[Candidate] = []
    n = len(tokens)
    surfaces = lexicon.surfaces
    prefixes = lexicon.prefixes
    for i in [k for k, w in enumerate(words) if w in prefixes or w in surfaces]:
        start = tokens[i][0]
        best: int | None = None
        for k in range(i, min(n, i + MAX_LEX_TOKENS)):
            piece = text[start : tokens[k][1]]
            if piece in surfaces:
                best = tokens[k][1]
            if piece not in prefixes:
                break
        if best is not None and not _cut_inside_word(text, best):
            entry = lexicon.lookup(text[start:best])
            assert entry is not None
            out.append(Candidate(start, best, entry.name, entry.category, LEXICON))
    return out


def _persons(
    tokens: Sequence[Token], words: Sequence[str], tags: Sequence[str], lexicon: Lexicon
) -> list[Candidate]:
    """Person names: a name-tagged token followed by a title (习近平总书记 → 习近平)."""
    out: list[Candidate] = []
    last = len(tokens) - 1
    for i, pos in enumerate(tags):
        if pos not in _PERSON_TAGS or not 2 <= len(words[i]) <= 4:
            continue
        word = words[i]
        entry = lexicon.lookup(word)
        if (i < last and words[i + 1] in _TITLE_SET) or (
            entry is not None and entry.category is Category.PERSON
        ):
            s, e = tokens[i]
            out.append(Candidate(s, e, word, Category.PERSON, PERSON))
    return out


#: endings of the names of bodies (工会, 妇联, 共青团, 法院, 检察院, 司法部, 新华社)
_BODY_ENDS = ("会", "联", "团", "院", "部", "社", "委", "党派", "机关", "组织")


def _listed_bodies(
    tokens: Sequence[Token], words: Sequence[str], tags: Sequence[str]
) -> list[tuple[int, int]]:
    """Organisations listed with 、 (法院、检察院; 工会、共青团、妇联): single dictionary words
    naming a body, each a concept of its own, when the neighbour across the 、 is one too."""
    n = len(tokens)

    def body(k: int) -> bool:
        if not 0 <= k < n:
            return False
        w = words[k]
        return 2 <= len(w) <= 5 and (
            tags[k] == "nt" or (tags[k] in ("n", "j", "nz") and w.endswith(_BODY_ENDS))
        )

    out: list[tuple[int, int]] = []
    for k in range(1, n - 1):
        if words[k] == "、" and body(k - 1) and body(k + 1):
            out += [tokens[k - 1], tokens[k + 1]]
    return out


#: N大 (三大攻坚战, 两大主题), not inside a larger number (十九大) or a word (一大批), not a
#: party congress (党的八大, 中共九大)
_BIG_N = re.compile("(?<![一二三四五六七八九十百千万零〇0-9的共])[两三四五六七八九十]大")
_FORMULA_NOUN_TAGS = frozenset({"n", "vn", "nz", "j", "LEX"})
#: what follows N大 when it names a party congress (八大决议, 九大政治报告)
_CONGRESS_WORDS = frozenset({"决议", "党章", "报告", "政治报告", "精神", "路线", "文件", "代表"})


def _big_n_formulas(
    text: str, tokens: Sequence[Token], words: Sequence[str], tags: Sequence[str]
) -> list[tuple[int, int]]:
    """Numbered formulas with 大: N大 and the noun right after it (两大主题, 四大考验, 三大污染源),
    or a noun and a head (五大发展理念); not N大 before a verb or a locative (十大以来, 七大提出)
    or before what a party congress issues (八大决议)."""
    out: list[tuple[int, int]] = []
    n = len(tokens)
    for m in _BIG_N.finditer(text):
        k = bisect.bisect_left(tokens, (m.end(),))
        if k >= n or tokens[k][0] != m.end() or tags[k] not in _FORMULA_NOUN_TAGS:
            continue
        if words[k] in _CONGRESS_WORDS or not 2 <= len(words[k]) <= 4:
            continue
        end = tokens[k][1]
        if k + 1 < n and tokens[k + 1][0] == end and tags[k + 1] in _FORMULA_NOUN_TAGS:
            if words[k + 1] in HEADS:
                end = tokens[k + 1][1]  # 五大|发展|理念
            elif words[k + 1] not in _ACTIONS_ON_IT:
                continue  # a longer noun (三大|历史|任务): where it ends is unclear
        out.append((m.start(), end))
    return out


#: actions after a formula that are not part of it (三大污染源|治理)
_ACTIONS_ON_IT = frozenset({"治理", "建设", "工作", "整治", "改革", "发展", "管理", "保护"})


#: qualities a place is built up to (法治章丘, 平安海拉尔, 幸福海拉尔, 美丽中国: the place's goal)
PLACE_GOALS = frozenset({"法治", "平安", "美丽", "健康", "数字", "智慧", "幸福", "文明", "绿色"})


_PLACE_GOAL = re.compile("|".join(sorted(PLACE_GOALS)))


def _place_goals(
    text: str, tokens: Sequence[Token], words: Sequence[str], tags: Sequence[str]
) -> list[tuple[int, int]]:
    """A quality and the place it is to be built into, one goal: 推动|法治|章丘|建设, 建设|平安|海拉尔。
    jieba tags local place names as places or persons, so both are taken; the goal must be what is
    built (a building verb or 、 before it, nothing but 建设 or a break after it), which leaves
    人民幸福安康 and 美丽宜居乡村 alone."""
    out: list[tuple[int, int]] = []
    n = len(tokens)
    for m in _PLACE_GOAL.finditer(text):
        k = bisect.bisect_left(tokens, (m.start(),))
        if not 1 <= k < n - 1 or tokens[k] != (m.start(), m.end()) or tokens[k][1] != tokens[k + 1][0]:
            continue
        place = words[k + 1]
        if not (2 <= len(place) <= 4 and (tags[k + 1] in ("ns", "nr") or place == "中国")):
            continue
        if words[k - 1] not in _BUILDING_VERBS:
            continue
        after = words[k + 2] if k + 2 < n and tokens[k + 2][0] == tokens[k + 1][1] else ""
        if after and after != "建设" and any("\u4e00" <= ch <= "\u9fff" for ch in after):
            continue
        out.append((tokens[k][0], tokens[k + 1][1]))
    return out


#: what comes before a place's goal: building it (建设平安海拉尔), or another goal in a list
_BUILDING_VERBS = frozenset(
    {"建设", "打造", "创建", "推进", "推动", "建成", "争创", "共建", "加快建设", "、"}
)


def _non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Greedy choice: longest first, then most reliable, then leftmost (linear in text size).

    A known (lexicon) term inside an assembled one is kept as well: the assembled
    term may be wrong, the known one is a concept either way.
    """
    if not cands:
        return []
    size = max(c.end for c in cands)
    occupied = bytearray(size)
    weak = bytearray(size)  # characters covered only by assembled candidates
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if c.end <= c.start:
            continue
        width = c.end - c.start
        nested_known = c.priority == LEXICON and all(weak[c.start : c.end])
        if any(occupied[c.start : c.end]) and not nested_known:
            continue
        occupied[c.start : c.end] = b"\x01" * width
        weak[c.start : c.end] = (b"\x01" if c.priority == ASSEMBLED else b"\x00") * width
        chosen.append(c)
    return chosen
