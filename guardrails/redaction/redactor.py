"""The public facade: detect → merge → placeholders (with vault) → restore → output check."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Literal, Sequence

from guardrails.redaction import field as field_mod
from guardrails.redaction.addresses import find_addresses
from guardrails.redaction.health import find_health
from guardrails.redaction.identifiers import canonical_identifier, find_identifiers
from guardrails.redaction.language import segments
from guardrails.redaction.lexicons import Lexicons, load_lexicons
from guardrails.redaction.merge import merge_spans
from guardrails.redaction.names import NameLists, find_arabic_names, find_latin_names, propagate_names, recase
from guardrails.redaction.normalise import Normalised, keep_alef_maqsura, normalise, normalise_value
from guardrails.redaction.restore import Restorer, RestoreResult, StreamRestorer
from guardrails.redaction.vault import Vault
from guardrails.types import KnownValue, RedactedText, Span, _make_redacted

log = logging.getLogger(__name__)

NEUTRAL_TOKEN = "[REDACTED]"
SPECIAL_TYPES = field_mod.SPECIAL_TYPES
LangArg = Literal["auto", "en", "ar"]
_PLACEHOLDER_IN_TEXT = re.compile(r"<[A-Z_]+_\d+>|\[REDACTED\]")


@dataclass(frozen=True, slots=True)
class OutputCheck:
    """The answer after the output check: foreign personal data masked, placeholders resolved."""

    text: str
    masked: int
    counts: dict[str, int] = field(default_factory=dict)
    restored: int = 0
    invented: int = 0


class Redactor:
    """Loads models once; `detect`, `redact`, `restore`, `check_output` are then cheap and thread-safe."""

    def __init__(self, *, ner: bool = True, model: str | None = None) -> None:
        t0 = time.perf_counter()
        self._ner = None
        lookups = None
        if ner:
            from guardrails.redaction.ner import MODEL, PresidioNer

            self._ner = PresidioNer(model=model or MODEL)
            lookups = self._ner.lookups
        if lookups is None:
            lookups = _spacy_lookups(model)
        self.lex: Lexicons = load_lexicons(lookups)
        self._lock = threading.Lock()
        self.load_ms = (time.perf_counter() - t0) * 1000
        log.info("redactor ready", extra={"ner": ner, "ms": round(self.load_ms)})

    # ---------------------------------------------------------------- detection
    def _detect_normalised(self, norm: Normalised, known: Sequence[KnownValue], lang: LangArg,
                           contacts: Iterable[str], clinic: bool = False, norm_source: str | None = None) -> list[Span]:
        text = norm.text
        # Values (known values, numbers, addresses, health terms) may be wrapped over lines: those
        # layers see line breaks as spaces (same length, same offsets); the name layers and the NER
        # windows see the lines, for their line-based cues.
        flat = text.replace("\n", " ") if "\n" in text else text
        folded = _fold_case(flat)
        timings: dict[str, float] = {}
        t = time.perf_counter()
        spans: list[Span] = field_mod.find_known(folded, tuple(known)) if known else []
        timings["field"] = time.perf_counter() - t
        t = time.perf_counter()
        spans += find_identifiers(flat)
        spans += find_addresses(flat)
        if clinic:
            spans += find_health(folded)
        timings["identifier"] = time.perf_counter() - t
        t = time.perf_counter()
        extra = set()
        for kv in known:
            if field_mod.span_type(kv) == "PERSON":
                extra.update(w for w in normalise_value(kv.value).split() if len(w) > 1)
        for name in contacts:
            extra.update(w for w in normalise_value(name).split() if len(w) > 1)
        lists = NameLists(self.lex, frozenset(extra))
        has_arabic = any("\u0600" <= c <= "\u06ff" for c in text)
        has_latin = any("a" <= c <= "z" for c in folded)
        cased = recase(text, self.lex) if has_latin else text  # undo random letter case; same offsets
        raw = keep_alef_maqsura(norm, norm_source) if (has_arabic and norm_source is not None) else None
        if has_arabic:
            spans += find_arabic_names(text, lists, raw)
        if has_latin:
            spans += find_latin_names(cased, lists)
        timings["gazetteer"] = time.perf_counter() - t
        t = time.perf_counter()
        if self._ner is not None and has_latin and lang != "ar":
            spans += self._ner_spans(cased, spans, lang)
        timings["ner"] = time.perf_counter() - t
        merged = merge_spans(spans, special_types=SPECIAL_TYPES, text=text)
        more = propagate_names(cased, merged, self.lex, raw)
        if more:
            merged = merge_spans(merged + more, special_types=SPECIAL_TYPES, text=text)
        log.debug("detect", extra={"spans": len(merged), **{f"{k}_ms": round(v * 1000, 2) for k, v in timings.items()}})
        return merged

    def _ner_spans(self, text: str, spans: list[Span], lang: LangArg) -> list[Span]:
        from guardrails.redaction.ner import ner_windows, spans_from_ner

        covered = [(s.start, s.end) for s in spans]
        mid: list[tuple[int, int]] = []
        windows = ner_windows(text, covered, self.lex, mid)
        if lang == "auto" and windows:
            latin = [(s.start, s.end) for s in segments(text) if s.lang in ("en", "mixed")]
            windows = [w for w in windows if any(a < w[1] and w[0] < b for a, b in latin)]
        if not windows:
            return []
        results = self._ner.analyze_windows([text[a:b] for a, b in windows])
        return spans_from_ner(text, windows, results, self.lex, mid)

    def detect(self, text: str, *, known: Sequence[KnownValue] = (), lang: LangArg = "auto",
               contacts: Iterable[str] = (), clinic: bool = False) -> list[Span]:
        """Personal-data spans of `text` (original offsets), merged and non-overlapping.

        known: the values of the records in the request (field-aware); contacts: extra names for
        the gazetteer (the tenant's contacts); clinic: also detect health content (special category).
        """
        if not text:
            return []
        norm = normalise(text)
        out: list[Span] = []
        for sp in self._detect_normalised(norm, list(known), lang, contacts, clinic, norm_source=text):
            s, e = norm.to_original(sp.start, sp.end)
            out.append(Span(s, e, sp.type, sp.source, sp.score))
        return out

    # ---------------------------------------------------------------- redaction
    def redact(self, text: str, *, vault: Vault, known: Sequence[KnownValue] = (), lang: LangArg = "auto",
               allow_special: bool = False, contacts: Iterable[str] = (), clinic: bool = False) -> RedactedText:
        """Replace personal data by stable placeholders (special-category data by a neutral token)."""
        return self.redact_with_spans(text, vault=vault, known=known, lang=lang, allow_special=allow_special,
                                      contacts=contacts, clinic=clinic)[0]

    def redact_with_spans(self, text: str, *, vault: Vault, known: Sequence[KnownValue] = (),
                          lang: LangArg = "auto", allow_special: bool = False, contacts: Iterable[str] = (),
                          clinic: bool = False) -> tuple[RedactedText, list[Span]]:
        """`redact`, also returning the spans it replaced (original offsets; residue spans excluded)."""
        t0 = time.perf_counter()
        spans = self.detect(text, known=known, lang=lang, contacts=contacts, clinic=clinic)
        out, counts = self._apply(text, spans, vault, allow_special)
        # Residue check: the outgoing text must not contain any known value in any formatting.
        residue = 0
        if known:
            for _ in range(2):
                left = self._residue(out, known)
                if not left:
                    break
                residue += len(left)
                out, more = self._apply(out, merge_spans(left, special_types=SPECIAL_TYPES), vault, allow_special)
                counts.update(more)
        log.info("redact", extra={"spans": sum(counts.values()), "types": dict(counts), "residue": residue,
                                  "ms": round((time.perf_counter() - t0) * 1000, 2)})
        return _make_redacted(out, dict(counts)), spans

    @staticmethod
    def _residue(text: str, known: Sequence[KnownValue]) -> list[Span]:
        """Known values still in `text` (outside placeholders), in original offsets."""
        protected = [(m.start(), m.end()) for m in _PLACEHOLDER_IN_TEXT.finditer(text)]
        norm = normalise(text)
        folded = _fold_case(norm.text.replace("\n", " "))
        left = [Span(*norm.to_original(s.start, s.end), s.type, s.source)
                for s in field_mod.find_known(folded, tuple(known))]
        return [s for s in left if not any(a <= s.start and s.end <= b for a, b in protected)]

    def _apply(self, text: str, spans: list[Span], vault: Vault, allow_special: bool) -> tuple[str, Counter]:
        parts: list[str] = []
        counts: Counter = Counter()
        pos = 0
        for sp in spans:
            value = text[sp.start : sp.end]
            parts.append(text[pos : sp.start])
            if sp.type in SPECIAL_TYPES and not allow_special:
                parts.append(NEUTRAL_TOKEN)
            else:
                parts.append(vault.placeholder_for(value, sp.type, key=value_key(value, sp.type)))
            counts[sp.type] += 1
            pos = sp.end
        parts.append(text[pos:])
        return "".join(parts), counts

    # ---------------------------------------------------------------- restoration
    def restore(self, model_text: str, *, vault: Vault) -> RestoreResult:
        """Original values back in place of placeholders (also rewritten forms); invented ones removed."""
        res = Restorer(vault.mapping()).restore(model_text)
        log.info("restore", extra={"restored": res.restored, "invented": res.invented})
        return res

    def stream_restorer(self, vault: Vault) -> StreamRestorer:
        return StreamRestorer(Restorer(vault.mapping()))

    # ---------------------------------------------------------------- output check
    def check_output(self, text: str, *, vault: Vault, known: Sequence[KnownValue] = (),
                     lang: LangArg = "auto", contacts: Iterable[str] = ()) -> OutputCheck:
        """Mask personal data of anyone outside the request's records (and any raw placeholder)."""
        mapping = vault.mapping()
        res = Restorer(mapping).restore(text)
        text = res.text
        allowed: set[str] = set()
        name_tokens: set[str] = set()
        for v, t in [(kv.value, field_mod.span_type(kv)) for kv in known] + [(v, p.strip("<>").rsplit("_", 1)[0]) for p, v in mapping.items()]:
            allowed.add(value_key(v, t))
            allowed.add(normalise_value(v))
            if t == "PERSON":
                name_tokens.update(normalise_value(v).split())
        spans = self.detect(text, known=(), lang=lang, contacts=contacts)
        parts: list[str] = []
        counts: Counter = Counter()
        pos = 0
        for sp in spans:
            value = text[sp.start : sp.end]
            ok = value_key(value, sp.type) in allowed or normalise_value(value) in allowed
            if not ok and sp.type == "PERSON":
                ok = all(w in name_tokens for w in normalise_value(value).split())
            if not ok and any(value_key(value, sp.type) == value_key(v, sp.type) for v in allowed if sp.type != "PERSON"):
                ok = True
            if ok:
                continue
            parts.append(text[pos : sp.start])
            parts.append(f"[{sp.type}]")
            counts[sp.type] += 1
            pos = sp.end
        parts.append(text[pos:])
        masked = sum(counts.values())
        log.info("output check", extra={"masked": masked, "types": dict(counts), "invented": res.invented})
        return OutputCheck("".join(parts), masked, dict(counts), res.restored, res.invented)


def _fold_case(text: str) -> str:
    """Lower case with the same length (rare characters whose lower case is longer stay)."""
    folded = text.lower()
    if len(folded) != len(text):
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return folded


def _spacy_lookups(model: str | None) -> object | None:
    """The English lemma tables without the NER (for Redactor(ner=False))."""
    try:
        import spacy

        from guardrails.redaction.ner import MODEL

        nlp = spacy.load(model or MODEL, exclude=["tok2vec", "tagger", "parser", "ner", "attribute_ruler"])
        return nlp.get_pipe("lemmatizer").lookups
    except Exception:  # noqa: BLE001 - no model: name filtering works without the vocabulary, less precisely
        log.warning("spaCy lemma tables unavailable")
        return None


def value_key(value: str, entity_type: str) -> str:
    """The normalised lookup form of a value: same value in any formatting → same placeholder."""
    return canonical_identifier(value, entity_type) or normalise_value(value)
