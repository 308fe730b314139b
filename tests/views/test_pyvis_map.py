"""render_concept_map: a pure function from a Subgraph to one self-contained page."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kg import query
from kg.model import Mention
from kg.store.networkx_store import NetworkxStore
from kg.views import render_concept_map
from kg.views.highlight import segments
from kg.views.pyvis_map import MIN_LABEL_PX
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


def test_maps_carry_the_smallest_readable_label_size(tmp_path: Path) -> None:
    """The page grows its labels to MIN_LABEL_PX after the first fit (drawn in tests/browser)."""
    store = NetworkxStore(tmp_path)
    store.add(FOUNDING)
    html = render_concept_map(query.subgraph(store, "四个意识"), title="t")
    assert f"var minLabelPx = {MIN_LABEL_PX};" in html


mention_spans = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=12)


@given(
    st.text(alphabet="人民主制度<>&\"' ab", min_size=0, max_size=40),
    mention_spans,
    st.none() | st.tuples(st.integers(0, 40), st.integers(0, 40)),
)
def test_segments_cover_the_text_exactly(text: str, spans: list[tuple[int, int]], mark: object) -> None:
    mentions = [
        Mention(f"c{i}", text[a : a + n], a, a + n, 0) for i, (a, n) in enumerate(spans) if a + n <= len(text)
    ]
    rng = None if mark is None else tuple(sorted(mark))  # type: ignore[arg-type]
    segs = segments(text, mentions, rng)  # type: ignore[arg-type]
    assert "".join(s.text for s in segs) == text
    assert all(s.text for s in segs)
    for s in segs:
        if s.concept is not None:
            assert any(m.name == s.concept and s.text in m.surface for m in mentions)
