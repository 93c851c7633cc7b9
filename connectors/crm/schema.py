"""Every table of the service in one metadata, for migrations and tests.

Importing this module registers the CRM tables and the AI layer's own tables (audit chain,
vault, model-call records, ...), whichever package defines them.
"""

from __future__ import annotations

import importlib

from connectors.crm.base import Base

# Modules that define tables. Kept as a list so a missing optional module is a clear error.
TABLE_MODULES = (
    "connectors.crm.models",
    "guardrails.audit.models",
    "guardrails.redaction.sql_store",
    "guardrails.egress.records",
    "guardrails.scopes.models",
    "guardrails.subjects.models",
    "connectors.vectors.models",
    "assistant.conversations.models",
)

for _name in TABLE_MODULES:
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # an area not built yet defines no tables
        if not (exc.name and _name.startswith(exc.name)):
            raise

metadata = Base.metadata
