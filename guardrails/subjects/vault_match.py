"""Finding a subject's values in the placeholder vaults.

Two nets: (1) the per-tenant HMAC of each value's lookup form, in every conversation, found by index
without decrypting anything; (2) inside the conversations of requests that referenced the subject,
every entry is decrypted and compared loosely (name parts, phone formats, digits), because notes
write values in forms the CRM fields do not (a local phone number, a first name alone).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardrails.subjects.profile import SubjectProfile, phone_variants

_LOOKUP_TYPES = ("PERSON", "EMAIL", "PHONE", "NATIONAL_ID", "IBAN")


def _forms(profile: SubjectProfile) -> tuple[set[str], set[str]]:
    """(lookup keys, loose forms) of the subject's values."""
    from guardrails.redaction.normalise import digits_only, normalise_value
    from guardrails.redaction.redactor import value_key

    keys: set[str] = set()
    loose: set[str] = set()
    for value, typ in profile.values:
        for t in {typ, *_LOOKUP_TYPES}:
            keys.add(value_key(value, t))
        norm = normalise_value(value)
        loose.add(norm)
        if typ == "PERSON":
            loose |= {tok for tok in norm.split() if len(tok) >= 2}
        if typ in ("PHONE", "NATIONAL_ID", "IBAN"):
            variants = phone_variants(value) if typ == "PHONE" else {digits_only(value)}
            for v in variants:
                keys.add(value_key(v, "PHONE"))
                keys.add(normalise_value(v))
                loose.add(v)
    return {k for k in keys if k}, {f for f in loose if f}


def _matches(value: str, loose: set[str]) -> bool:
    from guardrails.redaction.normalise import digits_only, normalise_value

    norm = normalise_value(value)
    if norm in loose:
        return True
    digits = digits_only(value)
    return len(digits) >= 6 and (digits in loose or any(d.endswith(digits) or digits.endswith(d)
                                                         for d in loose if d.isdigit() and len(d) >= 6))


class _RowsStore:
    """A read-only VaultStore over rows already loaded, so `Vault.mapping()` can decrypt them."""

    def __init__(self, rows: list) -> None:
        self._rows = rows

    def entries(self, tenant_id: int, conversation_id: str, now: datetime) -> list:
        from guardrails.redaction.sql_store import _to_entry

        return [_to_entry(r) for r in self._rows if r.conversation_id == conversation_id]


def _decrypt_all(rows: list, *, tenant_id: int, master_key: bytes) -> dict[int, str | None]:
    from guardrails.redaction.vault import Vault

    out: dict[int, str | None] = {}
    by_conv: dict[str, list] = {}
    for r in rows:
        by_conv.setdefault(r.conversation_id, []).append(r)
    for conv, conv_rows in by_conv.items():
        vault = Vault(tenant_id=tenant_id, conversation_id=conv, store=_RowsStore(conv_rows), key=master_key)
        mapping = vault.mapping()
        for r in conv_rows:
            out[r.id] = mapping.get(r.placeholder)
    return out


def matching_entries(session: Session, *, profile: SubjectProfile, master_key: bytes,
                     conversations: set[str]) -> list[tuple[object, str | None]]:
    """Vault rows holding the subject's values, with their decrypted value."""
    from guardrails.redaction.sql_store import VaultEntry
    from guardrails.redaction.vault import value_hmac

    keys, loose = _forms(profile)
    tenant_id = profile.tenant_id
    hmacs = sorted({value_hmac(master_key, tenant_id, k) for k in keys})
    found: dict[int, object] = {}
    for i in range(0, len(hmacs), 500):
        for row in session.scalars(select(VaultEntry).where(VaultEntry.tenant_id == tenant_id,
                                                            VaultEntry.value_hmac.in_(hmacs[i : i + 500]))):
            found[row.id] = row
    convs = sorted(conversations)
    candidates: list = []
    for i in range(0, len(convs), 500):
        candidates += list(session.scalars(select(VaultEntry).where(
            VaultEntry.tenant_id == tenant_id, VaultEntry.conversation_id.in_(convs[i : i + 500]))))
    values = _decrypt_all(list(found.values()) + [c for c in candidates if c.id not in found],
                          tenant_id=tenant_id, master_key=master_key)
    for row in candidates:
        if row.id not in found and values.get(row.id) is not None and _matches(values[row.id], loose):
            found[row.id] = row
    return [(row, values.get(rid)) for rid, row in sorted(found.items())]
