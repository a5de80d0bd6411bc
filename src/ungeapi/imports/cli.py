"""`ungeapi import FILE --kind youth|cases|absence [--dry-run] [--mode ...]`: the same import
path as POST /v1/imports, run in this process against the database, with a progress bar."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from pathlib import Path
from typing import TextIO

from ungeapi.core.context import Ctx, request_ctx
from ungeapi.core.crypto import CprVault
from ungeapi.core.db import Database
from ungeapi.core.security import Principal
from ungeapi.core.settings import Settings
from ungeapi.imports import service
from ungeapi.imports.receive import SUFFIXES

BAR_WIDTH = 30


class ProgressBar:
    """A one-line bar on stderr, redrawn at most once per percent."""

    def __init__(self, out: TextIO = sys.stderr) -> None:
        self.out = out
        self.last: tuple[int, int | None] | None = None

    def __call__(self, processed: int, total: int | None) -> None:
        if total:
            share = min(processed / total, 1.0)
            key = (int(share * 100), total)
            if key == self.last:
                return
            self.last = key
            filled = int(share * BAR_WIDTH)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            self.out.write(f"\r[{bar}] {share:6.1%} {processed}/{total} records")
        else:
            self.out.write(f"\r{processed} records")
        self.out.flush()

    def done(self) -> None:
        self.out.write("\n")
        self.out.flush()


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import", help="bulk-import a CSV, JSON or NDJSON file (youth, cases, absence)")
    p.add_argument("file", type=Path)
    p.add_argument("--kind", required=True, choices=["youth", "cases", "absence"])
    p.add_argument("--format", choices=["csv", "json", "ndjson"], help="default: from the file's suffix")
    p.add_argument("--mode", default="all_or_nothing", choices=["all_or_nothing", "valid_rows"])
    p.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
    p.add_argument(
        "--update-existing", action="store_true", help="youth: rows may change existing youth (same CPR)"
    )
    p.add_argument("--municipality", required=True, help="kommunekode, 3 digits")
    p.add_argument("--departments", default="", help="comma-separated: whose departments' data this is")
    p.add_argument("--sub", default=None, help="who is importing, for the audit log (default: cli:<user>)")
    p.add_argument("--batch-size", type=int, default=service.BATCH_SIZE)
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    path: Path = args.file
    fmt = args.format or SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        print(f"cannot tell the format of {path}: pass --format", file=sys.stderr)
        return 2
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    options = service.ImportOptions(
        kind=args.kind,
        format=fmt,
        mode=args.mode,
        dry_run=args.dry_run,
        batch_size=args.batch_size,
        update_existing=args.update_existing,
    )
    principal = Principal(
        sub=args.sub or f"cli:{getpass.getuser()}",
        name=args.sub or "ungeapi import",
        municipality=args.municipality,
        departments=tuple(d for d in args.departments.split(",") if d),
        roles=frozenset({"integration"}),
    )
    ctx = request_ctx(principal, "bulk-import", None)
    summary, job_id = asyncio.run(_run(Settings(), ctx, path, options))
    print(
        json.dumps(
            {
                "id": str(job_id),
                **summary.counts(),
                "dry_run": options.dry_run,
                "update_existing": options.update_existing,
                "codes": dict(summary.codes.most_common()),
            }
        )
    )
    if summary.bad_lines:
        shown = sorted(summary.bad_lines)[:20]
        more = "" if len(summary.bad_lines) <= 20 else f" (+{len(summary.bad_lines) - 20} more)"
        print(f"bad lines: {', '.join(map(str, shown))}{more}; GET /v1/imports/{job_id}", file=sys.stderr)
    return 0 if summary.status == "completed" else 1


async def _run(
    settings: Settings, ctx: Ctx, path: Path, options: service.ImportOptions
) -> tuple[service.ImportSummary, object]:
    db = Database(settings)
    vault = CprVault(settings.effective_cpr_key, settings.effective_cpr_hash_key)
    bar = ProgressBar()
    try:
        job_id, summary = await service.import_file(
            db.transaction, ctx, path, options, vault=vault, on_progress=bar
        )
        bar.done()
        return summary, job_id
    finally:
        await db.dispose()
