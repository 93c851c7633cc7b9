"""Property-based: for random scopes, users and requests, the text a model would receive holds no
value of a field, row, branch or data class outside the scope, and every refusal has a reason.

The redactor is replaced by a pass-through here on purpose: the scope alone must keep
out-of-scope values out of the prompt, before redaction adds its own layer.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assistant.capabilities.grounding import crm_block
from assistant.capabilities.lead_summary import LANGUAGE_RULE, SYSTEM
from connectors.crm.db import tenant_session
from guardrails.principal import Principal
from guardrails.scopes import ScopeEngine, Task
from guardrails.scopes.catalogue import CAPABILITIES, CHANNELS, ROW_RULES, entity_fields, field_class
from guardrails.scopes.document import parse_document
from guardrails.scopes.preview import build_preview
from tests.scopes.markers import (CONTACT_MARKED, body_marker, build_marker_crm, contact_marker, lead_marker,
                                  user_marker)

SPECIAL = {"health_conditions", "medications", "allergies"}


class PassThrough:
    """Stands in for the redactor: what the scope lets through reaches the 'model' unchanged."""

    def redact(self, text, *, vault, known=(), allow_special=False):
        return SimpleNamespace(text=text, counts={})


@pytest.fixture(scope="module")
def mcrm(tmp_path_factory):
    return build_marker_crm(f"sqlite:///{tmp_path_factory.mktemp('scopes') / 'markers.sqlite3'}")


def _builder(ctx, language):
    return SYSTEM + LANGUAGE_RULE["en"], crm_block(ctx).text


@st.composite
def role_scope(draw, branches: list[int]):
    catalogue = entity_fields()
    entities = draw(st.lists(st.sampled_from(sorted(catalogue)), unique=True))
    special = draw(st.booleans())
    names = sorted(f"{e}.{c}" for e in entities for c in catalogue[e]
                   if special or catalogue[e][c] != "special")
    fields = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    classes = draw(st.lists(st.sampled_from(["public", "internal", "personal"] + (["special"] if special else [])),
                            unique=True))
    return {
        "capabilities": draw(st.lists(st.sampled_from(CAPABILITIES), unique=True, min_size=1)),
        "entities": entities, "fields": fields, "data_classes": classes,
        "special": {"legal_basis": "GDPR Art. 9(2)(h)"} if special else None,
        "rows": draw(st.sampled_from(ROW_RULES + ("all",))),
        "branches": draw(st.sampled_from([None, None, "some"])) and draw(
            st.lists(st.sampled_from(branches), unique=True, min_size=1)),
        "max_records": draw(st.integers(min_value=0, max_value=15)),
        "draft_channels": draw(st.lists(st.sampled_from(CHANNELS), unique=True)),
    }


def _crm_visible(p: Principal, branch: int, owner: int) -> bool:
    if p.role == "admin":
        return True
    if branch not in p.branch_ids:
        return False
    return p.role == "manager" or owner == p.user_id


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_prompt_never_holds_values_outside_the_scope(mcrm, data):
    _check(mcrm, data, focused=False)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_allowed_requests_read_only_the_scope(mcrm, data):
    """The same property, on requests that pass the decision and ask for a lead the user may see
    in the CRM: the scope's fields, rows, branches and data classes alone decide what is read."""
    _check(mcrm, data, focused=True)


