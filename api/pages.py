"""Jinja2 templates for the explorer pages (autoescaped)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi.templating import Jinja2Templates

from api.deps import MAX_NAME_CHARS
from kg.views.style import CATEGORY_LABELS, category_colour

TEMPLATE_DIR = Path(__file__).parent / "templates"

templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
templates.env.autoescape = True


def _url_part(value: str) -> str:
    """Percent-encode one path segment (concept names may hold '/', '?', '#')."""
    return quote(value, safe="")


templates.env.filters["urlpart"] = _url_part
templates.env.globals["category_colour"] = category_colour
templates.env.globals["category_labels"] = CATEGORY_LABELS
templates.env.globals["max_name_chars"] = MAX_NAME_CHARS  # the bound on every concept name or query
