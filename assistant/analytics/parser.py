"""The deterministic bilingual parser: a question → a plan, a clarifying question, a refusal, or
"not understood" (then the model fills the same plan).

It works on normalised text and a catalogue of phrases, consuming spans in order: period,
metrics, filters, dimensions, limits. It never guesses a metric: a vague word ("sales",
"performance") asks which one; a word naming a measure we do not have is refused by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import ValidationError

from assistant.analytics import catalogue as cat
from assistant.analytics.lexicon import Match, blank, find
from assistant.analytics.normalise import normalise
from assistant.analytics.plan import Filters, Plan, TimeRange
from assistant.analytics.timeparse import InvalidDate, find_time

MAX_QUESTION_CHARS = 1000

_SQL = re.compile(r"(;\s*\w)|(--)|(/\*)|\b(union\s+(all\s+)?select|select\s+.+\s+from|insert\s+into|"
                  r"delete\s+from|drop\s+(table|database|schema)|update\s+\w+\s+set|alter\s+table|truncate\s+table|"
                  r"pg_sleep|information_schema|sqlite_master)\b", re.I | re.S)
_GROUP_EN = r"(?:by|per|each|every|for\s+each|for\s+every|across|across\s+all|split\s+by|grouped\s+by|broken\s+down\s+by|breakdown\s+by|compare|comparing|between|which|what|top|best|worst|bottom|ranked\s+by|rank|ranking|of\s+all|all|among)"
_GROUP_AR = r"(?:حسب|بحسب|علي\s+حسب|لكل|كل|في\s+كل|موزع\s+علي|موزعه\s+علي|مقسم\s+حسب|مقسمه\s+حسب|اي|أي|مين|من|ايش|وش|قارن|مقارنه|بين|افضل|اعلي|اكثر|اقل|اسوا|ترتيب)"
# One space exactly: a consumed (blanked) word after "by" leaves several, and is not unknown.
_UNKNOWN_DIM = re.compile(r"\b(?:by|per|grouped by|split by|broken down by) (?:the |each |their )?([a-z][a-z\-]{2,})|"
                          r"(?:(?<=\s)|^)(?:حسب|بحسب|لكل) (\S{2,})")
_DIM_STOP = {"the", "month", "week", "year", "day", "quarter", "for", "from", "in", "of", "and", "with", "all",
             "value", "ال", "في", "من", "علي"}
_TOP = re.compile(r"\b(?:top|best|highest|largest|biggest|leading|first|most)\s+(\d{1,4})\b|\b(\d{1,4})\s+(?:top|best|highest|biggest|leading)\b|"
                  r"(?:(?<=\s)|^)(?:افضل|اعلي|اكبر|اكثر|احسن|اول|توب)\s+(\d{1,4})(?=\s|$)|(?:(?<=\s)|^)(\d{1,4})\s+(?:افضل|اعلي|اكبر)(?=\s|$)")
_BOTTOM = re.compile(r"\b(?:bottom|worst|lowest|least|smallest|last)\s+(\d{1,4})\b|(?:(?<=\s)|^)(?:اسوا|ادني|ادني|اقل|اصغر|اخر)\s+(\d{1,4})(?=\s|$)")
_SUPER_DESC = re.compile(r"\b(?:highest|most|best|top|largest|biggest|leading|max|maximum)\b|(?:(?<=\s)|^)(?:اعلي|اعلي|اكثر|افضل|اكبر|احسن|الاعلي|الاعلي|الاكثر|الافضل|الاكبر)(?=\s|$)")
_SUPER_ASC = re.compile(r"\b(?:lowest|least|worst|smallest|fewest|bottom|min|minimum)\b|(?:(?<=\s)|^)(?:اقل|ادني|ادني|اسوا|اصغر|الاقل|الادني|الاسوا)(?=\s|$)")
_CONVERT = re.compile(r"\b(?:convert(?:ed)?|in\s+terms\s+of|expressed\s+in)\b|(?:(?<=\s)|^)(?:محول|محوله|بعد\s+التحويل|مقوم|مقومه|بتحويل)(?=\s|$)")
_LIST = re.compile(r"\b(?:list|show|display|give\s+me|names?\s+of|who\s+are|export|details)\b|(?:(?<=\s)|^)(?:اعرض|قائمه|اسماء|اعطني\s+اسماء|صدر)(?=\s|$)")
_ADJ_TIME = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter", "yearly": "year",
             "annual": "year", "annually": "year", "يومي": "day", "اسبوعي": "week", "شهري": "month",
             "شهريا": "month", "ربعي": "quarter", "سنوي": "year", "trend": "month", "over time": "month",
             "month by month": "month", "month over month": "month", "week by week": "week", "الاتجاه": "month",
             "شهر بشهر": "month"}

Kind = Literal["plan", "clarify", "refuse", "unknown"]


@dataclass(frozen=True, slots=True)
class ParseResult:
    kind: Kind
    plan: Plan | None = None
    reason: str | None = None  # refusal or clarification code
    detail: str | None = None  # the word at fault, for the message
    options: tuple[str, ...] = ()


@dataclass
class Vocabulary:
    """Tenant words the parser needs: branch aliases (normalised) → branch name."""

    branches: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of_branches(cls, rows: list[tuple[str, str]]) -> "Vocabulary":
        """From (name, city) rows; adds the catalogue's Arabic place names."""
        out: dict[str, str] = {}
        for name, city in rows:
            for alias in {name, city}:
                if not alias:
                    continue
                out[normalise(alias)] = name
                for ar in cat.PLACE_ALIASES.get(normalise(alias), ()):
                    out.setdefault(normalise(ar), name)
        return cls(out)


