"""Rate limits and quotas per user and per tenant: 429 + Retry-After in the one error shape, and
one tenant's flood does not slow another tenant (the fairness bound is stated in the test)."""

from __future__ import annotations

import statistics
import threading
import time
import uuid

import pytest
from fastapi.testclient import TestClient

from assistant.ratelimit import InProcessLimiter, RateLimits, RedisLimiter
from tests.security.conftest import auth, build_secure_app


def test_windows_per_user_tenant_and_quota():
    lim = InProcessLimiter(RateLimits(user_per_minute=3, tenant_per_minute=5, tenant_per_day=7))
    t0 = 1_000_040.0  # 20 s into a minute window
    assert all(lim.hit(tenant="a", user="1", client="x", now=t0).allowed for _ in range(3))
    v = lim.hit(tenant="a", user="1", client="x", now=t0)
    assert (v.allowed, v.reason, v.retry_after_s) == (False, "user_rate", 40)
    assert lim.hit(tenant="a", user="2", client="x", now=t0).allowed
    assert lim.hit(tenant="a", user="2", client="x", now=t0).allowed
    assert lim.hit(tenant="a", user="3", client="x", now=t0).reason == "tenant_rate"
    assert lim.hit(tenant="b", user="9", client="x", now=t0).allowed  # other tenant untouched
    assert lim.hit(tenant="a", user="3", client="x", now=t0 + 60).allowed  # next window
    assert lim.hit(tenant="a", user="3", client="x", now=t0 + 60).allowed
    v = lim.hit(tenant="a", user="4", client="x", now=t0 + 120)
    assert (v.allowed, v.reason) == (False, "tenant_quota")  # 7 a day


def test_redis_limiter_shares_the_same_windows(redis_url):
    prefix = f"lua:test:{uuid.uuid4().hex}:"
    limits = RateLimits(user_per_minute=2, tenant_per_minute=3)
    one = RedisLimiter(limits, url=redis_url, prefix=prefix)
    two = RedisLimiter(limits, url=redis_url, prefix=prefix)  # another replica
    assert one.hit(tenant="a", user="1", client="x").allowed
    assert two.hit(tenant="a", user="1", client="x").allowed
    v = one.hit(tenant="a", user="1", client="x")
    assert not v.allowed and v.reason == "user_rate" and 1 <= v.retry_after_s <= 61
    assert two.hit(tenant="a", user="2", client="x").allowed
    assert one.hit(tenant="a", user="3", client="x").reason == "tenant_rate"
    assert two.hit(tenant="b", user="1", client="x").allowed


def test_redis_down_keeps_the_limits_in_process_without_waiting_per_request():
    lim = RedisLimiter(RateLimits(user_per_minute=1), url="redis://127.0.0.1:1/0", retry_after_failure_s=30)
    assert lim.hit(tenant="a", user="1", client="x").allowed
    calls = []
    lim._script = lambda **kw: calls.append(kw)  # Redis is not asked again while marked down
    t = time.perf_counter()
    verdicts = [lim.hit(tenant="a", user=str(u), client="x") for u in range(2, 52)]
    assert all(v.allowed for v in verdicts)  # one hit per user: inside the limit
    assert calls == [] and time.perf_counter() - t < 0.5
    again = lim.hit(tenant="a", user="1", client="x")  # user 1's second hit this minute
    assert not again.allowed and again.reason == "user_rate"  # an outage does not lift the limits


def test_429_has_retry_after_and_the_error_shape(tiny_crm, tmp_path):
    app, settings, _ = build_secure_app(tiny_crm, tmp_path, limits=RateLimits(user_per_minute=2, anonymous_per_minute=2))
    with TestClient(app) as client:
        h = auth(tiny_crm, settings, "a:rep")
        assert [client.get("/v1/leads", headers=h).status_code for _ in range(2)] == [200, 200]
        r = client.get("/v1/leads", headers=h)
        assert r.status_code == 429
        assert 1 <= int(r.headers["retry-after"]) <= 60
        body = r.json()
        assert set(body) == {"error"} and body["error"]["code"] == "rate_limited"
        assert body["error"]["request_id"] == r.headers["x-request-id"]
        assert r.headers["x-content-type-options"] == "nosniff"  # headers on 429s too
        assert client.get("/v1/leads", headers=auth(tiny_crm, settings, "a:rep2")).status_code == 200
        # without a valid token: budgeted by address, still answered 401 by the route until then
        assert [client.get("/v1/leads").status_code for _ in range(3)] == [401, 401, 429]
        assert client.get("/health").status_code == 200  # outside /v1: never limited


