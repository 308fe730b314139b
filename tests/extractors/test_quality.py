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

#: micro F1 floors on the dev set
FLOORS = {"concepts": 0.88, "pairs": 0.74, "typed": 0.74}


@pytest.fixture(scope="module")
def summary() -> Summary:
    ex = PolicyExtractor()
    scores = []
    for gpath in sorted((FIXTURES / "gold").glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        text = normalize_text((FIXTURES / "texts" / f"{gpath.stem}.txt").read_text(encoding="utf-8"))
        pred = to_gold_format(ex.extract(Document(document_id(text), gpath.stem, text)), gold["document"])
        scores.append(score_document(gpath.stem, gold, pred))
    return summarize(scores)


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_micro_f1_floor(summary: Summary, measure: str) -> None:
    assert len(summary.documents) == 8
    assert summary.micro[measure].f1 >= FLOORS[measure], summary.micro[measure]


def test_concept_precision_floor(summary: Summary) -> None:
    assert summary.micro["concepts"].precision >= 0.87
