"""Gold answers by independent reference SQL (plain SQLite strings), from a `Gold` spec.

Written from the reference definitions in docs/analytics.md, not from the product's compiler:
local periods become UTC by the tenant's fixed offset (Asia/Riyadh +3, Asia/Dubai +4: no DST),
buckets use SQLite's strftime, money is grouped by currency, clinic groups under k are dropped.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from evals.analytics.dataset import Gold

LEAD_FROM = ("FROM leads l LEFT JOIN branches b ON b.id = l.branch_id "
             "LEFT JOIN users u ON u.id = l.owner_id")
ACT_FROM = ("FROM activities a LEFT JOIN leads l ON l.id = a.lead_id LEFT JOIN contacts c ON c.id = a.contact_id "
            "LEFT JOIN branches b ON b.id = COALESCE(l.branch_id, c.branch_id) LEFT JOIN users u ON u.id = a.author_id")
WALLET_FROM = "FROM wallets w JOIN contacts c ON c.id = w.contact_id LEFT JOIN branches b ON b.id = c.branch_id"
TX_FROM = ("FROM transactions x JOIN wallets w ON w.id = x.wallet_id JOIN contacts c ON c.id = w.contact_id "
           "LEFT JOIN branches b ON b.id = c.branch_id")
WON = "SUM(CASE WHEN l.status = 'won' THEN 1 ELSE 0 END)"

# metric: (from, value, time column, extra where, tenant col, branch id, owner id, currency col)
LEAD = ("l.tenant_id", "l.branch_id", "l.owner_id", "l.currency")
SPEC = {
    "lead_count": (LEAD_FROM, "COUNT(*)", "l.created_at", "", *LEAD),
    "new_leads": (LEAD_FROM, "COUNT(*)", "l.created_at", "", *LEAD),
    "won_deals": (LEAD_FROM, "COUNT(*)", "l.closed_at", "AND l.status = 'won'", *LEAD),
    "conversion_rate": (LEAD_FROM, f"100.0 * {WON} / COUNT(*)", "l.created_at", "", *LEAD),
    "win_rate": (LEAD_FROM, f"100.0 * {WON} / COUNT(*)", "l.closed_at", "AND l.status IN ('won', 'lost')", *LEAD),
    "revenue": (LEAD_FROM, "SUM(l.value)", "l.closed_at", "AND l.status = 'won'", *LEAD),
    "pipeline_value": (LEAD_FROM, "SUM(l.value)", "l.created_at", "AND l.status = 'open'", *LEAD),
    "average_deal_size": (LEAD_FROM, "AVG(l.value)", "l.closed_at", "AND l.status = 'won'", *LEAD),
    "sales_cycle_length": (LEAD_FROM, "AVG(julianday(l.closed_at) - julianday(l.created_at))", "l.closed_at",
                           "AND l.status = 'won'", *LEAD),
    "activity_count": (ACT_FROM, "COUNT(*)", "a.occurred_at", "", "a.tenant_id", "COALESCE(l.branch_id, c.branch_id)",
                       "a.author_id", None),
    "wallet_balance": (WALLET_FROM, "SUM(w.balance)", None, "", "w.tenant_id", "c.branch_id", None, "w.currency"),
    "transaction_volume": (TX_FROM, "SUM(x.amount)", "x.occurred_at", "", "x.tenant_id", "c.branch_id", None, "x.currency"),
}
MONEY = {"revenue", "pipeline_value", "average_deal_size", "wallet_balance", "transaction_volume"}
OFFSET_HOURS = {"demo-sales": 3, "demo-clinic": 4}


def _utc(local_day: str, hours: int) -> str:
    return (datetime.fromisoformat(local_day) - timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M:%S")


def gold_rows(conn: sqlite3.Connection, gold: Gold, *, tenant_id: int, branch_ids: list[int] | None = None,
              owner_id: int | None = None, k: int | None = None) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of the gold answer: dimension columns, then the value."""
    frm, value, tcol, extra, tenant, branch, owner, currency = SPEC[gold.metric]
    hours = OFFSET_HOURS[gold.tenant]
    dims = list(gold.dims)
    if gold.metric in MONEY and "currency" not in dims:
        dims.append("currency")
    exprs = {"branch": "b.name", "owner": "COALESCE(u.full_name, '(unassigned)')", "stage": "l.stage",
             "source": "l.source", "channel": "a.kind", "currency": currency,
             "month": f"strftime('%Y-%m', {tcol}, '+{hours} hours')",
             "quarter": f"strftime('%Y', {tcol}, '+{hours} hours') || '-Q' || "
                        f"((CAST(strftime('%m', {tcol}, '+{hours} hours') AS INTEGER) + 2) / 3)"}
    where = [f"{tenant} = :tenant", extra.removeprefix("AND ") if extra else "1 = 1"]
    params: dict = {"tenant": tenant_id}
    if gold.period and tcol:
        where += [f"{tcol} >= :start", f"{tcol} < :end"]
        params.update(start=_utc(gold.period[0], hours), end=_utc(gold.period[1], hours))
    if gold.source:
        where.append(f"l.source = '{gold.source}'")  # dataset constants, not input
    if gold.channel:
        where.append(f"a.kind = '{gold.channel}'")
    if gold.branch:
        names = ", ".join(f"'{b}'" for b in gold.branch)  # names from the dataset, not from input
        where.append(f"b.name IN ({names})")
    if branch_ids is not None:
        where.append(f"{branch} IN ({', '.join(str(int(b)) for b in branch_ids) or 'NULL'})")
    if owner_id is not None:
        where.append(f"{owner} = {int(owner_id)}")
    select = ", ".join([*(exprs[d] for d in dims), f"{value} AS v", "COUNT(*) AS n"])
    sql = f"SELECT {select} {frm} WHERE {' AND '.join(where)}"
    if dims:
        sql += " GROUP BY " + ", ".join(exprs[d] for d in dims)
    rows = conn.execute(sql, params).fetchall()
    if k is not None:
        rows = [r for r in rows if r[-1] >= k]
    if gold.sort:
        rows.sort(key=lambda r: (r[-2] is None, -(r[-2] or 0) if gold.sort == "desc" else (r[-2] or 0)))
    if gold.limit:
        rows = rows[: gold.limit]
    return dims, [tuple(r[:-1]) for r in rows]
