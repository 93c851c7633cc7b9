"""Per-user and per-tenant rate limits and quotas, in Redis when configured, in-process otherwise.

Three walls, checked before a request reaches a route:
- a per-user budget per minute (one user cannot starve colleagues),
- a per-tenant budget per minute and per day (the tenant's quota),
- a per-tenant cap on requests in flight in this process: the fairness wall. The worker threads and
  CPU of a process are shared by all tenants; capping each tenant's in-flight share means one
  tenant's flood waits in 429s, not in the queue in front of another tenant's requests.

Refusals are the API's one error shape with status 429 and `Retry-After` (seconds).
Identity comes from the verified bearer token (tenant slug, user id); requests without a valid
token are budgeted by client address, and the route still answers them with 401.
"""

from __future__ import annotations

import json
import logging
import math
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Protocol

from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RateLimits:
    user_per_minute: int = 120
    tenant_per_minute: int = 1200
    tenant_per_day: int = 0  # the tenant's daily quota; 0 = none
    anonymous_per_minute: int = 60  # per client address, for requests without a valid token
    tenant_concurrency: int = 32  # requests of one tenant in flight in one process (anyio has 40 threads)

    @classmethod
    def from_settings(cls, settings) -> "RateLimits":
        """From `rate_*` settings when present (LUA_RATE_USER_PER_MINUTE, ...); 0 turns a wall off."""
        names = {"user_per_minute", "tenant_per_minute", "tenant_per_day", "anonymous_per_minute",
                 "tenant_concurrency"}
        return cls(**{n: int(getattr(settings, f"rate_{n}")) for n in names if hasattr(settings, f"rate_{n}")})


@dataclass(frozen=True)
class LimitVerdict:
    allowed: bool
    reason: str  # "ok" | "user_rate" | "tenant_rate" | "tenant_quota" | "anonymous_rate" | "tenant_busy"
    retry_after_s: int = 0


OK = LimitVerdict(True, "ok")


class Limiter(Protocol):
    def hit(self, *, tenant: str | None, user: str | None, client: str, now: float | None = None) -> LimitVerdict: ...


def _windows(limits: RateLimits, tenant: str | None, user: str | None, client: str, now: float):
    """(key, limit, window seconds, reason) of every counter one request increments."""
    out = []
    if tenant is None:
        out.append((f"anon:{client}", limits.anonymous_per_minute, 60, "anonymous_rate"))
        return out
    out.append((f"user:{tenant}:{user}", limits.user_per_minute, 60, "user_rate"))
    out.append((f"tenant:{tenant}", limits.tenant_per_minute, 60, "tenant_rate"))
    if limits.tenant_per_day:
        out.append((f"tday:{tenant}", limits.tenant_per_day, 86400, "tenant_quota"))
    return out


