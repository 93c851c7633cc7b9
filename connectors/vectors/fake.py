"""A recording wrapper around `VectorStores`: which tenants' stores were opened, and what each
store was asked. Tests and evals assert isolation on it (e.g. a forged request touched only the
caller's tenant) without changing the real backend underneath."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from connectors.vectors.base import NotePoint, VectorHit, VectorScope


@dataclass(frozen=True)
class StoreCall:
    tenant_id: int
    method: str
    detail: dict[str, Any] = field(default_factory=dict)  # ids, limits, scopes: never text


class RecordingStore:
    def __init__(self, inner: Any, calls: list[StoreCall]) -> None:
        self._inner = inner
        self._calls = calls
        self.exact_capable = inner.exact_capable

    @property
    def tenant_id(self) -> int:
        return self._inner.tenant_id

    def _record(self, method: str, **detail: Any) -> None:
        self._calls.append(StoreCall(self._inner.tenant_id, method, detail))

    def upsert(self, points: Sequence[NotePoint]) -> None:
        self._record("upsert", activity_ids=[p.activity_id for p in points])
        self._inner.upsert(points)

    def delete(self, activity_ids: Sequence[int]) -> None:
        self._record("delete", activity_ids=list(activity_ids))
        self._inner.delete(activity_ids)

    def search(self, vector: np.ndarray, *, scope: VectorScope, limit: int = 10, exact: bool = False) -> list[VectorHit]:
        hits = self._inner.search(vector, scope=scope, limit=limit, exact=exact)
        self._record("search", scope=scope, limit=limit, returned=[h.activity_id for h in hits])
        return hits

    def count(self) -> int:
        return self._inner.count()

    def erase_contact(self, contact_id: int) -> int:
        self._record("erase_contact", contact_id=contact_id)
        return self._inner.erase_contact(contact_id)

    def drop_tenant(self) -> None:
        self._record("drop_tenant")
        self._inner.drop_tenant()

    def optimize(self) -> None:
        self._inner.optimize()


class RecordingStores:
    """Wraps a `VectorStores`; `calls` lists every store operation with its tenant id."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.dim = inner.dim
        self.calls: list[StoreCall] = []
        self.opened: list[int] = []

    def for_tenant(self, tenant_id: int) -> RecordingStore:
        store = self._inner.for_tenant(tenant_id)
        self.opened.append(store.tenant_id)
        return RecordingStore(store, self.calls)

    def close_idle(self) -> int:
        return self._inner.close_idle()

    def close(self) -> None:
        self._inner.close()
