from __future__ import annotations

from pathlib import Path

import pytest

from kg.store.networkx_store import NetworkxStore
from tests.api.conftest import corpus


@pytest.fixture
def store(tmp_path: Path) -> NetworkxStore:
    s = NetworkxStore(tmp_path / "kg")
    s.add_many(corpus())
    return s
