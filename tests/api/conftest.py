"""A real NetworkxStore in a tmp folder, filled with hand-built extractions, served by TestClient."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.model import Category, DocumentExtraction, RelationType
from kg.settings import Settings
from kg.store.networkx_store import NetworkxStore
from tests.factories import FOUNDING, REPORT, make_extraction

XSS = "<img src=x onerror=alert(1)>"
XSS_SENTENCE = "</script><script>alert('x')</script>"


def xss_extraction() -> DocumentExtraction:
    """A document whose concept name, title and evidence are HTML/JS payloads."""
    return make_extraction(
        f"evil {XSS}",
        [f"{XSS}与全过程人民民主有关{XSS_SENTENCE}。"],
        {XSS: Category.IDEA, "全过程人民民主": Category.IDEA},
        [(XSS, RelationType.PROMOTES, "全过程人民民主")],
        date="2023-03-01",
    )


def corpus() -> list[DocumentExtraction]:
    return [FOUNDING, REPORT, xss_extraction()]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(KG_DATA_DIR=tmp_path / "kg", KG_STORE="networkx")


@pytest.fixture
def store(settings: Settings) -> NetworkxStore:
    s = NetworkxStore(settings.data_dir)
    s.add_many(corpus())
    return s


@pytest.fixture
def client(settings: Settings, store: NetworkxStore) -> Iterator[TestClient]:
    with TestClient(create_app(settings, store)) as c:
        yield c
