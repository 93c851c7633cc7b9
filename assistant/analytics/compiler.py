"""Plan → SQLAlchemy Core selects (one per metric), with the tenant and visibility filters.

Nothing here reads text from the question or the model: every table, column and expression is
chosen by key from this module. The visibility filter comes from the principal (admin: all
branches; manager: their branches; sales rep: their own rows in their branches), narrowed by
the analytics scope's branches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Mapping

from sqlalchemy import Select, and_, case, false, func, literal, literal_column, select
from sqlalchemy.sql.elements import ColumnElement

from assistant.analytics.catalogue import METRICS, TIME_DIMENSIONS
from assistant.analytics.plan import Plan
from connectors.crm.models import Activity, Branch, Contact, Lead, Transaction, User, Wallet

PG_FORMATS = {"day": "YYYY-MM-DD", "week": 'IYYY-"W"IW', "month": "YYYY-MM", "quarter": 'YYYY-"Q"Q', "year": "YYYY"}
MONEY = {k for k, m in METRICS.items() if m.unit == "money"}


@dataclass(frozen=True)
class Visibility:
    """Rows the asker may aggregate over: branch ids (None = all) and, for reps, their own user id."""

    branch_ids: frozenset[int] | None
    owner_id: int | None = None


@dataclass(frozen=True)
class CompileContext:
    tenant_id: int
    dialect: str  # "sqlite" | "postgresql"
    tz: str
    start: datetime | None  # UTC, inclusive
    end: datetime | None  # UTC, exclusive
    branch_filter: frozenset[int] | None  # from the question, already resolved and checked
    visibility: Visibility
    rates: Mapping[str, Decimal] = field(default_factory=dict)  # currency → factor into plan.convert_to
    max_rows: int = 1000


@dataclass(frozen=True)
class Compiled:
    metric: str
    statement: Select
    group_by: tuple[str, ...]  # output label columns, in order
    converted: bool


def _base(entity: str, tenant_id: int):
    """(from-clause, column map) for an entity; every joined table is tenant-filtered too."""
    if entity == "lead":
        frm = Lead.__table__.outerjoin(User.__table__, and_(User.id == Lead.owner_id, User.tenant_id == tenant_id)) \
            .outerjoin(Branch.__table__, and_(Branch.id == Lead.branch_id, Branch.tenant_id == tenant_id))
        cols = dict(branch=Lead.branch_id, owner=Lead.owner_id, owner_name=User.full_name, stage=Lead.stage,
                    source=Lead.source, currency=Lead.currency, id=Lead.id, tenant=Lead.tenant_id)
        return frm, cols
    if entity == "activity":
        branch = func.coalesce(Lead.branch_id, Contact.branch_id)
        frm = Activity.__table__.outerjoin(Lead.__table__, and_(Lead.id == Activity.lead_id, Lead.tenant_id == tenant_id)) \
            .outerjoin(Contact.__table__, and_(Contact.id == Activity.contact_id, Contact.tenant_id == tenant_id)) \
            .outerjoin(User.__table__, and_(User.id == Activity.author_id, User.tenant_id == tenant_id)) \
            .outerjoin(Branch.__table__, and_(Branch.id == branch, Branch.tenant_id == tenant_id))
        cols = dict(branch=branch, owner=Activity.author_id, owner_name=User.full_name, channel=Activity.kind,
                    id=Activity.id, tenant=Activity.tenant_id)
        return frm, cols
    if entity == "wallet":
        frm = Wallet.__table__.join(Contact.__table__, and_(Contact.id == Wallet.contact_id, Contact.tenant_id == tenant_id)) \
            .outerjoin(Branch.__table__, and_(Branch.id == Contact.branch_id, Branch.tenant_id == tenant_id))
        return frm, dict(branch=Contact.branch_id, currency=Wallet.currency, id=Wallet.id, tenant=Wallet.tenant_id)
    frm = Transaction.__table__.join(Wallet.__table__, and_(Wallet.id == Transaction.wallet_id, Wallet.tenant_id == tenant_id)) \
        .join(Contact.__table__, and_(Contact.id == Wallet.contact_id, Contact.tenant_id == tenant_id)) \
        .outerjoin(Branch.__table__, and_(Branch.id == Contact.branch_id, Branch.tenant_id == tenant_id))
    return frm, dict(branch=Contact.branch_id, currency=Transaction.currency, id=Transaction.id,
                     tenant=Transaction.tenant_id)


def _anchor(metric: str) -> Any:
    m = METRICS[metric]
    if m.time_anchor is None:
        return None
    table = {"lead": Lead, "activity": Activity, "transaction": Transaction}[m.entity]
    return getattr(table, m.time_anchor)


def bucket(col: Any, unit: str, ctx: CompileContext) -> ColumnElement:
    """The local-time label of `col` (e.g. '2026-11', '2026-W46', '2026-Q4')."""
    if ctx.dialect == "postgresql":
        return func.to_char(func.timezone(ctx.tz, col), PG_FORMATS[unit])
    return func.lua_bucket(col, ctx.tz, unit)  # registered on the connection by the runner


def _days(closed: Any, created: Any, ctx: CompileContext) -> ColumnElement:
    if ctx.dialect == "postgresql":
        return func.extract("epoch", closed - created) / 86400.0
    return func.julianday(closed) - func.julianday(created)


def _money(col: Any, currency: Any, ctx: CompileContext, convert: bool) -> ColumnElement:
    if not convert:
        return col
    return col * case(*[(currency == c, literal(float(r))) for c, r in sorted(ctx.rates.items())], else_=None)


def _measure(metric: str, cols: dict, ctx: CompileContext, convert: bool) -> tuple[ColumnElement, list]:
    """(measure expression, extra where-clauses) by the metric's reference definition."""
    won = case((Lead.status == "won", 1), else_=0)
    if metric in ("lead_count", "new_leads"):
        return func.count(Lead.id), []
    if metric == "won_deals":
        return func.count(Lead.id), [Lead.status == "won"]
    if metric == "conversion_rate":
        return 100.0 * func.sum(won) / func.nullif(func.count(Lead.id), 0), []
    if metric == "win_rate":
        return 100.0 * func.sum(won) / func.nullif(func.count(Lead.id), 0), [Lead.status.in_(("won", "lost")),
                                                                             Lead.closed_at.is_not(None)]
    if metric == "revenue":
        return func.sum(_money(Lead.value, Lead.currency, ctx, convert)), [Lead.status == "won"]
    if metric == "pipeline_value":
        return func.sum(_money(Lead.value, Lead.currency, ctx, convert)), [Lead.status == "open"]
    if metric == "average_deal_size":
        return func.avg(_money(Lead.value, Lead.currency, ctx, convert)), [Lead.status == "won"]
    if metric == "sales_cycle_length":
        return func.avg(_days(Lead.closed_at, Lead.created_at, ctx)), [Lead.status == "won", Lead.closed_at.is_not(None)]
    if metric == "activity_count":
        return func.count(Activity.id), []
    if metric == "wallet_balance":
        return func.sum(_money(Wallet.balance, Wallet.currency, ctx, convert)), []
    if metric == "transaction_volume":
        return func.sum(_money(Transaction.amount, Transaction.currency, ctx, convert)), []
    raise KeyError(metric)


