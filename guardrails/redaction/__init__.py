"""Redaction: detect personal data, replace it by stable placeholders, restore it for the user only.

    from guardrails.redaction import Redactor, Vault, InMemoryVaultStore
    r = Redactor()
    vault = Vault(tenant_id=1, conversation_id="c-1", store=InMemoryVaultStore(), key=master_key)
    red = r.redact(text, vault=vault, known=[...])
    out = r.restore(model_text, vault=vault)
"""

from guardrails.redaction.redactor import NEUTRAL_TOKEN, OutputCheck, Redactor, value_key
from guardrails.redaction.restore import RestoreResult, StreamRestorer
from guardrails.redaction.vault import InMemoryVaultStore, PlaceholderConflict, StoredEntry, Vault, VaultStore, value_hmac

__all__ = [
    "NEUTRAL_TOKEN",
    "InMemoryVaultStore",
    "OutputCheck",
    "PlaceholderConflict",
    "Redactor",
    "RestoreResult",
    "SqlVaultStore",
    "StoredEntry",
    "StreamRestorer",
    "Vault",
    "VaultEntry",
    "VaultStore",
    "value_hmac",
    "value_key",
]


def __getattr__(name: str):
    # The SQL store pulls in SQLAlchemy models; import it only when asked for.
    if name in ("SqlVaultStore", "VaultEntry", "purge_expired", "erase_values"):
        from guardrails.redaction import sql_store

        return getattr(sql_store, name)
    raise AttributeError(name)
