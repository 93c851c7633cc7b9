"""From result rows to the answer: the table, a sentence, a Vega-Lite chart, the plan in words.

Groups smaller than k are suppressed for clinic tenants (special-category data); the model's
narration, when asked for, is kept only if every number it states is in the table.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any, Sequence

from assistant.analytics.catalogue import DEFINITIONS_AR, METRICS, TIME_DIMENSIONS
from assistant.analytics.compiler import Compiled
from assistant.analytics.messages import name_of
from assistant.analytics.plan import Plan
from assistant.analytics.timerange import Period

_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?")


@dataclass
class Table:
    columns: list[str]  # keys: dimensions then metrics
    labels: list[str]  # the columns' names in the asker's language
    rows: list[list[Any]]
    suppressed: int = 0
    truncated: bool = False


@dataclass
class AnalyticsAnswer:
    kind: str  # answer | clarification | refusal
    language: str
    text: str
    reason: str | None = None
    columns: list[str] = field(default_factory=list)
    column_labels: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    chart: dict[str, Any] | None = None
    plan: dict[str, Any] | None = None
    plan_text: str | None = None
    source: str | None = None  # parser | model
    receipt_id: str | None = None
    narration: str | None = None
    suppressed_groups: int = 0
    truncated: bool = False
    options: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _num(value: Any, unit: str) -> float | int | None:
    if value is None:
        return None
    if unit == "count":
        return int(value)
    return round(float(value if not isinstance(value, Decimal) else value), 2)


def build_table(plan: Plan, compiled: Sequence[Compiled], results: Sequence[list[dict]], *,
                language: str, k: int | None, max_rows: int) -> Table:
    """Merge one result per metric on the grouping columns; suppress small groups; limit rows."""
    dims: list[str] = []
    for c in compiled:
        dims += [d for d in c.group_by if d not in dims]
    merged: dict[tuple, dict[str, Any]] = {}
    small: set[tuple] = set()
    for c, rows in zip(compiled, results):
        unit = METRICS[c.metric].unit
        for r in rows:
            key = tuple(r.get(d) for d in dims)
            row = merged.setdefault(key, {d: r.get(d) for d in dims})
            row[c.metric] = _num(r["value"], unit)
            if k is not None and int(r["n_rows"]) < k:
                small.add(key)
    if not dims and not merged:
        merged[()] = {}
    metrics = list(plan.metrics)
    rows = [row for key, row in merged.items() if key not in small]
    if not dims and not results[0]:
        rows = [{m: (0 if METRICS[m].unit == "count" else None) for m in metrics}]
    if len(compiled) > 1 or any(c.group_by != plan.group_by for c in compiled):
        first = metrics[0]
        if any(d in TIME_DIMENSIONS for d in dims) and plan.sort is None:
            rows.sort(key=lambda r: tuple(str(r.get(d)) for d in dims))
        elif dims:
            desc = plan.sort != "asc"
            rows.sort(key=lambda r: (r.get(first) is None, -(r.get(first) or 0) if desc else (r.get(first) or 0),
                                     tuple(str(r.get(d)) for d in dims)))
    limit = min(plan.limit or max_rows, max_rows)
    truncated = len(rows) > limit and not plan.limit
    rows = rows[:limit]
    columns = dims + metrics
    return Table(columns=columns, labels=[name_of(c, language) for c in columns],
                 rows=[[r.get(c) for c in columns] for r in rows], suppressed=len(small), truncated=truncated)


def fmt(value: Any, unit: str, language: str) -> str:
    if value is None:
        return "—"
    if unit == "percent":
        return f"{value:.2f}%"
    if unit == "days":
        return f"{value:.2f} " + ("يوم" if language == "ar" else "days")
    if unit == "money":
        return f"{value:,.2f}"
    return f"{value:,}"


def sentence(plan: Plan, table: Table, period: Period, *, language: str) -> str:
    ar = language == "ar"
    when = period.label_ar if ar else period.label_en
    first = plan.metrics[0]
    unit = METRICS[first].unit
    name = name_of(first, language)
    dims = [c for c in table.columns if c not in plan.metrics]
    idx = table.columns.index(first)
    if not table.rows:
        return (f"لا توجد بيانات لـ{name} في {when}." if ar else f"There is no data for {name} in {when}.")
    if not dims:
        parts = [f"{name_of(m, language)}: {fmt(table.rows[0][table.columns.index(m)], METRICS[m].unit, language)}"
                 for m in plan.metrics]
        return (f"في {when}: " if ar else f"For {when}: ") + "; ".join(parts) + "."
    if dims == ["currency"] and "currency" not in plan.group_by:  # split only because money never mixes
        amounts = "; ".join(f"{r[0]} {fmt(r[idx], unit, language)}" for r in table.rows)
        return (f"{name} في {when}، لكل عملة: {amounts}." if ar else f"{name.capitalize()} for {when}, per currency: {amounts}.")
    top = table.rows[0]
    label = " / ".join(str(top[table.columns.index(d)]) for d in dims)
    by = " و".join(name_of(d, language) for d in dims) if ar else " and ".join(name_of(d, language) for d in dims)
    if any(d in TIME_DIMENSIONS for d in dims) and plan.sort is None:
        return (f"{name} حسب {by} في {when}: {len(table.rows)} صف." if ar
                else f"{name.capitalize()} by {by} for {when}: {len(table.rows)} rows.")
    word = ("الأقل" if ar else "lowest") if plan.sort == "asc" else ("الأعلى" if ar else "highest")
    return (f"{name} حسب {by} في {when}: {word} {label} بقيمة {fmt(top[idx], unit, language)} ({len(table.rows)} صف)."
            if ar else f"{name.capitalize()} by {by} for {when}: {word} is {label} with "
                       f"{fmt(top[idx], unit, language)} ({len(table.rows)} rows).")


def plan_in_words(plan: Plan, period: Period, *, tz: str, language: str, converted: bool) -> str:
    ar = language == "ar"
    lines = []
    for m in plan.metrics:
        metric = METRICS[m]
        definition = DEFINITIONS_AR[m] if ar else metric.definition
        lines.append(f"{name_of(m, language)}: {definition.rstrip('.')}")
    parts = ["; ".join(lines)]
    if plan.group_by:
        parts.append(("مجمعة حسب " if ar else "grouped by ") + ", ".join(name_of(d, language) for d in plan.group_by))
    money = any(METRICS[m].unit == "money" for m in plan.metrics)
    if money and not converted and "currency" not in plan.group_by and len(plan.filters.currency) != 1:
        parts.append("مفصلة حسب العملة (لا تُجمع العملات المختلفة)" if ar else "split by currency (amounts in different currencies are never added up)")
    if converted:
        parts.append((f"محولة إلى {plan.convert_to} بجدول أسعار الصرف المُعد" if ar
                      else f"converted to {plan.convert_to} with the configured rate table"))
    for key in plan.filters.used():
        values = ", ".join(str(v) for v in getattr(plan.filters, key))
        parts.append((f"{key}: {values}"))
    if any(METRICS[m].time_anchor is None for m in plan.metrics):
        parts.append("الرصيد الحالي (لا تنطبق الفترة)" if ar else "current balances (no period applies)")
    parts.append((f"الفترة: {period.label_ar}، بتوقيت {tz}" if ar else f"period: {period.label_en}, time zone {tz}"))
    if plan.sort:
        parts.append(("الترتيب: " if ar else "sorted ") + (("تصاعدي" if ar else "lowest first") if plan.sort == "asc"
                                                          else ("تنازلي" if ar else "highest first")))
    if plan.limit:
        parts.append((f"أول {plan.limit}" if ar else f"top {plan.limit}"))
    return ("ما حسبته: " if ar else "What I computed: ") + "; ".join(parts) + "."


def chart_spec(table: Table, plan: Plan, *, title: str) -> dict[str, Any]:
    """A Vega-Lite v5 spec with the data inline."""
    metric = plan.metrics[0]
    dims = [c for c in table.columns if c not in plan.metrics]
    values = [dict(zip(table.columns, row)) for row in table.rows]
    spec: dict[str, Any] = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "title": title,
                            "data": {"values": values}}
    y = {"field": metric, "type": "quantitative", "title": table.labels[table.columns.index(metric)]}
    if not dims:
        spec.update(mark="bar", encoding={"y": y})
        return spec
    x_dim = dims[0]
    is_time = x_dim in TIME_DIMENSIONS
    x = {"field": x_dim, "type": "ordinal" if is_time else "nominal",
         "title": table.labels[table.columns.index(x_dim)]}
    if not is_time:
        x["sort"] = None
    enc: dict[str, Any] = {"x": x, "y": y, "tooltip": [{"field": c} for c in table.columns]}
    if len(dims) > 1:
        enc["color"] = {"field": dims[1], "type": "nominal", "title": table.labels[table.columns.index(dims[1])]}
    spec.update(mark={"type": "line", "point": True} if is_time else "bar", encoding=enc)
    return spec


def numbers_in(text: str) -> list[float]:
    out = []
    for m in _NUMBER.finditer(text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))):
        try:
            out.append(float(m.group(0).replace(",", "")))
        except ValueError:
            continue
    return out


def narration_is_grounded(narration: str, table: Table) -> bool:
    """True when every number in the narration is a number of the table (as shown, to 2 decimals)."""
    allowed: set[float] = set()
    for row in table.rows:
        for v in row:
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                allowed.update({round(float(v), 2), round(float(v), 1), round(float(v)), float(int(float(v)))})
            elif isinstance(v, str):
                allowed.update(numbers_in(v))  # e.g. '2026-11' labels
    allowed.add(float(len(table.rows)))
    return all(round(n, 2) in allowed for n in numbers_in(narration))
