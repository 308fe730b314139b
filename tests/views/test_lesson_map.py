from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kg.lesson_map import (
    LessonMapSummary,
    build_lesson_map,
    lesson_map_svg,
    replaced_by_saving,
    safe_filename,
    save_lesson_map,
    spring_positions,
    svg_summary,
)
from kg.query import ConceptNotFound, InvalidQuery
from kg.store.networkx_store import NetworkxStore
from kg.views.svg_layout import Box, Point, text_width
from tests.factories import LESSON

XSS = "<img src=x onerror=alert(1)>"


def test_lesson_map_files_are_self_contained(store: NetworkxStore, tmp_path: Path) -> None:
    lm = build_lesson_map(store, "第一课 <民主>", ["人大制度", "全过程人民民主", "社会主义民主政治", XSS])
    assert [c.name for c in lm.concepts][:2] == ["人民代表大会制度", "全过程人民民主"]
    assert {str(r.type) for r in lm.relations} == {"CARRIER_OF", "ESSENTIAL_FEATURE_OF", "PROMOTES"}
    saved = save_lesson_map(lm, tmp_path / "maps")
    html = saved.html.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert XSS not in html and "第一课 &lt;民主&gt;" in html
    svg = saved.svg.read_text(encoding="utf-8")
    root = ET.fromstring(svg)  # well-formed XML: every name escaped
    assert root.tag.endswith("svg")
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert XSS in texts and "人民代表大会制度" in texts and "CARRIER_OF" in texts
    assert saved.html.name == "第一课__民主.html" or saved.html.name.startswith("第一课")


def test_lesson_map_validation(store: NetworkxStore) -> None:
    with pytest.raises(ConceptNotFound) as e:
        build_lesson_map(store, "x", ["全过程人民民主", "全过程民主"])
    assert "全过程人民民主" in e.value.suggestions
    with pytest.raises(InvalidQuery):
        build_lesson_map(store, "x", [])
    with pytest.raises(InvalidQuery):
        build_lesson_map(store, "  ", ["全过程人民民主"])
    with pytest.raises(InvalidQuery, match="got 61"):
        build_lesson_map(store, "x", [f"概念{i}" for i in range(61)])


def test_a_repeated_concept_counts_once(store: NetworkxStore) -> None:
    lm = build_lesson_map(store, "x", ["全过程人民民主"] * 61 + ["人大制度"])
    assert [c.name for c in lm.concepts] == ["全过程人民民主", "人民代表大会制度"]


def test_layout_is_deterministic_and_in_the_unit_square() -> None:
    nodes = [str(i) for i in range(12)]
    edges = [(nodes[i], nodes[(i + 1) % 12]) for i in range(12)]
    a, b = spring_positions(nodes, edges), spring_positions(nodes, edges)
    assert a == b
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in a.values())


def test_safe_filename() -> None:
    assert safe_filename("../../etc/passwd") == "etc_passwd"
    assert safe_filename("全过程 人民民主/第1课") == "全过程_人民民主_第1课"
    assert safe_filename("///") == "map"


def test_svg_of_empty_relations(store: NetworkxStore) -> None:
    lm = build_lesson_map(store, "one", ["四个意识"])
    ET.fromstring(lesson_map_svg(lm))


