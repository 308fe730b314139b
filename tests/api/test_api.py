"""The JSON API over a real NetworkxStore: search, detail, related, paths, subgraphs, documents, errors."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.settings import Settings
from kg.store.base import StoreUnavailable


def test_health_reports_store_stats(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["stats"]["documents"] == 3


def test_search_is_alias_aware_and_chinese(client: TestClient) -> None:
    r = client.get("/concepts", params={"q": "人大制度"})
    assert r.status_code == 200
    names = [c["name"] for c in r.json()["data"]]
    assert names[0] == "人民代表大会制度"
    r = client.get("/concepts", params={"q": "民主"})
    assert {"全过程人民民主", "社会主义民主政治"} <= {c["name"] for c in r.json()["data"]}


def test_search_needs_text(client: TestClient) -> None:
    assert client.get("/concepts").status_code == 422
    assert client.get("/concepts", params={"q": ""}).status_code == 422
    # InvalidQuery: empty after normalising
    assert client.get("/concepts", params={"q": "   "}).status_code == 422


def test_detail_with_percent_encoded_chinese(client: TestClient) -> None:
    r = client.get("/concepts/" + quote("全过程人民民主"))
    assert r.status_code == 200
    body = r.json()
    assert body["concept"]["name"] == "全过程人民民主"
    assert body["concept"]["category"] == "idea"
    assert len(body["documents"]) == 3
    others = {t["concept"]["name"] for t in body["related"]}
    assert {"人民代表大会制度", "社会主义民主政治"} <= others


def test_detail_by_alias(client: TestClient) -> None:
    r = client.get("/concepts/人大制度")
    assert r.status_code == 200
    assert r.json()["concept"]["name"] == "人民代表大会制度"
    assert "人大制度" in r.json()["concept"]["aliases"]


def test_formula_members(client: TestClient) -> None:
    body = client.get("/concepts/四个意识").json()
    assert [m["name"] for m in body["members"]] == ["政治意识", "大局意识", "核心意识", "看齐意识"]
    assert [m["position"] for m in body["members"]] == [1, 2, 3, 4]


def test_unknown_concept_is_404_with_suggestions(client: TestClient) -> None:
    r = client.get("/concepts/" + quote("全过程人民"))
    assert r.status_code == 404
    body = r.json()
    assert "全过程人民民主" in body["suggestions"]
    assert "全过程人民民主" in body["detail"]


def test_related_typed_first_with_evidence_and_type_filter(client: TestClient) -> None:
    r = client.get("/concepts/党的领导/related", params={"limit": 50})
    assert r.status_code == 200
    data = r.json()["data"]
    types = [t["relation"]["type"] for t in data]
    first_co = types.index("CO_OCCURS_WITH")
    assert all(t != "CO_OCCURS_WITH" for t in types[:first_co])
    assert all(t == "CO_OCCURS_WITH" for t in types[first_co:])
    for t in data:
        assert t["relation"]["evidence"], t
    guarantees = [t for t in data if t["relation"]["type"] == "GUARANTEES"]
    assert {t["concept"]["name"] for t in guarantees} == {"人民当家作主", "依法治国"}
    assert all(t["direction"] == "out" for t in guarantees)

    r = client.get("/concepts/党的领导/related", params={"type": "UNIFIED_WITH"})
    assert {t["relation"]["type"] for t in r.json()["data"]} == {"UNIFIED_WITH"}
    assert client.get("/concepts/党的领导/related", params={"type": "LIKES"}).status_code == 422


def test_paths_carry_evidence_for_every_edge(client: TestClient) -> None:
    r = client.get("/paths", params={"from": "人大制度", "to": "社会主义民主政治", "max_hops": 4})
    assert r.status_code == 200
    body = r.json()
    assert body["count"] >= 1
    for path in body["data"]:
        assert path["hops"] == len(path["steps"]) == len(path["concepts"]) - 1
        assert path["concepts"][0]["name"] == "人民代表大会制度"
        assert path["concepts"][-1]["name"] == "社会主义民主政治"
        for step in path["steps"]:
            assert step["relations"], step
            for rel in step["relations"]:
                assert {rel["head"], rel["tail"]} == {step["source"]["id"], step["target"]["id"]}
                assert rel["evidence"], rel
                for ev in rel["evidence"]:
                    assert ev["sentence"]


def test_paths_unknown_end_is_404(client: TestClient) -> None:
    r = client.get("/paths", params={"from": "全过程人民民主", "to": "不存在的概念"})
    assert r.status_code == 404


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/concepts/全过程人民民主/subgraph", {"depth": 4}),
        ("/concepts/全过程人民民主/subgraph", {"depth": 0}),
        ("/concepts/全过程人民民主/subgraph", {"max_nodes": 501}),
        ("/concepts/全过程人民民主/related", {"limit": 201}),
        ("/concepts/全过程人民民主/related", {"limit": 0}),
        ("/concepts", {"q": "民主", "limit": 10_000}),
        ("/paths", {"from": "党的领导", "to": "依法治国", "max_hops": 7}),
        ("/paths", {"from": "党的领导", "to": "依法治国", "limit": 21}),
        ("/documents", {"limit": 201}),
        ("/documents", {"offset": -1}),
        ("/views/concept/全过程人民民主", {"depth": 4}),
        ("/views/concept/全过程人民民主", {"max_nodes": 100_000}),
    ],
)
def test_bounds_are_422(client: TestClient, url: str, params: dict[str, object]) -> None:
    assert client.get(url, params=params).status_code == 422


def test_settings_can_lower_bounds(settings: Settings, store: object, tmp_path: Path) -> None:
    strict = settings.model_copy(update={"max_depth": 1, "max_nodes": 5})
    with TestClient(create_app(strict, store)) as c:  # type: ignore[arg-type]
        assert c.get("/concepts/全过程人民民主/subgraph", params={"depth": 2}).status_code == 422
        assert c.get("/concepts/全过程人民民主/subgraph", params={"max_nodes": 6}).status_code == 422
        assert c.get("/concepts/全过程人民民主/subgraph", params={"max_nodes": 5}).status_code == 200


def test_subgraph_is_bounded_and_consistent(client: TestClient) -> None:
    r = client.get("/concepts/全过程人民民主/subgraph", params={"depth": 2, "max_nodes": 4})
    assert r.status_code == 200
    body = r.json()
    ids = {n["id"] for n in body["nodes"]}
    assert len(ids) <= 4
    assert body["center"]["id"] in ids
    for e in body["edges"]:
        assert e["head"] in ids and e["tail"] in ids
    no_co = client.get("/concepts/全过程人民民主/subgraph", params={"cooccurrence": False}).json()
    assert all(e["type"] != "CO_OCCURS_WITH" for e in no_co["edges"])


def test_documents_list_and_detail(client: TestClient) -> None:
    r = client.get("/documents")
    assert r.status_code == 200
    docs = r.json()["data"]
    assert [d["date"] for d in docs] == sorted(d["date"] for d in docs)
    assert r.json()["total"] == len(docs) >= 2
    second = client.get("/documents", params={"offset": 1, "limit": 1}).json()
    assert (second["count"], second["total"], [d["id"] for d in second["data"]]) == (
        1,
        len(docs),
        [docs[1]["id"]],
    )
    doc_id = docs[0]["id"]
    d = client.get(f"/documents/{doc_id}").json()
    assert d["title"] == "founding speech"
    for m in d["mentions"]:
        assert d["text"][m["start"] : m["end"]] == m["surface"]
    assert client.get("/documents/d0000000000000000").status_code == 404
    assert client.get("/documents/" + quote("../etc")).status_code in (404, 422)
    assert client.get("/documents/abc-def").status_code == 422


def test_openapi_json_lists_the_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/health",
        "/concepts",
        "/concepts/{name}",
        "/concepts/{name}/related",
        "/paths",
        "/concepts/{name}/subgraph",
        "/documents",
        "/documents/{document_id}",
        "/views/concept/{name}",
    ):
        assert path in spec["paths"], path


class _DownStore:
    """A store whose backing service is down (the failure mode, not a double of a store's logic)."""

    def __getattr__(self, name: str) -> object:
        def fail(*args: object, **kwargs: object) -> object:
            raise StoreUnavailable("connection refused")

        return fail


def test_store_unavailable_is_503(settings: Settings) -> None:
    with TestClient(create_app(settings, _DownStore())) as c:  # type: ignore[arg-type]
        r = c.get("/concepts/全过程人民民主")
        assert r.status_code == 503
        assert "unavailable" in r.json()["detail"]
        assert c.get("/health").status_code == 503


def test_vanished_embedded_store_is_503(settings: Settings) -> None:
    """The data folder deleted while serving: every store read and write answers 503, /health
    reports the store down, each with a message that says what happened."""
    with TestClient(create_app(settings)) as c:
        assert c.get("/health").status_code == 200
        shutil.rmtree(settings.data_dir)
        health = c.get("/health")
        assert health.status_code == 503
        assert health.json()["status"] == "unavailable" and "is gone" in health.json()["detail"]
        for r in (
            c.get("/documents"),
            c.get("/concepts/全过程人民民主"),
            c.get("/years"),
            c.post("/documents", json={"text": "全过程人民民主。"}),
        ):
            assert r.status_code == 503, r.text
            assert "the graph store is unavailable" in r.json()["detail"]
            assert "is gone" in r.json()["detail"]


def test_a_store_file_without_a_document_is_503_naming_it(settings: Settings, store: object) -> None:
    """A broken file in documents/ (found while serving, or when the store is first opened):
    503 with the store's message naming the file, not a 500 from a JSONDecodeError."""
    bad = settings.data_dir / "documents" / "dzzz.json"
    bad.write_text("{broken", encoding="utf-8")
    for app in (create_app(settings, store), create_app(settings)):  # type: ignore[arg-type]
        with TestClient(app) as c:
            for r in (c.get("/documents"), c.get("/concepts/全过程人民民主"), c.get("/health")):
                assert r.status_code == 503, r.text
                assert f"store file {bad} is not valid JSON (line 1 col 2: " in r.json()["detail"]
    bad.unlink()
    with TestClient(create_app(settings, store)) as c:  # type: ignore[arg-type]
        assert c.get("/health").status_code == 200


def test_unreachable_neo4j_is_503(tmp_path: Path) -> None:
    pytest.importorskip("kg.store.neo4j")
    settings = Settings(KG_STORE="neo4j", NEO4J_URI="bolt://127.0.0.1:1", NEO4J_TIMEOUT=1.0)
    with TestClient(create_app(settings)) as c:
        r = c.get("/concepts", params={"q": "民主"})
        assert r.status_code == 503, r.text


def test_store_opened_from_settings(settings: Settings, store: object) -> None:
    with TestClient(create_app(settings)) as c:  # opens NetworkxStore(settings.data_dir) itself
        assert c.get("/concepts/全过程人民民主").status_code == 200


def test_api_key_guards_writes_and_leaves_reads_open(settings: Settings, store: object) -> None:
    keyed = settings.model_copy(update={"api_key": "s3cret"})
    with TestClient(create_app(keyed, store)) as c:  # type: ignore[arg-type]
        assert c.get("/health").status_code == 200
        assert c.get("/concepts", params={"q": "民主"}).status_code == 200
        doc_id = c.get("/documents").json()["data"][0]["id"]
        assert c.delete(f"/documents/{doc_id}").status_code == 401
        assert c.delete(f"/documents/{doc_id}", headers={"X-API-Key": "wrong"}).status_code == 401
        assert c.post("/maps", json={"name": "m", "concepts": ["全过程人民民主"]}).status_code == 401
        ok = c.delete(f"/documents/{doc_id}", headers={"X-API-Key": "s3cret"})
        assert ok.status_code == 204
