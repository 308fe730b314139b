"""The policy extractor: a spaCy pipeline (blank zh + jieba + policy components).

`build_pipeline()` assembles it; `PolicyExtractor` runs it on a document and
turns the result into `kg.model.DocumentExtraction`. A saved copy of the
pipeline (``nlp.to_disk``) opens with ``spacy.load`` because the components
are declared under the ``spacy_factories`` entry-point group.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from pathlib import Path

import spacy
from spacy.language import Language

from extractors.components import PolicyConceptFilter, PolicyConcepts
from extractors.concept_filter import ConceptFilter, load_concept_filter
from extractors.corpus_terms import CorpusTerms
from extractors.lexicon import Lexicon, normal_form
from extractors.spans import ConceptSpan, FoundRelation
from kg.model import (
    Category,
    ConceptRecord,
    Document,
    DocumentExtraction,
    Evidence,
    Mention,
    RelationRecord,
    RelationType,
)

NAME = "policy-rules/1"
CONCEPTS_PIPE = "policy_concepts_v1"
FILTER_PIPE = "policy_concept_filter_v1"
#: documents are processed in chunks of whole lines of about this many characters
CHUNK_CHARS = 50_000


_SHARED: list[Language] = []


def shared_pipeline() -> Language:
    """The default pipeline, built once per process and reused."""
    if not _SHARED:
        _SHARED.append(build_pipeline())
    return _SHARED[0]


def build_pipeline(lexicon_paths: Sequence[Path] = ()) -> Language:
    """spaCy blank zh with the jieba segmenter and the policy components."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.max_length = 10 * CHUNK_CHARS
    nlp.add_pipe("policy_sentencizer_v1")
    nlp.add_pipe(CONCEPTS_PIPE, config={"lexicon_paths": [str(p) for p in lexicon_paths]})
    nlp.add_pipe("policy_relations_v1")
    nlp.add_pipe(FILTER_PIPE)
    return nlp


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of `text` that end at line breaks (pure)."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


class PolicyExtractor:
    """Rule-and-lexicon extractor of policy concepts and relations."""

    name = NAME

    def __init__(self, nlp: Language | None = None, *, use_spacy: bool = False) -> None:
        """`use_spacy`: run the spaCy pipeline; by default the same steps run on the
        plain string (extractors.core), about twice as fast and with the same result."""
        self.nlp = nlp if nlp is not None else shared_pipeline()
        pipe = self.nlp.get_pipe(CONCEPTS_PIPE)
        if not isinstance(pipe, PolicyConcepts):
            raise TypeError(f"{CONCEPTS_PIPE} is not a PolicyConcepts component")
        self._concepts = pipe
        self.use_spacy = use_spacy
        #: the learned keep/drop filter over the document's concepts (extractors/concept_filter.py),
        #: applied once per document (the pipeline's own filter component works per chunk)
        self._filter = PolicyConceptFilter(pipe.analyzer, load_concept_filter())

    @property
    def lexicon(self) -> Lexicon:
        return self._concepts.lexicon

    def set_lexicon(self, lexicon: Lexicon) -> None:
        """Use another lexicon from now on (held-out evaluation)."""
        self._concepts.set_lexicon(lexicon)

    def set_corpus_terms(self, terms: CorpusTerms | None) -> None:
        """Use other mined corpus terms from now on (None: none, the rules and lexicon alone)."""
        self._concepts.analyzer.corpus_terms = terms if terms is not None else CorpusTerms()

    @property
    def corpus_terms(self) -> CorpusTerms:
        return self._concepts.analyzer.corpus_terms

    @property
    def concept_filter(self) -> ConceptFilter | None:
        return self._filter.concept_filter

    def set_concept_filter(self, concept_filter: ConceptFilter | None) -> None:
        """Use another concept filter from now on (None: keep every concept)."""
        self._filter.concept_filter = concept_filter

    def extract(self, document: Document) -> DocumentExtraction:
        text = document.text
        if not self.use_spacy:
            a = self._concepts.analyzer.analyse(text)
            kept, rels = self._filter.filter(text, a.spans, a.relations)
            return assemble_extraction(document, a.sentences, kept, rels, self.lexicon, self.name)
        sentences: list[tuple[int, int]] = []
        spans: list[ConceptSpan] = []
        found: list[tuple[int, FoundRelation]] = []
        pieces = list(chunks(text))
        # each chunk is its own spaCy Doc: a document topic (core.document_topics) is a chunk topic
        # here; the concept filter runs once on the whole document below, not per chunk
        docs = self.nlp.pipe((p for _, p in pieces), disable=[FILTER_PIPE])
        for (offset, _), doc in zip(pieces, docs, strict=True):
            base = len(sentences)
            sentences += [(s + offset, e + offset) for s, e in doc._.sentences]
            spans += [
                ConceptSpan(c.start + offset, c.end + offset, c.surface, c.name, c.category)
                for c in doc._.concepts
            ]
            found += [(k + base, r) for k, r in doc._.relations]
        spans, found = self._filter.filter(text, spans, found)
        return assemble_extraction(document, sentences, spans, found, self.lexicon, self.name)


def _count(item: tuple[Category, int]) -> int:
    return item[1]


def assemble_extraction(
    document: Document,
    sentences: list[tuple[int, int]],
    spans: list[ConceptSpan],
    found: list[tuple[int, FoundRelation]],
    lexicon: Lexicon,
    extractor: str,
) -> DocumentExtraction:
    """Concept records, mentions and relations (with evidence) of one document (pure)."""
    text = document.text
    starts = [s for s, _ in sentences]

    def sentence_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def evidence(k: int) -> Evidence:
        s, e = sentences[k]
        return Evidence(document.id, text[s:e], s, e)

    mentions = tuple(Mention(c.name, c.surface, c.start, c.end, sentence_of(c.start)) for c in spans)
    categories: dict[str, dict[Category, int]] = {}
    surfaces: dict[str, dict[str, None]] = {}
    first_sentence: dict[str, int] = {}
    for m, c in zip(mentions, spans, strict=True):
        cats = categories.get(c.name)
        if cats is None:
            categories[c.name] = {c.category: 1}
            surfaces[c.name] = {c.surface: None}
            first_sentence[c.name] = m.sentence
        else:
            cats[c.category] = cats.get(c.category, 0) + 1
            surfaces[c.name][c.surface] = None
    concepts: list[ConceptRecord] = []
    relations: list[RelationRecord] = []
    for name, cats in categories.items():
        entry = lexicon.entries.get(name)
        members = entry.members if entry is not None else ()
        # the forms the text uses, then the lexicon's (人大制度 finds 人民代表大会制度 in the graph
        # even where this text spells it out; as with members, the lexicon adds what it knows)
        known = entry.aliases if entry is not None else ()
        aliases = tuple(dict.fromkeys(a for a in (*map(normal_form, surfaces[name]), *known) if a != name))
        # the most frequent category, the first seen among equals (as Counter.most_common(1))
        category = next(iter(cats)) if len(cats) == 1 else max(cats.items(), key=_count)[0]
        concepts.append(ConceptRecord(name, category, aliases, members))
        for pos, member in enumerate(members, start=1):
            relations.append(
                RelationRecord(name, RelationType.HAS_MEMBER, member, evidence(first_sentence[name]), pos)
            )
    for k, r in found:
        relations.append(RelationRecord(r.head, r.type, r.tail, evidence(k), r.position))
    return DocumentExtraction(
        document=document,
        concepts=tuple(concepts),
        mentions=mentions,
        relations=tuple(relations),
        sentences=tuple(sentences),
        extractor=extractor,
    )
