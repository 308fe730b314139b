"""The extractor contract, and how kg finds the installed extractor.

`kg` never imports `extractors` (imports flow api -> kg <- extractors): the
extractor registers itself under the entry-point group `policy_kg.extractors`
(see pyproject.toml) and `load_extractor` finds it by name.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from kg.model import Document, DocumentExtraction

EXTRACTOR_GROUP = "policy_kg.extractors"


@runtime_checkable
class Extractor(Protocol):
    """Turns one document into its per-document facts."""

    name: str  # e.g. "policy-rules/1"

    def extract(self, document: Document) -> DocumentExtraction: ...


class ExtractorNotFound(LookupError):
    pass


def load_extractor(name: str = "default") -> Extractor:
    """Instantiate the extractor registered under `name`."""
    found = [ep for ep in entry_points(group=EXTRACTOR_GROUP) if ep.name == name]
    if not found:
        names = sorted(ep.name for ep in entry_points(group=EXTRACTOR_GROUP))
        raise ExtractorNotFound(
            f"no extractor named {name!r} is installed (installed: {names or 'none'}); "
            "install the project with `pip install -e .`"
        )
    factory = found[0].load()
    extractor = factory()
    if not isinstance(extractor, Extractor):
        raise TypeError(f"{found[0].value} does not implement kg.extraction.Extractor")
    return extractor
