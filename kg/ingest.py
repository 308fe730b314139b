"""Ingest: files -> documents -> extractions -> store, in parallel, with progress.

Documents already in the store (same content hash) are skipped before
extraction, so re-running an ingest is cheap and changes nothing. A file stored by
an earlier version whose text normalisation differed (so its hash differs too) is
stored again as read now, and its old version is then removed: not a duplicate.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path

from kg.extraction import EXTRACTOR_GROUP, Extractor, load_extractor
from kg.model import Document, DocumentExtraction
from kg.normalize import normalize_text
from kg.sources import InputError, PathScan, SourceMeta, read_document, read_sidecar_index, scan_paths
from kg.store.base import GraphStore

_worker_extractor: Extractor | None = None


def check_extractor(name: str) -> None:
    """ExtractorNotFound unless an extractor `name` is installed (without instantiating it)."""
    if not any(ep.name == name for ep in entry_points(group=EXTRACTOR_GROUP)):
        load_extractor(name)  # raises ExtractorNotFound with the installed names


def _init_worker(extractor_name: str) -> None:
    global _worker_extractor
    _worker_extractor = load_extractor(extractor_name)


def _extraction_pool(workers: int, extractor_name: str) -> ProcessPoolExecutor:
    """Worker processes holding a loaded extractor.

    Where processes fork, the extractor is loaded once here and the workers inherit it (loading
    takes seconds of CPU: one load instead of one per worker, all competing for the same cores);
    elsewhere each worker loads its own.
    """
    global _worker_extractor
    if "fork" in multiprocessing.get_all_start_methods():
        _worker_extractor = load_extractor(extractor_name)
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(extractor_name,))


def _extract_in_worker(document: Document) -> DocumentExtraction:
    assert _worker_extractor is not None, "worker not initialised"
    return _worker_extractor.extract(document)


@dataclass
class IngestReport:
    files: int = 0
    added: int = 0
    unchanged: int = 0  # already in the store
    duplicates: int = 0  # same content as another file of this batch
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    missing: list[str] = field(default_factory=list)  # paths that do not exist (messages)
    # named files of another type, devices and FIFOs, folders without texts
    ignored: list[str] = field(default_factory=list)
    # (old id, new id, source): a file stored before under an older text normalisation, read
    # again; the old version was removed once the new one was stored
    renormalized: list[tuple[str, str, str]] = field(default_factory=list)
    reextracted: int = 0  # stored documents extracted again (reextract=True); not in `added`


def is_renormalized(stored_text: str, text: str) -> bool:
    """Whether `stored_text` (a stored document of a file) and `text` (that file read now) are the
    same file read by two versions of the normalisation: they differ, but the stored text
    normalised as now gives `text`. An edited file gives another text."""
    return stored_text != text and normalize_text(stored_text) == text


def stored_by_source(store: GraphStore) -> dict[str, list[str]]:
    """Stored documents' ids by the file they were read from."""
    count = store.document_count()
    out: dict[str, list[str]] = {}
    for info in store.list_documents(limit=count) if count else []:
        if info.source:
            out.setdefault(info.source, []).append(info.id)
    return out


def _older_versions(store: GraphStore, doc: Document, by_source: dict[str, list[str]]) -> list[str]:
    """Ids of stored documents that are `doc`'s file read by an older normalisation."""
    out = []
    for old_id in by_source.get(doc.source, []):
        old = store.get_document(old_id) if old_id != doc.id else None
        if old is not None and is_renormalized(old.text, doc.text):
            out.append(old_id)
    return out


def read_documents(files: Iterable[Path], *, max_bytes: int, report: IngestReport) -> Iterator[Document]:
    """Documents of the files, with per-file errors recorded in `report`."""
    indexes: dict[Path, dict[str, SourceMeta]] = {}
    for path in files:
        folder = path.parent
        if folder not in indexes:
            indexes[folder] = read_sidecar_index(folder)
        try:
            yield read_document(path, max_bytes=max_bytes, meta=indexes[folder].get(str(path.resolve())))
        except InputError as e:
            report.failed.append((str(path), str(e)))


