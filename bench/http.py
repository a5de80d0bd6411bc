"""HTTP benchmark: the frontend's day on ungeapi, side by side with the raw baseline, one run.

    .venv/bin/python -m bench.http --database-url postgresql://postgres@127.0.0.1:5432/ungeapi_bench \
        [--only youth.read,youth.patch] [--rounds 3] [--seconds 10]

(Run it as a module from the repository root: as a script, this file would shadow the standard
library's `http`.) Each server runs as its own uvicorn process with one worker on a loopback
port, and is loaded alone, one after the other, with the same connections and duration:

* `baseline` (bench/baseline/app.py, raw ASGI + asyncpg) answers GET /v1/youth/{id}: one youth
  row, no token, no scope, no audit. Every ratio is to its req/s in the same run.
* `ungeapi` answers every scenario of bench/scenarios.py (the endpoints of issue 17's table)
  through its public HTTP API.

Before anything is timed, both servers must give the same youth the same fields, and every
scenario's first requests must be answered 2xx. Load comes from `wrk` (apt-get install wrk) with
`bench/wrk/requests.lua`; without wrk, from a small asyncio load generator in a separate process,
which saturates sooner (the report says which was used).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy.engine import make_url

from bench import scenarios as day
from bench.database import sqlalchemy_url, with_database
from ungeapi.core.settings import DEV_JWT_SECRET

ROOT = Path(__file__).resolve().parents[1]
LUA = ROOT / "bench" / "wrk" / "requests.lua"
POOL_SIZE = 10  # ungeapi: 2 x 10 connections kept; the baseline gets 20 outright
# How long a server may take to listen: importing the app took over 30 s with several test
# suites sharing the two cores.
START_SECONDS = 120
BASELINE = "baseline"


@dataclass
class Result:
    server: str
    scenario: str
    endpoint: str
    tool: str
    connections: int
    seconds: float
    requests: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    server_cpu_ms_per_request: float
    postgres_cpu_ms_per_request: float
    rounds: int = 1
    rps_by_round: list[float] = field(default_factory=list)
    errors_by_round: list[int] = field(default_factory=list)


def median_of(rounds: list[Result]) -> Result:
    """One row for several interleaved rounds of the same server and scenario: medians, and the
    sums where a sum is meant (requests, errors, seconds), so one noisy round moves little."""

    def median(name: str) -> float:
        return round(float(statistics.median(getattr(r, name) for r in rounds)), 3)

    return replace(
        rounds[0],
        seconds=round(sum(r.seconds for r in rounds), 2),
        requests=sum(r.requests for r in rounds),
        rps=round(statistics.median(r.rps for r in rounds), 1),
        p50_ms=median("p50_ms"),
        p90_ms=median("p90_ms"),
        p99_ms=median("p99_ms"),
        max_ms=max(r.max_ms for r in rounds),
        errors=sum(r.errors for r in rounds),
        server_cpu_ms_per_request=median("server_cpu_ms_per_request"),
        postgres_cpu_ms_per_request=median("postgres_cpu_ms_per_request"),
        rounds=len(rounds),
        rps_by_round=[r.rps for r in rounds],
        errors_by_round=[r.errors for r in rounds],
    )


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of these processes so far (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def postgres_pids(dsn: str) -> list[int]:
    """The bench database's backends and PostgreSQL's own background processes (WAL writer,
    checkpointer...): the server is shared, and other databases' work must not count."""
    name = make_url(dsn).database

    async def query() -> list[int]:
        conn = await asyncpg.connect(with_database(dsn, "postgres"))
        try:
            rows = await conn.fetch(
                "SELECT pid FROM pg_stat_activity WHERE datname = $1 OR datname IS NULL", name
            )
        finally:
            await conn.close()
        return [r[0] for r in rows]

    return asyncio.run(query())


