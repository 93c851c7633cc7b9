"""One JSON error shape for the whole API:

    {"error": {"code": "...", "message": "...", "request_id": "...", "details": [...]}}

Validation details name the path and the problem, never the submitted value.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from guardrails.errors import LuaError

log = logging.getLogger("assistant.errors")

_STATUS_CODES = {
    400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "invalid_input", 429: "rate_limited", 500: "internal_error", 503: "unavailable",
}


def error_body(*, code: str, message: str, request_id: str | None, details: list | None = None,
               receipt_id: str | None = None) -> dict:
    body = {"code": code, "message": message, "request_id": request_id}
    if details:
        body["details"] = details
    if receipt_id:
        body["receipt_id"] = receipt_id  # the privacy receipt of the model call that failed
    return {"error": body}


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def error_response(request: Request, status: int, code: str, message: str, *,
                   details: list | None = None, headers: dict | None = None,
                   receipt_id: str | None = None) -> JSONResponse:
    headers = dict(headers or {})
    if receipt_id:
        headers["X-Privacy-Receipt"] = receipt_id
    return JSONResponse(
        error_body(code=code, message=message, request_id=_request_id(request), details=details,
                   receipt_id=receipt_id),
        status_code=status,
        headers=headers or None,
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LuaError)
    async def _lua(request: Request, exc: LuaError) -> JSONResponse:
        return error_response(request, exc.status_code, exc.code, exc.message,
                              details=exc.details, headers=exc.headers)

    from guardrails.egress.errors import EgressError

    @app.exception_handler(EgressError)
    async def _egress(request: Request, exc: EgressError) -> JSONResponse:
        # Egress messages are fixed sentences naming provider and policy, never prompt or reply text.
        return error_response(request, exc.status_code, exc.code, exc.message, receipt_id=exc.receipt_id)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"path": ".".join(str(p) for p in err.get("loc", ())), "message": err.get("msg", "invalid"),
             "type": err.get("type", "invalid")}
            for err in exc.errors()
        ]
        return error_response(request, 422, "invalid_input", "The request is not valid.", details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = {404: "Not found.", 405: "Method not allowed.", 413: "The request body is too large."}.get(exc.status_code, "The request failed.")
        return error_response(request, exc.status_code, code, message, headers=getattr(exc, "headers", None))

    from sqlalchemy.exc import DBAPIError, OperationalError

    @app.exception_handler(OperationalError)
    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: Exception) -> JSONResponse:
        # The driver's message may quote SQL parameters: log the type only.
        log.warning("database unavailable", extra={"error_type": type(exc).__name__})
        return error_response(request, 503, "unavailable", "The database is unavailable; try again shortly.",
                              headers={"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The exception text may hold data from records; log its type only.
        log.error("unhandled error", extra={"error_type": type(exc).__name__})
        return error_response(request, 500, "internal_error", "Something went wrong on our side.")
