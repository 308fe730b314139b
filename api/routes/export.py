"""Whole-graph downloads: GraphML, GEXF (Gephi), JSON, CSV (zip)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from api.deps import StoreDep
from kg.export import MEDIA_TYPES, SUFFIXES, write_export

router = APIRouter(prefix="/export", tags=["export"])


@router.get("/{fmt}", response_class=FileResponse)
def export(store: StoreDep, fmt: Literal["graphml", "gexf", "json", "csv"]) -> FileResponse:
    """The whole graph with stable ids and evidence (csv: a zip of four tables)."""
    folder = Path(tempfile.mkdtemp(prefix="kg-export-"))
    path = write_export(store, fmt, folder / f"policy-kg{SUFFIXES[fmt]}")
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[fmt],
        filename=path.name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