def _check(mcrm, data, *, focused: bool) -> None:
    roles = {r: data.draw(role_scope(mcrm.branches), label=f"role {r}") for r in ("sales_rep", "manager", "admin")}
    key = data.draw(st.sampled_from(sorted(mcrm.users)), label="user")
    uid, role, branch = mcrm.users[key]
    if not focused and data.draw(st.integers(0, 9), label="drop the user's role") == 7:
        del roles[role]  # a role the document does not mention: deny by default
    doc = parse_document({"kind": "clinic", "roles": roles})
    principal = Principal(tenant_id=mcrm.tenant_id, tenant_slug="mk-clinic", user_id=uid, role=role,
                          branch_ids=frozenset({branch}) if branch else frozenset())
    mine = [lid for lid, (_c, b, o) in mcrm.leads.items() if _crm_visible(principal, b, o)]
    pool = mine if focused and mine else sorted(mcrm.leads) + mcrm.other_leads + mine * 4
    lead_id = data.draw(st.sampled_from(pool), label="lead")
    restricted = frozenset(data.draw(st.lists(st.sampled_from(sorted(c for c, _, _ in mcrm.leads.values())),
                                              unique=True, max_size=2), label="restricted"))
    enabled = sorted(roles[role]["capabilities"]) if role in roles else []
    if focused:
        task = Task(data.draw(st.sampled_from(enabled)), lead_id=lead_id)
    else:
        task = Task(data.draw(st.sampled_from(CAPABILITIES + ("bogus",) + tuple(enabled) * 6)), lead_id=lead_id,
                    channel=data.draw(st.sampled_from((None,) * 6 + ("fax",) + CHANNELS)),
                    fields=tuple(data.draw(st.sampled_from([()] * 6 + [("contact.email",), ("contact.allergies",),
                                                                      ("lead.value", "contact.ssn")]))))
    engine = ScopeEngine(mcrm.factory, restricted_contact_ids=lambda session, tenant_id: restricted)
    with tenant_session(mcrm.factory, mcrm.tenant_id) as session:
        decision, scope = engine.decide_with(doc, principal, task, session=session)
        out = build_preview(session, principal=principal, decision=decision, scope=scope, lead_id=lead_id,
                            redactor=PassThrough(), vault_key=b"k" * 32, builder=_builder, language="en")

    if not decision.allowed:
        event(f"refused {decision.policy_id}")
        assert decision.reason and decision.policy_id.startswith("scopes.")
        assert decision.message("en") and decision.message("ar") and decision.message("en") != decision.message("ar")
        assert out["prompt"] is None and out["refused"][0]["reason"]
        return
    assert set(task.fields) <= scope.fields
    assert task.channel is None or task.channel in scope.channels
    role_doc = doc.roles[role]
    if role_doc.branches is not None:
        assert scope.branch_ids is not None and scope.branch_ids <= set(role_doc.branches)
    text = "" if out["prompt"] is None else out["prompt"]["system"] + "\n" + out["prompt"]["user"]
    # Another tenant's rows never; other leads of this tenant never (one lead per request).
    for other in mcrm.other_leads + [lid for lid in mcrm.leads if lid != lead_id]:
        assert lead_marker(other) not in text
    for aid, (alead, _cls) in mcrm.activities.items():
        if alead != lead_id:
            assert body_marker(aid) not in text
    if lead_id in mcrm.other_leads:
        assert out["prompt"] is None
        return
    # What the document allows, computed here independently of the engine.
    rd = roles[role]
    special_ok = rd["special"] is not None
    allowed = {f for f in rd["fields"] if f.split(".")[0] in rd["entities"]}
    allowed |= {f"{e}.{c}" for e in rd["entities"] for c, cls in entity_fields()[e].items() if cls in rd["data_classes"]}
    allowed = {f for f in allowed if special_ok or field_class(f) != "special"}
    contact_id, lead_branch, owner = mcrm.leads[lead_id]
    in_branches = rd["branches"] is None or lead_branch in rd["branches"]
    visible = (_crm_visible(principal, lead_branch, owner)
               and (rd["rows"] != "own" or owner == uid)
               and (rd["rows"] != "own_branches" or lead_branch in principal.branch_ids)
               and in_branches and contact_id not in restricted)
    event("lead visible" if visible else "lead outside the scope")
    if not visible:
        assert out["prompt"] is None and out["refused"], "a row outside the scope was read"
        return
    assert out["prompt"] is not None
    for col in CONTACT_MARKED:
        name = f"contact.{col}"
        if name not in allowed or (col in SPECIAL and not special_ok):
            assert contact_marker(contact_id, col) not in text, name
    if "lead.title" not in allowed:
        assert lead_marker(lead_id) not in text
    shown = [aid for aid, (alead, _c) in mcrm.activities.items() if alead == lead_id and f"[A{aid}]" in text]
    assert len(shown) <= max(0, rd["max_records"] - 1)
    for aid, (alead, cls) in mcrm.activities.items():
        if alead == lead_id and ("activity.body" not in allowed or (cls == "special" and not special_ok)):
            assert body_marker(aid) not in text
    if "user.full_name" not in allowed:
        assert user_marker(owner) not in text
    assert set(out["fields_sent"]) <= allowed
    assert scope.fields == frozenset(allowed) and scope.allow_special == special_ok


@settings(max_examples=200, deadline=None)
@given(doc=st.recursive(st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=12),
                        lambda children: st.lists(children, max_size=3)
                        | st.dictionaries(st.sampled_from(["roles", "sales_rep", "fields", "max_records", "kind",
                                                           "special", "entities", "models", "x"]), children,
                                          max_size=4), max_leaves=12))
def test_any_input_is_a_document_or_a_422_with_paths(doc):
    from guardrails.errors import InvalidInput

    try:
        parse_document(doc)
    except InvalidInput as exc:
        assert exc.status_code == 422 and exc.details
        assert all(set(d) == {"path", "message", "type"} for d in exc.details)
