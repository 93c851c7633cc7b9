"""The global switch for real provider requests (like pydantic-ai's ALLOW_MODEL_REQUESTS).

Off → every HTTP request to a model provider raises `RealRequestsBlocked`, except to loopback hosts
(fake servers that tests start on 127.0.0.1). The check sits in the HTTP transport of every remote
model, so it holds whatever base URL a provider is given. In-process local models are not network
calls and are not affected.

Turn off with `connectors.llm.ALLOW_MODEL_REQUESTS = False` or the environment variable
`LUA_ALLOW_REAL_PROVIDERS=0` (read at each request, so subprocesses inherit it).
"""

from __future__ import annotations

import ipaddress
import os
import sys
from contextlib import contextmanager
from typing import Iterator

import httpx

from connectors.llm.errors import RealRequestsBlocked

ENV_VAR = "LUA_ALLOW_REAL_PROVIDERS"
_FALSE = {"0", "false", "no", "off"}
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


def real_requests_allowed() -> bool:
    """True unless the module switch or the environment variable turns real provider calls off."""
    pkg = sys.modules.get("connectors.llm")
    if pkg is not None and not getattr(pkg, "ALLOW_MODEL_REQUESTS", True):
        return False
    return os.environ.get(ENV_VAR, "1").strip().lower() not in _FALSE


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_request_allowed(host: str) -> None:
    """Raise `RealRequestsBlocked` for a non-loopback host while real requests are off."""
    if not real_requests_allowed() and not is_loopback_host(host):
        raise RealRequestsBlocked(
            "real model provider requests are disabled (connectors.llm.ALLOW_MODEL_REQUESTS / "
            f"{ENV_VAR}); only loopback test servers may be called"
        )


@contextmanager
def override_allow_model_requests(allow: bool) -> Iterator[None]:
    """Temporarily set `connectors.llm.ALLOW_MODEL_REQUESTS` (tests)."""
    import connectors.llm as pkg

    before = pkg.ALLOW_MODEL_REQUESTS
    pkg.ALLOW_MODEL_REQUESTS = allow
    try:
        yield
    finally:
        pkg.ALLOW_MODEL_REQUESTS = before


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that asks the switch before every request."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self._inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        check_request_allowed(request.url.host)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()
