"""Trainer lesson maps: save a named selection as self-contained HTML + SVG; list and fetch them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, status
from fastapi import Path as FPath
from fastapi.responses import FileResponse

from api.deps import ApiKeyDep, SettingsDep, StoreDep
from api.schemas import LessonMapIn, LessonMapPublic, LessonMapsPublic
from kg.lesson_map import build_lesson_map, save_lesson_map

router = APIRouter(prefix="/maps", tags=["maps"])

MEDIA = {".html": "text/html; charset=utf-8", ".svg": "image/svg+xml"}


def maps_dir(data_dir: Path) -> Path:
    return data_dir / "maps"


def _public(html: Path, concepts: int = 0, relations: int = 0) -> LessonMapPublic:
    stem = html.stem
    return LessonMapPublic(
        name=stem,
        file=html.name,
        html_url=f"/maps/{quote(stem)}.html",
        svg_url=f"/maps/{quote(stem)}.svg",
        concepts=concepts,
        relations=relations,
    )


@router.post(
    "", response_model=LessonMapPublic, status_code=status.HTTP_201_CREATED, dependencies=[ApiKeyDep]
)
def create_map(store: StoreDep, settings: SettingsDep, body: LessonMapIn) -> LessonMapPublic:
    """Save the concepts (names or aliases) and the relations among them as NAME.html and NAME.svg."""
    lm = build_lesson_map(store, body.name, body.concepts, include_cooccurrence=body.cooccurrence)
    saved = save_lesson_map(lm, maps_dir(settings.data_dir))
    out = _public(saved.html, len(lm.concepts), len(lm.relations))
    return out.model_copy(update={"name": lm.name})


@router.get("", response_model=LessonMapsPublic)
def list_maps(settings: SettingsDep) -> LessonMapsPublic:
    folder = maps_dir(settings.data_dir)
    files = sorted(folder.glob("*.html")) if folder.is_dir() else []
    return LessonMapsPublic(data=[_public(p) for p in files[:500]], count=len(files))


@router.get("/{file}", response_class=FileResponse)
def get_map_file(
    settings: SettingsDep, file: Annotated[str, FPath(min_length=1, max_length=100)]
) -> FileResponse:
    folder = maps_dir(settings.data_dir).resolve()
    path = (folder / file).resolve()
    if path.parent != folder or path.suffix not in MEDIA or not path.is_file():
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no saved map file {file!r}")
    return FileResponse(path, media_type=MEDIA[path.suffix])
