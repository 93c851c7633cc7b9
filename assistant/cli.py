"""`lua-assistant` command line: serve, migrate, seed, tokens, import, redact, eval, audit."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", " ")


def _settings():
    from pydantic import ValidationError

    from assistant.settings import get_settings

    try:
        return get_settings()
    except ValidationError as exc:
        lines = [f"  {'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}" for e in exc.errors()]
        sys.exit("invalid configuration (LUA_* environment):\n" + "\n".join(lines))


def _factory(settings):
    from connectors.crm.db import make_engine, make_session_factory

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return make_session_factory(make_engine(settings.effective_database_url))


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.api.app import create_app
    from assistant.startup import check_startup

    settings = _settings()
    check_startup(settings)
    host, port = args.host or settings.host, args.port or settings.port
    scheme = "https" if settings.ssl_certfile else "http"
    print(f"serving on {scheme}://{host}:{port}  (API docs: {scheme}://{host}:{port}/docs)", flush=True)
    tls = {}
    if settings.ssl_certfile:
        tls = {"ssl_certfile": str(settings.ssl_certfile), "ssl_keyfile": str(settings.ssl_keyfile or "")}
    # No access log: paths can carry ids, and request logging is done by our middleware (counts only).
    app = create_app(settings)
    _warm_in_background(app.state.services)
    uvicorn.run(app, host=host, port=port, log_level=settings.log_level.lower(), access_log=False, **tls)
    return 0


def _warm_in_background(services) -> None:
    """Load the redactor (spaCy, name lists: ~8 s) while the server starts, so the first user's request
    does not pay for it. Best effort: a failure here is logged, and the first request loads it again."""
    import logging
    import threading

    def warm() -> None:
        try:
            _ = services.redactor
        except Exception as exc:  # pragma: no cover - surfaced again by the first request
            logging.getLogger(__name__).warning("warm-up failed", extra={"error": type(exc).__name__})

    threading.Thread(target=warm, name="lua-warmup", daemon=True).start()


def cmd_migrate(args: argparse.Namespace) -> int:
    from connectors.crm.migrate import upgrade

    settings = _settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.effective_database_url)
    print("database migrated")
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from connectors.crm.demo import seed_demo

    settings = _settings()
    summary = seed_demo(_factory(settings), seed=args.seed or settings.demo_seed, scale=args.scale)
    for t in summary.tenants:
        state = "created" if t.created else "already present, unchanged"
        counts = ", ".join(f"{k} {v}" for k, v in t.counts.items())
        print(f"{t.slug}: {state} ({counts})")
    return 0


def _summary_counts(summary) -> dict:
    from dataclasses import asdict

    data = asdict(summary)
    data.pop("logins", None)
    return data


def cmd_logins(args: argparse.Namespace) -> int:
    from connectors.crm.demo import demo_logins

    settings = _settings()
    print(f"\nLUA assistant: http://{settings.host}:{settings.port}   (API docs at /docs)")
    print("Demo logins (development tokens: lua-assistant token --tenant SLUG --user EMAIL):")
    for login in demo_logins(_factory(settings)):
        print(f"  {login.tenant:<12} {login.role:<10} {login.branch or '-':<10} {login.email}")
    print()
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from assistant.auth import issue_token
    from connectors.crm.models import Tenant, User

    settings = _settings()
    factory = _factory(settings)
    with factory() as session:
        tenant = session.scalar(select(Tenant).where(Tenant.slug == args.tenant))
        if tenant is None:
            print(f"no tenant with slug {args.tenant!r}", file=sys.stderr)
            return 2
        stmt = select(User).where(User.tenant_id == tenant.id, User.active.is_(True))
        if args.user:
            stmt = stmt.where(User.email == args.user)
        else:
            stmt = stmt.where(User.role == args.role).order_by(User.id)
        user = session.scalars(stmt).first()
        if user is None:
            print("no such user in that tenant", file=sys.stderr)
            return 2
        print(issue_token(settings=settings, tenant_slug=tenant.slug, user=user, ttl_seconds=args.ttl))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from connectors.crm.importer import ImportFailed, import_dir

    settings = _settings()
    try:
        report = import_dir(_factory(settings), Path(args.directory), tenant_slug=args.tenant)
    except ImportFailed as exc:
        for err in exc.errors:
            print(err, file=sys.stderr)
        print("import failed: nothing was kept", file=sys.stderr)
        return 1
    data = _summary_counts(report)
    data["activities_changed"] = len(data.pop("activity_ids", ()))
    if report.activity_ids and not args.no_index:
        from assistant.indexing import index_after_import

        data["indexed"] = index_after_import(_factory(settings), settings, report).as_dict()
    print(json.dumps(data, indent=2, default=str))
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from assistant.indexing import run_index
    from guardrails.errors import NotFound

    settings = _settings()
    try:
        report = run_index(_factory(settings), settings, args.tenant)
    except NotFound:
        print(f"no tenant with slug {args.tenant!r}", file=sys.stderr)
        return 2
    print(json.dumps(report.as_dict(), indent=2, default=str))
    return 0


def cmd_redact(args: argparse.Namespace, rest: list[str]) -> int:
    from guardrails.redaction.cli import main as redact_main

    return redact_main(rest)


def cmd_eval(args: argparse.Namespace, rest: list[str]) -> int:
    from evals.run import main as eval_main

    return eval_main([args.suite, *rest])


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from connectors.crm.models import Tenant
    from guardrails.audit import verify_chain

    settings = _settings()
    factory = _factory(settings)
    with factory() as session:
        tenant = session.scalar(select(Tenant).where(Tenant.slug == args.tenant))
        if tenant is None:
            print(f"no tenant with slug {args.tenant!r}", file=sys.stderr)
            return 2
        report = verify_chain(session, tenant.id, key=settings.audit_key.encode("utf-8"))
    print(json.dumps(report.as_dict(), indent=2))
    return 0 if report.ok else 1


def cmd_retention_run(args: argparse.Namespace) -> int:
    from connectors.crm.base import utcnow
    from guardrails.retention import days_from_scopes, run_retention

    settings = _settings()
    factory = _factory(settings)
    report = run_retention(factory, utcnow(), checkpoint_key=settings.audit_key.encode("utf-8"),
                           days_for=days_from_scopes(factory))
    print(json.dumps(report.as_dict(), indent=2, default=str))
    return 1 if report.errors else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lua-assistant", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="serve the API")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.set_defaults(func=cmd_serve)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    s = sub.add_parser("demo-data", help="seed the demo tenants (idempotent)")
    s.add_argument("--seed", type=int)
    s.add_argument("--scale", type=float, default=1.0)
    s.set_defaults(func=cmd_demo_data)
    sub.add_parser("logins", help="print the URL and the demo logins").set_defaults(func=cmd_logins)
    s = sub.add_parser("token", help="print a development token")
    s.add_argument("--tenant", required=True)
    who = s.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", help="user email")
    who.add_argument("--role", choices=["sales_rep", "manager", "admin"])
    s.add_argument("--ttl", type=int, default=None, help="seconds")
    s.set_defaults(func=cmd_token)
    s = sub.add_parser("import", help="import CSV files into a tenant (all or nothing)")
    s.add_argument("directory")
    s.add_argument("--tenant", required=True)
    s.add_argument("--no-index", action="store_true", help="do not index the imported notes now")
    s.set_defaults(func=cmd_import)
    s = sub.add_parser("index", help="bring a tenant's note index up to date (incremental, progress bar)")
    s.add_argument("--tenant", required=True)
    s.set_defaults(func=cmd_index)
    s = sub.add_parser("redact", help="redact stdin; prints JSON", add_help=False)
    s.set_defaults(func=cmd_redact, passthrough=True)
    s = sub.add_parser("eval", help="run an evaluation (pii, all, ...)")
    s.add_argument("suite")
    s.set_defaults(func=cmd_eval, passthrough=True)
    a = sub.add_parser("audit", help="audit chain tools")
    asub = a.add_subparsers(dest="audit_command", required=True)
    v = asub.add_parser("verify", help="verify a tenant's audit chain")
    v.add_argument("--tenant", required=True)
    v.set_defaults(func=cmd_audit_verify)
    r = sub.add_parser("retention", help="retention tools")
    rsub = r.add_subparsers(dest="retention_command", required=True)
    rsub.add_parser("run", help="purge what expired, for every tenant").set_defaults(func=cmd_retention_run)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if getattr(args, "passthrough", False):
        return args.func(args, rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
