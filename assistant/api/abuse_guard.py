"""The API side of abuse detection: an ASGI middleware in front of the AI and lead routes.

It reads the verified token's identity, checks the question text (chat, analytics, drafts) and
counts distinct leads opened per user; a refusal is answered here (403, or 429 with `Retry-After`
while throttled) and audited as an `abuse_alert` event (follow-up refusals of a throttled burst as
`abuse_throttled`), which the tenant's admins read at GET /v1/admin/alerts.
"""

from __future__ import annotations

import json
import logging
import re
import uuid

import anyio
from sqlalchemy import select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from connectors.crm.models import Tenant
from guardrails.abuse import AbuseDetector, AbuseVerdict
from guardrails.audit import AuditEvent

log = logging.getLogger(__name__)

# (method, path pattern, body fields holding user text)
_TEXT_ROUTES = [
    ("POST", re.compile(r"^/v1/chat/?$"), ("message",)),
    ("POST", re.compile(r"^/v1/analytics/ask/?$"), ("question",)),
    ("POST", re.compile(r"^/v1/drafts/?$"), ("goal", "instructions")),
]
_LEAD_PATH = re.compile(r"^/v1/leads/(\d{1,10})(/summary)?/?$")

_MESSAGES = {
    "bulk_personal_data": "Bulk requests for personal data are not allowed; this was reported to your administrators.",
    "context_extraction": "The assistant does not reveal its instructions or context; this was reported to your administrators.",
    "enumeration": "Too many different records opened too fast; access is paused and your administrators were told.",
}


class AbuseGuardMiddleware:
    def __init__(self, app: ASGIApp, *, services, detector: AbuseDetector) -> None:
        self.app = app
        self.services = services
        self.detector = detector
        self._tenant_ids: dict[str, int] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        method, path = scope.get("method", ""), scope.get("path", "")
        text_fields = next((f for m, p, f in _TEXT_ROUTES if m == method and p.match(path)), None)
        lead_match = _LEAD_PATH.match(path)
        if text_fields is None and lead_match is None:
            await self.app(scope, receive, send)
            return
        identity = await anyio.to_thread.run_sync(self._identity, scope)
        if identity is None:  # no valid token: the route answers 401
            await self.app(scope, receive, send)
            return
        verdict, lead_id = None, int(lead_match.group(1)) if lead_match else None
        if text_fields is not None:
            body, receive = await _buffer(receive, limit=self.services.settings.max_body_bytes)
            data = _json(body)
            text = " ".join(str(data.get(f) or "") for f in text_fields)
            verdict = self.detector.check_text(text)
            if verdict.allowed and isinstance(data.get("lead_id"), int):
                lead_id = data["lead_id"]
        if (verdict is None or verdict.allowed) and lead_id is not None:
            verdict = self.detector.record_lead_access(tenant_id=identity[0], user_id=identity[1], lead_id=lead_id)
        if verdict is None or verdict.allowed:
            await self.app(scope, receive, send)
            return
        if text_fields == ("message",) and _chat_refuses_itself(text):
            # The chat router answers this ask with its own in-band refusal (200, refused=true) and audits
            # it with reason "bulk_personal_data", which GET /v1/admin/alerts lists as an alert too:
            # keep that contract and its one record per request.
            log.warning("abuse.refused_by_chat", extra={"kind": verdict.kind})
            await self.app(scope, receive, send)
            return
        request_id = (scope.get("state") or {}).get("request_id") or uuid.uuid4().hex
        await anyio.to_thread.run_sync(self._audit, identity, verdict, request_id)
        await _send_refusal(send, verdict, request_id)

    def _identity(self, scope: Scope) -> tuple[int, int, str] | None:
        from assistant.auth import decode_token
        from assistant.ratelimit import _bearer
        from guardrails.errors import LuaError

        token = _bearer(scope)
        if not token:
            return None
        try:
            claims = decode_token(token, self.services.settings)
            slug, user_id = str(claims["tenant"]), int(claims["sub"])
        except (LuaError, KeyError, TypeError, ValueError):
            return None
        tenant_id = self._tenant_ids.get(slug)
        if tenant_id is None:
            with self.services.factory() as session:
                tenant_id = session.scalar(select(Tenant.id).where(Tenant.slug == slug))
            if tenant_id is None:
                return None
            self._tenant_ids[slug] = tenant_id
        return tenant_id, user_id, str(claims.get("role") or "")

    def _audit(self, identity: tuple[int, int, str], verdict: AbuseVerdict, request_id: str) -> None:
        tenant_id, user_id, role = identity
        capability = "abuse_alert" if verdict.new_alert else "abuse_throttled"
        self.services.audit.write(AuditEvent(tenant_id=tenant_id, capability=capability, outcome="refused",
                                             request_id=request_id, user_id=user_id, role=role,
                                             reason=verdict.reason))
        log.warning("abuse.refused", extra={"kind": verdict.kind, "action": verdict.action, "alert": verdict.new_alert})


def _chat_refuses_itself(text: str) -> bool:
    from assistant.capabilities.router import route_by_pattern

    route = route_by_pattern(text)
    return route is not None and route.capability == "out_of_scope"


async def _buffer(receive: Receive, *, limit: int) -> tuple[bytes, Receive]:
    """Read the body (up to `limit` + 1 bytes) and return a receive that replays it."""
    chunks: list[Message] = []
    size = 0
    while True:
        message = await receive()
        chunks.append(message)
        if message["type"] != "http.request":
            break
        size += len(message.get("body", b""))
        if not message.get("more_body") or size > limit:
            break
    body = b"".join(m.get("body", b"") for m in chunks if m["type"] == "http.request")
    pending = list(chunks)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return (body if size <= limit else b""), replay


def _json(body: bytes) -> dict:
    try:
        data = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


async def _send_refusal(send: Send, verdict: AbuseVerdict, request_id: str) -> None:
    throttled = verdict.action == "throttle"
    status, code = (429, "rate_limited") if throttled else (403, "forbidden")
    body = json.dumps({"error": {"code": code, "message": _MESSAGES[verdict.kind or "enumeration"],
                                 "request_id": request_id}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"x-request-id", request_id.encode())]
    if throttled:
        headers.append((b"retry-after", str(verdict.retry_after_s).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def install_abuse_guard(app, services, *, detector: AbuseDetector | None = None) -> AbuseDetector:
    """Add the abuse middleware; limits from `abuse_*` settings when present (0 = enumeration off)."""
    if detector is None:
        from guardrails.abuse import AbuseLimits

        names = ("enumeration_distinct", "enumeration_window_s", "cooldown_s")
        cfg = services.settings
        detector = AbuseDetector(AbuseLimits(**{n: getattr(cfg, f"abuse_{n}") for n in names
                                               if hasattr(cfg, f"abuse_{n}")}))
    app.add_middleware(AbuseGuardMiddleware, services=services, detector=detector)
    return detector
