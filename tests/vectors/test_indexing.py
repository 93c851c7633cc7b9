"""Incremental indexing: nothing is embedded twice; edits, moves and deletions are picked up."""

from __future__ import annotations

from sqlalchemy import select

from assistant.indexing import NoteIndexer, run_index
from connectors.crm.db import system_session
from connectors.crm.models import Activity, Lead
from connectors.embeddings import HashingEmbedder
from connectors.vectors.models import IndexedActivity
from tests.vectors.conftest import make_stores
from tests.vectors.helpers import principal, scope


def _setup(notes_crm, tmp_path, backend="edge"):
    embedder = HashingEmbedder(dim=128)
    stores = make_stores(backend, tmp_path, embedder.dim)
    return embedder, stores, NoteIndexer(factory=notes_crm.crm.factory, stores=stores, embedder=embedder,
                                         batch_size=2)


def test_second_run_embeds_nothing_then_only_changes(notes_crm, tmp_path):
    embedder, stores, indexer = _setup(notes_crm, tmp_path)
    crm = notes_crm.crm
    tid = crm.tenants["a"]
    first = indexer.index_tenant(tid)
    n = len(notes_crm.tenant_ids("a"))
    assert (first.scanned, first.embedded, first.unchanged, first.removed) == (n, n, 0, 0)
    embedded_before = len(embedder.texts)
    again = indexer.index_tenant(tid)
    assert (again.embedded, again.unchanged) == (0, n)
    assert len(embedder.texts) == embedded_before

    edited = min(notes_crm.activities["a:other_lead"])
    gone = min(notes_crm.activities["a:tallinn_lead"])
    with system_session(crm.factory) as s:
        s.get(Activity, edited).body = "Procurement rejected the sensors quote."
        s.delete(s.get(Activity, gone))
        # A re-assigned lead changes the payload (owner) of its notes: they are re-written too.
        s.get(Lead, crm.leads["a:rep_lead"]).owner_id = crm.users["a:rep2"]
    third = indexer.index_tenant(tid)
    moved = len(notes_crm.activities["a:rep_lead"])
    assert third.embedded == 1 + moved and third.removed == 1
    assert embedder.texts[-(1 + moved):].count("Procurement rejected the sensors quote.") == 1
    store = stores.for_tenant(tid)
    assert store.count() == n - 1
    with system_session(crm.factory) as s:
        assert s.scalar(select(IndexedActivity).where(IndexedActivity.activity_id == gone)) is None
    # The new owner finds the moved notes; the old one no longer does.
    search_ids = lambda who: {h.activity_id for h in __import__("connectors.vectors.notes", fromlist=["x"]).NoteSearch(
        factory=crm.factory, stores=stores, embedder=embedder).search(
        principal=principal(crm, who), scope=scope(), query="pricing fleet", limit=50)}
    assert notes_crm.activities["a:rep_lead"] <= search_ids("a:rep2")
    assert search_ids("a:rep") == set()
    stores.close()


def test_index_activities_after_import(notes_crm, tmp_path):
    embedder, stores, indexer = _setup(notes_crm, tmp_path)
    crm = notes_crm.crm
    tid = crm.tenants["a"]
    indexer.index_tenant(tid)
    with system_session(crm.factory) as s:
        new = Activity(tenant_id=tid, lead_id=crm.leads["a:rep_lead"], contact_id=crm.contacts["a"].id,
                       kind="email", language="en", body="Imported: signed contract for the fleet renewal.")
        s.add(new)
        s.flush()
        new_id = new.id
    report = indexer.index_activities(tid, [new_id])
    assert (report.scanned, report.embedded) == (1, 1)
    assert embedder.texts[-1] == "Imported: signed contract for the fleet renewal."
    # A tenant-B id given for tenant A is simply not found there (and never indexed into A).
    b_id = min(notes_crm.tenant_ids("b"))
    report = indexer.index_activities(tid, [b_id])
    assert (report.scanned, report.embedded, report.removed) == (0, 0, 0)
    assert stores.for_tenant(tid).count() == len(notes_crm.tenant_ids("a")) + 1
    stores.close()


def test_run_index_by_slug(notes_crm, tmp_path):
    from types import SimpleNamespace

    from connectors.vectors import VectorSettings, VectorStores

    embedder = HashingEmbedder(dim=64)
    settings_like = SimpleNamespace(data_dir=tmp_path)
    report = run_index(notes_crm.crm.factory, settings_like, "tenant-b", embedder=embedder, progress=False)
    assert report.embedded == len(notes_crm.tenant_ids("b")) and report.tenant_id == notes_crm.crm.tenants["b"]
    assert report.as_dict()["notes_per_second"] > 0
    stores = VectorStores(VectorSettings.from_settings(settings_like), dim=64)
    assert stores.for_tenant(notes_crm.crm.tenants["b"]).count() == report.embedded
    assert stores.for_tenant(notes_crm.crm.tenants["a"]).count() == 0
    stores.close()
    import pytest

    from guardrails.errors import NotFound

    with pytest.raises(NotFound):
        run_index(notes_crm.crm.factory, settings_like, "no-such-tenant", embedder=embedder, progress=False)


def test_erasure_clears_index_state(notes_crm, tmp_path):
    embedder, stores, indexer = _setup(notes_crm, tmp_path, backend="memory")
    crm = notes_crm.crm
    tid = crm.tenants["a"]
    indexer.index_tenant(tid)
    indexer.erase_contact(tid, crm.contacts["a"].id)
    with system_session(crm.factory) as s:
        left = set(s.scalars(select(IndexedActivity.activity_id).where(IndexedActivity.tenant_id == tid)))
    assert left == notes_crm.activities["a:tallinn_lead"]
    indexer.drop_tenant(tid)
    with system_session(crm.factory) as s:
        assert not s.scalars(select(IndexedActivity).where(IndexedActivity.tenant_id == tid)).all()
        assert s.scalars(select(IndexedActivity).where(IndexedActivity.tenant_id == crm.tenants["b"])).all() == []
    stores.close()


def test_index_after_import_uses_the_reports_ids(notes_crm, tmp_path):
    from types import SimpleNamespace

    from assistant.indexing import index_after_import

    embedder = HashingEmbedder(dim=64)
    ids = tuple(sorted(notes_crm.activities["a:rep_lead"]))
    report = SimpleNamespace(tenant="tenant-a", activity_ids=ids)
    out = index_after_import(notes_crm.crm.factory, SimpleNamespace(data_dir=tmp_path), report, embedder=embedder)
    assert (out.scanned, out.embedded) == (len(ids), len(ids))
