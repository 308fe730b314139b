"""Phase-2 endpoints and explorer pages over a real NetworkxStore."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from kg.model import DocumentExtraction
from tests.api.conftest import XSS, XSS_SENTENCE
from tests.factories import FOUNDING, REPORT

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_timeline(client: TestClient) -> None:
    body = client.get("/concepts/" + quote("全过程人民民主") + "/timeline").json()
    assert body["per_year"] == {"2021": 2, "2022": 1, "2023": 1}
    assert [d["document"]["date"] for d in body["documents"]] == ["2021-11-20", "2022-10-16", "2023-03-01"]
    assert client.get("/concepts/nothing-like-it/timeline").status_code == 404


def test_diff_endpoint(client: TestClient) -> None:
    body = client.get("/diff", params={"a": FOUNDING.document.id, "b": REPORT.document.id}).json()
    assert "四个意识" in {c["name"] for c in body["dropped"]}
    assert body["a"]["title"] == "founding speech"
    years = client.get("/years").json()
    assert years == ["2021", "2022", "2023"]
    assert client.get("/diff", params={"a": "2021", "b": "1999"}).status_code == 422
    assert client.get("/diff", params={"a": "2021"}).status_code == 422


def test_communities_and_centrality(client: TestClient) -> None:
    body = client.get("/communities").json()
    assert body["count"] >= 1
    first = body["data"][0]
    assert first["name"].split("・")[0] == first["concepts"][0]["name"]
    assert client.get("/communities").json() == body  # fixed seed
    ranked = client.get("/centrality", params={"measure": "degree", "limit": 5}).json()["data"]
    assert len(ranked) == 5 and ranked[0]["score"] >= ranked[-1]["score"]
    assert client.get("/centrality", params={"measure": "pagerank"}).status_code == 422


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_endpoint_round_trips(client: TestClient, tmp_path: Path, fmt: str) -> None:
    r = client.get(f"/export/{fmt}")
    assert r.status_code == 200
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(r.content)
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert g.number_of_nodes() == client.get("/health").json()["stats"]["concepts"]


def test_export_csv_and_unknown(client: TestClient) -> None:
    r = client.get("/export/csv")
    assert r.headers["content-type"] == "application/zip"
    assert set(zipfile.ZipFile(io.BytesIO(r.content)).namelist()) == {
        "concepts.csv",
        "relations.csv",
        "evidence.csv",
        "documents.csv",
    }
    assert client.get("/export/json").json()["format"] == "policy-kg-graph/1"
    assert client.get("/export/xlsx").status_code == 422


def test_lesson_maps(client: TestClient, settings: object) -> None:
    r = client.post("/maps", json={"name": "第一课 民主", "concepts": ["人大制度", "全过程人民民主", XSS]})
    assert r.status_code == 201, r.text
    body = r.json()
    html = client.get(body["html_url"])
    assert html.headers["content-type"].startswith("text/html")
    assert not EXTERNAL.search(html.text) and XSS not in html.text
    svg = client.get(body["svg_url"])
    assert svg.headers["content-type"] == "image/svg+xml"
    ET.fromstring(svg.content)
    assert body["html_url"] in [m["html_url"] for m in client.get("/maps").json()["data"]]
    bad = client.post("/maps", json={"name": "x", "concepts": ["全过程民主"]})
    assert bad.status_code == 404 and "全过程人民民主" in bad.json()["suggestions"]
    assert client.post("/maps", json={"name": "x", "concepts": []}).status_code == 422
    assert (
        client.post("/maps", json={"name": "x", "concepts": [f"a{i}" for i in range(61)]}).status_code == 422
    )
    assert client.get("/maps/..%2Fdocuments%2F" + FOUNDING.document.id + ".json").status_code == 404
    assert client.get("/maps/notes.txt").status_code == 404
    assert client.get("/maps/..%2F..%2Fetc%2Fpasswd").status_code == 404


PAGES = [
    "/",
    "/ui/search?q=" + quote("民主"),
    "/ui/concept/" + quote("全过程人民民主"),
    "/ui/concept/" + quote(XSS),
    "/ui/concept/" + quote("四个意识"),
    "/ui/documents",
    "/ui/paths?from=" + quote("人大制度") + "&to=" + quote("社会主义民主政治"),
    "/ui/diff?a=2021&b=2023",
    "/ui/communities",
    "/ui/maps",
    "/docs",
    "/views/concept/" + quote(XSS),
    "/views/path?from=" + quote(XSS) + "&to=" + quote("社会主义民主政治"),
    "/views/formula/" + quote("四个意识"),
    "/views/community/0",
    "/views/communities",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_offline_and_escape_everything(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert not EXTERNAL.search(r.text), EXTERNAL.search(r.text)
    assert XSS not in r.text and XSS_SENTENCE not in r.text
    assert "<script>alert" not in r.text


def test_concept_page_content(client: TestClient) -> None:
    html = client.get("/ui/concept/" + quote("人大制度"), follow_redirects=True).text
    assert "人民代表大会制度" in html and "人大制度" in html  # name and alias
    assert 'data-type="CARRIER_OF"' in html and 'data-type="CO_OCCURS_WITH"' in html
    assert html.index('data-type="CARRIER_OF"') < html.index('data-type="CO_OCCURS_WITH"')
    assert "人民代表大会制度是实现我国全过程人民民主的重要制度载体。" in html
    assert f"/ui/document/{FOUNDING.document.id}?hl=" in html  # evidence linked to its document
    assert 'id="timeline-years"' in html and "2021" in html and "2022" in html
    formula = client.get("/ui/concept/" + quote("四个意识")).text
    assert all(m in formula for m in ("政治意识", "大局意识", "核心意识", "看齐意识"))
    assert 'id="formula-link"' in formula


def test_search_page_redirects_exact_and_suggests(client: TestClient) -> None:
    r = client.get("/ui/search", params={"q": "人大制度"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/concept/" + quote(
        "人民代表大会制度", safe=""
    )
    page = client.get("/ui/search", params={"q": "全过程民主"}).text
    assert "/ui/concept/" + quote("全过程人民民主", safe="") in page


def test_name_inputs_are_bounded_like_the_api(client: TestClient) -> None:
    """Every search or path box holds at most what the API accepts, so typing cannot reach a 422."""
    bounds = set()
    for url, boxes in {"/": 1, "/ui/search?q=" + quote("民主"): 1, "/ui/paths": 2}.items():
        inputs = re.findall(r'<input[^>]* name="(?:q|from|to)"[^>]*>', client.get(url).text)
        assert len(inputs) == boxes, (url, inputs)
        for box in inputs:
            found = re.search(r'maxlength="(\d+)"', box)
            assert found, (url, box)
            bounds.add(int(found.group(1)))
    (bound,) = bounds
    assert client.get("/concepts", params={"q": "民" * bound}).status_code == 200
    assert client.get("/concepts", params={"q": "民" * (bound + 1)}).status_code == 422
    assert client.get("/ui/search", params={"q": "民" * (bound + 1)}).status_code == 422


def test_document_page_highlights_and_links_mentions(client: TestClient) -> None:
    doc = FOUNDING.document
    html = client.get(f"/ui/document/{doc.id}", params={"hl": "0-27"}).text
    assert 'data-concept="人民代表大会制度"' in html
    assert 'href="/ui/concept/' + quote("全过程人民民主", safe="") + '"' in html
    assert 'id="hl"' in html and "evidence-mark" in html
    text = re.sub(r"<[^>]+>", "", html.split('id="doctext">', 1)[1].split("</div>", 1)[0])
    assert text == doc.text  # the text is all there, in order, once
    assert client.get("/ui/document/d0000000000000000").status_code == 404
    assert client.get(f"/ui/document/{doc.id}", params={"hl": "x"}).status_code == 422


def test_error_pages_are_html(client: TestClient) -> None:
    r = client.get("/ui/concept/" + quote("全过程民主"))
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "/ui/concept/" + quote("全过程人民民主", safe="") in r.text
    r = client.get("/views/formula/" + quote("全过程人民民主"))
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    r = client.get("/views/concept/" + quote("全过程人民民主"), params={"depth": 5})
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]


def test_map_controls(client: TestClient) -> None:
    html = client.get("/views/concept/" + quote("全过程人民民主"), params={"depth": 2, "max_nodes": 7}).text
    assert 'name="depth" value="2"' in html and 'name="max_nodes" value="7"' in html
    path = client.get("/views/path", params={"from": "人大制度", "to": "依法治国"}).text
    assert 'type="hidden" name="from" value="人大制度"' in path


def test_concept_map_without_cooccurrence(client: TestClient) -> None:
    html = client.get("/views/concept/" + quote("党的领导"), params={"cooccurrence": False}).text
    assert '"relType": "CO_OCCURS_WITH"' not in html and '"relType": "GUARANTEES"' in html
    assert 'type="hidden" name="cooccurrence" value="false"' in html


def test_everything_answers_on_an_empty_graph(tmp_path: Path) -> None:
    from api.app import create_app
    from kg.settings import Settings

    with TestClient(create_app(Settings(KG_DATA_DIR=tmp_path / "empty"))) as c:
        for url in (
            "/",
            "/ui/communities",
            "/ui/diff",
            "/ui/documents",
            "/ui/paths",
            "/ui/maps",
            "/views/communities",
            "/communities",
            "/centrality",
            "/export/graphml",
            "/maps",
        ):
            assert c.get(url).status_code == 200, url
        assert c.get("/health").json()["stats"]["concepts"] == 0


def test_documents_pages_link_only_to_pages_with_documents(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.routes import pages

    monkeypatch.setattr(pages, "DOCUMENTS_PAGE", 2)  # three documents: two pages

    def links(url: str) -> list[str]:
        html = client.get(url).text
        return re.findall(r'href="(/ui/documents\?offset=\d+)"', html)

    assert links("/ui/documents") == ["/ui/documents?offset=2"]
    assert links("/ui/documents?offset=2") == ["/ui/documents?offset=0"]
    # the last page is full: no "next" to an empty page
    monkeypatch.setattr(pages, "DOCUMENTS_PAGE", 3)
    assert links("/ui/documents") == []
    # past the end: "previous" leads back to the last page, not to another empty one
    assert links("/ui/documents?offset=500") == ["/ui/documents?offset=0"]


def _analyses_around_a_replacement(
    tmp_path: Path, old: DocumentExtraction, new: DocumentExtraction
) -> tuple[set[str], set[str], set[str]]:
    """The concepts /centrality ranks with the extraction `old` stored, then, in the same running
    app, with `old` deleted and `new` added; and /communities' members then."""
    from api.app import create_app
    from kg.settings import Settings
    from kg.store.networkx_store import NetworkxStore

    store = NetworkxStore(tmp_path / "kg")
    store.add(old)
    with TestClient(create_app(Settings(KG_DATA_DIR=tmp_path / "kg"), store)) as c:
        before = {r["concept"]["name"] for r in c.get("/centrality").json()["data"]}
        store.delete_document(old.document.id)
        store.add(new)
        after = {r["concept"]["name"] for r in c.get("/centrality").json()["data"]}
        members = {m["name"] for com in c.get("/communities").json()["data"] for m in com["concepts"]}
    return before, after, members


