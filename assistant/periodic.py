"""The service's periodic retention task: a daemon thread that purges what expired."""

from __future__ import annotations

import logging
import threading

from assistant.services import Services

log = logging.getLogger("assistant.retention")


class RetentionTask:
    def __init__(self, services: Services) -> None:
        self._services = services
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        minutes = self._services.settings.retention_interval_minutes
        if minutes <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, args=(minutes * 60,), name="retention", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def run_once(self):
        from connectors.crm.base import utcnow
        from guardrails.retention import days_from_scopes, run_retention

        s = self._services
        return run_retention(s.factory, utcnow(), checkpoint_key=s.settings.audit_key.encode("utf-8"),
                             days_for=days_from_scopes(s.factory),
                             targets=s.retention_targets())

    def _loop(self, interval_s: float) -> None:
        # First run after one interval: start-up stays fast and tests are not surprised.
        while not self._stop.wait(interval_s):
            try:
                report = self.run_once()
                log.info("retention run", extra={"seconds": round(report.seconds, 3), "errors": len(report.errors)})
            except Exception as exc:  # keep the thread alive; the next run retries
                log.error("retention run failed", extra={"error_type": type(exc).__name__})


class IndexTask:
    """Keeps every tenant's note index current: at start-up, then every `index_interval_minutes`.

    The embedded vector backend lets one process own a tenant's shard, so the service indexes
    for itself; indexing is incremental (content hashes), so a run with no changes is cheap.
    """

    def __init__(self, services: Services) -> None:
        self._services = services
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        minutes = self._services.settings.index_interval_minutes
        if minutes <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, args=(minutes * 60,), name="indexer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def run_once(self) -> int:
        from sqlalchemy import select

        from connectors.crm.db import system_session
        from connectors.crm.models import Tenant

        with system_session(self._services.factory) as s:
            tenant_ids = list(s.scalars(select(Tenant.id).order_by(Tenant.id)))
        total = 0
        for tenant_id in tenant_ids:
            if self._stop.is_set():
                break
            report = self._services.indexer.index_tenant(tenant_id)
            total += int(report.embedded)
        return total

    def _loop(self, interval_s: float) -> None:
        while not self._stop.is_set():
            try:
                n = self.run_once()
                log.info("note index run", extra={"indexed": n})
            except Exception as exc:  # keep serving; the next run retries
                log.error("note index run failed", extra={"error_type": type(exc).__name__})
            if self._stop.wait(interval_s):
                return
