"""Isolation and scope of note search, on every backend (Edge, ':memory:' server API, local mode)."""

from __future__ import annotations

import numpy as np
import pytest

from connectors.vectors import PAYLOAD_KEYS, VectorScope, collection_name
from tests.vectors.helpers import principal, scope

QUERIES = ("pricing discount", "fleet renewal pilot", "warehouse sensors quote", "clinic licence",
           "Layla Haddad", "ليلى حداد", "diabetes medication", "walk-in branch office")


def _ids(search, crm, who, q, **scope_kw):
    return {h.activity_id for h in search.search(principal=principal(crm, who), scope=scope(**scope_kw),
                                                 query=q, limit=50)}


def test_each_tenant_finds_only_its_own_notes(indexed):
    notes, _, search = indexed
    a_ids, b_ids = notes.tenant_ids("a"), notes.tenant_ids("b")
    assert a_ids.isdisjoint(b_ids)
    for q in QUERIES:
        got_a = _ids(search, notes.crm, "a:admin", q)
        got_b = _ids(search, notes.crm, "b:admin", q)
        assert got_a and got_a <= a_ids, q
        assert got_b and got_b <= b_ids, q


def test_store_level_isolation_with_identical_vectors(indexed):
    """Even an exact copy of a tenant-B vector, searched in tenant A's store, returns A's ids only."""
    notes, indexer, _ = indexed
    store_a = indexer.stores.for_tenant(notes.crm.tenants["a"])
    vec = indexer.embedder.embed([ "Pricing call: the customer asked for a 10% discount on the fleet renewal."])[0]
    hits = store_a.search(vec, scope=VectorScope(allow_special=True), limit=100, exact=True)
    assert {h.activity_id for h in hits} == notes.tenant_ids("a")


def test_reps_see_their_own_leads_managers_their_branch(indexed):
    notes, _, search = indexed
    crm = notes.crm
    everything = "pricing discount fleet warehouse clinic walk-in call"
    assert _ids(search, crm, "a:rep", everything) == notes.activities["a:rep_lead"]
    assert _ids(search, crm, "a:rep2", everything) == notes.activities["a:other_lead"]
    tallinn_plain = notes.activities["a:tallinn_lead"] - {notes.special["a"]}
    assert _ids(search, crm, "a:rep_tallinn", everything) == tallinn_plain
    riyadh = notes.activities["a:rep_lead"] | notes.activities["a:other_lead"] | notes.activities["a:leadless"]
    assert _ids(search, crm, "a:manager", everything) == riyadh
    assert _ids(search, crm, "a:admin", everything) == notes.tenant_ids("a") - {notes.special["a"]}


def test_scope_narrowed_to_one_branch(indexed):
    notes, _, search = indexed
    crm = notes.crm
    tallinn = frozenset({crm.branches["a:tallinn"]})
    got = _ids(search, crm, "a:admin", "pricing call fleet warehouse clinic", branch_ids=tallinn)
    assert got == notes.activities["a:tallinn_lead"] - {notes.special["a"]}
    # A manager of Riyadh narrowed to Tallinn sees nothing (intersection, not union).
    assert _ids(search, crm, "a:manager", "pricing", branch_ids=tallinn) == set()
    # rows="own": the admin owns no lead.
    assert _ids(search, crm, "a:admin", "pricing", rows="own") == set()


def test_special_notes_only_when_allowed(indexed):
    notes, _, search = indexed
    crm = notes.crm
    assert notes.special["a"] not in _ids(search, crm, "a:admin", "diabetes medication")
    assert notes.special["a"] in _ids(search, crm, "a:admin", "diabetes medication", allow_special=True)


def test_restricted_contact_is_excluded(indexed):
    notes, _, search = indexed
    crm = notes.crm
    layla = crm.contacts["a"].id
    got = _ids(search, crm, "a:admin", "pricing fleet warehouse Layla", restricted_contact_ids=frozenset({layla}))
    assert got and got.isdisjoint(notes.activities["a:rep_lead"] | notes.activities["a:other_lead"]
                                  | notes.activities["a:leadless"])


def test_body_out_of_scope_searches_nothing(indexed):
    notes, _, search = indexed
    from guardrails.scopes.datascope import DataScope, default_fields

    no_body = DataScope(fields=default_fields() - {"activity.body"})
    assert search.search(principal=principal(notes.crm, "a:admin"), scope=no_body, query="pricing") == []


def test_after_erasure_no_search_returns_the_contact(indexed):
    notes, indexer, search = indexed
    crm = notes.crm
    layla = crm.contacts["a"].id
    theirs = notes.activities["a:rep_lead"] | notes.activities["a:other_lead"] | notes.activities["a:leadless"]
    removed = indexer.erase_contact(crm.tenants["a"], layla)
    assert removed == len(theirs)
    for who in ("a:admin", "a:manager", "a:rep", "a:rep2"):
        for q in QUERIES:
            assert _ids(search, crm, who, q, allow_special=True).isdisjoint(theirs), (who, q)
    store = indexer.stores.for_tenant(crm.tenants["a"])
    assert store.count() == len(notes.tenant_ids("a")) - len(theirs)
    # Tenant B's Layla (same name, other tenant) is untouched.
    assert _ids(search, crm, "b:admin", "pricing fleet Layla") & (notes.activities["b:rep_lead"])


def test_drop_tenant_leaves_the_other_tenant(indexed):
    notes, indexer, search = indexed
    crm = notes.crm
    indexer.drop_tenant(crm.tenants["a"])
    assert indexer.stores.for_tenant(crm.tenants["a"]).count() == 0
    assert _ids(search, crm, "a:admin", "pricing") == set()
    assert indexer.stores.for_tenant(crm.tenants["b"]).count() == len(notes.tenant_ids("b"))


def test_payload_holds_ids_and_metadata_only(notes_crm, embedder, tmp_path):
    from assistant.indexing import NoteIndexer
    from tests.vectors.conftest import make_stores

    stores = make_stores("memory", tmp_path, embedder.dim)
    NoteIndexer(factory=notes_crm.crm.factory, stores=stores, embedder=embedder).index_tenant(notes_crm.crm.tenants["a"])
    client = stores._cols.client
    points, _ = client.scroll(collection_name(notes_crm.crm.tenants["a"]), limit=100, with_payload=True)
    assert len(points) == len(notes_crm.tenant_ids("a"))
    for p in points:
        assert set(p.payload) <= set(PAYLOAD_KEYS)
        for value in p.payload.values():
            assert not isinstance(value, str) or len(value) <= 16  # categories, never text


def test_a_store_is_bound_to_an_integer_tenant_id(stores):
    for bad in ("1", 1.0, True, None, 0, -3, "lua_notes_t2"):
        with pytest.raises(TypeError):
            stores.for_tenant(bad)  # type: ignore[arg-type]
    store = stores.for_tenant(7)
    assert store.tenant_id == 7
    with pytest.raises(AttributeError):
        store.tenant_id = 8  # type: ignore[misc]
    assert collection_name(7) == "lua_notes_t7"
    assert store.search(np.ones(stores.dim, dtype=np.float32), scope=VectorScope(), limit=5) == []
