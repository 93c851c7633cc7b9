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


def search_ef(scope: VectorScope, hnsw_ef: int, hnsw_ef_filtered: int) -> int:
    """The HNSW beam for this query: a branch or owner filter keeps a fraction of the graph, so the
    walk needs a wider beam for the same recall (both backends use this rule)."""
    narrowed = scope.branch_ids is not None or scope.owner_id is not None
    return hnsw_ef_filtered if narrowed else hnsw_ef


def qdrant_filter(scope: VectorScope, m) -> object | None:
    """The scope as a Qdrant filter. `m` is the model module of the backend (qdrant_edge or
    qdrant_client.models): both name their filter classes alike, so one function serves both."""
    must: list = []
    must_not: list = []
    if scope.branch_ids is not None:
        must.append(m.FieldCondition(key="branch_id", match=m.MatchAny(any=sorted(scope.branch_ids))))
    if scope.owner_id is not None:
        must.append(m.FieldCondition(key="owner_id", match=m.MatchValue(value=int(scope.owner_id))))
    if not scope.allow_special:
        must_not.append(m.FieldCondition(key="data_class", match=m.MatchValue(value="special")))
    if scope.exclude_contact_ids:
        must_not.append(m.FieldCondition(key="contact_ids", match=m.MatchAny(any=sorted(scope.exclude_contact_ids))))
    if not must and not must_not:
        return None
    return m.Filter(must=must or None, must_not=must_not or None)


def contact_filter(contact_id: int, m) -> object:
    """Every point that concerns one contact (erasure)."""
    return m.Filter(must=[m.FieldCondition(key="contact_ids", match=m.MatchAny(any=[int(contact_id)]))])
