"""Trainer lesson maps: save a named selection as self-contained HTML + SVG; list and fetch them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, status
from fastapi import Path as FPath
from fastapi.responses import FileResponse

from api.deps import ApiKeyDep, SettingsDep, StoreDep
from api.lesson_maps import MapNameClash, maps_dir, save, saved_maps
from api.responses import INVALID, KEY_NEEDED, STORE_DOWN, UNKNOWN_CONCEPT, binary
from api.schemas import ErrorPublic, LessonMapIn, LessonMapPublic, LessonMapsPublic
from kg.lesson_map import LessonMapSummary, build_lesson_map

router = APIRouter(prefix="/maps", tags=["maps"])

MEDIA = {".html": "text/html; charset=utf-8", ".svg": "image/svg+xml"}


def _public(stem: str, found: LessonMapSummary | None) -> LessonMapPublic:
    """A saved map; without a readable summary its file stem stands for the name, counts unknown."""
    return LessonMapPublic(
        name=found.name if found else stem,
        file=f"{stem}.html",
        html_url=f"/maps/{quote(stem)}.html",
        svg_url=f"/maps/{quote(stem)}.svg",
        concepts=found.concepts if found else None,
        relations=found.relations if found else None,
    )


@router.post(
    "",
    response_model=LessonMapPublic,
    status_code=status.HTTP_201_CREATED,
    dependencies=[ApiKeyDep],
    responses={409: {"model": ErrorPublic}} | UNKNOWN_CONCEPT | KEY_NEEDED | INVALID | STORE_DOWN,
)
def create_map(store: StoreDep, settings: SettingsDep, body: LessonMapIn) -> LessonMapPublic:
    """Save the concepts (names or aliases) and the relations among them as HTML and SVG files
    named after the map (its slug and a hash of the exact name); the same name again overwrites."""
    lm = build_lesson_map(store, body.name, body.concepts, include_cooccurrence=body.cooccurrence)
    try:
        stem, found = save(lm, maps_dir(settings.data_dir))
    except MapNameClash as e:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(e)) from None
    except OSError as e:  # a read-only or full data folder: the graph reads on, maps cannot be saved
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            detail=f"cannot save the map under {maps_dir(settings.data_dir)}: {e.strerror or e}",
        ) from None
    return _public(stem, found)


@router.get("", response_model=LessonMapsPublic, responses=STORE_DOWN)
def list_maps(store: StoreDep, settings: SettingsDep) -> LessonMapsPublic:
    # the maps live beside the graph: with the store unavailable (its folder gone, Neo4j down)
    # an empty list would be a wrong answer, so ask the store first (503 like every other read)
    store.document_count()
    maps, count = saved_maps(maps_dir(settings.data_dir))
    return LessonMapsPublic(data=[_public(stem, found) for stem, found in maps], count=count)


@router.get(
    "/{file}",
    response_class=FileResponse,
    responses=binary(*MEDIA.values(), description="the saved map: a page (.html) or a picture (.svg)")
    | {404: {"model": ErrorPublic, "description": "no saved map file of that name"}},
)
def get_map_file(
    settings: SettingsDep, file: Annotated[str, FPath(min_length=1, max_length=100)]
) -> FileResponse:
    path = _saved_file(maps_dir(settings.data_dir).resolve(), file)
    if path is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no saved map file {file!r}")
    return FileResponse(path, media_type=MEDIA[path.suffix])


def _saved_file(folder: Path, file: str) -> Path | None:
    """The saved map file `file` in `folder`; None for any other name: a path out of the folder,
    another suffix, a missing file, a NUL byte or a name too long for the file system."""
    try:
        path = (folder / file).resolve()
        if path.parent == folder and path.suffix in MEDIA and path.is_file():
            return path
    except (ValueError, OSError):
        pass
    return None
