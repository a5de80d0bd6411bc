"""The worklist at national scale: `/v1/obligations` through the real app, and each rule's plan.

    .venv/bin/python -m bench.obligations --database-url postgresql://postgres@127.0.0.1:5432/ungeapi_bench

On a database made by bench/generate.py (every rule has open items there, see bench/effort.py):

* `responsible=me`: for many caseworkers (a fixed sample across the 98 municipalities, each with a
  caseworker token of their department), GET /v1/obligations?responsible=me, one request at a
  time; p50/p95/p99 over the sample (target p95 < 50 ms).
* the largest municipality (København, 101) with an admin token: the first page (limit 50)
  computes and sorts the whole municipality's list (target < 1 s); the full walk pages through
  all of it with limit 200 and says how many obligations of each kind there are.
* EXPLAIN (ANALYZE, BUFFERS) of every rule's query (`kind=` one rule) for both cases, and of the
  whole union, to bench/explain/<case>/<kind>.txt: the SQL is the app's own, captured from the
  engine while it answers, and re-run under the app's role and tenant.

The app runs in-process (httpx ASGITransport, the tests' path), so the times include the
client and the app but no network and no HTTP server. The worklist is asked `as_of` the
generator's day (generate.AS_OF), so runs on different days give the same lists.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.database import sqlalchemy_url
from bench.generate import AS_OF
from ungeapi.core.db import TENANT_SETTING
from ungeapi.core.security import mint_dev_token
from ungeapi.core.settings import DEV_JWT_SECRET, Settings
from ungeapi.main import create_app
from ungeapi.obligations import repository as obligations_repository
from ungeapi.obligations.service import SOURCES

ROOT = Path(__file__).resolve().parents[1]
EXPLAIN_DIR = ROOT / "bench" / "explain"
LARGEST = "101"  # København
CASEWORKERS = 200
TARGET_ME_P95_MS = 50.0
TARGET_MUNICIPALITY_S = 1.0


@dataclass
class Result:
    caseworkers: int = 0
    caseworker_youth: dict[str, float] = field(default_factory=dict)  # open-case youth per caseworker
    me_items: dict[str, float] = field(default_factory=dict)  # obligations per caseworker (first page)
    me_ms: dict[str, float] = field(default_factory=dict)
    municipality: str = LARGEST
    first_page_ms: list[float] = field(default_factory=list)
    walk_seconds: float = 0.0
    walk_pages: int = 0
    walk_items: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    explain_ms: dict[str, dict[str, float]] = field(default_factory=dict)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(percentile(values, 0.5), 1),
        "p95": round(percentile(values, 0.95), 1),
        "p99": round(percentile(values, 0.99), 1),
        "max": round(max(values), 1),
        "mean": round(statistics.fmean(values), 1),
    }


async def sample_caseworkers(dsn: str, n: int) -> list[tuple[str, str, str, int]]:
    """A fixed sample of caseworkers with open cases: (municipality, department, sub, youth)."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT municipality_code, department_code, caseworker_sub, count(DISTINCT youth_id) AS youth"
            " FROM youth_case WHERE closed_on IS NULL AND caseworker_sub IS NOT NULL"
            " GROUP BY 1, 2, 3 ORDER BY md5(caseworker_sub) LIMIT $1",
            n,
        )
    finally:
        await conn.close()
    if not rows:
        raise RuntimeError("no caseworkers in the bench database: generate data with bench/generate.py")
    return [(r[0], r[1], r[2], int(r[3])) for r in rows]


def token(sub: str, role: str, department: str, municipality: str) -> str:
    settings = Settings(env="development", jwt_dev_secret=DEV_JWT_SECRET)
    return mint_dev_token(
        settings,
        sub=sub,
        roles=[role],
        departments=[department],
        municipality=municipality,
        ttl_seconds=24 * 3600,
    )


class Capture:
    """Keeps the last worklist statement the app ran (SQL and parameters): the worklist runs its
    compiled statement on the driver (core/db.fetch), past the engine's events, so the
    repository's `fetch` is wrapped while the bench runs."""

    def __init__(self) -> None:
        self.statement: str | None = None
        self.parameters: Any = None
        self._fetch = obligations_repository.fetch

    async def __call__(self, session: Any, sql: str, args: Any) -> Any:
        if "AS obligation" in sql:
            self.statement, self.parameters = sql, list(args)
        return await self._fetch(session, sql, args)


