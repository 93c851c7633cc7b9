"""The injection pattern families assembled behind their literal gates, and matched over a text's
views: `_instruction_families(text)` names the families a text matches (cached).
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import Iterable

from guardrails.injection_generated import _GENERATED
from guardrails.injection_patterns import _ADDRESS, _EXFIL, _GATES, _LEAK, _OUTPUT, _OVERRIDE, _PERSONA, _STRUCTURE
from guardrails.injection_views import _BLOB, _decoded_payloads, _dehyphenated, _joined_lines, _leet, fold
from guardrails.injection_words import _AR, _MULTI

def _literal_gate(pattern: str) -> tuple[str, ...] | None:
    """Literal prefixes one of which any match of `pattern` must contain (None when the pattern
    does not start with a group of literals). Checking them with `in` (C speed) before running the
    regex keeps the cost per note low: most notes hold none of a pattern's leading words."""
    rest = pattern
    while True:
        if rest.startswith(r"\b"):
            rest = rest[2:]
        elif rest.startswith(("(?<!", "(?<=")):
            rest = rest[rest.index(")") + 1:]
        else:
            break
    meta = set("\\()[]{}?*+|.^$")
    depth = 0
    for i, ch in enumerate(pattern):  # an alternation at the top level: no single leading group
        if pattern[i - 1:i] == "\\":
            continue
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            return None

    def literal(alt: str) -> str:
        i = 0
        while i < len(alt) and alt[i] not in meta:
            i += 1
        lit = alt[:i]
        if i < len(alt) and alt[i] in "?*{":
            lit = lit[:-1]  # the quantifier makes the last character optional
        return lit

    if not rest.startswith("(?:"):
        lit = literal(rest)
        return (lit,) if lit.strip() else None
    depth, alts, start = 0, [], 3
    for i in range(3, len(rest)):
        ch = rest[i]
        if ch == "\\":
            continue
        if ch == "(" and rest[i - 1] != "\\":
            depth += 1
        elif ch == ")" and rest[i - 1] != "\\":
            if depth == 0:
                alts.append(rest[start:i])
                if i + 1 < len(rest) and rest[i + 1] in "?*{":
                    return None
                break
            depth -= 1
        elif ch == "|" and depth == 0 and rest[i - 1] != "\\":
            alts.append(rest[start:i])
            start = i + 1
    else:
        return None
    lits = tuple(literal(a) for a in alts)
    return lits if all(lit.strip() for lit in lits) else None


class _Gated:
    """A compiled pattern behind its literal gate."""

    __slots__ = ("rx", "gate")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx, self.gate = rx, _GATES.get(rx.pattern) or _literal_gate(rx.pattern)

    def search(self, text: str) -> bool:
        if self.gate is not None and not any(g in text for g in self.gate):
            return False
        return self.rx.search(text) is not None


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_FAMILIES: tuple[tuple[str, list[_Gated]], ...] = tuple(
    (name, [_Gated(p) for p in pats]) for name, pats in (
        ("address", _ADDRESS), ("override", _OVERRIDE), ("leak", _LEAK), ("exfil", _EXFIL), ("output", _OUTPUT),
        ("persona", _PERSONA), ("structure", _STRUCTURE), ("generated", _GENERATED), ("multilingual", _MULTI),
        ("arabic", _AR)))
# Families strong enough to run on the rot13 view (which is gibberish for ordinary text).
_ROT_FAMILIES = (("rot13", [_Gated(_OVERRIDE[0]), _Gated(_LEAK[0]), _Gated(_PERSONA[0])]),)


def _families(view: str, families: Iterable[tuple[str, list[_Gated]]] = _FAMILIES) -> list[str]:
    arabic = _ARABIC_LETTER.search(view) is not None
    return [name for name, patterns in families
            if (arabic or name != "arabic") and any(p.search(view) for p in patterns)]


@lru_cache(maxsize=8192)
def _instruction_families(text: str) -> tuple[str, ...]:
    """Families matched by `text` in any of its views (cached: the same notes are scanned on every request)."""
    folded = fold(text)
    found = _families(folded)
    if found:
        return tuple(found)
    for view in (_leet(folded), _joined_lines(folded), _dehyphenated(folded)):
        if view and (found := _families(view)):
            return tuple(f"{f}+obfuscated" for f in found)
    if _BLOB.search(folded):
        return ("override+obfuscated",)
    if re.search(r"[a-z]{4}", folded) and _families(codecs.encode(folded, "rot13"), _ROT_FAMILIES):
        return ("rot13",)
    for decoded in _decoded_payloads(text):
        if _families(fold(decoded)):
            return ("base64",)
    return ()


def _instruction(sentence: str) -> bool:
    return bool(_instruction_families(sentence))
