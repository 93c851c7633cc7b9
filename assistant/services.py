"""The service's long-lived parts, built once per process from settings.

Heavy parts (the redactor's NLP models, the local chat model) load lazily on first use and
are shared by all requests; nothing per-tenant or per-conversation lives here.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from assistant.api.middleware import Metrics
from assistant.settings import Settings
from connectors.crm.db import make_engine, make_session_factory
from guardrails.audit import AuditSink, SqlAuditSink


@dataclass
class Services:
    settings: Settings
    engine: Engine
    factory: sessionmaker[Session]
    audit: AuditSink
    metrics: Metrics = field(default_factory=Metrics)
    # Factories for the heavy parts; tests replace them with fakes.
    redactor_factory: Callable[[], Any] | None = None
    egress_factory: Callable[[], Any] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _redactor: Any = field(default=None, repr=False)
    _egress: Any = field(default=None, repr=False)
    _vault_store: Any = field(default=None, repr=False)
    scopes: Any = None  # guardrails.scopes.ScopeEngine
    _vectors: Any = field(default=None, repr=False)
    _embedder: Any = field(default=None, repr=False)
    _note_search: Any = field(default=None, repr=False)
    _indexer: Any = field(default=None, repr=False)
    _subject_stores: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.scopes is None:
            from guardrails.scopes import ScopeEngine
            from guardrails.subjects import restricted_contact_ids

            self.scopes = ScopeEngine(
                self.factory,
                restricted_contact_ids=restricted_contact_ids,
                known_metrics=_analytics_names("METRICS"),
                known_dimensions=_analytics_names("DIMENSIONS"),
            )

    @property
    def redactor(self) -> Any:
        if self._redactor is None:
            with self._lock:
                if self._redactor is None:
                    self._redactor = (self.redactor_factory or _default_redactor)()
        return self._redactor

    @property
    def egress(self) -> Any:
        if self._egress is None:
            with self._lock:
                if self._egress is None:
                    factory = self.egress_factory or (lambda: _default_egress(self.settings))
                    self._egress = factory()
        return self._egress

    @property
    def vault_store(self) -> Any:
        if self._vault_store is None:
            from guardrails.redaction import SqlVaultStore

            self._vault_store = SqlVaultStore(self.factory)
        return self._vault_store

    def vault_for(self, principal: Any, *, conversation_id: str) -> Any:
        """The placeholder vault of one (tenant, conversation); never shared wider."""
        from guardrails.redaction import Vault

        return Vault(
            tenant_id=principal.tenant_id,
            conversation_id=conversation_id,
            store=self.vault_store,
            key=self.settings.vault_key.encode("utf-8"),
            ttl=timedelta(hours=self.settings.vault_ttl_hours),
        )

    # --- notes: one embedder and one set of tenant-bound vector stores per process

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            with self._lock:
                if self._embedder is None:
                    from assistant.indexing import default_embedder

                    self._embedder = default_embedder(self.settings)
        return self._embedder

    @property
    def vector_stores(self) -> Any:
        if self._vectors is None:
            with self._lock:
                if self._vectors is None:
                    from connectors.vectors.stores import VectorSettings, VectorStores

                    self._vectors = VectorStores(VectorSettings.from_settings(self.settings),
                                                 dim=_embedding_dim(self))
        return self._vectors

    @property
    def note_search(self) -> Any:
        if self._note_search is None:
            from connectors.vectors.notes import NoteSearch

            self._note_search = NoteSearch(factory=self.factory, stores=self.vector_stores, embedder=_Lazy(self))
        return self._note_search

    @note_search.setter
    def note_search(self, search: Any) -> None:
        self._note_search = search

    @property
    def indexer(self) -> Any:
        if self._indexer is None:
            from assistant.indexing import NoteIndexer

            self._indexer = NoteIndexer(factory=self.factory, stores=self.vector_stores, embedder=_Lazy(self))
        return self._indexer

    @property
    def subject_stores(self) -> tuple[Any, ...]:
        """Every store that holds something about a data subject, for access and erasure."""
        if self._subject_stores is not None:
            return self._subject_stores
        from guardrails.subjects.stores import VectorSubjectStore, default_stores

        extra = [VectorSubjectStore(self.indexer)]
        try:
            from assistant.conversations.rights import ConversationSubjectStore
        except ImportError:  # pragma: no cover - conversations not installed
            pass
        else:
            extra.append(ConversationSubjectStore())
        return default_stores(vault_key=self.settings.vault_key.encode("utf-8"), extra=tuple(extra))

    @subject_stores.setter
    def subject_stores(self, stores: tuple[Any, ...]) -> None:
        self._subject_stores = tuple(stores)

    def reindex_contact(self, *, tenant_id: int, contact_id: int) -> int:
        """Rectification: re-index a contact's notes after the CRM record changed."""
        from sqlalchemy import select

        from connectors.crm.db import tenant_session
        from connectors.crm.models import Activity

        with tenant_session(self.factory, tenant_id) as s:
            ids = list(s.scalars(select(Activity.id).where(Activity.contact_id == contact_id)))
        report = self.indexer.index_activities(tenant_id, ids)
        return int(report.embedded)

    def close(self) -> None:
        if self._vectors is not None:
            self._vectors.close()

    def retention_targets(self) -> tuple[Any, ...]:
        """Extra stores that retention purges besides vault and audit (conversations)."""
        from assistant.conversations.rights import ConversationRetention

        return (ConversationRetention(),)

    def llm_policy(self, principal: Any, scope: Any = None) -> Any:
        """The tenant's model-provider policy: no-training always (not a field: it cannot be turned
        off); regions and provider from the tenant's scope, EU and the deployment default otherwise."""
        from guardrails.egress.providers import TenantLLMPolicy

        if scope is None:
            return TenantLLMPolicy(tenant_id=principal.tenant_id)
        allowed = set(scope.providers)
        default = self.egress.registry.default
        # No list, or the deployment default in the list → the default; otherwise the tenant's first
        # named provider. The guard still checks it against regions and no-training (fail closed).
        provider = None if not allowed or default in allowed else sorted(allowed)[0]
        return TenantLLMPolicy(
            tenant_id=principal.tenant_id,
            allowed_regions=frozenset(scope.regions) or frozenset({"eu"}),
            provider=provider,
            version=str(scope.scope_version),
        )


