"""Chat-model figures: local model load, time to first token, tokens/s, lead-summary latency, and the
egress guard's own overhead per call with the fake provider (target p95 < 2 ms, model excluded).

    python -m benchmarks.bench_llm [--model PATH] [--skip-local] [--calls N] [--runs N]

Prints one JSON object. The local model runs at most `--runs` lead summaries: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from connectors.llm import FakeChatModel, ModelParams
from connectors.llm.assemble import DEFAULT_DEST
from guardrails.egress import EgressGuard, RedactedPrompt, TenantLLMPolicy
from guardrails.egress.providers import ProviderConfig, build_registry
from guardrails.types import _make_redacted

SYSTEM = (
    "You are a CRM assistant. Summarise the lead for a sales rep in 4 short bullet points: who, "
    "where the deal stands, the last contact, and the next step. Keep placeholders like <PERSON_1> "
    "exactly as written."
)
ACTIVITIES = [
    "call: <PERSON_1> asked about pricing for 40 seats and a discount for a two-year contract.",
    "email: sent the proposal v2 to <EMAIL_1>; <PERSON_1> forwarded it to <PERSON_2> in finance.",
    "meeting: demo with <PERSON_1> and <PERSON_2> at the <ORG_1> office; they liked the reporting.",
    "whatsapp: <PERSON_1> said the budget is approved for Q3 but legal needs the DPA first.",
    "note: competitor offered 15% lower price; our advantage is Arabic support and EU hosting.",
    "call: <PERSON_2> asked for references from two customers in the same industry.",
    "email: shared two case studies and the security whitepaper with <PERSON_2>.",
    "meeting: negotiation call, agreed on 10% discount if signed before the end of the month.",
]


def lead_prompt(target_tokens: int = 600, count_tokens: Callable[[str], int] | None = None) -> RedactedPrompt:
    """A lead-summary prompt of about `target_tokens` (counted by the model's tokenizer when given)."""
    count = count_tokens or (lambda text: int(len(text.split()) * 2.6))  # placeholders tokenize long
    lines = ["Lead #1042 — <ORG_1>, stage: negotiation, value 48,000 EUR, owner <PERSON_3>, branch Riyadh.",
             "Source: referral. Created 2026-09-02. Expected close 2026-12-15.", "Recent activities:"]
    i = 0
    while count(SYSTEM + "\n".join(lines)) < target_tokens:
        lines.append(f"- 2026-11-{(i % 27) + 1:02d} {ACTIVITIES[i % len(ACTIVITIES)]}")
        i += 1
    counts = {"PERSON": 3, "EMAIL": 1, "ORG": 1}
    return RedactedPrompt.of(system=_make_redacted(SYSTEM, {}), user=_make_redacted("\n".join(lines), counts))


def _pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q * (len(ordered) - 1)))))
    return ordered[k]


def bench_egress_overhead(calls: int) -> dict[str, Any]:
    """Guard call latency minus the bare fake model call, over `calls` calls."""
    prompt = lead_prompt()
    fake = FakeChatModel.replying("- <PERSON_1> is negotiating; next step: send the DPA.")
    provider = ProviderConfig(name="fake", kind="fake", model="fake-model", region="eu",
                              trains_on_inputs="never", no_training_params={"store": False})
    guard = EgressGuard(registry=build_registry(provider, {}), model_factory=lambda p: fake,
                        on_record=lambda r: None)
    policy = TenantLLMPolicy(tenant_id=1)
    params = ModelParams(max_tokens=120)
    messages = prompt.to_chat_messages()
    for _ in range(200):  # warm up
        guard.call(prompt, tenant_policy=policy, purpose="bench", params=params)
    bare, guarded = [], []
    for _ in range(calls):
        t0 = time.perf_counter()
        fake.invoke(messages, params=params)
        t1 = time.perf_counter()
        guard.call(prompt, tenant_policy=policy, purpose="bench", params=params)
        t2 = time.perf_counter()
        bare.append((t1 - t0) * 1000)
        guarded.append((t2 - t1) * 1000)
        fake.requests.clear()
    overhead = [g - b for g, b in zip(guarded, bare)]
    return {
        "calls": calls,
        "guard_call_ms_p50": round(_pct(guarded, 0.5), 4),
        "guard_call_ms_p95": round(_pct(guarded, 0.95), 4),
        "fake_model_ms_p50": round(_pct(bare, 0.5), 4),
        "overhead_ms_p50": round(_pct(overhead, 0.5), 4),
        "overhead_ms_p95": round(_pct(overhead, 0.95), 4),
        "target_p95_ms": 2.0,
        "meets_target": _pct(overhead, 0.95) < 2.0,
    }


def bench_local(model_path: Path, runs: int, threads: int) -> dict[str, Any]:
    from connectors.llm.local import LocalLlamaModel, LocalModelConfig, load_llama

    t0 = time.perf_counter()
    llama, _ = load_llama(model_path, n_ctx=2048, n_threads=threads)
    load_s = time.perf_counter() - t0
    model = LocalLlamaModel(LocalModelConfig(model_path=model_path, n_ctx=2048, n_threads=threads,
                                             max_tokens=120, timeout_s=300))
    provider = ProviderConfig(name="local", kind="local", model=model.model, region="eu",
                              trains_on_inputs="never", model_path=str(model_path), timeout_s=600)
    guard = EgressGuard(registry=build_registry(provider, {}), model_factory=lambda p: model)
    def count(text: str) -> int:
        return len(llama.tokenize(text.encode(), add_bos=False))

    prompt = lead_prompt(600, count)
    prompt_tokens = sum(count(m.content.text) for m in prompt.messages)
    results = []
    for _ in range(runs):
        start = time.perf_counter()
        stream = guard.call(prompt, tenant_policy=TenantLLMPolicy(tenant_id=1), purpose="bench", stream=True,
                            params=ModelParams(temperature=0.0, max_tokens=120, seed=1))
        first = None
        chunks = 0
        for _chunk in stream:
            if first is None:
                first = time.perf_counter()
            chunks += 1
        end = time.perf_counter()
        record = stream.record
        out_tokens = record.tokens_out if record else chunks
        gen_s = end - (first or end)
        results.append({
            "ttft_s": round((first or end) - start, 3),
            "end_to_end_s": round(end - start, 3),
            "output_tokens": out_tokens,
            "generation_tokens_per_s": round((out_tokens - 1) / gen_s, 2) if gen_s > 0 and out_tokens > 1 else None,
            "prompt_tokens_per_s": round(prompt_tokens / ((first or end) - start), 1),
        })
    return {
        "model": model_path.name,
        "threads": threads,
        "load_s": round(load_s, 3),
        "prompt_tokens": prompt_tokens,
        "runs": results,
    }


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=Path(os.environ.get("LUA_LLM_MODEL_PATH", DEFAULT_DEST)))
    parser.add_argument("--skip-local", action="store_true")
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("LUA_LLM_THREADS", "2")))
    args = parser.parse_args(argv)
    out: dict[str, Any] = {
        "bench": "llm",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_avg_1m_at_start": round(os.getloadavg()[0], 2)},
        "egress_overhead": bench_egress_overhead(args.calls),
    }
    if args.skip_local:
        out["local_model"] = {"skipped": "--skip-local"}
    elif not args.model.is_file():
        out["local_model"] = {"skipped": f"{args.model} not found (python -m connectors.llm.assemble)"}
    else:
        out["local_model"] = bench_local(args.model, args.runs, args.threads)
    out["machine"]["load_avg_1m_at_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(out, indent=2))
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.stdout.flush()
