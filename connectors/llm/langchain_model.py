"""`ChatModel` over a LangChain chat model: message conversion, token counts, streaming, fault mapping.

We call the LangChain model's `_generate` / `_stream` (the methods a LangChain chat model implements)
rather than `invoke` / `stream`, which wrap them in callback managers: LangSmith tracing and other
callbacks switched on by environment variables would otherwise receive the prompt text — a second,
unguarded exit. Exceptions are translated into `connectors.llm.errors` with fixed messages, and never
chained, since provider exception texts can echo the request.
"""

from __future__ import annotations

import threading
from contextlib import nullcontext
from typing import Any, Iterator, Mapping, Sequence

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from connectors.llm.base import ChatMessage, ModelCapabilities, ModelParams, ModelReply, ModelStream
from connectors.llm.errors import ModelBadResponse, ModelError, ModelStreamBroken, RealRequestsBlocked

_LC_TYPES = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}


def to_langchain(messages: Sequence[ChatMessage]) -> list[BaseMessage]:
    return [_LC_TYPES[m.role](content=m.content) for m in messages]


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, then its causes and contexts (each once)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _blocked_in(exc: BaseException) -> RealRequestsBlocked | None:
    for e in exception_chain(exc):
        if isinstance(e, RealRequestsBlocked):
            return e
    return None


def _text_of(message: Any) -> str:
    content = getattr(message, "content", None)
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(
            b.get("text", "") if isinstance(b, dict) else str(b) for b in content
        )
    raise ModelBadResponse("the provider reply has no text content")


class LangChainChatModel:
    """Adapts a LangChain `BaseChatModel` to `ChatModel`. Subclasses map provider faults."""

    def __init__(
        self,
        chat: BaseChatModel,
        *,
        name: str,
        model: str,
        capabilities: ModelCapabilities,
        lock: threading.Lock | None = None,
    ) -> None:
        self.chat = chat
        self.name = name
        self.model = model
        self.capabilities = capabilities
        self._lock = lock

    # ---- hooks for subclasses

    def request_kwargs(
        self, params: ModelParams, json_schema: Mapping[str, Any] | None, *, stream: bool
    ) -> dict[str, Any]:
        """Keyword arguments for the LangChain model's `_generate` / `_stream`."""
        kwargs: dict[str, Any] = {"temperature": params.temperature}
        if params.max_tokens is not None:
            kwargs["max_tokens"] = params.max_tokens
        if params.seed is not None:
            kwargs["seed"] = params.seed
        kwargs.update(params.extra)
        return kwargs

    def map_error(self, exc: BaseException) -> ModelError:
        """Translate a provider exception (override per provider)."""
        return ModelError(f"model call failed ({type(exc).__name__})")

    # ---- ChatModel

    def _guarded(self, exc: BaseException) -> BaseException:
        blocked = _blocked_in(exc)
        if blocked is not None:
            return blocked
        if isinstance(exc, ModelError):
            return exc
        return self.map_error(exc)

    def invoke(
        self,
        messages: Sequence[ChatMessage],
        *,
        params: ModelParams,
        json_schema: Mapping[str, Any] | None = None,
    ) -> ModelReply:
        lc = to_langchain(messages)
        kwargs = self.request_kwargs(params, json_schema, stream=False)
        stop = list(params.stop) or None
        failure: BaseException | None = None
        try:
            with self._lock or nullcontext():
                result = self.chat._generate(lc, stop=stop, **kwargs)
        except Exception as exc:
            failure = self._guarded(exc)
        if failure is not None:
            raise failure  # raised outside the handler: no __context__ holding the provider's text
        if not result.generations:
            raise ModelBadResponse("the provider reply has no choices")
        gen = result.generations[0]
        text = _text_of(gen.message)
        tokens_in, tokens_out = _usage(gen.message, result.llm_output)
        meta = getattr(gen.message, "response_metadata", {}) or {}
        model = meta.get("model_name") or (result.llm_output or {}).get("model_name") or self.model
        finish = (gen.generation_info or {}).get("finish_reason") or meta.get("finish_reason")
        return ModelReply(text=text, tokens_in=tokens_in, tokens_out=tokens_out, model=model,
                          finish_reason=finish)

    def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        params: ModelParams,
        json_schema: Mapping[str, Any] | None = None,
    ) -> ModelStream:
        lc = to_langchain(messages)
        kwargs = self.request_kwargs(params, json_schema, stream=True)
        stop = list(params.stop) or None
        result = ModelStream(iter(()), model=self.model)

        def generate() -> Iterator[str]:
            started = False
            chunks = 0
            failure: BaseException | None = None
            with self._lock or nullcontext():
                try:
                    for chunk in self.chat._stream(lc, stop=stop, **kwargs):
                        message = chunk.message
                        usage = getattr(message, "usage_metadata", None)
                        if usage:
                            result.tokens_in = usage.get("input_tokens", 0) or result.tokens_in
                            result.tokens_out = usage.get("output_tokens", 0) or result.tokens_out
                        meta = getattr(message, "response_metadata", None) or {}
                        if meta.get("model_name"):
                            result.model = meta["model_name"]
                        text = _text_of(message)
                        if text:
                            started = True
                            chunks += 1
                            yield text
                except GeneratorExit:
                    raise
                except Exception as exc:
                    failure = self._guarded(exc)
                    if started and isinstance(failure, ModelError):
                        failure = ModelStreamBroken(
                            f"the stream broke after {chunks} chunks ({failure.kind})",
                            status=failure.status,
                        )
            if failure is not None:
                raise failure  # outside the handler: no __context__ holding the provider's text
            if not result.tokens_out:
                result.tokens_out = chunks

        result._chunks = generate()
        return result


def _usage(message: Any, llm_output: Mapping[str, Any] | None) -> tuple[int, int]:
    usage = getattr(message, "usage_metadata", None)
    if usage:
        return int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
    token_usage = (llm_output or {}).get("token_usage") or {}
    return int(token_usage.get("prompt_tokens", 0)), int(token_usage.get("completion_tokens", 0))
