"""POST /documents (real extractor), DELETE /documents/{id}, and the request-time bound."""

from __future__ import annotations

import errno
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.model import Document, DocumentExtraction
from kg.settings import Settings
from kg.store.networkx_store import NetworkxStore
from tests.conftest import refuse_writing_store_lock

TEXT = (
    "人民代表大会制度是实现我国全过程人民民主的重要制度载体。要坚持党的领导、人民当家作主、依法治国有机统一。"
)


def test_ingest_then_reingest_then_delete(settings: Settings, tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path / "empty")
    with TestClient(create_app(settings, store)) as c:
        r = c.post("/documents", json={"text": TEXT, "title": "示例", "date": "2021-11-20"})
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["added"] is True
        assert body["document"]["mention_count"] >= 2
        doc_id = body["document"]["id"]
        related = c.get("/concepts/全过程人民民主/related").json()
        assert any(item["concept"]["name"] == "人民代表大会制度" for item in related["data"])

        again = c.post("/documents", json={"text": TEXT})
        assert again.status_code == 200
        assert again.json()["added"] is False
        assert store.stats().documents == 1

        assert c.delete(f"/documents/{doc_id}").status_code == 204
        assert c.delete(f"/documents/{doc_id}").status_code == 404
        assert store.stats().documents == 0
        assert store.stats().concepts == 0


def test_ingest_rejects_bad_input(settings: Settings, tmp_path: Path) -> None:
    small = settings.model_copy(update={"max_file_bytes": 100})
    with TestClient(create_app(small, NetworkxStore(tmp_path / "s"))) as c:
        assert c.post("/documents", json={"text": ""}).status_code == 422
        assert c.post("/documents", json={"text": "   \n "}).status_code == 422
        assert c.post("/documents", json={"text": "a\x00b"}).status_code == 422
        assert c.post("/documents", json={"text": TEXT, "date": "yesterday"}).status_code == 422
        for date in ("2023-13-45", "0000", "2023-02-30"):
            r = c.post("/documents", json={"text": "全过程人民民主。", "date": date})
            assert r.status_code == 422, (date, r.text)
            assert f"date {date!r} is not a real date" in r.text
        assert c.get("/years").json() == []
        assert c.post("/documents", json={"text": "人民" * 100}).status_code == 413


def test_slow_request_answers_504(settings: Settings, store: NetworkxStore) -> None:
    quick = settings.model_copy(update={"request_timeout_s": 0.2})
    app = create_app(quick, store)

    @app.get("/slow-test-route")
    async def slow() -> dict[str, str]:
        import asyncio

        await asyncio.sleep(2)
        return {"ok": "late"}

    with TestClient(app) as c:
        r = c.get("/slow-test-route")
        assert r.status_code == 504
        assert "longer than" in r.json()["detail"]


class SlowExtractor:
    """Takes longer than the tests' request timeout, finds nothing."""

    name = "slow-test/1"

    def extract(self, document: Document) -> DocumentExtraction:
        time.sleep(0.5)
        return DocumentExtraction(document, (), (), (), ((0, len(document.text)),), self.name)


def test_slow_write_is_not_reported_as_failed(settings: Settings, tmp_path: Path) -> None:
    """A write is not cut off by the read timeout: it goes on after a 504 and would be stored."""
    quick = settings.model_copy(update={"request_timeout_s": 0.2})
    store = NetworkxStore(tmp_path / "slow")
    app = create_app(quick, store)
    app.state.extractor = SlowExtractor()
    with TestClient(app) as c:
        r = c.post("/documents", json={"text": TEXT, "title": "慢"})
        assert r.status_code == 201, r.text
        assert r.json()["added"] is True
        assert store.stats().documents == 1
        assert c.get("/documents").json()["count"] == 1


def test_a_store_that_cannot_be_written_answers_reads_and_503_to_writes(
    settings: Settings, store: NetworkxStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_writing_store_lock(monkeypatch, errno.EROFS)
    with TestClient(create_app(settings)) as c:  # opens the store itself, without write access
        assert c.get("/health").status_code == 200
        doc_id = c.get("/documents").json()["data"][0]["id"]
        for r in (c.post("/documents", json={"text": TEXT}), c.delete(f"/documents/{doc_id}")):
            assert r.status_code == 503, r.text
            assert f"cannot write to the data folder {settings.data_dir}" in r.json()["detail"]
        assert c.get(f"/documents/{doc_id}").status_code == 200
