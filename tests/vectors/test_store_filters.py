"""Each layer of scoped note search on its own, so one layer cannot hide a bug in the other.

The vector query applies the scope (branch, owner, special notes, restricted contacts) on every
backend, inside the query: a narrow scope still fills `limit`. And the CRM re-check alone keeps
out-of-scope notes away even when the vector store proposes them (a stale or wrong payload).
"""

from __future__ import annotations

import numpy as np
import pytest

from connectors.vectors import NotePoint, VectorScope
from connectors.vectors.notes import NoteSearch
from tests.vectors.conftest import make_stores
from tests.vectors.helpers import principal, scope

DIM = 16
N = 240


def _point(i: int, rng: np.random.Generator) -> NotePoint:
    return NotePoint(activity_id=i, vector=rng.standard_normal(DIM).astype(np.float32), lead_id=i % 7,
                     contact_ids=(100 + i % 5,), branch_id=1 + i % 3, owner_id=10 + i % 4, author_id=1,
                     data_class="special" if i % 6 == 0 else "personal", language="en", kind="call",
                     occurred_at=0)


def _allowed(p: NotePoint, s: VectorScope) -> bool:
    return ((s.branch_ids is None or p.branch_id in s.branch_ids)
            and (s.owner_id is None or p.owner_id == s.owner_id)
            and (s.allow_special or p.data_class != "special")
            and not set(p.contact_ids) & s.exclude_contact_ids)


SCOPES = {
    "admin": VectorScope(allow_special=True),
    "no_special": VectorScope(),
    "branch": VectorScope(branch_ids=frozenset({2})),
    "two_branches": VectorScope(branch_ids=frozenset({1, 3}), allow_special=True),
    "rep": VectorScope(branch_ids=frozenset({2}), owner_id=11),
    "restricted": VectorScope(allow_special=True, exclude_contact_ids=frozenset({101, 103})),
    "rep_restricted": VectorScope(branch_ids=frozenset({1}), owner_id=13, exclude_contact_ids=frozenset({100})),
}


@pytest.fixture(params=["edge", "memory", "local"])
def filled(request, tmp_path):
    rng = np.random.default_rng(5)
    points = [_point(i, rng) for i in range(1, N + 1)]
    stores = make_stores(request.param, tmp_path, DIM)
    store = stores.for_tenant(3)
    store.upsert(points)
    store.optimize()
    yield store, points
    stores.close()


@pytest.mark.parametrize("name", sorted(SCOPES))
@pytest.mark.parametrize("exact", [False, True])
def test_the_vector_query_applies_the_scope_and_fills_the_limit(filled, name, exact):
    store, points = filled
    s = SCOPES[name]
    allowed = {p.activity_id for p in points if _allowed(p, s)}
    assert 0 < len(allowed) and (name == "admin" or len(allowed) < N)
    rng = np.random.default_rng(9)
    for _ in range(5):
        q = rng.standard_normal(DIM).astype(np.float32)
        limit = min(10, len(allowed))
        hits = store.search(q, scope=s, limit=limit, exact=exact)
        got = {h.activity_id for h in hits}
        assert got <= allowed, name
        assert len(got) == limit, name  # filtered inside the query, not after it
        everything = store.search(q, scope=s, limit=N, exact=exact)
        assert {h.activity_id for h in everything} == allowed, name


def test_deny_all_searches_nothing(filled):
    store, _ = filled
    q = np.ones(DIM, dtype=np.float32)
    assert store.search(q, scope=VectorScope.nothing("test"), limit=10) == []


class _IgnoresScope:
    """A store that proposes every note whatever the scope (a stale or wrong payload)."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.dim = inner.dim

    def for_tenant(self, tenant_id: int):
        store = self._inner.for_tenant(tenant_id)

        class _Store:
            tenant_id = store.tenant_id

            def search(self, vector, *, scope, limit=10, exact=False):
                return store.search(vector, scope=VectorScope(allow_special=True), limit=200, exact=exact)

        return _Store()


def test_the_crm_recheck_alone_keeps_out_of_scope_notes_away(indexed):
    notes, indexer, _ = indexed
    crm = notes.crm
    search = NoteSearch(factory=crm.factory, stores=_IgnoresScope(indexer.stores), embedder=indexer.embedder)

    def ids(who, **kw):
        return {h.activity_id for h in search.search(principal=principal(crm, who), scope=scope(**kw),
                                                      query="pricing discount fleet warehouse clinic walk-in", limit=50)}

    assert ids("a:rep") == notes.activities["a:rep_lead"]
    tallinn = frozenset({crm.branches["a:tallinn"]})
    assert ids("a:admin", branch_ids=tallinn) == notes.activities["a:tallinn_lead"] - {notes.special["a"]}
    assert notes.special["a"] not in ids("a:admin")
    assert notes.special["a"] in ids("a:admin", allow_special=True)
    layla = crm.contacts["a"].id
    got = ids("a:admin", restricted_contact_ids=frozenset({layla}))
    assert got and got.isdisjoint(notes.activities["a:rep_lead"] | notes.activities["a:other_lead"]
                                  | notes.activities["a:leadless"])
    assert ids("a:manager", branch_ids=tallinn) == set()
    assert ids("a:admin", rows="own") == set()
