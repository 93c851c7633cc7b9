"""Note search for one principal: vector query inside the scope, then text from the CRM.

The vector store only proposes activity ids. The text, and the final say on visibility, come
from the CRM through the tenant-scoped session with the same rules as the scoped reader, so a
stale payload (a re-assigned lead, an erased contact) can never show a note it should not.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, or_, select
from sqlalchemy.orm import Session, sessionmaker

from connectors.crm.access import lead_visibility
from connectors.crm.db import tenant_session
from connectors.crm.models import Activity, Contact, Lead
from connectors.embeddings.base import Embedder
from connectors.vectors.scope import vector_scope
from connectors.vectors.stores import VectorStores
from guardrails.principal import Principal
from guardrails.scopes.datascope import DataScope

log = logging.getLogger("connectors.vectors.notes")

OVERFETCH = 2  # a few stale candidates may be dropped by the CRM re-check


@dataclass(frozen=True, slots=True)
class NoteHit:
    activity_id: int
    lead_id: int | None
    lead_title: str | None
    kind: str
    language: str
    occurred_at: datetime
    score: float
    text: str


class NoteSearch:
    def __init__(self, *, factory: sessionmaker[Session], stores: VectorStores, embedder: Embedder) -> None:
        self.factory = factory
        self.stores = stores
        self.embedder = embedder

    def search(self, *, principal: Principal, scope: DataScope, query: str, limit: int = 10) -> list[NoteHit]:
        started = time.perf_counter()
        vscope = vector_scope(principal, scope)
        if vscope.deny_all or not query.strip():
            return []
        limit = max(1, min(limit, scope.max_records))
        vector = self.embedder.embed_queries([query])[0]
        store = self.stores.for_tenant(principal.tenant_id)
        hits = store.search(vector, scope=vscope, limit=limit * OVERFETCH)
        scores = {h.activity_id: h.score for h in hits}
        if not scores:
            return []
        with tenant_session(self.factory, principal.tenant_id) as session:
            rows = session.execute(_visible(principal, scope, list(scores))).all()
        by_id = {act.id: (act, title) for act, title in rows}
        out = []
        for h in hits:
            if h.activity_id not in by_id:
                continue
            act, title = by_id[h.activity_id]
            out.append(NoteHit(activity_id=act.id, lead_id=act.lead_id, lead_title=title, kind=act.kind,
                               language=act.language, occurred_at=act.occurred_at, score=round(h.score, 4),
                               text=f"{act.subject}\n{act.body}" if act.subject else act.body))
            if len(out) >= limit:
                break
        log.info("notes searched", extra={"tenant_id": principal.tenant_id, "candidates": len(hits),
                                          "returned": len(out),
                                          "ms": round((time.perf_counter() - started) * 1000, 1)})
        return out


def _visible(principal: Principal, scope: DataScope, activity_ids: list[int]):
    """The activities among `activity_ids` that the principal may read under `scope`."""
    # The branch of a note is its lead's; a note without a lead belongs to its contact's branch
    # (the same rule the indexer writes into the payload).
    branch = case((Activity.lead_id.is_(None), Contact.branch_id), else_=Lead.branch_id)
    stmt = (select(Activity, Lead.title)
            .outerjoin(Lead, Lead.id == Activity.lead_id)
            .outerjoin(Contact, Contact.id == Activity.contact_id)
            .where(Activity.id.in_(activity_ids)))
    on_visible_lead = and_(Activity.lead_id.is_not(None), lead_visibility(principal))
    if principal.role == "manager":
        # Lead-less notes have no owner: managers see those of their branches, reps none.
        stmt = stmt.where(or_(on_visible_lead, and_(Activity.lead_id.is_(None),
                                                    branch.in_(sorted(principal.branch_ids)))))
    elif principal.role != "admin":
        stmt = stmt.where(on_visible_lead)
    if scope.rows == "own":
        stmt = stmt.where(Lead.owner_id == principal.user_id)
    if scope.branch_ids is not None:
        stmt = stmt.where(branch.in_(sorted(scope.branch_ids)))
    if scope.restricted_contact_ids:
        restricted = sorted(scope.restricted_contact_ids)
        stmt = stmt.where(or_(Activity.contact_id.is_(None), Activity.contact_id.not_in(restricted)))
        stmt = stmt.where(or_(Lead.contact_id.is_(None), Lead.contact_id.not_in(restricted)))
    if not scope.allow_special:
        stmt = stmt.where(Activity.body_class != "special")
    return stmt