def settle(dsn: str, timeout: float = 10) -> None:
    """Waits until the bench database is idle: when wrk stops, the server still finishes the
    requests in flight, and a list built before their commits would hold stale versions."""
    name = make_url(dsn).database

    async def wait() -> None:
        conn = await asyncpg.connect(with_database(dsn, "postgres"))
        try:
            deadline, quiet = time.monotonic() + timeout, 0
            while quiet < 2 and time.monotonic() < deadline:
                busy = await conn.fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND state <> 'idle'", name
                )
                quiet = quiet + 1 if busy == 0 else 0
                await asyncio.sleep(0.2)
        finally:
            await conn.close()

    asyncio.run(wait())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _clean_env() -> dict[str, str]:
    # No inherited UNGEAPI_* setting may change what is measured.
    return {k: v for k, v in os.environ.items() if not k.startswith(("UNGEAPI_", "BENCH_"))}


@contextlib.contextmanager
def server(kind: str, dsn: str, log_dir: Path) -> Iterator[tuple[str, int]]:
    """Starts `baseline`, `ungeapi` or `ungeapi+<variant>,...` (bench/variants.py) under uvicorn
    (one worker); yields its base URL and pid."""
    port = free_port()
    env = _clean_env()
    env["PYTHONPATH"] = str(ROOT)
    if kind == BASELINE:
        target = ["bench.baseline.app:app"]
        env["BENCH_DATABASE_URL"] = dsn
        env["BENCH_POOL_SIZE"] = str(2 * POOL_SIZE)
    else:
        _, _, variant = kind.partition("+")
        target = ["--factory", "bench.variants:make_app" if variant else "ungeapi.main:app_from_env"]
        env.update(
            BENCH_VARIANT=variant,
            UNGEAPI_ENV="development",
            UNGEAPI_DATABASE_URL=sqlalchemy_url(dsn),
            UNGEAPI_JWT_DEV_SECRET=DEV_JWT_SECRET,
            UNGEAPI_DB_POOL_SIZE=str(POOL_SIZE),
        )
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        *target,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--no-access-log",
    ]
    log = (log_dir / f"{kind.replace(',', '_')}.log").open("wb")
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{kind} exited; see {log.name}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{kind} did not start; see {log.name}")
            time.sleep(0.1)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


class Lists:
    """The request files of the scenarios, in a work directory. A `random` scenario's list is
    built once per run; a `once` scenario's (the writes) before every load, from the database
    as it is then."""

    def __init__(self, dsn: str, work: Path) -> None:
        self.dsn = dsn
        self.work = work
        self.tokens: dict[str, str] = asyncio.run(day.tokens(dsn))
        self.tokens_file = work / "tokens.txt"
        self.tokens_file.write_text("".join(f"{k} {t}\n" for k, t in self.tokens.items()))
        self._built: dict[str, Path] = {}

    def requests(self, scenario: day.Scenario, n: int) -> list[day.Request]:
        return asyncio.run(day.build(self.dsn, scenario, n))

    def file(self, scenario: day.Scenario, seconds: float) -> Path:
        if scenario.order == "random" and scenario.name in self._built:
            return self._built[scenario.name]
        path = day.write(self.work / f"{scenario.name}.tsv", self.requests(scenario, scenario.size(seconds)))
        self._built[scenario.name] = path
        return path


def send(client: httpx.Client, request: day.Request, tokens: dict[str, str]) -> httpx.Response:
    headers = {"Authorization": f"Bearer {tokens[request.caller]}"}
    if request.if_match:
        headers["If-Match"] = request.if_match
    if request.body:
        headers["Content-Type"] = "application/json"
    return client.request(request.method, request.path, headers=headers, content=request.body)


def check_same_answers(base: str, unge: str, lists: Lists) -> None:
    """Both servers must answer the same youth with the same fields before anything is timed."""
    request = lists.requests(day.BASELINE_SCENARIO, 1)[0]
    with (
        httpx.Client(base_url=base, timeout=10) as a_client,
        httpx.Client(base_url=unge, timeout=10) as b_client,
    ):
        a, b = send(a_client, request, lists.tokens), send(b_client, request, lists.tokens)
    if a.status_code != 200 or b.status_code != 200:
        raise RuntimeError(
            f"{request.path}: baseline {a.status_code}, ungeapi {b.status_code}: {b.text[:300]}"
        )
    x, y = a.json(), b.json()
    for key in ("id", "cpr", "birth_date", "age", "given_name", "family_name", "birthdays", "guardians"):
        if x[key] != y[key]:
            raise RuntimeError(f"{request.path}: {key} differs: {x[key]!r} != {y[key]!r}")


