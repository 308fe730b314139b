"""Trainer lesson maps: a named selection of concepts saved as a self-contained HTML page
(opens from disk with no server) and a static SVG image for slides and print.

`build_lesson_map` reads the store, `replaced_by_saving` the files a save would replace;
`lesson_map_svg`, `svg_summary`, `spring_positions` and `safe_filename` are pure.
"""

from __future__ import annotations

import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx

from kg.model import SYMMETRIC_TYPES, Concept, Relation, RelationType
from kg.query import InvalidQuery, resolve
from kg.store.base import GraphStore
from kg.views.graphs import edges_among
from kg.views.pyvis_map import render_graph_map
from kg.views.style import CATEGORY_LABELS, category_colour, relation_colour
from kg.views.svg_layout import Box, edge_label_baseline, layout_edges, node_label_baseline, node_shape

MAX_CONCEPTS = 60
FONTS = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"
SEED = 7
NODE_FONT = 15
EDGE_FONT = 11


@dataclass(frozen=True, slots=True)
class LessonMap:
    name: str
    concepts: tuple[Concept, ...]
    relations: tuple[Relation, ...]


@dataclass(frozen=True, slots=True)
class LessonMapSummary:
    """What a saved map shows: its name and how many concepts and relations."""

    name: str
    concepts: int
    relations: int


@dataclass(frozen=True, slots=True)
class SavedLessonMap:
    name: str
    html: Path
    svg: Path


def build_lesson_map(
    store: GraphStore, name: str, concept_names: Sequence[str], *, include_cooccurrence: bool = False
) -> LessonMap:
    """The chosen concepts (names or aliases; unknown ones raise ConceptNotFound with suggestions)
    and every relation among them."""
    if not name.strip():
        raise InvalidQuery("a lesson map needs a name")
    distinct = list(dict.fromkeys(concept_names))  # a repeated name counts once
    if not 1 <= len(distinct) <= MAX_CONCEPTS:
        raise InvalidQuery(f"a lesson map holds 1 to {MAX_CONCEPTS} distinct concepts, got {len(distinct)}")
    chosen: dict[str, Concept] = {}
    for n in distinct:
        c = resolve(store, n)
        chosen.setdefault(c.id, c)
    types = None if include_cooccurrence else [t for t in RelationType if t != RelationType.CO_OCCURS_WITH]
    relations = edges_among(store, list(chosen), types=types, max_evidence=2)
    return LessonMap(name.strip(), tuple(chosen.values()), tuple(relations))


def lesson_map_html(lm: LessonMap) -> str:
    return render_graph_map(
        lm.concepts,
        lm.relations,
        title=lm.name,
        subtitle=f"{len(lm.concepts)} concepts, {len(lm.relations)} relations",
    )


def spring_positions(
    nodes: Sequence[str], edges: Sequence[tuple[str, str]], *, seed: int = SEED
) -> dict[str, tuple[float, float]]:
    """A deterministic spring layout in [0, 1] x [0, 1]."""
    if not nodes:
        return {}
    if len(nodes) == 1:
        return {nodes[0]: (0.5, 0.5)}
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    pos = nx.spring_layout(g, seed=seed, iterations=200)
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {n: ((float(pos[n][0]) - min(xs)) / span_x, (float(pos[n][1]) - min(ys)) / span_y) for n in nodes}


def _radius(c: Concept) -> float:
    return 8.0 + 3.0 * math.log2(1 + c.mention_count)


