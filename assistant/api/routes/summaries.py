"""POST /v1/leads/{id}/summary — the guarded lead summary."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import PrincipalDep, RequestIdDep, ServicesDep
from assistant.api.routes.leads import LeadId
from assistant.capabilities.lead_summary import summarize_lead

router = APIRouter(prefix="/v1/leads", tags=["assistant"])


class SummaryRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: Literal["en", "ar"] | None = Field(None, description="defaults to the user's language")
    max_activities: int = Field(12, ge=1, le=50)


class PointOut(BaseModel):
    text: str
    activity_ids: list[int]


class SummaryOut(BaseModel):
    lead_id: int
    title: str
    stage: str | None
    status: str | None
    value: str | None
    created_at: str | None
    closed_at: str | None
    owner: str | None
    branch: str | None
    needs: list[PointOut]
    blockers: list[PointOut]
    next_step: PointOut | None
    sentiment: str
    activities_considered: list[int]
    withheld_special: int
    receipt_id: str | None
    language: str
    requested_language: str | None = None
    labels: dict[str, str] = {}
    relevant_note_ids: list[int] = []
    injection_flagged: int = 0
    notes: list[str]


@router.post("/{lead_id}/summary", response_model=SummaryOut)
async def lead_summary(lead_id: LeadId, principal: PrincipalDep, services: ServicesDep,
                       request_id: RequestIdDep, response: Response,
                       body: SummaryRequest | None = None) -> Any:
    body = body or SummaryRequest()
    # The model call blocks (llama.cpp, HTTP): run it off the event loop.
    summary = await run_in_threadpool(
        summarize_lead, services=services, principal=principal, lead_id=lead_id, request_id=request_id,
        language=body.language or principal.language, max_activities=body.max_activities,
    )
    if summary.receipt_id:
        response.headers["X-Privacy-Receipt"] = summary.receipt_id
    return summary.as_dict()
