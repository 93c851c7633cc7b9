"""Put the original values back into a model's answer, for the user only.

Exact placeholders first, longest first and regex-escaped; then the forms small models produce
(`[PERSON_1]`, `<person_1>`, `PERSON_1`, `< PERSON-1 >`, `&lt;PERSON_1&gt;`). A placeholder-shaped
token the vault does not know (the model invented it) is removed and counted, never shown raw.
`StreamRestorer` holds back only the tail that could still grow into a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

# Placeholder types the product issues, plus generic ones a model may invent.
KNOWN_TYPES = (
    "PERSON", "EMAIL", "PHONE", "IBAN", "CARD", "NATIONAL_ID", "ID_NUMBER", "ADDRESS", "LOCATION", "IP",
    "NAME", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "DATE_TIME", "ORGANIZATION", "URL", "SSN",
    "IBAN_CODE", "US_SSN", "NRP",
)
_OPEN = r"(?:<|&lt;|\[|\{|\(|«)"
_CLOSE = r"(?:>|&gt;|\]|\}|\)|»)"


@dataclass(frozen=True, slots=True)
class RestoreResult:
    text: str
    restored: int
    invented: int


def _types_alt(types: Iterable[str]) -> str:
    return "|".join(re.escape(t) for t in sorted(set(types), key=len, reverse=True))


def build_pattern(types: Iterable[str]) -> re.Pattern[str]:
    """Any placeholder form: bracketed (any bracket, spaces, _ or -), or bare TYPE_N."""
    alt = _types_alt(types)
    return re.compile(
        rf"{_OPEN}\s*(?P<t1>{alt})[ _\-]?(?P<n1>\d+)\s*{_CLOSE}?"
        rf"|(?<![A-Za-z0-9_])(?P<t2>{alt})[_\-](?P<n2>\d+)(?![A-Za-z0-9_])",
        re.IGNORECASE,
    )


class Restorer:
    """Restores placeholders from a vault mapping (placeholder → value)."""

    def __init__(self, mapping: dict[str, str], *, extra_types: Iterable[str] = ()) -> None:
        self.mapping = mapping
        types = set(KNOWN_TYPES) | set(extra_types)
        for ph in mapping:
            types.add(ph.strip("<>").rsplit("_", 1)[0])
        self.types = tuple(types)
        # exact forms, longest first, escaped: the fast and unambiguous path
        self._exact = (
            re.compile("|".join(re.escape(p) for p in sorted(mapping, key=len, reverse=True))) if mapping else None
        )
        self._loose = build_pattern(self.types)

    def restore(self, text: str) -> RestoreResult:
        restored = 0
        invented = 0

        def loose(m: re.Match[str]) -> str:
            nonlocal restored, invented
            t = (m.group("t1") or m.group("t2")).upper()
            n = m.group("n1") or m.group("n2")
            key = f"<{t}_{int(n)}>"
            if key in self.mapping:
                restored += 1
                chunks.append(self.mapping[key])
                return "\x00" + str(len(chunks) - 1) + "\x00"
            invented += 1
            return ""

        chunks: list[str] = []
        out = self._exact.sub(lambda m: _exact_sub(m, self.mapping, chunks), text) if self._exact else text
        restored = len(chunks)
        out = self._loose.sub(loose, out)
        # values are spliced in last so that a value can never be re-read as a placeholder
        out = re.sub(r"\x00(\d+)\x00", lambda m: chunks[int(m.group(1))], out)
        # No whitespace tidying after a removal: it would depend on chunk borders when streaming.
        return RestoreResult(out, restored, invented)


def _exact_sub(m: re.Match[str], mapping: dict[str, str], chunks: list[str]) -> str:
    chunks.append(mapping[m.group()])
    return "\x00" + str(len(chunks) - 1) + "\x00"


def could_start_placeholder(tail: str, types: Iterable[str]) -> bool:
    """True when `tail` (text from some position to the end of the buffer) may grow into a placeholder."""
    if not tail:
        return False
    i = 0
    opened = False
    for opener in ("&lt;", "<", "[", "{", "(", "«"):
        if tail.startswith(opener):
            i, opened = len(opener), True
            break
        if opener.startswith(tail):  # "&", "&l", "&lt"
            return True
    rest = tail[i:].lstrip(" \t") if opened else tail[i:]
    if not rest:
        return opened
    up = rest.upper()
    for t in types:
        if t.startswith(up):
            return True  # a partial type name
        if not up.startswith(t):
            continue
        r = rest[len(t) :]
        if not r:
            return True
        if r[0] in "_- ":
            if r[0] == " " and not opened:
                continue
            r = r[1:]
        if not r:
            return True
        digits = len(r) - len(r.lstrip("0123456789"))
        if digits == len(r):
            return True  # more digits or a closing bracket may follow
        if opened and digits and r[digits:].strip(" \t") == "":
            return True
        if opened and digits and r[digits:].lstrip(" \t") in ("&", "&g", "&gt"):
            return True
    return False


class StreamRestorer:
    """Restores a streamed answer chunk by chunk; a placeholder split across chunks comes out whole."""

    MAX_HOLD = 48

    def __init__(self, restorer: Restorer) -> None:
        self._restorer = restorer
        self._buf = ""
        self._prev = ""  # last character emitted: decides word boundaries for bare forms
        self.restored = 0
        self.invented = 0

    def _emit(self, text: str) -> str:
        if not text:
            return ""
        # A one-character left context keeps bare-form boundaries right across chunk edges.
        ctx = self._prev if self._prev and (self._prev.isalnum() or self._prev == "_") else ""
        res = self._restorer.restore(ctx + text)
        self.restored += res.restored
        self.invented += res.invented
        out = res.text[len(ctx) :] if ctx and res.text.startswith(ctx) else res.text
        self._prev = text[-1]
        return out

    def feed(self, chunk: str) -> str:
        self._buf += chunk
        hold = len(self._buf)
        start = max(0, len(self._buf) - self.MAX_HOLD)
        for i in range(start, len(self._buf)):
            ch = self._buf[i]
            if ch in "<[{(&«" or ch.isalpha():
                if ch.isalpha() and i > 0 and (self._buf[i - 1].isalnum() or self._buf[i - 1] == "_"):
                    continue  # inside a word: a bare placeholder cannot start here
                if ch.isalpha() and i == 0 and self._prev and (self._prev.isalnum() or self._prev == "_"):
                    continue
                if could_start_placeholder(self._buf[i:], self._restorer.types):
                    hold = i
                    break
        out, self._buf = self._buf[:hold], self._buf[hold:]
        return self._emit(out)

    def flush(self) -> str:
        out, self._buf = self._buf, ""
        return self._emit(out)
