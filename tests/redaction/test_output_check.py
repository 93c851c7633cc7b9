"""Output check: personal data of anyone outside the request's records is masked; CLI contract."""

from __future__ import annotations

import io
import json

from guardrails.redaction import cli
from guardrails.types import KnownValue


def test_output_check_masks_foreign_personal_data(redactor, vault):
    known = [KnownValue("Layla Haddad", "PERSON"), KnownValue("+966501234567", "PHONE")]
    redactor.redact("Layla Haddad +966501234567", vault=vault, known=known)
    answer = ("Layla Haddad can be reached on +966 50 123 4567. "
              "Also contact Jonathan Whitfield at jonathan.whitfield@example.org or 0559876543.")
    checked = redactor.check_output(answer, vault=vault, known=known)
    assert "Layla Haddad" in checked.text and "+966 50 123 4567" in checked.text
    for foreign in ("Whitfield", "jonathan.whitfield@example.org", "0559876543"):
        assert foreign not in checked.text
    assert checked.masked >= 3


def test_output_check_removes_raw_placeholders(redactor, vault):
    checked = redactor.check_output("Send it to <PERSON_4> today.", vault=vault)
    assert "PERSON_4" not in checked.text and checked.invented == 1


def test_cli_single_text(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("Call Layla on +966501234567"))
    assert cli.main(["redact", "--lang", "en"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "+966501234567" not in out["redacted"]
    assert {"type": "PHONE", "start": 14, "end": 27, "source": "identifier"} in out["spans"]


def test_cli_jsonl(monkeypatch, capsys):
    lines = [json.dumps({"text": "mail a.b@example.com"}), json.dumps({"text": "رقم ٠٥٠١٢٣٤٥٦٧"}), "not json"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert cli.main(["--jsonl"]) == 2
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows[0]["redacted"] == "mail <EMAIL_1>"
    assert rows[1]["redacted"] == "رقم <PHONE_1>"
    assert "error" in rows[2]
