"""The placeholder vault of one (tenant, conversation): stable numbering, encrypted at rest.

- Keys: HKDF-SHA256 derives, per tenant, an AES-256-GCM key and an HMAC key from the master key.
- Lookup: by HMAC of the normalised value (per tenant, so erasure can find a contact's entries in
  every conversation without decrypting anything).
- Values: AES-GCM with a random nonce; the associated data binds a ciphertext to its tenant,
  conversation and placeholder, so a row moved elsewhere fails to decrypt.
- Numbering: per (tenant, conversation, type); the same value keeps its placeholder across turns
  and two values never share one (the stores enforce both with unique keys).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

log = logging.getLogger(__name__)
DEFAULT_TTL = timedelta(days=30)


class PlaceholderConflict(Exception):
    """Another writer took this placeholder or value first (retry with fresh state)."""


@dataclass(frozen=True, slots=True)
class StoredEntry:
    tenant_id: int
    conversation_id: str
    placeholder: str
    entity_type: str
    value_hmac: str
    ciphertext: bytes
    created_at: datetime
    expires_at: datetime


class VaultStore(Protocol):
    """Where vault entries live. Implementations: InMemoryVaultStore, SqlVaultStore."""

    def find_by_hmac(self, tenant_id: int, conversation_id: str, value_hmac: str, now: datetime | None) -> StoredEntry | None:
        """The live entry of a value (`now=None`: also an expired one)."""
        ...

    def renew(self, entry: StoredEntry) -> None:
        """Replace the ciphertext and expiry of an existing (expired) entry, keeping its placeholder."""
        ...

    def entries(self, tenant_id: int, conversation_id: str, now: datetime) -> list[StoredEntry]: ...

    def count_type(self, tenant_id: int, conversation_id: str, entity_type: str) -> int:
        """Number of placeholders ever issued for this type (expired ones included)."""
        ...

    def add(self, entry: StoredEntry) -> None:
        """Insert; raise PlaceholderConflict when the placeholder or value already exists."""
        ...


class InMemoryVaultStore:
    """A process-local store for tests, the CLI and the embedded mode's short-lived use."""

    def __init__(self) -> None:
        self._rows: dict[tuple[int, str], list[StoredEntry]] = {}
        self._lock = threading.Lock()

    def find_by_hmac(self, tenant_id: int, conversation_id: str, value_hmac: str, now: datetime) -> StoredEntry | None:
        with self._lock:
            for row in self._rows.get((tenant_id, conversation_id), []):
                if row.value_hmac == value_hmac and (now is None or row.expires_at > now):
                    return row
        return None

    def renew(self, entry: StoredEntry) -> None:
        with self._lock:
            rows = self._rows.get((entry.tenant_id, entry.conversation_id), [])
            for k, row in enumerate(rows):
                if row.placeholder == entry.placeholder:
                    rows[k] = entry

    def entries(self, tenant_id: int, conversation_id: str, now: datetime) -> list[StoredEntry]:
        with self._lock:
            return [r for r in self._rows.get((tenant_id, conversation_id), []) if r.expires_at > now]

    def count_type(self, tenant_id: int, conversation_id: str, entity_type: str) -> int:
        with self._lock:
            return sum(1 for r in self._rows.get((tenant_id, conversation_id), []) if r.entity_type == entity_type)

    def add(self, entry: StoredEntry) -> None:
        with self._lock:
            rows = self._rows.setdefault((entry.tenant_id, entry.conversation_id), [])
            if any(r.placeholder == entry.placeholder or r.value_hmac == entry.value_hmac for r in rows):
                raise PlaceholderConflict()
            rows.append(entry)

    def purge_expired(self, now: datetime) -> int:
        with self._lock:
            n = 0
            for key, rows in self._rows.items():
                keep = [r for r in rows if r.expires_at > now]
                n += len(rows) - len(keep)
                self._rows[key] = keep
            return n

    def all_rows(self) -> list[StoredEntry]:
        """Every stored row, for tests of encryption at rest."""
        with self._lock:
            return [r for rows in self._rows.values() for r in rows]


