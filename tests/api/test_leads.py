"""The lead picker: what each role sees, search, pagination, and the same 404 for absent and foreign."""

from __future__ import annotations

import pytest

from tests.fixtures import token_for


def _h(crm, settings, who):
    return {"Authorization": f"Bearer {token_for(crm, settings, who)}"}


def test_each_role_sees_what_the_crm_lets_it_see(app_client):
    client, crm, settings, _ = app_client
    ids = lambda who: {i["id"] for i in client.get("/v1/leads", headers=_h(crm, settings, who)).json()["items"]}
    assert ids("a:rep") == {crm.leads["a:rep_lead"]}
    assert ids("a:manager") == {crm.leads["a:rep_lead"], crm.leads["a:other_lead"]}
    assert ids("a:admin") == {crm.leads["a:rep_lead"], crm.leads["a:other_lead"], crm.leads["a:tallinn_lead"]}
    assert ids("b:admin").isdisjoint(ids("a:admin"))


def test_search_by_name_company_and_arabic_name(app_client):
    client, crm, settings, _ = app_client
    h = _h(crm, settings, "a:admin")
    for q in ("Layla", "haddad", "Gulf Horizon", "ليلى", "Layla Haddad"):
        items = client.get("/v1/leads", params={"q": q}, headers=h).json()["items"]
        assert {i["id"] for i in items} == {crm.leads["a:rep_lead"], crm.leads["a:other_lead"]}, q
    assert client.get("/v1/leads", params={"q": "%"}, headers=h).json()["total"] == 0
    assert client.get("/v1/leads", params={"q": "' OR 1=1 --"}, headers=h).json()["total"] == 0


def test_pagination(app_client):
    client, crm, settings, _ = app_client
    h = _h(crm, settings, "a:admin")
    p1 = client.get("/v1/leads", params={"page_size": 2}, headers=h).json()
    p2 = client.get("/v1/leads", params={"page_size": 2, "page": 2}, headers=h).json()
    assert p1["total"] == p2["total"] == 3
    assert len(p1["items"]) == 2 and len(p2["items"]) == 1
    assert not {i["id"] for i in p1["items"]} & {i["id"] for i in p2["items"]}


def test_unknown_and_foreign_lead_give_the_same_404(app_client):
    client, crm, settings, _ = app_client
    h = _h(crm, settings, "a:admin")
    ok = client.get(f"/v1/leads/{crm.leads['a:rep_lead']}", headers=h)
    assert ok.status_code == 200 and ok.json()["contact_name"] == "Layla Haddad"
    foreign = client.get(f"/v1/leads/{crm.leads['b:rep_lead']}", headers=h)
    unknown = client.get("/v1/leads/999999", headers=h)
    assert foreign.status_code == unknown.status_code == 404
    strip = lambda r: {k: v for k, v in r.json()["error"].items() if k != "request_id"}
    assert strip(foreign) == strip(unknown)
    # A rep asking for a colleague's lead gets the same answer.
    other = client.get(f"/v1/leads/{crm.leads['a:other_lead']}", headers=_h(crm, settings, "a:rep"))
    assert other.status_code == 404 and strip(other) == strip(unknown)


@pytest.mark.parametrize("path,params", [
    ("/v1/leads/abc", {}), ("/v1/leads/0", {}), ("/v1/leads/-3", {}), ("/v1/leads/99999999999999", {}),
    ("/v1/leads", {"page_size": 1000}), ("/v1/leads", {"page": 0}), ("/v1/leads", {"q": "x" * 500}),
])
def test_bad_parameters_give_422_in_the_one_error_shape(app_client, path, params):
    client, crm, settings, _ = app_client
    resp = client.get(path, params=params, headers=_h(crm, settings, "a:admin"))
    assert resp.status_code == 422
    err = resp.json()["error"]
    assert err["code"] == "invalid_input" and err["request_id"] and err["details"]
    assert set(err) == {"code", "message", "request_id", "details"}
    assert all(set(d) == {"path", "message", "type"} for d in err["details"])
