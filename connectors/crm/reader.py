"""The scoped reader: the only way capabilities assemble prompt context from the CRM.

It reads through a tenant-scoped session, applies the user's CRM visibility and the request's
DataScope (fields, rows, restricted subjects, special category), and returns plain values plus
the personal values the redactor must look for (field-aware detection).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.crm.access import lead_visibility
from connectors.crm.models import Activity, Branch, Contact, Lead, User
from guardrails.principal import Principal
from guardrails.scopes.datascope import DataScope
from guardrails.types import KnownValue

CONTACT_KNOWN_TYPES = {
    "first_name": "PERSON", "last_name": "PERSON", "name_alt": "PERSON", "email": "EMAIL",
    "phone": "PHONE", "national_id": "NATIONAL_ID", "address": "ADDRESS", "date_of_birth": "DATE_OF_BIRTH",
}
SPECIAL_CONTACT_FIELDS = ("health_conditions", "medications", "allergies")


@dataclass(frozen=True)
class ActivityView:
    id: int
    kind: str
    occurred_at: datetime
    language: str
    body: str | None
    author: str | None


@dataclass(frozen=True)
class LeadContext:
    lead_id: int
    contact_id: int
    lead: dict[str, object]
    contact: dict[str, object]
    activities: list[ActivityView]
    known: list[KnownValue]
    record_refs: list[str]
    fields_read: list[str]
    withheld_special: int = 0
    owner_name: str | None = None
    branch_name: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


class ScopedReader:
    def __init__(self, session: Session, *, principal: Principal, scope: DataScope) -> None:
        self.session = session
        self.principal = principal
        self.scope = scope

    def _lead_rows(self):
        stmt = select(Lead).where(lead_visibility(self.principal))
        if self.scope.rows == "own":
            stmt = stmt.where(Lead.owner_id == self.principal.user_id)
        if self.scope.branch_ids is not None:
            stmt = stmt.where(Lead.branch_id.in_(sorted(self.scope.branch_ids)))
        if self.scope.restricted_contact_ids:
            stmt = stmt.where(Lead.contact_id.not_in(sorted(self.scope.restricted_contact_ids)))
        return stmt

    def visible_lead(self, lead_id: int) -> Lead | None:
        return self.session.scalar(self._lead_rows().where(Lead.id == lead_id))

    def lead_context(self, lead_id: int, *, max_activities: int = 12) -> LeadContext | None:
        """The lead, its contact and recent activities, limited to the scope. None if not visible."""
        lead = self.visible_lead(lead_id)
        if lead is None:
            return None
        contact = self.session.get(Contact, lead.contact_id)
        if contact is None:
            return None
        fields_read: list[str] = []
        lead_vals = self._pick("lead", lead, ("title", "stage", "status", "source", "value", "currency",
                                               "created_at", "closed_at"), fields_read)
        contact_vals = self._pick("contact", contact, ("first_name", "last_name", "name_alt", "company",
                                                       "email", "phone", "national_id", "address", "city",
                                                       "country", "preferred_language")
                                  + SPECIAL_CONTACT_FIELDS, fields_read)
        known = self._known_values(contact)
        limit = max(0, min(max_activities, self.scope.max_records - 1))
        stmt = (
            select(Activity, User.full_name)
            .outerjoin(User, User.id == Activity.author_id)
            .where(Activity.lead_id == lead.id)
            .order_by(Activity.occurred_at.desc(), Activity.id.desc())
            .limit(limit)
        )
        withheld = 0
        activities: list[ActivityView] = []
        read_body = self.scope.can_read("activity", "body")
        for act, author in self.session.execute(stmt):
            body = act.body if read_body else None
            if act.body_class == "special" and not self.scope.allow_special:
                body, withheld = None, withheld + 1
            activities.append(ActivityView(act.id, act.kind, act.occurred_at, act.language, body,
                                           author if self.scope.can_read("user", "full_name") else None))
            if author and self.scope.can_read("user", "full_name"):
                known.append(KnownValue(author, "PERSON", "personal", f"user:{act.author_id}"))
        if read_body and activities:
            fields_read.append("activity.body")
        owner = self.session.get(User, lead.owner_id) if lead.owner_id else None
        branch = self.session.get(Branch, lead.branch_id) if lead.branch_id else None
        if owner is not None:
            known.append(KnownValue(owner.full_name, "PERSON", "personal", f"user:{owner.id}"))
        refs = [f"lead:{lead.id}", f"contact:{contact.id}"] + [f"activity:{a.id}" for a in activities]
        return LeadContext(
            lead_id=lead.id, contact_id=contact.id, lead=lead_vals, contact=contact_vals,
            activities=activities, known=_dedupe(known), record_refs=refs, fields_read=fields_read,
            withheld_special=withheld, owner_name=owner.full_name if owner else None,
            branch_name=branch.name if branch else None,
        )

    def _pick(self, entity: str, obj: object, columns: tuple[str, ...], fields_read: list[str]) -> dict:
        out: dict[str, object] = {}
        for col in columns:
            if not self.scope.can_read(entity, col):
                continue
            value = getattr(obj, col)
            if value is None:
                continue
            out[col] = value
            fields_read.append(f"{entity}.{col}")
        return out

    def _known_values(self, contact: Contact) -> list[KnownValue]:
        """Every personal and special value of the contact, read or not: redaction must catch
        them even where they appear inside free text."""
        known: list[KnownValue] = []
        ref = f"contact:{contact.id}"
        for col, typ in CONTACT_KNOWN_TYPES.items():
            value = getattr(contact, col)
            if value:
                known.append(KnownValue(str(value), typ, "personal", ref))
        if contact.first_name and contact.last_name:
            known.append(KnownValue(contact.full_name, "PERSON", "personal", ref))
        for col in SPECIAL_CONTACT_FIELDS:
            value = getattr(contact, col)
            if value:
                for part in str(value).split(";"):
                    if part.strip():
                        known.append(KnownValue(part.strip(), "HEALTH", "special", ref))
        return known


def _dedupe(values: list[KnownValue]) -> list[KnownValue]:
    seen: set[tuple[str, str]] = set()
    out = []
    for v in values:
        key = (v.value, v.type)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def money(value: Decimal | None, currency: str | None) -> str:
    if value is None:
        return ""
    return f"{value:,.2f} {currency or ''}".strip()
