"""GET /v1/notes/search — semantic search over the CRM notes the user may see.

The tenant comes from the token only: the route takes `q` and `limit` and nothing else, and
the vector store is bound to `principal.tenant_id`. Results carry the note text read from the
CRM at query time (nothing is sent to a model). Every search leaves an audit record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from assistant.api.deps import PrincipalDep, RequestIdDep, ServicesDep
from assistant.capabilities.authorize import authorize, refusal_error
from assistant.capabilities.context import RequestTrace, audit
from assistant.services import Services
from connectors.vectors.notes import NoteSearch
from guardrails.principal import Principal
from guardrails.scopes import Task

router = APIRouter(prefix="/v1/notes", tags=["notes"])



def get_note_search(request: Request, services: ServicesDep) -> NoteSearch:
    """The process's NoteSearch (`services.note_search`); tests may put their own on app.state."""
    injected = getattr(request.app.state, "note_search", None)
    return injected if injected is not None else services.note_search


NoteSearchDep = Annotated[NoteSearch, Depends(get_note_search)]


class NoteOut(BaseModel):
    activity_id: int
    lead_id: int | None
    lead_title: str | None
    kind: str
    language: str
    occurred_at: datetime
    score: float
    text: str


class NoteSearchOut(BaseModel):
    items: list[NoteOut]
    count: int


def search_notes_for(*, services: Services, search: NoteSearch, principal: Principal, query: str,
                     limit: int, request_id: str) -> NoteSearchOut:
    trace = RequestTrace(principal=principal, capability="note_search", request_id=request_id)
    decision, scope = authorize(services, principal, Task("note_search"))
    trace.scope_version = decision.scope_version
    if not decision.allowed:
        audit(services, trace, outcome="refused", reason=decision.policy_id)
        raise refusal_error(decision, principal.language)
    try:
        hits = search.search(principal=principal, scope=scope, query=query, limit=limit)
    except Exception as exc:
        audit(services, trace, outcome="error", reason=str(getattr(exc, "code", type(exc).__name__)))
        raise
    trace.record_refs = [f"activity:{h.activity_id}" for h in hits]
    audit(services, trace, outcome="ok")
    items = [NoteOut(activity_id=h.activity_id, lead_id=h.lead_id, lead_title=h.lead_title, kind=h.kind,
                     language=h.language, occurred_at=h.occurred_at, score=h.score, text=h.text)
             for h in hits]
    return NoteSearchOut(items=items, count=len(items))


@router.get("/search", response_model=NoteSearchOut)
async def search_notes(
    principal: PrincipalDep,
    services: ServicesDep,
    request_id: RequestIdDep,
    search: NoteSearchDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="what to look for")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> NoteSearchOut:
    # Embedding and the vector query block: run them off the event loop.
    return await run_in_threadpool(search_notes_for, services=services, search=search, principal=principal,
                                   query=q, limit=limit, request_id=request_id)
