"""The catalogue a scope document may name: roles, capabilities, CRM entities and their fields.

Built from the CRM tables' column `info` at import, so a new column gets its data class from
the model and never becomes readable by accident: fields are granted by name or by class.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

from guardrails.principal import ROLES
from guardrails.scopes.decision import CAPABILITIES
from guardrails.types import DATA_CLASSES

CHANNELS = ("email", "whatsapp", "sms")
ROW_RULES = ("own", "own_branches", "all")
WILDCARD = "*"  # in metric and dimension lists: everything the analytics catalogue defines


@lru_cache(maxsize=1)
def entity_fields() -> Mapping[str, Mapping[str, str]]:
    """entity → {column: data class} for every CRM entity the AI could read."""
    from connectors.crm.models import Activity, Branch, Contact, Lead, Transaction, User, Wallet

    models = {"contact": Contact, "lead": Lead, "activity": Activity, "branch": Branch,
              "user": User, "wallet": Wallet, "transaction": Transaction}
    return MappingProxyType({
        entity: MappingProxyType({c.name: c.info["data_class"] for c in model.__table__.columns})
        for entity, model in models.items()
    })


def entities() -> tuple[str, ...]:
    return tuple(entity_fields())


def field_class(name: str) -> str | None:
    """The data class of `entity.column`, or None when no such field exists."""
    entity, _, column = name.partition(".")
    return entity_fields().get(entity, {}).get(column)


def fields_of(entity: str, classes: frozenset[str] | set[str]) -> set[str]:
    return {f"{entity}.{col}" for col, cls in entity_fields().get(entity, {}).items() if cls in classes}


__all__ = ["CAPABILITIES", "CHANNELS", "DATA_CLASSES", "ROLES", "ROW_RULES", "WILDCARD",
           "entities", "entity_fields", "field_class", "fields_of"]
