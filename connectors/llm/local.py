"""The embedded local model: a GGUF file run by llama-cpp-python through LangChain's `ChatLlamaCpp`.

The `Llama` object is loaded lazily on the first call and cached per (path, context, threads): one per
process, shared by every `LocalLlamaModel` pointing at the same file. llama.cpp is not re-entrant, so a
lock per loaded model serialises calls. Schema-constrained JSON uses llama-cpp's `response_format`
(`{"type": "json_object", "schema": ...}`), which compiles the schema to a grammar. Replies are always
generated as a stream internally so that `timeout_s` can stop a generation that runs too long.
"""

from __future__ import annotations

import atexit
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from connectors.llm.base import ChatMessage, ModelCapabilities, ModelParams, ModelReply, ModelStream
from connectors.llm.errors import ModelError, ModelNotInstalled, ModelRequestRejected, ModelTimeout
from connectors.llm.langchain_model import LangChainChatModel

_CACHE: dict[tuple[str, int, int], tuple[Any, threading.Lock]] = {}
_CACHE_LOCK = threading.Lock()

# llama.cpp compiles a length bound into a chain of nested optional rules; past ~1,200 it overflows
# the stack and the whole PROCESS dies with SIGSEGV (measured: maxLength 1000 ok, 1400 crashes).
GRAMMAR_BOUND_LIMIT = 512
_BOUND_KEYS = ("maxLength", "minLength", "maxItems", "minItems")


def grammar_safe_schema(schema: Any, limit: int = GRAMMAR_BOUND_LIMIT) -> Any:
    """A copy of a JSON schema whose length/item bounds llama.cpp can compile without crashing.

    Bounds above `limit` are dropped (a minimum is lowered to `limit`): the grammar then allows
    longer output, which `max_tokens` still caps and the caller's own validation still checks.
    """
    if isinstance(schema, Mapping):
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _BOUND_KEYS and isinstance(value, int) and value > limit:
                if key.startswith("min"):
                    out[key] = limit
                continue
            out[key] = grammar_safe_schema(value, limit)
        return out
    if isinstance(schema, list):
        return [grammar_safe_schema(v, limit) for v in schema]
    return schema


@dataclass(frozen=True)
class LocalModelConfig:
    model_path: Path
    n_ctx: int = 4096
    n_threads: int = 2
    max_tokens: int = 400
    timeout_s: float = 120.0
    name: str = "local"
    languages: frozenset[str] = frozenset({"en"})  # small coder models write Arabic poorly


def load_llama(path: Path | str, *, n_ctx: int, n_threads: int) -> tuple[Any, threading.Lock]:
    """The process-wide `Llama` for this file and its call lock (loaded on first use)."""
    resolved = Path(path).expanduser().resolve()
    key = (str(resolved), n_ctx, n_threads)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            return hit
        if not resolved.is_file():
            raise ModelNotInstalled(
                f"local model file {resolved.name} is missing; run `python -m connectors.llm.assemble`"
            )
        try:
            from llama_cpp import Llama
        except ImportError:  # pragma: no cover - depends on the install
            raise ModelNotInstalled("llama-cpp-python is not installed") from None
        try:
            llama = Llama(
                model_path=str(resolved),
                n_ctx=n_ctx,
                n_threads=n_threads,
                n_threads_batch=n_threads,
                verbose=False,
            )
        except Exception:
            raise ModelNotInstalled(f"local model file {resolved.name} could not be loaded") from None
        _CACHE[key] = (llama, threading.Lock())
        return _CACHE[key]


@atexit.register
def _close_all() -> None:
    """Free the models before interpreter shutdown (llama-cpp's __del__ fails once modules are gone)."""
    with _CACHE_LOCK:
        for llama, lock in _CACHE.values():
            if not lock.acquire(timeout=5):  # a generation still running: leave it to the OS
                continue
            try:
                close = getattr(llama, "close", None)
                if close is not None:
                    close()
            finally:
                lock.release()
        _CACHE.clear()


