"""Fixtures of the vector tests: the tiny CRM with more notes, indexed with a fast fake embedder."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from assistant.indexing import NoteIndexer
from connectors.crm.db import system_session
from connectors.crm.models import Activity
from connectors.embeddings import HashingEmbedder
from connectors.vectors import VectorSettings, VectorStores
from connectors.vectors.notes import NoteSearch
from tests.fixtures import TinyCrm

NOW = datetime(2026, 11, 10, 9, 0, tzinfo=timezone.utc)

# The same notes in both tenants (near-identical on purpose): only ids tell them apart.
NOTES = {
    "rep_lead": [
        ("call", "en", "personal", "Pricing call: the customer asked for a 10% discount on the fleet renewal."),
        ("meeting", "en", "personal", "Demo of the fleet dashboard went well; they want a pilot in December."),
    ],
    "other_lead": [
        ("email", "en", "personal", "Sent the warehouse sensors quote; pricing approved by procurement."),
    ],
    "tallinn_lead": [
        ("call", "en", "personal", "Tallinn clinic pilot: pricing questions about the yearly licence."),
        ("note", "en", "special", "Patient mentioned diabetes medication schedule during the pricing call."),
    ],
}


@dataclass
class NotesCrm:
    crm: TinyCrm
    activities: dict[str, set[int]] = field(default_factory=dict)  # "a:rep_lead" → ids (tiny's + ours)
    special: dict[str, int] = field(default_factory=dict)  # "a" → id of the special note
    leadless: dict[str, int] = field(default_factory=dict)  # "a" → a Riyadh note without a lead

    def tenant_ids(self, key: str) -> set[int]:
        return set().union(*(v for k, v in self.activities.items() if k.startswith(f"{key}:")))


def add_notes(crm: TinyCrm) -> NotesCrm:
    out = NotesCrm(crm)
    with system_session(crm.factory) as s:
        from sqlalchemy import select

        for key in ("a", "b"):
            tid = crm.tenants[key]
            existing = s.scalars(select(Activity.id).where(Activity.tenant_id == tid,
                                                           Activity.lead_id == crm.leads[f"{key}:rep_lead"])).all()
            out.activities[f"{key}:rep_lead"] = set(existing)
            lead_contact = {"rep_lead": crm.contacts[key].id, "other_lead": crm.contacts[key].id,
                            "tallinn_lead": crm.contacts[f"{key}:2"].id}
            for lead_key, notes in NOTES.items():
                for i, (kind, lang, cls, body) in enumerate(notes):
                    a = Activity(tenant_id=tid, lead_id=crm.leads[f"{key}:{lead_key}"],
                                 contact_id=lead_contact[lead_key], author_id=crm.users[f"{key}:rep"], kind=kind,
                                 language=lang, body_class=cls, body=body, occurred_at=NOW - timedelta(days=i))
                    s.add(a)
                    s.flush()
                    out.activities.setdefault(f"{key}:{lead_key}", set()).add(a.id)
                    if cls == "special":
                        out.special[key] = a.id
            a = Activity(tenant_id=tid, lead_id=None, contact_id=crm.contacts[key].id, kind="note", language="en",
                         body="Walk-in visit about pricing for a new branch office, no lead yet.",
                         occurred_at=NOW)
            s.add(a)
            s.flush()
            out.activities[f"{key}:leadless"] = {a.id}
            out.leadless[key] = a.id
    return out


@pytest.fixture
def notes_crm(tiny_crm) -> NotesCrm:
    return add_notes(tiny_crm)


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder(dim=256)


def make_stores(backend: str, tmp: Path, dim: int, **kw) -> VectorStores:
    return VectorStores(VectorSettings(backend=backend, path=tmp / "vectors", **kw), dim=dim)


@pytest.fixture(params=["edge", "memory", "local"])
def stores(request, tmp_path, embedder):
    """Each backend: Edge (embedded default), qdrant-client ':memory:' (the server API), local mode."""
    s = make_stores(request.param, tmp_path, embedder.dim)
    yield s
    s.close()


@pytest.fixture
def indexed(notes_crm, stores, embedder):
    """Both tenants indexed; yields (notes_crm, indexer, search)."""
    indexer = NoteIndexer(factory=notes_crm.crm.factory, stores=stores, embedder=embedder, batch_size=4)
    for key in ("a", "b"):
        indexer.index_tenant(notes_crm.crm.tenants[key])
    return notes_crm, indexer, NoteSearch(factory=notes_crm.crm.factory, stores=stores, embedder=embedder)
