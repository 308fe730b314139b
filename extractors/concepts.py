"""Find concept mentions in a document (pure): lexicon, patterns, assembly, persons.

Candidates from every finder are merged; overlapping candidates are resolved
in favour of the longest (the guidelines' "longest natural name"), then the
more reliable finder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extractors.assemble import Token, assemble_terms
from extractors.heads import head_category
from extractors.lexicon import Lexicon
from extractors.patterns import (
    TITLES,
    enumerated_slogans,
    formulas_in_text,
    is_formula,
    quoted_terms,
)
from extractors.spans import ConceptSpan
from kg.model import Category
from kg.normalize import normalize_term

# reliability of each finder (higher wins among equally long candidates)
LEXICON, PATTERN, PERSON, ASSEMBLED = 4, 3, 3, 1
MAX_LEX_TOKENS = 6

_PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
_ORG = re.compile(
    r"(?:全国|省|市|区|县|镇|乡|街道|镇街|自治区|各级)(?:人大常委会|人大|政协|党委|政府|人民政府|纪委)"
)
_TITLE_SET = frozenset(TITLES)


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
    cands += _lexicon_matches(text, tokens, lexicon)
    for f in (*quoted_terms(text), *formulas_in_text(text), *enumerated_slogans(text)):
        cands.append(_resolve(f.start, f.end, text[f.start : f.end], f.category, PATTERN, lexicon))
    cands += _persons(text, tokens, tag, lexicon)
    for m in _ORG.finditer(text):
        cands.append(_resolve(m.start(), m.end(), m.group(0), Category.ORGANIZATION, PATTERN, lexicon))
    for s, e in assemble_terms(text, tokens, tag, lexicon.surfaces):
        surface = text[s:e]
        cat = head_category(surface) or Category.IDEA
        cands.append(_resolve(s, e, surface, cat, ASSEMBLED, lexicon))
    chosen = _non_overlapping(cands)
    return [
        ConceptSpan(c.start, c.end, text[c.start : c.end], c.name, c.category)
        for c in sorted(chosen, key=lambda c: c.start)
    ]


def _resolve(
    start: int, end: int, surface: str, category: Category, priority: int, lexicon: Lexicon
) -> Candidate:
    """A candidate, with its lexicon name and category when the lexicon knows it."""
    entry = lexicon.lookup(normalize_term(surface))
    if entry is not None:
        return Candidate(start, end, entry.name, entry.category, LEXICON)
    name = normalize_term(surface)
    if category is not Category.FORMULA and is_formula(name):
        category = Category.FORMULA
    return Candidate(start, end, name, category, priority)


def _lexicon_matches(text: str, tokens: Sequence[Token], lexicon: Lexicon) -> list[Candidate]:
    """Longest lexicon surface form starting at each token (joins of up to MAX_LEX_TOKENS tokens)."""
    out: list[Candidate] = []
    n = len(tokens)
    surfaces = lexicon.surfaces
    limit = lexicon.max_len
    for i in range(n):
        start = tokens[i][0]
        best: int | None = None
        for k in range(i, min(n, i + MAX_LEX_TOKENS)):
            end = tokens[k][1]
            if end - start > limit:
                break
            if text[start:end] in surfaces:
                best = end
        if best is not None:
            entry = lexicon.lookup(text[start:best])
            assert entry is not None
            out.append(Candidate(start, best, entry.name, entry.category, LEXICON))
    return out


def _persons(
    text: str, tokens: Sequence[Token], tag: Callable[[str], str], lexicon: Lexicon
) -> list[Candidate]:
    """Person names: a name-tagged token followed by a title (习近平总书记 → 习近平)."""
    out: list[Candidate] = []
    for i, (s, e) in enumerate(tokens):
        word = text[s:e]
        if not 2 <= len(word) <= 4 or tag(word) not in _PERSON_TAGS:
            continue
        nxt = text[tokens[i + 1][0] : tokens[i + 1][1]] if i + 1 < len(tokens) else ""
        entry = lexicon.lookup(word)
        if nxt in _TITLE_SET or (entry is not None and entry.category is Category.PERSON):
            out.append(Candidate(s, e, word, Category.PERSON, PERSON))
    return out


def _non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Greedy choice: longest first, then most reliable, then leftmost (linear in text size)."""
    if not cands:
        return []
    occupied = bytearray(max(c.end for c in cands))
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if c.end <= c.start or any(occupied[c.start : c.end]):
            continue
        occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    return chosen
