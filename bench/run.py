"""`make bench`: bench database, synthetic data, HTTP benchmark, profile, bench/RESULTS.md.

    .venv/bin/python -m bench.run [--youth 100000] [--seconds 10] [--connections 32]

* Database `ungeapi_bench` on the local server (never `ungeapi_test*`), migrated to head with the
  project's Alembic. It is labelled with generator version, seed, size and migration head; when
  the label differs from what was asked, the database is recreated and regenerated.
* `make bench` uses 100,000 youth; the national figure is `--youth 1000000` (about a minute of
  generation and COPY on two cores).
* Then the import bench (bench/import_bench.py, database `ungeapi_bench_import`): 100,000 youth
  through the import path vs a plain COPY, and the peak memory of importing 1,000,000 rows.
* Results and the machine description go to bench/RESULTS.md; the hand-written analysis in
  bench/ANALYSIS.md is appended.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import asyncpg

from bench import database, generate
from bench import http as bench_http
from bench import import_bench as bench_import
from bench import obligations as bench_obligations
from bench import profile as bench_profile
from ungeapi.migrations_head import expected_head

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
ANALYSIS = ROOT / "bench" / "ANALYSIS.md"
DEFAULT_VARIANTS = ("no_lane", "async_audit")


def prepare(server: str, name: str, youth: int, seed: int, regenerate: bool) -> tuple[str, dict[str, Any]]:
    dsn = database.with_database(server, name)
    wanted = {"generator": generate.GENERATOR_VERSION, "youth": youth, "seed": seed, "head": expected_head()}
    label = asyncio.run(database.read_label(server, name))
    if not regenerate and label and all(label.get(k) == v for k, v in wanted.items()):
        print(f"reusing {name}: {label}")
        database.migrate(dsn)
        return dsn, label
    print(f"creating {name} and generating {youth:,} youth (seed {seed})")
    asyncio.run(database.ensure_database(server, name, recreate=True))
    database.migrate(dsn)
    report = asyncio.run(generate.load(dsn, youth, seed=seed, progress=False))
    label = {
        **wanted,
        "load": {k: round(v, 2) if isinstance(v, float) else v for k, v in report.__dict__.items()},
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    asyncio.run(database.write_label(server, name, label))
    print(f"generated: {json.dumps(label['load'])}")
    return dsn, label


def machine() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "os": platform.platform(),
    }


def versions(dsn: str) -> dict[str, str]:
    out = {"Python": platform.python_version()}

    async def pg() -> str:
        conn = await asyncpg.connect(dsn)
        try:
            return str(await conn.fetchval("SHOW server_version"))
        finally:
            await conn.close()

    out["PostgreSQL"] = asyncio.run(pg())
    for dist in (
        "fastapi",
        "starlette",
        "pydantic",
        "sqlalchemy",
        "asyncpg",
        "uvicorn",
        "h11",
        "uvloop",
        "httptools",
    ):
        try:
            out[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            out[dist] = "not installed"
    if shutil.which("wrk"):
        first = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()
        out["wrk"] = first[0].split()[1] if first else "?"
    return out


def write_results(
    label: dict[str, Any],
    results: list[bench_http.Result],
    profile: dict[str, Any],
    args: argparse.Namespace,
    dsn: str,
    obligations: list[str] | None = None,
    imports: list[str] | None = None,
) -> None:
    ratios = bench_http.ratios(results)
    by = {(r.server, r.scenario): r for r in results}
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m bench.run {' '.join(sys.argv[1:])}` (`make bench` runs it with defaults)"
        f" on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
        "Regenerate with `make bench`; the national size is `python -m bench.run --youth 1000000`.",
        "",
        "## Machine and versions",
        "",
        *(f"- {k}: {v}" for k, v in machine().items()),
        "- " + ", ".join(f"{k} {v}" for k, v in versions(dsn).items()),
        "- Everything on one machine over loopback: wrk (1 thread), the server under test (uvicorn, one"
        " worker, event loop and HTTP parser as installed: see uvloop/httptools above), PostgreSQL"
        " (default configuration).",
        "",
        "## Data",
        "",
        f"- {label['youth']:,} synthetic youth in 98 municipalities, seed {label['seed']}, generator"
        f" v{label['generator']}, migration head `{label['head']}`.",
    ]
    load = label.get("load")
    if load:
        lines.append(
            f"- Generation (Python, incl. AES-GCM + HMAC per CPR) {load['generate_seconds']} s, COPY"
            f" {load['load_seconds']} s, ANALYZE {load['analyze_seconds']} s; wall {load['wall_seconds']} s"
            " (generation runs in a thread alongside the COPY)."
        )
    lines += [
        "",
        f"## HTTP: {args.connections} connections, {args.seconds:g} s per run"
        f" after a {args.warmup:g} s warm-up, {args.rounds} interleaved rounds",
        "",
        "Each server is started alone and loaded alone; each round loads every server once per"
        " scenario, and the table gives the medians of the rounds (req/s of each round in the raw"
        " JSON below). `one` = GET /v1/youth/{id} (random youth of all"
        " 98 municipalities, admin token of the youth's municipality); `page` = GET /v1/youth?limit=50."
        " CPU/request: the server process, and the whole PostgreSQL server (all its processes).",
        "",
        "| scenario | server | req/s | p50 ms | p99 ms | server CPU ms/req | PostgreSQL CPU ms/req | errors |"
        " ratio req/s vs baseline | p99 vs baseline |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        base = by[("baseline", r.scenario)]
        lines.append(
            f"| {r.scenario} | {r.server} | {r.rps:,.0f} | {r.p50_ms} | {r.p99_ms} |"
            f" {r.server_cpu_ms_per_request} | {r.postgres_cpu_ms_per_request} | {r.errors} |"
            f" {r.rps / base.rps:.2f} | {r.p99_ms / base.p99_ms:.1f}x |"
        )
    lines += ["", "Targets (issue 8): ungeapi ≥ 0.5 of the baseline's req/s, p99 < 3x the baseline's.", ""]
    for scenario, ratio in sorted(ratios.items()):
        verdict = "met" if ratio["rps"] >= 0.5 and ratio["p99"] < 3 else "**not met**"
        lines.append(
            f"- `{scenario}`: ungeapi/baseline = **{ratio['rps']:.2f}** req/s,"
            f" p99 {ratio['p99']:.1f}x: {verdict}"
        )
    trips = profile.get("round_trips") or {}
    if trips and "error" not in trips:
        lines += [
            "",
            "## Statements per request (PostgreSQL log, `log_statement = all` on the bench database)",
            "",
        ]
        for scenario, info in trips.items():
            kinds = ", ".join(f"{k} ×{v:g}" for k, v in info["by_kind_per_request"].items())
            lines.append(f"- `{scenario}`: {info['statements_per_request']:g} logged statements: {kinds}")
        lines.append(
            "- The hot lane sends no BEGIN or COMMIT: its one statement (read and audit rows) is its own"
            " transaction; `set_config` is sent only when the connection was set to another municipality."
        )
    for cpu in profile.get("cpu") or []:
        lines += [
            "",
            f"## CPU profile of ungeapi, `{cpu['scenario']}`"
            f" (py-spy, {cpu['samples']} samples at 250 Hz under wrk load)",
            "",
            "Innermost known layer of each sample:",
            "",
            *(f"- {name}: {pct}%" for name, pct in cpu["buckets_pct"]),
            "",
            "Top self time:",
            "",
            *(f"- `{name}`: {pct}%" for name, pct in cpu["top_self_pct"][:12]),
            "",
            "Inclusive time of app-level frames:",
            "",
            *(f"- `{name}`: {pct}%" for name, pct in cpu["inclusive_pct"][8:30]),
        ]
    if obligations:
        lines += ["", *obligations]
    if imports:
        lines += ["", *imports]
    if ANALYSIS.exists():
        lines += ["", ANALYSIS.read_text().rstrip()]
    lines += [
        "",
        "<details><summary>raw results (JSON)</summary>",
        "",
        "```json",
        json.dumps([asdict(r) for r in results], indent=1),
        "```",
        "",
        "</details>",
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print(f"wrote {RESULTS.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="make bench")
    parser.add_argument("--server", default=database.DEFAULT_SERVER, help="postgresql://... of the server")
    parser.add_argument("--database-name", default=database.DEFAULT_NAME)
    parser.add_argument("--youth", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved HTTP rounds; medians reported")
    parser.add_argument("--variant", action="append", help="bench/variants.py patches to measure too")
    parser.add_argument("--no-variants", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--py-spy", default=shutil.which("py-spy"))
    parser.add_argument("--no-obligations", action="store_true", help="skip bench/obligations.py")
    parser.add_argument("--caseworkers", type=int, default=bench_obligations.CASEWORKERS)
    parser.add_argument("--no-import", action="store_true", help="skip bench/import_bench.py")
    parser.add_argument("--import-rows", type=int, default=100_000, help="rows of the import-vs-COPY timing")
    parser.add_argument("--import-memory-rows", type=int, default=1_000_000, help="rows of the memory run")
    args = parser.parse_args(argv)

    dsn, label = prepare(args.server, args.database_name, args.youth, args.seed, args.regenerate)
    variants = () if args.no_variants else tuple(args.variant or DEFAULT_VARIANTS)
    results = bench_http.run(
        dsn,
        connections=args.connections,
        seconds=args.seconds,
        warmup=args.warmup,
        variants=variants,
        rounds=args.rounds,
    )
    profile: dict[str, Any] = {}
    if not args.no_profile:
        profile["round_trips"] = bench_profile.round_trips(dsn)
        if args.py_spy:
            profile["cpu"] = [
                bench_profile.cpu_profile(dsn, args.py_spy, args.seconds, scenario, args.connections)
                for scenario in bench_http.SCENARIOS
            ]
        else:
            print("py-spy not found (pip install py-spy, or --py-spy PATH): no CPU profile")
    obligations = None
    if not args.no_obligations:
        print("obligations: the worklist at scale (bench/obligations.py)")
        measured = asyncio.run(bench_obligations.measure(dsn, args.caseworkers))
        obligations = bench_obligations.markdown(measured, label)
    imports = None
    if not args.no_import:
        print("import: the import path vs a plain COPY, and its memory (bench/import_bench.py)")
        imports = bench_import.run(args.server, args.import_rows, args.import_memory_rows).markdown()
    write_results(label, results, profile, args, dsn, obligations, imports)


if __name__ == "__main__":
    main()
