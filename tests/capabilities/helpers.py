"""Shared helpers of the capability tests: auth headers, a fake model that answers every purpose."""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from guardrails.audit.models import AuditRecord
from tests.fixtures import summary_reply, token_for

PERSONAL = ["Layla", "Haddad", "ليلى", "حداد", "+966 50 123 4567", "0501234567", "٠٥٠١٢٣٤٥٦٧",
            "layla.haddad@a-mail.example", "layla.haddad@b-mail.example", "1012345674", "King Fahd Road"]


def h(crm, settings, who):
    return {"Authorization": f"Bearer {token_for(crm, settings, who)}"}


def person(text: str) -> str:
    # The contact line of the data block: the system prompt's rules also show an example placeholder.
    m = re.search(r"Contact: (<PERSON_\d+>)", text) or re.search(r"<PERSON_\d+>", text.split("<crm_data>")[-1])
    return m.group(m.lastindex or 0) if m else "the customer"


def draft_reply(request) -> str:
    return json.dumps({"subject": "Your fleet software renewal",
                       "body": f"Dear {person(request.text)}, thank you for your time. We can offer the 10% "
                               "discount you asked for. Shall we meet on Sunday?"})


def smart_reply(request) -> str:
    """Answers by purpose, recognised from the JSON schema it was given."""
    props = (request.json_schema or {}).get("properties", {})
    if "capability" in props:
        return json.dumps({"capability": "lead_question", "lead_id": None})
    if "needs" in props:
        return summary_reply(request)
    if "body" in props:
        return draft_reply(request)
    ids = re.findall(r"\[A(\d+)\]", request.text)
    return f"{person(request.text)} asked for a 10% discount [A{ids[0] if ids else 0}]."


def audit_rows(crm, tenant_key="a"):
    with crm.factory() as s:
        return s.scalars(select(AuditRecord).where(AuditRecord.tenant_id == crm.tenants[tenant_key])
                         .order_by(AuditRecord.id)).all()


def sent_texts(services) -> str:
    return "\n".join(r.text for r in services.fake_model.requests)


def assert_no_personal(text: str) -> None:
    for value in PERSONAL:
        assert value not in text, value
