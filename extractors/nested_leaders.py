"""A leading body named at the start of a concept's name (pure).

``中国共产党领导的多党合作和政治协商制度`` names two concepts: the system, and the body that
leads it, 中国共产党, which GUIDES the system (GUIDELINES.md: GUIDES, "head guides, leads or
commands tail"). The body must be an organization the lexicon knows, so a name that only
reads like one (人民群众领导的…) adds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from extractors.lexicon import Lexicon, normal_form
from extractors.sentences import spans_by_sentence
from extractors.spans import ConceptSpan, FoundRelation
from kg.model import Category, RelationType

#: what follows the leading body inside the name
LED_BY = "领导的"


def organization_names(lexicon: Lexicon) -> dict[str, str]:
    """Every surface form (name or alias, normalised) of the lexicon's organizations -> its name."""
    return {
        surface: name
        for surface, name in lexicon.surfaces.items()
        if lexicon.entries[name].category is Category.ORGANIZATION
    }


def nested_leaders(
    text: str,
    sentences: Sequence[tuple[int, int]],
    spans: Sequence[ConceptSpan],
    organizations: Mapping[str, str],
) -> tuple[list[ConceptSpan], list[tuple[int, FoundRelation]]]:
    """The leading bodies (`organizations`: surface -> name, as organization_names gives)
    named inside concept spans (new spans) and their GUIDES relations, each with the index of
    its sentence."""
    taken = {(c.start, c.end) for c in spans}
    new_spans: list[ConceptSpan] = []
    found: list[tuple[int, FoundRelation]] = []
    for k, group in spans_by_sentence(sentences, spans).items():
        for c in group:
            surface = text[c.start : c.end]
            cut = surface.find(LED_BY)
            if cut < 2 or cut + len(LED_BY) == len(surface):
                continue
            name = organizations.get(normal_form(surface[:cut]))
            if name is None or name == c.name:
                continue
            if (c.start, c.start + cut) not in taken:
                taken.add((c.start, c.start + cut))
                new_spans.append(
                    ConceptSpan(c.start, c.start + cut, surface[:cut], name, Category.ORGANIZATION)
                )
            found.append((k, FoundRelation(name, RelationType.GUIDES, c.name)))
    return new_spans, found
