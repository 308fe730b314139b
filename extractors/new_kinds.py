"""Names of a new kind of thing: a name followed by 新 and a kind word (pure).

Policy texts name what is to be built as a new pattern, highland or edge of something:
社会治理|新模式, 改革开放|新高地, 主流舆论|新格局, 养老服务|新模式. The guidelines' longest
natural name takes the tail in (annotators name 养老服务新模式, not 养老服务), while the goals
a text opens up (开创…新局面, 谱写…新篇章, 走好…新征程) are no concepts and keep their
name alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extractors.heads import head_category
from extractors.segmenter import token_ending_at, token_starting_at
from extractors.spans import ConceptSpan
from kg.model import Category

#: kind words after 新 that make a name (新格局, 新模式 …); not 新局面, 新篇章, 新征程 (goals)
NEW_KINDS = ("格局", "模式", "高地", "优势", "动能", "业态")
#: at most this many 新X tails in a row (消费|新业态|新模式)
_MAX_TAILS = 2
#: categories whose names never take a tail (a person, a body, a numbered formula)
_CLOSED = frozenset({Category.PERSON, Category.ORGANIZATION, Category.FORMULA})
#: marks before a list item: the tail after a list's last item belongs to the whole list
_LIST_MARKS = frozenset("、和与及")


def new_kind_end(text: str, tokens: Sequence[tuple[int, int]], end: int) -> int:
    """The end of the 新X tails that follow `end` as whole words (`end` itself if none)."""
    pos = end
    for _ in range(_MAX_TAILS):
        if not text.startswith("新", pos) or not token_starting_at(tokens, pos):
            break
        kind = next((k for k in NEW_KINDS if text.startswith(k, pos + 1)), None)
        if kind is None or token_ending_at(tokens, pos + 1 + len(kind)) is None:
            break
        pos += 1 + len(kind)
    return pos


def with_new_kinds(
    text: str,
    tokens: Sequence[tuple[int, int]],
    spans: Sequence[ConceptSpan],
    name_of: Callable[[str], str],
) -> list[ConceptSpan]:
    """`spans` with every name that a 新X tail follows extended over it (社会治理 →
    社会治理新模式), unless the name is a list item or another span starts in the tail."""
    starts = [c.start for c in spans]
    out: list[ConceptSpan] = []
    for c in spans:
        end = new_kind_end(text, tokens, c.end) if c.category not in _CLOSED else c.end
        if (
            end == c.end
            or (c.start > 0 and text[c.start - 1] in _LIST_MARKS)
            or any(c.end <= s < end for s in starts)
        ):
            out.append(c)
            continue
        surface = text[c.start : end]
        category = head_category(surface) or c.category
        out.append(ConceptSpan(c.start, end, surface, name_of(surface), category))
    return out
