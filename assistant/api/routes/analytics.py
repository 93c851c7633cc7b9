"""POST /v1/analytics/ask — analytics questions answered by code (a table, a chart, the plan)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from assistant.analytics.service import ask, config_from_settings
from assistant.analytics.validate import scope_from_datascope
from assistant.capabilities.authorize import authorize, refusal_error
from assistant.capabilities.context import RequestTrace, audit
from guardrails.scopes import Task
from assistant.api.deps import PrincipalDep, RequestIdDep, ServicesDep

router = APIRouter(prefix="/v1/analytics", tags=["analytics"])


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Long questions are answered with a clear refusal by the capability, not a 422: the body limit
    # of the app (max_body_bytes) is the hard wall.
    question: str = Field(..., max_length=100_000)
    language: Literal["en", "ar"] | None = Field(None, description="defaults to the question's language")
    conversation_id: str | None = Field(None, max_length=100, pattern=r"^[A-Za-z0-9_.:\-]+$")


class AnswerOut(BaseModel):
    kind: Literal["answer", "clarification", "refusal"]
    language: str
    text: str
    reason: str | None
    columns: list[str]
    column_labels: list[str]
    rows: list[list[Any]]
    chart: dict[str, Any] | None
    plan: dict[str, Any] | None
    plan_text: str | None
    source: str | None
    receipt_id: str | None
    narration: str | None
    suppressed_groups: int
    truncated: bool
    options: list[str]


@router.post("/ask", response_model=AnswerOut)
async def ask_analytics(body: AskRequest, principal: PrincipalDep, services: ServicesDep,
                        request_id: RequestIdDep, response: Response) -> Any:
    answer = await run_in_threadpool(
        _gated_ask, services=services, principal=principal, question=body.question, request_id=request_id,
        language=body.language, conversation_id=body.conversation_id,
    )
    if answer.receipt_id:
        response.headers["X-Privacy-Receipt"] = answer.receipt_id
    return answer.as_dict()


def _gated_ask(*, services, principal, question: str, request_id: str, language: str | None,
               conversation_id: str | None):
    """The tenant's scope decides first (capability, metrics, dimensions, branches); refused → audited 403."""
    decision, datascope = authorize(services, principal, Task("analytics"))
    if not decision.allowed:
        trace = RequestTrace(principal=principal, capability="analytics", request_id=request_id)
        trace.scope_version = decision.scope_version
        audit(services, trace, outcome="refused", reason=decision.policy_id)
        raise refusal_error(decision, language or principal.language)
    return ask(services=services, principal=principal, question=question, request_id=request_id,
               scope=scope_from_datascope(datascope), datascope=datascope, language=language,
               config=config_from_settings(services.settings), conversation_id=conversation_id)
