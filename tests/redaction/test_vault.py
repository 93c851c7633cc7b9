"""Vault: stable placeholders, no collisions, isolation, encryption at rest, expiry, SQL store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from guardrails.redaction import InMemoryVaultStore, Vault, value_hmac, value_key
from guardrails.redaction.sql_store import SqlVaultStore, VaultEntry, erase_values, purge_expired
from guardrails.types import KnownValue
from tests.redaction.conftest import MASTER_KEY


def test_same_value_same_placeholder_across_turns(redactor, store):
    known = [KnownValue("Layla Haddad", "PERSON")]
    v1 = Vault(tenant_id=1, conversation_id="c", store=store, key=MASTER_KEY)
    first = redactor.redact("Met Layla Haddad, phone +966501234567.", vault=v1, known=known)
    v2 = Vault(tenant_id=1, conversation_id="c", store=store, key=MASTER_KEY)  # next turn, new request
    second = redactor.redact("LAYLA HADDAD called again from 050 123 4567.", vault=v2, known=known)
    assert first.text == "Met <PERSON_1>, phone <PHONE_1>."
    assert second.text == "<PERSON_1> called again from <PHONE_1>."


def test_two_values_never_share_a_placeholder(redactor, vault):
    red = redactor.redact("Omar Khalid and Lina Saleh, +966501234567 and +966551234567",
                          vault=vault, known=[KnownValue("Omar Khalid", "PERSON"), KnownValue("Lina Saleh", "PERSON")])
    assert red.text == "<PERSON_1> and <PERSON_2>, <PHONE_1> and <PHONE_2>"
    mapping = vault.mapping()
    assert len(set(mapping.values())) == len(mapping)
    assert dict(red.counts) == {"PERSON": 2, "PHONE": 2}


def test_numbering_continues_and_never_reuses(vault):
    a = vault.placeholder_for("A", "PERSON", key="a")
    b = vault.placeholder_for("B", "PERSON", key="b")
    assert (a, b) == ("<PERSON_1>", "<PERSON_2>")
    assert vault.placeholder_for("A again", "PERSON", key="a") == "<PERSON_1>"


@pytest.mark.parametrize("other", [(2, "c-1"), (1, "c-2")], ids=["other-tenant", "other-conversation"])
def test_vault_isolation(redactor, store, other):
    v = Vault(tenant_id=1, conversation_id="c-1", store=store, key=MASTER_KEY)
    red = redactor.redact("Call +966501234567", vault=v)
    foreign = Vault(tenant_id=other[0], conversation_id=other[1], store=store, key=MASTER_KEY)
    assert foreign.mapping() == {}
    out = redactor.restore(red.text, vault=foreign)
    assert "+966501234567" not in out.text and out.invented == 1
    # the foreign vault numbers independently
    assert foreign.placeholder_for("x", "PHONE", key="x") == "<PHONE_1>"


def test_encrypted_at_rest_and_bound_to_context(store):
    v = Vault(tenant_id=7, conversation_id="c", store=store, key=MASTER_KEY)
    v.placeholder_for("Layla Haddad", "PERSON", key=value_key("Layla Haddad", "PERSON"))
    (row,) = store.all_rows()
    assert b"Layla" not in row.ciphertext and b"Haddad" not in row.ciphertext
    assert "layla" not in row.value_hmac
    assert row.value_hmac == value_hmac(MASTER_KEY, 7, "layla haddad")
    # another tenant's key cannot read it, even with the same master (per-tenant derivation)
    thief = Vault(tenant_id=8, conversation_id="c", store=store, key=MASTER_KEY)
    with pytest.raises(Exception):
        thief._decrypt(row)  # noqa: SLF001


def test_entries_expire():
    now = [datetime(2026, 1, 1, tzinfo=timezone.utc)]
    store = InMemoryVaultStore()
    v = Vault(tenant_id=1, conversation_id="c", store=store, key=MASTER_KEY, ttl=timedelta(hours=1), clock=lambda: now[0])
    v.placeholder_for("x", "PHONE", key="x")
    v.placeholder_for("y", "PHONE", key="y")
    now[0] += timedelta(hours=2)
    v.refresh()
    assert v.mapping() == {}
    # a new value never gets an expired value's number; the same value keeps its placeholder
    assert v.placeholder_for("z", "PHONE", key="z") == "<PHONE_3>"
    assert v.placeholder_for("x again", "PHONE", key="x") == "<PHONE_1>"
    assert v.mapping() == {"<PHONE_3>": "z", "<PHONE_1>": "x again"}
    assert store.purge_expired(now[0]) == 1  # only "y" was still expired


@pytest.fixture()
def sql_sessions(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'vault.sqlite3'}")
    VaultEntry.__table__.create(engine)
    return sessionmaker(engine, expire_on_commit=False)


def test_sql_store_round_trip(redactor, sql_sessions):
    store = SqlVaultStore(sql_sessions)
    v = Vault(tenant_id=3, conversation_id="conv", store=store, key=MASTER_KEY)
    red = redactor.redact("Lina Saleh: lina@example.com, +971501234567", vault=v, known=[KnownValue("Lina Saleh", "PERSON")])
    v2 = Vault(tenant_id=3, conversation_id="conv", store=store, key=MASTER_KEY)
    assert redactor.redact("lina@example.com", vault=v2).text == "<EMAIL_1>"
    assert redactor.restore(red.text, vault=v2).text == "Lina Saleh: lina@example.com, +971501234567"
    with sql_sessions() as s:
        rows = s.scalars(select(VaultEntry)).all()
        assert rows and all(b"lina" not in r.ciphertext.lower() for r in rows)
        assert {r.tenant_id for r in rows} == {3}


def test_sql_purge_and_erase(sql_sessions):
    store = SqlVaultStore(sql_sessions)
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    old = Vault(tenant_id=1, conversation_id="a", store=store, key=MASTER_KEY, ttl=timedelta(hours=1), clock=lambda: t0)
    old.placeholder_for("x@example.com", "EMAIL", key="x@example.com")
    live = Vault(tenant_id=1, conversation_id="b", store=store, key=MASTER_KEY)
    live.placeholder_for("Lina Saleh", "PERSON", key="lina saleh")
    other = Vault(tenant_id=2, conversation_id="b", store=store, key=MASTER_KEY)
    other.placeholder_for("Lina Saleh", "PERSON", key="lina saleh")
    with sql_sessions() as s:
        assert purge_expired(s, t0 + timedelta(hours=2)) == 1
        assert erase_values(s, 1, [value_hmac(MASTER_KEY, 1, "lina saleh")]) == 1
        s.commit()
        left = s.scalars(select(VaultEntry)).all()
    assert [(r.tenant_id, r.placeholder) for r in left] == [(2, "<PERSON_1>")]


def test_special_category_is_never_typed(redactor, vault):
    known = [KnownValue("type 2 diabetes", "HEALTH", "special"), KnownValue("Omar Khalid", "PERSON")]
    red = redactor.redact("Omar Khalid has type 2 diabetes; his diabetes is stable.", vault=vault, known=known)
    assert "diabetes" not in red.text.lower()
    assert "<HEALTH" not in red.text and "[REDACTED]" in red.text
    assert all(not p.startswith("<HEALTH") and not p.startswith("<SPECIAL") for p in vault.mapping())
    allowed = redactor.redact("Omar Khalid has type 2 diabetes.", vault=vault, known=known, allow_special=True)
    assert "<HEALTH_1>" in allowed.text


def test_residue_check_catches_known_values(redactor, vault):
    known = [KnownValue("SA0380000000608010167519", "IBAN")]
    red = redactor.redact("pay to S A 0 3 8 0 0 0 0 0 0 0 6 0 8 0 1 0 1 6 7 5 1 9 today", vault=vault, known=known)
    assert "6 7 5 1 9" not in red.text


def test_clinic_mode_neutralises_health_content(redactor, vault):
    text = "Patient Omar Khalid is pregnant and has asthma; والمريضة تعاني من السكري"
    red = redactor.redact(text, vault=vault, clinic=True, known=[KnownValue("Omar Khalid", "PERSON")])
    for word in ("pregnant", "asthma", "السكري"):
        assert word not in red.text
    assert red.counts["HEALTH"] == 3 and "<HEALTH" not in red.text
    assert "asthma" in redactor.redact("asthma", vault=vault).text  # off unless the tenant is a clinic


def test_concurrent_writers_never_collide(store):
    import threading

    results: list[tuple[str, str]] = []

    def worker(k: int) -> None:
        v = Vault(tenant_id=1, conversation_id="c", store=store, key=MASTER_KEY)  # one per request
        for n in range(20):
            value = f"value-{(k * 7 + n) % 25}"
            results.append((value, v.placeholder_for(value, "PERSON", key=value)))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    by_value: dict[str, set[str]] = {}
    for value, ph in results:
        by_value.setdefault(value, set()).add(ph)
    assert all(len(p) == 1 for p in by_value.values())  # stable
    assert len({next(iter(p)) for p in by_value.values()}) == len(by_value)  # never shared
