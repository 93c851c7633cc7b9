"""PostgreSQL privileges that make the audit log append-only for the application's role.

The service must run as a role that does not own the tables (owners bypass grants). That role may
INSERT and SELECT audit records, advance its tenant's chain head, and shred record references
(erasure: column-level UPDATE of `audit_refs.ref/ref_key/erased_at` only). It may not UPDATE or
DELETE `audit_records`, nor touch checkpoints. Retention runs as the owner (`lua-assistant retention
run`) or calls `audit_purge_prefix`, a SECURITY DEFINER function that can only delete a prefix of a
chain and writes the checkpoint in the same statement.
"""

from __future__ import annotations

import re

_ROLE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _ident(name: str) -> str:
    if not _ROLE.match(name):
        raise ValueError("role and schema names must be plain lower-case identifiers")
    return f'"{name}"'


def audit_grants(app_role: str, *, schema: str | None = None) -> list[str]:
    """SQL statements (run as the tables' owner) granting `app_role` append-only audit access."""
    role = _ident(app_role)
    q = (lambda t: f"{_ident(schema)}.{t}") if schema else (lambda t: t)
    records, refs, heads, cps = q("audit_records"), q("audit_refs"), q("audit_heads"), q("audit_checkpoints")
    stmts = [
        f"REVOKE ALL ON {records}, {refs}, {heads}, {cps} FROM {role}",
        f"GRANT SELECT, INSERT ON {records} TO {role}",
        f"GRANT SELECT, INSERT ON {refs} TO {role}",
        f"GRANT UPDATE (ref, ref_key, erased_at) ON {refs} TO {role}",
        f"GRANT SELECT, INSERT, UPDATE ON {heads} TO {role}",
        f"GRANT SELECT ON {cps} TO {role}",
        f"GRANT USAGE, SELECT ON SEQUENCE {q('audit_records_id_seq')} TO {role}",
    ]
    if schema:
        stmts.insert(0, f"GRANT USAGE ON SCHEMA {_ident(schema)} TO {role}")
    stmts += purge_function(schema=schema)
    stmts.append(f"REVOKE ALL ON FUNCTION {q('audit_purge_prefix')}(integer, integer, text, integer) FROM PUBLIC")
    stmts.append(f"GRANT EXECUTE ON FUNCTION {q('audit_purge_prefix')}(integer, integer, text, integer) TO {role}")
    return stmts


def purge_function(*, schema: str | None = None) -> list[str]:
    """The SECURITY DEFINER purge path: deletes seq <= upto, writes the signed checkpoint it was given.

    The caller signs (the key never enters the database); the function reads the hash to checkpoint
    itself, so a caller can only choose how long a prefix to drop, never what the chain says.
    """
    q = (lambda t: f"{_ident(schema)}.{t}") if schema else (lambda t: t)
    path = f"SET search_path = {_ident(schema)}" if schema else "SET search_path = public"
    return [f"""
CREATE OR REPLACE FUNCTION {q('audit_purge_prefix')}(p_tenant integer, p_upto integer, p_signature text,
                                                  p_min_age_days integer)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
DECLARE v_hash text; v_n integer;
BEGIN
  IF EXISTS (SELECT 1 FROM audit_records WHERE tenant_id = p_tenant AND seq <= p_upto
             AND occurred_at > now() - make_interval(days => p_min_age_days)) THEN
    RAISE EXCEPTION 'audit records younger than the retention period';
  END IF;
  SELECT hash INTO v_hash FROM audit_records WHERE tenant_id = p_tenant AND seq = p_upto;
  IF v_hash IS NULL THEN RAISE EXCEPTION 'no audit record at that seq'; END IF;
  DELETE FROM audit_refs WHERE tenant_id = p_tenant AND seq <= p_upto;
  DELETE FROM audit_records WHERE tenant_id = p_tenant AND seq <= p_upto;
  GET DIAGNOSTICS v_n = ROW_COUNT;
  INSERT INTO audit_checkpoints (tenant_id, seq, hash, purged, created_at, signature)
    VALUES (p_tenant, p_upto, v_hash, v_n, now(), p_signature);
  RETURN v_n;
END $$"""]
