"""HTTP benchmark: the raw ASGI baseline and ungeapi, side by side on the same data.

    .venv/bin/python -m bench.http --database-url postgresql://postgres@127.0.0.1:5432/ungeapi_bench

(Run it as a module from the repository root: as a script, this file would shadow the standard
library's `http`.) Each server runs as its own uvicorn process with one worker on a loopback
port, and is loaded alone, one after the other, with the same connections and duration:

* `one`:  GET /v1/youth/{id} for random (unarchived) youth across all municipalities, each with
  an admin token of the youth's municipality (ungeapi: token check, tenant, scope, audit row);
* `page`: GET /v1/youth?limit=50 in a random municipality (ungeapi: one audit row per youth).

Load comes from `wrk` (apt-get install wrk) with `bench/wrk/youth.lua`; without wrk, from a
small asyncio load generator in a separate process, which saturates sooner (the report says
which was used).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
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

from bench.database import sqlalchemy_url
from ungeapi.core.security import mint_dev_token
from ungeapi.core.settings import DEV_JWT_SECRET, Settings

ROOT = Path(__file__).resolve().parents[1]
LUA = ROOT / "bench" / "wrk" / "youth.lua"
SCENARIOS = ("one", "page")
POOL_SIZE = 10  # ungeapi: pool 10 + overflow 10; the baseline gets 20 outright
SAMPLE_IDS = 10_000


@dataclass
class Result:
    server: str
    scenario: str
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


def median_of(rounds: list[Result]) -> Result:
    """One row for several interleaved rounds of the same server and scenario: medians, and the
    sums where a sum is meant (requests, errors, seconds), so one noisy round moves little."""

    def median(name: str) -> float:
        return round(statistics.median(getattr(r, name) for r in rounds), 3)

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


def _postgres_pids() -> list[int]:
    """Every PostgreSQL process on this machine (the whole server, so other load counts too)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() in ("postgres", "postmaster"):
                    pids.append(int(entry.name))
    return pids


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
    if kind == "baseline":
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
        deadline = time.monotonic() + 30
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


