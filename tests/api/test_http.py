"""HTTP-level behaviour: addresses of awkward concept names, HEAD, Allow, validators, 503s, OpenAPI."""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.model import Category, RelationType
from kg.settings import Settings
from kg.store.networkx_store import NetworkxStore
from tests.factories import make_extraction

# names that need percent-encoding in a path segment; '/' once could not be routed at all
AWKWARD = ["党建/业务", "100%覆盖", "C#治理", "互联网+政务", "数字 政府"]
FORMULA = "两/三个清单"


@pytest.fixture
def awkward(tmp_path: Path) -> Iterator[TestClient]:
    store = NetworkxStore(tmp_path / "kg")
    store.add(
        make_extraction(
            "awkward names",
            [f"{n}是全过程人民民主的重要保障。" for n in AWKWARD] + [f"{FORMULA}包括权力清单和责任清单。"],
            {**dict.fromkeys(AWKWARD, Category.PRACTICE), "全过程人民民主": Category.IDEA}
            | {FORMULA: Category.FORMULA, "权力清单": Category.PRACTICE, "责任清单": Category.PRACTICE},
            [(n, RelationType.PROMOTES, "全过程人民民主") for n in AWKWARD],
            date="2023-01-01",
            members={FORMULA: ["权力清单", "责任清单"]},
        )
    )
    settings = Settings(KG_DATA_DIR=tmp_path / "kg", KG_STORE="networkx")
    with TestClient(create_app(settings, store)) as c:
        yield c


@pytest.mark.parametrize("name", AWKWARD)
def test_every_concept_address_takes_an_encoded_name(awkward: TestClient, name: str) -> None:
    part = quote(name, safe="")
    for suffix in ("", "/related", "/subgraph", "/timeline"):
        r = awkward.get(f"/concepts/{part}{suffix}")
        assert r.status_code == 200, (suffix, r.text)
        body = r.json()
        assert (body["concept"] if "concept" in body else body["center"])["name"] == name, suffix
    for page in ("/ui/concept/", "/views/concept/"):
        r = awkward.get(page + part)
        assert r.status_code == 200, (page, r.text[:200])
        assert "text/html" in r.headers["content-type"]


def test_formula_map_takes_a_name_with_a_slash(awkward: TestClient) -> None:
    r = awkward.get("/views/formula/" + quote(FORMULA, safe=""))
    assert r.status_code == 200, r.text[:200]
    assert "权力清单" in r.text


def test_unknown_name_with_a_slash_is_the_concept_404(awkward: TestClient) -> None:
    r = awkward.get("/concepts/" + quote("党建/业", safe=""))
    assert r.status_code == 404
    assert "党建/业务" in r.json()["suggestions"]  # the concept 404, not the router's "Not Found"


@pytest.mark.parametrize("space", ["\n", "\r\n", "\t"])
def test_a_name_with_a_line_break_is_read_like_any_white_space(awkward: TestClient, space: str) -> None:
    # names are matched with white space folded, but a line break kept the route from matching
    # at all: the router's bare "Not Found" instead of the concept (or its 404 with suggestions)
    for suffix in ("", "/related", "/subgraph", "/timeline"):
        r = awkward.get("/concepts/" + quote(f"数字{space}政府{space}", safe="") + suffix)
        assert r.status_code == 200, (suffix, r.text)
    for page in ("/ui/concept/", "/views/concept/"):
        assert awkward.get(page + quote(f"数字政府{space}", safe="")).status_code == 200, page
    unknown = awkward.get("/concepts/" + quote(f"数字政{space}", safe=""))
    assert unknown.status_code == 404
    assert "数字 政府" in unknown.json()["suggestions"]


def test_empty_or_trailing_slash_addresses_are_unchanged(awkward: TestClient) -> None:
    assert awkward.get("/concepts/", follow_redirects=False).status_code == 307
    assert awkward.get("/ui/concept/").status_code == 404
    assert awkward.get("/views/concept/").status_code == 404


