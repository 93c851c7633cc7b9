"""Column formats of the CSV import: one parser per kind of value, one column list per file.

A parser takes the stripped cell text and returns the value to store or raises `Invalid`
with a reason that never contains the value itself (error text must carry no personal data).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

import phonenumbers
from faker.providers.currency import Provider as _CurrencyProvider
from stdnum import iban as std_iban
from stdnum.exceptions import ValidationError

from connectors.crm.models import ACTIVITY_KINDS, LEAD_SOURCES, LEAD_STAGES, ROLES

CURRENCIES = frozenset(code for code, _ in _CurrencyProvider.currencies)
COUNTRIES = frozenset(phonenumbers.SUPPORTED_REGIONS)
LEAD_STATUSES = ("open", "won", "lost")
TRANSACTION_KINDS = ("deposit", "withdrawal", "payment", "refund")
BODY_CLASSES = ("personal", "special")
MAX_AMOUNT = Decimal("999999999999.99")
_EMAIL = re.compile(r"^[^@\s,;<>\"']+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class Invalid(ValueError):
    """A cell failed validation; the message names the problem, never the value."""


Parser = Callable[[str], Any]


def text(max_len: int) -> Parser:
    def parse(v: str) -> str:
        if len(v) > max_len:
            raise Invalid(f"longer than {max_len} characters")
        return v
    return parse


def enum(values: tuple[str, ...]) -> Parser:
    def parse(v: str) -> str:
        if v.lower() not in values:
            raise Invalid(f"must be one of {', '.join(values)}")
        return v.lower()
    return parse


def email(v: str) -> str:
    if len(v) > 254 or not _EMAIL.match(v):
        raise Invalid("invalid email")
    local, domain = v.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def phone(v: str, region: str | None = None) -> str:
    """International forms (+966…, 00971…), or local ones when the row has a country; stored as E.164."""
    if v.startswith("00"):
        v = "+" + v[2:]
    try:
        num = phonenumbers.parse(v, region if region in COUNTRIES else None)
    except phonenumbers.NumberParseException:
        raise Invalid("invalid phone number (use +<country code>… or set country)") from None
    if not phonenumbers.is_valid_number(num):
        raise Invalid("invalid phone number")
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def iso_date(v: str) -> str:
    try:
        d = date.fromisoformat(v)
    except ValueError:
        raise Invalid("invalid date (expected YYYY-MM-DD)") from None
    if len(v) != 10 or d > date.today():
        raise Invalid("invalid date (expected YYYY-MM-DD, not in the future)")
    return d.isoformat()


def iso_datetime(v: str) -> datetime:
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        raise Invalid("invalid date-time (expected ISO 8601, e.g. 2026-11-02T09:30:00Z)") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)  # naive times are read as UTC (documented)
    return dt.astimezone(timezone.utc)


def amount(*, positive: bool = False) -> Parser:
    def parse(v: str) -> Decimal:
        try:
            d = Decimal(v)
        except InvalidOperation:
            raise Invalid("invalid amount (expected a decimal number like 1250.50)") from None
        if not d.is_finite() or d.as_tuple().exponent < -2:  # type: ignore[operator]
            raise Invalid("invalid amount (at most 2 decimal places)")
        if d < 0 or (positive and d == 0) or d > MAX_AMOUNT:
            raise Invalid("amount out of range" + (" (must be > 0)" if positive else " (must be >= 0)"))
        return d.quantize(Decimal("0.01"))
    return parse


def currency(v: str) -> str:
    if v.upper() not in CURRENCIES or len(v) != 3:
        raise Invalid("unknown currency code (ISO 4217, e.g. SAR)")
    return v.upper()


def country(v: str) -> str:
    if v.upper() not in COUNTRIES:
        raise Invalid("unknown country code (ISO 3166-1 alpha-2, e.g. SA)")
    return v.upper()


def language(v: str) -> str:
    if v != "mixed" and not _LANG.match(v):
        raise Invalid("invalid language tag (e.g. en, ar, mixed)")
    return v


def boolean(v: str) -> bool:
    table = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
    if v.lower() not in table:
        raise Invalid("must be true or false")
    return table[v.lower()]


def iban(v: str) -> str:
    try:
        return std_iban.validate(v)
    except ValidationError:
        raise Invalid("invalid IBAN") from None


def row_id(v: str) -> int:
    if not v.isdigit() or len(v) > 18:
        raise Invalid("invalid id (expected a positive integer)")
    return int(v)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    parse: Parser
    required: bool = False
    attr: str | None = None  # model attribute; None = handled by the importer (keys, references)


def _c(name: str, parse: Parser, required: bool = False, *, attr: str | None | bool = True) -> Column:
    return Column(name, parse, required, name if attr is True else (attr or None))


_ID = _c("id", row_id, attr=None)
_EXT = _c("external_id", text(120), attr=None)


def _ref(entity: str) -> tuple[Column, Column]:
    return _c(f"{entity}_external_id", text(120), attr=None), _c(f"{entity}_id", row_id, attr=None)


FILES: dict[str, tuple[Column, ...]] = {
    "branches.csv": (
        _c("name", text(120), True), _c("city", text(120), True), _c("country", country, True),
        _c("currency", currency, True),
    ),
    "users.csv": (
        _c("email", email, True), _c("full_name", text(200), True), _c("role", enum(ROLES), True),
        _c("branch", text(120), attr=None), _c("preferred_language", language), _c("active", boolean),
    ),
    "contacts.csv": (
        _ID, _EXT, _c("first_name", text(120), True), _c("last_name", text(120)), _c("name_alt", text(240)),
        _c("company", text(200)), _c("email", email), _c("phone", phone), _c("national_id", text(40)),
        _c("address", text(400)), _c("city", text(120)), _c("country", country),
        _c("preferred_language", language), _c("date_of_birth", iso_date),
        _c("branch", text(120), attr=None), _c("health_conditions", text(4000)),
        _c("medications", text(4000)), _c("allergies", text(4000)), _c("created_at", iso_datetime),
    ),
    "leads.csv": (
        _ID, _EXT, *_ref("contact"), _c("title", text(200), True), _c("source", enum(LEAD_SOURCES), True),
        _c("stage", enum(LEAD_STAGES), True), _c("status", enum(LEAD_STATUSES)), _c("value", amount()),
        _c("currency", currency, True), _c("owner_email", email, attr=None), _c("branch", text(120), attr=None),
        _c("created_at", iso_datetime), _c("closed_at", iso_datetime),
    ),
    "activities.csv": (
        _ID, _EXT, _c("kind", enum(ACTIVITY_KINDS), True), _c("body", text(20000), True),
        _c("subject", text(300)), _c("occurred_at", iso_datetime, True), *_ref("lead"), *_ref("contact"),
        _c("author_email", email, attr=None), _c("language", language), _c("body_class", enum(BODY_CLASSES)),
    ),
    "wallets.csv": (
        _ID, _EXT, *_ref("contact"), _c("currency", currency, True), _c("balance", amount()), _c("iban", iban),
    ),
    "transactions.csv": (
        *_ref("wallet"), _c("kind", enum(TRANSACTION_KINDS), True), _c("amount", amount(positive=True), True),
        _c("currency", currency, True), _c("reference", text(120)), _c("occurred_at", iso_datetime, True),
    ),
}
ORDER = tuple(FILES)  # dependency order
SPECIAL_COLUMNS = ("health_conditions", "medications", "allergies")