_KNOWN_DIMS = {"minilm": 384, "all-minilm-l6-v2": 384, "default": 384, "multilingual-e5-small": 384,
               "e5": 384, "e5-small": 384}


def _embedding_dim(services: "Services") -> int:
    """The vector size, known without loading the model for the built-in embedders."""
    known = _KNOWN_DIMS.get(str(services.settings.embedding_model).strip().lower())
    return known if known is not None else int(services.embedder.dim)


class _Lazy:
    """The process's embedder, loaded on first use (erasure needs the stores, not the model)."""

    def __init__(self, services: "Services") -> None:
        self._services = services

    def __getattr__(self, name: str) -> Any:
        return getattr(self._services.embedder, name)


def _analytics_names(attr: str) -> Callable[[], Any]:
    def names() -> Any:
        from assistant.analytics import catalogue

        return getattr(catalogue, attr).keys()

    return names


def _default_redactor() -> Any:
    from guardrails.redaction import Redactor

    return Redactor()


def _default_egress(settings: Settings) -> Any:
    from assistant.llm_factory import build_egress_guard

    return build_egress_guard(settings)


def build_services(settings: Settings) -> Services:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.effective_database_url)
    factory = make_session_factory(engine)
    from guardrails.spool import SpoolingAuditSink

    # An audit record is never lost: if the database cannot take it, it is spooled durably to disk
    # and written, in order, once the database is back.
    audit = SpoolingAuditSink(SqlAuditSink(factory), settings.data_dir / "audit.spool")
    return Services(settings=settings, engine=engine, factory=factory, audit=audit)
