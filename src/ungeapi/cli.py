"""The `ungeapi` command: serve, migrate, token, seed-demo, openapi, import, worker, retention.

Where a command needs a database and none is configured (no UNGEAPI_DATABASE_URL, UNGEAPI_ENV
unset or development), a checkout uses the development database that `serve --dev` uses
(ungeapi_dev.devserver); a production install, which has no development tools, goes by its
settings. Invalid settings are one line on stderr, not a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from ungeapi.core.permissions import ROLES
from ungeapi.core.settings import DEV_JWT_SECRET, Settings

OPENAPI_PATH = Path("openapi/ungeapi-v1.json")
DEV_MUNICIPALITY = "860"


class DevToolsMissing(Exception):
    """A development feature was asked for where the development tools (ungeapi_dev) are absent."""

    def __init__(self, feature: str) -> None:
        super().__init__(
            f"{feature} is a development feature: it needs the package ungeapi_dev, which a "
            "production install leaves out. In a checkout of ungeapi: "
            "pip install -e '.[dev,embedded]' (make run does it)."
        )


@contextmanager
def _dev_tools(feature: str) -> Iterator[None]:
    """Imports inside the block that fail for want of ungeapi_dev raise DevToolsMissing; any other
    missing module (one ungeapi_dev itself needs) stays the error it is."""
    try:
        yield
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] != "ungeapi_dev":
            raise
        raise DevToolsMissing(feature) from None


def _dev_settings(**overrides: object) -> Settings:
    os.environ.setdefault("UNGEAPI_ENV", "development")
    os.environ.setdefault("UNGEAPI_JWT_DEV_SECRET", DEV_JWT_SECRET)
    return Settings(**overrides)  # type: ignore[arg-type]


def migrate(database_url: str) -> None:
    from alembic import command

    from ungeapi.migrations_head import alembic_config

    command.upgrade(alembic_config(database_url), "head")


class CommandFailed(Exception):
    """A command cannot go on; the message says why and what to do."""


def _find_database(args: argparse.Namespace) -> None:
    """For a command that needs a database: in a checkout with none configured, the development
    database (started, created and migrated), as `serve --dev` uses it; else nothing."""
    args.dev_database = None
    if os.environ.get("UNGEAPI_DATABASE_URL"):
        return
    if os.environ.get("UNGEAPI_ENV", "development") != "development":
        return
    try:
        from ungeapi_dev import devserver
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] != "ungeapi_dev":
            raise
        return  # a production install: the settings say what is missing
    os.environ.setdefault("UNGEAPI_ENV", "development")
    os.environ.setdefault("UNGEAPI_JWT_DEV_SECRET", DEV_JWT_SECRET)
    try:
        database = devserver.development_database()
    except RuntimeError as exc:  # no PostgreSQL found, or it would not start: the message says why
        raise CommandFailed(f"UNGEAPI_DATABASE_URL is not set, and the development database: {exc}") from None
    os.environ["UNGEAPI_DATABASE_URL"] = database.url
    args.dev_database = database
    if args.command != "serve":
        print(f"ungeapi: UNGEAPI_DATABASE_URL is not set: using {database.where}", file=sys.stderr)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ungeapi.core.observability import configure_logging, logger
    from ungeapi.core.server import uvicorn_options
    from ungeapi.main import create_app

    if args.dev:
        with _dev_tools("`ungeapi serve --dev`"):
            from ungeapi_dev import devserver
        return devserver.serve(
            args.host, args.port, municipality=DEV_MUNICIPALITY, database=args.dev_database
        )
    configure_logging(os.environ.get("UNGEAPI_LOG_LEVEL", "INFO"))
    settings = Settings()
    if args.migrate and args.dev_database is None:  # the development database is migrated
        migrate(settings.owner_database_url)
        logger.info("migrations applied")
    app = create_app(settings)
    if args.workers > 1:
        return _serve_workers(args, settings)
    if settings.env == "development":
        _print_dev_tokens(settings)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        access_log=False,
        log_config=None,
        **uvicorn_options(settings.max_header_bytes),
    )
    return 0


def _serve_workers(args: argparse.Namespace, settings: Settings) -> int:
    """`args.workers` processes on one port. The app built before this in the parent is not
    served: building it checked the settings once, before any worker starts."""
    import uvicorn

    if settings.env == "development":
        _print_dev_tokens(settings)
    # Each worker builds its own app from the environment, which the options above have
    # completed; uvicorn's parent holds the port, hands connections to the workers and starts a
    # new worker when one dies.
    uvicorn.run(
        "ungeapi.main:app_from_env",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        access_log=False,
        log_config=None,
    )
    return 0


def _print_dev_tokens(settings: Settings) -> None:
    try:
        with _dev_tools("the development tokens"):
            from ungeapi_dev.demo import dev_tokens
    except DevToolsMissing:
        # Serving in development without the tools is allowed; only the ready-made tokens are not there.
        print("development: mint a token with `ungeapi token` (see --help)", flush=True)
        return
    print(f"development tokens for municipality {DEV_MUNICIPALITY} (Authorize in /docs):", flush=True)
    for line in dev_tokens(settings, DEV_MUNICIPALITY):
        print(f"  {line}", flush=True)


def cmd_migrate(args: argparse.Namespace) -> int:
    if args.dev_database is None:  # the development database was migrated when it was found
        migrate(Settings().owner_database_url)
    print("migrations applied")
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    """Fills a demo municipality with synthetic youth; does nothing when it already has youth."""
    with _dev_tools("`ungeapi seed-demo`"):
        from ungeapi_dev.demo import seed_demo

    # The seeding's in-process app logs at WARNING: not a line for each of its ~500 requests.
    settings = _dev_settings(log_level="WARNING")
    result = asyncio.run(seed_demo(settings, args.municipality, count=args.count))
    print(result.summary())
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from ungeapi.core.security import mint_dev_token

    settings = _dev_settings()
    roles = [r for r in args.roles.split(",") if r]
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        print(f"unknown roles: {', '.join(unknown)} (known: {', '.join(ROLES)})", file=sys.stderr)
        return 2
    token = mint_dev_token(
        settings,
        sub=args.sub,
        name=args.name,
        roles=roles,
        departments=[d for d in args.departments.split(",") if d],
        municipality=args.municipality,
        ttl_seconds=args.ttl,
    )
    print(token)
    return 0


def build_openapi() -> dict[str, object]:
    from ungeapi.main import create_app

    app = create_app(Settings(env="test", jwt_dev_secret=DEV_JWT_SECRET))
    return app.openapi()


def render_openapi() -> str:
    return json.dumps(build_openapi(), indent=2, ensure_ascii=False) + "\n"


def cmd_openapi(args: argparse.Namespace) -> int:
    path = Path(args.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_openapi(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    """Pseudonymizes youth past the age window and inactive for the policy's years (privacy)."""
    from datetime import date

    from ungeapi.privacy.retention import run_retention

    settings = Settings()
    today = date.fromisoformat(args.today) if args.today else None
    for municipality in args.municipality:
        result = asyncio.run(run_retention(settings, municipality, today=today, dry_run=args.dry_run))
        verb = "would pseudonymize" if result.dry_run else "pseudonymized"
        print(
            f"{municipality}: {verb} {len(result.youth_ids)} youth (older than {result.age_max}, "
            f"inactive {result.inactive_years} years on {result.today.isoformat()})"
        )
        for youth_id in result.youth_ids:
            print(f"  {youth_id}")
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ungeapi", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the API with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument(
        "--workers",
        type=_positive,
        default=os.environ.get("UNGEAPI_WORKERS", "1"),
        help="API processes sharing the port (uvicorn workers; default UNGEAPI_WORKERS or 1): each "
        "has its own pool of 2 x UNGEAPI_DB_POOL_SIZE database connections (docs/operating.md)",
    )
    serve.add_argument(
        "--dev",
        action="store_true",
        help="development (needs the development tools): the development database, migrations, demo "
        "data, the webhook worker in the same process, tokens",
    )
    serve.add_argument("--migrate", action="store_true", help="apply migrations before serving")
    serve.set_defaults(func=cmd_serve, database=True)

    mig = sub.add_parser("migrate", help="apply database migrations (as the schema owner)")
    mig.set_defaults(func=cmd_migrate, database=True)

    tok = sub.add_parser("token", help="mint a development token (HS256)")
    tok.add_argument("--sub", required=True)
    tok.add_argument("--name", default=None)
    tok.add_argument("--roles", required=True, help="comma-separated: " + ",".join(ROLES))
    tok.add_argument("--departments", default="", help="comma-separated department codes")
    tok.add_argument("--municipality", default=DEV_MUNICIPALITY)
    tok.add_argument("--ttl", type=int, default=8 * 3600, help="lifetime in seconds")
    tok.set_defaults(func=cmd_token)

    demo = sub.add_parser(
        "seed-demo", help="development: fill a demo municipality with synthetic youth (once)"
    )
    demo.add_argument("--municipality", default=DEV_MUNICIPALITY, help="kommunekode")
    demo.add_argument("--count", type=int, default=200, help="how many youth")
    demo.set_defaults(func=cmd_seed_demo, database=True)

    ret = sub.add_parser("retention", help="pseudonymize youth past the age window and long inactive")
    ret.add_argument("--municipality", action="append", required=True, help="kommunekode (repeatable)")
    ret.add_argument("--dry-run", action="store_true", help="list who is due, change nothing")
    ret.add_argument("--today", default=None, help="run as of this date (YYYY-MM-DD)")
    ret.set_defaults(func=cmd_retention, database=True)

    spec = sub.add_parser("openapi", help="write the OpenAPI spec")
    spec.add_argument("--output", default=str(OPENAPI_PATH))
    spec.set_defaults(func=cmd_openapi)

    from ungeapi.imports.cli import add_parser as add_import_parser

    add_import_parser(sub)
    sub.choices["import"].set_defaults(database=True)
    work = sub.add_parser("worker", help="deliver webhooks (runs until stopped)")
    work.add_argument("--once", action="store_true", help="one round, then exit")
    work.add_argument("--idle", type=float, default=2.0, help="seconds to wait when there is nothing to do")
    work.set_defaults(func=cmd_worker, database=True)
    return p


def cmd_worker(args: argparse.Namespace) -> int:
    from ungeapi.events.worker import cmd_worker as run_worker

    return run_worker(args)


def _settings_problem(exc: ValidationError) -> str:
    """One line per invalid setting, named as it is set (UNGEAPI_...)."""
    lines = []
    for error in exc.errors():
        name = "UNGEAPI_" + "_".join(str(part) for part in error["loc"]).upper() if error["loc"] else ""
        message = error["msg"].removeprefix("Value error, ")
        lines.append(f"{name}: {message}" if name else message)
    return "; ".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if getattr(args, "database", False):
            _find_database(args)
        result: int = args.func(args)
    except DevToolsMissing as exc:
        print(f"ungeapi: {exc}", file=sys.stderr)
        return 2
    except CommandFailed as exc:
        print(f"ungeapi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C before a server took it over (migrating, seeding)
        return 130
    except ValidationError as exc:
        if exc.title != Settings.__name__:
            raise
        problem = _settings_problem(exc)
        print(f"ungeapi: the settings (UNGEAPI_* variables) are not valid: {problem}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    raise SystemExit(main())