def test_whole_graph_analyses_follow_a_replaced_document_of_the_same_size(tmp_path: Path) -> None:
    # the communities and centrality were cached by the graph's counts: a document replaced by
    # another of the same counts (here 1 document, 2 concepts, 1 co-mention, 1 sentence) kept
    # ranking concepts that were no longer stored, each a link to a 404
    from kg.model import Category
    from tests.factories import make_extraction

    old = make_extraction(
        "旧", ["民主监督与协商民主。"], {"民主监督": Category.IDEA, "协商民主": Category.IDEA}
    )
    new = make_extraction(
        "新", ["人民政协与统一战线。"], {"人民政协": Category.IDEA, "统一战线": Category.IDEA}
    )
    before, after, members = _analyses_around_a_replacement(tmp_path, old, new)
    assert before == {"民主监督", "协商民主"}
    assert after == members == {"人民政协", "统一战线"}


def test_whole_graph_analyses_follow_a_document_extracted_again(tmp_path: Path) -> None:
    # kg ingest --reextract keeps a document's id and replaces its facts
    from kg.model import Category
    from tests.factories import make_extraction

    sentence = ["民主监督与协商民主。"]
    first = make_extraction("报告", sentence, {"民主监督": Category.IDEA, "协商民主": Category.IDEA})
    again = make_extraction(
        "报告", sentence, {"民主监督": Category.IDEA, "协商民主": Category.IDEA, "民主": Category.IDEA}
    )
    assert again.document.id == first.document.id
    before, after, _ = _analyses_around_a_replacement(tmp_path, first, again)
    assert before == {"民主监督", "协商民主"}
    assert after == {"民主监督", "协商民主", "民主"}
