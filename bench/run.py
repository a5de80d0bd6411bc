"""`make bench`: bench database, synthetic data, the frontend's day over HTTP, profile, bench/RESULTS.md.

    .venv/bin/python -m bench.run [--youth 100000] [--rounds 3] [--duration 10] [--only SCENARIO,...]

* The HTTP benchmark (bench/http.py) loads every endpoint of bench/scenarios.py (issue 17's
  table) and the raw baseline in the same interleaved rounds, and judges each endpoint against
  its target (ratio to the baseline's req/s, p99 as a multiple of the baseline's).
* Statements per request come from the PostgreSQL statement log (bench/profile.py); a CPU
  profile (py-spy) is taken of every endpoint that missed its target (`--cpu-profile`).

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
from bench import scenarios as day
from ungeapi.migrations_head import expected_head

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
ANALYSIS = ROOT / "bench" / "ANALYSIS.md"


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


def _num(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.3g}"


def _cpu(result: bench_http.Result, of: str) -> str:
    # Without a single answer in the run, CPU per request has no meaning.
    return f"{getattr(result, f'{of}_cpu_ms_per_request'):.3f}" if result.requests else "–"


def _statements(trips: dict[str, Any], key: str) -> str:
    info = trips.get(key)
    return f"{info['statements_per_request']:g}" if info else ""


def http_section(
    results: list[bench_http.Result],
    profile: dict[str, Any],
    args: argparse.Namespace,
    loadavg: tuple[tuple[float, ...], tuple[float, ...]] | None = None,
) -> list[str]:
    """The per-endpoint table against the targets, the statements and the CPU profiles."""
    base = next(r for r in results if r.server == bench_http.BASELINE)
    verdicts = bench_http.verdicts(results)
    trips = profile.get("round_trips") or {}
    trips = {} if "error" in trips else trips
    tool = base.tool if base.tool == "wrk" else "a Python load generator (wrk missing: figures understate)"
    lines = [
        "",
        f"## HTTP: the frontend's day ({args.connections} connections, {args.seconds:g} s per run"
        f" after a {args.warmup:g} s warm-up, {args.rounds} interleaved round{'s' * (args.rounds != 1)})",
        "",
        "Every endpoint of issue 17's table through the public HTTP API (bench/scenarios.py says"
        " which requests and callers), and the raw baseline (raw ASGI + asyncpg, one youth row, no"
        " token, scope or audit) in the same run. Each server is started alone, one uvicorn worker,"
        f" and loaded alone by {tool}; each round loads the baseline once and ungeapi once per"
        " endpoint, and the table gives the medians of the rounds (each round's req/s in the raw"
        " JSON below). Ratio: req/s over the baseline's; p99 ×: p99 over the baseline's. CPU per"
        " request: the server process; PostgreSQL: the bench database's backends and the server's"
        " background processes. Statements: logged by PostgreSQL per request, requests one at a"
        " time. Errors: non-2xx answers, timeouts and socket errors under load (a run with errors"
        " misses its target).",
        "",
        "| endpoint | req/s | p50 ms | p99 ms | server CPU ms/req | PostgreSQL CPU ms/req | statements/req"
        " | errors | ratio | p99 × | target | |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        f"| raw baseline: {base.endpoint} (one row) | {_num(base.rps)} | {base.p50_ms:g} | {base.p99_ms:g} |"
        f" {_cpu(base, 'server')} | {_cpu(base, 'postgres')} | {_statements(trips, bench_http.BASELINE)} |"
        f" {base.errors:,} | 1.00 | 1.0 | | |",
    ]
    for v in verdicts:
        r = v.result
        name = r.endpoint if r.server == "ungeapi" else f"{r.endpoint} ({r.server.partition('+')[2]})"
        statements = _statements(trips, r.scenario) if r.server == "ungeapi" else ""
        target = f"{day.TARGETS[v.kind][0]} ≥ {v.target:g}, p99 ≤ {day.P99_LIMIT:g}×"
        lines.append(
            f"| {name} | {_num(r.rps)} | {r.p50_ms:g} | {r.p99_ms:g} | {_cpu(r, 'server')} |"
            f" {_cpu(r, 'postgres')} | {statements} | {r.errors:,} | {v.ratio:.3f} | {v.p99_multiple:.1f} |"
            f" {target} | {v.text()} |"
        )
    own = [v for v in verdicts if v.result.server == "ungeapi"]
    failed = sum(v.result.errors for v in verdicts)
    lines += [
        "",
        f"Targets met: **{sum(v.met for v in own)} of {len(own)}** endpoints"
        f" (ratio: {sum(v.ratio >= v.target for v in own)} of {len(own)};"
        f" p99 ≤ {day.P99_LIMIT:g}× the baseline's: {sum(v.p99_multiple <= day.P99_LIMIT for v in own)}"
        f" of {len(own)}).",
    ]
    if failed or base.errors:
        lines.append(f"**{failed + base.errors:,} requests failed under load**: those runs count as not met.")
    if loadavg:
        lines.append(
            "Load average (1/5/15 min) before the HTTP rounds: "
            + " ".join(f"{x:.2f}" for x in loadavg[0])
            + "; after: "
            + " ".join(f"{x:.2f}" for x in loadavg[1])
            + ". Two cores shared by wrk, the server, PostgreSQL and whatever else runs on the machine."
        )
    if trips:
        lines += [
            "",
            "### Statements per request (PostgreSQL log, `log_statement = all` on the bench database)",
            "",
        ]
        for key, info in trips.items():
            kinds = ", ".join(f"{k} ×{v:g}" for k, v in info["by_kind_per_request"].items())
            name = "raw baseline" if key == bench_http.BASELINE else f"`{day.BY_NAME[key].endpoint}`"
            lines.append(f"- {name}: {info['statements_per_request']:g}: {kinds}")
    elif profile.get("round_trips"):
        lines += ["", f"Statements per request: not counted ({profile['round_trips']['error']})."]
    for cpu in profile.get("cpu") or []:
        lines += [
            "",
            f"### CPU profile: `{cpu['endpoint']}`"
            f" (py-spy, {cpu['samples']} samples at 250 Hz under wrk load)",
            "",
            "Innermost known layer of each sample: "
            + ", ".join(f"{name} {pct}%" for name, pct in cpu["buckets_pct"]),
            "",
            "Top self time: " + ", ".join(f"`{name}` {pct}%" for name, pct in cpu["top_self_pct"][:12]),
            "",
            "Inclusive time of ungeapi's frames: "
            + ", ".join(
                [f"`{name}` {pct}%" for name, pct in cpu["inclusive_pct"] if "ungeapi/" in name][:20]
            ),
        ]
    return lines


def write_results(
    label: dict[str, Any],
    results: list[bench_http.Result],
    profile: dict[str, Any],
    args: argparse.Namespace,
    dsn: str,
    obligations: list[str] | None = None,
    imports: list[str] | None = None,
    loadavg: tuple[tuple[float, ...], tuple[float, ...]] | None = None,
) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python -m bench.run{''.join(' ' + a for a in sys.argv[1:])}`"
        " (`make bench` runs it with defaults)"
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
        rows = load.get("rows", {})
        lines.append(
            "- The effort around them (bench/effort.py): "
            + ", ".join(f"{table} {n:,}" for table, n in rows.items() if table != "youth")
            + "."
        )
    lines += http_section(results, profile, args, loadavg)
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
    args.output.write_text("\n".join(lines))
    print(f"wrote {args.output}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="make bench")
    parser.add_argument("--server", default=database.DEFAULT_SERVER, help="postgresql://... of the server")
    parser.add_argument("--database-name", default=database.DEFAULT_NAME)
    parser.add_argument("--youth", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", "--duration", type=float, default=10, help="seconds of load per run")
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved HTTP rounds; medians reported")
    parser.add_argument(
        "--only", action="append", help=f"these scenarios only, comma-separated: {', '.join(day.BY_NAME)}"
    )
    parser.add_argument("--variant", action="append", default=[], help="bench/variants.py, measured too")
    parser.add_argument("--no-profile", action="store_true", help="neither statements nor CPU profile")
    parser.add_argument(
        "--cpu-profile",
        choices=("missed", "all", "none"),
        default="missed",
        help="py-spy profile of the endpoints that missed their target (default), of all, or none",
    )
    parser.add_argument("--py-spy", default=bench_profile.find_py_spy())
    parser.add_argument("--output", type=Path, default=RESULTS, help="where the results go")
    parser.add_argument("--no-obligations", action="store_true", help="skip bench/obligations.py")
    parser.add_argument("--caseworkers", type=int, default=bench_obligations.CASEWORKERS)
    parser.add_argument("--no-import", action="store_true", help="skip bench/import_bench.py")
    parser.add_argument("--import-rows", type=int, default=100_000, help="rows of the import-vs-COPY timing")
    parser.add_argument("--import-memory-rows", type=int, default=1_000_000, help="rows of the memory run")
    args = parser.parse_args(argv)

    dsn, label = prepare(args.server, args.database_name, args.youth, args.seed, args.regenerate)
    scenarios = day.select(args.only)
    before = os.getloadavg()
    results = bench_http.run(
        dsn,
        connections=args.connections,
        seconds=args.seconds,
        warmup=args.warmup,
        scenarios=scenarios,
        variants=tuple(args.variant),
        rounds=args.rounds,
    )
    loadavg = (before, os.getloadavg())
    profile: dict[str, Any] = {}
    if not args.no_profile:
        print("statements per request (PostgreSQL log)")
        profile["round_trips"] = bench_profile.round_trips(dsn, scenarios)
        missed = {v.result.scenario for v in bench_http.verdicts(results) if not v.met}
        profiled = [
            s
            for s in scenarios
            if args.cpu_profile == "all" or (args.cpu_profile == "missed" and s.name in missed)
        ]
        if profiled and args.py_spy:
            print(f"CPU profiles (py-spy): {', '.join(s.name for s in profiled)}")
            profile["cpu"] = [
                bench_profile.cpu_profile(dsn, args.py_spy, args.seconds, scenario, args.connections)
                for scenario in profiled
            ]
        elif profiled:
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
    write_results(label, results, profile, args, dsn, obligations, imports, loadavg)


if __name__ == "__main__":
    main()