async def explain(dsn: str, municipality: str, statement: str, parameters: Any) -> tuple[str, float]:
    conn = await asyncpg.connect(dsn)
    try:
        async with conn.transaction():
            await conn.execute("SET LOCAL ROLE ungeapi_app")
            await conn.execute("SELECT set_config($1, $2, true)", TENANT_SETTING, municipality)
            rows = await conn.fetch("EXPLAIN (ANALYZE, BUFFERS) " + statement, *(parameters or ()))
    finally:
        await conn.close()
    text = "\n".join(r[0] for r in rows)
    ms = float(text.rsplit("Execution Time:", 1)[1].split()[0]) if "Execution Time:" in text else -1.0
    return text, ms


async def measure(dsn: str, caseworkers: int = CASEWORKERS, explain_plans: bool = True) -> Result:
    result = Result()
    sample = await sample_caseworkers(dsn, caseworkers)
    result.caseworkers = len(sample)
    result.caseworker_youth = summary([float(s[3]) for s in sample])
    settings = Settings(
        env="development",
        database_url=sqlalchemy_url(dsn),
        jwt_dev_secret=DEV_JWT_SECRET,
        db_pool_size=5,
        log_level="WARNING",
    )
    app = create_app(settings)
    capture = Capture()
    as_of = AS_OF.isoformat()
    async with app.router.lifespan_context(app):
        obligations_repository.fetch = capture  # type: ignore[assignment]
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=120) as client:

            async def get(auth: str, **params: Any) -> tuple[float, dict[str, Any]]:
                t0 = time.perf_counter()
                response = await client.get(
                    "/v1/obligations", params=params, headers={"Authorization": f"Bearer {auth}"}
                )
                elapsed = (time.perf_counter() - t0) * 1000
                if response.status_code != 200:
                    raise RuntimeError(
                        f"/v1/obligations {params}: {response.status_code} {response.text[:300]}"
                    )
                return elapsed, response.json()

            tokens = [token(sub, "caseworker", dep, muni) for muni, dep, sub, _ in sample]
            for auth in tokens[:10]:  # warm-up: connections, caches
                await get(auth, responsible="me", as_of=as_of)
            times, items = [], []
            for auth in tokens:
                ms, body = await get(auth, responsible="me", as_of=as_of)
                times.append(ms)
                items.append(float(len(body["items"])))
            result.me_ms = summary(times)
            result.me_items = summary(items)

            admin = token(f"bench-admin@{LARGEST}", "admin", "BFU", LARGEST)
            await get(admin, as_of=as_of, limit=50)
            for _ in range(5):
                ms, _body = await get(admin, as_of=as_of, limit=50)
                result.first_page_ms.append(round(ms, 1))
            kinds: Counter[str] = Counter()
            t0 = time.perf_counter()
            cursor: str | None = None
            while True:
                params: dict[str, Any] = {"as_of": as_of, "limit": 200}
                if cursor:
                    params["cursor"] = cursor
                _ms, body = await get(admin, **params)
                result.walk_pages += 1
                kinds.update(item["kind"] for item in body["items"])
                cursor = body["next_cursor"]
                if not cursor:
                    break
            result.walk_seconds = round(time.perf_counter() - t0, 2)
            result.walk_items = sum(kinds.values())
            result.kinds = dict(sorted(kinds.items()))

            if explain_plans:
                # The caseworker of København with the most open-case youth in the sample (or any).
                muni, dep, sub, _ = max(sample, key=lambda s: (s[0] == LARGEST, s[3]))
                cases = {
                    "responsible_me": (muni, token(sub, "caseworker", dep, muni), {"responsible": "me"}),
                    "municipality": (LARGEST, admin, {}),
                }
                for case, (code, auth, extra) in cases.items():
                    folder = EXPLAIN_DIR / case
                    folder.mkdir(parents=True, exist_ok=True)
                    for old in folder.glob("*.txt"):
                        old.unlink()
                    result.explain_ms[case] = {}
                    for kind in [None, *SOURCES]:
                        params = {"as_of": as_of, "limit": 50, **extra}
                        if kind:
                            params["kind"] = kind
                        capture.statement = None
                        await get(auth, **params)
                        if capture.statement is None:
                            raise RuntimeError("the worklist statement was not captured")
                        plan, ms = await explain(dsn, code, capture.statement, capture.parameters)
                        name = kind or "all"
                        result.explain_ms[case][name] = ms
                        who = (
                            f"caseworker {sub} ({dep}, {muni})"
                            if case == "responsible_me"
                            else f"admin of {code}"
                        )
                        header = (
                            f"-- GET /v1/obligations?{'&'.join(f'{k}={v}' for k, v in params.items())}\n"
                            f"-- as {who}; parameters"
                            f" {json.dumps(list(capture.parameters or ()), default=str)}\n"
                        )
                        (folder / f"{name}.txt").write_text(header + capture.statement + "\n\n" + plan + "\n")
        obligations_repository.fetch = capture._fetch  # type: ignore[method-assign]
    return result


