"""Security headers and CORS for every response.

`install_security(app, settings)` adds both. Settings it reads: `frame_ancestors` (CSP
frame-ancestors: the CRM origins that may embed the chat panel), `cors_origins` (space- or
comma-separated; empty → no cross-origin access), `ssl_certfile` (set → served over TLS → HSTS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass(frozen=True)
class SecurityPolicy:
    frame_ancestors: str = "'none'"
    cors_origins: tuple[str, ...] = ()
    hsts: bool = False
    hsts_max_age: int = 31_536_000

    @classmethod
    def from_settings(cls, settings) -> "SecurityPolicy":
        origins = getattr(settings, "cors_origins", ()) or ()
        if isinstance(origins, str):
            origins = [o for o in re.split(r"[\s,]+", origins) if o]
        return cls(
            frame_ancestors=getattr(settings, "frame_ancestors", None) or "'none'",
            cors_origins=tuple(origins),
            hsts=bool(getattr(settings, "ssl_certfile", None)),
        )


# The API and its small web pages load nothing from elsewhere. /docs (Swagger UI) loads its assets
# from a CDN, so it gets a wider policy of its own.
_API_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
_DOCS_CSP = ("default-src 'self'; img-src 'self' data: https://fastapi.tiangolo.com; "
             "style-src 'self' https://cdn.jsdelivr.net; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
             "object-src 'none'; base-uri 'none'")


def security_headers(policy: SecurityPolicy, *, path: str, scheme: str) -> list[tuple[bytes, bytes]]:
    csp = (_DOCS_CSP if path.startswith("/docs") else _API_CSP) + f"; frame-ancestors {policy.frame_ancestors}"
    headers = [
        (b"content-security-policy", csp.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    ]
    # Legacy browsers only: X-Frame-Options cannot name other origins, so it is sent only when it
    # says the same as frame-ancestors (modern browsers follow the CSP).
    xfo = {"'none'": b"DENY", "'self'": b"SAMEORIGIN"}.get(policy.frame_ancestors.strip())
    if xfo:
        headers.append((b"x-frame-options", xfo))
    if path.startswith("/v1/"):
        headers.append((b"cache-control", b"no-store"))  # answers carry personal data restored for one user
    if policy.hsts and scheme == "https":
        headers.append((b"strict-transport-security", f"max-age={policy.hsts_max_age}; includeSubDomains".encode()))
    return headers


class SecurityHeadersMiddleware:
    """Adds the headers to every HTTP response, without replacing ones a route set itself."""

    def __init__(self, app: ASGIApp, *, policy: SecurityPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(self.policy, path=scope.get("path", ""), scheme=scope.get("scheme", "http"))

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend((n, v) for n, v in extra if n not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_wrapper)


def install_security(app, settings, *, policy: SecurityPolicy | None = None) -> SecurityPolicy:
    """CORS limited to the configured origins (none → no CORS headers at all), then the headers."""
    policy = policy or SecurityPolicy.from_settings(settings)
    if policy.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(policy.cors_origins),
            allow_credentials=False,  # bearer tokens, not cookies
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["X-Request-Id", "X-Privacy-Receipt", "X-Conversation-Id", "Retry-After"],
            max_age=600,
        )
    # Added last → outermost: 429s, 413s and CORS preflights get the headers too.
    app.add_middleware(SecurityHeadersMiddleware, policy=policy)
    return policy