FAIRNESS_FACTOR, FAIRNESS_SLACK_S = 3.0, 0.25  # the bound stated in docs/security.md


def _flood_and_measure(client, hb: dict, ha: list[dict], threads_n: int = 12) -> tuple[float, float, list[int], list[int]]:
    """B's quiet median latency, B's median while tenant A floods with `threads_n` threads, A's codes, B's codes."""
    b_codes: list[int] = []

    def b_latencies(n: int) -> list[float]:
        out = []
        for _ in range(n):
            t = time.perf_counter()
            r = client.get("/v1/leads", headers=hb)
            out.append(time.perf_counter() - t)
            b_codes.append(r.status_code)
        return out

    b_latencies(3)
    quiet = statistics.median(b_latencies(15))
    stop = threading.Event()
    codes: list[int] = []

    def flood(i: int) -> None:
        while not stop.is_set():
            codes.append(client.get("/v1/leads", headers=ha[i % len(ha)]).status_code)

    threads = [threading.Thread(target=flood, args=(i,)) for i in range(threads_n)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.3)
        loaded = statistics.median(b_latencies(15))
    finally:
        stop.set()
        for t in threads:
            t.join()
    return quiet, loaded, codes, b_codes


@pytest.mark.parametrize("backend", ["in_process", "redis"])
def test_one_tenants_flood_does_not_slow_another(tiny_crm, tmp_path, backend, request):
    """Tenant A floods with 12 threads; tenant B's median latency stays within 3x its quiet median
    + 250 ms (the stated bound; the flood threads share this process and its GIL with the server),
    B gets no 429, and A's excess gets 429 tenant_busy. With the windows in Redis too: the in-flight
    wall is per process either way, and the Redis round trip per request must not break the bound."""
    redis_url = request.getfixturevalue("redis_url") if backend == "redis" else None
    limits = RateLimits(user_per_minute=100_000, tenant_per_minute=100_000, tenant_concurrency=2)
    app, settings, _ = build_secure_app(tiny_crm, tmp_path, limits=limits, abuse=False, redis_url=redis_url)
    assert type(app.state.limiter).__name__ == ("RedisLimiter" if redis_url else "InProcessLimiter")
    with TestClient(app) as client:
        hb = auth(tiny_crm, settings, "b:rep")
        ha = [auth(tiny_crm, settings, who) for who in ("a:rep", "a:rep2", "a:manager", "a:admin")]
        quiet, loaded, codes, b_codes = _flood_and_measure(client, hb, ha)
    assert set(b_codes) == {200}
    assert 429 in codes and set(codes) <= {200, 429}
    assert loaded <= FAIRNESS_FACTOR * quiet + FAIRNESS_SLACK_S, (quiet, loaded)


def test_a_tenant_out_of_its_redis_window_does_not_refuse_another(tiny_crm, tmp_path, redis_url):
    """Tenant A spends its per-minute budget in Redis (429 tenant_rate with Retry-After); tenant B,
    sharing the same Redis, is neither refused nor slowed beyond the bound."""
    limits = RateLimits(user_per_minute=100_000, tenant_per_minute=40, tenant_concurrency=0)
    app, settings, _ = build_secure_app(tiny_crm, tmp_path, limits=limits, abuse=False, redis_url=redis_url)
    with TestClient(app) as client:
        hb = auth(tiny_crm, settings, "b:rep")
        ha = [auth(tiny_crm, settings, who) for who in ("a:rep", "a:rep2", "a:manager", "a:admin")]
        refused = None
        for i in range(60):  # B's 18 requests below stay inside B's own 40
            r = client.get("/v1/leads", headers=ha[i % 4])
            if r.status_code == 429:
                refused = r
                break
        assert refused is not None and refused.json()["error"]["code"] == "rate_limited"
        assert 1 <= int(refused.headers["retry-after"]) <= 61
        quiet, loaded, codes, b_codes = _flood_and_measure(client, hb, ha, threads_n=8)
    assert set(b_codes) == {200}
    # A stays refused for the rest of its window (a minute boundary mid-test admits at most 40 more)
    assert 429 in codes and set(codes) <= {200, 429} and codes.count(200) <= 40
    assert loaded <= FAIRNESS_FACTOR * quiet + FAIRNESS_SLACK_S, (quiet, loaded)
