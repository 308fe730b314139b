"""Concept maps as self-contained HTML pages, built with pyvis.

The page inlines vis-network (the copy that ships inside pyvis), so it opens
from disk or behind a firewall with no network access. All user text (concept
names, aliases, evidence sentences, titles) is escaped: page text through
Jinja2 autoescaping, node and edge data through `tojson` (which escapes
``<``, ``>``, ``&`` and quotes), and tooltips are plain strings that
vis-network shows with ``innerText``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from kg.model import SYMMETRIC_TYPES, Concept, Relation, RelationType
from kg.query import Subgraph
from kg.views.style import (
    CATEGORY_LABELS,
    RELATION_COLOURS,
    category_colour,
    relation_colour,
)

#: evidence sentences shown per edge tooltip
TOOLTIP_EVIDENCE = 3
#: characters of one evidence sentence in a tooltip
TOOLTIP_SENTENCE_CHARS = 160
# the smallest node label, in screen pixels, once a map is laid out and fitted: a large map fits
# at a zoom of about 0.2, which would draw 16-unit labels at 3 px (vis-network skips labels under
# its drawThreshold of 5 px), so the page grows every label by one factor to reach this size
MIN_LABEL_PX = 12

_TEMPLATES = Path(__file__).parent / "templates"
_VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


@dataclass(frozen=True, slots=True)
class Control:
    """A number field of the map's settings form (served pages only: the form reloads the page)."""

    name: str
    label: str
    value: int
    low: int
    high: int


@dataclass(frozen=True, slots=True)
class MapNode:
    id: str
    label: str
    category: str
    tooltip: str
    size: float
    highlight: bool = False
    group: int | None = None  # community number, when the map shows communities


@dataclass(frozen=True, slots=True)
class MapEdge:
    source: str
    target: str
    type: str
    tooltip: str
    directed: bool
    count: int
    cooccurrence: bool


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # pragma: no cover - packaging guard
        raise RuntimeError("vis-network assets cannot be inlined safely")
    return js, css


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def concept_tooltip(concept: Concept) -> str:
    lines = [concept.name, f"category: {concept.category}"]
    if concept.aliases:
        lines.append("aliases: " + "、".join(concept.aliases[:8]))
    if concept.members:
        lines.append("members: " + "、".join(concept.members))
    lines.append(f"mentions: {concept.mention_count} in {concept.document_count} document(s)")
    return "\n".join(lines)


def relation_tooltip(rel: Relation, names: Mapping[str, str]) -> str:
    head, tail = names.get(rel.head, rel.head), names.get(rel.tail, rel.tail)
    arrow = "—" if rel.type in SYMMETRIC_TYPES else "→"
    lines = [f"{head} —{rel.type}{arrow} {tail}"]
    if rel.type == RelationType.CO_OCCURS_WITH:
        pmi = f", PMI {rel.pmi:.2f}" if rel.pmi is not None else ""
        lines.append(f"co-mentioned in {rel.count} sentence(s){pmi}")
    else:
        lines.append(f"evidence: {rel.count} sentence(s)")
    if rel.position is not None:
        lines.append(f"member position: {rel.position}")
    for ev in rel.evidence[:TOOLTIP_EVIDENCE]:
        lines.append(f"「{_clip(ev.sentence, TOOLTIP_SENTENCE_CHARS)}」 ({ev.document_id})")
    return "\n".join(lines)


def node_size(mention_count: int, highlight: bool = False) -> float:
    size = 10.0 + 4.0 * math.log2(1 + max(mention_count, 0))
    return round(size * (1.5 if highlight else 1.0), 1)


def map_nodes(
    concepts: Iterable[Concept],
    *,
    highlight: Collection[str] = (),
    groups: Mapping[str, int] | None = None,
) -> list[MapNode]:
    out = []
    for c in concepts:
        hi = c.id in highlight
        group = groups.get(c.id) if groups is not None else None
        out.append(
            MapNode(
                c.id, c.name, str(c.category), concept_tooltip(c), node_size(c.mention_count, hi), hi, group
            )
        )
    return out


def map_edges(relations: Iterable[Relation], names: Mapping[str, str]) -> list[MapEdge]:
    out = []
    for r in relations:
        if r.head not in names or r.tail not in names:
            continue
        co = r.type == RelationType.CO_OCCURS_WITH
        out.append(
            MapEdge(
                r.head,
                r.tail,
                str(r.type),
                relation_tooltip(r, names),
                directed=r.type not in SYMMETRIC_TYPES,
                count=r.count,
                cooccurrence=co,
            )
        )
    return out


# Layout: forceAtlas2Based spreads clusters more evenly than barnesHut, and a centralGravity of
# 0.03 (three times its default) keeps loosely joined concepts from drifting to the edge, where they
# set the first fit's zoom and leave the rest in a dense centre. The page grows labels to
# MIN_LABEL_PX on screen after that fit, so an even spread is what keeps them apart. Overlapping
# label pairs on first view (tests/browser/labels.py, 3 runs each), barnesHut -> this:
# /views/communities 52, 103, 73 -> 29, 35, 35; /views/community/0 15, 11, 13 -> 1, 2, 2;
# /views/community/1 12, 10, 7 -> 3, 4, 5.
_OPTIONS: dict[str, Any] = {
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -80,
            "centralGravity": 0.03,
            "springLength": 100,
            "springConstant": 0.08,
            "avoidOverlap": 0.5,
        },
        "stabilization": {"enabled": True, "iterations": 300, "fit": True},
    },
    "nodes": {"shape": "dot", "font": {"size": 16, "face": "Noto Sans CJK SC, sans-serif"}},
    "edges": {"smooth": {"enabled": True, "type": "dynamic"}, "font": {"size": 11, "align": "middle"}},
}

