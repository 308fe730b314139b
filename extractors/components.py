"""spaCy components of the policy pipeline, registered under versioned names.

* ``policy_sentencizer_v1`` — sentence boundaries (extractors.sentences) as
  ``token.is_sent_start`` and as character offsets in ``doc._.sentences``
* ``policy_concepts_v1`` — concept spans in ``doc.spans["concepts"]`` (label =
  category, kb_id = canonical name) and, character-exact, in ``doc._.concepts``
* ``policy_relations_v1`` — relations per sentence in ``doc._.relations``
  as (sentence index, FoundRelation)

The factories are also declared under the ``spacy_factories`` entry-point group,
so ``spacy.load`` opens a saved pipeline folder without importing this module.
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

import jieba
import jieba.posseg
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.concepts import find_concepts
from extractors.lexicon import Lexicon, load_lexicon
from extractors.relations import find_relations
from extractors.sentences import split_sentences
from extractors.spans import ConceptSpan

SPAN_KEY = "concepts"
#: jieba frequency given to lexicon terms so that segmentation keeps them whole
USER_WORD_FREQ = 50_000

for _ext, _default in (("sentences", None), ("concepts", None), ("relations", None)):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=_default)


def _empty_list() -> list[Any]:
    return []


def token_offsets(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of the non-space tokens of `doc`."""
    return [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]


class PolicySentencizer:
    def __call__(self, doc: Doc) -> Doc:
        sentences = split_sentences(doc.text)
        starts = {s for s, _ in sentences}
        for i, token in enumerate(doc):
            token.is_sent_start = i == 0 or token.idx in starts
        doc._.sentences = sentences
        return doc


def add_user_words(lexicon: Lexicon) -> None:
    """Make jieba keep every lexicon surface form whole."""
    for surface in lexicon.surfaces:
        if len(surface) >= 2 and surface.isalnum():
            jieba.add_word(surface, USER_WORD_FREQ)


class PolicyConcepts:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        add_user_words(lexicon)
        tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
        surfaces = lexicon.surfaces
        self._tag = lambda w: "LEX" if w in surfaces else tags.get(w, "x")

    def __call__(self, doc: Doc) -> Doc:
        spans = find_concepts(doc.text, token_offsets(doc), self.lexicon, self._tag)
        doc._.concepts = spans
        group: list[Span] = []
        for c in spans:
            span = doc.char_span(
                c.start, c.end, label=c.category.value, kb_id=c.name, alignment_mode="expand"
            )
            if span is not None:
                group.append(span)
        doc.spans[SPAN_KEY] = group
        return doc


class PolicyRelations:
    def __call__(self, doc: Doc) -> Doc:
        sentences: list[tuple[int, int]] = doc._.sentences or split_sentences(doc.text)
        spans: list[ConceptSpan] = doc._.concepts or []
        starts = [s for s, _ in sentences]
        by_sentence: dict[int, list[ConceptSpan]] = {}
        for c in spans:
            k = bisect.bisect_right(starts, c.start) - 1
            if k >= 0 and c.end <= sentences[k][1]:
                by_sentence.setdefault(k, []).append(c)
        found = []
        for k, members in sorted(by_sentence.items()):
            if len(members) < 2:
                continue
            for rel in find_relations(doc.text, sentences[k], members):
                found.append((k, rel))
        doc._.relations = found
        return doc


@Language.factory("policy_sentencizer_v1")
def make_sentencizer(nlp: Language, name: str) -> PolicySentencizer:
    return PolicySentencizer()


@Language.factory("policy_concepts_v1", default_config={"lexicon_paths": []})
def make_concepts(nlp: Language, name: str, lexicon_paths: list[str]) -> PolicyConcepts:
    paths = [Path(p) for p in lexicon_paths] or None
    return PolicyConcepts(load_lexicon(paths))


@Language.factory("policy_relations_v1")
def make_relations(nlp: Language, name: str) -> PolicyRelations:
    return PolicyRelations()
