"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live server.

The server is uvicorn in a thread, serving the sample corpus plus a document whose
concept name, title and evidence are XSS payloads. Every request the page makes is
recorded; anything not addressed to the server (or to a file:// page under test) is
aborted and reported. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from api.app import create_app
from kg.settings import Settings
from kg.store.networkx_store import NetworkxStore
from tests.api.conftest import xss_extraction
from tests.factories import FOUNDING, REPORT

ROOT = Path(__file__).parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def _require_browser() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} missing: apt-get install -y chromium fonts-noto-cjk")
        pytest.skip(f"{CHROMIUM} missing")
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def browser_data_dir(sample_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus graph, copied, plus the test documents and the XSS document."""
    data_dir = tmp_path_factory.mktemp("kg-browser")
    shutil.copytree(sample_data_dir, data_dir, dirs_exist_ok=True)
    NetworkxStore(data_dir).add_many([FOUNDING, REPORT, xss_extraction()])
    return data_dir


@pytest.fixture(scope="session")
def server(browser_data_dir: Path) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    settings = Settings(KG_DATA_DIR=browser_data_dir, KG_STORE="networkx")
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_playwright = _require_browser()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 900},
            locale="zh-CN",
        )
        yield context
        context.close()


@dataclass
class Watch:
    """What a page did: requests sent, requests blocked, dialogs opened, console errors."""

    allowed: tuple[str, ...]
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[tuple[Any, Watch]]:
    ARTIFACTS.mkdir(exist_ok=True)
    watch = Watch(allowed=(server + "/", "file://", "data:", "blob:", "about:"))
    pg = browser.new_page()

    def route(r: Any) -> None:
        url = r.request.url
        watch.requests.append(url)
        if url.startswith(watch.allowed):
            r.continue_()
        else:
            watch.blocked.append(url)
            r.abort()

    def dialog(d: Any) -> None:
        watch.dialogs.append(d.message)
        d.dismiss()

    pg.route("**/*", route)
    pg.on("dialog", dialog)
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))
    yield pg, watch
    pg.close()
    assert not watch.blocked, f"requests left the server: {watch.blocked}"
    assert not watch.dialogs, f"a dialog opened (script ran): {watch.dialogs}"
    assert not watch.errors, f"page errors: {watch.errors}"