async def sample_targets(dsn: str, n: int = SAMPLE_IDS) -> list[tuple[str, str]]:
    """A fixed sample of unarchived youth (municipality, id), the same on every run."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT municipality_code, id FROM youth WHERE archived_at IS NULL "
            "ORDER BY md5(id::text) LIMIT $1",
            n,
        )
    finally:
        await conn.close()
    if not rows:
        raise RuntimeError("no youth in the bench database: generate data first")
    return [(r["municipality_code"], str(r["id"])) for r in rows]


def tokens_for(municipalities: set[str]) -> dict[str, str]:
    settings = Settings(env="development", jwt_dev_secret=DEV_JWT_SECRET)
    return {
        code: mint_dev_token(
            settings,
            sub=f"bench-admin@{code}",
            roles=["admin"],
            departments=["BFU"],
            municipality=code,
            ttl_seconds=24 * 3600,
        )
        for code in sorted(municipalities)
    }


def check_same_answers(base: str, unge: str, targets: list[tuple[str, str]], tokens: dict[str, str]) -> None:
    """Both servers must answer the same youth with the same fields before anything is timed."""
    muni, youth_id = targets[0]
    headers = {"Authorization": f"Bearer {tokens[muni]}", "X-Bench-Municipality": muni}
    with httpx.Client(headers=headers, timeout=10) as client:
        for path in (f"/v1/youth/{youth_id}", "/v1/youth?limit=50"):
            a, b = client.get(base + path), client.get(unge + path)
            if a.status_code != 200 or b.status_code != 200:
                raise RuntimeError(
                    f"{path}: baseline {a.status_code}, ungeapi {b.status_code}: {b.text[:300]}"
                )
            ja, jb = a.json(), b.json()
            items_a, items_b = (ja["items"], jb["items"]) if "items" in ja else ([ja], [jb])
            if [i["id"] for i in items_a] != [i["id"] for i in items_b]:
                raise RuntimeError(f"{path}: the servers answer different youth")
            for x, y in zip(items_a, items_b, strict=True):
                for key in (
                    "cpr",
                    "birth_date",
                    "age",
                    "given_name",
                    "family_name",
                    "birthdays",
                    "guardians",
                ):
                    if x[key] != y[key]:
                        raise RuntimeError(f"{path}: {key} differs: {x[key]!r} != {y[key]!r}")


def run_wrk(
    url: str, scenario: str, connections: int, seconds: float, files: dict[str, Path]
) -> dict[str, Any]:
    env = {
        **_clean_env(),
        "BENCH_MODE": scenario,
        "BENCH_TARGETS": str(files["targets"]),
        "BENCH_TOKENS": str(files["tokens"]),
    }
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s", "-s", str(LUA), url]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("BENCH_JSON "):
            data: dict[str, Any] = json.loads(line.removeprefix("BENCH_JSON "))
            return data
    raise RuntimeError(f"wrk printed no summary:\n{out}")


def run_python_loadgen(
    url: str, scenario: str, connections: int, seconds: float, files: dict[str, Path]
) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.loadgen",
        url,
        scenario,
        str(connections),
        str(seconds),
        str(files["targets"]),
        str(files["tokens"]),
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


def measure(
    kind: str,
    url: str,
    pid: int,
    scenario: str,
    connections: int,
    seconds: float,
    warmup: float,
    files: dict[str, Path],
) -> Result:
    tool = "wrk" if shutil.which("wrk") else "python"
    runner = run_wrk if tool == "wrk" else run_python_loadgen
    if warmup > 0:
        runner(url, scenario, connections, warmup, files)
    pg_pids = _postgres_pids()
    cpu0, pg0 = _cpu_seconds([pid]), _cpu_seconds(pg_pids)
    raw = runner(url, scenario, connections, seconds, files)
    cpu1, pg1 = _cpu_seconds([pid]), _cpu_seconds(pg_pids + [p for p in _postgres_pids() if p not in pg_pids])
    duration = raw["duration_us"] / 1e6
    errors = sum(
        raw[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return Result(
        server=kind,
        scenario=scenario,
        tool=tool,
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
    scenarios: tuple[str, ...] = SCENARIOS,
    variants: tuple[str, ...] = (),
    log_dir: Path | None = None,
    rounds: int = 3,
) -> list[Result]:
    """Each round loads every server once per scenario, one after the other, so a spell of load
    from elsewhere on the machine falls on all of them; the medians of the rounds are returned."""
    targets = asyncio.run(sample_targets(dsn))
    tokens = tokens_for({m for m, _ in targets})
    with tempfile.TemporaryDirectory(prefix="ungeapi-bench-") as tmp:
        work = Path(tmp)
        logs = log_dir or work
        logs.mkdir(parents=True, exist_ok=True)
        files = {"targets": work / "targets.txt", "tokens": work / "tokens.txt"}
        files["targets"].write_text("".join(f"{m} {i}\n" for m, i in targets))
        files["tokens"].write_text("".join(f"{m} {t}\n" for m, t in tokens.items()))
        results: list[Result] = []
        with server("baseline", dsn, logs) as (base, _), server("ungeapi", dsn, logs) as (unge, _):
            check_same_answers(base, unge, targets, tokens)
        kinds = ("baseline", "ungeapi", *(f"ungeapi+{v}" for v in variants))
        for _round, scenario, kind in itertools.product(range(rounds), scenarios, kinds):
            # One server at a time: the other's process is not even running.
            with server(kind, dsn, logs) as (url, pid):
                result = measure(kind, url, pid, scenario, connections, seconds, warmup, files)
            print(
                f"  {scenario:<5} {kind:<9} {result.rps:>8.1f} req/s  p50 {result.p50_ms:>6.2f} ms  "
                f"p99 {result.p99_ms:>6.2f} ms  "
                f"cpu/req {result.server_cpu_ms_per_request:.3f} ms"
                f" + pg {result.postgres_cpu_ms_per_request:.3f} ms  "
                f"errors {result.errors}",
                flush=True,
            )
            results.append(result)
    grouped: dict[tuple[str, str], list[Result]] = {}
    for result in results:
        grouped.setdefault((result.server, result.scenario), []).append(result)
    return [median_of(group) for group in grouped.values()]


def ratios(results: list[Result]) -> dict[str, dict[str, float]]:
    by = {(r.server, r.scenario): r for r in results}
    out: dict[str, dict[str, float]] = {}
    for scenario in {r.scenario for r in results}:
        a, b = by.get(("baseline", scenario)), by.get(("ungeapi", scenario))
        if a and b:
            out[scenario] = {
                "rps": round(b.rps / a.rps, 3),
                "p50": round(b.p50_ms / a.p50_ms, 2),
                "p99": round(b.p99_ms / a.p99_ms, 2),
            }
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="baseline vs ungeapi over HTTP")
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/ungeapi_bench")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--scenario", action="append", choices=SCENARIOS)
    parser.add_argument("--variant", action="append", default=[], help="bench/variants.py, e.g. no_lane")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    results = run(
        args.database_url,
        connections=args.connections,
        seconds=args.seconds,
        warmup=args.warmup,
        scenarios=tuple(args.scenario or SCENARIOS),
        variants=tuple(args.variant),
        rounds=args.rounds,
    )
    print(json.dumps({"results": [asdict(r) for r in results], "ratios": ratios(results)}, indent=2))


if __name__ == "__main__":
    main()
