"""The scope document: per role, what the AI may do and read. Validated with exact error paths.

A document is a whole, immutable value: admins replace it (PUT, YAML import) and every
replacement becomes a new version. Validation collects every problem with its path
(`roles.sales_rep.fields[3]`) and never echoes submitted values into messages.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from guardrails.errors import InvalidInput
from guardrails.scopes.catalogue import ROLES, WILDCARD, entity_fields, field_class

Capability = Literal["lead_summary", "message_draft", "analytics", "note_search", "chat"]
Channel = Literal["email", "whatsapp", "sms"]
RowRule = Literal["own", "own_branches", "all"]
DataClassName = Literal["public", "internal", "personal", "special"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SpecialAccess(_Strict):
    """Special-category (GDPR Art. 9) data for one role: only with a recorded legal basis."""

    legal_basis: str = Field(min_length=3, max_length=200)  # e.g. "GDPR Art. 9(2)(h)"
    # Filled by the server from the authenticated author; a client cannot choose them.
    recorded_by: int | None = None
    recorded_at: datetime | None = None


class AnalyticsScope(_Strict):
    metrics: list[str] = Field(default_factory=list, max_length=200)
    dimensions: list[str] = Field(default_factory=list, max_length=200)


class RoleScope(_Strict):
    capabilities: list[Capability] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list, max_length=20)
    fields: list[str] = Field(default_factory=list, max_length=300)
    data_classes: list[DataClassName] = Field(default_factory=list)
    special: SpecialAccess | None = None
    rows: RowRule = "own"
    branches: list[int] | None = None  # None: every branch (still limited by `rows` and the CRM)
    max_records: int = Field(default=50, ge=0, le=10_000)
    analytics: AnalyticsScope = Field(default_factory=AnalyticsScope)
    draft_channels: list[Channel] = Field(default_factory=list)


class ModelScope(_Strict):
    providers: list[str] = Field(default_factory=list, max_length=50)  # empty: the deployment default
    regions: list[str] = Field(default_factory=lambda: ["eu"], min_length=1, max_length=20)


class Retention(_Strict):
    conversations_days: int = Field(default=30, ge=1, le=3650)
    vault_days: int = Field(default=30, ge=1, le=3650)
    audit_days: int = Field(default=730, ge=1, le=3650)


class ScopeDocument(_Strict):
    schema_version: Literal[1] = 1
    kind: Literal["sales", "clinic"] = "sales"
    roles: dict[str, RoleScope] = Field(default_factory=dict)
    models: ModelScope = Field(default_factory=ModelScope)
    retention: Retention = Field(default_factory=Retention)

    def as_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


SPECIAL_MESSAGE = ("Special-category data needs a recorded legal basis "
                   "(roles.<role>.special.legal_basis, e.g. GDPR Art. 9(2)(h)).")


def format_path(loc: tuple[Any, ...]) -> str:
    """('roles', 'sales_rep', 'fields', 3) → 'roles.sales_rep.fields[3]'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _detail(loc: tuple[Any, ...], message: str, typ: str) -> dict[str, str]:
    return {"path": format_path(loc), "message": message, "type": typ}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def semantic_errors(data: dict[str, Any], *, known_branches: Collection[int] | None = None,
                    known_metrics: Collection[str] | None = None,
                    known_dimensions: Collection[str] | None = None,
                    known_providers: Collection[str] | None = None) -> list[dict[str, str]]:
    """Problems pydantic cannot see: names outside the catalogue, special data without a basis.

    Works on the raw data (shape errors are pydantic's to report) so that one response lists
    every problem. The `known_*` hooks are optional: when the caller has the catalogue (tenant
    branches, the analytics catalogue, the provider registry) names outside it are refused too.
    """
    errors: list[dict[str, str]] = []
    catalogue = entity_fields()
    roles = data.get("roles") if isinstance(data.get("roles"), dict) else {}
    for role, rs in roles.items():
        base: tuple[Any, ...] = ("roles", role)
        if role not in ROLES:
            errors.append(_detail(base, "Unknown role.", "unknown_role"))
            continue
        if not isinstance(rs, dict):
            continue
        entities = _list(rs.get("entities"))
        special = rs.get("special")
        has_basis = isinstance(special, dict) and isinstance(special.get("legal_basis"), str) \
            and len(special["legal_basis"].strip()) >= 3
        for i, entity in enumerate(entities):
            if isinstance(entity, str) and entity not in catalogue:
                errors.append(_detail(base + ("entities", i), "Unknown entity.", "unknown_entity"))
        for i, name in enumerate(_list(rs.get("fields"))):
            if not isinstance(name, str):
                errors.append(_detail(base + ("fields", i), "Expected a field name.", "string_type"))
                continue
            cls = field_class(name)
            if cls is None:
                errors.append(_detail(base + ("fields", i), "Unknown field.", "unknown_field"))
            elif name.partition(".")[0] not in entities:
                errors.append(_detail(base + ("fields", i),
                                      "The field's entity is not enabled for this role.", "entity_not_enabled"))
            elif cls == "special" and not has_basis:
                errors.append(_detail(base + ("fields", i), SPECIAL_MESSAGE, "special_without_basis"))
        for i, cls in enumerate(_list(rs.get("data_classes"))):
            if cls == "special" and not has_basis:
                errors.append(_detail(base + ("data_classes", i), SPECIAL_MESSAGE, "special_without_basis"))
        if known_branches is not None:
            for i, b in enumerate(_list(rs.get("branches"))):
                if isinstance(b, int) and b not in known_branches:
                    errors.append(_detail(base + ("branches", i), "Unknown branch.", "unknown_branch"))
        analytics = rs.get("analytics") if isinstance(rs.get("analytics"), dict) else {}
        for key, known in (("metrics", known_metrics), ("dimensions", known_dimensions)):
            if known is None:
                continue
            for i, name in enumerate(_list(analytics.get(key))):
                if isinstance(name, str) and name != WILDCARD and name not in known:
                    errors.append(_detail(base + ("analytics", key, i), f"Unknown {key[:-1]}.", f"unknown_{key[:-1]}"))
    models = data.get("models") if isinstance(data.get("models"), dict) else {}
    if known_providers is not None:
        for i, name in enumerate(_list(models.get("providers"))):
            if isinstance(name, str) and name not in known_providers:
                errors.append(_detail(("models", "providers", i), "Unknown provider.", "unknown_provider"))
    return errors


