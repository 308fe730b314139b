"""Schemathesis over the OpenAPI spec: generated requests never get a 5xx answer."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from kg.settings import Settings
from kg.store.networkx_store import NetworkxStore
from tests.api.conftest import corpus

_DATA = Path(tempfile.mkdtemp(prefix="kg-fuzz-"))
_STORE = NetworkxStore(_DATA)
_STORE.add_many(corpus())
# an API key the generated requests do not send, so writes cannot empty the graph under other cases
APP = create_app(Settings(KG_DATA_DIR=_DATA, KG_API_KEY="fuzz-key-not-sent"), _STORE)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
