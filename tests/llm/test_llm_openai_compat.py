"""The OpenAI-compatible connector against a fake server on loopback: wire format and fault mapping."""

from __future__ import annotations

import pytest

from connectors.llm import (
    ChatMessage,
    ModelBadResponse,
    ModelParams,
    ModelRequestRejected,
    ModelStreamBroken,
    ModelTimeout,
    ModelUnavailable,
)
from connectors.llm.fake_server import FakeOpenAIServer, FakeResponse
from connectors.llm.openai_compat import OpenAICompatibleConfig, OpenAICompatibleModel

MSGS = [ChatMessage("system", "You summarise leads."), ChatMessage("user", "Lead of <PERSON_1>")]
SCHEMA = {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"],
          "additionalProperties": False}


def model_for(server: FakeOpenAIServer, **kw: object) -> OpenAICompatibleModel:
    return OpenAICompatibleModel(OpenAICompatibleConfig(base_url=server.base_url, model="m", **kw))


def test_request_body_carries_messages_params_and_extra_fields(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.add(FakeResponse("Short summary.", prompt_tokens=17, completion_tokens=3))
    reply = model_for(fake_openai).invoke(
        MSGS, params=ModelParams(temperature=0.0, max_tokens=50, seed=7, extra={"store": False}))
    assert reply.text == "Short summary."
    assert (reply.tokens_in, reply.tokens_out) == (17, 3)
    assert reply.model == "fake-openai-model"
    body = fake_openai.bodies[-1]
    assert body["messages"] == [
        {"role": "system", "content": "You summarise leads."},
        {"role": "user", "content": "Lead of <PERSON_1>"},
    ]
    assert body["store"] is False
    assert body["temperature"] == 0.0 and body["seed"] == 7
    assert body.get("max_completion_tokens", body.get("max_tokens")) == 50
    assert body["stream"] is False


def test_json_schema_goes_as_response_format(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.add(FakeResponse('{"a": 1}'))
    reply = model_for(fake_openai).invoke(MSGS, params=ModelParams(), json_schema=SCHEMA)
    assert reply.text == '{"a": 1}'
    fmt = fake_openai.bodies[-1]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["schema"] == SCHEMA


def test_stream_yields_chunks_and_usage(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.add(FakeResponse(stream_chunks=("Hel", "lo ", "world"), prompt_tokens=9, completion_tokens=3))
    stream = model_for(fake_openai).stream(MSGS, params=ModelParams(extra={"store": False}))
    assert list(stream) == ["Hel", "lo ", "world"]
    assert (stream.tokens_in, stream.tokens_out) == (9, 3)
    body = fake_openai.bodies[-1]
    assert body["stream"] is True and body["store"] is False


@pytest.mark.parametrize("response, error", [
    (FakeResponse(status=500), ModelUnavailable),
    (FakeResponse(status=503), ModelUnavailable),
    (FakeResponse(status=429), ModelUnavailable),
    (FakeResponse(status=504), ModelTimeout),
    (FakeResponse(status=400), ModelRequestRejected),
    (FakeResponse(status=401), ModelRequestRejected),
    (FakeResponse(raw_body=b"{not json"), ModelBadResponse),
    (FakeResponse(raw_body=b'{"id": "x", "choices": []}'), ModelBadResponse),
])
def test_faults_map_to_connector_errors(fake_openai: FakeOpenAIServer, response: FakeResponse,
                                        error: type) -> None:
    fake_openai.add(response)
    with pytest.raises(error) as info:
        model_for(fake_openai).invoke(MSGS, params=ModelParams())
    assert "PERSON_1" not in str(info.value)
    assert info.value.__context__ is None and info.value.__cause__ is None


def test_timeout(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.add(FakeResponse("late", delay_s=2.0))
    with pytest.raises(ModelTimeout):
        model_for(fake_openai).invoke(MSGS, params=ModelParams(timeout_s=0.3))
    assert len(fake_openai.requests) == 1  # the SDK's own retries are off


def test_connection_refused_is_unavailable() -> None:
    server = FakeOpenAIServer().start()
    url = server.base_url
    server.stop()
    model = OpenAICompatibleModel(OpenAICompatibleConfig(base_url=url, model="m", timeout_s=2))
    with pytest.raises(ModelUnavailable):
        model.invoke(MSGS, params=ModelParams())


@pytest.mark.parametrize("response, kind", [
    (FakeResponse("a b c d e", break_after=2), "unavailable"),
    (FakeResponse("a b c d e", bad_chunk_after=2), "bad_response"),
])
def test_stream_broken_midway(fake_openai: FakeOpenAIServer, response: FakeResponse, kind: str) -> None:
    fake_openai.add(response)
    got: list[str] = []
    with pytest.raises(ModelStreamBroken, match=kind):
        for chunk in model_for(fake_openai).stream(MSGS, params=ModelParams()):
            got.append(chunk)
    assert got == ["a ", "b "]


def test_stream_that_fails_before_first_chunk_is_not_stream_broken(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.add(FakeResponse(status=502))
    with pytest.raises(ModelUnavailable):
        list(model_for(fake_openai).stream(MSGS, params=ModelParams()))


def test_capabilities_declared(fake_openai: FakeOpenAIServer) -> None:
    model = model_for(fake_openai, languages=frozenset({"en", "ar"}), context_tokens=32768)
    caps = model.capabilities
    assert caps.streaming and caps.json_schema
    assert caps.languages_written_well == frozenset({"en", "ar"}) and caps.context_tokens == 32768
