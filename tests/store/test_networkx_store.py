"""Behaviour specific to the embedded store: persistence and crash safety.
Store semantics shared with Neo4j are in tests/contract/."""

import errno
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from kg.model import RelationType
from kg.settings import load_settings
from kg.store import open_store
from kg.store.base import StoreCorrupt, StoreMisconfigured, StoreNotFound, StoreUnavailable
from kg.store.networkx_store import NetworkxStore
from tests.conftest import refuse_writing_store_lock
from tests.factories import FOUNDING, REPORT


def test_graph_survives_reopening(tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path)
    store.add(FOUNDING)
    store.add(REPORT)
    reopened = NetworkxStore(tmp_path)
    assert reopened.stats() == store.stats()
    cid = store.find_concept("全过程人民民主")
    assert cid is not None
    assert reopened.relations(cid.id) == store.relations(cid.id)


def test_one_file_per_document_and_no_temporary_files(tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path)
    store.add(FOUNDING)
    files = sorted(p.name for p in (tmp_path / "documents").iterdir())
    assert files == [f"{FOUNDING.document.id}.json"]
    data = json.loads((tmp_path / "documents" / files[0]).read_text(encoding="utf-8"))
    assert data["document"]["text"] == FOUNDING.document.text


def test_interrupted_write_leaves_no_half_document(tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path)
    store.add(FOUNDING)
    # what a crash during write_atomically leaves behind: a temporary file
    (tmp_path / "documents" / f".{REPORT.document.id}.json.123.tmp").write_text('{"trunc', encoding="utf-8")
    reopened = NetworkxStore(tmp_path)
    assert reopened.stats().documents == 1
    assert not list((tmp_path / "documents").glob(".*.tmp"))


def test_another_process_sees_new_documents(tmp_path: Path) -> None:
    reader = NetworkxStore(tmp_path)
    writer = NetworkxStore(tmp_path)
    writer.add(FOUNDING)
    assert reader.has_document(FOUNDING.document.id)
    assert reader.find_concept("人民代表大会制度") is not None


def test_delete_restores_the_exact_previous_graph(tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path / "a")
    store.add(FOUNDING)
    before = (store.stats(), list(store.iter_concepts()), list(store.iter_relations(max_evidence=5)))
    store.add(REPORT)
    assert store.delete_document(REPORT.document.id)
    after = (store.stats(), list(store.iter_concepts()), list(store.iter_relations(max_evidence=5)))
    assert after == before


def test_cooccurrence_pmi_follows_sentence_counts(tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path)
    store.add(FOUNDING)
    a = store.find_concept("全过程人民民主")
    b = store.find_concept("社会主义民主政治")
    assert a and b
    co = [r for r in store.edges_between(a.id, b.id) if r.type == RelationType.CO_OCCURS_WITH]
    assert len(co) == 1
    # 5 sentences; 全过程人民民主 in 2, 社会主义民主政治 in 1, together in 1: log2(1*5/(2*1))
    assert co[0].count == 1
    assert abs((co[0].pmi or 0) - 1.321928) < 1e-5