# community colours (used instead of category colours when a map shows communities)
_GROUP_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)


def group_colour(group: int) -> str:
    return _GROUP_COLOURS[group % len(_GROUP_COLOURS)]


def _network(nodes: Sequence[MapNode], edges: Sequence[MapEdge], *, colour_by_group: bool) -> Network:
    net = Network(height="720px", width="100%", directed=True, cdn_resources="in_line")
    for n in nodes:
        colour = (
            group_colour(n.group) if colour_by_group and n.group is not None else category_colour(n.category)
        )
        net.add_node(
            n.id,
            label=n.label,
            title=n.tooltip,
            color={"background": colour, "border": "#222222" if n.highlight else colour},
            size=n.size,
            borderWidth=3 if n.highlight else 1,
            category=n.category,
            font={"size": 20 if n.highlight else 16},
        )
    for e in edges:
        if e.cooccurrence:
            net.add_edge(
                e.source,
                e.target,
                title=e.tooltip,
                color={"color": relation_colour(e.type), "opacity": 0.8},
                width=1,
                dashes=True,
                arrows="",
                relType=e.type,
            )
        else:
            net.add_edge(
                e.source,
                e.target,
                title=e.tooltip,
                label=e.type,
                color=relation_colour(e.type),
                width=round(1.5 + math.log2(max(e.count, 1)), 2),
                arrows="to" if e.directed else "",
                relType=e.type,
            )
    net.options = _OPTIONS  # a plain dict: pyvis serialises it with json.dumps
    return net


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(default=True))


def render_map(
    nodes: Sequence[MapNode],
    edges: Sequence[MapEdge],
    *,
    title: str,
    subtitle: str = "",
    link_base: str | None = None,
    nav: Sequence[tuple[str, str]] = (),
    colour_by_group: bool = False,
    height: str = "720px",
    controls: Sequence[Control] = (),
    hidden: Mapping[str, str] | None = None,
) -> str:
    """A self-contained HTML page drawing `nodes` and `edges` with vis-network."""
    net = _network(nodes, edges, colour_by_group=colour_by_group)
    vis_nodes, vis_edges, _heading, _height, _width, options = net.get_network_data()
    js, css = _vis_assets()
    if colour_by_group:
        groups = sorted({n.group for n in nodes if n.group is not None})
        node_legend = [(f"community {g}", group_colour(g)) for g in groups]
    else:
        present = {n.category for n in nodes}
        node_legend = [
            (label, category_colour(cat)) for cat, label in CATEGORY_LABELS.items() if cat in present
        ]
        node_legend += [(cat, category_colour(cat)) for cat in sorted(present - set(CATEGORY_LABELS))]
    types = {e.type for e in edges}
    edge_legend = [
        (t, colour, t == RelationType.CO_OCCURS_WITH) for t, colour in RELATION_COLOURS.items() if t in types
    ]
    return (
        _environment()
        .get_template("map.html")
        .render(
            title=title,
            subtitle=subtitle,
            nav=list(nav),
            link_base=link_base,
            nodes=vis_nodes,
            edges=vis_edges,
            map_edges=edges,
            options=Markup(options if isinstance(options, str) else json.dumps(options)),
            vis_js=Markup(js),
            vis_css=Markup(css),
            node_legend=node_legend,
            edge_legend=edge_legend,
            colour_by_group=colour_by_group,
            height=height,
            min_label_px=MIN_LABEL_PX,
            controls=list(controls),
            hidden=dict(hidden or {}),
        )
    )


def render_graph_map(
    concepts: Sequence[Concept],
    relations: Sequence[Relation],
    *,
    title: str,
    subtitle: str = "",
    highlight: Collection[str] = (),
    groups: Mapping[str, int] | None = None,
    link_base: str | None = None,
    nav: Sequence[tuple[str, str]] = (),
    controls: Sequence[Control] = (),
    hidden: Mapping[str, str] | None = None,
) -> str:
    """A map of any set of concepts and the relations among them."""
    names = {c.id: c.name for c in concepts}
    return render_map(
        map_nodes(concepts, highlight=highlight, groups=groups),
        map_edges(relations, names),
        title=title,
        subtitle=subtitle,
        link_base=link_base,
        nav=nav,
        colour_by_group=groups is not None,
        controls=controls,
        hidden=hidden,
    )


def render_concept_map(
    subgraph: Subgraph,
    *,
    title: str,
    subtitle: str = "",
    link_base: str | None = None,
    nav: Sequence[tuple[str, str]] = (),
    controls: Sequence[Control] = (),
    hidden: Mapping[str, str] | None = None,
) -> str:
    """The neighbourhood map of one concept (its centre highlighted) as a self-contained HTML page.

    Nodes are coloured by category (legend at the side), typed edges carry their
    relation type as label and colour, co-occurrence edges are thin, grey and
    dashed; tooltips show categories, aliases, counts and evidence sentences.
    `link_base`, when given, makes a double-click open `link_base + name`.
    """
    if not subtitle:
        subtitle = (
            f"{len(subgraph.nodes)} concepts, {len(subgraph.edges)} relations around {subgraph.center.name}"
        )
    return render_graph_map(
        subgraph.nodes,
        subgraph.edges,
        title=title,
        subtitle=subtitle,
        highlight={subgraph.center.id},
        link_base=link_base,
        nav=nav,
        controls=controls,
        hidden=hidden,
    )
