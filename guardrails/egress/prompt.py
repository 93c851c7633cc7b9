"""The only prompt shape the egress accepts: messages whose content is `RedactedText`.

A plain `str` raises `TypeError` here, so text that skipped `guardrails.redaction` cannot reach a
provider. System prompts are product text, but they pass through redaction too: one rule, no exceptions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Mapping, Sequence, Union

from connectors.llm.base import ROLES, ChatMessage, Role
from guardrails.egress.records import prompt_digest
from guardrails.types import RedactedText

_NOT_REDACTED = (
    "only RedactedText may be sent to a model provider (got {kind}); pass the text through "
    "guardrails.redaction first"
)


@dataclass(frozen=True, slots=True)
class PromptMessage:
    role: Role
    content: RedactedText

    def __post_init__(self) -> None:
        if not isinstance(self.content, RedactedText):
            raise TypeError(_NOT_REDACTED.format(kind=type(self.content).__name__))
        if self.role not in ROLES:
            raise ValueError(f"unknown chat role {self.role!r}")


@dataclass(frozen=True)
class RedactedPrompt:
    """An ordered list of redacted messages, ready for the egress."""

    messages: tuple[PromptMessage, ...]

    def __post_init__(self) -> None:
        messages = tuple(self.messages)
        if not messages:
            raise ValueError("a prompt needs at least one message")
        for m in messages:
            if not isinstance(m, PromptMessage):
                raise TypeError(_NOT_REDACTED.format(kind=type(m).__name__))
        object.__setattr__(self, "messages", messages)

    @classmethod
    def of(cls, *, system: RedactedText | None = None, user: RedactedText) -> "RedactedPrompt":
        msgs = [PromptMessage("system", system)] if system is not None else []
        msgs.append(PromptMessage("user", user))
        return cls(tuple(msgs))

    @cached_property
    def _joined(self) -> str:
        return "\n".join(f"{m.role}: {m.content.text}" for m in self.messages)

    @property
    def sha256(self) -> str:
        return prompt_digest(self._joined)

    @property
    def chars(self) -> int:
        return sum(len(m.content.text) for m in self.messages)

    @property
    def redaction_counts(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for m in self.messages:
            total.update(m.content.counts)
        return dict(total)

    def to_chat_messages(self) -> list[ChatMessage]:
        return [ChatMessage(m.role, m.content.text) for m in self.messages]


PromptLike = Union[
    RedactedPrompt,
    RedactedText,
    Sequence[Union[PromptMessage, tuple[Role, RedactedText]]],
]


def as_prompt(value: PromptLike) -> RedactedPrompt:
    """Normalise the accepted shapes; anything holding a plain string raises TypeError."""
    if isinstance(value, RedactedPrompt):
        return value
    if isinstance(value, RedactedText):
        return RedactedPrompt((PromptMessage("user", value),))
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(_NOT_REDACTED.format(kind=type(value).__name__))
    messages = []
    for item in value:
        if isinstance(item, PromptMessage):
            messages.append(item)
        elif isinstance(item, tuple) and len(item) == 2:
            messages.append(PromptMessage(item[0], item[1]))
        else:
            raise TypeError(_NOT_REDACTED.format(kind=type(item).__name__))
    return RedactedPrompt(tuple(messages))
