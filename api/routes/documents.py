"""Documents: listing and one document with its concept mentions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from api.deps import ApiKeyDep, DocumentId, LimitDep, StoreDep
from api.schemas import DocumentInfoPublic, DocumentPublic, DocumentsPublic, ErrorPublic

router = APIRouter(prefix="/documents", tags=["documents"], dependencies=[ApiKeyDep])


@router.get("", response_model=DocumentsPublic)
def list_documents(
    store: StoreDep, limit: LimitDep, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0
) -> DocumentsPublic:
    docs = store.list_documents(offset=offset, limit=limit)
    return DocumentsPublic(
        data=[DocumentInfoPublic.from_model(d) for d in docs], count=len(docs), offset=offset, limit=limit
    )


@router.get("/{document_id}", response_model=DocumentPublic, responses={404: {"model": ErrorPublic}})
def get_document(store: StoreDep, document_id: DocumentId) -> DocumentPublic:
    doc = store.get_document(document_id)
    if doc is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"unknown document {document_id!r}")
    return DocumentPublic.from_model(doc, store.document_mentions(document_id))