def lesson_map_svg(
    lm: LessonMap,
    *,
    width: int = 1200,
    height: int = 800,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> str:
    """The map as a standalone SVG (escaped text, CJK-capable font stack, legend). Edges stop
    at the circle or name box of the nodes they join, so arrowheads touch a name instead of
    covering it; edge labels sit beside their edge, clear of nodes and of each other where
    the room allows (geometry in `kg.views.svg_layout`). The same map gives the same bytes."""
    margin, legend_w = 70, 210
    pos = positions or spring_positions([c.id for c in lm.concepts], [(r.head, r.tail) for r in lm.relations])
    plot_w = width - legend_w - 2 * margin
    plot_h = height - 2 * margin - 40

    def xy(cid: str) -> tuple[float, float]:
        x, y = pos[cid]
        return margin + x * plot_w, margin + 40 + y * plot_h

    by_id = {c.id: c for c in lm.concepts}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONTS}">',
        f"<title>{escape(lm.name)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{margin}" y="{margin - 20}" font-size="26" font-weight="bold">{escape(lm.name)}</text>',
    ]
    shapes = {c.id: node_shape(*xy(c.id), _radius(c), c.name, NODE_FONT) for c in lm.concepts}
    drawn = [r for r in lm.relations if r.head in by_id and r.tail in by_id]
    edges = layout_edges(
        shapes,
        [(r.head, r.tail, None if r.type == RelationType.CO_OCCURS_WITH else str(r.type)) for r in drawn],
        font_size=EDGE_FONT,
        bounds=Box(4, margin, width - legend_w, height - 4),
    )
    for r, e in zip(drawn, edges, strict=True):
        co = r.type == RelationType.CO_OCCURS_WITH
        attrs = f'stroke="{relation_colour(r.type)}" stroke-width="{1 if co else 2}"'
        if co:
            attrs += ' stroke-dasharray="4 3"'
        if r.type not in SYMMETRIC_TYPES:
            attrs += ' marker-end="url(#arrow)"'
        (sx, sy), (ex, ey) = e.start, e.end
        out.append(f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" {attrs}/>')
    for r, e in zip(drawn, edges, strict=True):  # labels above every line
        if e.label is not None:
            b = e.label
            out.append(
                f'<rect x="{b.x0:.1f}" y="{b.y0:.1f}" width="{b.width:.1f}" height="{b.height:.1f}" '
                f'rx="2" fill="#ffffff" fill-opacity="0.85" stroke="{relation_colour(r.type)}" '
                'stroke-width="0.8"/>'
            )
            out.append(
                f'<text x="{b.centre[0]:.1f}" y="{edge_label_baseline(b, EDGE_FONT):.1f}" '
                f'font-size="{EDGE_FONT}" fill="#444" text-anchor="middle">{escape(str(r.type))}</text>'
            )
    for c in lm.concepts:
        n = shapes[c.id]
        b = n.label
        out.append(
            f'<circle cx="{n.cx:.1f}" cy="{n.cy:.1f}" r="{n.r:.1f}" fill="{category_colour(c.category)}" '
            f'stroke="#333" stroke-width="1"><title>{escape(c.name)}</title></circle>'
        )
        out.append(
            f'<rect x="{b.x0:.1f}" y="{b.y0:.1f}" width="{b.width:.1f}" height="{b.height:.1f}" '
            'rx="3" fill="#ffffff" fill-opacity="0.85"/>'
        )
        out.append(
            f'<text x="{n.cx:.1f}" y="{node_label_baseline(n, NODE_FONT):.1f}" font-size="{NODE_FONT}" '
            f'text-anchor="middle">{escape(c.name)}</text>'
        )
    lx, ly = width - legend_w + 10, margin + 40
    out.append(f'<text x="{lx}" y="{ly}" font-size="14" font-weight="bold">类别 categories</text>')
    present = {str(c.category) for c in lm.concepts}
    for cat, label in CATEGORY_LABELS.items():
        if cat in present:
            ly += 22
            out.append(f'<circle cx="{lx + 7}" cy="{ly - 5}" r="7" fill="{category_colour(cat)}"/>')
            out.append(f'<text x="{lx + 20}" y="{ly}" font-size="13">{escape(label)}</text>')
    types = sorted({str(r.type) for r in lm.relations})
    if types:
        ly += 34
        out.append(f'<text x="{lx}" y="{ly}" font-size="14" font-weight="bold">关系 relations</text>')
        for t in types:
            ly += 22
            out.append(
                f'<line x1="{lx}" y1="{ly - 5}" x2="{lx + 16}" y2="{ly - 5}" stroke="{relation_colour(t)}" '
                'stroke-width="3"/>'
            )
            out.append(f'<text x="{lx + 22}" y="{ly}" font-size="13">{escape(t)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def svg_summary(svg: str) -> LessonMapSummary | None:
    """The name and counts of a map from its `lesson_map_svg` image; None when it is not one.
    The name is the SVG's title; concepts are the circles with a title (legend dots have none);
    relations are the lines drawn before the first circle (legend lines come after)."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return None
    ns = "{http://www.w3.org/2000/svg}"
    title = root.find(f"{ns}title")
    if title is None or not title.text:
        return None
    concepts = relations = 0
    for el in root:
        if el.tag == f"{ns}circle" and el.find(f"{ns}title") is not None:
            concepts += 1
        elif el.tag == f"{ns}line" and not concepts:
            relations += 1
    return LessonMapSummary(title.text, concepts, relations)


_UNSAFE = re.compile(r"[^\w\u3400-\u9fff-]+")


def safe_filename(name: str, max_chars: int = 80) -> str:
    """A file name from a map name: letters, digits, CJK, '-' and '_' kept, the rest '_'."""
    text = unicodedata.normalize("NFC", name).strip()
    slug = _UNSAFE.sub("_", text).strip("._")[:max_chars]
    return slug or "map"


def saved_svg_summary(path: Path) -> LessonMapSummary | None:
    """`svg_summary` of a saved map's SVG file; None when it cannot be read or is no lesson map."""
    try:
        return svg_summary(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
        return None


def replaced_by_saving(name: str, folder: Path, stem: str) -> str | None:
    """What saving the map `name` as `<stem>.html` and `.svg` in `folder` would destroy: the files
    of a map with another name (names with the same `safe_filename`: "民主课?", "民主课!"), or files
    that are not a lesson map (as far as the SVG tells); None when there are none or they hold the
    map `name` itself (saving a name again replaces its map)."""
    html, svg = folder / f"{stem}.html", folder / f"{stem}.svg"
    if not html.exists() and not svg.exists():
        return None
    held = saved_svg_summary(svg)
    existing = [p for p in (html, svg) if p.exists()]
    files = " and ".join(str(p) for p in existing)
    both = len(existing) == 2
    if held is None:
        return f"{files} {'exist and are' if both else 'exists and is'} not a lesson map"
    if held.name != name:
        return f"{files} {'hold' if both else 'holds'} the map {held.name!r}"
    return None


def save_lesson_map(lm: LessonMap, folder: Path, *, stem: str | None = None) -> SavedLessonMap:
    """Write `<stem>.html` (self-contained) and `<stem>.svg` into `folder`; the stem defaults
    to `safe_filename(name)`."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = stem or safe_filename(lm.name)
    html_path, svg_path = folder / f"{stem}.html", folder / f"{stem}.svg"
    html_path.write_text(lesson_map_html(lm), encoding="utf-8")
    svg_path.write_text(lesson_map_svg(lm), encoding="utf-8")
    return SavedLessonMap(lm.name, html_path, svg_path)


__all__ = [
    "LessonMap",
    "LessonMapSummary",
    "SavedLessonMap",
    "build_lesson_map",
    "lesson_map_html",
    "lesson_map_svg",
    "replaced_by_saving",
    "safe_filename",
    "save_lesson_map",
    "saved_svg_summary",
    "spring_positions",
    "svg_summary",
]
