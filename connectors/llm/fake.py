"""A scripted chat model that records every request it receives: for tests and evals.

Script items, consumed one per call (the last one repeats when `repeat_last=True`):
- a `str`: the reply text (streamed word by word);
- a `ModelReply`: returned as is;
- a callable `(FakeRequest) -> str | ModelReply`: computes the reply from what was sent;
- an exception instance or class: raised, to inject faults;
- a `FakeStream(chunks, error)`: streams the chunks, then raises `error` (a stream broken mid-way).
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Sequence, Union

from connectors.llm.base import ChatMessage, ModelCapabilities, ModelParams, ModelReply, ModelStream


@dataclass(frozen=True)
class FakeRequest:
    """What the fake model was sent: messages, parameters, schema, and whether it was a stream."""

    messages: tuple[ChatMessage, ...]
    params: ModelParams
    json_schema: Mapping[str, Any] | None
    stream: bool

    @property
    def text(self) -> str:
        """All message contents joined: handy for 'was X sent?' assertions."""
        return "\n".join(m.content for m in self.messages)


@dataclass(frozen=True)
class FakeStream:
    chunks: Sequence[str]
    error: BaseException | None = None


ScriptItem = Union[str, ModelReply, Callable[[FakeRequest], Any], BaseException, type, FakeStream]


def _count_tokens(text: str) -> int:
    return len(text.split())


@dataclass
class FakeChatModel:
    """A `ChatModel` that replies from a script and records what it received in `requests`."""

    script: list[ScriptItem] = field(default_factory=list)
    repeat_last: bool = False
    name: str = "fake"
    model: str = "fake-model"
    capabilities: ModelCapabilities = field(
        default_factory=lambda: ModelCapabilities(
            streaming=True,
            json_schema=True,
            languages_written_well=frozenset({"en", "ar"}),
            context_tokens=32768,
        )
    )
    requests: list[FakeRequest] = field(default_factory=list)
    keep_requests: int = 0  # 0 = record every request (tests); N = only the last N (a long-running demo/load server)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._position = 0

    @classmethod
    def replying(cls, *replies: ScriptItem, repeat_last: bool = True) -> "FakeChatModel":
        return cls(script=list(replies), repeat_last=repeat_last)

    @property
    def last_request(self) -> FakeRequest:
        return self.requests[-1]

    def _next(self, request: FakeRequest) -> Any:
        with self._lock:
            self.requests.append(request)
            if self.keep_requests and len(self.requests) > self.keep_requests:
                del self.requests[: len(self.requests) - self.keep_requests]
            if self._position < len(self.script):
                item = self.script[self._position]
                self._position += 1
            elif self.repeat_last and self.script:
                item = self.script[-1]
            else:
                raise AssertionError(f"FakeChatModel script exhausted after {self._position} calls")
        if isinstance(item, BaseException):
            raise item
        if isinstance(item, type) and issubclass(item, BaseException):
            raise item()
        if callable(item) and not isinstance(item, (str, ModelReply, FakeStream)):
            item = item(request)
        return item

    def _reply(self, item: Any, request: FakeRequest) -> ModelReply:
        if isinstance(item, ModelReply):
            return item
        if isinstance(item, FakeStream):
            if item.error is not None:
                raise item.error
            item = "".join(item.chunks)
        if not isinstance(item, str):
            raise TypeError(f"FakeChatModel script item of type {type(item).__name__} is not a reply")
        return ModelReply(
            text=item,
            tokens_in=_count_tokens(request.text),
            tokens_out=_count_tokens(item),
            model=self.model,
            finish_reason="stop",
        )

    def invoke(
        self,
        messages: Sequence[ChatMessage],
        *,
        params: ModelParams,
        json_schema: Mapping[str, Any] | None = None,
    ) -> ModelReply:
        request = FakeRequest(tuple(messages), params, json_schema, stream=False)
        return self._reply(self._next(request), request)

    def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        params: ModelParams,
        json_schema: Mapping[str, Any] | None = None,
    ) -> ModelStream:
        request = FakeRequest(tuple(messages), params, json_schema, stream=True)
        item = self._next(request)
        if isinstance(item, FakeStream):
            chunks, error = list(item.chunks), item.error
        else:
            text = self._reply(item, request).text
            chunks, error = _split_words(text), None
        result = ModelStream(iter(()), model=self.model)

        def generate() -> Iterator[str]:
            for chunk in chunks:
                yield chunk
            if error is not None:
                raise error
            result.tokens_in = _count_tokens(request.text)
            result.tokens_out = _count_tokens("".join(chunks))

        result._chunks = generate()
        return result


def _split_words(text: str) -> list[str]:
    """Split into chunks that rejoin exactly (each word keeps its following whitespace)."""
    chunks: list[str] = []
    current = ""
    for ch in text:
        current += ch
        if ch.isspace():
            chunks.append(current)
            current = ""
    if current:
        chunks.append(current)
    return chunks


_PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*_\d+>")


def schema_example(schema: Mapping[str, Any]) -> Any:
    """A small value that satisfies a simple JSON schema (first enum value, zeros, required keys)."""
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("anyOf", "oneOf", "allOf"):
        if schema.get(key):
            return schema_example(schema[key][0])
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {name: schema_example(props[name]) for name in schema.get("required", props)}
    if kind == "array":
        return [schema_example(schema["items"])] * int(schema.get("minItems", 0)) if "items" in schema else []
    return {"string": "", "integer": 0, "number": 0, "boolean": False, "null": None}.get(kind or "string", "")


def demo_reply(request: FakeRequest) -> str:
    """The default fake provider's answer: valid JSON for a schema, else one that reuses the placeholders."""
    if request.json_schema is not None:
        return json.dumps(schema_example(request.json_schema))
    users = [m.content for m in request.messages if m.role == "user"]
    seen = list(dict.fromkeys(_PLACEHOLDER.findall(users[-1] if users else "")))
    about = ", ".join(seen[:5]) if seen else "the request"
    return f"(fake model) A short answer about {about}."
