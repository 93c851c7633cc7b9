"""One Redactor per test session: loading spaCy and the name lists takes seconds, calls take ms."""

from __future__ import annotations

import pytest

from guardrails.redaction import InMemoryVaultStore, Redactor, Vault

MASTER_KEY = b"test-master-key-material-0123456789abcdef"


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    return Redactor()


@pytest.fixture()
def store() -> InMemoryVaultStore:
    return InMemoryVaultStore()


@pytest.fixture()
def vault(store: InMemoryVaultStore) -> Vault:
    return Vault(tenant_id=1, conversation_id="c-1", store=store, key=MASTER_KEY)
