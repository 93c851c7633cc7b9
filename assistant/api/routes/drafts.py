"""POST /v1/drafts — a message draft (email, WhatsApp, SMS) for the contact of one lead."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import PrincipalDep, RequestIdDep, ServicesDep
from assistant.capabilities.context import RequestTrace, audit
from assistant.capabilities.drafts import draft_message
from guardrails.errors import InvalidInput

router = APIRouter(prefix="/v1/drafts", tags=["assistant"])

MAX_GOAL_CHARS = 300


class DraftRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lead_id: int = Field(ge=1, le=2**31 - 1)
    channel: Literal["email", "whatsapp", "sms"]
    language: Literal["en", "ar"] | None = Field(None, description="defaults to the user's language")
    tone: Literal["formal", "friendly", "short"] = "formal"
    goal: str = Field("follow_up", description="follow_up | meeting | offer | payment_reminder | thank_you, "
                                               "or free text (max 300 characters)")


class DraftOut(BaseModel):
    lead_id: int
    channel: str
    language: str
    tone: str
    goal: str
    subject: str | None
    body: str
    to: str
    generated_by: Literal["model", "template"]
    limit: int
    truncated: bool
    receipt_id: str | None
    injection_flagged: int
    notes: list[str]


@router.post("", response_model=DraftOut)
async def create_draft(body: DraftRequest, principal: PrincipalDep, services: ServicesDep,
                       request_id: RequestIdDep, response: Response) -> Any:
    goal = body.goal.strip()
    if not goal or len(goal) > MAX_GOAL_CHARS:
        # Checked here rather than by the schema so that the refusal is audited with the principal.
        audit(services, RequestTrace(principal=principal, capability="message_draft", request_id=request_id),
              outcome="refused", reason="invalid_goal")
        raise InvalidInput("The goal must be 1 to 300 characters.",
                           details=[{"path": "body.goal", "message": "must be 1 to 300 characters",
                                     "type": "string_length"}])
    draft = await run_in_threadpool(
        draft_message, services=services, principal=principal, lead_id=body.lead_id, channel=body.channel,
        language=body.language or (principal.language if principal.language in ("en", "ar") else "en"), tone=body.tone, goal=goal, request_id=request_id,
    )
    if draft.receipt_id:
        response.headers["X-Privacy-Receipt"] = draft.receipt_id
    return draft.as_dict()
