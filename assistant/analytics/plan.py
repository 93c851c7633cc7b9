"""The typed query plan: the only thing the parser or the model may produce.

Every field is chosen from the catalogue (enums), so a plan can name nothing the compiler does
not know. `PLAN_JSON_SCHEMA` is the constrained-JSON form the model fills.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.analytics.catalogue import (
    CHANNELS,
    CURRENCIES,
    DIMENSIONS,
    METRICS,
    SOURCES,
    STAGES,
    STATUSES,
)

MetricKey = Literal[tuple(METRICS)]  # type: ignore[valid-type]
DimensionKey = Literal[tuple(DIMENSIONS)]  # type: ignore[valid-type]
Preset = Literal["all", "today", "yesterday", "this_week", "last_week", "this_month", "last_month",
                 "this_quarter", "last_quarter", "this_year", "last_year", "last_n", "between", "month",
                 "quarter", "year", "hijri_month"]
MAX_LIMIT = 1000


class TimeRange(BaseModel):
    """A period in the tenant's time zone; resolved to [start, end) by `timerange.resolve`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    preset: Preset = "all"
    n: int | None = Field(None, ge=1, le=3660)  # last_n
    unit: Literal["day", "week", "month"] | None = None  # last_n
    start: date | None = None  # between (inclusive)
    end: date | None = None  # between (inclusive)
    month: int | None = Field(None, ge=1, le=12)  # month, hijri_month
    quarter: int | None = Field(None, ge=1, le=4)
    year: int | None = Field(None, ge=1300, le=2200)  # Gregorian, or Hijri for hijri_month

    @model_validator(mode="after")
    def _complete(self) -> "TimeRange":
        need = {"last_n": ("n",), "between": ("start", "end"), "month": ("month",),
                "quarter": ("quarter",), "year": ("year",), "hijri_month": ("month",)}
        for name in need.get(self.preset, ()):
            if getattr(self, name) is None:
                raise ValueError(f"time range '{self.preset}' needs '{name}'")
        if self.preset == "between" and self.start and self.end and self.start > self.end:
            raise ValueError("the start date is after the end date")
        return self


class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    branch: tuple[str, ...] = ()  # branch names as asked; resolved against the tenant's branches
    stage: tuple[Literal[tuple(STAGES) + ("won", "lost")], ...] = ()  # type: ignore[valid-type]
    status: tuple[Literal[tuple(STATUSES) + ("won",)], ...] = ()  # type: ignore[valid-type]
    source: tuple[Literal[tuple(SOURCES)], ...] = ()  # type: ignore[valid-type]
    channel: tuple[Literal[tuple(CHANNELS)], ...] = ()  # type: ignore[valid-type]
    currency: tuple[Literal[tuple(CURRENCIES)], ...] = ()  # type: ignore[valid-type]

    def used(self) -> list[str]:
        return [k for k in ("branch", "stage", "status", "source", "channel", "currency") if getattr(self, k)]


class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    metrics: tuple[MetricKey, ...] = Field(min_length=1, max_length=3)
    group_by: tuple[DimensionKey, ...] = Field((), max_length=2)
    filters: Filters = Filters()
    time_range: TimeRange = TimeRange()
    sort: Literal["desc", "asc"] | None = None
    limit: int | None = Field(None, ge=1, le=MAX_LIMIT)
    convert_to: Literal[tuple(CURRENCIES)] | None = None  # type: ignore[valid-type]


@dataclass(frozen=True, slots=True)
class AnalyticsScope:
    """What the AI scope lets this user compute; None means no narrowing on that axis."""

    metrics: frozenset[str] | None = None
    dimensions: frozenset[str] | None = None
    branch_ids: frozenset[int] | None = None


# The model's menu: the plan, or a named reason why there is none.
PLAN_JSON_SCHEMA: dict = {
    "type": "object",
    "properties": {
        "outcome": {"type": "string", "enum": ["plan", "unknown_metric", "ambiguous"]},
        "metrics": {"type": "array", "maxItems": 3, "items": {"type": "string", "enum": list(METRICS)}},
        "group_by": {"type": "array", "maxItems": 2, "items": {"type": "string", "enum": list(DIMENSIONS)}},
        "branch": {"type": "array", "maxItems": 5, "items": {"type": "string", "maxLength": 60}},
        "stage": {"type": "array", "items": {"type": "string", "enum": list(STAGES) + ["won", "lost"]}},
        "source": {"type": "array", "items": {"type": "string", "enum": list(SOURCES)}},
        "channel": {"type": "array", "items": {"type": "string", "enum": list(CHANNELS)}},
        "currency": {"type": "array", "items": {"type": "string", "enum": list(CURRENCIES)}},
        "period": {"type": "string", "enum": ["all", "today", "yesterday", "this_week", "last_week",
                                               "this_month", "last_month", "this_quarter", "last_quarter",
                                               "this_year", "last_year", "last_n_days"]},
        "days": {"type": "integer", "minimum": 1, "maximum": 3660},
        "sort": {"type": "string", "enum": ["desc", "asc", "none"]},
        "limit": {"type": "integer", "minimum": 0, "maximum": MAX_LIMIT},
    },
    "required": ["outcome", "metrics", "group_by", "period"],
}
