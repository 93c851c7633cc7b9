"""Periods resolve in the tenant's time zone, with Gregorian and Hijri months."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from assistant.analytics.plan import TimeRange
from assistant.analytics.timerange import resolve

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)  # a Sunday


@pytest.mark.parametrize("tr, start, end", [
    (TimeRange(preset="this_month"), date(2026, 11, 1), date(2026, 12, 1)),
    (TimeRange(preset="last_month"), date(2026, 10, 1), date(2026, 11, 1)),
    (TimeRange(preset="this_quarter"), date(2026, 10, 1), date(2027, 1, 1)),
    (TimeRange(preset="last_quarter"), date(2026, 7, 1), date(2026, 10, 1)),
    (TimeRange(preset="last_year"), date(2025, 1, 1), date(2026, 1, 1)),
    (TimeRange(preset="this_week"), date(2026, 11, 9), date(2026, 11, 16)),
    (TimeRange(preset="last_week"), date(2026, 11, 2), date(2026, 11, 9)),
    (TimeRange(preset="last_n", n=30, unit="day"), date(2026, 10, 17), date(2026, 11, 16)),
    (TimeRange(preset="month", month=12), date(2025, 12, 1), date(2026, 1, 1)),  # latest December begun
    (TimeRange(preset="quarter", quarter=2, year=2026), date(2026, 4, 1), date(2026, 7, 1)),
    (TimeRange(preset="hijri_month", month=9, year=1447), date(2026, 2, 18), date(2026, 3, 20)),
    (TimeRange(preset="between", start=date(2026, 1, 1), end=date(2026, 3, 31)), date(2026, 1, 1), date(2026, 4, 1)),
])
def test_resolve(tr, start, end):
    p = resolve(tr, now=NOW, tz="Asia/Riyadh")
    assert (p.start, p.end) == (start, end)


def test_local_midnight_in_the_tenant_zone():
    p = resolve(TimeRange(preset="this_month"), now=NOW, tz="Asia/Riyadh")
    start, _ = p.bounds_utc("Asia/Riyadh")
    assert start == datetime(2026, 10, 31, 21, 0, tzinfo=timezone.utc)
    # Late on the 31st UTC is already the 1st in Riyadh: "this month" follows the tenant's calendar.
    late = datetime(2026, 10, 31, 22, 30, tzinfo=timezone.utc)
    assert resolve(TimeRange(preset="this_month"), now=late, tz="Asia/Riyadh").start == date(2026, 11, 1)
    assert resolve(TimeRange(preset="this_month"), now=late, tz="UTC").start == date(2026, 10, 1)


def test_dst_zone_bounds():
    p = resolve(TimeRange(preset="month", month=7, year=2026), now=NOW, tz="Europe/Tallinn")
    start, end = p.bounds_utc("Europe/Tallinn")
    assert start == datetime(2026, 6, 30, 21, 0, tzinfo=timezone.utc)  # EEST, UTC+3
    assert end == datetime(2026, 7, 31, 21, 0, tzinfo=timezone.utc)


def test_incomplete_ranges_are_invalid():
    with pytest.raises(ValueError):
        TimeRange(preset="last_n")
    with pytest.raises(ValueError):
        TimeRange(preset="between", start=date(2026, 3, 1), end=date(2026, 1, 1))
