"""render_concept_map: a pure function from a Subgraph to one self-contained page."""

from __future__ import annotations

from pathlib import Path

from kg import query
from kg.store.networkx_store import NetworkxStore
from kg.views import render_concept_map
from tests.factories import FOUNDING, REPORT


def test_render_concept_map_is_self_contained(tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path)
    store.add_many([FOUNDING, REPORT])
    g = query.subgraph(store, "党的领导", depth=2, max_nodes=20)
    html = render_concept_map(g, title="党的领导 <map>")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>党的领导 &lt;map&gt;</title>" in html
    assert "https://" not in html.split("<script>", 1)[0]  # head: no remote css/fonts
    assert 'src="http' not in html and 'href="http' not in html
    assert html.count("new vis.Network(") == 1
    for c in g.nodes:
        assert c.name in html
    assert not list(tmp_path.glob("*.html")) and not Path("lib").exists()  # nothing written to disk


def test_link_base_enables_navigation(tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path)
    store.add(FOUNDING)
    g = query.subgraph(store, "四个意识")
    assert '"/ui/concept/"' in render_concept_map(g, title="t", link_base="/ui/concept/")
    assert "var linkBase = null;" in render_concept_map(g, title="t")
