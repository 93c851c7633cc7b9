"""Chat-model connectors: one small interface (`ChatModel`), LangChain-backed implementations, a fake.

`ALLOW_MODEL_REQUESTS = False` (or `LUA_ALLOW_REAL_PROVIDERS=0`) makes every HTTP request to a
non-loopback model provider raise `RealRequestsBlocked`; the test suite turns it off globally.
Heavy implementations (`local`, `openai_compat`) are imported from their modules, not from here.
"""

from __future__ import annotations

from connectors.llm.base import (
    ChatMessage,
    ChatModel,
    ModelCapabilities,
    ModelParams,
    ModelReply,
    ModelStream,
)
from connectors.llm.errors import (
    ModelBadResponse,
    ModelError,
    ModelNotInstalled,
    ModelRequestRejected,
    ModelStreamBroken,
    ModelTimeout,
    ModelUnavailable,
    RealRequestsBlocked,
)
from connectors.llm.fake import FakeChatModel, FakeRequest, FakeStream
from connectors.llm.switch import override_allow_model_requests, real_requests_allowed

ALLOW_MODEL_REQUESTS: bool = True

__all__ = [
    "ALLOW_MODEL_REQUESTS",
    "ChatMessage",
    "ChatModel",
    "FakeChatModel",
    "FakeRequest",
    "FakeStream",
    "ModelBadResponse",
    "ModelCapabilities",
    "ModelError",
    "ModelNotInstalled",
    "ModelParams",
    "ModelReply",
    "ModelRequestRejected",
    "ModelStream",
    "ModelStreamBroken",
    "ModelTimeout",
    "ModelUnavailable",
    "RealRequestsBlocked",
    "override_allow_model_requests",
    "real_requests_allowed",
]
