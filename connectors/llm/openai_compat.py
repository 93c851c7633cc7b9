"""Any OpenAI-compatible server (vLLM, Ollama, Mistral, Azure OpenAI, OpenAI) through `langchain-openai`.

Provider request fields (the no-training / no-retention switches such as `store: false`) travel in
`extra_body`, so they reach the wire unchanged on servers the OpenAI SDK does not know. The SDK's own
retries are off: `guardrails.egress` owns retries, backoff and the circuit breaker. Every HTTP request
passes the global switch (`connectors.llm.ALLOW_MODEL_REQUESTS`) in the transport.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Mapping

import httpx
import openai
from langchain_openai import ChatOpenAI

from connectors.llm.base import ModelCapabilities, ModelParams
from connectors.llm.errors import (
    ModelBadResponse,
    ModelError,
    ModelRequestRejected,
    ModelTimeout,
    ModelUnavailable,
)
from connectors.llm.langchain_model import LangChainChatModel, exception_chain
from connectors.llm.switch import GuardedTransport


@dataclass(frozen=True)
class OpenAICompatibleConfig:
    base_url: str
    model: str
    api_key: str = ""
    timeout_s: float = 60.0
    max_tokens: int = 400
    name: str = "openai_compatible"
    languages: frozenset[str] = frozenset({"en"})
    context_tokens: int = 8192
    json_schema: bool = True  # server honours response_format json_schema (vLLM, OpenAI, Ollama do)


class OpenAICompatibleModel(LangChainChatModel):
    """A `ChatModel` for an OpenAI-compatible chat-completions endpoint."""

    def __init__(self, config: OpenAICompatibleConfig) -> None:
        if not config.base_url:
            raise ValueError("an OpenAI-compatible provider needs a base URL")
        self.config = config
        timeout = httpx.Timeout(config.timeout_s, connect=min(10.0, config.timeout_s))
        http_client = httpx.Client(transport=GuardedTransport(), timeout=timeout)
        chat = ChatOpenAI(
            model=config.model,
            base_url=config.base_url,
            api_key=config.api_key or "not-needed",  # local servers accept any key
            timeout=timeout,
            max_retries=0,
            max_tokens=config.max_tokens,
            http_client=http_client,
            use_responses_api=False,
            stream_usage=True,
        )
        super().__init__(
            chat,
            name=config.name,
            model=config.model,
            capabilities=ModelCapabilities(
                streaming=True,
                json_schema=config.json_schema,
                languages_written_well=config.languages,
                context_tokens=config.context_tokens,
            ),
        )

    def request_kwargs(
        self, params: ModelParams, json_schema: Mapping[str, Any] | None, *, stream: bool
    ) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"temperature": params.temperature}
        if params.max_tokens is not None:
            kwargs["max_tokens"] = params.max_tokens
        if params.seed is not None:
            kwargs["seed"] = params.seed
        if params.timeout_s is not None:
            kwargs["timeout"] = params.timeout_s
        if params.extra:
            kwargs["extra_body"] = dict(params.extra)
        if json_schema is not None:
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "reply", "schema": dict(json_schema), "strict": True},
            }
        return kwargs

    def map_error(self, exc: BaseException) -> ModelError:
        for e in exception_chain(exc):
            if isinstance(e, (openai.APITimeoutError, httpx.TimeoutException)):
                return ModelTimeout("the provider did not answer in time")
            if isinstance(e, openai.APIStatusError):
                status = e.status_code
                if status in (408, 504):
                    return ModelTimeout(f"the provider timed out (HTTP {status})", status=status)
                if status == 429 or status >= 500:
                    return ModelUnavailable(f"the provider failed (HTTP {status})", status=status)
                return ModelRequestRejected(f"the provider rejected the request (HTTP {status})",
                                            status=status)
            if isinstance(e, (openai.APIResponseValidationError, json.JSONDecodeError)):
                return ModelBadResponse("the provider returned a malformed response")
            if isinstance(e, (openai.APIConnectionError, httpx.TransportError)):
                return ModelUnavailable("could not connect to the provider")
        if isinstance(exc, (KeyError, TypeError, ValueError, AttributeError, IndexError)):
            # the SDK or LangChain choked on the response shape
            return ModelBadResponse(f"the provider returned a malformed response ({type(exc).__name__})")
        return ModelError(f"the provider call failed ({type(exc).__name__})")
