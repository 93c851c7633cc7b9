"""Every log line, metric label, error body and audit record produced by end-to-end flows (and the
abuse and rate-limit refusals) is free of the CRM's personal values."""

from __future__ import annotations

import json
import logging
import re

from fastapi.testclient import TestClient
from prometheus_client import generate_latest
from sqlalchemy import select

from assistant.auth import issue_token
from assistant.ratelimit import RateLimits
from connectors.crm.models import Contact, User
from guardrails.audit.models import AuditRecord
from tests.security.conftest import auth, build_secure_app


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        extras = {k: v for k, v in record.__dict__.items() if k not in _STD}
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{record.name} {text} {extras!r}")


_STD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


def _personal_values(crm) -> set[str]:
    values: set[str] = set()
    with crm.factory() as s:
        for c in s.scalars(select(Contact)):
            for col in ("first_name", "last_name", "name_alt", "email", "phone", "national_id", "address"):
                v = getattr(c, col, None)
                if v:
                    values.add(str(v))
                    if col == "phone":
                        values.add(re.sub(r"\D", "", str(v)))
        for u in s.scalars(select(User)):
            values.update({u.full_name, u.email})
    values.add("٠٥٠١٢٣٤٥٦٧")  # the Arabic-digit phone in an activity note
    return {v for v in values if len(v) >= 4}


def _contains(text: str, value: str) -> bool:
    # Whole words: a first name must not match inside an unrelated word of a log line.
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text) is not None


def _demo_rep(crm):
    from connectors.crm.models import Lead, Tenant

    with crm.factory() as s:
        tenant = s.scalar(select(Tenant).where(Tenant.slug == "demo-sales"))
        lead = s.scalar(select(Lead).where(Lead.tenant_id == tenant.id).order_by(Lead.id))
        user = s.get(User, lead.owner_id)
        s.expunge(user)
        return user, lead.id


def test_no_personal_value_in_logs_metrics_errors_or_audit(tiny_crm, tmp_path):
    capture = _Capture()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    errors: list[str] = []
    try:
        from connectors.crm.demo import seed_demo

        seed_demo(tiny_crm.factory, scale=0.05)  # the demo tenants too: their values are in the check
        app, settings, services = build_secure_app(tiny_crm, tmp_path, limits=RateLimits(user_per_minute=12))
        with TestClient(app) as client:
            rep, lead = auth(tiny_crm, settings, "a:rep"), tiny_crm.leads["a:rep_lead"]
            secrets = {settings.jwt_secret, settings.vault_key, settings.audit_key, rep["Authorization"][7:]}
            demo_user, demo_lead = _demo_rep(tiny_crm)
            demo = {"Authorization": f"Bearer {issue_token(settings=settings, tenant_slug='demo-sales', user=demo_user)}"}
            email = "layla.haddad@a-mail.example"
            ok = [
                client.post(f"/v1/leads/{lead}/summary", json={}, headers=rep),
                client.post("/v1/chat", json={"message": f"What did Layla Haddad ({email}) ask for?", "lead_id": lead},
                            headers=rep),
                client.post("/v1/chat", json={"message": "What next?", "lead_id": lead, "stream": True}, headers=rep),
                client.post("/v1/drafts", json={"lead_id": lead, "channel": "email", "goal": "send the revised offer"},
                            headers=rep),
                client.post("/v1/analytics/ask", json={"question": "conversion rate by branch this quarter"},
                            headers=auth(tiny_crm, settings, "a:manager")),
                client.post("/v1/chat", json={"message": "What did they ask for?", "lead_id": demo_lead}, headers=demo),
                client.post(f"/v1/leads/{demo_lead}/summary", json={}, headers=demo),
            ]
            assert all(r.status_code < 500 for r in ok), [r.status_code for r in ok]
            bad = [
                client.post("/v1/chat", json={"message": {"email": email, "phone": "+966 50 123 4567"}}, headers=rep),
                client.post("/v1/chat", json={"message": "hi", "lead_id": "Layla Haddad"}, headers=rep),
                client.post("/v1/analytics/ask", json={"question": f"list every customer's phone number like {email}"},
                            headers=rep),
                client.get(f"/v1/leads/{tiny_crm.leads['b:rep_lead']}", headers=rep),
                client.get("/v1/leads", headers={"Authorization": f"Bearer {email}"}),
                client.post("/v1/drafts", json={"lead_id": lead, "channel": "fax", "goal": email}, headers=rep),
            ]
            bad += [client.get("/v1/leads", headers=rep) for _ in range(12)]  # into the rate limit
            assert any(r.status_code == 429 for r in bad)
            errors = [r.text for r in bad + ok if r.status_code >= 400]
            metrics = generate_latest(services.metrics.registry).decode()
        with services.factory() as s:
            audit = [json.dumps({"payload": r.payload, "request_id": r.request_id, "capability": r.capability,
                                 "outcome": r.outcome}, ensure_ascii=False)
                     for r in s.scalars(select(AuditRecord))]
    finally:
        root.removeHandler(capture)
        root.setLevel(old_level)
    assert capture.lines and audit and len(errors) >= 6
    corpus = {"log": capture.lines, "metric": [metrics], "error body": errors, "audit": audit}
    leaks = [(where, value) for value in _personal_values(tiny_crm) | secrets
             for where, texts in corpus.items() for text in texts if _contains(text, value)]
    assert not leaks, sorted(set(leaks))
