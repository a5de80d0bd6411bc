"""Where a request's time goes in ungeapi: round trips to PostgreSQL, and a sampled CPU profile.

    .venv/bin/python -m bench.profile --database-url postgresql://postgres@127.0.0.1:5432/ungeapi_bench

1. **Round trips**: turns on `log_statement = 'all'` for the bench database only (ALTER DATABASE,
   reset afterwards), sends sequential requests, and counts the statements PostgreSQL logged per
   request (needs the server log readable, e.g. /var/log/postgresql/postgresql-15-main.log).
2. **CPU**: runs wrk against the ungeapi process while `py-spy record --format raw` samples it
   (py-spy from PyPI; `--py-spy PATH`), then folds the stacks into buckets (HTTP server,
   middleware, FastAPI/Starlette, JWT, SQLAlchemy, asyncpg, Pydantic, logging, idle...).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from bench import http as bench_http
from bench import scenarios as day

PG_LOG = Path("/var/log/postgresql/postgresql-15-main.log")

# First match wins, scanning a stack from the leaf up: the innermost known layer owns the sample.
BUCKETS: tuple[tuple[str, str], ...] = (
    ("asyncpg driver", r"asyncpg/"),
    ("SQLAlchemy (core/orm/asyncio, dialect)", r"sqlalchemy/"),
    ("JWT verification (python-jose)", r"jose/|ecdsa/|rsa/"),
    ("CPR decrypt (cryptography)", r"cryptography/|crypto\.py"),
    ("Pydantic validation/serialisation", r"pydantic(_core)?/"),
    ("JSON logging", r"logging/|observability\.py:.*format"),
    ("Prometheus metrics", r"prometheus_client/"),
    ("FastAPI routing, dependencies, encoding", r"fastapi/"),
    ("Starlette (routing, request, response)", r"starlette/"),
    ("uvicorn + h11 (HTTP parsing, transport)", r"uvicorn/|h11/"),
    ("ungeapi code (service, rules, middleware)", r"ungeapi/"),
    ("asyncio event loop (incl. idle select)", r"asyncio/|selectors\.py"),
)


def find_py_spy() -> str | None:
    """py-spy on PATH, or installed beside this Python (`.venv/bin/pip install py-spy`)."""
    beside = Path(sys.executable).with_name("py-spy")
    return shutil.which("py-spy") or (str(beside) if beside.exists() else None)


def _dsn_name(dsn: str) -> str:
    return str(make_url(dsn).database)


async def _set_log_statement(dsn: str, on: bool) -> None:
    name = _dsn_name(dsn)
    conn = await asyncpg.connect(dsn)
    try:
        if on:
            await conn.execute(f"ALTER DATABASE \"{name}\" SET log_statement = 'all'")
        else:
            await conn.execute(f'ALTER DATABASE "{name}" RESET log_statement')
    finally:
        await conn.close()


def round_trips(dsn: str, scenarios: tuple[day.Scenario, ...] = day.SCENARIOS, n: int = 50) -> dict[str, Any]:
    """Statements per request as PostgreSQL logged them, for each scenario and for the raw
    baseline (key `baseline`): `n` requests one at a time, after a few that warm the pool and the
    statement caches; every one must be answered 2xx."""
    if not PG_LOG.exists():
        return {"error": f"{PG_LOG} not readable"}
    asyncio.run(_set_log_statement(dsn, True))
    out: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            lists = bench_http.Lists(dsn, Path(tmp))
            for kind, measured in (("ungeapi", scenarios), (bench_http.BASELINE, (day.BASELINE_SCENARIO,))):
                with (
                    bench_http.server(kind, dsn, Path(tmp)) as (url, _),
                    httpx.Client(base_url=url, timeout=60) as client,
                ):
                    for scenario in measured:
                        key = scenario.name if kind == "ungeapi" else kind
                        out[key] = _count_statements(dsn, client, lists, scenario, n)
    finally:
        asyncio.run(_set_log_statement(dsn, False))
    return out


def _count_statements(
    dsn: str, client: httpx.Client, lists: bench_http.Lists, scenario: day.Scenario, n: int, warm: int = 10
) -> dict[str, Any]:
    built = lists.requests(scenario, warm + n)
    requests = [built[i % len(built)] for i in range(warm + n)]  # pages: few callers
    for request in requests[:warm]:
        bench_http.send(client, request, lists.tokens).raise_for_status()
    time.sleep(0.3)
    start = PG_LOG.stat().st_size
    for request in requests[warm:]:
        bench_http.send(client, request, lists.tokens).raise_for_status()
    time.sleep(0.5)
    with PG_LOG.open("rb") as f:
        f.seek(start)
        text = f.read().decode(errors="replace")
    pattern = rf"@{re.escape(_dsn_name(dsn))} LOG:  (?:statement|execute [^:]*): (.*)"
    statements = [m.group(1).strip() for m in re.finditer(pattern, text)]
    kinds = collections.Counter(_kind(s) for s in statements)
    return {
        "requests": n,
        "statements_per_request": round(len(statements) / n, 2),
        "by_kind_per_request": {k: round(v / n, 2) for k, v in kinds.most_common()},
    }


def _kind(statement: str) -> str:
    s = statement.strip().rstrip(";").strip()
    if not s:
        return "empty (pool pre-ping)"
    word = s.split()[0].upper()
    if "set_config" in s:
        return "SELECT set_config (tenant)"
    if word == "INSERT":
        return "INSERT " + s.split()[2]
    if word == "SELECT" and " FROM " in s.upper():
        return "SELECT ... FROM " + s.upper().split(" FROM ", 1)[1].split()[0].lower()
    return word


def cpu_profile(
    dsn: str, py_spy: str, seconds: float, scenario: day.Scenario, connections: int
) -> dict[str, Any]:
    """py-spy samples the ungeapi process while wrk loads it with the scenario."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        lists = bench_http.Lists(dsn, work)
        raw_path = work / "profile.txt"
        with bench_http.server("ungeapi", dsn, work) as (url, pid):
            bench_http.load(url, scenario, lists, connections, 3)  # warm-up
            requests = lists.file(scenario, seconds)
            spy = subprocess.Popen(
                [
                    py_spy,
                    "record",
                    "-p",
                    str(pid),
                    "-d",
                    str(int(seconds)),
                    "-r",
                    "250",
                    "-f",
                    "raw",
                    "-o",
                    str(raw_path),
                    "--nonblocking",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(0.5)
            load = bench_http.load(url, scenario, lists, connections, seconds - 1, requests)
            spy.wait(seconds + 30)
        return {
            "scenario": scenario.name,
            "endpoint": scenario.endpoint,
            "wrk": load,
            **fold(raw_path.read_text()),
        }


def fold(raw: str) -> dict[str, Any]:
    """Buckets (innermost known layer) and the top self-time functions of py-spy raw output."""
    buckets: collections.Counter[str] = collections.Counter()
    leaf: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = stack.split(";")
        for frame in reversed(frames):
            hit = next((name for name, pattern in BUCKETS if re.search(pattern, frame)), None)
            if hit:
                buckets[hit] += count
                break
        else:
            buckets["other"] += count
        leaf[_short(frames[-1])] += count
        for name in {_short(f) for f in frames}:
            inclusive[name] += count

    def pct(counter: collections.Counter[str], k: int) -> list[tuple[str, float]]:
        return [(name, round(100 * c / total, 1)) for name, c in counter.most_common(k)]

    interesting = [
        (n, p)
        for n, p in pct(inclusive, 400)
        if re.search(r"ungeapi/|fastapi/routing|fastapi/dependencies|sqlalchemy/(orm|engine)/|jose/", n)
    ]
    return {
        "samples": total,
        "buckets_pct": pct(buckets, 20),
        "top_self_pct": pct(leaf, 25),
        "inclusive_pct": interesting[:60],
    }


def _short(frame: str) -> str:
    # "func (path/to/site-packages/pkg/mod.py:123)" -> "func (pkg/mod.py)"
    match = re.match(r"(.*) \((.*?):?\d*\)$", frame)
    if not match:
        return frame
    func, path = match.groups()
    path = re.sub(r".*site-packages/", "", path)
    path = re.sub(r".*/src/", "", path)
    path = re.sub(r".*/lib/python3\.\d+/", "", path)
    return f"{func} ({path.rstrip(':0123456789')})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/ungeapi_bench")
    parser.add_argument("--py-spy", default=find_py_spy() or "py-spy")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--skip-cpu", action="store_true")
    parser.add_argument(
        "--only", action="append", help=f"scenarios, comma-separated: {', '.join(day.BY_NAME)}"
    )
    parser.add_argument("--output", type=Path, help="also write the JSON here")
    args = parser.parse_args(argv)
    scenarios = day.select(args.only)
    result: dict[str, Any] = {"round_trips": round_trips(args.database_url, scenarios)}
    if not args.skip_cpu:
        result["cpu"] = [
            cpu_profile(args.database_url, args.py_spy, args.seconds, scenario, args.connections)
            for scenario in scenarios
        ]
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if args.output:
        args.output.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
