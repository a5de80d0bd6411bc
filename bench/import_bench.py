"""Import throughput and memory: the issue's `bench/import.py` (`import` is a Python keyword).

    .venv/bin/python -m bench.import_bench [--rows 100000] [--memory-rows 1000000]

1. Throughput: one CSV file of `--rows` youth through the import path (`import_file`, the
   function POST /v1/imports and `ungeapi import` run; mode valid_rows) vs a plain COPY of the same
   rows into the same table (`youth`, all its indexes), in a municipality of its own each. The
   import does everything the API does per row (schema validation, the age rule, CPR encryption
   and keyed hash, duplicate check, upsert, one audit row and one change event per youth); the
   COPY only writes the youth rows, encrypted beforehand outside the timing, so the ratio
   COPY time / import time is what our work per row costs. Target (issue 8): at least 0.4.
2. Memory: one CSV file of `--memory-rows` youth imported by the real command
   (`ungeapi.cli.main`: `import FILE --kind youth --mode valid_rows`) in a child process; its
   peak resident set size (VmHWM, read by the process as it exits) is the figure. Target: under
   300 MB for 1,000,000 rows. The file is written and read as a stream; this process never holds
   its rows.

Everything goes into a database of its own (`ungeapi_bench_import`), recreated each run.
Synthetic CPR numbers come from `bench.generate.CprFactory` (valid format, all fail modulus 11,
see bench/generate.py), one birth date after another over 16 birth years in the age window.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from bench import database
from bench.generate import CprFactory
from ungeapi.core.context import Ctx, today_in_copenhagen
from ungeapi.core.crypto import CprVault
from ungeapi.core.db import Database
from ungeapi.core.security import Principal
from ungeapi.core.settings import DEV_JWT_SECRET, Settings
from ungeapi.imports import bulk
from ungeapi.imports.service import BATCH_SIZE, ImportOptions, import_file
from ungeapi.youth.rules import name_key, parse_cpr

NAME = "ungeapi_bench_import"
# Round r imports into municipality 101 + r and copies into 201 + r; the memory run uses 301.
IMPORT_MUNICIPALITY = 101
COPY_MUNICIPALITY = 201
MEMORY_MUNICIPALITY = "301"
PROFILE_MUNICIPALITY = "401"
COPY_COLUMNS = [
    "municipality_code", "cpr_ciphertext", "cpr_hash", "birth_date", "given_name", "family_name",
    "given_name_key", "family_name_key",
]  # fmt: skip


@dataclass
class Rounds:
    import_s: list[float] = field(default_factory=list)
    copy_s: list[float] = field(default_factory=list)
    import_python_cpu_s: list[float] = field(default_factory=list)
    import_postgres_cpu_s: list[float] = field(default_factory=list)
    copy_postgres_cpu_s: list[float] = field(default_factory=list)


@dataclass
class ImportResult:
    rows: int
    batch_size: int
    import_s: float  # the fastest round
    copy_s: float  # the fastest round
    ratio: float  # copy_s / import_s
    rounds: Rounds = field(default_factory=Rounds)
    memory_rows: int | None = None
    memory_import_s: float | None = None
    memory_peak_mb: float | None = None
    memory_exit: int | None = None
    batch_split_ms: dict[str, float] = field(default_factory=dict)
    load_before: str = ""
    load_after: str = ""

    def markdown(self) -> list[str]:
        """The import section of bench/RESULTS.md."""
        lines = [
            "## Import: the import path vs a plain COPY"
            " (`bench/import_bench.py`, the issue's `bench/import.py`)",
            "",
            "Youth CSV files (`cpr;fornavn;efternavn`, synthetic CPR numbers) in a database of their own."
            " The import does per row what POST /v1/youth does: schema validation, the age rule, AES-GCM"
            " encryption and keyed hash of the CPR number, duplicate check, upsert, an audit row and a"
            " change event (mode valid_rows, batches of"
            f" {self.batch_size:,}). The plain COPY writes the same rows, encrypted beforehand outside the"
            " timing, into the same table (`youth`, all its indexes). Import and COPY alternate"
            f" {len(self.rounds.import_s)} times, each into a municipality of its own; the fastest of each"
            " counts.",
            "",
            "| measure | rows | seconds | rows/s | figure | target | |",
            "| --- | ---: | ---: | ---: | ---: | --- | --- |",
            f"| plain COPY into `youth` | {self.rows:,} | {self.copy_s:.2f}"
            f" | {self.rows / self.copy_s:,.0f} | | | |",
            f"| import path (`import_file`) | {self.rows:,} | {self.import_s:.2f} |"
            f" {self.rows / self.import_s:,.0f} | ratio COPY/import **{self.ratio:.2f}** | ≥ 0.4 |"
            f" {'met' if self.ratio >= 0.4 else '**not met**'} |",
        ]
        if self.memory_rows and self.memory_peak_mb is not None and self.memory_import_s is not None:
            ok = self.memory_exit == 0 and self.memory_peak_mb < 300
            lines.append(
                f"| `ungeapi import` in a child process | {self.memory_rows:,} | {self.memory_import_s:.1f} |"
                f" {self.memory_rows / self.memory_import_s:,.0f} | peak RSS **{self.memory_peak_mb:.0f} MB**"
                f"{'' if self.memory_exit == 0 else f' (exit {self.memory_exit})'} | < 300 MB |"
                f" {'met' if ok else '**not met**'} |"
            )
        r = self.rounds

        def seconds(values: list[float]) -> str:
            return ", ".join(f"{v:.2f}" for v in values)

        lines += [
            "",
            f"- Rounds, wall seconds: import {seconds(r.import_s)}; COPY {seconds(r.copy_s)}.",
            f"- CPU seconds per round: PostgreSQL for the import {seconds(r.import_postgres_cpu_s)}, for the"
            f" COPY {seconds(r.copy_postgres_cpu_s)}; the import's Python process"
            f" {seconds(r.import_python_cpu_s)}"
            " (validation in a worker thread overlaps PostgreSQL's work when a core is free).",
            *self._split_lines(),
            f"- Load average (1/5/15 min) before: {self.load_before}; after: {self.load_after}. Two cores"
            " shared by Python and PostgreSQL: figures move with whatever else runs.",
            "- The 1,000,000-row run is the real command's wall time incl. process start, counting pass and"
            " progress rows; peak RSS is the child's own VmHWM at exit (the file is streamed in batches).",
        ]
        return lines

    def _split_lines(self) -> list[str]:
        split = self.batch_split_ms
        if not split or not split.get("total"):
            return []
        parts = ", ".join(
            f"{name} {split[name]:.0f} ms ({split[name] / split['total']:.0%})"
            for name in ("youth", "audit_event", "change_event", "other")
            if name in split
        )
        return [
            f"- Where PostgreSQL spends the write of one batch of {self.batch_size:,} new youth"
            f" (EXPLAIN ANALYZE of the import's INSERT with its audit rows and change events, total"
            f" {split['total']:.0f} ms): {parts}. A plain COPY of the same rows costs about"
            f" {self.copy_s / self.rows * self.batch_size * 1000:.0f} ms (the COPY figure above, per batch).",
        ]

    def summary(self) -> str:
        text = (
            f"import {self.rows:,} youth: {self.import_s:.2f} s ({self.rows / self.import_s:,.0f} rows/s);"
            f" plain COPY {self.copy_s:.2f} s ({self.rows / self.copy_s:,.0f} rows/s);"
            f" ratio {self.ratio:.2f} (target >= 0.4)"
        )
        if self.memory_rows:
            text += (
                f"; {self.memory_rows:,} rows by `ungeapi import`: {self.memory_import_s:.1f} s,"
                f" peak memory {self.memory_peak_mb:.0f} MB (target < 300 MB)"
            )
        return text


def synthetic_rows(n: int, today: date) -> Iterator[tuple[str, str, str]]:
    """(cpr, given name, family name) for n distinct youth aged 14-29 on `today`."""
    first = date(today.year - 29, 1, 1)
    days = (date(today.year - 13, 1, 1) - first).days
    cprs = CprFactory()
    for i in range(n):
        digits = cprs.make(first + timedelta(days=i % days))
        yield f"{digits[:6]}-{digits[6:]}", f"Bench{i}", "Importsen"


def write_csv(path: Path, n: int, today: date) -> None:
    """The file a municipality's system would export, written as a stream."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\n")
        writer.writerow(["cpr", "fornavn", "efternavn"])
        writer.writerows(synthetic_rows(n, today))


