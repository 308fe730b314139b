"""spaCy components of the policy pipeline, registered under versioned names.

* ``policy_sentencizer_v1`` — sentence boundaries (extractors.sentences) as
  ``token.is_sent_start`` and as character offsets in ``doc._.sentences``
* ``policy_concepts_v1`` — concept spans in ``doc.spans["concepts"]`` (label =
  category, kb_id = canonical name) and, character-exact, in ``doc._.concepts``
* ``policy_relations_v1`` — relations per sentence in ``doc._.relations``
  as (sentence index, FoundRelation)
* ``policy_concept_filter_v1`` — drops the concepts the learned keep/drop filter
  (extractors.concept_filter) rejects, with their spans and relations

The factories are also declared under the ``spacy_factories`` entry-point group,
so ``spacy.load`` opens a saved pipeline folder without importing this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jieba
import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.concept_filter import ConceptFilter, load_concept_filter
from extractors.core import Analyzer, relations_with_ends, segment
from extractors.lexicon import Lexicon, load_lexicon
from extractors.sentences import split_sentences
from extractors.spans import ConceptSpan, FoundRelation

SPAN_KEY = "concepts"

for _ext in ("sentences", "concepts", "relations", "weak_spans", "formulas", "organizations"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


class PolicySentencizer:
    def __call__(self, doc: Doc) -> Doc:
        sentences = split_sentences(doc.text)
        starts = {s for s, _ in sentences}
        if len(doc):
            idx = doc.to_array([IDX]).tolist()
            flags = [[1 if i == 0 or x in starts else -1] for i, x in enumerate(idx)]
            values: Any = numpy.array(flags, dtype="int32").astype("uint64")
            doc.from_array([SENT_START], values)
        doc._.sentences = sentences
        return doc


#: jieba's own frequency of each word we raised (None: not in its dictionary)
_ORIGINAL_FREQ: dict[str, int | None] = {}


def set_concepts(doc: Doc, spans: list[ConceptSpan]) -> None:
    """The concept spans as `doc._.concepts` and as the span group `doc.spans["concepts"]`."""
    doc._.concepts = spans
    group: list[Span] = []
    for c in spans:
        span = doc.char_span(c.start, c.end, label=c.category.value, kb_id=c.name, alignment_mode="expand")
        if span is not None:
            group.append(span)
    doc.spans[SPAN_KEY] = group


class PolicyConcepts:
    def __init__(self, lexicon: Lexicon) -> None:
        self.analyzer = Analyzer(lexicon)

    @property
    def lexicon(self) -> Lexicon:
        return self.analyzer.lexicon

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Use another lexicon (e.g. one without a held-out document's entries)."""
        self.analyzer.set_lexicon(lexicon)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        # concepts are found on the policy segmentation (core.segment: jieba without
        # its HMM guesses, as in the fast path), then aligned to the Doc's tokens
        tokens = segment(text)
        spans = self.analyzer.concepts(text, tokens)
        set_concepts(doc, spans)
        # weak corpus terms: policy_relations_v1 promotes those a defining relation names
        sentences: list[tuple[int, int]] = doc._.sentences or split_sentences(text)
        doc._.weak_spans = self.analyzer.weak_spans(text, tokens, spans, sentences)
        doc._.formulas = self.analyzer.formulas  # their members named near them: policy_relations_v1
        doc._.organizations = self.analyzer.organizations  # a body leading what it names: the same
        return doc


class PolicyRelations:
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # built from the tokens on every access: read it once
        sentences: list[tuple[int, int]] = doc._.sentences or split_sentences(text)
        spans, doc._.relations = relations_with_ends(
            text, sentences, doc._.concepts or [], doc._.weak_spans or [], doc._.formulas, doc._.organizations
        )
        set_concepts(doc, spans)
        return doc


class PolicyConceptFilter:
    """The document's concepts without those the filter drops (None: keep every concept)."""

    def __init__(self, analyzer: Analyzer, concept_filter: ConceptFilter | None) -> None:
        self.analyzer = analyzer
        self.concept_filter = concept_filter

    def filter(
        self, text: str, spans: list[ConceptSpan], relations: list[tuple[int, FoundRelation]]
    ) -> tuple[list[ConceptSpan], list[tuple[int, FoundRelation]]]:
        """`spans` and `relations` of `text` without the dropped concepts (PolicyExtractor calls
        this once per document; the component once per Doc)."""
        if self.concept_filter is None:
            return spans, relations
        a = self.analyzer
        return self.concept_filter.apply(
            text, spans, relations, a.lexicon, a.corpus_terms, a.weak_terms, word_freq=jieba.dt.FREQ
        )

    def __call__(self, doc: Doc) -> Doc:
        if self.concept_filter is None:
            return doc
        spans, doc._.relations = self.filter(doc.text, doc._.concepts or [], doc._.relations or [])
        set_concepts(doc, spans)
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


@Language.factory("policy_concept_filter_v1")
def make_concept_filter(nlp: Language, name: str) -> PolicyConceptFilter:
    concepts = nlp.get_pipe("policy_concepts_v1")
    if not isinstance(concepts, PolicyConcepts):
        raise TypeError("policy_concept_filter_v1 needs policy_concepts_v1 before it")
    return PolicyConceptFilter(concepts.analyzer, load_concept_filter())
