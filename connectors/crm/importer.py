"""CSV import into one tenant: one file per entity, all or nothing (format: docs/import.md).

Every file is read, checked and written inside one `tenant_session`; if any row is bad the
whole import is rolled back and `ImportFailed` lists `file:line: reason` for each problem
(line = physical line in the file, header = line 1). Reasons never contain cell values.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from connectors.crm.db import system_session, tenant_session
from connectors.crm.import_schema import FILES, ORDER, SPECIAL_COLUMNS, Column, Invalid, phone
from connectors.crm.models import Activity, Branch, Contact, Lead, Tenant, Transaction, User, Wallet

log = logging.getLogger(__name__)

MAX_ERRORS = 100
MAX_FILE_BYTES = 64 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_MODELS = {"branches.csv": Branch, "users.csv": User, "contacts.csv": Contact, "leads.csv": Lead,
           "activities.csv": Activity, "wallets.csv": Wallet, "transactions.csv": Transaction}
_REFS = {"contact": ("contacts.csv", Contact), "lead": ("leads.csv", Lead), "wallet": ("wallets.csv", Wallet)}


class ImportFailed(Exception):
    """The import was rejected and nothing was written. `errors` holds `file:line: reason` lines."""

    status_code = 422

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__(f"import failed with {len(self.errors)} error(s): " + "; ".join(self.errors[:3]))


@dataclass(frozen=True, slots=True)
class EntityCount:
    created: int = 0
    updated: int = 0


@dataclass(frozen=True, slots=True)
class ImportReport:
    tenant: str
    counts: dict[str, EntityCount] = field(default_factory=dict)  # keyed by file stem: "leads"
    activity_ids: tuple[int, ...] = ()  # new or changed activities, for the note indexer


class _TooMany(Exception):
    pass


class _Run:
    """State of one import: errors, keys seen per file, and the rows written so far."""

    def __init__(self, session: Session, tenant: Tenant) -> None:
        self.s, self.tenant = session, tenant
        self.errors: list[str] = []
        self.keys: dict[str, dict[str, Any]] = {name: {} for name in ORDER}
        self.bad_keys: dict[str, set[str]] = {name: set() for name in ORDER}
        self.counts: dict[str, list[int]] = {}
        self.activities: list[Activity] = []
        self.branches = {b.name: b for b in session.scalars(select(Branch))}
        self.users = {u.email.lower(): u for u in session.scalars(select(User))}
        self._existing: dict[tuple[type, int], Any] = {}

    def error(self, where: str, reason: str) -> None:
        self.errors.append(f"{where}: {reason}")
        if len(self.errors) >= MAX_ERRORS:
            self.errors.append(f"stopped after {MAX_ERRORS} errors")
            raise _TooMany

    def existing(self, model: type, row_id: int) -> Any | None:
        key = (model, row_id)
        if key not in self._existing:  # a select, so the tenant criteria apply (no cross-tenant hits)
            self._existing[key] = self.s.scalars(select(model).where(model.id == row_id)).first()
        return self._existing[key]


def import_dir(factory: sessionmaker[Session], directory: Path, *, tenant_slug: str) -> ImportReport:
    """Import the CSV files in `directory` into the tenant `tenant_slug`, all or nothing."""
    with system_session(factory) as s:
        tenant = s.scalars(select(Tenant).where(Tenant.slug == tenant_slug)).first()
    if tenant is None:
        raise ImportFailed(["tenant: unknown tenant"])
    directory = Path(directory)
    if not directory.is_dir():
        raise ImportFailed(["directory: not found or not a directory"])
    present = sorted(p.name for p in directory.iterdir() if p.suffix.lower() == ".csv")
    unknown = [n for n in present if n not in FILES]
    if unknown:
        raise ImportFailed([f"{n}: unknown file (expected {', '.join(ORDER)})" for n in unknown])
    if not present:
        raise ImportFailed(["directory: no CSV files to import"])
    try:
        with tenant_session(factory, tenant.id) as session:
            run = _Run(session, tenant)
            # No autoflush: rows of a failing import may be incomplete and must never reach the DB.
            with session.no_autoflush:
                try:
                    for name in ORDER:
                        if name in present:
                            _import_file(run, name, directory / name)
                except _TooMany:
                    pass
            if run.errors:
                raise ImportFailed(run.errors)
            session.flush()
            activity_ids = tuple(sorted({a.id for a in run.activities}))
            counts = {n.removesuffix(".csv"): EntityCount(*c) for n, c in run.counts.items()}
    except SQLAlchemyError as exc:  # constraint races etc.; the transaction is rolled back
        log.warning("import rolled back by the database", extra={"error": type(exc).__name__})
        raise ImportFailed(["database: the import was rejected by the database and rolled back"]) from None
    log.info("import done", extra={"tenant": tenant_slug, "activities": len(activity_ids)})
    return ImportReport(tenant=tenant_slug, counts=counts, activity_ids=activity_ids)


# --- reading -------------------------------------------------------------------------------
def _records(run: _Run, name: str, path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: stripped text}) per data row; file-level problems become errors."""
    raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
    if len(raw) > MAX_FILE_BYTES:
        return run.error(name, f"file larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return run.error(name, "not UTF-8 text (binary data or another encoding)")
    bad = _CONTROL.search(content)
    if bad:
        return run.error(f"{name}:{content.count(chr(10), 0, bad.start()) + 1}", "binary data (control characters)")
    if not content.strip():
        return run.error(name, "empty file (a header row is required)")
    columns = {c.name: c for c in FILES[name]}
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    last_line = 0
    try:
        header = [h.strip().lower() for h in next(reader)]
        last_line = reader.line_num
        unknown = [h for h in header if h not in columns]
        dupes = sorted({h for h in header if header.count(h) > 1})
        missing = [c.name for c in FILES[name] if c.required and c.name not in header]
        for problem, names in (("unknown column(s)", unknown), ("duplicate column(s)", dupes),
                               ("missing required column(s)", missing)):
            if names:
                run.error(f"{name}:1", f"{problem}: {', '.join(n[:40] or '(empty name)' for n in names)}")
        if unknown or dupes or missing:
            return
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not cells or all(not c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                run.error(f"{name}:{line}", f"expected {len(header)} columns, found {len(cells)}")
                continue
            yield line, {h: c.strip() for h, c in zip(header, cells)}
    except csv.Error as exc:
        msg = str(exc)
        reason = ("unterminated quoted field" if "unexpected end" in msg else
                  "cell too large" if "field limit" in msg else "malformed quoting")
        run.error(f"{name}:{last_line + 1}", f"malformed CSV ({reason})")


def _parse(run: _Run, where: str, record: dict[str, str], columns: tuple[Column, ...]) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    ok = True
    for col in columns:
        cell = record.get(col.name, "")
        if not cell:
            if col.required:
                run.error(where, f"{col.name}: required")
                ok = False
            continue
        try:
            if col.parse is phone:  # local forms need the row's country
                values[col.name] = phone(cell, record.get("country", "").upper() or None)
            else:
                values[col.name] = col.parse(cell)
        except Invalid as exc:
            run.error(where, f"{col.name}: {exc}")
            ok = False
    if ok and run.tenant.kind != "clinic":
        if any(values.get(c) for c in SPECIAL_COLUMNS) or values.get("body_class") == "special":
            run.error(where, "health (special-category) data is only accepted for clinic tenants")
            ok = False
    return values if ok else None


# --- writing -------------------------------------------------------------------------------
def _resolve(run: _Run, where: str, values: dict[str, Any], entity: str) -> tuple[bool, Any]:
    """(ok, row) for the `<entity>_external_id` / `<entity>_id` pair; row None when neither given."""
    ext, rid = values.get(f"{entity}_external_id"), values.get(f"{entity}_id")
    file, model = _REFS[entity]
    if ext is not None and rid is not None:
        run.error(where, f"give {entity}_external_id or {entity}_id, not both")
        return False, None
    if ext is not None:
        if ext in run.bad_keys[file]:
            run.error(where, f"{entity}_external_id refers to a row of {file} that has errors")
            return False, None
        row = run.keys[file].get(ext)
        if row is None:
            run.error(where, f"{entity}_external_id not found in {file}")
            return False, None
        return True, row
    if rid is not None:
        row = run.existing(model, rid)
        if row is None:
            run.error(where, f"{entity}_id not found in this tenant")
            return False, None
        return True, row
    return True, None


def _named(run: _Run, where: str, values: dict[str, Any], key: str, table: dict[str, Any], what: str) -> tuple[bool, Any]:
    if key not in values:
        return True, None
    row = table.get(values[key].lower() if key.endswith("email") else values[key])
    if row is None:
        run.error(where, f"{key}: unknown {what}")
        return False, None
    return True, row


def _import_file(run: _Run, name: str, path: Path) -> None:
    columns, model = FILES[name], _MODELS[name]
    created = updated = 0
    seen: dict[str, int] = {}
    for line, record in _records(run, name, path):
        where = f"{name}:{line}"
        values = _parse(run, where, record, columns)
        ext = record.get("external_id") or record.get("name" if name == "branches.csv" else "email")
        natural = name in ("branches.csv", "users.csv")
        key = ext.lower() if (ext and name == "users.csv") else ext
        if key and key in seen:
            run.error(where, f"duplicate {'key' if natural else 'external_id'} (first at line {seen[key]})")
            values = None
        elif key:
            seen[key] = line
        if values is None:
            if key and not natural:
                run.bad_keys[name].add(key)
            continue
        row = _build(run, where, name, model, values)
        if row is None:
            if key and not natural:
                run.bad_keys[name].add(key)
            continue
        row, is_new = row
        created, updated = created + is_new, updated + (not is_new)
        if not natural and key:
            run.keys[name][key] = row
        if model is Activity:
            run.activities.append(row)
    if not run.errors:
        run.s.flush()  # assigns ids that later files refer to
    run.counts[name] = [created, updated]


def _build(run: _Run, where: str, name: str, model: type, values: dict[str, Any]) -> tuple[Any, bool] | None:
    attrs = {c.attr: values[c.name] for c in FILES[name] if c.attr and c.name in values}
    ok = True
    if name == "branches.csv":
        row = run.branches.get(values["name"])
        return _apply(run, row, Branch, attrs, store=lambda r: run.branches.__setitem__(r.name, r))
    ok_b, branch = _named(run, where, values, "branch", run.branches, "branch")
    ok &= ok_b
    if branch is not None:
        attrs["branch"] = branch
    if name == "users.csv":
        attrs["email"] = attrs["email"].lower()
        row = run.users.get(attrs["email"])
        return _apply(run, row, User, attrs, store=lambda r: run.users.__setitem__(r.email, r)) if ok else None
    for entity in ("contact", "lead", "wallet"):
        if any(c.name == f"{entity}_id" for c in FILES[name]):
            ok_r, ref = _resolve(run, where, values, entity)
            ok &= ok_r
            if ref is not None:
                attrs[entity] = ref
    for key, attr in (("owner_email", "owner"), ("author_email", "author")):
        ok_u, user = _named(run, where, values, key, run.users, "user")
        ok &= ok_u
        if user is not None:
            attrs[attr] = user
    if not ok or not _check(run, where, name, attrs):
        return None
    existing = None
    if "id" in values:
        existing = run.existing(model, values["id"])
        if existing is None:
            run.error(where, "id not found in this tenant")
            return None
    return _apply(run, existing, model, attrs)


def _check(run: _Run, where: str, name: str, attrs: dict[str, Any]) -> bool:
    """Cross-column rules of one row."""
    problems = []
    if name in ("leads.csv", "wallets.csv") and "contact" not in attrs:
        problems.append("contact_external_id or contact_id is required")
    if name == "transactions.csv":
        if "wallet" not in attrs:
            problems.append("wallet_external_id or wallet_id is required")
        elif attrs["wallet"].currency != attrs["currency"]:
            problems.append("currency differs from the wallet's currency")
    if name == "activities.csv" and "lead" not in attrs and "contact" not in attrs:
        problems.append("an activity needs a lead or a contact reference")
    if name == "leads.csv":
        stage, status = attrs["stage"], attrs.get("status")
        derived = stage if stage in ("won", "lost") else "open"
        if status is not None and status != derived:
            problems.append("status does not match stage (won/lost stages close the lead)")
        attrs["status"] = derived
        if attrs.get("closed_at") and attrs.get("created_at") and attrs["closed_at"] < attrs["created_at"]:
            problems.append("closed_at is before created_at")
        if derived == "open" and attrs.get("closed_at"):
            problems.append("closed_at is set on an open lead")
    for p in problems:
        run.error(where, p)
    return not problems


def _apply(run: _Run, row: Any, model: type, attrs: dict[str, Any], store=None) -> tuple[Any, bool]:
    refs = {"branch": "branch_id", "contact": "contact_id", "lead": "lead_id", "wallet": "wallet_id",
            "owner": "owner_id", "author": "author_id"}
    objs = {k: attrs.pop(k) for k in list(attrs) if k in refs}
    is_new = row is None
    if is_new:
        if model is Contact:
            attrs.setdefault("last_name", "")
        row = model(**attrs)
        run.s.add(row)
    else:
        for k, v in attrs.items():
            setattr(row, k, v)
    if objs:
        # Rows created in this import get their ids at the flush after their file, before use here.
        for k, ref in objs.items():
            setattr(row, refs[k], ref.id)
        if model is Activity and "contact" not in objs and "lead" in objs:
            row.contact_id = objs["lead"].contact_id
    if store is not None:
        store(row)
    return row, is_new
