"""GET /v1/notes/search: tenant from the token only; forged tenant ids anywhere change nothing."""

from __future__ import annotations

import pytest

from assistant.indexing import NoteIndexer
from connectors.embeddings import HashingEmbedder
from connectors.vectors.fake import RecordingStores
from connectors.vectors.notes import NoteSearch
from guardrails.audit import RecordingAuditSink
from tests.fixtures import token_for
from tests.vectors.conftest import add_notes, make_stores

URL = "/v1/notes/search"


@pytest.fixture(params=["edge", "memory"])
def api(request, app_client, tmp_path):
    client, crm, settings, services = app_client
    notes = add_notes(crm)
    embedder = HashingEmbedder(dim=256)
    stores = make_stores(request.param, tmp_path, embedder.dim)
    indexer = NoteIndexer(factory=crm.factory, stores=stores, embedder=embedder)
    for key in ("a", "b"):
        indexer.index_tenant(crm.tenants[key])
    recorded = RecordingStores(stores)
    client.app.state.note_search = NoteSearch(factory=crm.factory, stores=recorded, embedder=embedder)
    client.app.state.recorded_stores = recorded
    services.audit = RecordingAuditSink()
    yield client, notes, settings, services
    stores.close()


def _h(crm, settings, who):
    return {"Authorization": f"Bearer {token_for(crm, settings, who)}"}


def _ids(resp):
    assert resp.status_code == 200, resp.text
    return [i["activity_id"] for i in resp.json()["items"]]


def test_results_are_the_callers_tenant_only(api):
    client, notes, settings, _ = api
    crm = notes.crm
    for who, key in (("a:admin", "a"), ("b:admin", "b"), ("a:manager", "a"), ("b:rep", "b")):
        got = _ids(client.get(URL, params={"q": "pricing discount fleet", "limit": 50}, headers=_h(crm, settings, who)))
        assert got and set(got) <= notes.tenant_ids(key), who


def test_forged_tenant_ids_change_nothing(api):
    client, notes, settings, _ = api
    crm = notes.crm
    h = _h(crm, settings, "a:admin")
    params = {"q": "pricing discount fleet", "limit": 50}
    baseline = _ids(client.get(URL, params=params, headers=h))
    b_id, b_slug = crm.tenants["b"], "tenant-b"
    forged = [
        dict(params=params | {"tenant_id": b_id, "tenant": b_slug, "collection": f"lua_notes_t{b_id}"}),
        dict(params=params, headers=h | {"X-Tenant-Id": str(b_id), "X-Tenant": b_slug}),
        dict(params=params | {"tenant_id": b_id}, json={"tenant_id": b_id, "collection_name": f"lua_notes_t{b_id}"}),
    ]
    for extra in forged:
        headers = extra.pop("headers", h)
        resp = client.request("GET", URL, headers=headers, **extra)
        assert _ids(resp) == baseline
    # The only store ever opened by these requests is tenant A's.
    assert set(client.app.state.recorded_stores.opened) == {crm.tenants["a"]}
    # Forged ids in the path are not routes at all.
    assert client.get(f"/v1/tenants/{b_id}/notes/search", params=params, headers=h).status_code == 404
    assert client.get(f"{URL}/{b_id}", params=params, headers=h).status_code in (404, 405)


def test_rep_scope_and_branch(api):
    client, notes, settings, _ = api
    crm = notes.crm
    q = {"q": "pricing discount fleet warehouse clinic walk-in", "limit": 50}
    assert set(_ids(client.get(URL, params=q, headers=_h(crm, settings, "a:rep")))) == notes.activities["a:rep_lead"]
    tallinn = set(_ids(client.get(URL, params=q, headers=_h(crm, settings, "a:rep_tallinn"))))
    assert tallinn == notes.activities["a:tallinn_lead"] - {notes.special["a"]}


def test_result_shape_text_from_crm_and_audit(api):
    client, notes, settings, services = api
    crm = notes.crm
    resp = client.get(URL, params={"q": "warehouse sensors quote"}, headers=_h(crm, settings, "a:rep2"))
    body = resp.json()
    assert body["count"] == len(body["items"]) >= 1
    top = body["items"][0]
    assert top["text"].startswith("Sent the warehouse sensors quote")
    assert top["lead_title"] == "Warehouse sensors"
    assert set(top) == {"activity_id", "lead_id", "lead_title", "kind", "language", "occurred_at", "score", "text"}
    event = services.audit.events[-1]
    assert event.capability == "note_search" and event.outcome == "ok"
    assert event.tenant_id == crm.tenants["a"]
    assert f"activity:{top['activity_id']}" in event.record_refs
    assert "warehouse" not in repr(event).lower()  # never the query text


def test_validation_and_authentication(api):
    client, notes, settings, _ = api
    h = _h(notes.crm, settings, "a:rep")
    assert client.get(URL, params={"q": "x"}).status_code == 401
    assert client.get(URL, params={"q": ""}, headers=h).status_code == 422
    assert client.get(URL, params={"q": "x" * 501}, headers=h).status_code == 422
    assert client.get(URL, params={"q": "x", "limit": 0}, headers=h).status_code == 422
    assert client.get(URL, params={"q": "x", "limit": 51}, headers=h).status_code == 422
    err = client.get(URL, headers=h).json()["error"]
    assert err["code"] and err["request_id"] is not None


def test_refused_by_policy_is_403_and_audited(api, monkeypatch):
    client, notes, settings, services = api
    from assistant.api.routes import notes as route
    from guardrails.scopes.decision import Decision

    from guardrails.scopes.datascope import DataScope

    refused = (Decision(False, "off", "test.off", messages={"en": "Off."}), DataScope(fields=frozenset()))
    monkeypatch.setattr(route, "authorize", lambda services, p, t: refused)
    resp = client.get(URL, params={"q": "pricing"}, headers=_h(notes.crm, settings, "a:rep"))
    assert resp.status_code == 403
    assert resp.json()["error"]["code"] == "forbidden"
    assert services.audit.events[-1].outcome == "refused"