def copy_records(path: Path, vault: CprVault, municipality: str) -> list[tuple[object, ...]]:
    """The file's rows as the youth table stores them, encrypted and hashed (outside the timing)."""
    records: list[tuple[object, ...]] = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        next(reader)
        for cpr_text, given, family in reader:
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
    return records


def bench_ctx(municipality: str, today: date) -> Ctx:
    roles = frozenset({"integration"})
    principal = Principal(sub="bench", name="Bench", municipality=municipality, roles=roles)
    return Ctx(principal=principal, purpose="bench import", request_id=None, today=today)


async def throughput(dsn: str, path: Path, rows: int, batch_size: int, today: date, rounds: int) -> Rounds:
    """`rounds` times: the import, then the COPY, each into a municipality of its own."""
    settings = Settings(env="test", database_url=database.sqlalchemy_url(dsn), jwt_dev_secret=DEV_JWT_SECRET)
    vault = CprVault(settings.effective_cpr_key, settings.effective_cpr_hash_key)
    options = ImportOptions(kind="youth", format="csv", mode="valid_rows", batch_size=batch_size)
    timings = Rounds()
    watcher = await asyncpg.connect(dsn)
    try:
        for r in range(rounds):
            db = Database(settings)
            try:
                ctx = bench_ctx(f"{IMPORT_MUNICIPALITY + r:03d}", today)
                cpu = time.process_time()
                started = time.perf_counter()
                _, summary = await import_file(db.sessionmaker, ctx, path, options, vault=vault)
                timings.import_s.append(time.perf_counter() - started)
                timings.import_python_cpu_s.append(time.process_time() - cpu)
                # The pool's connections were opened for this round: their CPU is the import's.
                timings.import_postgres_cpu_s.append(await backends_cpu(watcher))
            finally:
                await db.dispose()
            if summary.status != "completed" or summary.created != rows:
                raise RuntimeError(f"the import did not create every row: {summary}")
            records = copy_records(path, vault, f"{COPY_MUNICIPALITY + r:03d}")
            conn = await asyncpg.connect(dsn)
            try:
                before = await backends_cpu(watcher)
                started = time.perf_counter()
                await conn.copy_records_to_table("youth", records=records, columns=COPY_COLUMNS)
                timings.copy_s.append(time.perf_counter() - started)
                timings.copy_postgres_cpu_s.append(await backends_cpu(watcher) - before)
            finally:
                await conn.close()
            del records
            print(
                f"round {r + 1}: import {timings.import_s[-1]:.2f} s (PostgreSQL CPU"
                f" {timings.import_postgres_cpu_s[-1]:.2f} s,"
                f" Python CPU {timings.import_python_cpu_s[-1]:.2f} s),"
                f" COPY {timings.copy_s[-1]:.2f} s (PostgreSQL CPU {timings.copy_postgres_cpu_s[-1]:.2f} s)",
                flush=True,
            )
    finally:
        await watcher.close()
    return timings


