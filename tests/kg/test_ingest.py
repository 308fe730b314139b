"""kg.ingest.ingest_paths: what its report counts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

import kg.ingest
import kg.sources
from kg.ingest import ingest_paths, is_renormalized
from kg.model import Document, DocumentExtraction
from kg.store.networkx_store import NetworkxStore

TEXTS = {
    "a.txt": "人民代表大会制度是实现全过程人民民主的重要制度载体。",
    "b.txt": "协商民主是实践全过程人民民主的重要形式。",
    "c.txt": "坚持党的领导、人民当家作主、依法治国有机统一。",
}


class EmptyExtractor:
    """Finds nothing: the report's counts do not depend on what is extracted."""

    name = "empty/1"

    def extract(self, document: Document) -> DocumentExtraction:
        return DocumentExtraction(document, (), (), (), (), self.name)


class RacedStore(NetworkxStore):
    """Another writer (a second `kg ingest` into the same folder) stores every document after this
    ingest checked has_document and before its add_many."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir)
        self.other = NetworkxStore(data_dir)

    def add_many(self, extractions: Iterable[DocumentExtraction]) -> int:
        batch = list(extractions)
        self.other.add_many(batch)
        return super().add_many(batch)


@pytest.fixture
def texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(kg.ingest, "load_extractor", lambda name: EmptyExtractor())
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _counts(report: kg.ingest.IngestReport) -> tuple[int, int, int, int, int]:
    return report.files, report.added, report.unchanged, report.duplicates, len(report.failed)


def test_documents_another_ingest_stored_meanwhile_count_as_already_stored(
    texts: Path, tmp_path: Path
) -> None:
    store = RacedStore(tmp_path / "kg")
    report = ingest_paths([texts], store, batch_size=2)
    assert _counts(report) == (3, 0, 3, 0, 0)  # not "3 files: 0 added, 0 already stored"
    assert store.stats().documents == 3


def test_added_and_already_stored_add_up_to_the_files(texts: Path, tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path / "kg")
    assert _counts(ingest_paths([texts / "a.txt"], store)) == (1, 1, 0, 0, 0)
    (texts / "d.txt").write_text(TEXTS["b.txt"], encoding="utf-8")  # b's text again
    assert _counts(ingest_paths([texts], store)) == (4, 2, 1, 1, 0)
    assert _counts(ingest_paths([texts], store)) == (4, 0, 4, 0, 0)  # d is stored too (as b)


def _stored_by_an_older_version(
    texts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, a_text: str
) -> NetworkxStore:
    """A store of `texts`, a.txt holding `a_text`, ingested by a version whose normalisation kept
    ASCII punctuation."""
    (texts / "a.txt").write_text(a_text, encoding="utf-8")
    store = NetworkxStore(tmp_path / "kg")
    with monkeypatch.context() as m:
        m.setattr(kg.sources, "normalize_text", lambda text: text.strip("\n"))
        assert _counts(ingest_paths([texts], store)) == (3, 3, 0, 0, 0)
    return store


def test_a_file_read_by_an_older_normalisation_is_replaced_by_its_new_reading(
    texts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _stored_by_an_older_version(
        texts, tmp_path, monkeypatch, "人民代表大会制度是重要制度载体,全过程人民民主."
    )
    (old,) = [d.id for d in store.list_documents() if d.source.endswith("a.txt")]
    report = ingest_paths([texts], store)
    assert _counts(report) == (3, 1, 2, 0, 0)
    (new,) = [d.id for d in store.list_documents() if d.source.endswith("a.txt")]
    assert report.renormalized == [(old, new, str((texts / "a.txt").resolve()))]
    assert store.stats().documents == 3
    doc = store.get_document(new)
    assert doc is not None and doc.text == "人民代表大会制度是重要制度载体，全过程人民民主。"
    assert ingest_paths([texts], store).renormalized == []


def test_an_edited_file_is_not_taken_for_a_new_reading(texts: Path, tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path / "kg")
    ingest_paths([texts], store)
    (texts / "a.txt").write_text(TEXTS["a.txt"] + "坚持人民代表大会制度。", encoding="utf-8")
    report = ingest_paths([texts], store)
    assert report.renormalized == [] and store.stats().documents == 4  # both versions kept


def test_an_interrupted_replacement_finishes_on_the_next_run(
    texts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _stored_by_an_older_version(texts, tmp_path, monkeypatch, "坚持党的领导,人民当家作主.")
    with monkeypatch.context() as m:  # stopped after storing the new reading, before the removal
        m.setattr(store, "delete_document", lambda document_id: False)
        ingest_paths([texts], store)
    assert store.stats().documents == 4  # nothing lost: both readings are stored
    report = ingest_paths([texts], store)
    assert len(report.renormalized) == 1 and store.stats().documents == 3


def test_progress_moves_as_each_document_is_extracted(
    texts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the bar stood at 0/N while the documents of a batch (64) were extracted, then jumped to N/N
    progress: list[int] = []
    seen_by_extractor: list[int] = []

    class RecordingExtractor(EmptyExtractor):
        def extract(self, document: Document) -> DocumentExtraction:
            seen_by_extractor.append(progress[-1] if progress else 0)
            return super().extract(document)

    monkeypatch.setattr(kg.ingest, "load_extractor", lambda name: RecordingExtractor())
    report = ingest_paths(
        [texts], NetworkxStore(tmp_path / "kg"), on_progress=lambda done, n: progress.append(done)
    )
    assert report.added == 3
    assert seen_by_extractor == [0, 1, 2]  # each extraction starts after the one before was counted
    assert progress[-1] == 3


def test_is_renormalized() -> None:
    assert is_renormalized("坚持党的领导,人民当家作主.", "坚持党的领导，人民当家作主。")
    assert not is_renormalized("坚持党的领导。", "坚持党的领导。")  # the same text
    assert not is_renormalized("坚持党的领导。", "坚持党的全面领导。")  # an edit


class FailingStore(NetworkxStore):
    """Stops (as on Ctrl-C) in its first add_many."""

    def add_many(self, extractions: Iterable[DocumentExtraction]) -> int:
        raise KeyboardInterrupt


def test_reextract_counts_apart_and_an_interrupted_one_finishes_on_a_rerun(
    texts: Path, tmp_path: Path
) -> None:
    store = NetworkxStore(tmp_path / "kg")
    ingest_paths([texts], store)
    report = ingest_paths([texts / "a.txt", texts / "b.txt"], store, reextract=True)
    assert (report.added, report.reextracted, report.unchanged) == (0, 2, 0)
    assert store.stats().documents == 3
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([texts], FailingStore(tmp_path / "kg"), reextract=True)
    store = NetworkxStore(tmp_path / "kg")
    report = ingest_paths([texts], store, reextract=True)
    assert report.added + report.reextracted == 3 and store.stats().documents == 3
