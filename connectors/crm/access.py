"""What a user may see in the CRM itself, before any AI scope narrows it further.

admin → every lead of the tenant; manager → leads of their branches; sales_rep → their own
leads within their branches. Tenant filtering is done by the tenant-scoped session; these
filters add the user's own visibility on top.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, true

from connectors.crm.models import Lead
from guardrails.principal import Principal


def lead_visibility(principal: Principal) -> ColumnElement[bool]:
    if principal.role == "admin":
        return true()
    if not principal.branch_ids:
        return false()
    in_branches = Lead.branch_id.in_(sorted(principal.branch_ids))
    if principal.role == "manager":
        return in_branches
    if principal.role == "sales_rep":
        return and_(in_branches, Lead.owner_id == principal.user_id)
    return false()
