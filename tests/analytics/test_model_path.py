"""The model path: redacted question, constrained JSON plan, receipts, audit; checked narration."""

from __future__ import annotations

import json

import pytest

from assistant.analytics.plan import PLAN_JSON_SCHEMA
from assistant.analytics.service import AnalyticsConfig, ask
from assistant.llm_factory import build_egress_guard
from connectors.llm.fake import FakeChatModel
from tests.analytics.conftest import NOW, demo_principal, services_for

QUESTION = "How much did Layla Haddad's team bring in during the previous month?"
PLAN = {"outcome": "plan", "metrics": ["revenue"], "group_by": [], "period": "last_month"}


@pytest.fixture(scope="module")
def redactor():
    from guardrails.redaction import Redactor

    return Redactor()


@pytest.fixture
def make(demo_sqlite, tmp_path, redactor):
    def build(*script):
        fake = FakeChatModel.replying(*script)
        services = services_for(demo_sqlite, tmp_path, redactor_factory=lambda: redactor)
        services.egress_factory = lambda: build_egress_guard(services.settings, models={"fake": fake})
        return services, fake
    return build


def _ask(services, q, who="admin", **kw):
    return ask(services=services, principal=demo_principal(services, who), question=q, request_id="req-m",
               now=NOW, config=kw.pop("config", AnalyticsConfig()), **kw)


def test_model_fills_the_plan_from_the_redacted_question(make):
    services, fake = make(json.dumps(PLAN))
    a = _ask(services, QUESTION)
    assert a.kind == "answer" and a.source == "model" and a.columns == ["currency", "revenue"]
    sent = fake.last_request
    assert "Layla" not in sent.text and "Haddad" not in sent.text and "<PERSON_" in sent.text
    assert sent.json_schema == PLAN_JSON_SCHEMA
    parser_answer = _ask(services, "revenue last month", config=AnalyticsConfig(use_model=False))
    assert a.rows == parser_answer.rows  # same plan, same numbers, whoever filled it
    event = services.audit.events[-2]  # the model-answered question (the parser one came after)
    assert event.capability == "analytics" and event.receipt_id == a.receipt_id and event.receipt_id
    assert event.redaction_counts.get("PERSON", 0) >= 1 and event.no_training is True


@pytest.mark.parametrize("reply, kind, reason", [
    ("this is not json", "clarification", "not_understood"),
    (json.dumps({"outcome": "unknown_metric", "metrics": [], "group_by": [], "period": "all"}), "refusal", "unknown_metric"),
    (json.dumps({"outcome": "ambiguous", "metrics": [], "group_by": [], "period": "all"}), "clarification", "ambiguous_metric"),
    (json.dumps({"outcome": "plan", "metrics": ["DROP TABLE leads"], "group_by": [], "period": "all"}), "clarification", "not_understood"),
    (RuntimeError("model down"), "clarification", "model_unavailable"),
])
def test_bad_model_replies_become_clear_answers(make, reply, kind, reason):
    services, _ = make(reply)
    a = _ask(services, QUESTION)
    assert (a.kind, a.reason) == (kind, reason) and not a.rows


def test_a_model_plan_is_held_to_the_same_scope(make):
    services, _ = make(json.dumps({**PLAN, "branch": ["Dubai"]}))
    a = _ask(services, QUESTION, who="manager:Riyadh")
    assert a.kind == "refusal" and a.reason == "branch_out_of_scope" and not a.rows


def test_narration_is_kept_only_when_every_number_is_in_the_table(make):
    table = _ask(make("unused")[0], "won deals by branch", config=AnalyticsConfig(use_model=False))
    top_branch, top = table.rows[0]
    good = f"{top_branch} led with {top} won deals."
    services, fake = make(good)
    a = _ask(services, "won deals by branch", config=AnalyticsConfig(narrate=True))
    assert a.narration == good and a.receipt_id
    services, _ = make(f"{top_branch} led with {top + 17} won deals, up 12% on last year.")
    b = _ask(services, "won deals by branch", config=AnalyticsConfig(narrate=True))
    assert b.narration is None and b.rows == a.rows


def test_the_scopes_model_regions_bind_the_analytics_model_call(make):
    """The DataScope's regions reach the analytics model call: a tenant allowing only a region the
    provider is not in gets no model call (a clarification instead); its EU scope gets the call."""
    from guardrails.scopes.datascope import DataScope, default_fields

    services, fake = make(json.dumps(PLAN), json.dumps(PLAN))
    us_only = DataScope(fields=default_fields(), metrics=frozenset({"*"}), dimensions=frozenset({"*"}),
                        regions=frozenset({"us"}), scope_version=7)
    a = _ask(services, QUESTION, datascope=us_only)
    assert a.kind == "clarification" and a.reason == "model_unavailable"
    assert fake.requests == []  # fail closed: nothing was sent
    assert services.audit.events[-1].scope_version == 7
    eu = DataScope(fields=default_fields(), metrics=frozenset({"*"}), dimensions=frozenset({"*"}), scope_version=8)
    b = _ask(services, QUESTION, datascope=eu)
    assert b.kind == "answer" and b.source == "model" and len(fake.requests) == 1
