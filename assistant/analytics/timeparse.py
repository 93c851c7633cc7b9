"""Find the period in a normalised question (English and Arabic, Gregorian and Hijri months).

Returns the `TimeRange`, the spans it used, or an `InvalidDate` for impossible dates such as
2025-02-30 (a clear answer beats a silent guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.analytics.normalise import normalise
from assistant.analytics.plan import TimeRange


class InvalidDate(ValueError):
    """A date in the question does not exist."""


def _alt(*phrases: str) -> str:
    return "|".join(sorted((re.escape(normalise(p)).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True))


_B, _E = r"(?:(?<=\s)|^)(?:و|ف)?(?:ب|ل|في\s+)?", r"(?=\s|$)"  # Arabic word boundaries with clitics
EN_MONTHS = {m: i + 1 for i, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
    ("november", "nov"), ("december", "dec"))) for m in names}
AR_MONTHS = {normalise(m): i + 1 for i, names in enumerate((
    ("يناير", "كانون الثاني", "جانفي"), ("فبراير", "شباط", "فيفري"), ("مارس", "آذار"), ("أبريل", "ابريل", "نيسان", "افريل"),
    ("مايو", "أيار", "ماي"), ("يونيو", "حزيران", "جوان"), ("يوليو", "تموز", "جويلية"), ("أغسطس", "اغسطس", "آب", "أوت"),
    ("سبتمبر", "أيلول"), ("أكتوبر", "اكتوبر", "تشرين الأول"), ("نوفمبر", "تشرين الثاني"), ("ديسمبر", "كانون الأول")))
    for m in names}
HIJRI = {normalise(m): i + 1 for i, names in enumerate((
    ("محرم", "muharram"), ("صفر", "safar"), ("ربيع الأول", "ربيع الاول", "rabi al-awwal", "rabi al awwal", "rabi i"),
    ("ربيع الآخر", "ربيع الثاني", "rabi al-thani", "rabi al-akhir", "rabi ii", "rabi al thani"),
    ("جمادى الأولى", "جمادى الاول", "jumada al-ula", "jumada al-awwal", "jumada i"),
    ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "jumada al-akhirah", "jumada al-thani", "jumada ii"),
    ("رجب", "rajab"), ("شعبان", "shaban", "sha'ban"), ("رمضان", "ramadan", "ramadhan"), ("شوال", "shawwal"),
    ("ذو القعدة", "ذي القعدة", "dhu al-qadah", "dhul qadah", "dhu al-qidah"),
    ("ذو الحجة", "ذي الحجة", "dhu al-hijjah", "dhul hijjah", "dhu al hijjah"))) for m in names}
ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4,
       "الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "1": 1, "2": 2, "3": 3, "4": 4}
UNIT = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
        "يوم": "day", "يوما": "day", "ايام": "day", "اسبوع": "week", "اسابيع": "week", "اسبوعا": "week",
        "شهر": "month", "اشهر": "month", "شهور": "month", "شهرا": "month"}
AR_UNIT = {"الشهر": "month", "الاسبوع": "week", "الربع": "quarter", "السنه": "year", "العام": "year"}

_ISO = r"\d{4}-\d{1,2}-\d{1,2}"
_DMY = r"\d{1,2}/\d{1,2}/\d{4}"
_NAMED = rf"\d{{1,2}}\s+(?:{_alt(*EN_MONTHS, *AR_MONTHS)})\s+\d{{4}}"
DATE = rf"(?:{_ISO}|{_DMY}|{_NAMED})"

THIS_EN = re.compile(r"\b(?:this|current|the current)\s+(week|month|quarter|year)\b")
LAST_EN = re.compile(r"\b(?:last|previous|past|prior)\s+(week|month|quarter|year)\b")
TODATE_EN = re.compile(r"\b(ytd|year to date|year-to-date|so far this year|mtd|month to date|month-to-date|qtd|quarter to date)\b")
LASTN_EN = re.compile(r"\b(?:in\s+)?(?:the\s+)?(?:last|past|previous|prior)\s+(\d{1,4})\s+(days?|weeks?|months?)\b")
LASTN_AR = re.compile(_B + r"(?:خلال\s+|في\s+)?(?:اخر|الاخيره|الماضيه)?\s*(\d{1,4})\s+(يوم|يوما|ايام|اسبوع|اسبوعا|اسابيع|شهر|شهرا|اشهر|شهور)(?:\s+(?:الماضيه|الاخيره|اللي\s+فاتت|السابقه))?" + _E)
_UNITS_AR = r"(?:ال|لل)(شهر|اسبوع|ربع|سنه|عام)"  # "للشهر" is ل + الشهر
# "هذا الربع" before "الربع هذا": in "حسب الشهر هذا الربع" the period is the quarter.
THIS_AR_FORMS = (
    re.compile(_B + r"(?:هذا|هذه|هذي)\s+" + _UNITS_AR + _E),
    re.compile(_B + _UNITS_AR + r"\s+(?:الحالي|الحاليه|الجاري|الجاريه)" + _E),
    re.compile(_B + r"هال(شهر|اسبوع|ربع|سنه)" + _E),
    re.compile(_B + _UNITS_AR + r"\s+(?:هذا|هذه|هذي)" + _E),
)
LAST_AR = re.compile(_B + r"(?:ال|لل)(شهر|اسبوع|ربع|سنه|عام)\s+(?:الماضي|الماضيه|السابق|السابقه|الفائت|الفايت|الفائته|المنصرم|اللي\s+فات|اللي\s+فاتت|اللي\s+راح|اللي\s+راحت)" + _E)
TODAY = re.compile(r"\btoday\b|" + _B + r"اليوم" + _E)
YESTERDAY = re.compile(r"\byesterday\b|" + _B + r"(?:امس|البارحه|مبارح)" + _E)
BETWEEN = re.compile(rf"(?:\bbetween|\bfrom|{_B}بين|{_B}من|{_B}الفتره\s+من)\s+({DATE})\s+(?:and|to|until|till|through|-|الي|حتي|لغايه|ل|و)\s*(?:و)?\s*({DATE})")
SINCE = re.compile(rf"(?:\bsince|\bfrom|{_B}منذ|{_B}من)\s+({DATE})")
ANYDATE = re.compile(rf"(?:\bon\s+|{_B}يوم\s+|{_B}في\s+)?({DATE}|\d{{4}}-\d{{2}}-\d{{2,3}})")
QUARTER_EN = re.compile(r"\b(?:in\s+)?(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th|last)\s+quarter)(?:\s+(?:of\s+)?(\d{4}))?\b")
QUARTER_AR = re.compile(_B + r"الربع\s+(الاول|الثاني|الثالث|الرابع|[1-4])(?:\s+(?:من|في|ل)?\s*(?:سنه|عام)?\s*(\d{4}))?" + _E)
MONTH_EN = re.compile(rf"\b(?:(in|during|for|of|month of)\s+)?({_alt(*EN_MONTHS)})(?:\s+(?:of\s+)?(\d{{4}}))?\b")
MONTH_AR = re.compile(_B + rf"(?:شهر\s+)?({_alt(*AR_MONTHS)})(?:\s+(?:من\s+)?(?:سنه|عام)?\s*(\d{{4}}))?" + _E)
HIJRI_RE = re.compile(rf"(?:(?<=\s)|^)(?:(?:و|ف)?(?:ب|ل|في\s+)?)?(شهر\s+)?({_alt(*HIJRI)})(?:\s+(?:من\s+)?(?:سنه|عام)?\s*(1[34]\d\d))?(?:\s+(?:هـ|ه|ah|h))?(?=\s|$)")
YEAR = re.compile(rf"(?:\b(?:in|during|for|of|year)\s+|{_B}(?:عام|سنه|في|خلال)\s+)?(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class TimeFound:
    range: TimeRange
    spans: tuple[tuple[int, int], ...]


def parse_date(text: str) -> date:
    text = text.strip()
    try:
        if re.fullmatch(_ISO, text):
            y, m, d = (int(x) for x in text.split("-"))
        elif re.fullmatch(_DMY, text):
            d, m, y = (int(x) for x in text.split("/"))
        else:
            parts = text.split()
            d, y = int(parts[0]), int(parts[-1])
            name = " ".join(parts[1:-1])
            m = EN_MONTHS.get(name) or AR_MONTHS[name]
        return date(y, m, d)
    except (ValueError, KeyError) as exc:
        raise InvalidDate(text) from exc


def find_time(t: str) -> TimeFound | None:
    """The first period named in normalised text `t`; raises InvalidDate for impossible dates."""
    for finder in (_between, _since, _relative, _quarter, _hijri, _month, _single_date, _year):
        found = finder(t)
        if found is not None:
            return found
    return None


def _between(t: str) -> TimeFound | None:
    m = BETWEEN.search(t)
    if m:
        return TimeFound(TimeRange(preset="between", start=parse_date(m.group(1)), end=parse_date(m.group(2))),
                         (m.span(),))
    return None


def _since(t: str) -> TimeFound | None:
    m = SINCE.search(t)
    if m:
        return TimeFound(TimeRange(preset="between", start=parse_date(m.group(1)), end=date(2200, 1, 1)),
                         (m.span(),))
    return None


def _relative(t: str) -> TimeFound | None:
    if m := LASTN_EN.search(t) or LASTN_AR.search(t):
        return TimeFound(TimeRange(preset="last_n", n=int(m.group(1)), unit=UNIT[m.group(2).rstrip("s") if m.group(2).startswith(("day", "week", "month")) else m.group(2)]), (m.span(),))
    if m := TODATE_EN.search(t):
        unit = "year" if m.group(1).startswith(("y", "so")) else "month" if m.group(1).startswith("m") else "quarter"
        return TimeFound(TimeRange(preset=f"this_{unit}"), (m.span(),))
    if m := THIS_EN.search(t):
        return TimeFound(TimeRange(preset=f"this_{m.group(1)}"), (m.span(),))
    if m := LAST_EN.search(t):
        return TimeFound(TimeRange(preset=f"last_{m.group(1)}"), (m.span(),))
    for form in THIS_AR_FORMS:
        if m := form.search(t):
            return TimeFound(TimeRange(preset=f"this_{AR_UNIT['ال' + m.group(1)]}"), (m.span(),))
    if m := LAST_AR.search(t):
        return TimeFound(TimeRange(preset=f"last_{AR_UNIT['ال' + m.group(1)]}"), (m.span(),))
    if m := YESTERDAY.search(t):
        return TimeFound(TimeRange(preset="yesterday"), (m.span(),))
    if m := TODAY.search(t):
        return TimeFound(TimeRange(preset="today"), (m.span(),))
    return None


def _quarter(t: str) -> TimeFound | None:
    if m := QUARTER_EN.search(t):
        q = int(m.group(1)) if m.group(1) else ORD[m.group(2)]
        return TimeFound(TimeRange(preset="quarter", quarter=q, year=int(m.group(3)) if m.group(3) else None), (m.span(),))
    if m := QUARTER_AR.search(t):
        return TimeFound(TimeRange(preset="quarter", quarter=ORD[m.group(1)], year=int(m.group(2)) if m.group(2) else None), (m.span(),))
    return None


def _hijri(t: str) -> TimeFound | None:
    for m in HIJRI_RE.finditer(t):
        name = normalise(re.sub(r"\s+", " ", m.group(2)))
        # "صفر" is also the word for zero: only with "شهر" or a Hijri year.
        if name in ("صفر", "safar") and not (m.group(1) or m.group(3)):
            continue
        return TimeFound(TimeRange(preset="hijri_month", month=HIJRI[name], year=int(m.group(3)) if m.group(3) else None), (m.span(),))
    return None


def _month(t: str) -> TimeFound | None:
    for m in MONTH_EN.finditer(t):
        name = m.group(2)
        if name in ("may", "mar", "jun", "dec", "sep", "oct", "nov", "jan", "feb", "apr", "aug", "jul") and not (m.group(1) or m.group(3)):
            continue  # "may" the verb; short names only with "in"/a year
        return TimeFound(TimeRange(preset="month", month=EN_MONTHS[name], year=int(m.group(3)) if m.group(3) else None), (m.span(),))
    for m in MONTH_AR.finditer(t):
        name = re.sub(r"\s+", " ", m.group(1))
        if name in ("اب", "ماي") and not m.group(2):
            continue  # "آب" is also "father"
        return TimeFound(TimeRange(preset="month", month=AR_MONTHS[name], year=int(m.group(2)) if m.group(2) else None), (m.span(),))
    return None


def _single_date(t: str) -> TimeFound | None:
    if m := ANYDATE.search(t):
        d = parse_date(m.group(1))
        return TimeFound(TimeRange(preset="between", start=d, end=d), (m.span(),))
    return None


def _year(t: str) -> TimeFound | None:
    if m := YEAR.search(t):
        return TimeFound(TimeRange(preset="year", year=int(m.group(1))), (m.span(),))
    return None