def test_kg_map_command(store: NetworkxStore, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path / "out"
    args = ["--data-dir", str(store.data_dir), "map", "第二课", "人大制度", "全过程人民民主", "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (out / "第二课.html").is_file() and (out / "第二课.svg").is_file()
    bad = CliRunner().invoke(
        app, ["--data-dir", str(store.data_dir), "map", "x", "全过程民主", "-o", str(out)]
    )
    assert bad.exit_code != 0 and "全过程人民民主" in bad.output


def test_svg_summary_reads_name_and_counts_back(store: NetworkxStore) -> None:
    lm = build_lesson_map(store, f"第一课 {XSS}", ["人大制度", "全过程人民民主", "社会主义民主政治", XSS])
    assert svg_summary(lesson_map_svg(lm)) == LessonMapSummary(lm.name, 4, 3)
    assert svg_summary("<html></html>") is None
    assert svg_summary("not xml <") is None


def _kg_map(store: NetworkxStore, out: Path, name: str, *args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["--data-dir", str(store.data_dir), "map", name, *args, "-o", str(out)])
    return result.exit_code, result.output


def test_kg_map_does_not_replace_a_map_of_another_name(store: NetworkxStore, tmp_path: Path) -> None:
    out = tmp_path / "maps"
    assert _kg_map(store, out, "民主课?", "全过程人民民主", "人大制度")[0] == 0
    first = (out / "民主课.html").read_bytes(), (out / "民主课.svg").read_bytes()
    code, output = _kg_map(store, out, "民主课!", "全过程人民民主", "社会主义民主政治")
    assert code == 1
    assert output.strip() == (
        f"error: {out / '民主课.html'} and {out / '民主课.svg'} hold the map '民主课?'; "
        "give this map another name, or --force to replace it"
    )
    assert ((out / "民主课.html").read_bytes(), (out / "民主课.svg").read_bytes()) == first
    # the same name again replaces its map; --force replaces another's
    assert _kg_map(store, out, "民主课?", "全过程人民民主", "社会主义民主政治")[0] == 0
    assert svg_summary((out / "民主课.svg").read_text(encoding="utf-8")) == LessonMapSummary("民主课?", 2, 1)
    assert _kg_map(store, out, "民主课!", "全过程人民民主", "--force")[0] == 0
    assert svg_summary((out / "民主课.svg").read_text(encoding="utf-8")) == LessonMapSummary("民主课!", 1, 0)


def test_kg_map_does_not_replace_a_file_that_is_not_a_map(store: NetworkxStore, tmp_path: Path) -> None:
    out = tmp_path / "maps"
    out.mkdir()
    (out / "notes.html").write_text("<p>my notes</p>", encoding="utf-8")
    code, output = _kg_map(store, out, "notes", "全过程人民民主")
    assert code == 1 and "notes.html exists and is not a lesson map" in output
    assert (out / "notes.html").read_text(encoding="utf-8") == "<p>my notes</p>"
    (out / "plan.svg").write_text("<svg/>", encoding="utf-8")  # only the image: it is named
    code, output = _kg_map(store, out, "plan", "全过程人民民主")
    assert code == 1 and f"{out / 'plan.svg'} exists and is not a lesson map" in output
    assert not (out / "plan.html").exists()


def test_replaced_by_saving(store: NetworkxStore, tmp_path: Path) -> None:
    assert replaced_by_saving("第一课", tmp_path / "none", "第一课") is None
    save_lesson_map(build_lesson_map(store, "第一课", ["四个意识"]), tmp_path)
    assert replaced_by_saving("第一课", tmp_path, "第一课") is None
    assert (
        replaced_by_saving("第一课 ", tmp_path, "第一课")
        == f"{tmp_path / '第一课.html'} and {tmp_path / '第一课.svg'} hold the map '第一课'"
    )
    (tmp_path / "第一课.svg").unlink()
    assert (
        replaced_by_saving("第一课", tmp_path, "第一课")
        == f"{tmp_path / '第一课.html'} exists and is not a lesson map"
    )


SVG_NS = "{http://www.w3.org/2000/svg}"


def arrowhead(start: Point, tip: Point, stroke_width: float) -> list[Point]:
    """Points of the arrowhead drawn at the end of start→tip: the marker is 7 stroke widths
    long and wide; its tip, the middle and ends of its base, and points between."""
    length = math.dist(start, tip) or 1.0
    ux, uy = (tip[0] - start[0]) / length, (tip[1] - start[1]) / length
    size = 7 * stroke_width
    base = (tip[0] - ux * size, tip[1] - uy * size)
    ends = [(base[0] - uy * side * size / 2, base[1] + ux * side * size / 2) for side in (1, -1)]
    points = [tip, base, *ends]
    return points + [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in itertools.combinations(points, 2)]


def drawn_geometry(svg: str) -> tuple[list[Box], list[Box], list[list[Point]]]:
    """From a map's SVG: the boxes of the node names and of the edge labels, estimated from
    their <text> elements alone (x, baseline, font size, characters), and points of each
    arrowhead (the first is its tip)."""
    names: list[Box] = []
    labels: list[Box] = []
    heads: list[list[Point]] = []
    seen_circle = False
    for el in ET.fromstring(svg):
        if el.tag == f"{SVG_NS}circle" and el.find(f"{SVG_NS}title") is not None:
            seen_circle = True
        elif el.tag == f"{SVG_NS}line" and el.get("marker-end") and not seen_circle:
            (x1, y1), (x2, y2) = ((float(el.get(f"x{i}", 0)), float(el.get(f"y{i}", 0))) for i in (1, 2))
            heads.append(arrowhead((x1, y1), (x2, y2), float(el.get("stroke-width", 1))))
        elif el.tag == f"{SVG_NS}text" and el.get("text-anchor") == "middle":
            x, y, size, text = (
                float(el.get("x", 0)),
                float(el.get("y", 0)),
                float(el.get("font-size", 0)),
                el.text,
            )
            w = text_width(text or "", size) / 2
            if seen_circle:  # a node's name: CJK glyphs reach 0.88 em up and 0.12 em down
                names.append(Box(x - w, y - 0.88 * size, x + w, y + 0.12 * size))
            else:  # an edge label: capitals, 0.7 em high
                labels.append(Box(x - w, y - 0.7 * size, x + w, y))
    return names, labels, heads


def assert_readable(svg: str) -> None:
    names, labels, heads = drawn_geometry(svg)
    assert names and labels and heads
    for head in heads:
        assert not any(box.contains(head[0]) for box in names), f"arrowhead tip at {head[0]} in a name"
        assert not any(box.contains(p) for box in names for p in head), f"arrowhead at {head[0]} on a name"
    for a, b in itertools.combinations(labels, 2):
        assert a.overlap(b) == 0, f"edge labels overlap: {a} {b}"
    for label in labels:
        assert not any(label.overlap(box) for box in names), f"edge label {label} on a name"


def test_svg_arrowheads_and_edge_labels_keep_off_the_names(store: NetworkxStore) -> None:
    lm = build_lesson_map(store, "x", ["人大制度", "全过程人民民主", "社会主义民主政治", XSS])
    assert_readable(lesson_map_svg(lm))


def test_svg_of_the_reviewers_lesson_is_readable(sample_data_dir: Path) -> None:
    """The map in which arrowheads covered 全过程人民民主 and 社会主义民主政治 and the labels
    near 基层民主 overlapped; the notebook's map includes co-occurrences too."""
    store = NetworkxStore(sample_data_dir, create=False)
    for co in (False, True):
        lm = build_lesson_map(store, "第一课", LESSON, include_cooccurrence=co)
        assert len(lm.relations) > 10
        svg = lesson_map_svg(lm)
        assert_readable(svg)
        assert lesson_map_svg(lm) == svg  # same map, same bytes
        assert svg_summary(svg) == LessonMapSummary("第一课", len(lm.concepts), len(lm.relations))
