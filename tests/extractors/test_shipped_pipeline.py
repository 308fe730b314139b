"""The spaCy pipeline folder shipped in the repo opens with spacy.load and finds what the extractor finds."""

from __future__ import annotations

from pathlib import Path

import spacy

from extractors.pipeline import PolicyExtractor
from kg.model import Document, document_id

SHIPPED = Path(__file__).parents[2] / "extractors" / "data" / "zh_policy_kg"
TEXT = (
    "人民代表大会制度是实现我国全过程人民民主的重要制度载体。要增强四个意识、坚定四个自信、做到两个维护。"
    "要健全完善联系机制，积极推进“双联”工作常态化制度化。"
)


def test_shipped_folder_loads_and_agrees_with_the_extractor() -> None:
    nlp = spacy.load(SHIPPED)
    assert nlp.pipe_names == [
        "policy_sentencizer_v1",
        "policy_concepts_v1",
        "policy_relations_v1",
        "policy_concept_filter_v1",
    ]
    doc = nlp(TEXT)
    spans = {(s.start_char, s.end_char, s.kb_id_) for s in doc.spans["concepts"]}
    extraction = PolicyExtractor().extract(Document(document_id(TEXT), "t", TEXT))
    assert spans == {(m.start, m.end, m.name) for m in extraction.mentions}
    assert ("人民代表大会制度", "CARRIER_OF", "全过程人民民主") in {
        (r.head, str(r.type), r.tail) for _, r in doc._.relations
    }


def test_shipped_filter_only_drops() -> None:
    nlp = spacy.load(SHIPPED)
    doc = nlp(TEXT)
    filtered = {s.kb_id_ for s in doc.spans["concepts"]}
    with nlp.select_pipes(disable="policy_concept_filter_v1"):
        raw = nlp(TEXT)
        unfiltered = {s.kb_id_ for s in raw.spans["concepts"]}
    assert filtered <= unfiltered
    assert "全过程人民民主" in filtered
