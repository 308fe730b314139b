"""End to end in headless Chromium: search → concept page → map; offline; XSS inert; screenshots."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from api.lesson_maps import file_stem
from kg.views.pyvis_map import MIN_LABEL_PX
from tests.api.conftest import XSS
from tests.browser.conftest import ARTIFACTS, Watch
from tests.browser.labels import label_boxes, overlapping_pairs

pytestmark = pytest.mark.browser

Page = tuple[Any, Watch]


def _wait_for_map(pg: Any) -> int:
    """Wait until vis-network has laid out the nodes; return how many it drew."""
    pg.wait_for_selector("#mynetwork canvas", timeout=20_000)
    pg.wait_for_function(
        "window.kgNetwork && Object.keys(window.kgNetwork.getPositions()).length > 0", timeout=20_000
    )
    pg.wait_for_selector("#mynetwork[data-stabilized=true]", timeout=30_000)
    return int(pg.evaluate("Object.keys(window.kgNetwork.getPositions()).length"))


def _inked_pixels(pg: Any) -> int:
    """Non-white pixels on the map canvas: proof that nodes were drawn, not just laid out."""
    return int(
        pg.evaluate(
            """() => {
            const c = document.querySelector('#mynetwork canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) {
              if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++;
            }
            return n;
          }"""
        )
    )


def test_search_concept_page_and_map(page: Page, server: str) -> None:
    pg, watch = page
    pg.goto(server + "/")
    pg.fill("#search", "人大")
    pg.wait_for_selector("#suggestions li a")
    suggestions = pg.locator("#suggestions li").all_inner_texts()
    assert any("人民代表大会制度" in s for s in suggestions), suggestions
    pg.screenshot(path=str(ARTIFACTS / "01-home-suggestions.png"))

    pg.locator("#suggestions li a", has_text="人民代表大会制度").first.click()
    pg.wait_for_selector("#concept-name")
    assert "人民代表大会制度" in pg.inner_text("#concept-name")
    assert pg.locator("section.relgroup").count() >= 1
    assert pg.locator("#timeline-docs tr").count() >= 2
    pg.screenshot(path=str(ARTIFACTS / "02-concept-page.png"), full_page=True)

    pg.click("#map-link")
    drawn = _wait_for_map(pg)
    assert drawn >= 2
    assert _inked_pixels(pg) > 500
    assert pg.locator("#legend li").count() >= 2
    pg.screenshot(path=str(ARTIFACTS / "03-concept-map.png"))

    # the depth control reloads the map with more nodes
    pg.fill("#controls input[name=depth]", "2")
    pg.click("#controls button")
    assert _wait_for_map(pg) >= drawn
    assert all(u.startswith(server) for u in watch.requests), watch.requests


def test_document_page_highlights(page: Page, server: str) -> None:
    pg, _ = page
    pg.goto(server + "/ui/documents")
    pg.locator("table a").first.click()
    pg.wait_for_selector("#doctext")
    assert pg.locator("#doctext mark.mention").count() > 0
    pg.screenshot(path=str(ARTIFACTS / "04-document.png"))


def test_xss_payload_stays_inert(page: Page, server: str) -> None:
    pg, watch = page
    for url in (
        "/ui/concept/" + quote(XSS, safe=""),
        "/ui/search?q=" + quote("onerror"),
        "/views/concept/" + quote(XSS, safe=""),
    ):
        pg.goto(server + url)
        assert pg.evaluate("document.querySelectorAll('img').length") == 0
    # hover the payload node: the tooltip shows it as text
    _wait_for_map(pg)
    pos = pg.evaluate(
        """() => {
        const net = window.kgNetwork;
        const id = Object.keys(net.getPositions())
          .find(k => net.body.data.nodes.get(k).label.includes('onerror'));
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y};
      }"""
    )
    pg.mouse.move(pos["x"], pos["y"])
    pg.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    tooltip = pg.locator("div.vis-tooltip")
    assert XSS in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0
    pg.screenshot(path=str(ARTIFACTS / "05-xss-tooltip.png"))
    # the search box suggests the payload as text
    pg.goto(server + "/")
    pg.fill("#search", "onerror")
    pg.wait_for_selector("#suggestions li a")
    assert XSS in pg.inner_text("#suggestions")
    assert pg.evaluate("document.querySelectorAll('img').length") == 0
    assert not watch.dialogs


def test_path_formula_and_community_maps(page: Page, server: str) -> None:
    pg, _ = page
    pg.goto(server + "/views/path?from=" + quote("人大制度") + "&to=" + quote("社会主义民主政治"))
    assert _wait_for_map(pg) >= 3
    pg.screenshot(path=str(ARTIFACTS / "06-path-map.png"))
    pg.goto(server + "/views/formula/" + quote("四个意识"))
    assert _wait_for_map(pg) == 5
    pg.screenshot(path=str(ARTIFACTS / "07-formula-map.png"))
    pg.goto(server + "/views/communities")
    assert _wait_for_map(pg) >= 3
    assert _inked_pixels(pg) > 500
    pg.screenshot(path=str(ARTIFACTS / "08-communities-map.png"))


def test_diff_page(page: Page, server: str) -> None:
    pg, _ = page
    pg.goto(server + "/ui/diff")
    years = pg.locator("select[name=a] optgroup[label=years] option").all_inner_texts()
    assert len(years) >= 2
    pg.select_option("select[name=a]", years[0])
    pg.select_option("select[name=b]", years[-1])
    pg.click("form button")
    pg.wait_for_selector("h2.new")
    pg.screenshot(path=str(ARTIFACTS / "09-diff.png"), full_page=True)


def test_lesson_map_opens_from_disk(page: Page, server: str, browser_data_dir: Path) -> None:
    pg, watch = page
    pg.goto(server + "/ui/maps")
    pg.fill("#map-name", "第一课")
    pg.fill("#map-concepts", "人大制度\n全过程人民民主\n社会主义民主政治\n" + XSS)
    pg.click("#map-form button")
    pg.wait_for_selector("#map-result a")
    saved = browser_data_dir / "maps" / f"{file_stem('第一课')}.html"
    assert saved.is_file() and saved.with_suffix(".svg").is_file()
    pg.goto(saved.as_uri())  # no server involved
    assert _wait_for_map(pg) == 4
    assert _inked_pixels(pg) > 500
    pg.screenshot(path=str(ARTIFACTS / "10-lesson-map-from-disk.png"))
    pg.goto(saved.with_suffix(".svg").as_uri())
    pg.screenshot(path=str(ARTIFACTS / "11-lesson-map.svg.png"))
    file_requests = [u for u in watch.requests if u.startswith("file://")]
    assert file_requests == [saved.as_uri(), saved.with_suffix(".svg").as_uri()], json.dumps(file_requests)


def test_lesson_map_form_errors_read_as_one_line(page: Page, server: str) -> None:
    """The form's errors are sentences, never the API's validation JSON; a concept repeated
    61 times is one concept, saved."""
    pg, _ = page
    pg.goto(server + "/ui/maps")

    def submit(name: str, concepts: str) -> str:
        pg.evaluate("document.getElementById('map-result').replaceChildren()")
        pg.fill("#map-name", name)
        pg.fill("#map-concepts", concepts)
        pg.click("#map-form button")
        pg.wait_for_function("document.getElementById('map-result').textContent.length > 0")
        return str(pg.inner_text("#map-result"))

    assert submit("空课", "") == "error: give at least one concept"
    assert submit("空课", "\n 、, \n") == "error: give at least one concept"
    assert submit("多课", "\n".join(f"概念{i}" for i in range(61))) == "error: at most 60 concepts, got 61"
    assert submit("重复课", "\n".join(["人大制度"] * 61)).startswith("saved: 重复课")
    tabbed = submit("a\tb", "人大制度")
    assert tabbed.startswith("error: name: ") and "control characters" in tabbed, tabbed
    assert "[{" not in tabbed and "\n" not in tabbed
    pg.screenshot(path=str(ARTIFACTS / "12-lesson-map-form-error.png"))


def test_search_box_stops_at_the_suggestion_bound(page: Page, server: str) -> None:
    """Typing past 200 characters is cut at the box's maxlength; a longer value set by a script
    sends no suggestion request (it would be refused, 422) and clears the list."""
    pg, watch = page
    failed: list[str] = []
    pg.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    pg.goto(server + "/")
    bound = int(pg.get_attribute("#search", "maxlength") or 0)
    assert bound == 200
    pg.fill("#search", "人大")
    pg.wait_for_selector("#suggestions li a")
    pg.locator("#search").press_sequentially("民" * (bound + 5 - 2), delay=0)
    assert pg.evaluate("document.getElementById('search').value.length") == bound
    pg.evaluate(
        """n => { const s = document.getElementById('search');
        s.value = '民'.repeat(n); s.dispatchEvent(new Event('input')); }""",
        bound + 1,
    )
    pg.wait_for_timeout(600)  # past the 150 ms debounce
    assert pg.locator("#suggestions li").count() == 0
    asked = [parse_qs(urlsplit(u).query)["q"][0] for u in watch.requests if urlsplit(u).path == "/concepts"]
    assert asked and all(len(q) <= bound for q in asked), [len(q) for q in asked]
    assert not failed, failed


def _smallest_label_px(pg: Any) -> float:
    """The smallest node label as drawn at the current zoom, in screen pixels."""
    return float(
        pg.evaluate(
            """() => { const net = window.kgNetwork;
            return Math.min(...net.body.data.nodes.getIds().map(id => net.body.nodes[id].options.font.size))
              * net.getScale(); }"""
        )
    )


@pytest.mark.parametrize(
    ("url", "nodes"), [("/views/communities", 120), ("/views/community/0", 50), ("/views/community/1", 50)]
)
def test_large_maps_show_readable_labels_on_first_view(page: Page, server: str, url: str, nodes: int) -> None:
    """A large map fits at a zoom near 0.2, where 16-unit labels would be 3 px on screen and
    vis-network would not draw them; after the first fit every label is at least MIN_LABEL_PX."""
    pg, _ = page
    pg.goto(server + url)
    assert _wait_for_map(pg) == nodes
    # the fitted zoom would draw the 16-unit labels under MIN_LABEL_PX: the growth is needed here
    # (community 1 fits at 0.44-0.51 from run to run: the layout starts from random positions)
    assert 16 * pg.evaluate("window.kgNetwork.getScale()") < MIN_LABEL_PX
    assert _smallest_label_px(pg) >= MIN_LABEL_PX - 0.01
    pg.screenshot(path=str(ARTIFACTS / f"13-labels{url.replace('/', '-')}.png"))


# Bounds on overlapping label pairs at first view, from tests/browser/labels.py measurements
# (overview / community 0 / community 1). barnesHut (before, 3 runs each): 52-103 / 11-15 / 7-12;
# forceAtlas2Based (now, 33 / 30 / 30 runs): 24-44 (mean 32) / 0-7 (mean 3) / 3-12 (mean 7).
# The bounds leave room for the layout's randomness (each load starts from random positions); the
# overview bound sits below every run of the old layout, community 1's only guards against a large
# regression (its overlaps were few already). Session 12's extraction changes made community 0 of
# the sample graph another community (vocational education, 58 concepts, longer names): there
# forceAtlas2Based gives 2-13 pairs (48 runs, mean 6.5; 4 runs above the old bound 10) and
# barnesHut 3-10 (5 runs), so its bound, like community 1's, now guards against a large regression.
@pytest.mark.parametrize(
    ("url", "bound"), [("/views/communities", 50), ("/views/community/0", 15), ("/views/community/1", 14)]
)
def test_large_maps_keep_labels_apart_on_first_view(page: Page, server: str, url: str, bound: int) -> None:
    """After the first fit and the label growth, few node labels overlap one another."""
    pg, _ = page
    pg.goto(server + url)
    _wait_for_map(pg)
    boxes = label_boxes(pg)
    assert len(boxes) == int(pg.get_attribute("#mynetwork", "data-nodes") or 0)  # every label drawn
    pairs = overlapping_pairs(boxes)
    print(f"{url}: {len(pairs)} overlapping label pairs")
    assert len(pairs) <= bound, pairs
    pg.screenshot(path=str(ARTIFACTS / f"14-overlaps{url.replace('/', '-')}.png"))
