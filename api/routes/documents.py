"""Documents: listing and one document with its concept mentions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response, status

from api.deps import ApiKeyDep, DocumentId, LimitDep, SettingsDep, StoreDep
from api.responses import INVALID, KEY_NEEDED, STORE_DOWN, Responses
from api.schemas import (
    DocumentIn,
    DocumentInfoPublic,
    DocumentIngestedPublic,
    DocumentPublic,
    DocumentsPublic,
    ErrorPublic,
)
from kg.extraction import Extractor, load_extractor
from kg.model import DocumentInfo
from kg.sources import InputError, document_from_text

router = APIRouter(prefix="/documents", tags=["documents"])

UNKNOWN_DOCUMENT: Responses = {404: {"model": ErrorPublic}}
INGEST: Responses = {200: {"model": DocumentIngestedPublic}, 413: {"model": ErrorPublic}}


@router.get("", response_model=DocumentsPublic, responses=INVALID | STORE_DOWN)
def list_documents(
    store: StoreDep, limit: LimitDep, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0
) -> DocumentsPublic:
    docs = store.list_documents(offset=offset, limit=limit)
    return DocumentsPublic(
        data=[DocumentInfoPublic.from_model(d) for d in docs],
        count=len(docs),
        offset=offset,
        limit=limit,
        total=store.document_count(),
    )


@router.get("/{document_id}", response_model=DocumentPublic, responses=UNKNOWN_DOCUMENT | STORE_DOWN)
def get_document(store: StoreDep, document_id: DocumentId) -> DocumentPublic:
    doc = store.get_document(document_id)
    if doc is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"unknown document {document_id!r}")
    return DocumentPublic.from_model(doc, store.document_mentions(document_id))


def _extractor(request: Request) -> Extractor:
    """The extractor, loaded once per app on first ingest."""
    extractor = getattr(request.app.state, "extractor", None)
    if extractor is None:
        extractor = request.app.state.extractor = load_extractor()
    return extractor


@router.post(
    "",
    response_model=DocumentIngestedPublic,
    status_code=status.HTTP_201_CREATED,
    dependencies=[ApiKeyDep],
    responses=INGEST | KEY_NEEDED | INVALID | STORE_DOWN,
)
def ingest_document(
    request: Request, response: Response, store: StoreDep, settings: SettingsDep, body: DocumentIn
) -> DocumentIngestedPublic:
    """Extract one text and add it to the graph; the same text again changes nothing (200)."""
    if len(body.text.encode("utf-8")) > settings.max_file_bytes:
        raise HTTPException(413, detail=f"text is over the limit of {settings.max_file_bytes:,} bytes")
    try:
        doc = document_from_text(body.text, title=body.title, date=body.date, source=body.source or "api")
    except InputError as e:
        raise HTTPException(422, detail=str(e)) from None
    added = False
    if not store.has_document(doc.id):
        added = store.add(_extractor(request).extract(doc))
        store.flush()
    if not added:
        response.status_code = status.HTTP_200_OK
    stored = store.get_document(doc.id)
    if stored is None:
        raise HTTPException(500, detail="the document was not stored")
    info = DocumentInfo.of(stored, store.document_mentions(doc.id))
    return DocumentIngestedPublic(added=added, document=DocumentInfoPublic.from_model(info))


@router.delete(
    "/{document_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[ApiKeyDep],
    responses=UNKNOWN_DOCUMENT | KEY_NEEDED | STORE_DOWN,
)
def delete_document(store: StoreDep, document_id: DocumentId) -> Response:
    """Remove a document with its mentions, evidence and every edge only it supported."""
    if not store.delete_document(document_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"unknown document {document_id!r}")
    store.flush()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
