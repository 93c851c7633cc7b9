"""Resolve a plan's period to [start, end) instants, in the tenant's time zone.

Periods are whole local days: "last 30 days" is the 30 local days ending today (inclusive);
"this month" runs from the 1st to the 1st of next month; weeks start on Monday (ISO); a named
month without a year is its latest occurrence that has begun; Hijri months use Umm al-Qura.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hijridate import Gregorian, Hijri

from assistant.analytics.plan import TimeRange

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
             "نوفمبر", "ديسمبر")
HIJRI_EN = ("Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
            "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah")
HIJRI_AR = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
            "رمضان", "شوال", "ذو القعدة", "ذو الحجة")


@dataclass(frozen=True, slots=True)
class Period:
    start: date | None  # local, inclusive
    end: date | None  # local, exclusive
    label_en: str
    label_ar: str

    def bounds_utc(self, tz: str) -> tuple[datetime | None, datetime | None]:
        """The period as UTC instants (naive-free, aware)."""
        zone = ZoneInfo(tz)

        def at(d: date | None) -> datetime | None:
            if d is None:
                return None
            return datetime.combine(d, time(0), tzinfo=zone).astimezone(timezone.utc)

        return at(self.start), at(self.end)


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(d.day, last))


def _quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def local_today(now: datetime, tz: str) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


def resolve(tr: TimeRange, *, now: datetime, tz: str) -> Period:
    """The concrete local-date period of `tr` as of `now`."""
    today = local_today(now, tz)
    p = tr.preset
    if p == "all":
        return Period(None, None, "all time", "كل الفترات")
    if p in ("today", "yesterday"):
        d = today - timedelta(days=1 if p == "yesterday" else 0)
        return Period(d, d + timedelta(days=1), p + f" ({d.isoformat()})", ("اليوم" if p == "today" else "أمس"))
    if p in ("this_week", "last_week"):
        start = today - timedelta(days=today.weekday()) - timedelta(days=7 if p == "last_week" else 0)
        return _span(start, start + timedelta(days=7), p)
    if p in ("this_month", "last_month"):
        start = add_months(today.replace(day=1), -1 if p == "last_month" else 0)
        return _span(start, add_months(start, 1), p)
    if p in ("this_quarter", "last_quarter"):
        start = add_months(_quarter_start(today), -3 if p == "last_quarter" else 0)
        return _span(start, add_months(start, 3), p)
    if p in ("this_year", "last_year"):
        start = date(today.year - (p == "last_year"), 1, 1)
        return _span(start, date(start.year + 1, 1, 1), p)
    if p == "last_n":
        n, unit = tr.n or 1, tr.unit or "day"
        end = today + timedelta(days=1)
        if unit == "month":
            start = add_months(end, -n)
        else:
            start = end - timedelta(days=n * (7 if unit == "week" else 1))
        word_ar = {"day": "يوم", "week": "أسبوع", "month": "شهر"}[unit]
        return Period(start, end, f"the last {n} {unit}s ({start.isoformat()} to {today.isoformat()})",
                      f"آخر {n} {word_ar} ({start.isoformat()} إلى {today.isoformat()})")
    if p == "between":
        assert tr.start and tr.end
        if tr.end.year >= 2200:  # "since <date>": open-ended
            return Period(tr.start, None, f"since {tr.start.isoformat()}", f"منذ {tr.start.isoformat()}")
        return Period(tr.start, tr.end + timedelta(days=1), f"{tr.start.isoformat()} to {tr.end.isoformat()}",
                      f"من {tr.start.isoformat()} إلى {tr.end.isoformat()}")
    if p == "month":
        m = tr.month or 1
        year = tr.year or (today.year if m <= today.month else today.year - 1)
        start = date(year, m, 1)
        return Period(start, add_months(start, 1), f"{MONTHS_EN[m - 1]} {year}", f"{MONTHS_AR[m - 1]} {year}")
    if p == "quarter":
        q = tr.quarter or 1
        year = tr.year or (today.year if 3 * (q - 1) + 1 <= today.month else today.year - 1)
        start = date(year, 3 * (q - 1) + 1, 1)
        return Period(start, add_months(start, 3), f"Q{q} {year}", f"الربع {q} من {year}")
    if p == "year":
        y = tr.year or today.year
        return Period(date(y, 1, 1), date(y + 1, 1, 1), str(y), str(y))
    if p == "hijri_month":
        m = tr.month or 1
        h_today = Gregorian(today.year, today.month, today.day).to_hijri()
        hy = tr.year or (h_today.year if m <= h_today.month else h_today.year - 1)
        start = Hijri(hy, m, 1).to_gregorian()
        nxt = Hijri(hy + (m == 12), m % 12 + 1, 1).to_gregorian()
        s, e = date(start.year, start.month, start.day), date(nxt.year, nxt.month, nxt.day)
        return Period(s, e, f"{HIJRI_EN[m - 1]} {hy} AH ({s.isoformat()} to {(e - timedelta(days=1)).isoformat()})",
                      f"{HIJRI_AR[m - 1]} {hy} هـ")
    raise ValueError(f"unknown period {p!r}")


_WORDS = {"this_week": ("this week", "هذا الأسبوع"), "last_week": ("last week", "الأسبوع الماضي"),
          "this_month": ("this month", "هذا الشهر"), "last_month": ("last month", "الشهر الماضي"),
          "this_quarter": ("this quarter", "هذا الربع"), "last_quarter": ("last quarter", "الربع الماضي"),
          "this_year": ("this year", "هذا العام"), "last_year": ("last year", "العام الماضي")}


def _span(start: date, end: date, preset: str) -> Period:
    en, ar = _WORDS[preset]
    last = (end - timedelta(days=1)).isoformat()
    return Period(start, end, f"{en} ({start.isoformat()} to {last})", f"{ar} ({start.isoformat()} إلى {last})")
