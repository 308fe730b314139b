"""Plain noun phrases at the ends of a defining copula, as weak spans (pure).

A sentence that defines something names it first, as a plain noun phrase, then 是 and
what it is to another concept: 劳动教育是中国特色社会主义教育制度的重要内容, 集体经济是
公有制经济的重要组成部分. Either end may be a concept that nothing else marks as one
(劳动|教育 ends in the weak head 教育; 集体经济 and 体育产业 are single jieba words no
lexicon lists). `copula_ends` offers such phrases to the relation
pass (core.relations_with_ends), which keeps one only if a defining construction
(relations.END_RULES) links it to a concept of the sentence.

A subject is a run of nominal words opening its clause (after the start of the sentence
or a ，；：), right before 是; an object a run of nominal words right after 是 (or after
是 and a verb such as 实现), right before 的. Either has 3 to 8 characters, lies inside no
concept span and is neither a generic word nor one that opens with an action (发展教育 is
a doing); a subject is no pronoun or end of a 的-phrase; no object is taken after a reversed copula
(四个现代化的关键是|科学技术|的现代化: the key is the modernisation, not 科学技术).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extractors.assemble import BREAKERS, LEADING_ACTIONS
from extractors.heads import head_category
from extractors.spans import ConceptSpan
from kg.model import Category

#: tags of the words a subject may consist of (jieba's ICTCLAS set; LEX: a lexicon word)
SUBJECT_TAGS = frozenset({"n", "nz", "vn", "an", "j", "LEX"})
#: what opens a clause
CLAUSE_OPENERS = frozenset("，,；;：:。！？!?\n")
MIN_CHARS = 3
MAX_CHARS = 8
MAX_WORDS = 4


def _nominal(word: str, tag: Callable[[str], str]) -> bool:
    return word not in BREAKERS and tag(word) in SUBJECT_TAGS


def _phrase(
    text: str,
    tokens: Sequence[tuple[int, int]],
    words: Sequence[str],
    run: tuple[int, int],
    covered: Sequence[bool] | bytearray,
    excluded: Callable[[str], bool],
) -> ConceptSpan | None:
    """The span of the words `run` (first, past-last index), if it may name a concept: of
    MIN_CHARS to MAX_CHARS characters, uncovered, not opening with an action, not excluded."""
    i, j = run
    if i == j:
        return None
    start, end = tokens[i][0], tokens[j - 1][1]
    if not MIN_CHARS <= end - start <= MAX_CHARS or any(covered[start:end]) or words[i] in LEADING_ACTIONS:
        return None
    name = text[start:end]
    if excluded(name):
        return None
    return ConceptSpan(start, end, name, name, head_category(name) or Category.IDEA)


#: verbs a copula's object may open with (X是实现Y的…载体): the object is the noun run after them
OBJECT_VERBS = frozenset(
    {"实现", "推进", "推动", "促进", "发展", "保证", "保障", "维护", "加强", "建设", "巩固", "坚持"}
)


def copula_ends(
    text: str,
    sentence: tuple[int, int],
    tokens: Sequence[tuple[int, int]],
    tag: Callable[[str], str],
    covered: Sequence[bool] | bytearray,
    excluded: Callable[[str], bool] = lambda name: False,
) -> list[ConceptSpan]:
    """The nominal subjects and objects of 是 in `sentence`, in text order (`tokens`: the
    sentence's tokens; `covered`: per character of `text`, whether a concept span covers it;
    `excluded`: whether a name is never a concept: stoplisted, generic)."""
    out: list[ConceptSpan] = []
    words = [text[a:b] for a, b in tokens]
    for k, w in enumerate(words):
        if w != "是":
            continue
        for run in (_subject(text, sentence, tokens, words, k, tag), _object(words, k, tag)):
            span = None if run is None else _phrase(text, tokens, words, run, covered, excluded)
            if span is not None:
                out.append(span)
    return out


def _subject(
    text: str,
    sentence: tuple[int, int],
    tokens: Sequence[tuple[int, int]],
    words: Sequence[str],
    k: int,
    tag: Callable[[str], str],
) -> tuple[int, int] | None:
    """The nominal run (first, past-last word) that opens its clause right before the 是 at `k`."""
    i = k
    while i > 0 and k - i < MAX_WORDS and _nominal(words[i - 1], tag):
        i -= 1
    opener = text[tokens[i][0] - 1] if i < k and tokens[i][0] > sentence[0] else "\n"
    return (i, k) if opener in CLAUSE_OPENERS else None  # not 我们|党的领导…, 这|一|制度…


def _object(words: Sequence[str], k: int, tag: Callable[[str], str]) -> tuple[int, int] | None:
    """The nominal run right after the 是 at `k` (and a verb of OBJECT_VERBS) and before 的."""
    if k >= 2 and words[k - 2] == "的":
        return None  # Y的关键是X的现代化: reversed, what follows 是 is the whole of X
    n = len(words)
    i = k + 1 + (k + 1 < n and words[k + 1] in OBJECT_VERBS)
    j = i
    while j < n and j - i < MAX_WORDS and _nominal(words[j], tag):
        j += 1
    return (i, j) if j < n and words[j] == "的" else None
