"""Surface patterns for concepts that no dictionary lists (pure).

* numbered formulas: 数字 + 个/项/大/种 + word (两个维护, 四个机关, 三大攻坚战)
* quoted terms: “…” with a short, term-like content
* enumerated slogans: 早发现、早报告、早隔离、早治疗
* titles after a person's name: 习近平总书记 → 习近平
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Category

NUMERALS = "一二两三四五六七八九十百千"
_HAN = r"\u4e00-\u9fff"

#: a numbered formula: numeral + classifier + 1-5 Han characters
FORMULA = re.compile(
    rf"^[{NUMERALS}]+(?:个|项|大|种|条|严|重|难)[{_HAN}]{{1,6}}$|^[{NUMERALS}][{_HAN}]{{1,3}}$"
)
#: a formula in running text: only the classic “N个X” shape of 2-char words
FORMULA_IN_TEXT = re.compile(rf"(?<![{_HAN}])?[两三四五六七八九十]个[{_HAN}]{{2}}(?=[{_HAN}]{{0}})")
_QUOTED = re.compile(r"“([^“”\n]{1,30})”")
_SLOGAN_ITEM = rf"[{_HAN}]{{2,6}}"
_ENUM = re.compile(rf"{_SLOGAN_ITEM}(?:[、，]{_SLOGAN_ITEM}){{1,7}}")

TITLES = (
    "总书记",
    "主席",
    "总理",
    "副总理",
    "委员长",
    "同志",
    "书记",
    "院士",
    "省长",
    "市长",
    "区长",
    "县长",
    "部长",
    "主任",
    "代表",
    "委员",
    "教授",
    "局长",
    "副主席",
    "常委",
    "总统",
    "先生",
)
_TITLE_RE = re.compile("(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + ")+$")


def strip_title(name: str) -> str:
    """A person's name without trailing titles and honorifics (习近平总书记 → 习近平)."""
    stripped = _TITLE_RE.sub("", name)
    return stripped if len(stripped) >= 2 else name


def is_formula(term: str) -> bool:
    """Whether `term` has the shape of a numbered formula (四个意识, 三严三实, 双联 excluded)."""
    return bool(FORMULA.match(term))


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    name: str
    category: Category


_SENTENCE_END = set("。！？!?")


def quoted_terms(text: str) -> list[Found]:
    """Short quoted expressions that look like terms or slogans.

    Quoted speech (ending in sentence punctuation or long) is skipped.
    """
    out: list[Found] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1).strip()
        if len(inner) < 2 or inner[-1] in _SENTENCE_END:
            continue
        if any(ch in inner for ch in "。！？：:；;"):
            continue
        if len(inner) > 16:
            continue
        if is_formula(inner) or "、" in inner or "，" in inner:
            cat = Category.FORMULA if is_formula(inner) else Category.IDEA
        else:
            cat = Category.IDEA
        out.append(Found(m.start(1), m.start(1) + len(inner), inner, cat))
    return out


def formulas_in_text(text: str) -> list[Found]:
    """Unquoted formulas of the shape 两个维护, 四个意识 (numeral + 个 + two characters)."""
    out: list[Found] = []
    for m in FORMULA_IN_TEXT.finditer(text):
        out.append(Found(m.start(), m.end(), m.group(0), Category.FORMULA))
    return out


def _common_prefix(items: list[str]) -> str:
    first = items[0]
    n = 0
    while n < len(first) and all(len(it) > n and it[n] == first[n] for it in items):
        n += 1
    return first[:n]


def _common_suffix(items: list[str]) -> str:
    return _common_prefix([it[::-1] for it in items])[::-1]


def enumerated_slogans(text: str, noun_prefixes: frozenset[str] = frozenset()) -> list[Found]:
    """Enumerations whose items share a non-noun head character: 早发现、早报告、早隔离、早治疗.

    Items sharing a noun prefix (民主选举、民主协商) are separate concepts and are
    left to the other finders; `noun_prefixes` lists such prefixes.
    """
    out: list[Found] = []
    for m in _ENUM.finditer(text):
        raw = m.group(0)
        if "，" in raw:
            continue
        items = raw.split("、")
        if len(items) < 3 or len({len(it) for it in items}) != 1:
            continue
        prefix = _common_prefix(items)
        suffix = _common_suffix(items)
        shared = prefix or suffix
        if not shared or len(shared) >= len(items[0]) - 0:
            continue
        if prefix and prefix in noun_prefixes:
            continue
        if suffix and not prefix and len(suffix) >= 2:
            continue  # 政党协商、人大协商: separate concepts sharing a head
        if len(items[0]) > 4:
            continue
        out.append(Found(m.start(), m.end(), raw, Category.IDEA))
    return out