def compile_metric(metric: str, plan: Plan, ctx: CompileContext) -> Compiled:
    """One select for one metric of the plan: label columns, `value`, `n_rows`, `unconverted`."""
    m = METRICS[metric]
    frm, cols = _base(m.entity, ctx.tenant_id)
    convert = plan.convert_to is not None and metric in MONEY
    group = list(plan.group_by)
    if metric in MONEY and not convert and "currency" not in group and len(plan.filters.currency) != 1:
        group.append("currency")  # never sum across currencies
    measure, where = _measure(metric, cols, ctx, convert)
    where = [cols["tenant"] == ctx.tenant_id, *where]
    vis = ctx.visibility
    if vis.branch_ids is not None:
        where.append(cols["branch"].in_(sorted(vis.branch_ids)) if vis.branch_ids else false())
    if vis.owner_id is not None:
        where.append(cols["owner"] == vis.owner_id if "owner" in cols else false())
    if ctx.branch_filter is not None:
        where.append(cols["branch"].in_(sorted(ctx.branch_filter)))
    f = plan.filters
    if f.stage:
        where.append(Lead.stage.in_(f.stage))
    if f.status:
        where.append(Lead.status.in_(f.status))
    if f.source:
        where.append(Lead.source.in_(f.source))
    if f.channel:
        where.append(Activity.kind.in_(f.channel))
    if f.currency:
        where.append(cols["currency"].in_(f.currency))
    anchor = _anchor(metric)
    if anchor is not None:
        if ctx.start is not None:
            where.append(anchor >= ctx.start)
        if ctx.end is not None:
            where.append(anchor < ctx.end)
    labels: list[ColumnElement] = []
    keys: list[ColumnElement] = []
    for dim in group:
        if dim == "branch":
            labels.append(func.coalesce(Branch.name, "(none)").label("branch"))
            keys += [cols["branch"], Branch.name]
        elif dim == "owner":
            labels.append(func.coalesce(cols["owner_name"], "(unassigned)").label("owner"))
            keys += [cols["owner"], cols["owner_name"]]
        elif dim in TIME_DIMENSIONS:
            expr = bucket(anchor, dim, ctx).label(dim)
            labels.append(expr)
            keys.append(literal_column_ref(dim))  # by label: PostgreSQL sees bound parameters as distinct
        else:
            labels.append(cols[dim].label(dim))
            keys.append(cols[dim])
    unconverted = (func.sum(case((cols["currency"].in_(sorted(ctx.rates)), 0), else_=1)) if convert
                   else literal(0)).label("unconverted")
    value = measure.label("value")
    stmt = select(*labels, value, func.count(cols["id"]).label("n_rows"), unconverted).select_from(frm).where(*where)
    if keys:
        stmt = stmt.group_by(*keys)
    time_dims = [d for d in group if d in TIME_DIMENSIONS]
    if time_dims and plan.sort is None:
        stmt = stmt.order_by(*[literal_column_ref(d) for d in group])
    elif keys:
        order = value.asc() if plan.sort == "asc" else value.desc()
        stmt = stmt.order_by(order.nulls_last(), *[literal_column_ref(d) for d in group])
    limit = ctx.max_rows + 1
    if plan.limit and len(plan.metrics) == 1 and (group == list(plan.group_by)):
        limit = min(plan.limit, ctx.max_rows + 1)
    return Compiled(metric, stmt.limit(limit), tuple(group), convert)


def literal_column_ref(label: str) -> Any:
    """An output column by its label (ORDER/GROUP BY): the label is a catalogue key, never input."""
    return literal_column(label)
