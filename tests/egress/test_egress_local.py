"""End to end from settings with a real local model (SmolLM2, 94 MB): redacted prompt in, receipt out."""

from __future__ import annotations

from pathlib import Path

from assistant.llm_factory import build_egress_guard
from assistant.settings import Settings
from connectors.llm import ModelParams
from guardrails.egress import RedactedPrompt
from tests.egress.conftest import eu_policy, redacted


def test_smollm2_through_the_guard(smollm2_path: Path) -> None:
    records = []
    settings = Settings(llm_provider="local", llm_model_path=smollm2_path, llm_context_tokens=1024,
                        llm_max_tokens=24, llm_threads=1)
    guard = build_egress_guard(settings, on_record=records.append)
    prompt = RedactedPrompt.of(system=redacted("You are terse."),
                               user=redacted("Greet <PERSON_1> in one sentence.", PERSON=1))
    reply = guard.call(prompt, tenant_policy=eu_policy(), purpose="smoke",
                       params=ModelParams(temperature=0.0, max_tokens=16))
    assert reply.text.strip()
    record = records[-1]
    assert record.provider == "local" and record.region == "eu" and record.no_training is True
    assert record.model == smollm2_path.stem and record.tokens_out > 0 and record.outcome == "ok"

    chunks = list(guard.call(prompt, tenant_policy=eu_policy(), purpose="smoke", stream=True,
                             params=ModelParams(max_tokens=8)))
    assert chunks and records[-1].streamed
