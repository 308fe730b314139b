"""Liveness and store statistics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import SettingsDep, StoreHolder
from api.schemas import HealthPublic, StatsPublic
from kg.store.base import StoreError

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthPublic, responses={503: {"model": HealthPublic}})
def health(request: Request, settings: SettingsDep) -> HealthPublic | JSONResponse:
    holder: StoreHolder = request.app.state.store_holder
    try:
        stats = holder.get().stats()
    except StoreError as exc:
        body = HealthPublic(status="unavailable", store=settings.store, detail=str(exc))
        return JSONResponse(body.model_dump(), status_code=503)
    return HealthPublic(status="ok", store=settings.store, stats=StatsPublic.from_model(stats))
