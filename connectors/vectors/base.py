"""The tenant-bound vector store interface and the values that cross it.

A `VectorStore` is created for ONE tenant (`VectorStores.for_tenant(tenant_id)`, with the id
taken from the authenticated principal) and has no method that accepts a tenant id or a
collection name. Points carry ids and metadata only, never note text: text is read from the
CRM at query time, so erasure and corrections there take effect at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

# Payload keys. Every key is an id or a category; a test pins that no other key is written.
PAYLOAD_KEYS = ("activity_id", "lead_id", "contact_ids", "branch_id", "owner_id", "author_id",
                "data_class", "language", "kind", "occurred_at")
# Keys with a payload index (the filters of every scoped query).
INDEXED_INTEGER_KEYS = ("branch_id", "owner_id", "contact_ids")
INDEXED_KEYWORD_KEYS = ("data_class",)


def collection_name(tenant_id: int) -> str:
    """The collection (or Qdrant Edge shard directory) of a tenant, from its integer id only."""
    tid = int(tenant_id)
    if tid <= 0:
        raise ValueError("tenant id must be a positive integer")
    return f"lua_notes_t{tid}"


@dataclass(frozen=True, slots=True)
class NotePoint:
    """One indexed activity: its vector and metadata (no text)."""

    activity_id: int
    vector: np.ndarray
    lead_id: int | None
    contact_ids: tuple[int, ...]
    branch_id: int | None
    owner_id: int | None
    author_id: int | None
    data_class: str  # "personal" | "special"
    language: str
    kind: str
    occurred_at: int  # epoch seconds

    def payload(self) -> dict[str, object]:
        return {
            "activity_id": self.activity_id, "lead_id": self.lead_id,
            "contact_ids": list(self.contact_ids), "branch_id": self.branch_id,
            "owner_id": self.owner_id, "author_id": self.author_id, "data_class": self.data_class,
            "language": self.language, "kind": self.kind, "occurred_at": self.occurred_at,
        }


@dataclass(frozen=True, slots=True)
class VectorScope:
    """What a query may match, from the principal's CRM visibility and the request's DataScope.

    Every backend turns it into its own filter inside the vector query (not after it), so a
    narrow scope still gets `limit` results.
    """

    branch_ids: frozenset[int] | None = None  # None: any branch
    owner_id: int | None = None  # None: any owner
    allow_special: bool = False
    exclude_contact_ids: frozenset[int] = field(default_factory=frozenset)
    deny_all: bool = False
    reason: str = ""

    @classmethod
    def nothing(cls, reason: str) -> "VectorScope":
        return cls(deny_all=True, reason=reason)


@dataclass(frozen=True, slots=True)
class VectorHit:
    activity_id: int
    score: float
    lead_id: int | None
    branch_id: int | None


@runtime_checkable
class VectorStore(Protocol):
    """Semantic index of one tenant's notes."""

    tenant_id: int  # read-only: fixed at creation
    exact_capable: bool  # can run exact (brute-force) search for recall checks

    def upsert(self, points: Sequence[NotePoint]) -> None: ...

    def delete(self, activity_ids: Sequence[int]) -> None: ...

    def search(self, vector: np.ndarray, *, scope: VectorScope, limit: int = 10,
               exact: bool = False) -> list[VectorHit]: ...

    def count(self) -> int: ...

    def erase_contact(self, contact_id: int) -> int:
        """Remove every point that mentions the contact; returns how many were removed."""
        ...

    def drop_tenant(self) -> None:
        """Remove the tenant's whole collection (or shard) and its files."""
        ...

    def optimize(self) -> None:
        """Build indexes after bulk writes (HNSW); a no-op where the backend does it itself."""
        ...
