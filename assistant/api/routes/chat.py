"""POST /v1/chat — one message of a conversation; `stream: true` answers as server-sent events."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import PrincipalDep, RequestIdDep, ServicesDep
from assistant.capabilities.chat import prepare_chat, run_chat
from assistant.capabilities.chat_stream import stream_chat

router = APIRouter(prefix="/v1/chat", tags=["assistant"])


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_id: str | None = Field(None, max_length=100)
    # The 1..8000 character rule is checked by the capability so that the refusal is audited;
    # the app's body limit is the hard wall.
    message: str
    lead_id: int | None = Field(None, ge=1, le=2**31 - 1)
    stream: bool = False


class ChatOut(BaseModel):
    conversation_id: str
    capability: str
    text: str
    lead_id: int | None
    route_source: str
    data: dict[str, Any] | None
    receipt_id: str | None
    notes: list[str]
    refused: bool
    reason: str | None


@router.post("", response_model=ChatOut)
async def chat(body: ChatRequest, principal: PrincipalDep, services: ServicesDep, request_id: RequestIdDep,
               response: Response) -> Any:
    # Validation, conversation ownership and routing happen before any answer starts, so their
    # refusals are ordinary HTTP errors, also when streaming.
    prepared = await run_in_threadpool(
        prepare_chat, services=services, principal=principal, message=body.message, request_id=request_id,
        conversation_id=body.conversation_id, lead_id=body.lead_id,
    )
    if body.stream:
        answer = None
        if not (prepared.route.capability == "lead_question" and prepared.ctx is not None):
            answer = await run_in_threadpool(run_chat, prepared)
        headers = {"Cache-Control": "no-store", "X-Conversation-Id": prepared.conversation_id}
        return StreamingResponse(stream_chat(prepared, answer), media_type="text/event-stream", headers=headers)
    answer = await run_in_threadpool(run_chat, prepared)
    response.headers["X-Conversation-Id"] = answer.conversation_id
    if answer.receipt_id:
        response.headers["X-Privacy-Receipt"] = answer.receipt_id
    return answer.as_dict()
