"""Default scope documents per tenant kind, used while a tenant has stored no version (version 0).

Minimal by default: reps read what a follow-up needs (names, contact channels, the notes of
their own leads), never identity numbers, addresses, dates of birth, IBANs, or health data.
Clinics start with special-category data off; an admin can enable it per role only with a
recorded legal basis (e.g. GDPR Art. 9(2)(h)). See docs/scopes.md.
"""

from __future__ import annotations

from guardrails.scopes.document import ScopeDocument

_CONTACT_BASICS = ["contact.first_name", "contact.last_name", "contact.name_alt", "contact.company",
                   "contact.city", "contact.country", "contact.preferred_language"]
_CONTACT_CHANNELS = ["contact.email", "contact.phone"]
_LEAD = ["lead.title", "lead.stage", "lead.status", "lead.source", "lead.value", "lead.currency",
         "lead.created_at", "lead.closed_at"]
_ACTIVITY = ["activity.kind", "activity.subject", "activity.body", "activity.language", "activity.occurred_at"]
_PEOPLE = ["user.full_name", "branch.name", "branch.city", "branch.country", "branch.currency"]
_ENTITIES = ["contact", "lead", "activity", "user", "branch"]
_ALL_CAPS = ["lead_summary", "message_draft", "analytics", "note_search", "chat"]


def _role(*, capabilities, rows, max_records, fields, analytics=False, channels=("email", "whatsapp", "sms")):
    return {
        "capabilities": list(capabilities),
        "entities": list(_ENTITIES),
        "fields": list(fields),
        "data_classes": [],
        "rows": rows,
        "branches": None,
        "max_records": max_records,
        "analytics": {"metrics": ["*"], "dimensions": ["*"]} if analytics else {"metrics": [], "dimensions": []},
        "draft_channels": list(channels),
    }


def _sales() -> dict:
    fields = _CONTACT_BASICS + _CONTACT_CHANNELS + _LEAD + _ACTIVITY + _PEOPLE
    return {
        "kind": "sales",
        "roles": {
            "sales_rep": _role(capabilities=["lead_summary", "message_draft", "note_search", "chat"],
                               rows="own", max_records=50, fields=fields),
            "manager": _role(capabilities=_ALL_CAPS, rows="own_branches", max_records=200, fields=fields,
                             analytics=True),
            "admin": _role(capabilities=_ALL_CAPS, rows="all", max_records=500, fields=fields, analytics=True),
        },
        "models": {"providers": [], "regions": ["eu"]},
        "retention": {"conversations_days": 30, "vault_days": 30, "audit_days": 730},
    }


def _clinic() -> dict:
    # Front-desk staff (role sales_rep) handle appointments and reminders: no note search over
    # clinical notes, SMS/WhatsApp/email reminders only, names and channels only.
    desk = _CONTACT_BASICS + _CONTACT_CHANNELS + _LEAD + ["activity.kind", "activity.occurred_at",
                                                          "activity.language", "activity.body"] + _PEOPLE
    return {
        "kind": "clinic",
        "roles": {
            "sales_rep": _role(capabilities=["lead_summary", "message_draft", "chat"], rows="own",
                               max_records=30, fields=desk),
            "manager": _role(capabilities=["lead_summary", "message_draft", "analytics", "chat"],
                             rows="own_branches", max_records=100, fields=desk, analytics=True),
            "admin": _role(capabilities=["lead_summary", "analytics", "chat"], rows="all", max_records=200,
                           fields=desk, analytics=True, channels=()),
        },
        "models": {"providers": [], "regions": ["eu"]},
        # Shorter AI-side retention for patient conversations; audit kept for accountability.
        "retention": {"conversations_days": 14, "vault_days": 14, "audit_days": 1825},
    }


def default_document(kind: str) -> ScopeDocument:
    """The default document of a tenant kind ("sales" or "clinic"; anything else gets "sales")."""
    return ScopeDocument.model_validate(_clinic() if kind == "clinic" else _sales())
