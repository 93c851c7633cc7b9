"""A scope document compiled for fast decisions, and the decision itself (pure, no I/O).

`compile_document` turns names and data classes into frozensets once per (tenant, version);
`decide_compiled` then costs a few set lookups. Deny by default: a role, capability, entity,
field, channel, metric or provider that the document does not list is refused, with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from guardrails.principal import Principal
from guardrails.scopes.catalogue import CAPABILITIES, CHANNELS, entity_fields, field_class, fields_of
from guardrails.scopes.datascope import DataScope
from guardrails.scopes.decision import Decision, Task
from guardrails.scopes.document import ScopeDocument
from guardrails.scopes.messages import refusal_messages


@dataclass(frozen=True, slots=True)
class RolePolicy:
    role: str
    capabilities: frozenset[str]
    entities: frozenset[str]
    fields: frozenset[str]
    allow_special: bool
    rows: str
    branches: frozenset[int] | None
    max_records: int
    metrics: frozenset[str]
    dimensions: frozenset[str]
    channels: frozenset[str]


@dataclass(frozen=True, slots=True)
class CompiledScope:
    tenant_id: int
    version: int
    kind: str
    roles: Mapping[str, RolePolicy]
    providers: frozenset[str]
    regions: frozenset[str]


def compile_document(doc: ScopeDocument, *, tenant_id: int, version: int) -> CompiledScope:
    roles = {}
    for role, rs in doc.roles.items():
        allow_special = rs.special is not None
        ents = frozenset(e for e in rs.entities if e in entity_fields())
        fields = {f for f in rs.fields if f.partition(".")[0] in ents and field_class(f) is not None}
        for entity in ents:
            fields |= fields_of(entity, set(rs.data_classes))
        if not allow_special:  # documents are validated; this keeps the invariant if one was not
            fields = {f for f in fields if field_class(f) != "special"}
        roles[role] = RolePolicy(
            role=role, capabilities=frozenset(rs.capabilities), entities=ents, fields=frozenset(fields),
            allow_special=allow_special, rows=rs.rows,
            branches=frozenset(rs.branches) if rs.branches is not None else None,
            max_records=rs.max_records, metrics=frozenset(rs.analytics.metrics),
            dimensions=frozenset(rs.analytics.dimensions), channels=frozenset(rs.draft_channels),
        )
    return CompiledScope(tenant_id=tenant_id, version=version, kind=doc.kind, roles=MappingProxyType(roles),
                         providers=frozenset(doc.models.providers), regions=frozenset(doc.models.regions))


def _refuse(kind: str, reason: str, *, principal: Principal, version: int, **fmt) -> Decision:
    return Decision(False, reason, f"scopes.{kind}", version,
                    refusal_messages(kind, role=principal.role, **fmt))


def _channel_reason(channel: str, role: str) -> str:
    # Reasons go to the audit record: name only values from the catalogue, never request text.
    return f"channel {channel} not enabled for role {role}" if channel in CHANNELS else "unknown channel"


def empty_scope(version: int) -> DataScope:
    return DataScope(fields=frozenset(), rows="own", branch_ids=frozenset(), max_records=0,
                     scope_version=version, regions=frozenset())


def data_scope(policy: RolePolicy, compiled: CompiledScope, principal: Principal,
               restricted: frozenset[int]) -> DataScope:
    """The role's scope for this principal: branches narrowed to the user's own for own_branches."""
    branches = policy.branches
    if policy.rows == "own_branches":
        mine = frozenset(principal.branch_ids)
        branches = mine if branches is None else branches & mine
    return DataScope(
        fields=policy.fields, rows=policy.rows, branch_ids=branches,  # type: ignore[arg-type]
        max_records=policy.max_records, allow_special=policy.allow_special,
        restricted_contact_ids=restricted, scope_version=compiled.version, channels=policy.channels,
        metrics=policy.metrics, dimensions=policy.dimensions, providers=compiled.providers,
        regions=compiled.regions,
    )


def decide_compiled(compiled: CompiledScope, principal: Principal, task: Task, *,
                    restricted: frozenset[int] = frozenset()) -> tuple[Decision, DataScope]:
    """Check `task` against the compiled scope; the first failed check is the reason."""
    v = compiled.version
    cap = task.capability
    if cap not in CAPABILITIES:
        return _refuse("unknown_capability", "unknown capability", principal=principal, version=v), empty_scope(v)
    policy = compiled.roles.get(principal.role)
    if policy is None:
        return _refuse("unknown_role", "role has no scope", principal=principal, version=v), empty_scope(v)
    if cap not in policy.capabilities:
        return (_refuse("capability_disabled", f"{cap} not enabled for role {principal.role}",
                        principal=principal, version=v, capability=cap), empty_scope(v))
    for entity in task.entities:
        if entity not in entity_fields():
            return _refuse("unknown_entity", "unknown entity", principal=principal, version=v), empty_scope(v)
        if entity not in policy.entities:
            return (_refuse("entity_not_allowed", f"entity {entity} not enabled for role {principal.role}",
                            principal=principal, version=v), empty_scope(v))
    for name in task.fields:
        cls = field_class(name)
        if cls is None:
            return _refuse("unknown_field", "unknown field", principal=principal, version=v), empty_scope(v)
        if name not in policy.fields:
            kind = "special_not_allowed" if cls == "special" and not policy.allow_special else "field_not_allowed"
            return (_refuse(kind, f"field {name} not enabled for role {principal.role}",
                            principal=principal, version=v), empty_scope(v))
    if task.channel is not None and task.channel not in policy.channels:
        return (_refuse("channel_not_allowed", _channel_reason(task.channel, principal.role),
                        principal=principal, version=v, channel=task.channel), empty_scope(v))
    for metric in task.metrics:
        if metric not in policy.metrics and "*" not in policy.metrics:
            return (_refuse("metric_not_allowed", f"metric not enabled for role {principal.role}",
                            principal=principal, version=v), empty_scope(v))
    for dim in task.dimensions:
        if dim not in policy.dimensions and "*" not in policy.dimensions:
            return (_refuse("dimension_not_allowed", f"dimension not enabled for role {principal.role}",
                            principal=principal, version=v), empty_scope(v))
    if task.records is not None and task.records > policy.max_records:
        return (_refuse("too_many_records", f"{task.records} records over the limit {policy.max_records}",
                        principal=principal, version=v, max_records=policy.max_records), empty_scope(v))
    if task.provider is not None and task.provider not in compiled.providers:
        return (_refuse("provider_not_allowed", "provider not allowed",
                        principal=principal, version=v), empty_scope(v))
    decision = Decision(True, f"{cap} enabled for role {principal.role}", "scopes.allowed", v)
    return decision, data_scope(policy, compiled, principal, restricted)
