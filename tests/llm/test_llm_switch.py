"""The global switch: real provider calls raise in tests; loopback fake servers still work."""

from __future__ import annotations

import pytest

import connectors.llm
from connectors.llm import ChatMessage, ModelParams, RealRequestsBlocked, override_allow_model_requests
from connectors.llm.fake_server import FakeOpenAIServer, FakeResponse
from connectors.llm.openai_compat import OpenAICompatibleConfig, OpenAICompatibleModel
from connectors.llm.switch import ENV_VAR, check_request_allowed, is_loopback_host, real_requests_allowed

MSGS = [ChatMessage("user", "hi")]


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.53", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("api.openai.com", False), ("10.0.0.5", False), ("0.0.0.0", False), ("localhost.evil.com", False),
])
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_switch_is_off_in_these_tests() -> None:
    assert connectors.llm.ALLOW_MODEL_REQUESTS is False
    assert real_requests_allowed() is False
    with pytest.raises(RealRequestsBlocked):
        check_request_allowed("api.openai.com")
    check_request_allowed("127.0.0.1")  # no error


def test_env_var_turns_real_requests_off(monkeypatch: pytest.MonkeyPatch) -> None:
    with override_allow_model_requests(True):
        monkeypatch.setenv(ENV_VAR, "1")
        assert real_requests_allowed() is True
        monkeypatch.setenv(ENV_VAR, "0")
        assert real_requests_allowed() is False
    assert connectors.llm.ALLOW_MODEL_REQUESTS is False


@pytest.mark.parametrize("stream", [False, True])
def test_a_real_provider_call_raises_before_any_connection(stream: bool) -> None:
    # 192.0.2.1 is TEST-NET-1: were the switch to fail, the call would hang or be refused, not pass
    model = OpenAICompatibleModel(OpenAICompatibleConfig(base_url="http://192.0.2.1:9/v1", model="m",
                                                         timeout_s=2))
    with pytest.raises(RealRequestsBlocked):
        if stream:
            list(model.stream(MSGS, params=ModelParams()))
        else:
            model.invoke(MSGS, params=ModelParams())


def test_loopback_fake_server_still_works() -> None:
    with FakeOpenAIServer([FakeResponse("pong")]) as server:
        model = OpenAICompatibleModel(OpenAICompatibleConfig(base_url=server.base_url, model="m"))
        assert model.invoke(MSGS, params=ModelParams()).text == "pong"
