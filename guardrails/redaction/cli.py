"""`lua-assistant redact [--lang auto|en|ar] [--jsonl]`: try the redaction by hand.

Reads text on stdin and prints `{"redacted": ..., "spans": [{"type","start","end","source"}]}`;
with --jsonl reads one `{"text": ...}` object per line and writes one result per line, with the
models loaded once. Placeholders come from a throw-away in-memory vault.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from guardrails.redaction.redactor import Redactor
from guardrails.redaction.vault import InMemoryVaultStore, Vault


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lua-assistant redact", description="Redact personal data from stdin.")
    p.add_argument("--lang", choices=("auto", "en", "ar"), default="auto")
    p.add_argument("--jsonl", action="store_true", help='one {"text": ...} object per input line')
    return p


def _result(redactor: Redactor, text: str, lang: str, vault: Vault) -> dict:
    red, spans = redactor.redact_with_spans(text, vault=vault, lang=lang)  # type: ignore[arg-type]
    return {
        "redacted": red.text,
        "spans": [{"type": s.type, "start": s.start, "end": s.end, "source": s.source} for s in spans],
    }


def main(argv: list[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in[:1] == ["redact"]:
        args_in = args_in[1:]
    args = _parser().parse_args(args_in)
    redactor = Redactor()
    vault = Vault(tenant_id=0, conversation_id="cli", store=InMemoryVaultStore(), key=os.urandom(32))
    if not args.jsonl:
        print(json.dumps(_result(redactor, sys.stdin.read(), args.lang, vault), ensure_ascii=False))
        return 0
    status = 0
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            text = json.loads(line)["text"]
            if not isinstance(text, str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            print(json.dumps({"error": f"line {n}: expected a JSON object with a string 'text'"}), flush=True)
            status = 2
            continue
        print(json.dumps(_result(redactor, text, args.lang, vault), ensure_ascii=False), flush=True)
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
