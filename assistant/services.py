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

    def retention_targets(self) -> tuple[Any, ...]:
        """Extra stores that retention purges besides vault and audit (conversations)."""
        return ()

    def llm_policy(self, principal: Any, scope: Any = None) -> Any:
        """The tenant's model-provider policy: no-training always (not a field: it cannot be turned
        off); regions and provider from the tenant's scope, EU and the deployment default otherwise."""
        from guardrails.egress.providers import TenantLLMPolicy

        if scope is None:
            return TenantLLMPolicy(tenant_id=principal.tenant_id)
        providers = sorted(scope.providers)
        return TenantLLMPolicy(
            tenant_id=principal.tenant_id,
            allowed_regions=frozenset(scope.regions) or frozenset({"eu"}),
            # One named provider is the tenant's choice; several or none → the deployment default,
            # which the guard still checks against the regions (fail closed, no fallback).
            provider=providers[0] if len(providers) == 1 else None,
            version=str(scope.scope_version),
        )


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
    return Services(settings=settings, engine=engine, factory=factory, audit=SqlAuditSink(factory))
