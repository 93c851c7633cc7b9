"""A fake OpenAI-compatible chat-completions server on loopback, for tests, evals, benchmarks and load runs.

It records every request body it receives (to assert what the service really sends) and answers from a
script of `FakeResponse` items: replies, HTTP errors, delays (timeouts), malformed JSON, and streams that
break mid-way (the connection drops inside a chunked body) or carry a malformed chunk.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Union


@dataclass(frozen=True)
class FakeResponse:
    text: str = "ok"
    status: int = 200
    delay_s: float = 0.0
    raw_body: bytes | None = None  # sent as is (e.g. malformed JSON), with `status`
    stream_chunks: tuple[str, ...] | None = None  # for stream requests; default: `text` split on spaces
    break_after: int | None = None  # stream: drop the connection after this many chunks
    bad_chunk_after: int | None = None  # stream: send an unparsable data line after this many chunks
    prompt_tokens: int = 11
    completion_tokens: int | None = None


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


Scripted = Union[FakeResponse, Callable[[dict[str, Any]], FakeResponse]]


@dataclass
class FakeOpenAIServer:
    """`with FakeOpenAIServer([FakeResponse("hi")]) as srv: ... srv.base_url ... srv.requests`."""

    script: list[Scripted] = field(default_factory=list)
    repeat_last: bool = True
    model: str = "fake-openai-model"
    requests: list[RecordedRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._position = 0
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle

    def start(self) -> "FakeOpenAIServer":
        server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        server.daemon_threads = True
        server.handle_error = _quiet_handle_error  # type: ignore[method-assign]
        server.block_on_close = False
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeOpenAIServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    # ---- script

    def add(self, *responses: Scripted) -> None:
        with self._lock:
            self.script.extend(responses)

    @property
    def bodies(self) -> list[dict[str, Any]]:
        return [r.body for r in self.requests]

    def _next(self, recorded: RecordedRequest) -> FakeResponse:
        with self._lock:
            self.requests.append(recorded)
            if self._position < len(self.script):
                item = self.script[self._position]
                self._position += 1
            elif self.repeat_last and self.script:
                item = self.script[-1]
            else:
                item = FakeResponse()
        return item(recorded.body) if callable(item) else item

    def _wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)


def _make_handler(owner: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            if self.path.rstrip("/").endswith("/models"):
                self._send_json(200, {"object": "list", "data": [{"id": owner.model, "object": "model"}]})
            else:
                self._send_json(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                body = {"_unparsable": raw.decode("utf-8", "replace")}
            recorded = RecordedRequest(self.path, dict(self.headers.items()), body, time.time())
            if not self.path.rstrip("/").endswith("/chat/completions"):
                owner._next(recorded)
                self._send_json(404, {"error": {"message": "not found"}})
                return
            reply = owner._next(recorded)
            if reply.delay_s:
                owner._wait(reply.delay_s)
            if reply.raw_body is not None:
                self._send_bytes(reply.status, reply.raw_body)
            elif reply.status != 200:
                self._send_json(reply.status, {"error": {"message": "injected fault", "type": "server_error"}})
            elif body.get("stream"):
                self._stream(reply, body)
            else:
                self._send_json(200, _completion(owner.model, reply))

        # ---- writers

        def _send_bytes(self, status: int, data: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
            self.close_connection = True

        def _send_json(self, status: int, payload: dict[str, Any]) -> None:
            self._send_bytes(status, json.dumps(payload).encode())

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _event(self, payload: dict[str, Any] | str) -> None:
            text = payload if isinstance(payload, str) else json.dumps(payload)
            self._chunk(f"data: {text}\n\n".encode())

        def _stream(self, reply: FakeResponse, body: dict[str, Any]) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            pieces = list(reply.stream_chunks) if reply.stream_chunks is not None else _words(reply.text)
            for i, piece in enumerate(pieces):
                if reply.break_after is not None and i == reply.break_after:
                    self.wfile.flush()
                    return  # no terminating chunk: the client sees an incomplete body
                if reply.bad_chunk_after is not None and i == reply.bad_chunk_after:
                    self._event("{this is not json")
                    self.wfile.write(b"0\r\n\r\n")
                    return
                self._event(_chunk_payload(owner.model, {"content": piece}, None))
            self._event(_chunk_payload(owner.model, {}, "stop"))
            if (body.get("stream_options") or {}).get("include_usage"):
                out = reply.completion_tokens if reply.completion_tokens is not None else len(pieces)
                self._event({
                    "id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0,
                    "model": owner.model, "choices": [],
                    "usage": {"prompt_tokens": reply.prompt_tokens, "completion_tokens": out,
                              "total_tokens": reply.prompt_tokens + out},
                })
            self._event("[DONE]")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

    return Handler


def _quiet_handle_error(request: Any, client_address: Any) -> None:
    """Clients that time out or drop a stream on purpose are not server errors worth printing."""
    import sys

    exc = sys.exc_info()[1]
    if not isinstance(exc, (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
        import traceback

        traceback.print_exc()


def _words(text: str) -> list[str]:
    parts = text.split(" ")
    return [p + (" " if i < len(parts) - 1 else "") for i, p in enumerate(parts)]


def _completion(model: str, reply: FakeResponse) -> dict[str, Any]:
    out = reply.completion_tokens if reply.completion_tokens is not None else len(reply.text.split())
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply.text},
                     "finish_reason": "stop"}],
        "usage": {"prompt_tokens": reply.prompt_tokens, "completion_tokens": out,
                  "total_tokens": reply.prompt_tokens + out},
    }


def _chunk_payload(model: str, delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
