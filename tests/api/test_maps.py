"""Saved lesson maps: names and counts in the listing, one file per exact name, older maps."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient

from api.lesson_maps import file_stem, maps_dir
from kg.lesson_map import build_lesson_map, save_lesson_map
from kg.settings import Settings
from kg.store.networkx_store import NetworkxStore

CONCEPTS = ["人大制度", "全过程人民民主", "社会主义民主政治"]


def _listed(client: TestClient) -> dict[str, dict[str, object]]:
    body = client.get("/maps").json()
    assert body["count"] == len(body["data"])
    return {m["file"]: m for m in body["data"]}


def test_listing_shows_each_maps_name_and_counts(client: TestClient) -> None:
    made = client.post("/maps", json={"name": "第一课 <民主>", "concepts": CONCEPTS})
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["concepts"], body["relations"]) == (3, 2)
    listed = _listed(client)
    assert listed == {body["file"]: body}


def test_names_with_the_same_slug_keep_their_own_files(client: TestClient) -> None:
    names = ["第一课 ‹民主>", "第一课/民主", "...", "<<>>"]
    made = [client.post("/maps", json={"name": n, "concepts": CONCEPTS[:2]}).json() for n in names]
    assert len({m["file"] for m in made}) == 4
    listed = _listed(client)
    assert sorted(m["name"] for m in listed.values()) == sorted(names)
    for m in made:
        svg = client.get(m["svg_url"]).text
        assert f"<title>{m['name'].replace('<', '&lt;').replace('>', '&gt;')}</title>" in svg


def test_the_same_name_again_overwrites(client: TestClient) -> None:
    first = client.post("/maps", json={"name": "复习", "concepts": CONCEPTS}).json()
    again = client.post("/maps", json={"name": "复习", "concepts": CONCEPTS[:1]})
    assert again.status_code == 201
    assert again.json()["file"] == first["file"]
    assert [(m["name"], m["concepts"]) for m in _listed(client).values()] == [("复习", 1)]


def test_maps_saved_before_sidecars_list_with_name_and_counts(
    client: TestClient, settings: Settings, store: NetworkxStore
) -> None:
    """A map saved as `<slug>.html/.svg` without a sidecar: name and counts read from its SVG;
    saving its name again overwrites it rather than adding a second one."""
    folder = maps_dir(settings.data_dir)
    old = save_lesson_map(build_lesson_map(store, "旧课 1", CONCEPTS), folder)
    assert old.html.name == "旧课_1.html"
    (folder / "broken.html").write_text("<html></html>", encoding="utf-8")
    listed = _listed(client)
    assert (listed["旧课_1.html"]["name"], listed["旧课_1.html"]["concepts"]) == ("旧课 1", 3)
    assert listed["旧课_1.html"]["relations"] == 2
    assert (listed["broken.html"]["name"], listed["broken.html"]["concepts"]) == ("broken", None)
    again = client.post("/maps", json={"name": "旧课 1", "concepts": CONCEPTS[:1]}).json()
    assert again["file"] == "旧课_1.html"
    assert len(_listed(client)) == 2


def test_a_file_held_by_another_name_is_a_conflict(client: TestClient, settings: Settings) -> None:
    """Should two names ever hash alike, the second is refused (409), never written over the first."""
    folder = maps_dir(settings.data_dir)
    folder.mkdir(parents=True)
    stem = file_stem("第二课")
    (folder / f"{stem}.html").write_text("<html></html>", encoding="utf-8")
    (folder / f"{stem}.json").write_text(
        '{"name": "别的课", "concepts": 1, "relations": 0}', encoding="utf-8"
    )
    r = client.post("/maps", json={"name": "第二课", "concepts": CONCEPTS})
    assert r.status_code == 409
    assert "别的课" in r.json()["detail"]
    assert (folder / f"{stem}.html").read_text(encoding="utf-8") == "<html></html>"


def test_file_names_fit_the_file_system(client: TestClient) -> None:
    assert client.post("/maps", json={"name": "先有的课", "concepts": CONCEPTS[:1]}).status_code == 201
    name = "\U00020000" * 80  # 320 bytes in UTF-8
    r = client.post("/maps", json={"name": name, "concepts": CONCEPTS[:1]})
    assert r.status_code == 201, r.text
    assert len(r.json()["file"].encode("utf-8")) <= 255
    assert client.get(r.json()["html_url"]).status_code == 200


def test_map_files_with_impossible_names_are_404(client: TestClient) -> None:
    """A NUL byte or an over-long name is no saved file (404), not a server error."""
    assert client.post("/maps", json={"name": "有", "concepts": CONCEPTS[:1]}).status_code == 201
    for file in ["%00", "a%00b.html", quote("\U00020000" * 70 + ".html")]:
        r = client.get(f"/maps/{file}")
        assert r.status_code == 404, (file, r.text)
        assert r.json()["detail"].startswith("no saved map file")


def test_map_names_with_control_characters_are_422(client: TestClient) -> None:
    r = client.post("/maps", json={"name": "a\x00b", "concepts": CONCEPTS[:1]})
    assert r.status_code == 422
    assert "control characters" in r.text


def test_repeated_concepts_count_once(client: TestClient) -> None:
    """61 copies of one concept are one concept: repeats are dropped (in order) before the count."""
    r = client.post("/maps", json={"name": "重复", "concepts": ["人大制度"] * 61})
    assert r.status_code == 201, r.text
    assert r.json()["concepts"] == 1
    r = client.post("/maps", json={"name": "重复 2", "concepts": CONCEPTS * 30 + ["人大制度"]})
    assert r.status_code == 201, r.text
    assert r.json()["concepts"] == 3


def test_more_than_60_distinct_concepts_are_422(client: TestClient) -> None:
    r = client.post("/maps", json={"name": "太多", "concepts": [f"概念{i}" for i in range(61)]})
    assert r.status_code == 422
    assert r.json()["detail"][0]["type"] == "too_long"
    assert client.post("/maps", json={"name": "空", "concepts": []}).status_code == 422
    assert client.post("/maps", json={"name": "坏", "concepts": [1, [2]]}).status_code == 422


def test_a_map_that_cannot_be_saved_is_503_saying_where(client: TestClient, settings: Settings) -> None:
    """A data folder that cannot take the files (read-only, full; here a file where the maps
    folder goes) answers 503 naming the folder, not a bare 500."""
    folder = maps_dir(settings.data_dir)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder", encoding="utf-8")
    r = client.post("/maps", json={"name": "第三课", "concepts": CONCEPTS})
    assert r.status_code == 503
    assert r.json()["detail"].startswith(f"cannot save the map under {folder}: ")
