"""The scope document: defaults, validation with exact paths, YAML round trip, diff, legal basis."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from guardrails.errors import InvalidInput
from guardrails.scopes.defaults import default_document
from guardrails.scopes.diff import structural_diff
from guardrails.scopes.document import (ScopeDocument, format_path, load_yaml, parse_document,
                                        stamp_legal_bases, to_yaml)


def _doc(**role_over) -> dict:
    data = default_document("sales").as_data()
    data["roles"]["sales_rep"].update(role_over)
    return data


def _paths(exc: pytest.ExceptionInfo) -> list[tuple[str, str]]:
    return [(d["path"], d["type"]) for d in exc.value.details]


@pytest.mark.parametrize("kind", ["sales", "clinic"])
def test_defaults_are_valid_and_keep_special_data_off(kind):
    doc = default_document(kind)
    assert parse_document(doc.as_data()) == doc
    for role, rs in doc.roles.items():
        assert rs.special is None and "special" not in rs.data_classes, role
        assert not {"contact.national_id", "contact.health_conditions", "wallet.iban"} & set(rs.fields)
    assert "analytics" not in doc.roles["sales_rep"].capabilities
    assert doc.roles["sales_rep"].rows == "own"


def test_format_path():
    assert format_path(("roles", "sales_rep", "fields", 3)) == "roles.sales_rep.fields[3]"
    assert format_path(("models", "providers", 0)) == "models.providers[0]"


@pytest.mark.parametrize("change,expected", [
    ({"fields": ["contact.first_name", "contact.nope"]}, ("roles.sales_rep.fields[1]", "unknown_field")),
    ({"fields": ["wallet.iban"]}, ("roles.sales_rep.fields[0]", "entity_not_enabled")),
    ({"entities": ["contact", "spaceship"]}, ("roles.sales_rep.entities[1]", "unknown_entity")),
    ({"capabilities": ["chat", "time_travel"]}, ("roles.sales_rep.capabilities[1]", "literal_error")),
    ({"max_records": -1}, ("roles.sales_rep.max_records", "greater_than_equal")),
    ({"rows": "everyone"}, ("roles.sales_rep.rows", "literal_error")),
    ({"draft_channels": ["email", "fax"]}, ("roles.sales_rep.draft_channels[1]", "literal_error")),
    ({"data_classes": ["public", "special"]}, ("roles.sales_rep.data_classes[1]", "special_without_basis")),
    ({"special": {"legal_basis": ""}}, ("roles.sales_rep.special.legal_basis", "string_too_short")),
    ({"colour": "blue"}, ("roles.sales_rep.colour", "extra_forbidden")),
])
def test_invalid_documents_name_the_exact_path(change, expected):
    with pytest.raises(InvalidInput) as exc:
        parse_document(_doc(**change))
    assert exc.value.status_code == 422
    assert expected in _paths(exc)


def test_special_field_needs_a_legal_basis_at_its_index():
    fields = ["contact.first_name", "contact.last_name", "contact.email", "contact.allergies"]
    with pytest.raises(InvalidInput) as exc:
        parse_document(_doc(fields=fields))
    assert _paths(exc) == [("roles.sales_rep.fields[3]", "special_without_basis")]
    doc = parse_document(_doc(fields=fields, special={"legal_basis": "GDPR Art. 9(2)(h)"}))
    assert doc.roles["sales_rep"].special.legal_basis == "GDPR Art. 9(2)(h)"


def test_every_problem_is_listed_at_once_without_echoing_values():
    data = _doc(max_records=-5, fields=["contact.secret_sauce"])
    data["roles"]["intern"] = {}
    data["retention"]["audit_days"] = 0
    with pytest.raises(InvalidInput) as exc:
        parse_document(data)
    paths = {p for p, _ in _paths(exc)}
    assert paths == {"roles.sales_rep.max_records", "roles.sales_rep.fields[0]", "roles.intern",
                     "retention.audit_days"}
    assert "secret_sauce" not in str(exc.value.details)


def test_optional_catalogue_hooks():
    data = _doc(branches=[1, 99])
    data["roles"]["manager"]["analytics"] = {"metrics": ["revenue", "made_up"], "dimensions": ["*"]}
    data["models"]["providers"] = ["vllm-eu", "shady-llm"]
    parse_document(data)  # without catalogues, names are accepted
    with pytest.raises(InvalidInput) as exc:
        parse_document(data, known_branches={1, 2}, known_metrics={"revenue"}, known_dimensions={"branch"},
                       known_providers={"vllm-eu"})
    assert _paths(exc) == [("roles.sales_rep.branches[1]", "unknown_branch"),
                           ("roles.manager.analytics.metrics[1]", "unknown_metric"),
                           ("models.providers[1]", "unknown_provider")]


@pytest.mark.parametrize("kind", ["sales", "clinic"])
def test_yaml_round_trip(kind):
    doc = default_document(kind)
    text = to_yaml(doc)
    assert parse_document(load_yaml(text)) == doc


def test_bad_yaml_is_a_422_with_the_line():
    with pytest.raises(InvalidInput) as exc:
        load_yaml("roles:\n  sales_rep: [unclosed\n")
    assert exc.value.details[0]["type"] == "yaml_error" and "line" in exc.value.details[0]["message"]
    with pytest.raises(InvalidInput):
        parse_document(load_yaml("- just\n- a list\n"))


def test_yaml_refuses_python_tags():
    with pytest.raises(InvalidInput):
        load_yaml("!!python/object/apply:os.system ['true']")


def test_structural_diff():
    before = default_document("sales").as_data()
    after = _doc(max_records=10, fields=before["roles"]["sales_rep"]["fields"][1:] + ["contact.address"])
    diff = structural_diff(before, after)
    assert {"op": "change", "path": "roles.sales_rep.max_records", "before": 50, "after": 10} in diff
    assert {"op": "change", "path": "roles.sales_rep.fields", "added": ["contact.address"],
            "removed": ["contact.first_name"]} in diff
    assert structural_diff(before, before) == []
    del after["roles"]["admin"]
    assert {"op": "remove", "path": "roles.admin", "before": before["roles"]["admin"]} in structural_diff(before, after)


def test_legal_basis_is_stamped_by_the_server_and_kept_while_unchanged():
    t1, t2 = datetime(2026, 1, 1, tzinfo=timezone.utc), datetime(2026, 2, 1, tzinfo=timezone.utc)
    forged = {"legal_basis": "GDPR Art. 9(2)(h)", "recorded_by": 999, "recorded_at": "2020-01-01T00:00:00Z"}
    first = stamp_legal_bases(parse_document(_doc(special=forged)), previous=None, author_id=7, now=t1)
    assert first.roles["sales_rep"].special.recorded_by == 7 and first.roles["sales_rep"].special.recorded_at == t1
    again = stamp_legal_bases(parse_document(_doc(special=forged)), previous=first, author_id=8, now=t2)
    assert again.roles["sales_rep"].special.recorded_by == 7  # same basis: who recorded it stays
    changed = stamp_legal_bases(parse_document(_doc(special={"legal_basis": "GDPR Art. 9(2)(a) consent"})),
                                previous=first, author_id=8, now=t2)
    assert changed.roles["sales_rep"].special.recorded_by == 8


def test_document_is_immutable():
    doc = default_document("sales")
    with pytest.raises(Exception):
        doc.kind = "clinic"  # type: ignore[misc]
    assert isinstance(doc, ScopeDocument)
