"""Optional narration by the model: it may only restate numbers of the computed table.

The table goes out redacted (rep names are known personal values); the reply is restored and
every number in it is checked against the table: one stranger drops the whole narration.
"""

from __future__ import annotations

import logging
from typing import Any

from assistant.analytics.answer import Table, narration_is_grounded
from assistant.capabilities.context import RequestTrace, guarded_call, redact_all
from guardrails.principal import Principal
from guardrails.types import KnownValue

log = logging.getLogger("assistant.analytics.narrate")

SYSTEM = ("You restate an analytics result table in one or two short sentences for a manager. Use only numbers "
          "that appear in the table, written exactly as in the table; do not compute, round or invent any other "
          "number. Placeholders such as <PERSON_1> stand for names: copy them exactly. Write in {language}.")


def narrate(*, services: Any, principal: Principal, table: Table, sentence: str, language: str,
            trace: RequestTrace, conversation_id: str | None = None) -> str | None:
    """A checked narration, or None (model failed, or a number not in the table)."""
    from guardrails.egress.errors import EgressError

    if not table.rows:
        return None
    names = {str(r[table.columns.index("owner")]) for r in table.rows} if "owner" in table.columns else set()
    known = [KnownValue(value=n, type="PERSON", record="analytics:owner") for n in sorted(names) if n]
    lines = [" | ".join(table.labels)] + [" | ".join("" if v is None else str(v) for v in row) for row in table.rows[:50]]
    vault = services.vault_for(principal, conversation_id=conversation_id or f"req:{trace.request_id}")
    system, user = redact_all(services, vault=vault, known=known, trace=trace, texts=[
        SYSTEM.format(language="Arabic" if language == "ar" else "English"),
        sentence + "\n<crm_data>\n" + "\n".join(lines) + "\n</crm_data>"])
    try:
        reply = guarded_call(services, principal, trace, system=system, user=user, purpose="analytics_narration")
    except EgressError:
        return None
    restored = services.redactor.restore(reply.text.strip(), vault=vault).text
    if not narration_is_grounded(restored, table):
        trace.extra_counts["NARRATION_DROPPED"] = trace.extra_counts.get("NARRATION_DROPPED", 0) + 1
        log.info("narration dropped: a number not in the table")
        return None
    return restored
