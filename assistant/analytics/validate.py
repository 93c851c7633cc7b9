"""Check a plan against the catalogue and the asker's scope; a verdict with its reason.

Deny by default: a metric, grouping, filter or branch the scope does not name is refused with
the reason, in the asker's language (messages.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from assistant.analytics.catalogue import METRICS
from assistant.analytics.compiler import MONEY, Visibility
from assistant.analytics.normalise import normalise
from assistant.analytics.plan import AnalyticsScope, Plan
from guardrails.principal import Principal

REP_METRICS = frozenset(k for k, m in METRICS.items() if m.entity in ("lead", "activity"))
FILTER_ENTITIES = {"stage": {"lead"}, "status": {"lead"}, "source": {"lead"}, "channel": {"activity"},
                   "currency": {"lead", "wallet", "transaction"}, "branch": {"lead", "activity", "wallet", "transaction"}}


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    reason: str | None = None  # code, see messages.py
    detail: str | None = None
    branch_ids: frozenset[int] | None = None  # the question's branch filter, resolved


def default_scope(principal: Principal) -> AnalyticsScope:
    """Managers and admins: the whole catalogue; sales reps: lead and activity metrics on their rows."""
    if principal.role == "sales_rep":
        return AnalyticsScope(metrics=REP_METRICS)
    return AnalyticsScope()


def visibility(principal: Principal, scope: AnalyticsScope) -> Visibility:
    """The rows the asker may aggregate: CRM visibility narrowed by the scope's branches."""
    if principal.role == "admin":
        branches = None
    elif principal.role in ("manager", "sales_rep"):
        branches = frozenset(principal.branch_ids)
    else:
        branches = frozenset()
    if scope.branch_ids is not None:
        branches = scope.branch_ids if branches is None else branches & scope.branch_ids
    return Visibility(branch_ids=branches, owner_id=principal.user_id if principal.role == "sales_rep" else None)


def check(plan: Plan, *, scope: AnalyticsScope, vis: Visibility, branches: Mapping[str, int],
          rates: Mapping[str, object]) -> Verdict:
    """`branches`: the tenant's branch name → id."""
    for key in plan.metrics:
        metric = METRICS[key]
        if scope.metrics is not None and key not in scope.metrics:
            return Verdict(False, "metric_out_of_scope", key)
        for dim in plan.group_by:
            if scope.dimensions is not None and dim not in scope.dimensions:
                return Verdict(False, "dimension_out_of_scope", dim)
            if dim not in metric.dimensions:
                return Verdict(False, "dimension_not_applicable", f"{key}:{dim}")
        for name in plan.filters.used():
            if metric.entity not in FILTER_ENTITIES[name]:
                return Verdict(False, "filter_not_applicable", f"{key}:{name}")
    if plan.convert_to is not None:
        if not any(k in MONEY for k in plan.metrics):
            return Verdict(False, "convert_not_money", plan.convert_to)
        if plan.convert_to not in rates:
            return Verdict(False, "no_rates", plan.convert_to)
    if not plan.filters.branch:
        return Verdict(True)
    by_norm = {normalise(n): i for n, i in branches.items()}
    ids = set()
    for name in plan.filters.branch:
        bid = by_norm.get(normalise(name))
        if bid is None:
            return Verdict(False, "unknown_branch", name)
        if vis.branch_ids is not None and bid not in vis.branch_ids:
            return Verdict(False, "branch_out_of_scope", name)
        ids.add(bid)
    return Verdict(True, branch_ids=frozenset(ids))


def scope_from_datascope(ds: object) -> AnalyticsScope:
    """The analytics part of issue 5's `DataScope` ("*" = the whole catalogue; empty = nothing)."""
    metrics = frozenset(getattr(ds, "metrics", frozenset()))
    dims = frozenset(getattr(ds, "dimensions", frozenset()))
    branches = getattr(ds, "branch_ids", None)
    return AnalyticsScope(metrics=None if "*" in metrics else metrics,
                          dimensions=None if "*" in dims else dims,
                          branch_ids=frozenset(branches) if branches is not None else None)
