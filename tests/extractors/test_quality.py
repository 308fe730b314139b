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
#: annotated after the dev set, independently of the extractor; since then training data of the
#: corpus-term classifier and the source of the relation rules tagged "heldout"
HELDOUT = FIXTURES.parent / "heldout"
#: annotated independently and never used to write or train anything: the unseen-document figure
HELDOUT2 = FIXTURES.parent / "heldout2"

#: micro F1 floors on the dev set, just under the measured 0.955 / 0.909 / 0.908 (the shipped pipeline,
#: mined corpus terms included, with the concept filter, which is trained on these documents: in-sample;
#: its honest gain is the nested leave-one-document-out of scripts/train_concept_filter.py, dev concepts
#: F1 0.834 -> 0.848)
FLOORS = {"concepts": 0.94, "pairs": 0.90, "typed": 0.90}


#: more training documents of the corpus-term classifier, annotated like heldout
TRAIN_EXTRA = FIXTURES.parent / "train_extra"

#: micro F1 floors on the other annotated sets, just under the measured scores (concepts / pairs / typed,
#: the concept filter included, trained on heldout and train_extra too, so in-sample there): heldout
#: 0.771 / 0.813 / 0.813, train_extra 0.652 / 0.461 / 0.456, heldout2 (blind) 0.608 / 0.273 / 0.273.
#: Their annotators mark more concepts than the dev gold; the corpus-term threshold (0.50) is chosen for
#: the dev style and cost them recall (heldout2 was 0.608 / 0.286 / 0.286 at 0.45)
SET_FLOORS = {
    "heldout": (HELDOUT, {"concepts": 0.76, "pairs": 0.80, "typed": 0.80}),
    "heldout2": (HELDOUT2, {"concepts": 0.59, "pairs": 0.26, "typed": 0.26}),
    "train_extra": (TRAIN_EXTRA, {"concepts": 0.64, "pairs": 0.45, "typed": 0.44}),
}


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
    # the corpus terms trade dev precision (0.900 -> 0.849) for recall on unseen text
    # (heldout2 concepts F1 up); the rules and lexicon alone keep the 0.89 floor below. The concept
    # filter takes it back up (0.949, in-sample: trained on these documents)
    assert summary.micro["concepts"].precision >= 0.94


def test_rules_and_lexicon_floors(rules_summary: Summary) -> None:
    assert rules_summary.micro["concepts"].f1 >= 0.90, rules_summary.micro["concepts"]
    assert rules_summary.micro["concepts"].precision >= 0.89


@pytest.fixture(scope="module", params=sorted(SET_FLOORS))
def other_set(request: pytest.FixtureRequest) -> tuple[str, Summary]:
    name: str = request.param
    return name, _score(PolicyExtractor(), SET_FLOORS[name][0])


def test_other_sets_micro_f1_floors(other_set: tuple[str, Summary]) -> None:
    name, held = other_set
    folder, floors = SET_FLOORS[name]
    assert len(held.documents) == len(list((folder / "gold").glob("*.json"))) >= 4
    for measure, floor in floors.items():
        assert held.micro[measure].f1 >= floor, (name, measure, held.micro[measure])
