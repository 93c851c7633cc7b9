"""Accountability: one typed audit event per request, written to a per-tenant hash chain."""

from guardrails.audit.events import AuditEvent, Outcome
from guardrails.audit.sink import AuditSink, RecordingAuditSink, SqlAuditSink
from guardrails.audit.chain import verify_chain, ChainReport
from guardrails.audit.checkpoint import PurgeResult, purge_before
from guardrails.audit.grants import audit_grants

__all__ = [
    "AuditEvent",
    "Outcome",
    "AuditSink",
    "RecordingAuditSink",
    "SqlAuditSink",
    "verify_chain",
    "ChainReport",
    "PurgeResult",
    "purge_before",
    "audit_grants",
]