def _table(groups: dict[str, tuple[str, ...]], prefix: str) -> list[tuple[str, str]]:
    return [(syn, f"{prefix}:{key}") for key, syns in groups.items() for syn in (*syns, key)]


def _indefinite(phrases: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Arabic nouns also without the article: "لكل فرع", "لكل عملة"."""
    extra = [(normalise(p)[2:], v) for p, v in phrases if normalise(p).startswith("ال") and " " not in normalise(p)]
    return phrases + [(p, v) for p, v in extra if len(p) > 2]


METRIC_PHRASES = [(s, m.key) for m in cat.METRICS.values() for s in (*m.synonyms, m.en, m.ar)]
DIM_PHRASES = _indefinite([(s, d.key) for d in cat.DIMENSIONS.values() for s in d.synonyms]) + list(_ADJ_TIME.items())
FILTER_PHRASES = (_table(cat.STAGES, "stage") + _table(cat.STATUSES, "status") + _table(cat.SOURCES, "source")
                  + _table(cat.CHANNELS, "channel") + _table(cat.CURRENCIES, "currency"))


def parse(question: str, *, vocab: Vocabulary) -> ParseResult:
    """Parse one question (any language mix) into a `ParseResult`."""
    raw = (question or "").strip()
    if not raw:
        return ParseResult("clarify", reason="empty")
    if len(raw) > MAX_QUESTION_CHARS:
        return ParseResult("refuse", reason="too_long", detail=str(MAX_QUESTION_CHARS))
    if _SQL.search(raw):
        return ParseResult("refuse", reason="sql")
    t = normalise(raw)
    try:
        time = find_time(t)
    except InvalidDate as exc:
        return ParseResult("refuse", reason="invalid_date", detail=str(exc))
    taken = list(time.spans) if time else []

    if hit := find(t, [(p, "x") for p in cat.PERSONAL_DATA], taken):
        return ParseResult("refuse", reason="personal_data", detail=hit[0].phrase)
    # One longest-first pass over every table: "pipeline stage" (a grouping) beats "pipeline" (a metric).
    tagged = ([(p, f"m|{v}") for p, v in METRIC_PHRASES] + [(p, f"b|{v}") for p, v in vocab.branches.items()]
              + [(p, f"f|{v}") for p, v in FILTER_PHRASES] + [(p, f"d|{v}") for p, v in DIM_PHRASES])
    found = find(t, tagged, taken)
    taken += [(m.start, m.end) for m in found]

    def of(tag: str) -> list[Match]:
        return [Match(m.start, m.end, m.value[2:], m.phrase) for m in found if m.value.startswith(tag + "|")]

    metrics, branches, filters, dims = of("m"), of("b"), of("f"), of("d")
    rest = blank(t, [Match(a, b, "", "") for a, b in taken])

    people = find(rest, [(p, "x") for p in cat.PEOPLE])
    if people and (_grouped_before(rest, people[0]) or _LIST.search(t)):
        return ParseResult("refuse", reason="personal_dimension", detail=people[0].phrase)
    if unknown := find(rest, [(p, "x") for p in cat.UNKNOWN_METRICS]):
        return ParseResult("refuse", reason="unknown_metric", detail=unknown[0].phrase)

    metric_keys = list(dict.fromkeys(m.value for m in _qualifiers_dropped(t, metrics)))
    filter_vals = {}
    for f in filters:
        kind, value = f.value.split(":", 1)
        filter_vals.setdefault(kind, []).append(value)
    if not metric_keys and "channel" in filter_vals:
        metric_keys = ["activity_count"]
    if not metric_keys and "status" in filter_vals:
        metric_keys = ["lead_count"]
    if not metric_keys:
        vague = find(rest, [(p, "x") for p in cat.AMBIGUOUS])
        if vague or people:
            word = (vague or people)[0].phrase
            return ParseResult("clarify", reason="ambiguous_metric", detail=word,
                               options=("revenue", "won_deals", "lead_count"))
        return ParseResult("unknown")
    if m := _UNKNOWN_DIM.search(rest):
        word = m.group(1) or m.group(2)
        if word and word not in _DIM_STOP and not word.isdigit():
            return ParseResult("refuse", reason="unknown_dimension", detail=word)

    group_by = _group_by(t, dims, filters, branches)
    branch_names = tuple(dict.fromkeys(b.value for b in branches))
    if len(branch_names) > 1 and "branch" not in group_by and not group_by:
        group_by = ["branch"]
    sort, limit = _sort_limit(blank(t, [Match(a, b, '', '') for a, b in (time.spans if time else ())]), bool(group_by))
    convert_to = None
    currencies = filter_vals.get("currency", [])
    if currencies and _CONVERT.search(t):
        convert_to, currencies = currencies[-1], []
    try:
        plan = Plan(
            metrics=tuple(metric_keys[:3]), group_by=tuple(group_by[:2]),
            filters=Filters(branch=branch_names, stage=tuple(filter_vals.get("stage", ())),
                            status=tuple(filter_vals.get("status", ())), source=tuple(filter_vals.get("source", ())),
                            channel=tuple(filter_vals.get("channel", ())), currency=tuple(dict.fromkeys(currencies))),
            time_range=time.range if time else TimeRange(), sort=sort, limit=limit, convert_to=convert_to,
        )
    except ValidationError as exc:
        return ParseResult("refuse", reason="invalid_plan", detail=str(exc.errors()[0].get("msg", ""))[:120])
    return ParseResult("plan", plan=plan)


def _qualifiers_dropped(t: str, metrics: list[Match]) -> list[Match]:
    """"conversion rate of leads", "معدل تحويل العملاء المحتملين": the count right after a rate names
    what the rate is of, not a second metric."""
    out: list[Match] = []
    for m in metrics:
        prev = out[-1] if out else None
        if (prev is not None and m.value in ("lead_count", "new_leads") and prev.value != m.value
                and re.fullmatch(r"\s*(?:of|for|on|among|from)?\s*(?:the|all|our)?\s*", t[prev.end:m.start])):
            continue
        out.append(m)
    return out


def _grouped_before(text: str, m: Match) -> bool:
    """A people word right after a grouping word ("by customer", "حسب العميل"), or fused with ل ("للعملاء")."""
    before = text[max(0, m.start - 30):m.start]
    return bool(re.search(rf"(?:\b{_GROUP_EN}|(?:(?<=\s)|^){_GROUP_AR})\s*(?:the\s+)?$", before)) or \
        text[m.start:m.start + 2] in ("لل", "لك")


def _group_by(t: str, dims: list[Match], filters: list[Match], branches: list[Match]) -> list[str]:
    """Dimension words become groupings unless they only label a filter ("Riyadh branch", "stage proposal")."""
    out: list[str] = []
    labelled = [(f.start, f.end, f.value.split(":")[0]) for f in filters] + [(b.start, b.end, "branch") for b in branches]
    for d in dims:
        # "cycle in days", "بالأيام": a unit of the answer, not a grouping.
        if d.value in cat.TIME_DIMENSIONS and re.search(r"(?:\bin|\bas)\s+$", t[max(0, d.start - 4):d.start]):
            continue
        if d.value in cat.TIME_DIMENSIONS and t[d.start:d.start + 3] == "بال":
            continue
        near = [k for s, e, k in labelled if (0 <= s - d.end <= 4 or 0 <= d.start - e <= 4)]
        if d.value in near or (d.value == "channel" and "channel" in near):
            continue
        if d.value not in out:
            out.append(d.value)
    # A time grouping goes last, so tables read "branch × month".
    return sorted(out, key=lambda k: k in cat.TIME_DIMENSIONS)


def _sort_limit(t: str, grouped: bool) -> tuple[str | None, int | None]:
    if m := _BOTTOM.search(t):
        return "asc", int(next(g for g in m.groups() if g))
    if m := _TOP.search(t):
        return "desc", int(next(g for g in m.groups() if g))
    if not grouped:
        return None, None
    if _SUPER_ASC.search(t):
        return "asc", 1
    if _SUPER_DESC.search(t):
        return "desc", 1
    return None, None