def markdown(result: Result, label: dict[str, Any] | None = None) -> list[str]:
    """The section of bench/RESULTS.md (`label`: the bench database's, for the data size)."""
    first = statistics.median(result.first_page_ms) if result.first_page_ms else float("nan")
    me_ok = "met" if result.me_ms.get("p95", 1e9) < TARGET_ME_P95_MS else "**not met**"
    first_ok = "met" if first < TARGET_MUNICIPALITY_S * 1000 else "**not met**"
    cw = result.caseworker_youth
    lines = [
        "## Obligations (the worklist) at scale",
        "",
        "In-process (httpx ASGITransport into the app, one request at a time), `as_of` the generator's"
        " day; `python -m bench.obligations`. Plans: `bench/explain/`."
        + (f" Data: {label['youth']:,} youth (bench/effort.py shares)." if label else ""),
        "",
        f"- `GET /v1/obligations?responsible=me`, {result.caseworkers} caseworkers across the"
        f" municipalities (each holds {cw.get('p50', 0):g} open-case youth at the median,"
        f" {cw.get('p95', 0):g} at p95; first page {result.me_items.get('mean', 0):g} obligations"
        " on average):"
        f" p50 **{result.me_ms.get('p50')} ms**, p95 **{result.me_ms.get('p95')} ms**,"
        f" p99 {result.me_ms.get('p99')} ms, max {result.me_ms.get('max')} ms."
        f" Target p95 < {TARGET_ME_P95_MS:g} ms: {me_ok}.",
        f"- København ({result.municipality}), admin, the first page of the whole list (computes and"
        f" sorts all of it): median **{first:.0f} ms** of {len(result.first_page_ms)}"
        f" ({', '.join(f'{x:.0f}' for x in result.first_page_ms)}). Target < {TARGET_MUNICIPALITY_S:g} s:"
        f" {first_ok}.",
        f"- The full walk of København's list, limit 200: {result.walk_items:,} obligations in"
        f" {result.walk_pages} pages, {result.walk_seconds} s.",
        "- By kind: " + ", ".join(f"`{k}` {v:,}" for k, v in result.kinds.items()) + ".",
    ]
    if result.explain_ms:
        lines += [
            "",
            "EXPLAIN ANALYZE execution time per rule (ms, the database alone):",
            "",
            "| rule | responsible=me | København |",
            "| --- | ---: | ---: |",
        ]
        me, muni = result.explain_ms.get("responsible_me", {}), result.explain_ms.get("municipality", {})
        for name in muni:
            lines.append(f"| `{name}` | {me.get(name, float('nan')):.1f} | {muni[name]:.1f} |")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", required=True, help="postgresql://... of a generated bench database"
    )
    parser.add_argument("--caseworkers", type=int, default=CASEWORKERS)
    parser.add_argument("--no-explain", action="store_true")
    args = parser.parse_args(argv)
    result = asyncio.run(measure(args.database_url, args.caseworkers, not args.no_explain))
    print("\n".join(markdown(result)))
    print(json.dumps(asdict(result), indent=1))


if __name__ == "__main__":
    main()
