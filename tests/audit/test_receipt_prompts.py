"""The redacted prompt kept with each privacy receipt: who may read it, retention, erasure, the setting.

The prompt stored is the exact `RedactedText` sent (placeholders only). It is shown to the user who made
the request and to the tenant's admins, leaves with the conversations (their retention days), and is
cleared by a data subject's erasure — also where a value of the subject appears in clear.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from connectors.crm.db import system_session
from guardrails.egress.records import (ModelCall, ModelCallRecord, get_receipt, joined_prompt, new_receipt_id,
                                      prompt_digest, save)
from guardrails.retention import RetentionDays, run_retention

CLEAR = ("Layla", "Haddad", "ليلى", "حداد", "layla.haddad@", "1012345674", "King Fahd", "4567")


def _assert_placeholders_only(prompt: list[dict]) -> None:
    text = json.dumps(prompt, ensure_ascii=False)
    for value in CLEAR:
        assert value not in text, f"{value!r} in the stored prompt"
    assert "<PERSON_" in text and "<PHONE_" in text and "<EMAIL_" in text


def _summarise(api, lead="a:rep_lead", who="a:rep") -> str:
    r = api.summarise(lead, who)
    assert r.status_code == 200, r.text
    return r.headers["X-Privacy-Receipt"]


def test_the_requesting_user_and_the_admins_read_the_redacted_prompt_nobody_else(api):
    rid = _summarise(api)
    mine = api.get(f"/v1/receipts/{rid}", "a:rep")
    assert mine.status_code == 200, mine.text
    prompt = mine.json()["prompt_redacted"]
    assert [m["role"] for m in prompt] == ["system", "user"]
    _assert_placeholders_only(prompt)
    assert mine.json()["prompt_matches_digest"] is True
    admin = api.get(f"/v1/admin/receipts/{rid}", "a:admin").json()
    assert admin["prompt_redacted"] == prompt and admin["prompt_sha256"] == mine.json()["prompt_sha256"]
    # Another rep of the tenant, the manager, and another tenant's admin: the same 404 as an unknown id.
    unknown = api.get(f"/v1/receipts/{new_receipt_id()}", "a:rep2")
    for who, url in (("a:rep2", f"/v1/receipts/{rid}"), ("a:manager", f"/v1/receipts/{rid}"),
                     ("b:rep", f"/v1/receipts/{rid}"), ("b:admin", f"/v1/admin/receipts/{rid}")):
        r = api.get(url, who)
        assert r.status_code == 404, (who, r.status_code)
        assert r.json()["error"]["code"] == unknown.json()["error"]["code"]
        assert "PERSON" not in r.text
    assert api.get(f"/v1/admin/receipts/{rid}", "a:manager").status_code == 403


def test_the_prompt_is_exactly_what_the_model_received(api):
    rid = _summarise(api)
    shown = api.get(f"/v1/receipts/{rid}", "a:rep").json()["prompt_redacted"]
    with api.crm.factory() as s:
        row = s.scalar(select(ModelCall).where(ModelCall.receipt_id == rid))
    assert row.prompt_redacted == shown
    assert sum(len(m["content"]) for m in shown) == row.prompt_chars
    assert prompt_digest(joined_prompt(shown)) == row.prompt_sha256


def test_setting_off_keeps_only_the_digest(api):
    object.__setattr__(api.services.settings, "receipt_keep_prompt", False)
    try:
        rid = _summarise(api)
    finally:
        object.__setattr__(api.services.settings, "receipt_keep_prompt", True)
    r = api.get(f"/v1/receipts/{rid}", "a:rep").json()
    assert r["prompt_redacted"] is None and len(r["prompt_sha256"]) == 64 and r["prompt_chars"] > 0
    with api.crm.factory() as s:
        assert s.scalar(select(ModelCall.prompt_redacted).where(ModelCall.receipt_id == rid)) is None


NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def _receipt(tenant_id: int, age_days: int, content: str = "<PERSON_1> asked for a discount.",
             request_id: str | None = None) -> ModelCallRecord:
    return ModelCallRecord(receipt_id=new_receipt_id(), tenant_id=tenant_id, request_id=request_id, purpose="chat",
                           provider="fake", model="m", region="eu", params_sent={}, prompt_sha256="0" * 64,
                           prompt_chars=len(content), outcome="ok", created_at=NOW - timedelta(days=age_days),
                           prompt_redacted=({"role": "user", "content": content},))


def test_retention_clears_prompts_with_the_conversations_days_and_keeps_the_receipts(tiny_crm):
    ta, tb = tiny_crm.tenants["a"], tiny_crm.tenants["b"]
    ages = {ta: (45, 31, 29, 2), tb: (45, 31, 29, 2)}
    ids: dict[int, list[str]] = {}
    with system_session(tiny_crm.factory) as s:
        for tid, days in ages.items():
            ids[tid] = []
            for age in days:
                rec = _receipt(tid, age)
                save(s, rec)
                ids[tid].append(rec.receipt_id)
    # The conversation days apply (not the vault's nor the audit's).
    days = {ta: RetentionDays(conversations=30, vault=1, audit=3650),
            tb: RetentionDays(conversations=7, vault=365, audit=3650)}
    report = run_retention(tiny_crm.factory, NOW, checkpoint_key=b"r" * 32, days_for=days.__getitem__)
    assert report.errors == ()
    purged = {t.tenant_id: t.purged["receipt_prompts"] for t in report.tenants}
    assert purged == {ta: 2, tb: 3}
    with tiny_crm.factory() as s:
        kept = {tid: [get_receipt(s, tenant_id=tid, receipt_id=r)["prompt_redacted"] is not None for r in rids]
                for tid, rids in ids.items()}
        assert all(get_receipt(s, tenant_id=tid, receipt_id=r) for tid, rids in ids.items() for r in rids)
    assert kept == {ta: [False, False, True, True], tb: [False, False, False, True]}
    again = run_retention(tiny_crm.factory, NOW, checkpoint_key=b"r" * 32, days_for=days.__getitem__)
    assert again.total("receipt_prompts") == 0


def test_erasure_clears_every_stored_prompt_about_the_subject_and_nothing_else(api_db):
    """Three ways a stored prompt refers to the subject: its request references them (audit), its vault
    held one of their values (placeholders), or a value of theirs appears in clear (a redactor miss)."""
    from guardrails.redaction import SqlVaultStore, Vault
    from tests.audit.conftest import shared_redactor

    api = api_db
    ta, tb = api.crm.tenants["a"], api.crm.tenants["b"]
    about = _summarise(api)  # (1) a summary of the subject's lead
    other_contact = _summarise(api, "a:tallinn_lead", "a:rep_tallinn")  # another contact: stays
    other_tenant = _summarise(api, "b:rep_lead", "b:rep")  # the same name in tenant B: stays
    # (2) a request about something else whose note named the subject: its vault holds her name.
    vault = Vault(tenant_id=ta, conversation_id="req:req-side-mention", store=SqlVaultStore(api.crm.factory),
                  key=api.settings.vault_key)
    side = shared_redactor().redact("Supplier meeting; Layla Haddad may join.", vault=vault)
    assert "Layla" not in side.text and "<PERSON_" in side.text
    # (3) values in clear that the redactor missed, in other spellings and digit scripts.
    misses = ["Ask LAYLA about the fleet.", "رقمها ٠٥٠١٢٣٤٥٦٧ للتواصل", "call 050-123-4567 tomorrow",
              "mail layla.haddad@a-mail.example", "ID 1012345674 on file"]
    unrelated = ["<PERSON_1> wants the blue model.", "Laylani Fleet order 4567 units", "renewal of 48000 SAR"]
    made: dict[str, str] = {}
    with system_session(api.crm.factory) as s:
        for i, text in enumerate([side.text, *misses, *unrelated]):
            rec = _receipt(ta, 1, text, request_id="req-side-mention" if i == 0 else f"req-x{i}")
            save(s, rec)
            made[text] = rec.receipt_id
        rec_b = _receipt(tb, 1, "Ask LAYLA about the fleet.")
        save(s, rec_b)

    cid = api.crm.contacts["a"].id
    # The export shows the stored prompt of the receipts of requests about the subject.
    doc = api.get(f"/v1/admin/subjects/{cid}", "a:admin").json()["stores"]["model_calls"]["receipts"]
    assert [r["receipt_id"] for r in doc] == [about]
    _assert_placeholders_only(doc[0]["prompt_redacted"])

    r = api.post(f"/v1/admin/subjects/{cid}/erasure", "a:admin")
    assert r.status_code == 200, r.text
    assert r.json()["erased"]["model_calls"] == 2 + len(misses)

    def prompt(tenant, rid):
        with api.crm.factory() as s:
            rec = get_receipt(s, tenant_id=tenant, receipt_id=rid)
        assert rec is not None  # the receipt itself stays
        return rec["prompt_redacted"]

    assert prompt(ta, about) is None
    assert prompt(ta, made[side.text]) is None
    for text in misses:
        assert prompt(ta, made[text]) is None, text
    for text in unrelated:
        assert prompt(ta, made[text]) == [{"role": "user", "content": text}], text
    assert prompt(ta, other_contact) is not None
    assert prompt(tb, other_tenant) is not None and prompt(tb, rec_b.receipt_id) is not None


def test_lifting_a_restriction_applies_from_the_next_request_and_is_audited(api):
    cid = api.crm.contacts["a"].id
    url = f"/v1/admin/subjects/{cid}/restriction"
    assert api.put(url, "a:admin", json={"basis": "objection"}).status_code == 200
    assert api.summarise("a:rep_lead", "a:rep").status_code == 404  # restricted: not processed
    r = api.delete(url, "a:admin")
    assert r.status_code == 200 and r.json() == {"contact_id": cid, "restricted": False, "lifted": True}
    assert api.summarise("a:rep_lead", "a:rep").status_code == 200  # the very next request
    assert api.delete(url, "a:admin").json()["lifted"] is False  # idempotent
    items = api.get("/v1/admin/audit", "a:admin", params={"capability": "subject_restriction_lift"}).json()["items"]
    assert len(items) == 2 and items[0]["record_refs"] == [f"contact:{cid}"]
    assert {i["params_sent"]["lifted"] for i in items} == {0, 1}


@pytest.mark.parametrize("who", ["a:rep", "a:manager"])
def test_only_admins_lift_a_restriction(api, who):
    cid = api.crm.contacts["a"].id
    assert api.put(f"/v1/admin/subjects/{cid}/restriction", "a:admin").status_code == 200
    assert api.delete(f"/v1/admin/subjects/{cid}/restriction", who).status_code == 403
    assert api.get(f"/v1/admin/subjects/{cid}/restriction", "a:admin").json()["restricted"] is True
