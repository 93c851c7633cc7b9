"""PostgreSQL: append one audit record to its tenant's chain in a single round trip.

`audit_append(...)` is a PL/pgSQL function (SECURITY INVOKER: it runs with the caller's grants and
row-level security) that does, in one statement and so in one transaction, what `sink.append` does in
five: bind the transaction to the tenant (`app.tenant_id`, read by the RLS policies), lock the
tenant's head row (`SELECT ... FOR UPDATE`; the first writer of a tenant creates it), link the record
to the head, insert the record and its references, and move the head. The client sends the canonical
payload text (`chain.canonical`, with the reference commitments already in it); the function computes
the link hash exactly as `chain.link_hash` does, with PostgreSQL's built-in `sha256()`:

    sha256(prev_hash || '|' || tenant_id || '|' || seq || '|' || canonical_payload)   (UTF-8)

and stores the payload text as `json` (which keeps the text as given), so `verify_chain` recomputes
the same digest. Called in autocommit, the statement is its own transaction: one round trip plus the
commit's WAL flush, which is what makes the record durable before the request is answered.

The head row lock serialises every writer of a tenant, across threads and processes; the unique
`(tenant_id, seq)` constraint is the second wall (a writer that did not lock would fail, not fork).

Installed by migration 0003 and, for schemas built with `metadata.create_all`, by the `after_create`
hook on `audit_heads` (models.py). Where it is missing (an older schema) the sink falls back to the
multi-statement path.
"""

from __future__ import annotations

FUNCTION = "audit_append"
SIGNATURE = "audit_append(integer, text, timestamptz, integer, text, text, text, text, text[], text[])"

CREATE_FUNCTION = r"""
CREATE OR REPLACE FUNCTION audit_append(
    p_tenant integer, p_request_id text, p_occurred_at timestamptz, p_user_id integer,
    p_capability text, p_outcome text, p_receipt_id text, p_payload text,
    p_refs text[], p_ref_keys text[], OUT o_seq integer, OUT o_hash text)
LANGUAGE plpgsql SECURITY INVOKER AS $fn$
DECLARE
  v_prev text;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  SELECT h.seq, h.hash INTO o_seq, v_prev FROM audit_heads h WHERE h.tenant_id = p_tenant FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (p_tenant, 0, repeat('0', 64))
      ON CONFLICT (tenant_id) DO NOTHING;
    SELECT h.seq, h.hash INTO o_seq, v_prev FROM audit_heads h WHERE h.tenant_id = p_tenant FOR UPDATE;
  END IF;
  o_seq := o_seq + 1;
  o_hash := encode(sha256(convert_to(v_prev || '|' || p_tenant::text || '|' || o_seq::text || '|' || p_payload,
                                     'UTF8')), 'hex');
  INSERT INTO audit_records (tenant_id, seq, request_id, occurred_at, user_id, capability, outcome,
                             receipt_id, payload, prev_hash, hash)
    VALUES (p_tenant, o_seq, p_request_id, p_occurred_at, p_user_id, p_capability, p_outcome,
            p_receipt_id, p_payload::json, v_prev, o_hash);
  IF coalesce(cardinality(p_refs), 0) > 0 THEN
    IF cardinality(p_refs) <> coalesce(cardinality(p_ref_keys), 0) THEN
      RAISE EXCEPTION 'audit_append: references and keys differ in number';
    END IF;
    INSERT INTO audit_refs (tenant_id, seq, pos, ref, ref_key)
      SELECT p_tenant, o_seq, (r.ord - 1)::integer, r.ref, r.ref_key
      FROM unnest(p_refs, p_ref_keys) WITH ORDINALITY AS r(ref, ref_key, ord);
  END IF;
  UPDATE audit_heads SET seq = o_seq, hash = o_hash WHERE tenant_id = p_tenant;
END
$fn$
"""

# No percent sign in the DDL: it runs through Alembic's op.execute and exec_driver_sql alike.
DROP_FUNCTION = f"DROP FUNCTION IF EXISTS {SIGNATURE}"

CALL = ("SELECT o_seq, o_hash FROM audit_append(%(t)s, %(rid)s, %(at)s, %(uid)s, %(cap)s, %(out)s, %(rcpt)s, "
        "%(payload)s, %(refs)s::text[], %(keys)s::text[])")