def test_threads_adding_and_deleting_at_once_match_a_sequential_run(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from kg.model import Category
    from tests.factories import make_extraction

    docs = [
        make_extraction(
            f"doc {i}",
            [f"第{i}条：全过程人民民主和人民代表大会制度。"],
            {"全过程人民民主": Category.IDEA, "人民代表大会制度": Category.SYSTEM},
        )
        for i in range(24)
    ]
    shared = NetworkxStore(tmp_path / "shared")
    with ThreadPoolExecutor(6) as pool:
        assert sum(pool.map(shared.add, docs)) == len(docs)
        assert all(pool.map(shared.delete_document, [d.document.id for d in docs[::2]]))
    sequential = NetworkxStore(tmp_path / "seq")
    for d in docs[1::2]:
        sequential.add(d)
    assert shared.stats() == sequential.stats()
    assert NetworkxStore(tmp_path / "shared").stats() == sequential.stats()


def test_a_second_process_writing_keeps_its_temporary_file(tmp_path: Path) -> None:
    """Opening the store while another writer holds the lock must not delete its in-flight file."""
    import fcntl

    store = NetworkxStore(tmp_path)
    inflight = tmp_path / "documents" / ".dabc.json.1.tmp"
    with open(tmp_path / ".write.lock", "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        inflight.write_text("{", encoding="utf-8")
        NetworkxStore(tmp_path)
        assert inflight.exists()
        fcntl.flock(fh, fcntl.LOCK_UN)
    NetworkxStore(tmp_path)
    assert not inflight.exists()
    assert store.stats().documents == 0


def test_a_vanished_data_folder_is_unavailable_until_restored(tmp_path: Path) -> None:
    data = tmp_path / "kg"
    store = NetworkxStore(data)
    store.add(FOUNDING)
    shutil.copytree(data, tmp_path / "backup")
    shutil.rmtree(data)
    for call in (store.stats, lambda: store.has_document("x"), lambda: store.add(REPORT)):
        with pytest.raises(StoreUnavailable, match="is gone"):
            call()
    shutil.copytree(tmp_path / "backup", data)
    assert store.stats().documents == 1


@pytest.mark.parametrize("exists", [False, True], ids=["no-folder", "empty-folder"])
def test_create_false_refuses_a_folder_without_a_store_and_creates_nothing(
    tmp_path: Path, exists: bool
) -> None:
    data_dir = tmp_path / "kg"
    if exists:
        data_dir.mkdir()
    with pytest.raises(StoreNotFound, match=f"no graph at {data_dir}"):
        NetworkxStore(data_dir, create=False)
    with pytest.raises(StoreNotFound):
        open_store(load_settings(store="networkx", data_dir=data_dir), create=False)
    assert sorted(p.name for p in tmp_path.rglob("*")) == (["kg"] if exists else [])


def test_create_false_opens_an_existing_store(tmp_path: Path) -> None:
    NetworkxStore(tmp_path).add(FOUNDING)
    store = NetworkxStore(tmp_path, create=False)
    assert store.stats().documents == 1
    empty = tmp_path / "emptied"
    NetworkxStore(empty).close()  # created, nothing ingested (or everything deleted): a store all the same
    assert NetworkxStore(empty, create=False).stats().documents == 0


# ---- a file in documents/ that holds no document -----------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{broken", "is not valid JSON (line 1 col 2: "),
        (b"", "is empty"),
        (b"\xff\xfe{}", "is not UTF-8 text (byte 0)"),
        (b"[]", "holds an array where a JSON object is needed"),
        (b"{}", 'has no "format" field'),
        (b'{"format": 2}', 'has "format": 2; this version of kg reads format 1'),
        (b'{"format": 1}', "lacks the field 'document'"),
        (b'{"format": 1, "document": []}', "holds an invalid document ("),
    ],
    ids=["not-json", "empty", "not-utf8", "array", "no-format", "other-format", "no-document", "bad-type"],
)
def test_a_file_without_a_document_is_refused_naming_it(tmp_path: Path, content: bytes, reason: str) -> None:
    """Not a JSONDecodeError traceback, nor a graph silently missing a document: StoreCorrupt
    (503 over HTTP) naming the file and what is wrong with it, on open and for an open store."""
    opened = NetworkxStore(tmp_path)
    opened.add(FOUNDING)
    bad = tmp_path / "documents" / "dzzz.json"
    bad.write_bytes(content)
    with pytest.raises(StoreCorrupt) as refused:
        NetworkxStore(tmp_path, create=False)
    assert str(refused.value).startswith(f"store file {bad} {reason}")
    assert isinstance(refused.value, StoreUnavailable)
    for call in (opened.stats, lambda: opened.has_document(FOUNDING.document.id), lambda: opened.add(REPORT)):
        with pytest.raises(StoreCorrupt, match=re.escape(f"move it out of {tmp_path / 'documents'}")):
            call()
    bad.unlink()  # moved away: the graph is whole again, and the refused add left no trace
    assert opened.stats().documents == 1 and not opened.has_document(REPORT.document.id)
    assert NetworkxStore(tmp_path, create=False).stats() == opened.stats()


def test_a_copy_of_a_document_file_is_refused_not_counted_twice(tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path)
    store.add(FOUNDING)
    before = store.stats()
    folder = tmp_path / "documents"
    original = folder / f"{FOUNDING.document.id}.json"
    copy = folder / "backup.json"
    copy.write_bytes(original.read_bytes())
    with pytest.raises(StoreCorrupt) as refused:
        NetworkxStore(tmp_path, create=False)
    assert str(refused.value).startswith(
        f"store file {copy} holds document {FOUNDING.document.id}, which is stored as {original.name}"
    )
    copy.unlink()
    assert NetworkxStore(tmp_path, create=False).stats() == before


# ---- a folder this process may read but not write ----------------------------------------


@pytest.mark.parametrize("err", [errno.EROFS, errno.EACCES], ids=["read-only-mount", "other-users-folder"])
def test_a_store_that_cannot_be_written_is_read_and_refuses_writes_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int
) -> None:
    """Opening needs no write access (the clean-up of torn writes is left to a process that has
    it); a write says the folder cannot be written, not 'cannot read or write'."""
    writer = NetworkxStore(tmp_path)
    writer.add(FOUNDING)
    leftover = tmp_path / "documents" / f".{REPORT.document.id}.json.1.tmp"
    leftover.write_text('{"trunc', encoding="utf-8")
    refuse_writing_store_lock(monkeypatch, err)
    reader = NetworkxStore(tmp_path, create=False)
    assert reader.stats() == writer.stats()
    assert [d.id for d in reader.list_documents()] == [FOUNDING.document.id]
    assert leftover.exists()
    expected = (
        f"cannot write to the data folder {tmp_path} ({tmp_path / '.write.lock'}: {os.strerror(err)}); "
        "the graph can be read, but adding or deleting documents needs write access to it"
    )
    for write in (lambda: reader.add(REPORT), lambda: reader.delete_document(FOUNDING.document.id)):
        with pytest.raises(StoreMisconfigured, match=re.escape(expected)):
            write()
    assert reader.stats() == writer.stats()
    monkeypatch.undo()
    NetworkxStore(tmp_path)  # a process that may write cleans up
    assert not leftover.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod; the test above simulates it")
def test_a_folder_without_write_permission_is_read_and_refuses_writes(tmp_path: Path) -> None:
    data = tmp_path / "kg"
    NetworkxStore(data).add(FOUNDING)
    modes = {data / ".write.lock": 0o444, data / "documents": 0o555, data: 0o555}
    for path, mode in modes.items():
        path.chmod(mode)
    try:
        reader = NetworkxStore(data, create=False)
        assert reader.stats().documents == 1
        with pytest.raises(StoreMisconfigured, match="cannot write to the data folder"):
            reader.add(REPORT)
    finally:
        for path in reversed(modes):
            path.chmod(0o755 if path.is_dir() else 0o644)
