"""Principals of the tiny CRM, built as authentication would build them."""

from __future__ import annotations

from guardrails.principal import Principal
from guardrails.scopes.datascope import DataScope, default_fields

ROLES = {"rep": "sales_rep", "rep2": "sales_rep", "rep_tallinn": "sales_rep", "manager": "manager", "admin": "admin"}
BRANCH = {"rep": "riyadh", "rep2": "riyadh", "manager": "riyadh", "rep_tallinn": "tallinn", "admin": None}


def principal(crm, who: str) -> Principal:
    key, name = who.split(":")
    branch = BRANCH[name]
    return Principal(tenant_id=crm.tenants[key], tenant_slug=f"tenant-{key}", user_id=crm.users[who],
                     role=ROLES[name], branch_ids=frozenset({crm.branches[f"{key}:{branch}"]}) if branch else frozenset())


def scope(**kw) -> DataScope:
    return DataScope(fields=default_fields(allow_special=kw.get("allow_special", False)), **kw)
