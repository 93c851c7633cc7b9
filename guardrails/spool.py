"""A durable audit spool: no audit record is lost while the database cannot take it.

`SpoolingAuditSink(inner=SqlAuditSink(...), path=...)` writes through to the inner sink. When the
inner write fails, the event is appended to a local JSON-lines file and fsynced before `write`
returns; later events go to the spool too while it is not empty, so the chain keeps the order in
which requests happened. Each later write (and `replay()`, which a periodic task may call) first
tries to drain the spool in order; the spool shrinks only after the database has taken a record.

The spool holds exactly what the audit table holds (`AuditEvent.payload()`): capability, ids,
counts, never personal values or prompt text.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from guardrails.audit.events import AuditEvent
from guardrails.audit.sink import AuditSink

log = logging.getLogger(__name__)

_TUPLE_FIELDS = {"record_refs", "fields_sent"}
_EVENT_FIELDS = {f.name for f in fields(AuditEvent)}


def event_to_line(event: AuditEvent) -> str:
    return json.dumps(event.payload(), sort_keys=True, separators=(",", ":"))


def event_from_line(line: str) -> AuditEvent:
    data = json.loads(line)
    kwargs = {k: v for k, v in data.items() if k in _EVENT_FIELDS}
    kwargs["occurred_at"] = datetime.fromisoformat(kwargs["occurred_at"])
    for name in _TUPLE_FIELDS:
        kwargs[name] = tuple(kwargs.get(name) or ())
    return AuditEvent(**kwargs)


@dataclass(frozen=True)
class SpoolStatus:
    pending: int
    spooled_total: int
    replayed_total: int
    last_error: str | None  # an exception class name, never its message (it may quote SQL values)


class SpoolingAuditSink:
    """Write-through to `inner`; on failure, append to an fsynced spool and replay it in order later."""

    def __init__(self, inner: AuditSink, path: str | os.PathLike[str], *, retry_interval_s: float = 1.0) -> None:
        self.inner = inner
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._retry_interval = retry_interval_s
        self._next_retry = 0.0
        self._spooled = 0
        self._replayed = 0
        self._last_error: str | None = None
        self._pending = self._count_lines()  # a spool left by a previous process is replayed too

    # --- the AuditSink interface
    def write(self, event: AuditEvent) -> None:
        with self._lock:
            if self._pending:
                self._replay_locked(force=False)
            if not self._pending:
                try:
                    self.inner.write(event)
                    return
                except Exception as exc:  # any database failure: keep the record, not the request
                    self._note_failure(exc)
            self._append(event)

    # --- maintenance
    def replay(self) -> int:
        """Drain the spool into the inner sink in order; returns how many records were written."""
        with self._lock:
            return self._replay_locked(force=True)

    def start(self, *, interval_s: float = 5.0) -> None:
        """Replay in a daemon thread every `interval_s`, so the spool drains also when no request comes."""
        if getattr(self, "_thread", None) is not None:
            return
        self._stop = threading.Event()

        def loop() -> None:
            while not self._stop.wait(interval_s):
                if self._pending:
                    self.replay()

        self._thread = threading.Thread(target=loop, name="audit-spool-replay", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        thread = getattr(self, "_thread", None)
        if thread is not None:
            self._stop.set()
            thread.join(timeout=5)
            self._thread = None

    def status(self) -> SpoolStatus:
        with self._lock:
            return SpoolStatus(pending=self._pending, spooled_total=self._spooled,
                               replayed_total=self._replayed, last_error=self._last_error)

    # --- internals
    def _note_failure(self, exc: Exception) -> None:
        self._last_error = type(exc).__name__
        self._next_retry = time.monotonic() + self._retry_interval
        log.warning("audit.spool.inner_failed", extra={"error": type(exc).__name__, "pending": self._pending})

    def _append(self, event: AuditEvent) -> None:
        line = event_to_line(event) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)  # durable before the request is answered
        finally:
            os.close(fd)
        self._pending += 1
        self._spooled += 1
        log.info("audit.spooled", extra={"capability": event.capability, "pending": self._pending})

    def _replay_locked(self, *, force: bool) -> int:
        if not self._pending or (not force and time.monotonic() < self._next_retry):
            return 0
        lines = self._read_lines()
        done = 0
        for line in lines:
            try:
                self.inner.write(event_from_line(line))
            except Exception as exc:
                self._note_failure(exc)
                break
            done += 1
        if done:
            self._rewrite(lines[done:])
            self._replayed += done
            log.info("audit.spool.replayed", extra={"count": done, "pending": len(lines) - done})
        self._pending = len(lines) - done
        return done

    def _read_lines(self) -> list[str]:
        if not self.path.exists():
            return []
        with open(self.path, encoding="utf-8") as fh:
            return [ln for ln in fh.read().splitlines() if ln.strip()]

    def _count_lines(self) -> int:
        return len(self._read_lines())

    def _rewrite(self, remaining: list[str]) -> None:
        # Write-then-rename so a crash during replay leaves either the old or the new spool, whole.
        # A crash between an inner write and the rename replays that record again: the chain then
        # holds it twice with the same request_id (visible), never zero times.
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write("".join(line + "\n" for line in remaining))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        dir_fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
