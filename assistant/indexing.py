"""Indexing CRM notes into the tenant's vector store: incremental, batched, with progress.

An activity is (re-)embedded only when its content hash changed: the hash covers the text
and every payload field, and the model id, so edits, re-assigned leads and a new model are
picked up and nothing else is embedded twice. Activities gone from the CRM leave the index.
`index_activities` does the same for a given set of ids (after an import). Erasure removes a
contact's points (`erase_contact`) or a whole tenant (`drop_tenant`), with their index state.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import logging
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, sessionmaker

from connectors.crm.db import system_session, tenant_session
from connectors.crm.models import Activity, Contact, Lead, Tenant
from connectors.embeddings.base import Embedder
from connectors.vectors.base import NotePoint
from connectors.vectors.models import IndexedActivity
from connectors.vectors.stores import VectorSettings, VectorStores
from guardrails.errors import NotFound

log = logging.getLogger("assistant.indexing")


@dataclass(frozen=True)
class IndexReport:
    tenant_id: int
    scanned: int  # activities looked at
    embedded: int  # new or changed, embedded and written
    unchanged: int
    removed: int  # points removed because the activity is gone
    seconds: float
    model_id: str

    @property
    def notes_per_second(self) -> float:
        return self.embedded / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "notes_per_second": round(self.notes_per_second, 1)}


@dataclass(frozen=True, slots=True)
class _Row:
    activity_id: int
    text: str
    lead_id: int | None
    contact_id: int | None
    lead_contact_id: int | None
    branch_id: int | None
    owner_id: int | None
    author_id: int | None
    data_class: str
    language: str
    kind: str
    occurred_at: int

    def content_hash(self, model_id: str) -> str:
        parts = (model_id, self.text, self.lead_id, self.contact_id, self.lead_contact_id, self.branch_id,
                 self.owner_id, self.author_id, self.data_class, self.language, self.kind, self.occurred_at)
        return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()

    def point(self, vector) -> NotePoint:
        contacts = tuple(sorted({c for c in (self.contact_id, self.lead_contact_id) if c is not None}))
        return NotePoint(activity_id=self.activity_id, vector=vector, lead_id=self.lead_id,
                         contact_ids=contacts, branch_id=self.branch_id, owner_id=self.owner_id,
                         author_id=self.author_id, data_class=self.data_class, language=self.language,
                         kind=self.kind, occurred_at=self.occurred_at)


def _read_rows(session: Session, activity_ids: Sequence[int] | None) -> list[_Row]:
    stmt = (
        select(Activity.id, Activity.subject, Activity.body, Activity.lead_id, Activity.contact_id,
               Lead.contact_id, Lead.branch_id, Contact.branch_id, Lead.owner_id, Activity.author_id,
               Activity.body_class, Activity.language, Activity.kind, Activity.occurred_at)
        .outerjoin(Lead, Lead.id == Activity.lead_id)
        .outerjoin(Contact, Contact.id == Activity.contact_id)
        .order_by(Activity.id)
    )
    if activity_ids is not None:
        stmt = stmt.where(Activity.id.in_(sorted(set(activity_ids))))
    rows = []
    for (aid, subject, body, lead_id, contact_id, lead_contact, lead_branch, contact_branch, owner,
         author, body_class, language, kind, occurred) in session.execute(stmt):
        text = f"{subject}\n{body}" if subject else (body or "")
        rows.append(_Row(
            activity_id=aid, text=text, lead_id=lead_id, contact_id=contact_id, lead_contact_id=lead_contact,
            # A note without a lead belongs to its contact's branch; it has no owner, so only
            # managers and admins see it (as in the CRM, where reps see their own leads).
            branch_id=lead_branch if lead_id is not None else contact_branch,
            owner_id=owner, author_id=author, data_class=body_class or "personal",
            language=language or "", kind=kind, occurred_at=int(occurred.timestamp()) if occurred else 0))
    return rows


class NoteIndexer:
    def __init__(self, *, factory: sessionmaker[Session], stores: VectorStores, embedder: Embedder,
                 batch_size: int = 64) -> None:
        self.factory = factory
        self.stores = stores
        self.embedder = embedder
        self.batch_size = batch_size

    def index_tenant(self, tenant_id: int, *, progress: bool = False) -> IndexReport:
        """Bring the tenant's index up to date with the CRM."""
        return self._sync(tenant_id, None, progress=progress)

    def index_activities(self, tenant_id: int, activity_ids: Iterable[int], *, progress: bool = False) -> IndexReport:
        """Index (or remove) just these activities, e.g. right after an import."""
        return self._sync(tenant_id, sorted({int(i) for i in activity_ids}), progress=progress)

    def _sync(self, tenant_id: int, activity_ids: Sequence[int] | None, *, progress: bool) -> IndexReport:
        started = time.perf_counter()
        model_id = self.embedder.model_id
        store = self.stores.for_tenant(tenant_id)
        with tenant_session(self.factory, tenant_id) as session:
            rows = _read_rows(session, activity_ids)
            state_q = select(IndexedActivity.activity_id, IndexedActivity.content_hash)
            if activity_ids is not None:
                state_q = state_q.where(IndexedActivity.activity_id.in_(activity_ids))
            state = dict(session.execute(state_q).all())
        hashes = {r.activity_id: r.content_hash(model_id) for r in rows}
        todo = [r for r in rows if state.get(r.activity_id) != hashes[r.activity_id]]
        gone = sorted(set(state) - set(hashes))
        bar = _progress(total=len(todo), enabled=progress, desc=f"indexing tenant {tenant_id}")
        chunk = self.batch_size * 4  # commit state every few batches: an interrupted run keeps its work
        try:
            for start in range(0, len(todo), chunk):
                part = todo[start:start + chunk]
                vectors = self.embedder.embed([r.text for r in part], batch_size=self.batch_size)
                store.upsert([r.point(v) for r, v in zip(part, vectors)])
                self._save_state(tenant_id, part, hashes, model_id)
                bar.update(len(part))
        finally:
            bar.close()
        if gone:
            store.delete(gone)
            with tenant_session(self.factory, tenant_id) as session:
                session.execute(delete(IndexedActivity).where(IndexedActivity.activity_id.in_(gone)))
        if todo or gone:
            store.optimize()
        report = IndexReport(tenant_id=tenant_id, scanned=len(rows), embedded=len(todo),
                             unchanged=len(rows) - len(todo), removed=len(gone),
                             seconds=time.perf_counter() - started, model_id=model_id)
        log.info("notes indexed", extra=report.as_dict())
        return report

    def _save_state(self, tenant_id: int, rows: Sequence[_Row], hashes: dict[int, str], model_id: str) -> None:
        ids = [r.activity_id for r in rows]
        with tenant_session(self.factory, tenant_id) as session:
            session.execute(delete(IndexedActivity).where(IndexedActivity.activity_id.in_(ids)))
            session.add_all([IndexedActivity(tenant_id=tenant_id, activity_id=r.activity_id,
                                             contact_id=r.contact_id, lead_contact_id=r.lead_contact_id,
                                             content_hash=hashes[r.activity_id], model_id=model_id)
                             for r in rows])

    def erase_contact(self, tenant_id: int, contact_id: int) -> int:
        """Remove every point of the contact (their own notes and their leads' notes)."""
        removed = self.stores.for_tenant(tenant_id).erase_contact(int(contact_id))
        with tenant_session(self.factory, tenant_id) as session:
            session.execute(delete(IndexedActivity).where(or_(
                IndexedActivity.contact_id == int(contact_id), IndexedActivity.lead_contact_id == int(contact_id))))
        log.info("contact erased from vectors", extra={"tenant_id": tenant_id, "points": removed})
        return removed

    def drop_tenant(self, tenant_id: int) -> None:
        """Remove the tenant's whole index and its state."""
        self.stores.for_tenant(tenant_id).drop_tenant()
        with tenant_session(self.factory, tenant_id) as session:
            session.execute(delete(IndexedActivity))
        log.info("tenant vectors dropped", extra={"tenant_id": tenant_id})