async def backends_cpu(watcher: asyncpg.Connection) -> float:
    """CPU seconds (user + system, from /proc) of the bench database's other backends."""
    pids = await watcher.fetch(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    return processes_cpu([row["pid"] for row in pids])


def processes_cpu(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile, or PostgreSQL runs elsewhere
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


async def batch_profile(dsn: str, path: Path, batch_size: int, today: date) -> dict[str, float]:
    """EXPLAIN (ANALYZE) of the statement that writes one batch of new youth with their audit rows
    and change events: milliseconds in each table's Insert node and in the rest. The import's
    own statement runs (once, as EXPLAIN ANALYZE: it writes as usual); the bench swaps in the
    counting function only for it."""
    settings = Settings(env="test", database_url=database.sqlalchemy_url(dsn), jwt_dev_secret=DEV_JWT_SECRET)
    vault = CprVault(settings.effective_cpr_key, settings.effective_cpr_hash_key)
    split: dict[str, float] = {}
    original = bulk._run_count

    async def explained(session: AsyncSession, sql: str, params: dict[str, Any]) -> int:
        if split or "INSERT INTO youth" not in sql:
            return await original(session, sql, params)
        statement = text("EXPLAIN (ANALYZE, FORMAT JSON) " + bulk._typed(sql))
        plan = (await session.execute(statement, params)).scalar_one()
        plan = json.loads(plan) if isinstance(plan, str) else plan
        created = 0
        nodes = [plan[0]["Plan"]]
        while nodes:
            node = nodes.pop()
            nodes += node.get("Plans", [])
            if node.get("Operation") == "Insert":
                split[node["Relation Name"]] = node["Actual Total Time"]
                if node["Relation Name"] == "youth":
                    created = int(node["Actual Rows"])
        split["total"] = plan[0]["Execution Time"]
        split["other"] = split["total"] - sum(v for k, v in split.items() if k != "total")
        return created

    db = Database(settings)
    bulk._run_count = explained  # type: ignore[assignment]
    try:
        options = ImportOptions(kind="youth", format="csv", mode="valid_rows", batch_size=batch_size)
        await import_file(db.sessionmaker, bench_ctx(PROFILE_MUNICIPALITY, today), path, options, vault=vault)
    finally:
        bulk._run_count = original  # type: ignore[assignment]
        await db.dispose()
    return split


def head(path: Path, dest: Path, records: int) -> Path:
    """The header and the first `records` rows of a CSV file."""
    with open(path, encoding="utf-8") as src, open(dest, "w", encoding="utf-8") as out:
        out.writelines(itertools.islice(src, records + 1))
    return dest


# `ungeapi import` as the console script runs it, reporting the process's own peak resident set
# (VmHWM) when it exits. Not ru_maxrss from wait4: on Linux that carries over the parent's peak
# across fork/vfork and exec, so it would report the bench process, not the import.
PEAK_WRAPPER = """
import atexit, re, sys
def peak():
    with open("/proc/self/status") as f:
        kb = re.search(r"VmHWM:\\s+(\\d+) kB", f.read())
    sys.stdout.write("\\nVmHWM_KB=" + (kb.group(1) if kb else "0") + "\\n")
atexit.register(peak)
from ungeapi.cli import main
sys.exit(main(sys.argv[1:]))
"""


def memory_run(dsn: str, path: Path, batch_size: int) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of `ungeapi import` of `path` in a child process."""
    env = {
        **os.environ,
        "UNGEAPI_ENV": "test",
        "UNGEAPI_DATABASE_URL": database.sqlalchemy_url(dsn),
        "UNGEAPI_JWT_DEV_SECRET": DEV_JWT_SECRET,
    }
    command = [
        sys.executable, "-c", PEAK_WRAPPER, "import", str(path), "--kind", "youth", "--mode", "valid_rows",
        "--municipality", MEMORY_MUNICIPALITY, "--sub", "bench", "--batch-size", str(batch_size),
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout, done.stderr, file=sys.stderr)
    found = re.search(r"VmHWM_KB=(\d+)", done.stdout)
    return seconds, int(found.group(1)) / 1024 if found else float("nan"), done.returncode


def run(
    server: str = database.DEFAULT_SERVER,
    rows: int = 100_000,
    memory_rows: int = 1_000_000,
    batch_size: int = BATCH_SIZE,
    rounds: int = 3,
) -> ImportResult:
    asyncio.run(database.ensure_database(server, NAME, recreate=True))
    dsn = database.with_database(server, NAME)
    database.migrate(dsn)
    today = today_in_copenhagen()
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="ungeapi-import-bench-") as tmp:
        path = Path(tmp) / "youth.csv"
        write_csv(path, rows, today)
        timings = asyncio.run(throughput(dsn, path, rows, batch_size, today, rounds))
        import_s, copy_s = min(timings.import_s), min(timings.copy_s)
        result = ImportResult(rows, batch_size, import_s, copy_s, copy_s / import_s, timings)
        one_batch = head(path, Path(tmp) / "one-batch.csv", batch_size)
        result.batch_split_ms = asyncio.run(batch_profile(dsn, one_batch, batch_size, today))
        print(result.summary(), flush=True)
        if memory_rows:
            path.unlink()
            big = Path(tmp) / "youth-big.csv"
            write_csv(big, memory_rows, today)
            seconds, peak, code = memory_run(dsn, big, batch_size)
            result.memory_rows, result.memory_import_s = memory_rows, seconds
            result.memory_peak_mb, result.memory_exit = peak, code
            print(result.summary(), flush=True)
    result.load_before, result.load_after = load_before, load_average()
    return result


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--server", default=database.DEFAULT_SERVER)
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the timed comparison")
    parser.add_argument("--memory-rows", type=int, default=1_000_000, help="rows of the memory run (0: skip)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument(
        "--rounds", type=int, default=3, help="import and COPY this often; the fastest counts"
    )
    args = parser.parse_args(argv)
    result = run(args.server, args.rows, args.memory_rows, args.batch_size, args.rounds)
    print(asdict(result))


if __name__ == "__main__":
    main()
