"""Colours and labels shared by every map, legend and static image."""

from __future__ import annotations

from kg.model import Category, RelationType

CATEGORY_COLOURS: dict[str, str] = {
    Category.SYSTEM: "#4e79a7",
    Category.IDEA: "#f28e2b",
    Category.FORMULA: "#e15759",
    Category.PRACTICE: "#59a14f",
    Category.ORGANIZATION: "#b07aa1",
    Category.EVENT: "#edc948",
    Category.PERSON: "#9c755f",
}
UNKNOWN_COLOUR = "#bab0ac"

CATEGORY_LABELS: dict[str, str] = {
    Category.SYSTEM: "制度 system",
    Category.IDEA: "理念 idea",
    Category.FORMULA: "提法 formula",
    Category.PRACTICE: "实践 practice",
    Category.ORGANIZATION: "组织 organization",
    Category.EVENT: "事件 event",
    Category.PERSON: "人物 person",
}

RELATION_COLOURS: dict[str, str] = {
    RelationType.CARRIER_OF: "#1f77b4",
    RelationType.GUARANTEES: "#2ca02c",
    RelationType.GUIDES: "#d62728",
    RelationType.ESSENTIAL_FEATURE_OF: "#9467bd",
    RelationType.PART_OF: "#8c564b",
    RelationType.UNIFIED_WITH: "#e377c2",
    RelationType.PROMOTES: "#17becf",
    RelationType.EMBODIES: "#bcbd22",
    RelationType.TRANSFORMS_INTO: "#ff7f0e",
    RelationType.HAS_MEMBER: "#7f7f7f",
    RelationType.CO_OCCURS_WITH: "#c8c8c8",
}


def category_colour(category: str) -> str:
    return CATEGORY_COLOURS.get(category, UNKNOWN_COLOUR)


def relation_colour(rel_type: str) -> str:
    return RELATION_COLOURS.get(rel_type, "#999999")