def test_explorer_links_to_a_name_with_a_slash_work(awkward: TestClient) -> None:
    """The search page lists 党建/业务; every concept link on it and on the concept page opens."""
    r = awkward.get("/ui/search", params={"q": "党建/"})
    assert r.status_code == 200
    links = set(re.findall(r'href="(/(?:ui|views)/concept/[^"]*)"', r.text))
    assert "/ui/concept/" + quote("党建/业务", safe="") in links
    page = awkward.get("/ui/concept/" + quote("党建/业务", safe=""))
    links |= set(re.findall(r'href="(/(?:ui/concept|views/concept|concepts)/[^"?]*)', page.text))
    assert "/concepts/" + quote("党建/业务", safe="") in links
    for link in links:
        assert awkward.get(link).status_code == 200, link
    exact = awkward.get("/ui/search", params={"q": "党建/业务"}, follow_redirects=False)
    assert exact.status_code == 303
    assert awkward.get(exact.headers["location"]).status_code == 200


def test_openapi_keeps_plain_name_parameters(awkward: TestClient) -> None:
    paths = awkward.get("/openapi.json").json()["paths"]
    assert {"/concepts/{name}", "/concepts/{name}/related", "/views/concept/{name}"} <= set(paths)
    assert not any(":" in p for p in paths)


def test_maps_list_is_503_when_the_data_folder_is_gone(tmp_path: Path) -> None:
    settings = Settings(KG_DATA_DIR=tmp_path / "kg", KG_STORE="networkx")
    NetworkxStore(settings.data_dir)
    with TestClient(create_app(settings)) as c:
        assert c.get("/maps").json() == {"data": [], "count": 0}
        shutil.rmtree(settings.data_dir)
        r = c.get("/maps")
        assert r.status_code == 503, r.text
        assert "the graph store is unavailable" in r.json()["detail"] and "is gone" in r.json()["detail"]


@pytest.fixture
def saved_map(client: TestClient) -> str:
    made = client.post("/maps", json={"name": "HEAD 课", "concepts": ["全过程人民民主", "人民代表大会制度"]})
    assert made.status_code == 201, made.text
    return str(made.json()["svg_url"])


def test_head_answers_wherever_get_does(client: TestClient, saved_map: str) -> None:
    for url in (
        "/health",
        "/",
        "/docs",
        saved_map,
        saved_map.replace(".svg", ".html"),
        "/maps",
        "/export/json",
        "/export/csv",
        "/concepts/" + quote("全过程人民民主"),
        "/concepts/" + quote("全过程人民"),  # 404, as GET
        "/ui/concept/" + quote("全过程人民民主"),
        "/views/concept/" + quote("全过程人民民主"),
        "/openapi.json",
        "/static/explorer.css",
    ):
        get, head = client.get(url), client.head(url)
        assert head.status_code == get.status_code, url
        assert head.content == b"", url
        assert head.headers["content-type"] == get.headers["content-type"], url
        if "content-length" in get.headers:
            assert head.headers["content-length"] == get.headers["content-length"], url


def test_head_without_a_get_route_is_not_invented(client: TestClient) -> None:
    assert client.head("/nowhere").status_code == 404
    assert client.head("/concepts/", follow_redirects=False).status_code == 307


