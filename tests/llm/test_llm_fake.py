"""The scripted fake model: replies from a script, records what it was sent, injects faults."""

from __future__ import annotations

import pytest

from connectors.llm import (
    ChatMessage,
    ChatModel,
    FakeChatModel,
    FakeStream,
    ModelParams,
    ModelReply,
    ModelStreamBroken,
    ModelTimeout,
)

MSGS = [ChatMessage("system", "be brief"), ChatMessage("user", "summarize <PERSON_1>")]


def test_fake_is_a_chat_model_and_records_requests() -> None:
    fake = FakeChatModel.replying("one", "two")
    assert isinstance(fake, ChatModel)
    params = ModelParams(max_tokens=10, extra={"store": False})
    assert fake.invoke(MSGS, params=params).text == "one"
    assert fake.invoke(MSGS, params=params, json_schema={"type": "object"}).text == "two"
    assert fake.invoke(MSGS, params=params).text == "two"  # repeat_last
    assert len(fake.requests) == 3
    first = fake.requests[0]
    assert first.messages == tuple(MSGS)
    assert first.params.as_sent() == {"temperature": 0.2, "max_tokens": 10, "store": False}
    assert fake.requests[1].json_schema == {"type": "object"}
    assert "<PERSON_1>" in first.text


def test_script_items_callables_replies_and_faults() -> None:
    fake = FakeChatModel(script=[
        lambda req: f"got {len(req.messages)} messages",
        ModelReply("fixed", 1, 2, "m"),
        ModelTimeout(),
        ModelTimeout,
    ])
    params = ModelParams()
    assert fake.invoke(MSGS, params=params).text == "got 2 messages"
    assert fake.invoke(MSGS, params=params) == ModelReply("fixed", 1, 2, "m")
    with pytest.raises(ModelTimeout):
        fake.invoke(MSGS, params=params)
    with pytest.raises(ModelTimeout):
        fake.invoke(MSGS, params=params)
    with pytest.raises(AssertionError, match="exhausted"):
        fake.invoke(MSGS, params=params)
    assert len(fake.requests) == 5


def test_stream_rejoins_exactly_and_counts_tokens() -> None:
    fake = FakeChatModel.replying("Hello  there,\nfriend")
    stream = fake.stream(MSGS, params=ModelParams())
    chunks = list(stream)
    assert "".join(chunks) == "Hello  there,\nfriend"
    assert len(chunks) > 1
    assert stream.tokens_out == 3 and stream.tokens_in > 0
    assert fake.last_request.stream is True


def test_fake_stream_breaks_midway() -> None:
    fake = FakeChatModel.replying(FakeStream(["a", "b"], error=ModelStreamBroken("broken")))
    got: list[str] = []
    with pytest.raises(ModelStreamBroken):
        for chunk in fake.stream(MSGS, params=ModelParams()):
            got.append(chunk)
    assert got == ["a", "b"]


def test_model_params_extra_is_read_only_and_merge_wins() -> None:
    params = ModelParams(extra={"store": True, "x": 1})
    merged = params.with_extra({"store": False})
    assert merged.extra == {"store": False, "x": 1}
    with pytest.raises(TypeError):
        params.extra["store"] = False  # type: ignore[index]


def test_chat_message_rejects_unknown_roles_and_non_text() -> None:
    with pytest.raises(ValueError):
        ChatMessage("tool", "x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ChatMessage("user", 42)  # type: ignore[arg-type]


def test_demo_reply_is_valid_json_for_a_schema_and_reuses_placeholders() -> None:
    import json

    from connectors.llm.fake import demo_reply, schema_example

    schema = {"type": "object", "required": ["metric", "limit", "tags"],
              "properties": {"metric": {"enum": ["revenue", "count"]}, "limit": {"type": "integer"},
                             "tags": {"type": "array", "items": {"type": "string"}}}}
    assert schema_example(schema) == {"metric": "revenue", "limit": 0, "tags": []}
    fake = FakeChatModel.replying(demo_reply)
    assert json.loads(fake.invoke(MSGS, params=ModelParams(), json_schema=schema).text)["metric"] == "revenue"
    assert "<PERSON_1>" in fake.invoke(MSGS, params=ModelParams()).text