def _progress(*, total: int, enabled: bool, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, disable=not enabled or total == 0, desc=desc, unit="note", file=sys.stderr)


def default_embedder(settings_like: Any) -> Embedder:
    """The embedder named by the settings: `embedding_model` ("minilm", "multilingual-e5-small"
    or a sentence-transformers directory) with `embedding_threads` CPU threads."""
    from connectors.embeddings.base import make_embedder

    return make_embedder(model=str(getattr(settings_like, "embedding_model", "") or "minilm"),
                         threads=int(getattr(settings_like, "embedding_threads", 2) or 2))


def _batch_stores(settings_like: Any, dim: int) -> VectorStores:
    # A running API may hold a tenant's Edge shard until it has been idle for a while: a batch
    # job waits for it instead of failing at once.
    config = VectorSettings.from_settings(settings_like)
    config = dataclasses.replace(config, open_wait_s=max(config.open_wait_s, config.idle_seconds + 30))
    return VectorStores(config, dim=dim)


def run_index(factory: sessionmaker[Session], settings_like: Any, tenant_slug: str, *,
              embedder: Embedder | None = None, stores: VectorStores | None = None,
              progress: bool = True) -> IndexReport:
    """`lua-assistant index --tenant SLUG`: bring one tenant's note index up to date."""
    with system_session(factory) as session:
        tenant_id = session.scalar(select(Tenant.id).where(Tenant.slug == tenant_slug))
    if tenant_id is None:
        raise NotFound("No such tenant.")
    embedder = embedder or default_embedder(settings_like)
    own_stores = stores is None
    stores = stores or _batch_stores(settings_like, embedder.dim)
    try:
        return NoteIndexer(factory=factory, stores=stores, embedder=embedder).index_tenant(
            int(tenant_id), progress=progress)
    finally:
        if own_stores:
            stores.close()


def index_after_import(factory: sessionmaker[Session], settings_like: Any, report: Any, *,
                       embedder: Embedder | None = None, stores: VectorStores | None = None) -> IndexReport:
    """Index the activities an import created or changed (`ImportReport.activity_ids`)."""
    with system_session(factory) as session:
        tenant_id = session.scalar(select(Tenant.id).where(Tenant.slug == report.tenant))
    if tenant_id is None:
        raise NotFound("No such tenant.")
    embedder = embedder or default_embedder(settings_like)
    own_stores = stores is None
    stores = stores or _batch_stores(settings_like, embedder.dim)
    try:
        return NoteIndexer(factory=factory, stores=stores, embedder=embedder).index_activities(
            int(tenant_id), report.activity_ids)
    finally:
        if own_stores:
            stores.close()


def main(argv: list[str] | None = None) -> int:
    """`python -m assistant.indexing --tenant SLUG` (until the lead wires `lua-assistant index`)."""
    import json
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from assistant.settings import get_settings
    from connectors.crm.db import make_engine, make_session_factory

    parser = argparse.ArgumentParser(prog="lua-assistant index")
    parser.add_argument("--tenant", required=True, help="tenant slug")
    args = parser.parse_args(argv)
    settings = get_settings()
    factory = make_session_factory(make_engine(settings.effective_database_url))
    try:
        report = run_index(factory, settings, args.tenant)
    except NotFound:
        sys.stderr.write(f"no tenant with slug {args.tenant!r}\n")
        return 2
    sys.stdout.write(json.dumps(report.as_dict(), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
