"""POST /v1/analytics/ask over the tiny two-tenant CRM: ok, bad input, forbidden, cross-tenant."""

from __future__ import annotations

from tests.fixtures import token_for

URL = "/v1/analytics/ask"


def _post(client, crm, settings, who, question, **body):
    headers = {"Authorization": f"Bearer {token_for(crm, settings, who)}"}
    return client.post(URL, json={"question": question, **body}, headers=headers)


def test_requires_authentication(app_client):
    client, *_ = app_client
    r = client.post(URL, json={"question": "number of leads"})
    assert r.status_code == 401 and r.json()["error"]["code"]


def test_admin_gets_table_chart_and_plan(app_client):
    client, crm, settings, _ = app_client
    r = _post(client, crm, settings, "a:admin", "number of leads by branch")
    assert r.status_code == 200
    body = r.json()
    assert body["kind"] == "answer" and body["rows"] == [["Riyadh", 2], ["Tallinn", 1]]
    assert body["chart"]["mark"] == "bar" and body["plan"]["metrics"] == ["lead_count"]
    assert body["plan_text"].startswith("What I computed") and body["source"] == "parser"


def test_arabic_question_gets_an_arabic_answer(app_client):
    client, crm, settings, _ = app_client
    body = _post(client, crm, settings, "a:admin", "عدد العملاء المحتملين حسب الفرع").json()
    assert body["language"] == "ar" and body["rows"] == [["Riyadh", 2], ["Tallinn", 1]]
    assert body["plan_text"].startswith("ما حسبته")


def test_each_tenant_sees_only_its_own_rows(app_client):
    client, crm, settings, _ = app_client
    for who in ("a:admin", "b:admin"):
        assert _post(client, crm, settings, who, "number of leads").json()["rows"] == [[3]]  # never 6


def test_manager_and_rep_visibility(app_client):
    client, crm, settings, _ = app_client
    assert _post(client, crm, settings, "a:manager", "number of leads by branch").json()["rows"] == [["Riyadh", 2]]
    refused = _post(client, crm, settings, "a:manager", "number of leads in Tallinn").json()
    assert refused["kind"] == "refusal" and refused["reason"] == "branch_out_of_scope" and refused["rows"] == []
    # Sales reps have no analytics by default (the sales company's default scope) …
    denied = _post(client, crm, settings, "a:rep", "number of leads")
    assert denied.status_code == 403 and "analytics" in denied.json()["error"]["message"]
    # … until an admin enables it; then a rep counts only their own leads.
    admin = {"Authorization": f"Bearer {token_for(crm, settings, 'a:admin')}"}
    doc = client.get("/v1/admin/scopes", headers=admin).json()["document"]
    doc["roles"]["sales_rep"]["capabilities"].append("analytics")
    doc["roles"]["sales_rep"]["analytics"] = {"metrics": ["*"], "dimensions": ["*"]}
    assert client.put("/v1/admin/scopes", headers=admin, json=doc).status_code == 200
    assert _post(client, crm, settings, "a:rep", "number of leads").json()["rows"] == [[1]]


def test_bad_input_gets_clear_answers(app_client):
    client, crm, settings, _ = app_client
    cases = {
        "": ("clarification", "empty"),
        "revenue by branch " + "x" * 10_000: ("refusal", "too_long"),
        "leads'; DROP TABLE leads; --": ("refusal", "sql"),
        "leads on 2025-02-30": ("refusal", "invalid_date"),
        "what is our profit margin?": ("refusal", "unknown_metric"),
        "revenue by customer": ("refusal", "personal_dimension"),
    }
    for question, (kind, reason) in cases.items():
        body = _post(client, crm, settings, "a:admin", question).json()
        assert (body["kind"], body["reason"]) == (kind, reason), question
        assert "Layla" not in str(body) and "Haddad" not in str(body)
    still = _post(client, crm, settings, "a:admin", "number of leads").json()
    assert still["rows"] == [[3]]  # the table survived the payloads


def test_request_shape_is_validated(app_client):
    client, crm, settings, _ = app_client
    headers = {"Authorization": f"Bearer {token_for(crm, settings, 'a:admin')}"}
    assert client.post(URL, json={"question": "leads", "tenant_id": 2}, headers=headers).status_code == 422
    assert client.post(URL, json={}, headers=headers).status_code == 422
    big = client.post(URL, json={"question": "x" * 70_000}, headers=headers)
    assert big.status_code == 413  # the app's body limit
