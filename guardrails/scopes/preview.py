"""Preview: exactly what the AI would receive for one request, and what would be withheld and why.

The context is read with `ScopedReader` under the decided DataScope, assembled by the
capability's own builder, and redacted into a throwaway in-memory vault, so the preview shows
placeholders, never the personal values, and leaves no vault entries behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from connectors.crm.reader import SPECIAL_CONTACT_FIELDS, LeadContext, ScopedReader
from guardrails.principal import Principal
from guardrails.scopes.catalogue import field_class
from guardrails.scopes.datascope import DataScope
from guardrails.scopes.decision import Decision

# (context) → (system text, user text): the capability's own prompt assembly.
ContextBuilder = Callable[[LeadContext, str], tuple[str, str]]

# The fields ScopedReader.lead_context can load; anything of these outside the scope is withheld.
READER_FIELDS = (
    tuple(f"lead.{c}" for c in ("title", "stage", "status", "source", "value", "currency", "created_at",
                                "closed_at"))
    + tuple(f"contact.{c}" for c in ("first_name", "last_name", "name_alt", "company", "email", "phone",
                                     "national_id", "address", "city", "country", "preferred_language")
            + SPECIAL_CONTACT_FIELDS)
    + ("activity.body", "user.full_name")
)


def decision_view(decision: Decision, language: str) -> dict[str, Any]:
    return {"allowed": decision.allowed, "reason": decision.reason, "policy_id": decision.policy_id,
            "scope_version": decision.scope_version,
            "message": None if decision.allowed else decision.message(language)}


def scope_view(scope: DataScope) -> dict[str, Any]:
    return {
        "fields": sorted(scope.fields), "rows": scope.rows,
        "branch_ids": None if scope.branch_ids is None else sorted(scope.branch_ids),
        "max_records": scope.max_records, "allow_special": scope.allow_special,
        "restricted_subjects": len(scope.restricted_contact_ids), "draft_channels": sorted(scope.channels),
        "metrics": sorted(scope.metrics), "dimensions": sorted(scope.dimensions),
        "providers": sorted(scope.providers), "regions": sorted(scope.regions),
    }


def withheld_fields(scope: DataScope) -> list[dict[str, str]]:
    out = []
    for name in READER_FIELDS:
        if name in scope.fields:
            continue
        special = field_class(name) == "special" and not scope.allow_special
        out.append({"field": name, "reason": "special-category data without a recorded legal basis"
                    if special else "not in the role's scope"})
    return out


def build_preview(session: Session, *, principal: Principal, decision: Decision, scope: DataScope,
                  lead_id: int | None, redactor: Any, vault_key: bytes, builder: ContextBuilder | None,
                  language: str) -> dict[str, Any]:
    """The preview body: decision, scope, the redacted prompt (if any), and what is withheld."""
    from guardrails.redaction import InMemoryVaultStore, Vault

    out: dict[str, Any] = {"decision": decision_view(decision, language), "scope": scope_view(scope),
                           "prompt": None, "record_refs": [], "fields_sent": [], "redaction_counts": {},
                           "withheld": [], "refused": []}
    if not decision.allowed:
        out["refused"].append({"what": "request", "reason": decision.message(language),
                               "policy_id": decision.policy_id})
        return out
    out["withheld"] = withheld_fields(scope)
    if lead_id is None or builder is None:
        return out
    ctx = ScopedReader(session, principal=principal, scope=scope).lead_context(lead_id)
    if ctx is None:
        out["refused"].append({"what": "lead", "policy_id": "scopes.rows_not_allowed",
                               "reason": "The lead is outside this user's rows or branches, or its subject "
                                         "is restricted."})
        return out
    if ctx.withheld_special:
        out["withheld"].append({"field": "activity.body", "reason": f"{ctx.withheld_special} clinical "
                                "note(s) withheld: special-category data without a recorded legal basis"})
    vault = Vault(tenant_id=principal.tenant_id, conversation_id=f"preview:{uuid.uuid4().hex}",
                  store=InMemoryVaultStore(), key=vault_key)
    system, user = builder(ctx, language)
    counts: dict[str, int] = {}
    texts = []
    for text in (system, user):
        red = redactor.redact(text, vault=vault, known=ctx.known, allow_special=scope.allow_special)
        for k, v in red.counts.items():
            counts[k] = counts.get(k, 0) + int(v)
        texts.append(red.text)
    out.update(prompt={"system": texts[0], "user": texts[1]}, record_refs=ctx.record_refs,
               fields_sent=sorted(set(ctx.fields_read)), redaction_counts=counts)
    return out
