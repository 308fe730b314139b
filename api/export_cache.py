"""Whole-graph export files, written once per graph state and served until the graph changes.

Writing an export reads the whole graph (GraphML of the 12 sample documents: about 4 s and
11 MB), so GET /export/… answers from files written for the current `graph_state`: a repeated
download, a 304 revalidation or a resumed range costs a state check, not a rewrite.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
from pathlib import Path

from api.deps import GraphState, graph_state
from kg.export import SUFFIXES, write_export
from kg.store.base import GraphStore


def content_etag(path: Path) -> str:
    """A strong validator of a file: a hash of its bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return f'"{digest.hexdigest()[:32]}"'


class ExportCache:
    """The latest export file of each format with its ETag, kept in a temporary folder that
    `close` removes. Exports are written one at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._folder: Path | None = None
        self._files: dict[str, tuple[GraphState, Path, str]] = {}  # format -> (state, file, etag)

    def get(self, store: GraphStore, fmt: str) -> tuple[Path, str]:
        """The export file of `store`'s graph in `fmt` and its ETag, written if the graph changed
        since the last one (which is then removed)."""
        with self._lock:
            state = graph_state(store)
            cached = self._files.get(fmt)
            if cached is not None and cached[0] == state and cached[1].exists():
                return cached[1], cached[2]
            if self._folder is None:
                self._folder = Path(tempfile.mkdtemp(prefix="kg-export-"))
            written = Path(tempfile.mkdtemp(dir=self._folder))
            try:
                path = write_export(store, fmt, written / f"policy-kg{SUFFIXES[fmt]}")
                etag = content_etag(path)
            except BaseException:
                shutil.rmtree(written, ignore_errors=True)
                raise
            if cached is not None:
                shutil.rmtree(cached[1].parent, ignore_errors=True)
            self._files[fmt] = (state, path, etag)
            return path, etag

    def close(self) -> None:
        with self._lock:
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
            self._files.clear()