def tenant_keys(master_key: bytes, tenant_id: int) -> tuple[bytes, bytes]:
    """(encryption key, hmac key) of a tenant, derived from the master key by HKDF-SHA256."""
    if len(master_key) < 16:
        raise ValueError("vault master key too short")
    okm = HKDF(algorithm=hashes.SHA256(), length=64, salt=b"lua-assistant/vault/v1",
               info=f"tenant:{tenant_id}".encode()).derive(master_key)
    return okm[:32], okm[32:]


def value_hmac(master_key: bytes, tenant_id: int, normalised_value: str) -> str:
    """Lookup key of a normalised value in a tenant's vaults (also used by erasure)."""
    _, mac_key = tenant_keys(master_key, tenant_id)
    return hmac.new(mac_key, normalised_value.encode(), hashlib.sha256).hexdigest()


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Vault:
    """Placeholders of one (tenant, conversation). Create one per request; cheap."""

    def __init__(self, *, tenant_id: int, conversation_id: str, store: VaultStore, key: bytes | str,
                 ttl: timedelta = DEFAULT_TTL, clock=_utcnow) -> None:
        master = key.encode() if isinstance(key, str) else bytes(key)
        self.tenant_id = tenant_id
        self.conversation_id = str(conversation_id)
        self.store = store
        self.ttl = ttl
        self._clock = clock
        self._enc_key, self._mac_key = tenant_keys(master, tenant_id)
        self._aead = AESGCM(self._enc_key)
        self._cache: dict[str, str] | None = None  # placeholder -> value, decrypted lazily
        self._lock = threading.Lock()

    def hmac_of(self, normalised_value: str) -> str:
        return hmac.new(self._mac_key, normalised_value.encode(), hashlib.sha256).hexdigest()

    def _aad(self, placeholder: str) -> bytes:
        return f"{self.tenant_id}|{self.conversation_id}|{placeholder}".encode()

    def _encrypt(self, placeholder: str, value: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, value.encode(), self._aad(placeholder))

    def _decrypt(self, entry: StoredEntry) -> str:
        blob = entry.ciphertext
        return self._aead.decrypt(blob[:12], blob[12:], self._aad(entry.placeholder)).decode()

    def placeholder_for(self, value: str, entity_type: str, *, key: str) -> str:
        """The placeholder of `value` (normalised lookup form `key`), issuing one if new."""
        mac = self.hmac_of(key)
        with self._lock:
            for _attempt in range(20):
                now = self._clock()
                found = self.store.find_by_hmac(self.tenant_id, self.conversation_id, mac, now)
                if found is not None:
                    return found.placeholder
                stale = self.store.find_by_hmac(self.tenant_id, self.conversation_id, mac, None)
                if stale is not None:
                    # An expired entry of the same value keeps its placeholder (numbers are never reused).
                    renewed = StoredEntry(self.tenant_id, self.conversation_id, stale.placeholder, stale.entity_type,
                                          mac, self._encrypt(stale.placeholder, value), now, now + self.ttl)
                    self.store.renew(renewed)
                    if self._cache is not None:
                        self._cache[stale.placeholder] = value
                    return stale.placeholder
                n = self.store.count_type(self.tenant_id, self.conversation_id, entity_type) + 1
                placeholder = f"<{entity_type}_{n}>"
                entry = StoredEntry(self.tenant_id, self.conversation_id, placeholder, entity_type, mac,
                                    self._encrypt(placeholder, value), now, now + self.ttl)
                try:
                    self.store.add(entry)
                except PlaceholderConflict:
                    continue  # a concurrent writer won; re-read
                if self._cache is not None:
                    self._cache[placeholder] = value
                return placeholder
        raise RuntimeError("could not allocate a placeholder")

    def mapping(self) -> dict[str, str]:
        """placeholder → original value for every live entry (decrypted; never log it)."""
        with self._lock:
            if self._cache is None:
                cache: dict[str, str] = {}
                for entry in self.store.entries(self.tenant_id, self.conversation_id, self._clock()):
                    try:
                        cache[entry.placeholder] = self._decrypt(entry)
                    except Exception:  # noqa: BLE001 - tampered or foreign row: unusable, skip
                        log.warning("vault entry failed to decrypt", extra={"placeholder_type": entry.entity_type})
                self._cache = cache
            return dict(self._cache)

    def refresh(self) -> None:
        """Forget decrypted values cached by this instance (re-read the store next time)."""
        with self._lock:
            self._cache = None
