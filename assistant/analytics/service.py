"""The analytics capability: question → plan → validated → compiled selects → answer, audited.

`ask(...)` returns an `AnalyticsAnswer` of kind answer, clarification or refusal; one audit event
per question (capability "analytics"), with the receipt id when the model was used.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Callable, Mapping

from sqlalchemy import select

from assistant.analytics import answer as ans
from assistant.analytics.compiler import CompileContext, compile_metric
from assistant.analytics.messages import CLARIFY, message, name_of
from assistant.analytics.normalise import language_of
from assistant.analytics.parser import ParseResult, Vocabulary, parse
from assistant.analytics.plan import AnalyticsScope, Plan
from assistant.analytics.runner import QueryTimeout, run
from assistant.analytics.timerange import resolve
from assistant.analytics.validate import check, default_scope, visibility
from assistant.capabilities.context import RequestTrace, audit
from connectors.crm.db import tenant_session
from connectors.crm.models import Branch, Tenant
from guardrails.principal import Principal

log = logging.getLogger("assistant.analytics")


@dataclass(frozen=True)
class AnalyticsConfig:
    """Tunables; the lead may move them into Settings (LUA_ANALYTICS_*)."""

    k_min_group: int = 5  # clinic tenants: groups with fewer rows are suppressed
    rates: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)  # target → {currency: factor}
    timeout_ms: int = 5000
    max_rows: int = 1000
    use_model: bool = True
    narrate: bool = False


def config_from_settings(settings: Any) -> AnalyticsConfig:
    """Read LUA_ANALYTICS_* settings when the lead has added them; defaults otherwise."""
    rates = getattr(settings, "analytics_rates", None) or {}
    return AnalyticsConfig(
        k_min_group=int(getattr(settings, "analytics_k_min_group", 5)),
        rates={t: {c: Decimal(str(v)) for c, v in table.items()} for t, table in rates.items()},
        timeout_ms=int(getattr(settings, "analytics_timeout_ms", 5000)),
        max_rows=int(getattr(settings, "analytics_max_rows", 1000)),
        use_model=bool(getattr(settings, "analytics_use_model", True)),
    )


@dataclass(frozen=True)
class TenantInfo:
    timezone: str
    kind: str
    branches: dict[str, int]  # name → id
    vocab: Vocabulary


def tenant_info(factory: Any, tenant_id: int) -> TenantInfo:
    with tenant_session(factory, tenant_id) as s:
        tz, kind = s.execute(select(Tenant.timezone, Tenant.kind).where(Tenant.id == tenant_id)).one()
        rows = s.execute(select(Branch.id, Branch.name, Branch.city).order_by(Branch.id)).all()
    return TenantInfo(timezone=tz or "UTC", kind=kind or "sales", branches={n: i for i, n, _ in rows},
                      vocab=Vocabulary.of_branches([(n, c) for _, n, c in rows]))


def ask(*, services: Any, principal: Principal, question: str, request_id: str,
        scope: AnalyticsScope | None = None, language: str | None = None, now: datetime | None = None,
        config: AnalyticsConfig = AnalyticsConfig(), conversation_id: str | None = None,
        model_planner: Callable[..., ParseResult] | None = None, datascope: Any = None) -> ans.AnalyticsAnswer:
    """Answer one analytics question for `principal`.

    datascope: the DataScope the scope engine granted; its model regions/providers bind the egress
    policy of any model call made for this question (planner, narration).
    """
    trace = RequestTrace(principal=principal, capability="analytics", request_id=request_id)
    trace.scope = datascope
    if datascope is not None:
        trace.scope_version = getattr(datascope, "scope_version", None)
    lang = language or (language_of(question or "") if question and question.strip() else principal.language)
    lang = "ar" if lang == "ar" else "en"
    try:
        result = _answer(services, principal, question, trace, scope or default_scope(principal), lang,
                         now or datetime.now(timezone.utc), config, conversation_id, model_planner)
    except QueryTimeout:
        audit(services, trace, outcome="error", reason="timeout")
        return ans.AnalyticsAnswer(kind="refusal", language=lang, reason="timeout",
                                   text=message("timeout", language=lang))
    except Exception as exc:
        audit(services, trace, outcome="error", reason=type(exc).__name__)
        raise
    outcome = "refused" if result.kind == "refusal" else "ok"
    reason = result.reason if result.kind != "answer" else None
    trace.extra_counts["ANALYTICS_ROWS"] = len(result.rows)
    audit(services, trace, outcome=outcome, reason=(f"clarify:{reason}" if result.kind == "clarification" else reason))
    return result


def _answer(services: Any, principal: Principal, question: str, trace: RequestTrace, scope: AnalyticsScope,
            lang: str, now: datetime, config: AnalyticsConfig, conversation_id: str | None,
            model_planner: Callable[..., ParseResult] | None) -> ans.AnalyticsAnswer:
    info = tenant_info(services.factory, principal.tenant_id)
    parsed = parse(question, vocab=info.vocab)
    source = "parser"
    if parsed.kind == "unknown":
        if config.use_model:
            from assistant.analytics.model_plan import model_plan

            source = "model"
            parsed = (model_planner or model_plan)(services=services, principal=principal, question=question,
                                                   trace=trace, conversation_id=conversation_id)
        else:
            parsed = ParseResult("clarify", reason="not_understood")
    receipt = getattr(trace.model_record, "receipt_id", None)
    if parsed.kind != "plan" or parsed.plan is None:
        kind = "clarification" if parsed.kind == "clarify" or parsed.reason in CLARIFY else "refusal"
        return ans.AnalyticsAnswer(kind=kind, language=lang, reason=parsed.reason, source=source,
                                   text=message(parsed.reason or "not_understood", language=lang, detail=parsed.detail),
                                   options=list(parsed.options), receipt_id=receipt)
    plan = parsed.plan
    vis = visibility(principal, scope)
    rates = config.rates.get(plan.convert_to, {}) if plan.convert_to else {}
    verdict = check(plan, scope=scope, vis=vis, branches=info.branches, rates=config.rates)
    if not verdict.allowed:
        return ans.AnalyticsAnswer(kind="refusal", language=lang, reason=verdict.reason, source=source,
                                   text=message(verdict.reason or "", language=lang, detail=verdict.detail),
                                   plan=plan.model_dump(mode="json"), receipt_id=receipt)
    return execute_plan(services, principal, plan, info=info, vis=vis, branch_filter=verdict.branch_ids,
                        rates=rates, lang=lang, now=now, config=config, source=source, receipt=receipt, trace=trace)


def execute_plan(services: Any, principal: Principal, plan: Plan, *, info: TenantInfo, vis: Any,
                 branch_filter: frozenset[int] | None, rates: Mapping[str, Decimal], lang: str, now: datetime,
                 config: AnalyticsConfig, source: str, receipt: str | None, trace: RequestTrace) -> ans.AnalyticsAnswer:
    period = resolve(plan.time_range, now=now, tz=info.timezone)
    start, end = period.bounds_utc(info.timezone)
    dialect = services.engine.dialect.name
    ctx = CompileContext(tenant_id=principal.tenant_id, dialect=dialect, tz=info.timezone, start=start, end=end,
                         branch_filter=branch_filter, visibility=vis, rates=rates, max_rows=config.max_rows)
    compiled = [compile_metric(m, plan, ctx) for m in plan.metrics]
    t0 = time.perf_counter()
    results = run(services.factory, tenant_id=principal.tenant_id, compiled=compiled, timeout_ms=config.timeout_ms)
    log.info("analytics query", extra={"metrics": len(compiled), "ms": round((time.perf_counter() - t0) * 1000, 1),
                                        "rows": sum(len(r) for r in results)})
    if any(int(r.get("unconverted") or 0) for rows in results for r in rows):
        return ans.AnalyticsAnswer(kind="refusal", language=lang, reason="missing_rate", source=source,
                                   text=message("missing_rate", language=lang), receipt_id=receipt)
    k = config.k_min_group if info.kind == "clinic" else None
    table = ans.build_table(plan, compiled, results, language=lang, k=k, max_rows=config.max_rows)
    converted = any(c.converted for c in compiled)
    text = ans.sentence(plan, table, period, language=lang)
    if table.suppressed:
        text += (f" ({table.suppressed} مجموعات أصغر من {k} حُجبت لحماية الخصوصية.)" if lang == "ar"
                 else f" ({table.suppressed} groups smaller than {k} were suppressed for privacy.)")
    title = " / ".join(name_of(m, lang) for m in plan.metrics)
    trace.record_refs = [f"analytics:{m}" for m in plan.metrics]
    trace.fields_sent = []
    narration = None
    if config.narrate:
        from assistant.analytics.narrate import narrate

        narration = narrate(services=services, principal=principal, table=table, sentence=text, language=lang,
                            trace=trace)
        receipt = getattr(trace.model_record, "receipt_id", None) or receipt
    return ans.AnalyticsAnswer(
        kind="answer", language=lang, text=text, narration=narration, columns=table.columns, column_labels=table.labels,
        rows=table.rows, chart=ans.chart_spec(table, plan, title=title), plan=plan.model_dump(mode="json"),
        plan_text=ans.plan_in_words(plan, period, tz=info.timezone, language=lang, converted=converted),
        source=source, receipt_id=receipt, suppressed_groups=table.suppressed, truncated=table.truncated,
    )
