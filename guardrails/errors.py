"""The error hierarchy, by audience. Each class carries its HTTP status and a stable code.

Messages are written for the end user and never contain personal data or prompt text:
callers pass fixed sentences, never values from records or requests.
"""

from __future__ import annotations

from typing import Any


class LuaError(Exception):
    status_code: int = 500
    code: str = "internal_error"
    default_message: str = "Something went wrong on our side."

    def __init__(self, message: str | None = None, *, details: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        self.message = message or self.default_message
        self.details = details or []
        self.headers = headers or {}
        super().__init__(self.message)


class BadRequest(LuaError):
    status_code = 400
    code = "bad_request"
    default_message = "The request is not valid."


class Unauthenticated(LuaError):
    status_code = 401
    code = "unauthenticated"
    default_message = "A valid bearer token is required."

    def __init__(self, message: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(message, **kw)


class Forbidden(LuaError):
    status_code = 403
    code = "forbidden"
    default_message = "You are not allowed to do this."


class NotFound(LuaError):
    status_code = 404
    code = "not_found"
    default_message = "Not found."


class Conflict(LuaError):
    status_code = 409
    code = "conflict"
    default_message = "The request conflicts with the current state."


class PayloadTooLarge(LuaError):
    status_code = 413
    code = "payload_too_large"
    default_message = "The request body is too large."


class InvalidInput(LuaError):
    status_code = 422
    code = "invalid_input"
    default_message = "The request body or parameters are not valid."


class RateLimited(LuaError):
    status_code = 429
    code = "rate_limited"
    default_message = "Too many requests; try again later."


class ServiceUnavailable(LuaError):
    status_code = 503
    code = "unavailable"
    default_message = "A service this request needs is unavailable; try again later."
