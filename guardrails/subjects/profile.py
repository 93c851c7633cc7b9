"""What identifies a data subject inside the AI layer: record references and personal values."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from connectors.crm.models import Activity, Contact, Lead, Transaction, Wallet
from guardrails.audit.models import AuditRef

# Contact columns whose values the redactor may have put in a vault, with the detector types.
VALUE_COLUMNS = {
    "first_name": "PERSON", "last_name": "PERSON", "name_alt": "PERSON", "email": "EMAIL", "phone": "PHONE",
    "national_id": "NATIONAL_ID", "address": "ADDRESS", "date_of_birth": "DATE_OF_BIRTH",
}
SPECIAL_COLUMNS = ("health_conditions", "medications", "allergies")


@dataclass(frozen=True)
class SubjectProfile:
    tenant_id: int
    contact_id: int
    in_crm: bool
    refs: frozenset[str]  # "contact:7", "lead:12", "activity:40", ...
    values: tuple[tuple[str, str], ...]  # (value, type); never logged

    @property
    def contact_ref(self) -> str:
        return f"contact:{self.contact_id}"


def load_profile(session: Session, *, tenant_id: int, contact_id: int) -> SubjectProfile | None:
    """The subject's references and values; None when the tenant has never held this contact."""
    contact = session.scalar(select(Contact).where(Contact.tenant_id == tenant_id, Contact.id == contact_id))
    ref = f"contact:{contact_id}"
    if contact is None:
        # Erased from the CRM already: the AI layer may still hold references to shred.
        known = session.scalar(select(AuditRef.seq).where(AuditRef.tenant_id == tenant_id, AuditRef.ref == ref)
                               .limit(1))
        if known is None:
            return None
        return SubjectProfile(tenant_id, contact_id, False, frozenset({ref}), ())
    lead_ids = list(session.scalars(select(Lead.id).where(Lead.tenant_id == tenant_id, Lead.contact_id == contact_id)))
    cond = Activity.contact_id == contact_id
    if lead_ids:
        cond = or_(cond, Activity.lead_id.in_(lead_ids))
    act_ids = session.scalars(select(Activity.id).where(Activity.tenant_id == tenant_id, cond))
    wallets = list(session.execute(select(Wallet.id, Wallet.iban).where(
        Wallet.tenant_id == tenant_id, Wallet.contact_id == contact_id)))
    tx_ids = (session.scalars(select(Transaction.id).where(Transaction.tenant_id == tenant_id,
                                                         Transaction.wallet_id.in_([w.id for w in wallets])))
              if wallets else [])
    refs = {ref} | {f"lead:{i}" for i in lead_ids} | {f"activity:{i}" for i in act_ids}
    refs |= {f"wallet:{w.id}" for w in wallets} | {f"transaction:{i}" for i in tx_ids}
    return SubjectProfile(tenant_id, contact_id, True, frozenset(refs), _values(contact, wallets))


def _values(contact: Contact, wallets: list) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for col, typ in VALUE_COLUMNS.items():
        v = getattr(contact, col)
        if v:
            out.append((str(v), typ))
    if contact.first_name and contact.last_name:
        out.append((contact.full_name, "PERSON"))
    for col in SPECIAL_COLUMNS:
        for part in str(getattr(contact, col) or "").split(";"):
            if part.strip():
                out.append((part.strip(), "HEALTH"))
    for w in wallets:
        if w.iban:
            out.append((str(w.iban), "IBAN"))
    return tuple(dict.fromkeys(out))


def phone_variants(value: str) -> set[str]:
    """Forms a phone number takes in notes: E.164, national with trunk 0, digits only."""
    out = {"".join(c for c in value if c.isdigit())}
    try:
        num = phonenumbers.parse(value, None)
        nsn = phonenumbers.national_significant_number(num)
        out |= {nsn, "0" + nsn, phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)}
    except phonenumbers.NumberParseException:
        pass
    return {v for v in out if len(v) >= 6}
