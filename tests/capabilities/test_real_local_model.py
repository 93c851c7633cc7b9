"""Smoke test: one lead summary end to end with the real embedded model (Qwen2.5-Coder-1.5B GGUF)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import select

from assistant.settings import Settings
from guardrails.audit.models import AuditRecord
from tests.fixtures import make_settings, shared_redactor, token_for

MODEL = Settings.model_fields["llm_model_path"].default


@pytest.mark.slow
def test_summary_with_the_real_local_model(tiny_crm, tmp_path):
    if not MODEL.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the local model must be assembled in CI ({MODEL}); make install does it")
        pytest.skip("local model not assembled (run make install)")
    from fastapi.testclient import TestClient

    from assistant.api.app import create_app
    from assistant.services import build_services

    settings = make_settings(tmp_path, database_url=tiny_crm.url, llm_provider="local", llm_model_path=MODEL,
                             llm_max_tokens=200, llm_timeout_s=600)
    services = build_services(settings)
    services.redactor_factory = shared_redactor
    with TestClient(create_app(settings, services=services)) as client:
        h = {"Authorization": f"Bearer {token_for(tiny_crm, settings, 'a:rep')}"}
        r = client.post(f"/v1/leads/{tiny_crm.leads['a:rep_lead']}/summary", headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stage"] == "proposal" and body["receipt_id"]
    assert "<PERSON_" not in r.text and "<PHONE_" not in r.text  # never a raw placeholder to the user
    with tiny_crm.factory() as s:
        rec = s.scalars(select(AuditRecord)).one()
    assert rec.outcome == "ok" and rec.payload["provider"] == "local" and rec.payload["no_training"] is True
