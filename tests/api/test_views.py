"""Concept-map pages: offline (no CDN), legend, evidence tooltips, XSS payloads inert."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from fastapi.testclient import TestClient

from tests.api.conftest import XSS, XSS_SENTENCE

EXTERNAL_REF = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
CSS_IMPORT = re.compile(r"""@import|url\(\s*["']?(?:https?:)?//""", re.I)


def _vis_data(html: str, name: str) -> list[dict[str, object]]:
    m = re.search(rf"var {name} = new vis\.DataSet\((.*?)\);\n", html)
    assert m, name
    data: list[dict[str, object]] = json.loads(m.group(1))
    return data


def test_concept_map_is_offline_html(client: TestClient) -> None:
    r = client.get("/views/concept/" + quote("全过程人民民主"), params={"depth": 2})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "vis.Network" in html and "vis-network" not in re.findall(r'src="([^"]*)"', html)
    assert not EXTERNAL_REF.search(html), EXTERNAL_REF.search(html)
    assert not CSS_IMPORT.search(html)
    assert "cdnjs" not in html and "jsdelivr" not in html and "bootstrap" not in html
    assert "<script src" not in html and "<link" not in html


def test_concept_map_has_legend_labels_and_evidence(client: TestClient) -> None:
    html = client.get("/views/concept/人大制度").text
    nodes = _vis_data(html, "nodes")
    edges = _vis_data(html, "edges")
    names = {n["label"] for n in nodes}
    assert {"人民代表大会制度", "全过程人民民主"} <= names
    assert 'id="legend"' in html and "制度 system" in html and "理念 idea" in html
    carrier = [e for e in edges if e.get("label") == "CARRIER_OF"]
    assert carrier and "人民代表大会制度是实现我国全过程人民民主的重要制度载体" in str(carrier[0]["title"])
    co = [e for e in edges if e["relType"] == "CO_OCCURS_WITH"]
    assert co and all(e["width"] == 1 and e["dashes"] and "label" not in e for e in co)
    center = next(n for n in nodes if n["label"] == "人民代表大会制度")
    assert "category: system" in str(center["title"]) and "人大制度" in str(center["title"])


def test_xss_payload_is_escaped_everywhere(client: TestClient) -> None:
    for url in ("/views/concept/" + quote(XSS), "/views/concept/" + quote("全过程人民民主")):
        html = client.get(url).text
        assert XSS not in html
        assert XSS_SENTENCE not in html
        assert "<script>alert" not in html
        # the payload is there, as data or as escaped text
        assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    html = client.get("/views/concept/" + quote(XSS)).text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # title and node table
    nodes = _vis_data(html, "nodes")
    assert XSS in {n["label"] for n in nodes}  # vis-network shows labels and titles as text


def test_view_errors_are_html_with_suggestions(client: TestClient) -> None:
    r = client.get("/views/concept/" + quote("人民民主"))
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "全过程人民民主" in r.text
    assert client.get("/views/concept/x", params={"depth": 9}).status_code == 422
