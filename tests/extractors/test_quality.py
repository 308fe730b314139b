"""Quality floor: the extractor on the dev gold fixtures must not fall below
floors set just under the measured micro scores (see bench/eval_extraction.py)."""

import json
from pathlib import Path

import pytest

from extractors.pipeline import PolicyExtractor
from kg.goldformat import to_gold_format
from kg.model import Document, document_id
from kg.normalize import normalize_text
from kg.scoring import Summary, score_document, summarize

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "eval"
#: independently annotated documents never used to write rules (tests/fixtures/heldout/README.md)
HELDOUT = FIXTURES.parent / "heldout"

#: micro F1 floors on the dev set (the shipped pipeline, mined corpus terms included)
FLOORS = {"concepts": 0.90, "pairs": 0.77, "typed": 0.77}


#: micro F1 floors on the held-out set, just under the measured 0.614 / 0.580 / 0.580
HELDOUT_FLOORS = {"concepts": 0.60, "pairs": 0.56, "typed": 0.56}


def _score(ex: PolicyExtractor, fixtures: Path = FIXTURES) -> Summary:
    scores = []
    for gpath in sorted((fixtures / "gold").glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        text = normalize_text((fixtures / "texts" / f"{gpath.stem}.txt").read_text(encoding="utf-8"))
        pred = to_gold_format(ex.extract(Document(document_id(text), gpath.stem, text)), gold["document"])
        scores.append(score_document(gpath.stem, gold, pred))
    return summarize(scores)


@pytest.fixture(scope="module")
def summary() -> Summary:
    return _score(PolicyExtractor())


@pytest.fixture(scope="module")
def rules_summary() -> Summary:
    """The rules and lexicon alone (corpus terms off)."""
    ex = PolicyExtractor()
    shipped = ex.corpus_terms
    ex.set_corpus_terms(None)
    try:
        return _score(ex)
    finally:
        ex.set_corpus_terms(shipped)


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_micro_f1_floor(summary: Summary, measure: str) -> None:
    assert len(summary.documents) == 8
    assert summary.micro[measure].f1 >= FLOORS[measure], summary.micro[measure]


def test_concept_precision_floor(summary: Summary) -> None:
    # the corpus terms trade dev precision (0.900 -> 0.878) for recall on unseen text
    # (held-out concepts F1 up); the rules and lexicon alone keep the 0.89 floor below
    assert summary.micro["concepts"].precision >= 0.87


def test_rules_and_lexicon_floors(rules_summary: Summary) -> None:
    assert rules_summary.micro["concepts"].f1 >= 0.90, rules_summary.micro["concepts"]
    assert rules_summary.micro["concepts"].precision >= 0.89


@pytest.fixture(scope="module")
def held() -> Summary:
    return _score(PolicyExtractor(), HELDOUT)


@pytest.mark.parametrize("measure", sorted(HELDOUT_FLOORS))
def test_heldout_micro_f1_floor(held: Summary, measure: str) -> None:
    assert len(held.documents) == 4
    assert held.micro[measure].f1 >= HELDOUT_FLOORS[measure], held.micro[measure]
