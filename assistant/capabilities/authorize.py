"""The one place capabilities ask for permission: a Decision and the DataScope it grants.

Every capability calls `authorize()`; switching the policy engine happens here and nowhere else.
"""

from __future__ import annotations

from assistant.services import Services
from guardrails.errors import Forbidden, LuaError, ServiceUnavailable
from guardrails.principal import Principal
from guardrails.scopes import Decision, Task
from guardrails.scopes.datascope import DataScope


def authorize(services: Services, principal: Principal, task: Task) -> tuple[Decision, DataScope]:
    """The tenant's scope in force (admin-defined, versioned; defaults per tenant kind), with
    restricted data subjects excluded. A scope that cannot be read is a refusal."""
    return services.scopes.decide(principal, task)


UNAVAILABLE_POLICY = "scopes.scope_unavailable"


def refusal_error(decision: Decision, language: str) -> LuaError:
    """The error for a refused decision: 403 when the scope says no, 503 when the scope could not be
    read (a database outage: the request failed closed and may be retried, it was not forbidden)."""
    if decision.policy_id == UNAVAILABLE_POLICY:
        return ServiceUnavailable(decision.message(language))
    return Forbidden(decision.message(language))
