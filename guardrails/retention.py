"""Retention: purge what expired, per tenant — conversations, vault entries, audit records.

Days come from a callable (the tenant's scope document, issue 5); the defaults are 30/30/365. Audit
records leave only through `purge_before`, which deletes a prefix of the chain and signs a checkpoint,
so the chain still verifies. The redacted prompts kept with privacy receipts leave with the
conversations (their days): the receipt stays (digest, counts, terms), its prompt text does not.
Other stores (conversation history) plug in as `RetentionTarget`s.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Protocol, Sequence

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, sessionmaker

from connectors.crm.db import system_session, tenant_session
from connectors.crm.models import Tenant
from guardrails.audit.checkpoint import purge_before

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionDays:
    conversations: int = 30
    vault: int = 30
    audit: int = 365

    def __post_init__(self) -> None:
        for name in ("conversations", "vault", "audit"):
            if getattr(self, name) < 1:
                raise ValueError(f"retention days for {name} must be at least 1")


class RetentionTarget(Protocol):
    """A store with its own expiry (e.g. conversation turns): delete the tenant's rows older than `cutoff`."""

    name: str
    kind: str  # which RetentionDays field applies: "conversations" | "vault" | "audit"

    def purge(self, session: Session, *, tenant_id: int, cutoff: datetime) -> int: ...


@dataclass(frozen=True)
class TenantRetention:
    tenant_id: int
    days: RetentionDays
    purged: dict[str, int]
    audit_checkpoint_seq: int | None = None


@dataclass(frozen=True)
class RetentionReport:
    ran_at: datetime
    tenants: tuple[TenantRetention, ...] = ()
    seconds: float = 0.0
    errors: tuple[str, ...] = field(default_factory=tuple)  # "tenant:<id>:<target>:<error type>"

    def total(self, name: str) -> int:
        return sum(t.purged.get(name, 0) for t in self.tenants)

    def as_dict(self) -> dict:
        return {
            "ran_at": self.ran_at.isoformat(), "seconds": round(self.seconds, 3), "errors": list(self.errors),
            "totals": {k: self.total(k) for k in sorted({k for t in self.tenants for k in t.purged})},
            "tenants": [{"tenant_id": t.tenant_id, "days": vars(t.days), "purged": t.purged,
                         "audit_checkpoint_seq": t.audit_checkpoint_seq} for t in self.tenants],
        }


def purge_vault(session: Session, *, tenant_id: int, cutoff: datetime, now: datetime) -> int:
    """Vault entries created before the cutoff or already expired."""
    from guardrails.redaction.sql_store import VaultEntry

    result = session.execute(delete(VaultEntry).where(
        VaultEntry.tenant_id == tenant_id, or_(VaultEntry.created_at < cutoff, VaultEntry.expires_at <= now))
        .execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


def purge_receipt_prompts(session: Session, *, tenant_id: int, cutoff: datetime) -> int:
    """Redacted prompts of receipts created before the cutoff (the receipts themselves stay)."""
    from guardrails.egress.records import clear_prompts

    return clear_prompts(session, tenant_id=tenant_id, before=cutoff)


def run_retention(factory: sessionmaker[Session], now: datetime, *, checkpoint_key: bytes,
                  days_for: Callable[[int], RetentionDays] | None = None,
                  targets: Sequence[RetentionTarget] = (), tenant_ids: Sequence[int] | None = None,
                  audit_via_function: bool = False) -> RetentionReport:
    """Purge expired data of every tenant (or `tenant_ids`), one transaction per tenant and store.

    `audit_via_function`: on PostgreSQL as the application role (no DELETE on audit tables), purge
    through the `audit_purge_prefix` SECURITY DEFINER function installed by `audit_grants`.
    """
    t0 = time.perf_counter()
    with system_session(factory) as s:
        ids = list(tenant_ids) if tenant_ids is not None else list(s.scalars(select(Tenant.id).order_by(Tenant.id)))
    results, errors = [], []
    for tenant_id in ids:
        days = days_for(tenant_id) if days_for else RetentionDays()
        purged: dict[str, int] = {}
        checkpoint = None
        jobs: list[tuple[str, Callable[[Session], int]]] = [
            ("vault", lambda s, t=tenant_id: purge_vault(s, tenant_id=t, cutoff=now - timedelta(days=days.vault),
                                                         now=now)),
            ("receipt_prompts", lambda s, t=tenant_id: purge_receipt_prompts(
                s, tenant_id=t, cutoff=now - timedelta(days=days.conversations))),
        ]
        for target in targets:
            cutoff = now - timedelta(days=getattr(days, target.kind))
            jobs.append((target.name, lambda s, t=tenant_id, tg=target, c=cutoff: tg.purge(s, tenant_id=t, cutoff=c)))
        for name, job in jobs:
            try:
                # A tenant session: on PostgreSQL it sets app.tenant_id, which row-level security reads.
                with tenant_session(factory, tenant_id) as s:
                    purged[name] = job(s)
            except Exception as exc:  # noqa: BLE001 - one failing store must not stop the others
                errors.append(f"tenant:{tenant_id}:{name}:{type(exc).__name__}")
                log.error("retention failed", extra={"tenant_id": tenant_id, "target": name,
                                                     "error_type": type(exc).__name__})
        try:
            with tenant_session(factory, tenant_id) as s:
                res = purge_before(s, tenant_id=tenant_id, before=now - timedelta(days=days.audit),
                                   key=checkpoint_key, now=now, via_function=audit_via_function)
            purged["audit"], checkpoint = res.purged, res.checkpoint_seq
        except Exception as exc:  # noqa: BLE001
            errors.append(f"tenant:{tenant_id}:audit:{type(exc).__name__}")
            log.error("retention failed", extra={"tenant_id": tenant_id, "target": "audit",
                                                 "error_type": type(exc).__name__})
        results.append(TenantRetention(tenant_id, days, purged, checkpoint))
    report = RetentionReport(now, tuple(results), time.perf_counter() - t0, tuple(errors))
    log.info("retention run", extra={"tenants": len(results), "errors": len(errors),
                                     "s": round(report.seconds, 3)})
    return report


def days_from_scopes(factory: sessionmaker[Session]) -> Callable[[int], RetentionDays]:
    """Retention days from each tenant's scope document in force (issue 5's `retention` section)."""
    from guardrails.scopes.store import load

    def days_for(tenant_id: int) -> RetentionDays:
        with tenant_session(factory, tenant_id) as s:
            r = load(s, tenant_id).document.retention
        return RetentionDays(conversations=r.conversations_days, vault=r.vault_days, audit=r.audit_days)

    return days_for
