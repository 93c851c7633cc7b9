"""DataScope: the entities, fields and rows the AI may read for one request.

Readers take a DataScope and never load a field or row outside it, so nothing outside it can
reach a prompt. Fields are named `entity.column`; an unlisted field is not readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

RowRule = Literal["own", "own_branches", "all"]


@dataclass(frozen=True)
class DataScope:
    fields: frozenset[str]  # "contact.first_name", "activity.body", ...
    rows: RowRule = "own_branches"
    branch_ids: frozenset[int] | None = None  # None: every branch the user may see
    max_records: int = 50
    allow_special: bool = False
    restricted_contact_ids: frozenset[int] = field(default_factory=frozenset)
    scope_version: int = 0
    # What else the tenant's scope allows this role (filled by ScopeEngine; empty = nothing).
    channels: frozenset[str] = frozenset()  # draft channels: email | whatsapp | sms
    metrics: frozenset[str] = frozenset()  # analytics metric names, "*" = the whole catalogue
    dimensions: frozenset[str] = frozenset()
    providers: frozenset[str] = frozenset()  # provider names; empty = the deployment default only
    regions: frozenset[str] = frozenset({"eu"})

    def can_read(self, entity: str, column: str) -> bool:
        return f"{entity}.{column}" in self.fields

    def allows_metric(self, name: str) -> bool:
        return "*" in self.metrics or name in self.metrics

    def allows_dimension(self, name: str) -> bool:
        return "*" in self.dimensions or name in self.dimensions

    def allows_channel(self, channel: str) -> bool:
        return channel in self.channels


def default_fields(*, allow_special: bool = False) -> frozenset[str]:
    """Every public, internal and personal CRM column (special only when allowed)."""
    from connectors.crm.models import Activity, Branch, Contact, Lead, Transaction, User, Wallet

    names = {"contact": Contact, "lead": Lead, "activity": Activity, "branch": Branch,
             "user": User, "wallet": Wallet, "transaction": Transaction}
    out = set()
    for entity, model in names.items():
        for col in model.__table__.columns:
            cls = col.info["data_class"]
            if cls != "special" or allow_special:
                out.add(f"{entity}.{col.name}")
    return frozenset(out)
