"""Schemathesis against the app's own OpenAPI spec, every operation, with valid tokens of each role
and of another tenant: no 5xx, responses match their declared schema, no other tenant's data.

Bounded here (LUA_FUZZ_EXAMPLES, default 2 per operation); `make fuzz` runs it long.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import response_schema_conformance
from schemathesis.checks import not_a_server_error

from tests.fixtures import build_tiny_crm
from tests.security.conftest import auth, build_secure_app

EXAMPLES = int(os.environ.get("LUA_FUZZ_EXAMPLES", "2"))
# Findings of this fuzzer in code owned elsewhere, reported to the lead; the test fails on any other
# failure; remove an entry once its fix lands.
KNOWN_FAILURES: dict[str, str] = {}
ROLES = ("a:rep", "a:manager", "a:admin", "b:admin")  # b:admin is the other tenant


@pytest.fixture
def fuzz_app(tmp_path):
    from assistant.ratelimit import RateLimits
    from guardrails.abuse import AbuseLimits

    crm = build_tiny_crm(f"sqlite:///{tmp_path / 'lua.sqlite3'}")
    app, cfg, _services = build_secure_app(
        crm, tmp_path, limits=RateLimits(user_per_minute=10**6, tenant_per_minute=10**6, anonymous_per_minute=10**6,
                                         tenant_concurrency=0),
        abuse_limits=AbuseLimits(enumeration_distinct=10**6))
    app.state.fuzz_headers = {who: auth(crm, cfg, who) for who in ROLES}
    return app


def _foreign_marker(who: str) -> str:
    # Each tenant's copy of the shared customer has an e-mail domain of its own.
    return "b-mail.example" if who.startswith("a:") else "a-mail.example"


def test_api_holds_under_fuzzing(fuzz_app):
    # schemathesis's own pytest plugin does not load under this pytest version, so each operation's
    # strategy is driven by hypothesis directly (the same generation and checks).
    api = schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 20
    failures: list[tuple[str, str]] = []
    calls = 0

    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            nonlocal calls
            for who, headers in fuzz_app.state.fuzz_headers.items():
                calls += 1
                response = case.call_and_validate(headers=headers,
                                                  checks=[not_a_server_error, response_schema_conformance])
                assert _foreign_marker(who) not in response.text, (who, case.method, case.path)

        try:
            run()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # schemathesis' FailureGroup; collect all, report together
            failures.append((f"{op.method.upper()} {op.path}", _summary(exc)))
    print(f"fuzz: {len(operations)} operations, {calls} calls, {len(failures)} failing operations")
    unknown = [f"{op}: {msg}" for op, msg in failures if KNOWN_FAILURES.get(op, "\0") not in msg]
    assert not unknown, "\n".join(unknown)


def _summary(exc: BaseException) -> str:
    subs = getattr(exc, "exceptions", None)
    if subs:
        return "; ".join(_summary(e) for e in subs)
    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
    return f"{type(exc).__name__}: " + " | ".join(lines[:3])[:300]
