"""Pure geometry for static SVG maps: node and label boxes, edges clipped to the boxes of their
ends, and edge labels placed clear of nodes and of each other.

No I/O and no randomness: the same input gives the same output. Coordinates are SVG user
units (y grows downwards). Text sizes are estimates (a CJK character is 1 em wide, other
characters 0.62 em, a little more than the average Latin capital), so boxes err on the large side.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Point = tuple[float, float]

WIDE_EM = 1.0
NARROW_EM = 0.62
NODE_LABEL_GAP = 1.0  # between a circle and the top of its label box
LABEL_PAD = 2.0  # around the text inside a label box
EDGE_GAP = 2.0  # between an edge's ends and the shapes it joins
PARALLEL_SPACING = 7.0  # between edges joining the same two nodes
# where along an edge its label may go (fractions of the visible segment), best first
LABEL_STOPS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.1, 0.9)


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle, x0 <= x1 and y0 <= y1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre(self) -> Point:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    def grown(self, d: float) -> Box:
        return Box(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)

    def contains(self, p: Point) -> bool:
        """Strictly inside (a point on the border is not)."""
        return self.x0 < p[0] < self.x1 and self.y0 < p[1] < self.y1

    def overlap(self, other: Box) -> float:
        """The area the two boxes share (0 when they only touch)."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    def outside(self, bounds: Box) -> float:
        """The area of this box that lies outside `bounds`."""
        return self.width * self.height - self.overlap(bounds)


@dataclass(frozen=True, slots=True)
class NodeShape:
    """A node drawn as a circle with its name centred below it, in `label`."""

    cx: float
    cy: float
    r: float
    label: Box

    @property
    def circle_box(self) -> Box:
        return Box(self.cx - self.r, self.cy - self.r, self.cx + self.r, self.cy + self.r)

    @property
    def boxes(self) -> tuple[Box, Box]:
        return self.circle_box, self.label


@dataclass(frozen=True, slots=True)
class EdgeShape:
    """A drawn edge: the visible segment (`end` is the arrowhead's tip) and its label's box."""

    start: Point
    end: Point
    label: Box | None


def text_width(text: str, font_size: float) -> float:
    """An estimate of the rendered width of `text` (wide, i.e. CJK, characters are 1 em)."""
    ems = sum(WIDE_EM if unicodedata.east_asian_width(ch) in "WF" else NARROW_EM for ch in text)
    return ems * font_size


def node_shape(cx: float, cy: float, r: float, name: str, font_size: float) -> NodeShape:
    """The circle and the box of the name drawn at `node_label_baseline` below it."""
    w = text_width(name, font_size) + 2 * LABEL_PAD
    top = cy + r + NODE_LABEL_GAP
    return NodeShape(cx, cy, r, Box(cx - w / 2, top, cx + w / 2, top + 1.2 * font_size + 2 * LABEL_PAD))


def node_label_baseline(node: NodeShape, font_size: float) -> float:
    """Where the name's baseline goes so that its glyphs (ascent 0.88 em) fill `node.label`."""
    return node.label.y0 + LABEL_PAD + 0.1 * font_size + 0.88 * font_size


def edge_label_box(centre: Point, text: str, font_size: float) -> Box:
    w = text_width(text, font_size) / 2 + LABEL_PAD
    h = 0.6 * font_size + LABEL_PAD
    return Box(centre[0] - w, centre[1] - h, centre[0] + w, centre[1] + h)


def edge_label_baseline(box: Box, font_size: float) -> float:
    """The baseline that centres a line of capitals (cap height 0.7 em) in `box`."""
    return box.centre[1] + 0.35 * font_size


def _circle_entry(p: Point, d: Point, c: Point, r: float) -> float | None:
    """The first t in [0, 1] at which p + t·d is within `r` of `c`."""
    fx, fy = p[0] - c[0], p[1] - c[1]
    cc = fx * fx + fy * fy - r * r
    if cc <= 0:
        return 0.0
    a = d[0] * d[0] + d[1] * d[1]
    b = 2 * (fx * d[0] + fy * d[1])
    disc = b * b - 4 * a * cc
    if a == 0 or disc < 0:
        return None
    t = (-b - math.sqrt(disc)) / (2 * a)
    return t if 0 <= t <= 1 else None


def _box_entry(p: Point, d: Point, box: Box) -> float | None:
    """The first t in [0, 1] at which p + t·d is in `box` (Liang–Barsky)."""
    lo, hi = 0.0, 1.0
    for start, delta, a, b in ((p[0], d[0], box.x0, box.x1), (p[1], d[1], box.y0, box.y1)):
        if delta == 0:
            if not a <= start <= b:
                return None
            continue
        t1, t2 = (a - start) / delta, (b - start) / delta
        lo, hi = max(lo, min(t1, t2)), min(hi, max(t1, t2))
        if lo > hi:
            return None
    return lo


def entry(p: Point, q: Point, node: NodeShape, gap: float = EDGE_GAP) -> float | None:
    """The first t in [0, 1] at which the segment p→q meets the node's circle or label box,
    both grown by `gap`; None when it misses them."""
    d = (q[0] - p[0], q[1] - p[1])
    hits = [
        t
        for t in (
            _circle_entry(p, d, (node.cx, node.cy), node.r + gap),
            _box_entry(p, d, node.label.grown(gap)),
        )
        if t is not None
    ]
    return min(hits, default=None)


