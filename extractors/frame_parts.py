"""The listed parts of a system named after them (pure): 公众参与、专家论证、风险评估、合法性审查、
集体讨论决定|的|重大行政决策程序; 党委领导、政府负责、社会协同、公众参与、法治保障|的|现代乡村社会治理体制.

A list before 的 and a name ending in a system head (程序, 体制, 机制, 体系 …) states the
parts of that system, one concept each, and the system is a concept too (the guidelines'
longest phrase naming one concept). That reading needs evidence: at least one item is a
concept found already. Lists of qualities (决策科学、执行坚决、监督有力的权力运行机制)
have none and are left alone. The PART_OF relations follow from the spans
(relations/membership.py, ``enum_frame_of``).

The items joined as one (坚持思想精深、艺术精湛、制作精良|相统一; 集体领导与个人分工负责|相结合)
are concepts on the same evidence, and relations/unification.py makes them UNIFIED_WITH. The
two states of a change (由|传统农业|向|现代农业|转变; 由|增产导向|转向|提质导向) are concepts
without more evidence, and relations/change.py makes them TRANSFORMS_INTO.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from extractors.concepts import GENERIC
from extractors.heads import head_category
from extractors.patterns import list_item_offsets
from extractors.segmenter import token_ending_at, token_index_at
from extractors.spans import ConceptSpan
from extractors.term_shape import LEAD_VERBS, is_lead_verb
from kg.model import Category


class _Frame(NamedTuple):
    items: list[tuple[int, int]]
    system: list[tuple[int, int]]  # [the system the items are parts of] or []
    needs_evidence: bool  # one item must be found already


#: head-noun endings of a system whose parts a list before 的 names
FRAME_HEADS = ("程序", "体制", "机制", "体系", "制度", "格局")
_HAN = "\u4e00-\u9fff"
#: most items of a list the frames read (bounded, so that the patterns stay linear in the text)
_MAX_ITEMS = 16
_FRAME_LIST = re.compile(
    rf"((?:[{_HAN}]{{2,12}}、){{1,{_MAX_ITEMS}}}[{_HAN}]{{2,8}})的([{_HAN}]{{2,12}}?(?:{'|'.join(FRAME_HEADS)}))(?![{_HAN}])"
)
#: what joins a list's items as one (the guidelines' 坚持X、Y、Z有机统一)
_UNIFYING = ("有机统一", "相统一", "相结合", "有机结合", "紧密结合", "共同推进", "一体建设", "一体推进")
_UNIFIED_LIST = re.compile(
    rf"((?:[{_HAN}]{{2,12}}、){{0,{_MAX_ITEMS}}}[{_HAN}]{{2,20}}?)(?:{'|'.join(_UNIFYING)})"
)
#: a change between two states (the guidelines' TRANSFORMS_INTO): 由X向Y转变, 由X转向Y (从 as 由)
_CHANGE = re.compile(
    rf"[由从]([{_HAN}]{{2,10}}?)(?:向([{_HAN}]{{2,10}}?)(?:转变|转型|转化)|转向([{_HAN}]{{2,10}}?)(?![{_HAN}]))"
)
#: tags of a one-word state that make it no name (紧张, 缓和: adjectives, verbs)
_STATE_NOT_NOUN = frozenset({"a", "ad", "v", "d", "i"})
#: a state named by a manner (…为主, and 主要依靠… below) is no concept
_NOT_STATE_ENDS = ("为主",)
_UNIFYING_WORD = re.compile("|".join(_UNIFYING))
_LAST_AND = re.compile("[和与同](?=[^和与同]+$)")
#: word classes a list's first chunk may open with before its first item (严格执行|公众参与,
#: 落实|好|中央统筹, 根本|的|是|中央统筹, 一|要|坚持|党内监督, 这种|工资制)
_LEADING_TAGS = ("v", "d", "a", "c", "p", "u", "m", "r")
#: a later item opening with a lead verb makes the "list" two clauses
_LEAD_VERB_PREFIXES = tuple(sorted(LEAD_VERBS))
#: an item ending in a modal or an adverb runs on into a clause (管人与管事|既|紧密结合,
#: 精神文明建设|必须|同…相结合)
_CLAUSE_ENDS = ("既", "又", "也", "都", "要", "必须", "应", "应当", "需要", "能够")
#: qualities a system is built with, not parts (系统完备、科学规范、运行有效的制度体系): items
#: ending in one of these predicates of quality (jieba's adjective tag is too loose: 落实 a)
_QUALITIES = (
    "有效",
    "高效",
    "合理",
    "清晰",
    "明确",
    "完备",
    "规范",
    "透明",
    "有力",
    "灵敏",
    "可靠",
    "适度",
    "科学",
    "平衡",
    "一致",
    "有序",
    "畅通",
    "严密",
    "完善",
    "健全",
    "便捷",
    "持续",
    "弹性",
)
#: a last item that joins the items into one action: a combination, not a system's parts
#: (源头治理、动态管理、应急处置|相结合|的社会管理机制)
_COMBINING = ("结合", "联动", "互为补充", "协同发展", "并重", "并举", "相统一", "融合发展")
#: longest item
_MAX_ITEM = 8
#: longest list a unifying word closes (items of at most 12 characters and their separators)
_LIST_REACH = 160


def frame_parts(
    text: str,
    tokens: Sequence[tuple[int, int]],
    tag: Callable[[str], str],
    spans: Sequence[ConceptSpan],
    name_of: Callable[[str], str] = lambda surface: surface,
) -> list[ConceptSpan]:
    """`spans` with the parts and the system of every list-before-的 frame that names one of
    its parts already; spans strictly inside a part give way to it (政府 in 政府负责). A frame
    inside a found span is none (人民代表大会制度、|中国共产党领导的多党合作和政治协商制度|).
    `name_of` gives the canonical name of a surface (the lexicon's aliases)."""
    frames = _frames(text, tokens, tag)
    if not frames:
        return list(spans)
    exact = {(c.start, c.end) for c in spans}
    crossing = sorted(exact)
    added: list[ConceptSpan] = []
    parts: list[tuple[int, int]] = []
    for items, system, needs_evidence in frames:
        known = sum(it in exact for it in items)
        if needs_evidence and (known == 0 or (system and len(items) == 2 and known < 2)):
            continue  # two parts need both found (优势互补、高质量发展的…格局: qualities)
        if system and _inside_a_span(crossing, items[-1][0], system[0][1]):
            continue  # the 的 joins a longer name found already
        parts += items
        for s, e in [*items, *system]:
            if (s, e) in exact:
                continue
            name = text[s:e]
            cat = (head_category(name) or Category.SYSTEM) if [(s, e)] == system else Category.IDEA
            added.append(ConceptSpan(s, e, name, name_of(name), cat))
            exact.add((s, e))
    if not parts:
        return list(spans)
    parts.sort()
    starts = [s for s, _ in parts]

    def inside_a_part(c: ConceptSpan) -> bool:
        k = bisect.bisect_right(starts, c.start) - 1  # the last part starting at or before c
        return k >= 0 and c.end <= parts[k][1] and (c.start, c.end) != parts[k]

    kept = [c for c in spans if not inside_a_part(c)]
    return sorted([*kept, *added], key=lambda c: (c.start, -c.end))


#: a clause: what the frames are searched in (they hold no clause punctuation)
_CLAUSE = re.compile("[^，,。；;：:！!？?\\s]+")


#: longer than any concept name: how far back a span holding a position may start
_LONGEST = 80


def _inside_a_span(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a span of the sorted `spans` holds text[start:end]."""
    lo = bisect.bisect_left(spans, (start - _LONGEST,))
    hi = bisect.bisect_right(spans, (start, end + _LONGEST))
    return any(s <= start and end <= e for s, e in spans[lo:hi])


def _frames(text: str, tokens: Sequence[tuple[int, int]], tag: Callable[[str], str]) -> list[_Frame]:
    """Every system frame, unified list and change of `text`; the patterns run only on clauses
    that hold their anchors (、 and 的, a unifying word, 由 or 从)."""
    out: list[_Frame] = []
    unifying = [m.start() for m in _UNIFYING_WORD.finditer(text)]
    for clause in _CLAUSE.finditer(text):
        words = clause.group(0)
        base = clause.start()
        if "、" in words and "的" in words:
            out += _system_frames(text, tokens, tag, base, words)
        k = bisect.bisect_left(unifying, base)
        if k < len(unifying) and unifying[k] < clause.end():
            # search only up to a list's length before the first unifying word (long clauses)
            out += _unified_lists(text, tokens, tag, base, words, max(0, unifying[k] - base - _LIST_REACH))
        if "由" in words or "从" in words:
            out += _changes(text, tokens, tag, base, words)
    return out


def _changes(
    text: str, tokens: Sequence[tuple[int, int]], tag: Callable[[str], str], base: int, clause: str
) -> list[_Frame]:
    """由X向Y转变 / 由X转向Y (or 从…): the two states of a change, whole tokens, no 的 or list inside."""
    out: list[_Frame] = []
    for m in _CHANGE.finditer(clause):
        y = 2 if m.group(2) else 3
        items = [(base + m.start(1), base + m.end(1)), (base + m.start(y), base + m.end(y))]
        words = [text[s:e] for s, e in items]
        if any("的" in w or w.endswith(_NOT_STATE_ENDS) or "依靠" in w for w in words):
            continue
        firsts = [token_index_at(tokens, s) for s, _ in items]
        lasts = [token_ending_at(tokens, e) for _, e in items]
        if None in firsts or None in lasts:
            continue
        if any(
            first == last and tag(w) in _STATE_NOT_NOUN
            for first, last, w in zip(firsts, lasts, words, strict=True)
        ):
            continue  # states of a mood (从紧张转向缓和): a one-word state is named by a noun
        out.append(_Frame(items, [], False))
    return out


def _system_frames(
    text: str, tokens: Sequence[tuple[int, int]], tag: Callable[[str], str], base: int, clause: str
) -> list[_Frame]:
    out: list[_Frame] = []
    for m in _FRAME_LIST.finditer(clause):
        if m.group(2) in GENERIC:
            continue  # …、生态环境保护的体制机制: a generic head names no system to be part of
        items = _items(text, tokens, tag, base + m.start(1), m.group(1))
        if items is None:
            continue
        words = [text[s:e] for s, e in items]
        if any(w.endswith(FRAME_HEADS) or "对" in w for w in words):
            continue  # a list of systems (…制度体系、党对人民军队的绝对领导制度), not of parts
        if (
            words[-1].endswith(_COMBINING)
            or "共同" in words[-1]
            or any(w.endswith(_QUALITIES) for w in words)
        ):
            continue  # …相结合的, …互为补充的, 政府、工会、企业共同参与的: one action of all
        items = [_role_holder(text, s, e) for s, e in items]
        out.append(_Frame(items, [(base + m.start(2), base + m.end(2))], True))
    return out


def _unified_lists(
    text: str,
    tokens: Sequence[tuple[int, int]],
    tag: Callable[[str], str],
    base: int,
    clause: str,
    start: int = 0,
) -> list[_Frame]:
    out: list[_Frame] = []
    for m in _UNIFIED_LIST.finditer(clause, start):
        raw = m.group(1)
        last = raw.rsplit("、", 1)[-1]
        conj = _LAST_AND.search(last)
        if conj is not None and conj.start() >= 2:
            cut = len(raw) - len(last) + conj.start()
            raw = raw[:cut] + "、" + raw[cut + 1 :]  # A和B相结合: two items (same length)
        if "、" not in raw:
            continue
        items = _items(text, tokens, tag, base + m.start(1), raw)
        if items is not None:
            out.append(_Frame(items, [], True))
    return out


#: roles of a system's parts (以企业为主体、市场为导向…的技术创新体系)
_ROLES = (
    "主体",
    "导向",
    "补充",
    "引导",
    "骨干",
    "依托",
    "网底",
    "龙头",
    "支撑",
    "主导",
    "核心",
    "基础",
    "纽带",
)


def _role_holder(text: str, start: int, end: int) -> tuple[int, int]:
    """An item naming a part's role names the part before 为 (以|企业为主体、市场为导向 → 企业;
    not 以德为先, which names no role)."""
    k = text.find("为", start + 2, end - 1)
    return (start, k) if k > 0 and text[k + 1 : end] in _ROLES else (start, end)


def _items(
    text: str, tokens: Sequence[tuple[int, int]], tag: Callable[[str], str], start: int, raw: str
) -> list[tuple[int, int]] | None:
    """Offsets of the list's items; the first chunk loses the verbs, adverbs and particles
    opening it (建立健全|党委领导). None when an item is too long, holds 的 or 等, opens or
    ends in a clause of its own, or when no item is left in the first chunk."""
    out = list(list_item_offsets(start, raw))
    s0, e0 = out[0]
    shortest = min(e - s for s, e in out[1:])
    for ts, te in tokens[bisect.bisect_left(tokens, (s0,)) :]:
        word = text[ts:te]
        pos = tag(word)
        leading = is_lead_verb(word) or pos.startswith(_LEADING_TAGS)
        # the chunk's last word stays (坚持|自治), and the item stays about as long as the others
        # (要|建立|日常考核、分类考核: not 日常|考核) unless the word is a preposition or conjunction,
        # never part of a name (要同|机构改革、工资制度改革相结合)
        function_word = pos[:1] in ("p", "c")
        if te >= e0 or not leading or (e0 - te < shortest - 1 and not function_word):
            s0 = ts
            break
    if e0 - s0 < 2:
        return None
    out[0] = (s0, e0)
    if any(e - s > _MAX_ITEM or "的" in text[s:e] or "等" in text[s:e] for s, e in out):
        return None
    if any(text[s:e].endswith(_CLAUSE_ENDS) for s, e in out):
        return None
    if any(text[s:e].startswith(_LEAD_VERB_PREFIXES) for s, e in out[1:]):
        return None  # 加强党的全面领导、健全|党的组织体系: two clauses, not one list
    return out
