"""`EgressGuard`: the one exit to model providers.

Order of a call: the prompt must be `RedactedText` (TypeError otherwise) → the tenant policy picks the
one provider allowed (refusal otherwise; never another provider or region) → the circuit breaker → the
provider's no-training/no-retention parameters are added over anything the caller set → bounded
retries with backoff for retryable faults → a `ModelCallRecord` for every outcome, handed to `on_record`.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from connectors.llm.base import ChatModel, ModelParams, ModelReply
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
from guardrails.egress.errors import (
    EgressError,
    EgressRefused,
    ProviderBadResponse,
    ProviderError,
    ProviderRejected,
    ProviderStreamBroken,
    ProviderTimeout,
    ProviderUnavailable,
)
from guardrails.egress.prompt import PromptLike, RedactedPrompt, as_prompt
from guardrails.egress.providers import (
    ProviderConfig,
    ProviderRegistry,
    TenantLLMPolicy,
    select_provider,
)
from guardrails.egress.records import ModelCallRecord, new_receipt_id, redacted_messages
from guardrails.egress.resilience import CircuitBreaker, CircuitOpen, RetryPolicy

log = logging.getLogger("guardrails.egress")

ModelFactory = Callable[[ProviderConfig], ChatModel]
RecordSink = Callable[[ModelCallRecord], None]


@dataclass(frozen=True)
class EgressReply:
    text: str
    record: ModelCallRecord

    @property
    def receipt_id(self) -> str:
        return self.record.receipt_id


@dataclass
class _Call:
    """Everything known about one call while it runs; becomes the record at the end."""

    receipt_id: str
    policy: TenantLLMPolicy
    purpose: str
    request_id: str | None
    prompt: RedactedPrompt
    started: float
    provider: ProviderConfig | None = None
    params: Mapping[str, Any] | None = None
    attempts: int = 0
    probe: bool = False  # this call is the circuit breaker's half-open probe
    record: ModelCallRecord | None = None


class EgressStream:
    """Text chunks of a streamed reply. `receipt_id` is known at once; `record` once the stream ends."""

    def __init__(self, guard: "EgressGuard", call: _Call, breaker: CircuitBreaker,
                 chunks: Iterator[str]) -> None:
        self.receipt_id = call.receipt_id
        self._guard = guard
        self._call = call
        self._breaker = breaker
        self._chunks = chunks

    @property
    def record(self) -> ModelCallRecord | None:
        return self._call.record

    def __iter__(self) -> Iterator[str]:
        return self._chunks

    def close(self) -> None:
        """Stop the stream; one never started is recorded as cancelled and frees its breaker probe."""
        if self._call.attempts == 0 and self._call.record is None:
            if self._call.probe:
                self._breaker.release_probe()
            self._guard._record(self._call, outcome="ok", streamed=True, cancelled=True)
        self._chunks.close()  # type: ignore[attr-defined]

    def __del__(self) -> None:
        if self._call.attempts == 0 and self._call.record is None and self._call.probe:
            self._breaker.release_probe()  # a dropped, never-read stream must not jam the circuit


_OUTCOME = {
    ModelTimeout: "timeout",
    ModelUnavailable: "unavailable",
    ModelRequestRejected: "rejected",
    ModelBadResponse: "bad_response",
    ModelStreamBroken: "stream_broken",
    ModelNotInstalled: "unavailable",
}


class EgressGuard:
    """The single guarded path to every model provider."""

    def __init__(
        self,
        *,
        registry: ProviderRegistry,
        model_factory: ModelFactory,
        retry: RetryPolicy = RetryPolicy(),
        breaker_failure_threshold: int = 5,
        breaker_reset_after_s: float = 30.0,
        on_record: RecordSink | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.registry = registry
        self._model_factory = model_factory
        self.retry = retry
        self._breaker_threshold = breaker_failure_threshold
        self._breaker_reset = breaker_reset_after_s
        self._on_record = on_record
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._models: dict[str, ChatModel] = {}
        self._breakers: dict[str, CircuitBreaker] = {}

    # ---- lookups

    def breaker(self, provider_name: str) -> CircuitBreaker:
        with self._lock:
            b = self._breakers.get(provider_name)
            if b is None:
                b = CircuitBreaker(
                    failure_threshold=self._breaker_threshold,
                    reset_after_s=self._breaker_reset,
                    clock=self._clock,
                )
                self._breakers[provider_name] = b
            return b

    def model_for(self, provider: ProviderConfig) -> ChatModel:
        with self._lock:
            model = self._models.get(provider.name)
            if model is None:
                model = self._model_factory(provider)
                self._models[provider.name] = model
            return model

    def provider_for(self, tenant_policy: TenantLLMPolicy) -> ProviderConfig:
        """The provider this tenant's calls go to (raises `NoCompliantProvider`)."""
        return select_provider(self.registry, tenant_policy)

    # ---- the call

    def call(
        self,
        prompt: PromptLike,
        *,
        tenant_policy: TenantLLMPolicy,
        purpose: str,
        json_schema: Mapping[str, Any] | None = None,
        stream: bool = False,
        request_id: str | None = None,
        params: ModelParams | None = None,
    ) -> EgressReply | EgressStream:
        """Send a redacted prompt to the tenant's provider; `EgressReply`, or `EgressStream` if `stream`."""
        redacted = as_prompt(prompt)  # TypeError for anything not redacted, before anything else
        call = _Call(
            receipt_id=new_receipt_id(),
            policy=tenant_policy,
            purpose=purpose,
            request_id=request_id,
            prompt=redacted,
            started=self._clock(),
        )
        try:
            provider = select_provider(self.registry, tenant_policy)
        except EgressRefused as exc:
            self._fail(call, exc, outcome="refused", policy_id=exc.policy_id)
        call.provider = provider
        sent = self._params(provider, params)
        call.params = sent.as_sent()
        model = self.model_for(provider)
        breaker = self.breaker(provider.name)
        missing = self._missing_capability(model, stream=stream, json_schema=json_schema)
        if missing:
            exc = ProviderRejected(f"model provider '{provider.name}' does not support {missing}",
                                   provider=provider.name)
            self._fail(call, exc, outcome="rejected")
        self._admit(call, breaker)
        if stream:
            return EgressStream(self, call, breaker, self._stream(call, model, breaker, sent, json_schema))
        return self._invoke(call, model, breaker, sent, json_schema)

    @staticmethod
    def _missing_capability(model: ChatModel, *, stream: bool, json_schema: Any) -> str | None:
        caps = model.capabilities
        if stream and not caps.streaming:
            return "streaming"
        if json_schema is not None and not caps.json_schema:
            return "JSON schema output"
        return None

    def _params(self, provider: ProviderConfig, params: ModelParams | None) -> ModelParams:
        base = params or ModelParams(max_tokens=provider.max_tokens)
        if base.timeout_s is None or base.max_tokens is None:
            base = ModelParams(
                temperature=base.temperature,
                max_tokens=base.max_tokens if base.max_tokens is not None else provider.max_tokens,
                timeout_s=base.timeout_s if base.timeout_s is not None else provider.timeout_s,
                stop=base.stop,
                seed=base.seed,
                extra=base.extra,
            )
        # the provider's no-training parameters win over anything the caller put in `extra`
        return base.with_extra(provider.no_training_params)

    def _admit(self, call: _Call, breaker: CircuitBreaker) -> None:
        try:
            call.probe = breaker.before_call()
        except CircuitOpen as open_:
            assert call.provider is not None
            exc = ProviderUnavailable(
                f"model provider '{call.provider.name}' is unavailable (circuit open after repeated "
                f"failures); retry in {open_.retry_after_s:.0f} s",
                provider=call.provider.name,
                retry_after_s=open_.retry_after_s,
            )
            self._fail(call, exc, outcome="circuit_open")

    def _invoke(
        self,
        call: _Call,
        model: ChatModel,
        breaker: CircuitBreaker,
        params: ModelParams,
        json_schema: Mapping[str, Any] | None,
    ) -> EgressReply:
        messages = call.prompt.to_chat_messages()
        while True:
            call.attempts += 1
            try:
                reply = model.invoke(messages, params=params, json_schema=json_schema)
            except ModelError as err:
                self._after_fault(call, breaker, err, streamed=False)
                continue
            except (EgressError, RealRequestsBlocked):
                raise
            except Exception as err:  # an unexpected fault in a connector: fail closed, say nothing of it
                breaker.record_failure()
                self._fail(call, self._unexpected(call, err), outcome="error")
            breaker.record_success()
            record = self._record(call, outcome="ok", reply=reply)
            return EgressReply(text=reply.text, record=record)

    def _stream(
        self,
        call: _Call,
        model: ChatModel,
        breaker: CircuitBreaker,
        params: ModelParams,
        json_schema: Mapping[str, Any] | None,
    ) -> Iterator[str]:
        messages = call.prompt.to_chat_messages()
        while True:  # retries only until the first chunk arrives
            call.attempts += 1
            chunks = None
            try:
                chunks = model.stream(messages, params=params, json_schema=json_schema)
                first = next(chunks, None)
            except ModelError as err:
                _close(chunks)
                self._after_fault(call, breaker, err, streamed=True)
                continue
            except RealRequestsBlocked:
                raise
            except Exception as err:
                _close(chunks)
                breaker.record_failure()
                self._fail(call, self._unexpected(call, err), outcome="error", streamed=True)
            break
        sent = 0
        completed = False
        try:
            if first is not None:
                sent += 1
                yield first
            for chunk in chunks:
                sent += 1
                yield chunk
            completed = True
        except ModelError as err:
            breaker.record_failure()
            assert call.provider is not None
            exc = ProviderStreamBroken(
                f"the stream from model provider '{call.provider.name}' broke after {sent} chunks "
                f"({err.kind}); the answer is incomplete",
                provider=call.provider.name,
            )
            self._fail(call, exc, outcome="stream_broken", streamed=True)
        except GeneratorExit:
            _close(chunks)
            breaker.record_success()
            self._record(call, outcome="ok", streamed=True, stream_obj=chunks, cancelled=True)
            raise
        except RealRequestsBlocked:
            raise
        except Exception as err:
            breaker.record_failure()
            self._fail(call, self._unexpected(call, err), outcome="error", streamed=True)
        if completed:
            breaker.record_success()
            self._record(call, outcome="ok", streamed=True, stream_obj=chunks)

    # ---- faults and records

    def _after_fault(self, call: _Call, breaker: CircuitBreaker, err: ModelError, *, streamed: bool) -> None:
        """Count the fault; return to retry, or raise the user-facing error."""
        assert call.provider is not None
        if isinstance(err, ModelRequestRejected):
            if call.probe:  # says nothing about the provider's health
                breaker.release_probe()
        else:
            breaker.record_failure()
        elapsed = self._clock() - call.started
        budget = self.retry.total_budget_s
        if err.retryable and call.attempts < self.retry.max_attempts:
            delay = self.retry.delay(call.attempts)
            if budget is None or elapsed + delay < budget:
                log.warning(
                    "model call retry provider=%s purpose=%s attempt=%d fault=%s delay_s=%.3f",
                    call.provider.name, call.purpose, call.attempts, err.kind, delay,
                )
                self._sleep(delay)
                try:
                    call.probe = breaker.before_call()
                except CircuitOpen:
                    self._admit(call, breaker)  # raises the circuit-open error with a record
                return
        self._fail(call, self._translate(call, err), outcome=_outcome(err), streamed=streamed)

    def _translate(self, call: _Call, err: ModelError) -> ProviderError:
        assert call.provider is not None
        name = call.provider.name
        tries = f"after {call.attempts} attempt{'s' if call.attempts != 1 else ''}"
        if isinstance(err, ModelTimeout):
            return ProviderTimeout(f"model provider '{name}' timed out {tries}", provider=name)
        if isinstance(err, ModelUnavailable):
            status = f" (HTTP {err.status})" if err.status else ""
            return ProviderUnavailable(
                f"model provider '{name}' is unavailable{status} {tries}", provider=name
            )
        if isinstance(err, ModelRequestRejected):
            status = f" (HTTP {err.status})" if err.status else ""
            return ProviderRejected(f"model provider '{name}' rejected the request{status}", provider=name)
        if isinstance(err, ModelNotInstalled):
            return ProviderUnavailable(f"model provider '{name}' is not installed: {err}", provider=name)
        if isinstance(err, ModelBadResponse):
            return ProviderBadResponse(f"model provider '{name}' returned a malformed response", provider=name)
        if isinstance(err, ModelStreamBroken):
            return ProviderStreamBroken(
                f"the stream from model provider '{name}' broke; the answer is incomplete", provider=name
            )
        return ProviderError(f"model provider '{name}' failed {tries}", provider=name)

    def _unexpected(self, call: _Call, err: Exception) -> ProviderError:
        name = call.provider.name if call.provider else "?"
        log.error("model call unexpected fault provider=%s purpose=%s type=%s", name, call.purpose,
                  type(err).__name__)
        return ProviderError(f"model provider '{name}' failed unexpectedly", provider=name)

    def _fail(
        self,
        call: _Call,
        exc: EgressError,
        *,
        outcome: str,
        policy_id: str | None = None,
        streamed: bool = False,
    ) -> None:
        exc.record = self._record(
            call, outcome=outcome, error_code=exc.code, policy_id=policy_id, streamed=streamed
        )
        raise exc from None  # never chain provider exceptions: their text may echo the prompt

    def _record(
        self,
        call: _Call,
        *,
        outcome: str,
        reply: ModelReply | None = None,
        error_code: str | None = None,
        policy_id: str | None = None,
        streamed: bool = False,
        stream_obj: Any = None,
        cancelled: bool = False,
    ) -> ModelCallRecord:
        provider = call.provider
        tokens_in = reply.tokens_in if reply else getattr(stream_obj, "tokens_in", 0)
        tokens_out = reply.tokens_out if reply else getattr(stream_obj, "tokens_out", 0)
        model_name = (reply.model if reply else getattr(stream_obj, "model", None)) or (
            provider.model if provider else ""
        )
        record = ModelCallRecord(
            receipt_id=call.receipt_id,
            tenant_id=call.policy.tenant_id,
            request_id=call.request_id,
            purpose=call.purpose,
            provider=provider.name if provider else (call.policy.provider or self.registry.default),
            model=model_name,
            region=provider.region if provider else "",
            params_sent=dict(call.params or {}),
            prompt_sha256=call.prompt.sha256,
            prompt_chars=call.prompt.chars,
            prompt_redacted=redacted_messages(call.prompt),
            redaction_counts=call.prompt.redaction_counts,
            tokens_in=tokens_in or 0,
            tokens_out=tokens_out or 0,
            latency_ms=round((self._clock() - call.started) * 1000.0, 3),
            attempts=call.attempts,
            outcome="cancelled" if cancelled else outcome,
            error_code=error_code,
            policy_id=policy_id,
            streamed=streamed,
        )
        call.record = record
        log.info(
            "model call provider=%s model=%s region=%s purpose=%s outcome=%s attempts=%d "
            "tokens_in=%d tokens_out=%d latency_ms=%.1f receipt=%s",
            record.provider, record.model, record.region, record.purpose, record.outcome,
            record.attempts, record.tokens_in, record.tokens_out, record.latency_ms, record.receipt_id,
        )
        if self._on_record is not None:
            self._on_record(record)
        return record


def _close(chunks: Any) -> None:
    close = getattr(chunks, "close", None)
    if close is not None:
        close()


def _outcome(err: ModelError) -> str:
    for cls, outcome in _OUTCOME.items():
        if isinstance(err, cls):
            return outcome
    return "error"
