"""ScopeEngine: the tenant's current scope version, decided per request, changes effective at once.

Each decision reads the tenant's current version number from the database (one indexed MAX),
so a saved change applies to the very next request in every process. Compiled documents are
cached by (tenant, version): a version is immutable, so the cache can never be stale.
Any failure to read the scope refuses the request (fail closed).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Collection, Iterable
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from connectors.crm.db import tenant_session
from guardrails.principal import Principal
from guardrails.scopes.datascope import DataScope
from guardrails.scopes.decision import Decision, Task
from guardrails.scopes.document import ScopeDocument, parse_document
from guardrails.scopes.messages import refusal_messages
from guardrails.scopes.policy import CompiledScope, compile_document, decide_compiled, empty_scope
from guardrails.scopes.models import ScopeVersion
from guardrails.scopes.store import current_version, load

log = logging.getLogger("guardrails.scopes")

# issue 7 provides guardrails.subjects.restricted_contact_ids(session, tenant_id) with this shape.
RestrictedHook = Callable[[Session, int], Iterable[int]]
_VERSION = select(func.max(ScopeVersion.version)).where(ScopeVersion.tenant_id == bindparam("t"))
_SET_TENANT = text("SELECT set_config('app.tenant_id', :t, true)")
# Optional catalogues for validation (the analytics catalogue, the provider registry).
NamesHook = Callable[[], Collection[str]]


class ScopeEngine:
    def __init__(self, factory: sessionmaker[Session], *, restricted_contact_ids: RestrictedHook | None = None,
                 known_metrics: NamesHook | None = None, known_dimensions: NamesHook | None = None,
                 known_providers: NamesHook | None = None, max_cached: int = 4096) -> None:
        self._factory = factory
        self._bind = factory.kw["bind"]
        self._restricted = restricted_contact_ids
        self._known = {"known_metrics": known_metrics, "known_dimensions": known_dimensions,
                       "known_providers": known_providers}
        self._max_cached = max_cached
        self._cache: dict[tuple[int, int], CompiledScope] = {}
        self._lock = threading.Lock()

    def decide(self, principal: Principal, task: Task) -> tuple[Decision, DataScope]:
        """The decision for `task` under the tenant's current scope, and the DataScope to read with."""
        tenant_id = principal.tenant_id
        try:
            # A bare connection, not an ORM session: the version check is on every request and a
            # tenant-scoped Session costs ~10x more (measured in benchmarks/bench_scopes.py).
            with self._bind.connect() as conn:
                if conn.dialect.name == "postgresql":  # row-level security reads app.tenant_id
                    conn.execute(_SET_TENANT, {"t": str(int(tenant_id))})
                version = conn.execute(_VERSION, {"t": tenant_id}).scalar() or 0
                compiled = self._cache.get((tenant_id, version))
                if compiled is None:
                    compiled = self._compile(tenant_id, version)
                decision, scope = decide_compiled(compiled, principal, task)
                if decision.allowed and self._restricted is not None:
                    # A plain session on the same connection: the hook filters by tenant itself
                    # (and RLS still applies on PostgreSQL); a foreign id could only exclude more.
                    # The tenant-scoped session's per-query criteria cost more than the query.
                    with Session(bind=conn) as session:
                        restricted = frozenset(int(i) for i in self._restricted(session, tenant_id))
                    scope = dataclasses.replace(scope, restricted_contact_ids=restricted)
        except SQLAlchemyError as exc:
            log.error("scope.unavailable", extra={"tenant_id": tenant_id, "error_type": type(exc).__name__})
            return unavailable(principal)
        return decision, scope

    def validate(self, data: Any, *, known_branches: Collection[int] | None = None) -> ScopeDocument:
        """Parse and validate a proposed document (InvalidInput with exact paths on failure)."""
        known = {k: (set(hook()) if hook is not None else None) for k, hook in self._known.items()}
        return parse_document(data, known_branches=known_branches, **known)

    def decide_with(self, document: ScopeDocument, principal: Principal, task: Task, *,
                    session: Session | None = None) -> tuple[Decision, DataScope]:
        """The decision under a proposed document that is not stored (preview, simulation)."""
        compiled = compile_document(document, tenant_id=principal.tenant_id, version=-1)
        decision, scope = decide_compiled(compiled, principal, task)
        if decision.allowed and self._restricted is not None and session is not None:
            restricted = frozenset(int(i) for i in self._restricted(session, principal.tenant_id))
            scope = dataclasses.replace(scope, restricted_contact_ids=restricted)
        return decision, scope

    def restricted_ids(self, session: Session, tenant_id: int) -> frozenset[int]:
        return frozenset(int(i) for i in self._restricted(session, tenant_id)) if self._restricted else frozenset()

    def current(self, session: Session, tenant_id: int) -> CompiledScope:
        """The compiled current version, read through the caller's session."""
        version = current_version(session, tenant_id)
        return self._cache.get((tenant_id, version)) or self._compile(tenant_id, version)

    def _compile(self, tenant_id: int, version: int) -> CompiledScope:
        with tenant_session(self._factory, tenant_id) as session:
            stored = load(session, tenant_id, version)
        compiled = compile_document(stored.document, tenant_id=tenant_id, version=stored.version)
        with self._lock:
            # Older versions of this tenant will not be asked for again.
            for old in [k for k in self._cache if k[0] == tenant_id]:
                del self._cache[old]
            if len(self._cache) >= self._max_cached:
                self._cache.pop(next(iter(self._cache)))
            self._cache[(tenant_id, version)] = compiled
        log.info("scope.compiled", extra={"tenant_id": tenant_id, "version": stored.version})
        return compiled


def unavailable(principal: Principal) -> tuple[Decision, DataScope]:
    decision = Decision(False, "scope could not be loaded", "scopes.scope_unavailable", 0,
                        refusal_messages("scope_unavailable", role=principal.role))
    return decision, empty_scope(0)
