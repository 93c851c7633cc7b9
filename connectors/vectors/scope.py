"""From (principal, DataScope) to a VectorScope: the same rows the scoped CRM reader allows.

CRM visibility (connectors/crm/access.py): admin → all; manager → their branches; sales rep →
their own leads within their branches. The DataScope narrows further: `rows == "own"`, a branch
subset, special-category notes, restricted subjects. Anything unknown denies everything.
"""

from __future__ import annotations

from connectors.vectors.base import VectorScope
from guardrails.principal import Principal
from guardrails.scopes.datascope import DataScope


def vector_scope(principal: Principal, scope: DataScope) -> VectorScope:
    if not scope.can_read("activity", "body"):
        return VectorScope.nothing("activity.body not in scope")
    branches: frozenset[int] | None
    owner: int | None = None
    if principal.role == "admin":
        branches = None
    elif principal.role in ("manager", "sales_rep"):
        if not principal.branch_ids:
            return VectorScope.nothing("user has no branch")
        branches = frozenset(principal.branch_ids)
        if principal.role == "sales_rep":
            owner = principal.user_id
    else:
        return VectorScope.nothing("unknown role")
    if scope.rows == "own":
        owner = principal.user_id
    elif scope.rows not in ("own_branches", "all"):
        return VectorScope.nothing("unknown row rule")
    if scope.branch_ids is not None:
        branches = frozenset(scope.branch_ids) if branches is None else branches & frozenset(scope.branch_ids)
    if branches is not None and not branches:
        return VectorScope.nothing("no branch in scope")
    return VectorScope(branch_ids=branches, owner_id=owner, allow_special=scope.allow_special,
                       exclude_contact_ids=frozenset(scope.restricted_contact_ids),
                       reason="scoped")
