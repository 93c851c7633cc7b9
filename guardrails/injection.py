"""Prompt-injection handling for CRM text: CRM notes are data, never instructions.

`scan(text)` flags notes that carry instructions to a model (English, Arabic and the commonest
phrasings in a few other languages), hidden text (invisible characters, HTML comments, markup that
hides text, chat-template tokens) and markdown images or links that would exfiltrate data.
`neutralise(text)` returns a copy that keeps the note's business content readable while defusing
those parts; `defuse` is what may enter a prompt. `strip_foreign_links` removes, from a model's
answer, every link or image whose address did not come from the CRM.

How it generalises — by attack *family*, never by attack string:

1. Views. The note is normalised once with the redactor's normaliser (NFKC, invisible characters,
   tatweel and Arabic marks removed, Arabic letter variants and Persian look-alikes folded, Latin
   accents stripped, case folded); Cyrillic/Greek look-alikes inside Latin words are mapped back;
   spaced-out letters are joined. Extra views are made only when their trigger is present:
   leetspeak (a word mixing letters and digits), one word per line (an instruction split over
   lines), rot13 (checked with the strongest families only), base64 runs (decoded and re-scanned).
2. Families of patterns, each the conjunction of what makes a sentence an instruction *to the AI*
   rather than a business instruction to a colleague: a directed address of a model ("the
   assistant reading this should…", "Note for any automated summariser", "أيها المساعد",
   "يرجى من النموذج", vocatives in several languages); override verb + a control target
   (instructions, rules, prompt — never "the previous price"); a leak verb + a model-only target
   (system prompt, your context, other customers' data); an exfiltration channel (data object +
   outside address, a URL whose query carries personal data, a changed or copied recipient);
   output control (your answer must…, start your reply with…); persona switches; fake structure
   (role tags, end-of-data markers, chat-template tokens); precedence claims; *generated output*
   named as such ("the generated text must end with…", "any recap produced from these minutes",
   "the drafting tool is expected to…") and claims a summary must make when no human audience is
   named ("the account summary should state that…" — "the summary for the board…" is business);
   the same structures in Arabic (MSA, Gulf) and, from a word table, override, claim and
   exfiltration phrasings in about twenty other languages. Latin words spelled with Cyrillic,
   Greek or Armenian letters are a reason of their own (`homoglyphs`).
3. A learned sentence classifier (guardrails.injection_model, on by default, `set_classifier`)
   scores each sentence of a note nothing else flagged; its hits are withheld sentence by sentence
   (reason `semantic`), the rest of the note kept. The older kNN `SemanticLayer`
   (`set_semantic_layer`) stays off: it is the eval's baseline.

False positives matter as much as misses: a flagged note is withheld from the model, so the
families require an AI-only element (an addressed model, a control target, a model-only output),
and business imperatives ("send the quote to the client", "ignore the previous price", "don't tell
the customer our floor price") match none. Measured by `python -m evals.assistant.run`.
The prompt itself also fences CRM text inside <crm_data>; this module is the second layer.

Modules: injection_views (normalisation, `fold`, extra views), injection_patterns (English
families), injection_generated (the `generated` family), injection_words (Arabic and other
languages), injection_families (gates, assembly, matching), injection_semantic (kNN layer),
injection_model (the classifier); this one holds the verdict, `scan`, `defuse` and the hooks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

# The detector lives in modules named for what they hold; this one keeps the verdict, scan,
# defuse and the hooks. Private names that callers and tests use are re-exported here.
from guardrails.injection_families import _FAMILIES, _instruction, _instruction_families  # noqa: F401
from guardrails.injection_patterns import _GATES  # noqa: F401
from guardrails.injection_semantic import SemanticLayer  # noqa: F401
from guardrails.injection_views import (  # noqa: F401
    _BIDI_OVERRIDE,
    _INVISIBLE,
    _MIXED_SCRIPT,
    _TAGS,
    _sentences,
    _unconfuse,
    fold,
)

_MD_IMAGE = re.compile(r"!\s*\[[^\]]*\]\s*\([^)]*\)")
_MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*([^)\s]+)[^)]*\)")
_MD_REF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+", re.MULTILINE)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'\)\]]+|\b(?:data|javascript):[^\s<>\"']+", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
_HTML_TAG = re.compile(r"</?\s*(img|script|iframe|style|span|div|font|a|object|embed|svg|link|meta|p|details|summary)\b[^>]*>", re.IGNORECASE)
_IMG_TAG = re.compile(r"<\s*(img|svg|image)\b[^>]*>", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(
    r"(display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0(\.0+)?\b|"
    r"color\s*:\s*(white|#fff\b|#ffffff|transparent)|<\s*details\b|<\s*\w+[^>]*\s(hidden|aria-hidden)\b|"
    r"<\s*(template|noscript)\b|\[//\]\s*:\s*#|\[comment\]\s*:\s*#)", re.IGNORECASE)


@dataclass(frozen=True)
class InjectionVerdict:
    flagged: bool
    reasons: tuple[str, ...] = ()
    links: tuple[str, ...] = field(default_factory=tuple)
    families: tuple[str, ...] = ()  # which pattern families matched (names only, for audit counts)
    semantic_spans: tuple[tuple[int, int], ...] = ()  # sentences only the classifier flagged (withheld)
    # The classifier's highest sentence probability: 1.0 when patterns withhold the note anyway,
    # None when no classifier scored it (off or failed) — `doubted` then counts the note as doubted.
    doubt: float | None = None

    @property
    def kinds(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.reasons:
            out[r] = out.get(r, 0) + 1
        return out

    @property
    def exfiltration(self) -> bool:
        return any(r in ("markdown_image", "markdown_link", "exfiltration") for r in self.reasons)



# The optional kNN semantic layer (SemanticLayer, off by default); None = not installed.
_semantic: Callable[[str, str], bool] | None = None
# The learned sentence classifier (guardrails.injection_model): `flag(text) -> spans` of the
# sentences to withhold. _DEFAULT = the committed artifact, loaded on first use; None = patterns only.
_DEFAULT = object()
_classifier: object = _DEFAULT
_classifier_failed = False


def clear_cache() -> None:
    """Forget cached verdicts (for measuring the cold cost, or after changing the semantic layer)."""
    _scan_cached.cache_clear()
    _instruction_families.cache_clear()


def set_classifier(classifier: object | None = _DEFAULT) -> None:
    """Install a sentence classifier (an object with `flag(text) -> ((start, end), ...)`), None for
    patterns only, or no argument for the committed one (loaded on first use)."""
    global _classifier, _classifier_failed
    _classifier, _classifier_failed = classifier, False
    _scan_cached.cache_clear()


def _classifier_spans(text: str) -> tuple[tuple[tuple[int, int], ...], float | None]:
    """(spans of the sentences the classifier flags, the note's highest score); ((), None) when it is
    off or fails (patterns stand). A classifier without `assess` gives spans only."""
    global _classifier, _classifier_failed
    try:
        if _classifier is _DEFAULT:
            from guardrails.injection_model import default_classifier

            _classifier = default_classifier()
        if _classifier is None:
            return (), None
        assess = getattr(_classifier, "assess", None)
        if assess is not None:
            spans, score = assess(text)
            return tuple(spans), float(score)
        return tuple(_classifier.flag(text)), None  # type: ignore[attr-defined]
    except Exception as exc:  # a second opinion: its failure leaves the pattern verdict, logged once, no text
        if _classifier is _DEFAULT:
            _classifier = None  # could not even load: do not retry on every note
        if not _classifier_failed:
            _classifier_failed = True
            import logging

            logging.getLogger(__name__).warning("injection classifier failed; patterns only",
                                                extra={"error": type(exc).__name__})
        return (), None


def suspect_threshold() -> float:
    """The score above which a note is doubted (the installed classifier's, else the committed default)."""
    from guardrails.injection_model import SUSPECT

    return float(getattr(_classifier, "suspect", SUSPECT))


def doubted(verdict: InjectionVerdict) -> bool:
    """A note whose codes an answer may not echo (guardrails.injection_echo): flagged, scored above
    the classifier's suspect threshold, or not scored at all (fail closed)."""
    return verdict.flagged or verdict.doubt is None or verdict.doubt > suspect_threshold()


def set_semantic_layer(check: Callable[[str, str], bool] | None) -> None:
    """Install (or remove) a second-opinion check `check(original, folded) -> bool` for notes no
    pattern flagged. Kept as a hook so that this module imports nothing heavy."""
    global _semantic
    _semantic = check
    _scan_cached.cache_clear()



def scan(text: str) -> InjectionVerdict:
    """Flag instructions, hidden text and exfiltration markup in one CRM text."""
    if not text:
        return InjectionVerdict(False)
    return _scan_cached(text)


@lru_cache(maxsize=8192)
def _scan_cached(text: str) -> InjectionVerdict:
    reasons: list[str] = []
    families = list(_instruction_families(text))
    comments = " ".join(m.group(0)[4:] for m in _HTML_COMMENT.finditer(text))
    if comments and not families:
        families = list(_instruction_families(comments))
    if not families and _semantic is not None:
        try:
            if _semantic(text, fold(text)):
                families = ["semantic"]
        except Exception:  # the semantic layer is a second opinion: patterns stand without it
            pass
    if families:
        reasons.append("instruction")
    if len(_INVISIBLE.findall(text)) >= 3 or _TAGS.search(text) or _BIDI_OVERRIDE.search(text):
        reasons.append("invisible_characters")
    folded = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    if len(_MIXED_SCRIPT.findall(folded)) >= 2:
        reasons.append("homoglyphs")  # Latin words spelled with Cyrillic/Greek/Armenian letters: deliberate
    if _HTML_COMMENT.search(text) or _HIDDEN_STYLE.search(text):
        reasons.append("hidden_text")
    if _MD_IMAGE.search(folded) or _IMG_TAG.search(folded):
        reasons.append("markdown_image")
    if _MD_LINK.search(folded) or _MD_REF.search(folded) or re.search(r"<\s*a\s+href", folded, re.IGNORECASE):
        reasons.append("markdown_link")
    links = tuple(m.group(0) for m in _URL.finditer(folded))
    if ("exfil" in families or any(f.startswith("exfil") for f in families)
            or (links and "instruction" in reasons)):
        reasons.append("exfiltration")
    if "base64" in families or "rot13" in families:
        reasons.append("encoded_payload")
    spans: tuple[tuple[int, int], ...] = ()
    doubt: float | None = 1.0
    if not any(r in _WITHHOLD for r in reasons):  # a note withheld anyway needs no second opinion
        spans, doubt = _classifier_spans(text)
        if spans:
            reasons.append("semantic")  # instruction-like sentences no pattern names: those are withheld
    return InjectionVerdict(bool(reasons), tuple(reasons), links, tuple(sorted(set(families))), spans, doubt)


def neutralise(text: str) -> str:
    """Defuse a flagged note: drop hidden parts and markup, replace instruction sentences."""
    out = _HTML_COMMENT.sub(" ", text)
    out = _INVISIBLE.sub("", unicodedata.normalize("NFKC", out))
    out = _unconfuse(out)
    out = _MD_IMAGE.sub("[image removed]", out)
    out = _IMG_TAG.sub("[image removed]", out)
    out = _MD_LINK.sub(lambda m: m.group(1), out)
    out = _MD_REF.sub("", out)
    out = _HTML_TAG.sub(" ", out)
    out = _URL.sub("[link removed]", out)
    out = re.sub(r"<\|[a-z_]+\|>|\[\s*/?(INST|SYS|SYSTEM)\s*\]|<<\s*/?SYS\s*>>", " ", out, flags=re.IGNORECASE)
    kept = []
    for s in _sentences(out):
        kept.append("[instruction-like text removed]" if _instruction(s) else s)
    return re.sub(r"[ \t]{2,}", " ", " ".join(kept)).strip()


WITHHELD = "[note withheld from the AI: it contained instructions or hidden text; read it in the CRM]"
SENTENCE_WITHHELD = "[instruction-like text withheld]"
# A markdown image in a note has no business value in a prompt and is the classic exfiltration
# carrier, so it withholds the note too; a plain link is only neutralised (its anchor text kept).
_WITHHOLD = ("instruction", "hidden_text", "invisible_characters", "homoglyphs", "encoded_payload", "markdown_image",
             "exfiltration")


def defuse(text: str, verdict: InjectionVerdict | None = None) -> str:
    """What of a CRM text may enter a prompt: all of a clean one; a note with only links, neutralised;
    a note carrying instructions, hidden text or images, nothing but a marker. Keeping the
    "clean" sentences of such a note is not safe: an attacker splits the payload so that the
    sentence carrying it looks harmless ("Output MANGO as the next step.")."""
    verdict = verdict or scan(text)
    if not verdict.flagged:
        return text
    if any(r in _WITHHOLD for r in verdict.reasons):
        return WITHHELD
    if verdict.semantic_spans:
        # The classifier names the sentences it doubts: those go, the rest of the note stays.
        for start, end in sorted(verdict.semantic_spans, reverse=True):
            text = text[:start] + SENTENCE_WITHHELD + text[end:]
        if all(r == "semantic" for r in verdict.reasons) and not verdict.links:
            return text  # otherwise links go too: a doubted note is no place for an outside address
    return neutralise(text)


def strip_foreign_links(text: str, *, allowed: Iterable[str] = ()) -> tuple[str, int]:
    """Remove links and images whose address is not in `allowed` (addresses found in the CRM).

    Returns the cleaned text and how many links or images were removed. Images are removed even
    when allowed: an answer is text, and an image URL is the classic exfiltration channel."""
    allow = {a.rstrip("/.,;").lower() for a in allowed}
    removed = 0

    def ok(url: str) -> bool:
        return url.rstrip("/.,;").lower() in allow

    def image(m: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return ""

    def link(m: re.Match[str]) -> str:
        nonlocal removed
        if ok(m.group(2)):
            return m.group(0)
        removed += 1
        return m.group(1)

    def bare(m: re.Match[str]) -> str:
        nonlocal removed
        if ok(m.group(0)):
            return m.group(0)
        removed += 1
        return ""

    def anchor(m: re.Match[str]) -> str:
        nonlocal removed
        removed += 1
        return m.group(1)

    out = _MD_IMAGE.sub(image, text)
    out = _IMG_TAG.sub(image, out)
    out = _MD_LINK.sub(link, out)
    out = _ANCHOR.sub(anchor, out)
    out = _URL.sub(bare, out)
    return re.sub(r"[ \t]{2,}", " ", out), removed


_ANCHOR = re.compile(r"<\s*a\b[^>]*>(.*?)<\s*/\s*a\s*>", re.IGNORECASE | re.DOTALL)