def loaded_models() -> list[str]:
    """Paths of the models loaded in this process (for health checks and tests)."""
    with _CACHE_LOCK:
        return [k[0] for k in _CACHE]


class LocalLlamaModel(LangChainChatModel):
    """A `ChatModel` over a local GGUF file; nothing leaves the process."""

    def __init__(self, config: LocalModelConfig) -> None:
        self.config = config
        super().__init__(
            chat=None,  # type: ignore[arg-type]  # built on first use
            name=config.name,
            model=Path(config.model_path).stem,
            capabilities=ModelCapabilities(
                streaming=True,
                json_schema=True,
                languages_written_well=config.languages,
                context_tokens=config.n_ctx,
            ),
        )
        self._llama: Any = None

    def _ensure_loaded(self) -> None:
        if self.chat is not None:
            return
        from langchain_community.chat_models import ChatLlamaCpp

        llama, lock = load_llama(self.config.model_path, n_ctx=self.config.n_ctx,
                                 n_threads=self.config.n_threads)
        # model_construct: reuse the cached Llama instead of letting the validator load another copy
        self.chat = ChatLlamaCpp.model_construct(
            client=llama,
            model_path=str(self.config.model_path),
            n_ctx=self.config.n_ctx,
            n_threads=self.config.n_threads,
            max_tokens=self.config.max_tokens,
            verbose=False,
            streaming=False,
        )
        self._llama = llama
        self._lock = lock

    def request_kwargs(
        self, params: ModelParams, json_schema: Mapping[str, Any] | None, *, stream: bool
    ) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"temperature": params.temperature}
        kwargs["max_tokens"] = params.max_tokens or self.config.max_tokens
        if params.seed is not None:
            kwargs["seed"] = params.seed
        # provider data-use fields (store: false ...) mean nothing to an in-process model: not passed
        if json_schema is not None:
            kwargs["response_format"] = {"type": "json_object", "schema": grammar_safe_schema(json_schema)}
        return kwargs

    def map_error(self, exc: BaseException) -> ModelError:
        if isinstance(exc, ValueError) and "context window" in str(exc):
            return ModelRequestRejected("the prompt does not fit the local model's context window")
        return ModelError(f"the local model failed ({type(exc).__name__})")

    def _count_prompt_tokens(self, messages: Sequence[ChatMessage]) -> int:
        try:
            return sum(len(self._llama.tokenize(m.content.encode("utf-8"), add_bos=False)) + 4
                       for m in messages)
        except Exception:  # counting is best effort
            return 0

    def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        params: ModelParams,
        json_schema: Mapping[str, Any] | None = None,
    ) -> ModelStream:
        timeout = params.timeout_s or self.config.timeout_s
        result = ModelStream(iter(()), model=self.model)

        def generate() -> Iterator[str]:
            self._ensure_loaded()
            inner = LangChainChatModel.stream(self, messages, params=params, json_schema=json_schema)
            deadline = time.monotonic() + timeout
            try:
                for chunk in inner:
                    yield chunk
                    if time.monotonic() > deadline:
                        err = ModelTimeout(f"the local model ran past its {timeout:.0f} s limit")
                        # The local model is CPU-bound: another try would only queue behind this one.
                        err.retryable = False
                        raise err
            finally:
                inner.close()
            result.tokens_out = inner.tokens_out
            result.tokens_in = self._count_prompt_tokens(messages)

        result._chunks = generate()
        return result

    def invoke(
        self,
        messages: Sequence[ChatMessage],
        *,
        params: ModelParams,
        json_schema: Mapping[str, Any] | None = None,
    ) -> ModelReply:
        stream = self.stream(messages, params=params, json_schema=json_schema)
        text = "".join(stream)
        limit = params.max_tokens or self.config.max_tokens
        finish = "length" if stream.tokens_out >= limit else "stop"
        return ModelReply(text=text, tokens_in=stream.tokens_in, tokens_out=stream.tokens_out,
                          model=self.model, finish_reason=finish)
