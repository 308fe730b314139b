"""The pure geometry behind the static SVG maps: edges stop at the shapes they join, labels
keep clear of nodes and of each other."""

from __future__ import annotations

import itertools
import math

import pytest

from kg.views.svg_layout import (
    EDGE_GAP,
    Box,
    NodeShape,
    clip_edge,
    edge_label_box,
    layout_edges,
    node_shape,
    place_edge_label,
    text_width,
)
from tests.factories import LESSON

BOUNDS = Box(0, 0, 1000, 800)


def inside_any(p: tuple[float, float], nodes: list[NodeShape]) -> bool:
    """Strictly inside a node's label box or circle."""
    return any(n.label.contains(p) or math.hypot(p[0] - n.cx, p[1] - n.cy) < n.r for n in nodes)


def test_text_width_counts_cjk_as_one_em() -> None:
    assert text_width("全过程人民民主", 15) == 7 * 15
    assert 0 < text_width("CARRIER_OF", 11) < 10 * 11


def test_box_overlap_contains_and_outside() -> None:
    a, b = Box(0, 0, 10, 10), Box(5, 5, 20, 20)
    assert a.overlap(b) == b.overlap(a) == 25
    assert a.overlap(Box(10, 0, 20, 10)) == 0  # touching is not overlapping
    assert a.contains((5, 5)) and not a.contains((10, 5))
    assert Box(-5, 0, 5, 10).outside(a) == 50


def test_an_edge_from_below_stops_at_the_label_box_not_on_the_name() -> None:
    """The reviewer's case: the edge came up from below and its arrowhead covered the name."""
    top = node_shape(500, 300, 15, "全过程人民民主", 15)
    below = node_shape(520, 600, 12, "人民代表大会制度", 15)
    start, end = clip_edge((below.cx, below.cy), (top.cx, top.cy), below, top)
    assert end[1] == pytest.approx(top.label.y1 + EDGE_GAP)  # just under the name's box
    assert not inside_any(end, [top, below]) and not inside_any(start, [top, below])
    assert start[1] == pytest.approx(below.cy - below.r - EDGE_GAP, abs=0.5)  # leaves the circle's top


def test_an_edge_from_above_stops_at_the_circle() -> None:
    top = node_shape(500, 100, 10, "基层民主", 15)
    bottom = node_shape(500, 400, 10, "社会主义民主政治", 15)
    start, end = clip_edge((top.cx, top.cy), (bottom.cx, bottom.cy), top, bottom)
    assert end == pytest.approx((500, 400 - 10 - EDGE_GAP))
    assert start == pytest.approx((500, top.label.y1 + EDGE_GAP))  # leaves below its own name


@pytest.mark.parametrize("angle", range(0, 360, 15))
def test_edge_ends_are_outside_both_shapes_at_every_angle(angle: int) -> None:
    a = node_shape(500, 400, 14, "社会主义民主政治", 15)
    rad = math.radians(angle)
    b = node_shape(500 + 250 * math.cos(rad), 400 + 250 * math.sin(rad), 10, "协商民主", 15)
    start, end = clip_edge((a.cx, a.cy), (b.cx, b.cy), a, b)
    assert not inside_any(start, [a, b]) and not inside_any(end, [a, b])
    assert math.dist(start, (a.cx, a.cy)) < math.dist(end, (a.cx, a.cy))


def test_overlapping_nodes_still_get_a_segment() -> None:
    a = node_shape(500, 400, 14, "全过程人民民主", 15)
    b = node_shape(510, 410, 14, "人民当家作主", 15)
    start, end = clip_edge((a.cx, a.cy), (b.cx, b.cy), a, b)
    assert all(math.isfinite(v) for v in (*start, *end))


def test_a_label_moves_along_its_edge_away_from_a_node_at_the_midpoint() -> None:
    blocker = Box(480, 360, 520, 440)
    box = place_edge_label((100, 400), (900, 400), "EMBODIES", 11, obstacles=[blocker], bounds=BOUNDS)
    assert box.overlap(blocker) == 0
    assert box.y1 <= 400  # beside the line, above it
    free = place_edge_label((100, 400), (900, 400), "EMBODIES", 11, obstacles=[], bounds=BOUNDS)
    assert free.centre[0] == pytest.approx(500) and free.y1 < 400  # the midpoint when nothing is in the way


def test_a_label_stays_inside_the_bounds() -> None:
    box = place_edge_label((5, 10), (5, 300), "ESSENTIAL_FEATURE_OF", 11, obstacles=[], bounds=BOUNDS)
    assert box.outside(BOUNDS) == 0


def star() -> tuple[dict[str, NodeShape], list[tuple[str, str, str | None]]]:
    """A hub with six neighbours close around it, two relations per pair and one each way."""
    names = LESSON[:7]
    nodes = {"hub": node_shape(450, 380, 16, names[0], 15)}
    edges: list[tuple[str, str, str | None]] = []
    for i, name in enumerate(names[1:]):
        angle = math.radians(i * 60 + 20)
        nodes[name] = node_shape(450 + 170 * math.cos(angle), 380 + 140 * math.sin(angle), 11, name, 15)
        edges += [(name, "hub", "CARRIER_OF"), ("hub", name, "ESSENTIAL_FEATURE_OF"), (name, "hub", None)]
    edges.append((names[1], names[2], "EMBODIES"))
    return nodes, edges


def test_layout_edges_keeps_tips_off_names_and_labels_apart() -> None:
    nodes, edges = star()
    drawn = layout_edges(nodes, edges, font_size=11, bounds=BOUNDS)
    shapes = list(nodes.values())
    assert len(drawn) == len(edges)
    for e in drawn:
        assert not inside_any(e.end, shapes) and not inside_any(e.start, shapes)
    labels = [e.label for e in drawn if e.label is not None]
    assert len(labels) == sum(text is not None for *_, text in edges)
    for a, b in itertools.combinations(labels, 2):
        assert a.overlap(b) == 0
    for label, n in itertools.product(labels, shapes):
        assert label.overlap(n.label) == 0 and label.overlap(n.circle_box) == 0
        assert label.outside(BOUNDS) == 0


def test_edges_between_the_same_nodes_are_drawn_apart() -> None:
    nodes, edges = star()
    drawn = layout_edges(nodes, edges, font_size=11, bounds=BOUNDS)
    pair = [e for e, (h, t, _) in zip(drawn, edges, strict=True) if {h, t} == {"hub", "协商民主"}]
    assert len(pair) == 3
    mids = [((e.start[0] + e.end[0]) / 2, (e.start[1] + e.end[1]) / 2) for e in pair]
    assert min(math.dist(a, b) for a, b in itertools.combinations(mids, 2)) > 5


def test_layout_edges_is_deterministic() -> None:
    nodes, edges = star()
    assert layout_edges(nodes, edges, font_size=11, bounds=BOUNDS) == layout_edges(
        dict(nodes), list(edges), font_size=11, bounds=BOUNDS
    )


def test_edge_label_box_is_centred() -> None:
    box = edge_label_box((100, 50), "GUIDES", 11)
    assert box.centre == pytest.approx((100, 50)) and box.width > text_width("GUIDES", 11)
