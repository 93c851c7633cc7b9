"""The chat-model interface: messages in, a reply (or a stream of text) out, with declared capabilities.

Business code talks to `ChatModel` only; it never checks which provider is behind it. Content here is
plain text: the guarantee that it was redacted is enforced one layer up, in `guardrails.egress`, which
is the only caller allowed to reach a real provider.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterator, Literal, Mapping, Protocol, Sequence, runtime_checkable

Role = Literal["system", "user", "assistant"]
ROLES: frozenset[str] = frozenset({"system", "user", "assistant"})


@dataclass(frozen=True, slots=True)
class ChatMessage:
    role: Role
    content: str

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown chat role {self.role!r}")
        if not isinstance(self.content, str):
            raise TypeError("chat message content must be text")


@dataclass(frozen=True)
class ModelParams:
    """Generation parameters. `extra` carries provider request fields (e.g. `store: false`)."""

    temperature: float = 0.2
    max_tokens: int | None = None
    timeout_s: float | None = None
    stop: tuple[str, ...] = ()
    seed: int | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))
        object.__setattr__(self, "stop", tuple(self.stop))

    def with_extra(self, extra: Mapping[str, Any]) -> "ModelParams":
        """A copy with `extra` merged over the current extra fields."""
        merged = {**self.extra, **extra}
        return ModelParams(
            temperature=self.temperature,
            max_tokens=self.max_tokens,
            timeout_s=self.timeout_s,
            stop=self.stop,
            seed=self.seed,
            extra=merged,
        )

    def as_sent(self) -> dict[str, Any]:
        """The request parameters as they go on the wire (never the prompt): for records and receipts."""
        out: dict[str, Any] = {"temperature": self.temperature}
        if self.max_tokens is not None:
            out["max_tokens"] = self.max_tokens
        if self.stop:
            out["stop"] = list(self.stop)
        if self.seed is not None:
            out["seed"] = self.seed
        out.update(self.extra)
        return out


@dataclass(frozen=True, slots=True)
class ModelCapabilities:
    """What a model declares it can do; routers read these flags instead of checking classes."""

    streaming: bool = True
    json_schema: bool = False
    languages_written_well: frozenset[str] = frozenset({"en"})
    context_tokens: int = 4096


@dataclass(frozen=True, slots=True)
class ModelReply:
    text: str
    tokens_in: int
    tokens_out: int
    model: str
    finish_reason: str | None = None


class ModelStream:
    """An iterator of text chunks; token counts and model name are filled in when it ends."""

    def __init__(self, chunks: Iterator[str], *, model: str) -> None:
        self._chunks = chunks
        self.model = model
        self.tokens_in = 0
        self.tokens_out = 0
        self.finished = False

    def __iter__(self) -> "ModelStream":
        return self

    def __next__(self) -> str:
        try:
            return next(self._chunks)
        except StopIteration:
            self.finished = True
            raise

    def close(self) -> None:
        close = getattr(self._chunks, "close", None)
        if close is not None:
            close()


@runtime_checkable
class ChatModel(Protocol):
    """A chat model: one required call (`invoke`), plus `stream` when `capabilities.streaming`."""

    name: str
    capabilities: ModelCapabilities

    def invoke(
        self,
        messages: Sequence[ChatMessage],
        *,
        params: ModelParams,
        json_schema: Mapping[str, Any] | None = None,
    ) -> ModelReply: ...

    def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        params: ModelParams,
        json_schema: Mapping[str, Any] | None = None,
    ) -> ModelStream: ...
