"""Nominal subjects of a defining copula, as weak spans (pure).

A sentence that defines something names it first, as a plain noun phrase, then 是 and
what it is to another concept: 劳动教育是中国特色社会主义教育制度的重要内容, 集体经济是
公有制经济的重要组成部分, 国家计划是宏观调控的重要手段. The subject is a concept even when
nothing else marks it as one (劳动|教育 ends in the weak head 教育; 集体经济 is one jieba
word no lexicon lists). `copula_subjects` offers such subjects to the relation pass
(core.relations_with_ends), which keeps one only if a defining construction
(relations.END_RULES) links it to a concept of the sentence.

A subject here is a run of nominal words opening its clause (after the start of the
sentence or a ，；：), right before 是, of 3 to 8 characters, not inside a concept span,
neither a generic word nor one that opens with an action (发展教育 is a doing), a place
word or a pronoun.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence

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


def copula_subjects(
    text: str,
    sentence: tuple[int, int],
    tokens: Sequence[tuple[int, int]],
    tag: Callable[[str], str],
    covered: Sequence[bool] | bytearray,
    excluded: Container[str] = frozenset(),
) -> list[ConceptSpan]:
    """The nominal subjects of 是 in `sentence` (`tokens`: the sentence's tokens in order;
    `covered`: per character of `text`, whether a concept span covers it; `excluded`: names
    that are no concept: the stoplist, generic words)."""
    out: list[ConceptSpan] = []
    words = [text[a:b] for a, b in tokens]
    for k, w in enumerate(words):
        if w != "是" or k == 0:
            continue
        j = k  # the subject is tokens[i:k]
        i = k
        while (
            i > 0 and k - i < MAX_WORDS and tag(words[i - 1]) in SUBJECT_TAGS and words[i - 1] not in BREAKERS
        ):
            i -= 1
        if i == j:
            continue
        start, end = tokens[i][0], tokens[j - 1][1]
        opener = text[start - 1] if start > sentence[0] else "\n"
        if opener not in CLAUSE_OPENERS:
            continue  # not the whole subject: 我们|党的领导…, 这|一|制度…
        if not MIN_CHARS <= end - start <= MAX_CHARS or any(covered[start:end]):
            continue
        if words[i] in LEADING_ACTIONS:
            continue
        name = text[start:end]
        if name in excluded:
            continue
        out.append(ConceptSpan(start, end, name, name, head_category(name) or Category.IDEA))
    return out
