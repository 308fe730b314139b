"""Neo4j stopped while the API runs: requests answer 503 with a clear message, and the
API recovers by itself when Neo4j is back. Uses its own Neo4j (own port and store)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.settings import Settings
from tests.factories import FOUNDING

ROOT = Path(__file__).resolve().parents[2]
RELATED = "/concepts/全过程人民民主/related"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _neo4j(command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "neo4j"), command],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.neo4j
@pytest.mark.slow
def test_outage_answers_503_then_recovers(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "KG_NEO4J_PORT": str(port), "KG_NEO4J_STORE": str(tmp_path / "store")}
    started = _neo4j("start", env)
    if started.returncode != 0:
        message = f"could not start a Neo4j for the outage test: {started.stderr[-2000:]}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    try:
        settings = Settings(KG_STORE="neo4j", NEO4J_URI=f"bolt://127.0.0.1:{port}", KG_DATA_DIR=tmp_path)
        with TestClient(create_app(settings)) as client:
            client.app.state.store_holder.get().add(FOUNDING)  # type: ignore[attr-defined]
            assert client.get(RELATED).status_code == 200

            assert _neo4j("stop", env).returncode == 0
            t0 = time.monotonic()
            down = client.get(RELATED)
            assert down.status_code == 503, down.text
            assert "unavailable" in down.json()["detail"]
            assert time.monotonic() - t0 < settings.request_timeout_s
            assert client.get("/health").status_code == 503

            assert _neo4j("start", env).returncode == 0
            deadline = time.monotonic() + 60
            while (status := client.get(RELATED).status_code) != 200 and time.monotonic() < deadline:
                time.sleep(1)
            assert status == 200
            names = [item["concept"]["name"] for item in client.get(RELATED).json()["data"]]
            assert "人民代表大会制度" in names
    finally:
        _neo4j("stop", env)
