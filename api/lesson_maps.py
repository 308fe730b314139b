"""The API's folder of lesson maps (`<data dir>/maps`): one file name per exact map name, and a
JSON sidecar per map with its name and counts for the listing.

A map named NAME is saved as `<slug>-<hash>.html`, `.svg` and `.json`: the readable
`safe_filename(NAME)` and a hash of the exact name, so names with the same slug ("第一课/民主",
"第一课 ‹民主>"; "...", "<<>>") never share a file. Saving the same name again overwrites it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import asdict
from pathlib import Path

from kg.lesson_map import LessonMap, LessonMapSummary, safe_filename, save_lesson_map, saved_svg_summary

HASH_CHARS = 10
MAX_SLUG_BYTES = 200  # file systems allow 255 bytes per name; the hash and suffix need 16
MAX_LISTED = 500
_saving = threading.Lock()


class MapNameClash(ValueError):
    """Another map name already holds the file this name would be saved as."""


def maps_dir(data_dir: Path) -> Path:
    return data_dir / "maps"


def file_stem(name: str) -> str:
    """The file name (without suffix) of the map named `name`: its slug and a hash of the name."""
    slug = safe_filename(name).encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", "ignore")
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:HASH_CHARS]
    return f"{slug}-{digest}"


def summary(folder: Path, stem: str) -> LessonMapSummary | None:
    """The saved map's name and counts: from its sidecar, else (a map saved before sidecars were
    kept) from its SVG; None when neither can be read."""
    try:
        data = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        return LessonMapSummary(str(data["name"]), int(data["concepts"]), int(data["relations"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return saved_svg_summary(folder / f"{stem}.svg")


def _name_at(folder: Path, stem: str) -> str | None:
    """The name of the map saved as `stem`, None when there is none (or it cannot be read)."""
    try:
        if not (folder / f"{stem}.html").is_file():
            return None
    except OSError:  # e.g. the plain slug of a long name is too long to be a file name
        return None
    found = summary(folder, stem)
    return found.name if found else None


def _stem_for(folder: Path, name: str) -> str:
    legacy = safe_filename(name)
    if _name_at(folder, legacy) == name:
        return legacy  # saved before file names carried a hash: re-saving overwrites it, as before
    stem = file_stem(name)
    held = _name_at(folder, stem)
    if held is not None and held != name:
        raise MapNameClash(f"the map {held!r} is saved as {stem}.html already; choose another name")
    return stem


def save(lm: LessonMap, folder: Path) -> tuple[str, LessonMapSummary]:
    """Save the map's HTML, SVG and sidecar; returns the file stem and the summary.
    MapNameClash when a different name holds the file."""
    found = LessonMapSummary(lm.name, len(lm.concepts), len(lm.relations))
    with _saving:
        stem = _stem_for(folder, lm.name)
        save_lesson_map(lm, folder, stem=stem)
        (folder / f"{stem}.json").write_text(json.dumps(asdict(found), ensure_ascii=False), encoding="utf-8")
    return stem, found


def saved_maps(folder: Path) -> tuple[list[tuple[str, LessonMapSummary | None]], int]:
    """The first MAX_LISTED saved maps by file name (stem, summary) and how many there are."""
    files = sorted(folder.glob("*.html")) if folder.is_dir() else []
    return [(p.stem, summary(folder, p.stem)) for p in files[:MAX_LISTED]], len(files)