def clip_edge(p: Point, q: Point, source: NodeShape, target: NodeShape) -> tuple[Point, Point]:
    """The part of p→q (p within `source`, q within `target`) outside both nodes' shapes:
    it leaves `source`'s circle or label box and stops where it reaches `target`'s. When the
    shapes overlap along the line, the part between the circles alone."""
    t_end = entry(p, q, target)
    t_back = entry(q, p, source)
    if t_end is None or t_back is None or 1 - t_back >= t_end:
        t_back = _circle_entry(q, (p[0] - q[0], p[1] - q[1]), (source.cx, source.cy), source.r) or 0.0
        t_end = _circle_entry(p, (q[0] - p[0], q[1] - p[1]), (target.cx, target.cy), target.r) or 1.0
    t_start = 1 - t_back
    if t_start >= t_end:
        t_start = t_end = 0.5

    def at(t: float) -> Point:
        return p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t

    return at(t_start), at(t_end)


def _crosses(box: Box, a: Point, b: Point) -> bool:
    return _box_entry(a, (b[0] - a[0], b[1] - a[1]), box) is not None


def place_edge_label(
    start: Point,
    end: Point,
    text: str,
    font_size: float,
    *,
    obstacles: Sequence[Box],
    bounds: Box,
    segments: Sequence[tuple[Point, Point]] = (),
) -> Box:
    """A box for an edge's label beside the segment start→end: at its midpoint, just clear of
    the line on one side, else the other, else on the line itself (its white box then breaks
    the line), moved along the edge (`LABEL_STOPS`) while it would overlap an obstacle, leave
    `bounds` or cross another of `segments`. The first candidate that does none of these;
    failing that, the one with the least overlap, then the fewest crossings, then the first."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = math.hypot(dx, dy)
    ux, uy = (dx / length, dy / length) if length else (1.0, 0.0)
    nx, ny = -uy, ux
    if ny > 0 or (ny == 0 and nx < 0):  # the first side tried is above (or right of) the line
        nx, ny = -nx, -ny
    half = edge_label_box((0.0, 0.0), text, font_size)
    clear = abs(nx) * half.x1 + abs(ny) * half.y1 + 1.0  # centre to line when the box just clears it
    best: tuple[float, int, int] | None = None
    best_box = half
    order = 0
    for t in LABEL_STOPS:
        mx, my = start[0] + dx * t, start[1] + dy * t
        for side in (1.0, -1.0, 0.0):
            box = edge_label_box((mx + side * nx * clear, my + side * ny * clear), text, font_size)
            hard = sum(box.overlap(o) for o in obstacles) + box.outside(bounds)
            crossings = sum(_crosses(box, a, b) for a, b in segments) if hard == 0 else 0
            score = (hard, crossings, order)
            order += 1
            if best is None or score < best:
                best, best_box = score, box
            if hard == 0 and crossings == 0:
                return best_box
    return best_box


def layout_edges(
    nodes: Mapping[str, NodeShape],
    edges: Sequence[tuple[str, str, str | None]],
    *,
    font_size: float,
    bounds: Box,
    avoid: Sequence[Box] = (),
) -> list[EdgeShape]:
    """Each edge (head, tail, label or None) as drawn: edges joining the same two nodes spread
    side by side, every segment clipped to the shapes of its ends, labels placed in order with
    `place_edge_label` clear of every node, of `avoid` and of the labels placed before them."""
    pair_count: dict[frozenset[str], int] = {}
    for h, t, _ in edges:
        key = frozenset((h, t))
        pair_count[key] = pair_count.get(key, 0) + 1
    pair_seen: dict[frozenset[str], int] = {}
    segments: list[tuple[Point, Point]] = []
    for h, t, _ in edges:
        key = frozenset((h, t))
        i = pair_seen.get(key, 0)
        pair_seen[key] = i + 1
        a, b = nodes[h], nodes[t]
        lo, hi = (a, b) if h <= t else (b, a)  # the same side for A→B and B→A
        dx, dy = hi.cx - lo.cx, hi.cy - lo.cy
        length = math.hypot(dx, dy) or 1.0
        shift = (i - (pair_count[key] - 1) / 2) * PARALLEL_SPACING
        ox, oy = -dy / length * shift, dx / length * shift
        segments.append(clip_edge((a.cx + ox, a.cy + oy), (b.cx + ox, b.cy + oy), a, b))
    placed: list[Box] = []
    fixed = [box for n in nodes.values() for box in n.boxes] + list(avoid)
    out: list[EdgeShape] = []
    for (_, _, text), (s, e) in zip(edges, segments, strict=True):
        box = None
        if text is not None:
            others = [seg for seg in segments if seg != (s, e)]
            box = place_edge_label(
                s, e, text, font_size, obstacles=fixed + placed, bounds=bounds, segments=others
            )
            placed.append(box.grown(1.0))
        out.append(EdgeShape(s, e, box))
    return out


__all__ = [
    "Box",
    "EdgeShape",
    "NodeShape",
    "clip_edge",
    "edge_label_baseline",
    "edge_label_box",
    "entry",
    "layout_edges",
    "node_label_baseline",
    "node_shape",
    "place_edge_label",
    "text_width",
]