def parse_document(data: Any, **known: Collection[Any] | None) -> ScopeDocument:
    """Validate a document; raise InvalidInput (422) listing every problem with its exact path."""
    if not isinstance(data, dict):
        raise InvalidInput("A scope document must be an object.",
                           details=[{"path": "", "message": "Expected an object.", "type": "type_error"}])
    errors: list[dict[str, str]] = []
    doc = None
    try:
        doc = ScopeDocument.model_validate(data)
    except ValidationError as exc:
        errors = [_detail(tuple(e["loc"]), e["msg"], e["type"]) for e in exc.errors(include_input=False)]
    seen = {e["path"] for e in errors}
    errors += [e for e in semantic_errors(data, **known) if e["path"] not in seen]
    if errors or doc is None:
        raise InvalidInput("The scope document is not valid.", details=errors)
    return doc


def stamp_legal_bases(doc: ScopeDocument, *, previous: ScopeDocument | None, author_id: int,
                      now: datetime) -> ScopeDocument:
    """Record who set each special-category legal basis and when (kept while the basis is unchanged)."""
    roles = {}
    for role, rs in doc.roles.items():
        special = rs.special
        if special is not None:
            before = previous.roles.get(role).special if previous and role in previous.roles else None
            if before is not None and before.legal_basis == special.legal_basis and before.recorded_by is not None:
                special = before
            else:
                special = SpecialAccess(legal_basis=special.legal_basis, recorded_by=author_id, recorded_at=now)
        roles[role] = rs.model_copy(update={"special": special})
    return doc.model_copy(update={"roles": roles})


def to_yaml(doc: ScopeDocument) -> str:
    return yaml.safe_dump(doc.as_data(), sort_keys=False, allow_unicode=True)


def load_yaml(text: str) -> Any:
    """Parse YAML safely (no custom tags); syntax errors become a 422 with the line, never the text."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise InvalidInput("The YAML document could not be read.",
                           details=[{"path": "", "message": f"Not valid YAML{where}.", "type": "yaml_error"}]) from None
