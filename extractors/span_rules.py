"""Span rules applied after the concept finders (pure: text and span in, span out).

Each follows a boundary rule of the annotation guidelines where a span found by the
finders runs into, or stops short of, the words around it:

* a system's name running into a generic noun is no concept (根本政治制度|安排);
* the verb of a means is no part of its name before the object (用|法治保障|人民权益);
* a numbered programme belongs to what it acts on (农村人居环境整治|三年行动计划);
* a process applied to a concept is no part of it (志愿服务|制度|化 → 志愿服务);
* a party's name before 人 names its members, not the party (中国共产党|人);
* a decision is a document only under its title (中共中央关于…的决定; 行政执法决定 is none).
"""

from __future__ import annotations

import re

from extractors.lexicon import Lexicon
from extractors.spans import ConceptSpan
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