def test_openapi_lists_no_head_operations(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not [p for p, ops in paths.items() if "head" in ops]


@pytest.mark.parametrize(
    ("method", "url", "allow"),
    [
        ("PUT", "/documents", "GET, HEAD, POST"),
        ("PUT", "/maps", "GET, HEAD, POST"),
        ("PATCH", "/documents/abc", "GET, HEAD, DELETE"),
        ("POST", "/health", "GET, HEAD"),
        ("DELETE", "/concepts/" + quote("党建/业务", safe=""), "GET, HEAD"),
        ("POST", "/concepts/" + quote("全过程人民民主") + "/related", "GET, HEAD"),
        ("PUT", "/static/explorer.css", "GET, HEAD"),
    ],
)
def test_405_allow_lists_every_method_of_the_path(
    client: TestClient, method: str, url: str, allow: str
) -> None:
    r = client.request(method, url)
    assert r.status_code == 405
    assert r.headers["allow"] == allow
    if not url.startswith("/static"):
        assert r.json() == {"detail": "Method Not Allowed"}


@pytest.mark.parametrize("url", ["/views/path", "/ui/search", "/", "/docs", "/views/concept/x"])
def test_html_405_carries_allow(client: TestClient, url: str) -> None:
    r = client.put(url)
    assert r.status_code == 405
    assert "text/html" in r.headers["content-type"]
    assert r.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_export_validator_describes_the_bytes(
    client: TestClient, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client.get(f"/export/{fmt}")
    client.app.state.export_cache.close()  # written again, not served from the cache
    # a later clock: the zip's entry times (and any file time) must not reach the bytes or the ETag
    monkeypatch.setattr(
        zipfile.time, "localtime", lambda *a: time.struct_time((2031, 2, 3, 4, 5, 6, 0, 34, 0))
    )
    again = client.get(f"/export/{fmt}")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    etag = first.headers["etag"]
    assert etag == again.headers["etag"] and etag.startswith('"')
    assert "last-modified" not in first.headers

    for given in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        r = client.get(f"/export/{fmt}", headers={"If-None-Match": given})
        assert r.status_code == 304, given
        assert r.content == b"" and r.headers["etag"] == etag
    assert client.get(f"/export/{fmt}", headers={"If-None-Match": '"other"'}).status_code == 200

    resumed = client.get(f"/export/{fmt}", headers={"Range": "bytes=100-", "If-Range": etag})
    assert resumed.status_code == 206
    assert resumed.content == first.content[100:]
    stale = client.get(f"/export/{fmt}", headers={"Range": "bytes=100-", "If-Range": '"stale"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_export_etag_changes_with_the_graph(client: TestClient) -> None:
    before = client.get("/export/json").headers["etag"]
    assert client.post("/documents", json={"text": "全过程人民民主是新的提法。"}).status_code == 201
    after = client.get("/export/json")
    assert after.headers["etag"] != before
    assert client.get("/export/json", headers={"If-None-Match": before}).status_code == 200


def test_an_export_is_written_once_per_graph_state(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.export_cache

    written: list[str] = []
    real = api.export_cache.write_export

    def counted(store: Any, fmt: str, path: Path) -> Path:
        written.append(fmt)
        return real(store, fmt, path)

    monkeypatch.setattr(api.export_cache, "write_export", counted)
    first = client.get("/export/graphml")
    etag = first.headers["etag"]
    assert client.get("/export/graphml").content == first.content
    assert client.get("/export/graphml", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/export/graphml", headers={"Range": "bytes=10-", "If-Range": etag}).status_code == 206
    assert written == ["graphml"]
    client.get("/export/json")
    assert written == ["graphml", "json"]
    assert client.post("/documents", json={"text": "全过程人民民主是新的提法。"}).status_code == 201
    assert client.get("/export/graphml").headers["etag"] != etag
    assert written == ["graphml", "json", "graphml"]


def test_exports_have_their_own_time_bound(
    settings: Settings, store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.export_cache

    real = api.export_cache.write_export

    def slow(store: Any, fmt: str, path: Path) -> Path:
        time.sleep(0.3)
        return real(store, fmt, path)

    monkeypatch.setattr(api.export_cache, "write_export", slow)
    bounded = settings.model_copy(update={"request_timeout_s": 0.1, "export_timeout_s": 30.0})
    with TestClient(create_app(bounded, store)) as c:
        assert c.get("/export/json").status_code == 200  # longer than a read may take
    tight = settings.model_copy(update={"request_timeout_s": 30.0, "export_timeout_s": 0.1})
    with TestClient(create_app(tight, store)) as c:
        r = c.get("/export/json")
        assert r.status_code == 504 and "kg export" in r.json()["detail"]


def _ops(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(m.upper(), p): op for p, ops in spec["paths"].items() for m, op in ops.items()}


def test_openapi_documents_503_401_404_and_file_types(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ops = _ops(spec)
    store_free = {("GET", "/maps/{file}")}
    for key, op in ops.items():
        if key not in store_free:
            assert "503" in op["responses"], key
    protected = {("POST", "/documents"), ("DELETE", "/documents/{document_id}"), ("POST", "/maps")}
    for key, op in ops.items():
        if key in protected:
            assert op["responses"]["401"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorPublic"
            }, key
            assert op["security"] == [{"APIKeyHeader": []}], key
        else:
            assert "security" not in op and "401" not in op["responses"], key
    scheme = spec["components"]["securitySchemes"]["APIKeyHeader"]
    assert scheme == scheme | {"type": "apiKey", "in": "header", "name": "X-API-Key"}

    for path in (
        "/views/concept/{name}",
        "/views/path",
        "/views/formula/{name}",
        "/views/community/{community_id}",
    ):
        assert "text/html" in ops[("GET", path)]["responses"]["404"]["content"], path
    assert "404" in ops[("GET", "/maps/{file}")]["responses"]
    assert set(ops[("GET", "/maps/{file}")]["responses"]["200"]["content"]) == {
        "text/html; charset=utf-8",
        "image/svg+xml",
    }
    assert set(ops[("GET", "/export/{fmt}")]["responses"]["200"]["content"]) == {
        "application/graphml+xml",
        "application/gexf+xml",
        "application/json",
        "application/zip",
    }


def test_string_422s_are_documented_with_the_error_model(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ops = _ops(spec)
    r = client.get("/diff", params={"a": "2020", "b": "2023"})
    assert r.status_code == 422 and isinstance(r.json()["detail"], str)
    assert client.get("/concepts", params={"q": "民主", "limit": 500}).status_code == 422  # list (validation)
    for key in (
        ("GET", "/diff"),
        ("GET", "/concepts"),
        ("GET", "/concepts/{name}/subgraph"),
        ("POST", "/documents"),
    ):
        schema = ops[key]["responses"]["422"]["content"]["application/json"]["schema"]
        refs = {s["$ref"].rsplit("/", 1)[-1] for s in schema["anyOf"]}
        assert refs == {"ErrorPublic", "ValidationErrorsPublic"}, key
    issue = spec["components"]["schemas"]["ValidationErrorsPublic"]["properties"]["detail"]
    assert issue["type"] == "array"


def test_api_key_still_checked_through_the_documented_header(settings: Settings, store: object) -> None:
    keyed = settings.model_copy(update={"api_key": "s3cret"})
    with TestClient(create_app(keyed, store)) as c:  # type: ignore[arg-type]
        body = {"name": "钥匙", "concepts": ["全过程人民民主"]}
        r = c.post("/maps", json=body)
        assert r.status_code == 401 and r.json() == {"detail": "missing or wrong API key (X-API-Key)"}
        assert c.post("/maps", json=body, headers={"X-API-Key": "s3cret"}).status_code == 201
    with TestClient(create_app(settings, store)) as c:  # type: ignore[arg-type]
        assert c.post("/maps", json={"name": "无钥匙", "concepts": ["全过程人民民主"]}).status_code == 201


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/documents", b'{"text": "\\ud800"}'),
        ("/maps", b'{"name": "\\udc00", "concepts": ["\\u5168\\u8fc7\\u7a0b\\u4eba\\u6c11\\u6c11\\u4e3b"]}'),
    ],
)
def test_a_lone_surrogate_in_a_json_body_is_a_json_422(client: TestClient, url: str, body: bytes) -> None:
    # valid JSON, but the escape names half a character: the 422 that echoes it failed to
    # encode and answered a plain-text 500 (and dropped the connection)
    r = client.post(url, content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/json"
    problem = r.json()["detail"][0]
    assert problem["type"] == "string_unicode"
    assert problem["input"] == "\ufffd"
