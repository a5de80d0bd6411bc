"""Import throughput: N youth through the import path vs a plain COPY of the same rows.

    python -m bench.import_bench --rows 100000

Both load into a fresh database of their own (`ungeapi_bench_import`), into municipalities no
other data uses. The import path does everything the API does per row (schema validation, the
age rule, CPR encryption and keyed hash, audit row, change event, upsert); the plain COPY only
writes the youth rows, already encrypted, so the ratio is what our work per row costs.
Peak memory is the process's maximum resident set size after the import.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

import asyncpg

from bench import database
from ungeapi.core.context import Ctx
from ungeapi.core.crypto import CprVault
from ungeapi.core.db import Database
from ungeapi.core.security import Principal
from ungeapi.core.settings import DEV_JWT_SECRET, Settings
from ungeapi.imports.service import ImportOptions, import_file
from ungeapi.youth.rules import name_key, parse_cpr

NAME = "ungeapi_bench_import"


def synthetic_rows(n: int) -> list[tuple[str, str, str]]:
    """Valid-format numbers from 1 January birthdays (years 1997-2012) and serials 4000-4999;
    up to 16,000 distinct numbers per block, each block in a municipality of its own."""
    return [
        (f"0101{(97 + (i // 1000) % 16) % 100:02d}-4{i % 1000:03d}", f"Bench{i}", "Importsen")
        for i in range(n)
    ]


async def run(server: str, rows: int) -> dict[str, float]:
    await database.ensure_database(server, NAME, recreate=True)
    dsn = database.with_database(server, NAME)
    await asyncio.to_thread(database.migrate, dsn)
    settings = Settings(env="test", database_url=database.sqlalchemy_url(dsn), jwt_dev_secret=DEV_JWT_SECRET)
    vault = CprVault(settings.effective_cpr_key, settings.effective_cpr_hash_key)
    block = 16_000
    data = synthetic_rows(rows)
    with tempfile.TemporaryDirectory() as tmp:
        # One file per 16,000-row block (one municipality each), so every CPR is new where it lands.
        files = []
        for start in range(0, rows, block):
            path = Path(tmp) / f"youth-{start}.csv"
            lines = ["cpr;fornavn;efternavn", *(";".join(r) for r in data[start : start + block])]
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            files.append(path)
        db = Database(settings)
        started = time.perf_counter()
        for index, path in enumerate(files):
            ctx = Ctx(
                principal=Principal(
                    sub="bench",
                    name="Bench",
                    municipality=f"{100 + index:03d}",
                    roles=frozenset({"integration"}),
                ),
                purpose="bench import",
                request_id=None,
                today=date(2026, 11, 23),
            )
            _, summary = await import_file(
                db.sessionmaker,
                ctx,
                path,
                ImportOptions(kind="youth", format="csv", mode="valid_rows"),
                vault=vault,
            )
            assert summary.status == "completed", summary
        import_seconds = time.perf_counter() - started
        await db.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    records = []
    for i, (cpr_text, given, family) in enumerate(data):
        municipality = f"{500 + i // block:03d}"
        cpr = parse_cpr(cpr_text)
        records.append(
            (
                municipality,
                vault.encrypt(cpr.digits, municipality),
                vault.lookup_hash(cpr.digits),
                cpr.birth_date,
                given,
                family,
                name_key(given),
                name_key(family),
            )
        )
    conn = await asyncpg.connect(dsn)
    try:
        started = time.perf_counter()
        await conn.copy_records_to_table(
            "youth",
            records=records,
            columns=[
                "municipality_code",
                "cpr_ciphertext",
                "cpr_hash",
                "birth_date",
                "given_name",
                "family_name",
                "given_name_key",
                "family_name_key",
            ],
        )
        copy_seconds = time.perf_counter() - started
    finally:
        await conn.close()
    return {
        "rows": rows,
        "import_s": import_seconds,
        "import_rows_per_s": rows / import_seconds,
        "copy_s": copy_seconds,
        "copy_rows_per_s": rows / copy_seconds,
        "ratio": copy_seconds / import_seconds,
        "peak_mb": peak_mb,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", default=database.DEFAULT_SERVER)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.server, args.rows))
    print(
        f"import {result['rows']:,} youth: {result['import_s']:.1f} s "
        f"({result['import_rows_per_s']:,.0f} rows/s); "
        f"plain COPY {result['copy_s']:.1f} s ({result['copy_rows_per_s']:,.0f} rows/s); "
        f"ratio {result['ratio']:.2f} (target >= 0.4); peak memory {result['peak_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
