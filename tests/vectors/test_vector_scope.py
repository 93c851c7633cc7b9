"""vector_scope(): the principal's CRM visibility and the DataScope, as one filter. Deny by default."""

from __future__ import annotations

import pytest

from connectors.vectors import vector_scope
from guardrails.principal import Principal
from guardrails.scopes.datascope import DataScope, default_fields

F = default_fields()


def P(role: str, branches=(1,), user=7) -> Principal:
    return Principal(tenant_id=1, tenant_slug="t", user_id=user, role=role, branch_ids=frozenset(branches))


@pytest.mark.parametrize("principal, scope, branches, owner, deny", [
    (P("admin", ()), DataScope(fields=F), None, None, False),
    (P("manager", (1, 2)), DataScope(fields=F), {1, 2}, None, False),
    (P("sales_rep", (1,)), DataScope(fields=F), {1}, 7, False),
    (P("manager", ()), DataScope(fields=F), None, None, True),  # no branch: nothing
    (P("sales_rep", ()), DataScope(fields=F), None, None, True),
    (P("auditor", (1,)), DataScope(fields=F), None, None, True),  # unknown role
    (P("admin", ()), DataScope(fields=F, branch_ids=frozenset({3})), {3}, None, False),
    (P("manager", (1, 2)), DataScope(fields=F, branch_ids=frozenset({2, 3})), {2}, None, False),
    (P("manager", (1,)), DataScope(fields=F, branch_ids=frozenset({3})), None, None, True),
    (P("manager", (1,)), DataScope(fields=F, rows="own"), {1}, 7, False),
    (P("admin", ()), DataScope(fields=F - {"activity.body"}), None, None, True),
    (P("admin", ()), DataScope(fields=F, rows="everything"), None, None, True),  # type: ignore[arg-type]
])
def test_mapping(principal, scope, branches, owner, deny):
    vs = vector_scope(principal, scope)
    assert vs.deny_all is deny
    if not deny:
        assert vs.branch_ids == (frozenset(branches) if branches is not None else None)
        assert vs.owner_id == owner


def test_special_and_restricted_pass_through():
    vs = vector_scope(P("admin", ()), DataScope(fields=default_fields(allow_special=True), allow_special=True,
                                                restricted_contact_ids=frozenset({5, 6})))
    assert vs.allow_special and vs.exclude_contact_ids == {5, 6}
    assert not vector_scope(P("admin", ()), DataScope(fields=F)).allow_special