def check_answered(url: str, scenarios: tuple[day.Scenario, ...], lists: Lists, n: int = 3) -> None:
    """Every scenario's first requests must be answered 2xx, or nothing is measured."""
    with httpx.Client(base_url=url, timeout=30) as client:
        for scenario in scenarios:
            for request in lists.requests(scenario, n):
                response = send(client, request, lists.tokens)
                if not response.is_success:
                    raise RuntimeError(
                        f"{scenario.name}: {request.method} {request.path} answered {response.status_code}:"
                        f" {response.text[:400]}"
                    )


def run_wrk(
    url: str, requests: Path, tokens: Path, order: str, connections: int, seconds: float
) -> dict[str, Any]:
    env = {
        **_clean_env(),
        "BENCH_REQUESTS": str(requests),
        "BENCH_TOKENS": str(tokens),
        "BENCH_ORDER": order,
    }
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s", "-s", str(LUA), url]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("BENCH_JSON "):
            data: dict[str, Any] = json.loads(line.removeprefix("BENCH_JSON "))
            return data
    raise RuntimeError(f"wrk printed no summary:\n{out}")


def run_python_loadgen(
    url: str, requests: Path, tokens: Path, order: str, connections: int, seconds: float
) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.loadgen",
        url,
        str(requests),
        str(tokens),
        order,
        str(connections),
        str(seconds),
    ]
    out = subprocess.run(
        command,
        cwd=ROOT,
        env={**_clean_env(), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return data


def load(
    url: str,
    scenario: day.Scenario,
    lists: Lists,
    connections: int,
    seconds: float,
    requests: Path | None = None,
) -> dict[str, Any]:
    """Loads the server with the scenario's list (`requests`, or one built now) for `seconds`."""
    runner = run_wrk if shutil.which("wrk") else run_python_loadgen
    requests = requests or lists.file(scenario, seconds)
    raw = runner(url, requests, lists.tokens_file, scenario.order, connections, seconds)
    if scenario.order == "once":
        settle(lists.dsn)
    return raw


def measure(
    kind: str,
    url: str,
    pid: int,
    scenario: day.Scenario,
    lists: Lists,
    connections: int,
    seconds: float,
    warmup: float,
) -> Result:
    if warmup > 0:
        load(url, scenario, lists, connections, warmup)
    requests = lists.file(scenario, seconds)  # built before the clock starts
    pg_pids = postgres_pids(lists.dsn)
    cpu0, pg0 = _cpu_seconds([pid]), _cpu_seconds(pg_pids)
    raw = load(url, scenario, lists, connections, seconds, requests)
    cpu1 = _cpu_seconds([pid])
    pg1 = _cpu_seconds(pg_pids + [p for p in postgres_pids(lists.dsn) if p not in pg_pids])
    duration = raw["duration_us"] / 1e6
    errors = sum(
        raw[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return Result(
        server=kind,
        scenario=scenario.name,
        endpoint=scenario.endpoint,
        tool="wrk" if shutil.which("wrk") else "python",
        connections=connections,
        seconds=round(duration, 2),
        requests=raw["requests"],
        rps=round(raw["requests"] / duration, 1),
        p50_ms=round(raw["p50_us"] / 1000, 2),
        p90_ms=round(raw["p90_us"] / 1000, 2),
        p99_ms=round(raw["p99_us"] / 1000, 2),
        max_ms=round(raw["max_us"] / 1000, 2),
        errors=errors,
        server_cpu_ms_per_request=round(1000 * (cpu1 - cpu0) / max(raw["requests"], 1), 3),
        postgres_cpu_ms_per_request=round(1000 * (pg1 - pg0) / max(raw["requests"], 1), 3),
    )


def run(
    dsn: str,
    *,
    connections: int = 32,
    seconds: float = 10,
    warmup: float = 3,
    scenarios: tuple[day.Scenario, ...] = day.SCENARIOS,
    variants: tuple[str, ...] = (),
    log_dir: Path | None = None,
    rounds: int = 3,
) -> list[Result]:
    """Each round loads the baseline once and ungeapi (and each variant) once per scenario, one
    server at a time, so a spell of load from elsewhere on the machine falls on all of them; the
    medians of the rounds are returned, the baseline first."""
    with tempfile.TemporaryDirectory(prefix="ungeapi-bench-") as tmp:
        work = Path(tmp)
        logs = log_dir or work
        logs.mkdir(parents=True, exist_ok=True)
        lists = Lists(dsn, work)
        with server(BASELINE, dsn, logs) as (base, _), server("ungeapi", dsn, logs) as (unge, _):
            check_same_answers(base, unge, lists)
            check_answered(unge, scenarios, lists)
        plan = [(BASELINE, day.BASELINE_SCENARIO)]
        plan += [(kind, s) for s in scenarios for kind in ("ungeapi", *(f"ungeapi+{v}" for v in variants))]
        results: list[Result] = []
        for round_ in range(1, rounds + 1):
            for kind, scenario in plan:
                # One server at a time: the others' processes are not even running.
                with server(kind, dsn, logs) as (url, pid):
                    result = measure(kind, url, pid, scenario, lists, connections, seconds, warmup)
                print(
                    f"  round {round_}  {scenario.name:<15} {kind:<9} {result.rps:>8.1f} req/s"
                    f"  p50 {result.p50_ms:>7.2f} ms  p99 {result.p99_ms:>7.2f} ms"
                    f"  cpu/req {result.server_cpu_ms_per_request:.3f} ms"
                    f" + pg {result.postgres_cpu_ms_per_request:.3f} ms  errors {result.errors}",
                    flush=True,
                )
                results.append(result)
    grouped: dict[tuple[str, str], list[Result]] = {}
    for result in results:
        grouped.setdefault((result.server, result.scenario), []).append(result)
    return [median_of(group) for group in grouped.values()]


@dataclass(frozen=True)
class Verdict:
    """One row of the table against the issue's targets."""

    result: Result
    ratio: float  # req/s over the baseline's
    p99_multiple: float  # p99 over the baseline's
    target: float
    kind: str

    @property
    def met(self) -> bool:
        answered = self.result.requests > 0 and self.result.errors == 0
        return answered and self.ratio >= self.target and self.p99_multiple <= day.P99_LIMIT

    def text(self) -> str:
        if self.result.errors:
            return f"**not met: {self.result.errors:,} errors**"
        if not self.result.requests:
            return "**not met: no answer within the run**"
        return "met" if self.met else "**not met**"


def verdicts(results: list[Result]) -> list[Verdict]:
    base = next(r for r in results if r.server == BASELINE)
    return [
        Verdict(
            result=r,
            ratio=round(r.rps / base.rps, 3),
            p99_multiple=round(r.p99_ms / base.p99_ms, 2),
            target=day.BY_NAME[r.scenario].target,
            kind=day.BY_NAME[r.scenario].kind,
        )
        for r in results
        if r.server != BASELINE
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="baseline vs ungeapi over HTTP, every endpoint of the day")
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/ungeapi_bench")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", "--duration", type=float, default=10, help="seconds of load per run")
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument(
        "--only", action="append", help=f"scenarios, comma-separated: {', '.join(day.BY_NAME)}"
    )
    parser.add_argument("--variant", action="append", default=[], help="bench/variants.py, measured too")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    results = run(
        args.database_url,
        connections=args.connections,
        seconds=args.seconds,
        warmup=args.warmup,
        scenarios=day.select(args.only),
        variants=tuple(args.variant),
        rounds=args.rounds,
    )
    print(
        json.dumps(
            {
                "results": [asdict(r) for r in results],
                "verdicts": {
                    f"{v.result.server} {v.result.scenario}": {
                        "ratio": v.ratio,
                        "p99_multiple": v.p99_multiple,
                        "target": v.target,
                        "met": v.met,
                    }
                    for v in verdicts(results)
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