class InProcessLimiter:
    """Fixed-window counters in this process (one replica, tests, the embedded default)."""

    def __init__(self, limits: RateLimits) -> None:
        self.limits = limits
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, int], int] = defaultdict(int)
        self._last_sweep = 0.0

    def hit(self, *, tenant: str | None, user: str | None, client: str, now: float | None = None) -> LimitVerdict:
        now = time.time() if now is None else now
        with self._lock:
            self._sweep(now)
            windows = _windows(self.limits, tenant, user, client, now)
            for key, limit, size, reason in windows:
                slot = int(now // size)
                if limit and self._counts[(key, slot)] >= limit:
                    return LimitVerdict(False, reason, max(1, math.ceil((slot + 1) * size - now)))
            for key, _limit, size, _reason in windows:
                self._counts[(key, int(now // size))] += 1
        return OK

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < 60:
            return
        self._last_sweep = now
        day = int(now // 86400)
        minute = int(now // 60)
        for key in [k for k in self._counts if k[1] < (day if k[0].startswith("tday:") else minute)]:
            del self._counts[key]


# Increments every window of one request atomically, only if none is already full.
_LUA = """
for i = 1, #KEYS do
  local n = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tonumber(ARGV[i]) > 0 and n >= tonumber(ARGV[i]) then
    return {i, redis.call('TTL', KEYS[i])}
  end
end
for i = 1, #KEYS do
  local n = redis.call('INCR', KEYS[i])
  if n == 1 then redis.call('EXPIRE', KEYS[i], ARGV[#KEYS + i]) end
end
return {0, 0}
"""


class RedisLimiter:
    """The same windows in Redis, shared by every replica. If Redis is down the limits still hold,
    per replica: the windows are counted in this process until Redis answers again (logged); an
    outage of the limiter neither takes the service down nor lifts the limits.

    After a failure Redis is not asked again for `retry_after_failure_s`: the check runs on the
    event loop, and a request must not wait out a socket timeout per request while Redis is away."""

    def __init__(self, limits: RateLimits, *, url: str, prefix: str = "lua:rl:",
                 retry_after_failure_s: float = 5.0) -> None:
        import redis

        self.limits = limits
        self.prefix = prefix
        self.retry_after_failure_s = retry_after_failure_s
        self._down_until = 0.0
        self._fallback = InProcessLimiter(limits)
        self._client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._script = self._client.register_script(_LUA)

    def hit(self, *, tenant: str | None, user: str | None, client: str, now: float | None = None) -> LimitVerdict:
        now = time.time() if now is None else now
        if time.monotonic() < self._down_until:
            return self._fallback.hit(tenant=tenant, user=user, client=client, now=now)
        windows = _windows(self.limits, tenant, user, client, now)
        keys = [f"{self.prefix}{key}:{int(now // size)}" for key, _l, size, _r in windows]
        args = [limit for _k, limit, _s, _r in windows] + [size + 1 for _k, _l, size, _r in windows]
        try:
            index, ttl = self._script(keys=keys, args=args)
        except Exception as exc:
            self._down_until = time.monotonic() + self.retry_after_failure_s
            log.warning("ratelimit.redis_unavailable", extra={"error": type(exc).__name__})
            return self._fallback.hit(tenant=tenant, user=user, client=client, now=now)
        if not index:
            return OK
        return LimitVerdict(False, windows[int(index) - 1][3], max(1, int(ttl)))


def build_limiter(limits: RateLimits, *, redis_url: str = "", redis_prefix: str = "lua:rl:") -> Limiter:
    return RedisLimiter(limits, url=redis_url, prefix=redis_prefix) if redis_url else InProcessLimiter(limits)


class _InFlight:
    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._lock = threading.Lock()
        self._n: dict[str, int] = defaultdict(int)

    def enter(self, tenant: str) -> bool:
        with self._lock:
            if self.cap and self._n[tenant] >= self.cap:
                return False
            self._n[tenant] += 1
            return True

    def leave(self, tenant: str) -> None:
        with self._lock:
            self._n[tenant] -= 1
            if self._n[tenant] <= 0:
                del self._n[tenant]


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            parts = value.decode("latin-1").split(None, 1)
            if len(parts) == 2 and parts[0].lower() == "bearer":
                return parts[1].strip()
    return None


class RateLimitMiddleware:
    """Pure ASGI (streams pass through unbuffered). Applies to paths under `prefix`."""

    def __init__(self, app: ASGIApp, *, settings, limiter: Limiter, limits: RateLimits, prefix: str = "/v1/") -> None:
        self.app = app
        self.settings = settings
        self.limiter = limiter
        self.prefix = prefix
        self.in_flight = _InFlight(limits.tenant_concurrency)

    def _identity(self, scope: Scope) -> tuple[str | None, str | None]:
        from assistant.auth import decode_token
        from guardrails.errors import LuaError

        token = _bearer(scope)
        if not token:
            return None, None
        try:
            claims = decode_token(token, self.settings)
        except LuaError:
            return None, None
        return str(claims.get("tenant")), str(claims.get("sub"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        tenant, user = self._identity(scope)
        client = (scope.get("client") or ("unknown", 0))[0]
        verdict = self.limiter.hit(tenant=tenant, user=user, client=client)
        if verdict.allowed and tenant is not None and not self.in_flight.enter(tenant):
            verdict = LimitVerdict(False, "tenant_busy", 1)
        elif verdict.allowed and tenant is not None:
            try:
                await self.app(scope, receive, send)
            finally:
                self.in_flight.leave(tenant)
            return
        if verdict.allowed:
            await self.app(scope, receive, send)
            return
        log.info("ratelimit.refused", extra={"reason": verdict.reason, "retry_after_s": verdict.retry_after_s})
        await _send_429(scope, send, verdict)


async def _send_429(scope: Scope, send: Send, verdict: LimitVerdict) -> None:
    request_id = (scope.get("state") or {}).get("request_id") or uuid.uuid4().hex
    body = json.dumps({"error": {"code": "rate_limited", "message": _MESSAGES[verdict.reason],
                                 "request_id": request_id}}).encode()
    await send({"type": "http.response.start", "status": 429, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(verdict.retry_after_s).encode()), (b"x-request-id", request_id.encode()),
    ]})
    await send({"type": "http.response.body", "body": body})


_MESSAGES = {
    "user_rate": "Too many requests from this user; try again later.",
    "tenant_rate": "Too many requests from this organisation; try again later.",
    "tenant_quota": "This organisation's daily request quota is used up.",
    "anonymous_rate": "Too many requests; try again later.",
    "tenant_busy": "This organisation has too many requests in progress; try again in a moment.",
}


def install_rate_limits(app, settings, *, limits: RateLimits | None = None, redis_url: str | None = None,
                        redis_prefix: str = "lua:rl:") -> Limiter:
    """Add the rate-limit middleware to `app`; returns the limiter. Redis when `settings.redis_url`."""
    limits = limits or RateLimits.from_settings(settings)
    if redis_url is None:
        redis_url = str(getattr(settings, "redis_url", "") or "")
    limiter = build_limiter(limits, redis_url=redis_url, redis_prefix=redis_prefix)
    app.add_middleware(RateLimitMiddleware, settings=settings, limiter=limiter, limits=limits)
    return limiter
