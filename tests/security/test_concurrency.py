"""Concurrent conversations of two tenants whose customers share a name never mix placeholders."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from connectors.llm.fake import FakeChatModel
from tests.security.conftest import auth, build_secure_app

_PLACEHOLDER = re.compile(r"<[A-Z_]+_\d+>")


def echo_placeholders(request) -> str:
    """Answers with every placeholder it was sent, so a restore from the wrong vault would show."""
    return "About: " + " ".join(dict.fromkeys(_PLACEHOLDER.findall(request.text)))


def test_concurrent_conversations_never_mix(tiny_crm, tmp_path):
    model = FakeChatModel(script=[echo_placeholders], repeat_last=True)
    app, settings, services = build_secure_app(tiny_crm, tmp_path, model=model, rate_limits=False, abuse=False)
    jobs = [(who, key) for _ in range(4) for who, key in (("a:rep", "a"), ("b:rep", "b"))]
    with TestClient(app) as client:
        headers = {who: auth(tiny_crm, settings, who) for who in ("a:rep", "b:rep")}

        def ask(job):
            who, key = job
            r = client.post("/v1/chat", json={"message": "What is her email and phone?",
                                              "lead_id": tiny_crm.leads[f"{key}:rep_lead"]}, headers=headers[who])
            assert r.status_code == 200, r.text
            return key, r.json()

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(ask, jobs))
    assert len({a["conversation_id"] for _, a in answers}) == len(jobs)
    for key, answer in answers:
        other = "b" if key == "a" else "a"
        assert f"layla.haddad@{key}-mail.example" in answer["text"], answer["text"]
        assert f"{other}-mail.example" not in answer["text"]
        assert not _PLACEHOLDER.search(answer["text"])  # every placeholder restored from its own vault
    # and nothing in clear text reached the model
    for req in model.requests:
        assert "layla.haddad@" not in req.text and "Haddad" not in req.text
