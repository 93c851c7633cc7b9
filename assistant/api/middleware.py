"""ASGI middleware: request ids, body-size limit, Prometheus metrics.

Pure ASGI (not BaseHTTPMiddleware) so streamed responses are not buffered.
"""

from __future__ import annotations

import json
import time
import uuid

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class Metrics:
    """The service's metrics, in a registry of its own (one per app instance)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "lua_http_requests_total", "HTTP requests", ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "lua_http_request_seconds", "HTTP request latency", ["route"], registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
        )
        self.model_calls = Counter(
            "lua_model_calls_total", "Model calls by provider and outcome", ["provider", "outcome"],
            registry=self.registry,
        )
        self.redactions = Counter(
            "lua_redacted_entities_total", "Entities redacted before model calls", ["entity_type"],
            registry=self.registry,
        )
        self.refusals = Counter(
            "lua_refusals_total", "Requests refused by policy", ["capability"], registry=self.registry,
        )


def _error_bytes(status: int, code: str, message: str, request_id: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message, "request_id": request_id}}).encode()


class RequestContextMiddleware:
    """Assigns a request id, enforces the body limit, records metrics by route template."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, metrics: Metrics) -> None:
        self.app = app
        self.max_body = max_body_bytes
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status_holder = {"status": 500}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > self.max_body:
            await _send_json(send, 413, _error_bytes(413, "payload_too_large",
                                                     "The request body is too large.", request_id),
                             request_id)
            self._observe(scope, 413, started)
            return

        received = 0
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_large = True
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send_wrapper)
        except _BodyTooLarge:
            await _send_json(send, 413, _error_bytes(413, "payload_too_large",
                                                     "The request body is too large.", request_id),
                             request_id)
            status_holder["status"] = 413
        finally:
            self._observe(scope, status_holder["status"], started)

    def _observe(self, scope: Scope, status: int, started: float) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or "unmatched"
        self.metrics.requests.labels(template, scope.get("method", ""), str(status)).inc()
        self.metrics.latency.labels(template).observe(time.perf_counter() - started)


class _BodyTooLarge(StarletteHTTPException):
    """An HTTPException, so FastAPI's body parsing re-raises it instead of turning it into a 400."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_json(send: Send, status: int, body: bytes, request_id: str) -> None:
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                    (b"x-request-id", request_id.encode())],
    })
    await send({"type": "http.response.body", "body": body})
