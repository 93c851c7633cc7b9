"""Fixtures for the accountability tests: the real app over the tiny CRM with a scripted fake model."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.fixtures import make_settings, token_for

SUMMARY_REPLY = json.dumps({
    "needs": [{"text": "<PERSON_1> wants a discount on the renewal.", "activity_ids": []}],
    "blockers": [],
    "next_step": {"text": "Email <PERSON_1> the offer.", "activity_ids": []},
    "sentiment": "positive",
})


def guard(services, settings, reply: str = SUMMARY_REPLY):
    """Give the services a fake-model egress guard (and a working vault while that wiring settles)."""
    from assistant.llm_factory import build_egress_guard
    from connectors.llm.fake import FakeChatModel

    model = FakeChatModel.replying(reply)
    services.redactor_factory = shared_redactor
    services.egress_factory = lambda: build_egress_guard(settings, models={"fake": model})
    try:
        services.vault_for(_probe_principal(), conversation_id="probe")
    except TypeError:
        from guardrails.redaction import Vault

        services.vault_for = lambda principal, *, conversation_id: Vault(
            tenant_id=principal.tenant_id, conversation_id=conversation_id, store=services.vault_store,
            key=settings.vault_key.encode("utf-8"), ttl=timedelta(hours=settings.vault_ttl_hours))
    return model


_REDACTOR = []


def shared_redactor():
    """One Redactor for the whole session: loading its NLP models is the slow part of these tests."""
    if not _REDACTOR:
        from guardrails.redaction import Redactor

        _REDACTOR.append(Redactor())
    return _REDACTOR[0]


def _probe_principal():
    from guardrails.principal import Principal

    return Principal(tenant_id=1, tenant_slug="probe", user_id=1, role="admin", branch_ids=frozenset())


class Api:
    """A TestClient with tokens for the tiny CRM's users."""

    def __init__(self, client, crm, settings, services):
        self.client, self.crm, self.settings, self.services = client, crm, settings, services

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token_for(self.crm, self.settings, who)}"}

    def get(self, url: str, who: str, **kw):
        return self.client.get(url, headers=self.headers(who), **kw)

    def post(self, url: str, who: str, **kw):
        return self.client.post(url, headers=self.headers(who), **kw)

    def put(self, url: str, who: str, **kw):
        return self.client.put(url, headers=self.headers(who), **kw)

    def delete(self, url: str, who: str, **kw):
        return self.client.delete(url, headers=self.headers(who), **kw)

    def summarise(self, lead_key: str, who: str):
        return self.post(f"/v1/leads/{self.crm.leads[lead_key]}/summary", who)


def _api(crm, tmp_path):
    from fastapi.testclient import TestClient

    from assistant.api.app import create_app
    from assistant.services import build_services

    settings = make_settings(tmp_path, database_url=crm.url)
    services = build_services(settings)
    guard(services, settings)
    with TestClient(create_app(settings, services=services)) as client:
        yield Api(client, crm, settings, services)
    services.engine.dispose()


@pytest.fixture
def api(tiny_crm, tmp_path):
    yield from _api(tiny_crm, tmp_path)


@pytest.fixture
def api_db(crm_db, tmp_path):
    """`api` over the tiny CRM on SQLite and on PostgreSQL."""
    yield from _api(crm_db, tmp_path)
