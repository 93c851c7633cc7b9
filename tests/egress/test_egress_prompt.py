"""Only redacted text can reach a provider: plain strings fail by construction."""

from __future__ import annotations

import pytest

from connectors.llm import FakeChatModel
from guardrails.egress import PromptMessage, RedactedPrompt, as_prompt
from guardrails.types import RedactedText
from tests.egress.conftest import eu_policy, provider, redacted, registry


@pytest.mark.parametrize("value", [
    "plain text with Jane Doe",
    b"bytes",
    ["a list of str"],
    [("user", "a plain str in a tuple")],
    {"role": "user", "content": "x"},
    42,
    None,
])
def test_anything_not_redacted_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="RedactedText"):
        as_prompt(value)  # type: ignore[arg-type]


def test_prompt_message_refuses_str() -> None:
    with pytest.raises(TypeError):
        PromptMessage("user", "Jane Doe")  # type: ignore[arg-type]


def test_redacted_text_cannot_be_forged() -> None:
    with pytest.raises(TypeError):
        RedactedText(text="Jane Doe")


def test_accepted_shapes() -> None:
    r = redacted("hello <PERSON_1>", PERSON=1)
    assert as_prompt(r).messages == (PromptMessage("user", r),)
    p = as_prompt([("system", redacted("be brief")), ("user", r)])
    assert [m.role for m in p.messages] == ["system", "user"]
    assert RedactedPrompt.of(system=redacted("s"), user=r).messages[1].content is r
    assert p.redaction_counts == {"PERSON": 1}
    assert p.chars == len("be brief") + len("hello <PERSON_1>")
    assert len(p.sha256) == 64


def test_guard_raises_type_error_before_touching_the_model(make_guard) -> None:
    fake = FakeChatModel.replying("x")
    guard = make_guard(registry(provider()), {"fake": fake})
    with pytest.raises(TypeError):
        guard.call("Jane Doe, +44 20 7946 0958", tenant_policy=eu_policy(), purpose="test")  # type: ignore[arg-type]
    assert fake.requests == []