def ingest_paths(
    paths: list[Path] | PathScan,
    store: GraphStore,
    *,
    extractor_name: str = "default",
    workers: int = 1,
    max_bytes: int = 20_000_000,
    batch_size: int = 64,
    on_progress: Callable[[int, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    reextract: bool = False,
) -> IngestReport:
    """Ingest every text file under `paths` into `store`; returns what happened (a path that
    does not exist or gives no text file is recorded in the report and the others go on).
    `paths` may be their `scan_paths` result already, so a caller that checked it first does
    not walk the folders twice. With `reextract`, documents already stored are extracted again
    and what was found in them before is replaced (after an upgrade of the extractor)."""
    scan = paths if isinstance(paths, PathScan) else scan_paths(paths)
    report = IngestReport(missing=scan.missing, ignored=scan.ignored)
    files = scan.files
    report.files = len(files)
    if on_start:
        on_start(len(files))
    pending: list[Document] = []
    seen: set[str] = set()
    stored: set[str] = set()  # ids of pending documents stored before (reextract)
    by_source = stored_by_source(store)
    older: list[tuple[str, str, str]] = []  # (old id, new id, source)
    done = 0
    for doc in read_documents(files, max_bytes=max_bytes, report=report):
        if doc.source in by_source:
            older.extend((old_id, doc.id, doc.source) for old_id in _older_versions(store, doc, by_source))
        if doc.id in seen:
            report.duplicates += 1
        elif (known := store.has_document(doc.id)) and not reextract:
            report.unchanged += 1
        else:
            if known:
                stored.add(doc.id)
            seen.add(doc.id)
            pending.append(doc)
            continue
        done += 1
        if on_progress:
            on_progress(done, len(files))
    done += len(report.failed)
    if on_progress:
        on_progress(done, len(files))

    def store_batch(batch: list[DocumentExtraction]) -> None:
        # extracted again: the old facts go first (an interrupted run leaves the document out
        # until the same command runs again)
        replaced = sum(store.delete_document(x.document.id) for x in batch if x.document.id in stored)
        added = store.add_many(batch) - replaced
        report.reextracted += replaced
        report.added += added
        # the rest were stored since has_document said no (another ingest into the same store);
        # a batch's ids are distinct, so each one not added is one already stored
        report.unchanged += len(batch) - replaced - added

    def drop_older_versions() -> None:
        """Remove the older versions whose new version is stored (never the other way round: an
        interrupted ingest leaves both, and the next run removes the old one)."""
        for old_id, new_id, source in older:
            if store.has_document(new_id) and store.delete_document(old_id):
                report.renormalized.append((old_id, new_id, source))
        store.flush()

    if not pending:  # a re-run: nothing to extract, so do not spend seconds loading the extractor
        check_extractor(extractor_name)
        drop_older_versions()
        return report

    workers = max(1, min(workers, os.cpu_count() or 1, len(pending)))
    batch: list[DocumentExtraction] = []
    if workers == 1:
        extractor = load_extractor(extractor_name)
        results: Iterable[DocumentExtraction] = (extractor.extract(d) for d in pending)
        pool = None
    else:
        pool = _extraction_pool(workers, extractor_name)
        # big documents first, so one long file does not finish last on one core
        pending.sort(key=lambda d: -len(d.text))
        results = pool.map(_extract_in_worker, pending, chunksize=4)
    try:
        for extraction in results:
            batch.append(extraction)
            done += 1  # counted when extracted, the long part, not when its batch is stored
            if on_progress:
                on_progress(done, len(files))
            if len(batch) >= batch_size:
                store_batch(batch)
                batch = []
        if batch:
            store_batch(batch)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        store.flush()
    drop_older_versions()
    return report
