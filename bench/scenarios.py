"""The frontend's day: the endpoints `bench/http.py` loads, what each request asks, and its target.

Every scenario is a list of requests built from the bench database just before it is used, sent
through the public HTTP API only (wrk with `wrk/requests.lua`, or `loadgen.py`):

| scenario | request | caller |
| --- | --- | --- |
| `youth.read` | GET /v1/youth/{id}, random unarchived youth | admin of the youth's municipality |
| `youth.overview` | GET /v1/youth/{id}/overview, random youth who hold a case | admin |
| `cases.by_youth` | GET /v1/cases?youth_id=, the same youth | admin |
| `plans.read` | GET /v1/plans/{id}, random plan | admin |
| `obligations.me` | GET /v1/obligations?responsible=me | a caseworker who holds open cases |
| `referrals.page` | GET /v1/referrals?limit=50 | admin of a municipality with ≥ 50 of them |
| `concerns.page` | GET /v1/concerns?limit=50 | admin, as above |
| `youth.page` | GET /v1/youth?limit=50 | admin, as above |
| `youth.create` | POST /v1/youth, a new synthetic youth each request | admin |
| `youth.patch` | PATCH /v1/youth/{id} with If-Match, a different youth each request | admin |

Admin callers see their whole municipality, as the raw baseline does (it checks nothing). The
writes are `once` lists: each line is sent at most once, and the list is rebuilt before every
load (new CPR numbers checked against the database; the youth's current versions read just
before), so a correct server answers every one of them 2xx. A list that runs out starts again
from the top, and the server's 409/412 answers then show as errors in the table.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import asyncpg

from bench.generate import CPR_WEIGHTS, FAMILY_NAMES, GIVEN_NAMES
from ungeapi.core.crypto import CprVault
from ungeapi.core.security import mint_dev_token
from ungeapi.core.settings import DEV_JWT_SECRET, Settings

SAMPLE = 10_000  # distinct targets of a read scenario
CASEWORKERS = 1_000  # distinct caseworkers of the worklist scenario
PAGE = 50
# A `once` list holds this many requests per second of load: far above any rate measured here,
# so it runs out only on a server much faster than today's (and then shows as errors).
ONCE_PER_SECOND = 4_000
PATCH_MARK = " Bench"  # toggled on the family name, so every PATCH changes something

# The targets: the ratio to the raw baseline's req/s (one youth row), one worker, same run.
TARGETS: dict[str, tuple[str, float]] = {
    "read": ("single-resource read", 0.4),
    "page": ("page of 50", 0.3),
    "write": ("write", 0.25),
    "composite": ("overview and worklist", 0.2),
}
P99_LIMIT = 4.0  # every p99 at most this multiple of the baseline's


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    caller: str  # key of the caller's token in the tokens file
    if_match: str | None = None
    body: str | None = None

    def line(self) -> str:
        return "\t".join((self.method, self.path, self.caller, self.if_match or "-", self.body or "-"))


Build = Callable[[asyncpg.Connection, int], Awaitable[list[Request]]]


@dataclass(frozen=True)
class Scenario:
    name: str
    endpoint: str
    kind: str  # a key of TARGETS
    build: Build  # (connection, how many requests) -> requests
    order: Literal["random", "once"] = "random"

    @property
    def target(self) -> float:
        return TARGETS[self.kind][1]

    def size(self, seconds: float) -> int:
        """How many requests to build for a load of `seconds`."""
        return SAMPLE if self.order == "random" else int(seconds * ONCE_PER_SECOND) + 1_000


def admin(municipality: str) -> str:
    return f"admin@{municipality}"


async def _youth(conn: asyncpg.Connection, n: int) -> list[Request]:
    rows = await conn.fetch(
        "SELECT municipality_code, id FROM youth WHERE archived_at IS NULL ORDER BY md5(id::text) LIMIT $1", n
    )
    return [Request("GET", f"/v1/youth/{r['id']}", admin(r["municipality_code"])) for r in rows]


async def _youth_with_cases(conn: asyncpg.Connection, n: int) -> list[asyncpg.Record]:
    return list(
        await conn.fetch(
            "SELECT y.municipality_code, y.id FROM youth y WHERE y.archived_at IS NULL"
            " AND EXISTS (SELECT FROM youth_case c WHERE c.youth_id = y.id)"
            " ORDER BY md5(y.id::text) LIMIT $1",
            n,
        )
    )


async def _overview(conn: asyncpg.Connection, n: int) -> list[Request]:
    rows = await _youth_with_cases(conn, n)
    return [Request("GET", f"/v1/youth/{r['id']}/overview", admin(r["municipality_code"])) for r in rows]


async def _cases(conn: asyncpg.Connection, n: int) -> list[Request]:
    rows = await _youth_with_cases(conn, n)
    return [Request("GET", f"/v1/cases?youth_id={r['id']}", admin(r["municipality_code"])) for r in rows]


async def _plans(conn: asyncpg.Connection, n: int) -> list[Request]:
    rows = await conn.fetch(
        "SELECT p.municipality_code, p.id FROM plan p JOIN youth y ON y.id = p.youth_id"
        " WHERE y.archived_at IS NULL ORDER BY md5(p.id::text) LIMIT $1",
        n,
    )
    return [Request("GET", f"/v1/plans/{r['id']}", admin(r["municipality_code"])) for r in rows]


async def caseworkers(conn: asyncpg.Connection, n: int) -> list[tuple[str, str, str]]:
    """Caseworkers who hold open cases in the generated data: (municipality, department, sub)."""
    rows = await conn.fetch(
        "SELECT DISTINCT ON (md5(caseworker_sub)) municipality_code, department_code, caseworker_sub"
        " FROM youth_case WHERE closed_on IS NULL AND caseworker_sub IS NOT NULL"
        " ORDER BY md5(caseworker_sub) LIMIT $1",
        n,
    )
    return [(r[0], r[1], r[2]) for r in rows]


async def _worklist(conn: asyncpg.Connection, n: int) -> list[Request]:
    return [
        Request("GET", "/v1/obligations?responsible=me", sub)
        for _, _, sub in await caseworkers(conn, min(n, CASEWORKERS))
    ]


def _page(table: str, path: str, where: str = "") -> Build:
    async def build(conn: asyncpg.Connection, n: int) -> list[Request]:
        # Municipalities with a full page; at small sizes (few referrals, concerns), the largest.
        rows = await conn.fetch(
            f"SELECT municipality_code, count(*) AS n FROM {table} {where} GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        full = [r["municipality_code"] for r in rows if r["n"] >= PAGE] or [
            r["municipality_code"] for r in rows[:1]
        ]
        return [Request("GET", f"{path}?limit={PAGE}", admin(code)) for code in full]

    return build


def _cpr_digits(rng: random.Random, today: dt.date) -> str:
    """A synthetic CPR number of a youth aged 15-24, as bench/generate.py makes them (it fails
    modulus 11), but with century digit 5: the generator's numbers for these years use 4."""
    while True:
        born = today - dt.timedelta(days=rng.randrange(15 * 365 + 4, 25 * 365 - 4))
        digits = f"{born:%d%m%y}5{rng.randrange(1000):03d}"
        if sum(int(c) * w for c, w in zip(digits, CPR_WEIGHTS, strict=True)) % 11 != 0:
            return digits


async def _create(conn: asyncpg.Connection, n: int) -> list[Request]:
    municipalities = [
        r[0] for r in await conn.fetch("SELECT DISTINCT municipality_code FROM youth ORDER BY 1")
    ]
    vault = CprVault(*_vault_keys())
    rng = random.Random(secrets.randbits(64))  # new numbers on every run
    today = dt.date.today()
    by_hash: dict[bytes, str] = {}
    while len(by_hash) < n:
        for digits in {_cpr_digits(rng, today) for _ in range(n - len(by_hash))}:
            by_hash[vault.lookup_hash(digits)] = digits
        taken = await conn.fetch(
            "SELECT cpr_hash FROM youth WHERE cpr_hash = ANY($1::bytea[])", list(by_hash)
        )
        for row in taken:
            del by_hash[bytes(row[0])]
    requests = []
    for digits in by_hash.values():
        family = rng.choice(FAMILY_NAMES)
        body = {
            "cpr": f"{digits[:6]}-{digits[6:]}",
            "given_name": rng.choice(GIVEN_NAMES),
            "family_name": family,
            "guardians": [
                {"name": f"{rng.choice(GIVEN_NAMES)} {family}", "relation": "mother", "has_custody": True}
            ],
            "target_groups": ["education_guidance"],
        }
        requests.append(Request("POST", "/v1/youth", admin(rng.choice(municipalities)), body=_json(body)))
    return requests


async def _patch(conn: asyncpg.Connection, n: int) -> list[Request]:
    rows = await conn.fetch(
        "SELECT municipality_code, id, version, family_name FROM youth WHERE archived_at IS NULL"
        " ORDER BY random() LIMIT $1",
        n,
    )
    requests = []
    for r in rows:
        name: str = r["family_name"]
        changed = name.removesuffix(PATCH_MARK) if name.endswith(PATCH_MARK) else name + PATCH_MARK
        requests.append(
            Request(
                "PATCH",
                f"/v1/youth/{r['id']}",
                admin(r["municipality_code"]),
                if_match=f'"{r["version"]}"',
                body=_json({"family_name": changed}),
            )
        )
    return requests


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _vault_keys() -> tuple[bytes, bytes]:
    settings = Settings(env="development")
    return settings.effective_cpr_key, settings.effective_cpr_hash_key


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("youth.read", "GET /v1/youth/{id}", "read", _youth),
    Scenario("youth.overview", "GET /v1/youth/{id}/overview", "composite", _overview),
    Scenario("cases.by_youth", "GET /v1/cases?youth_id=", "read", _cases),
    Scenario("plans.read", "GET /v1/plans/{id}", "read", _plans),
    Scenario("obligations.me", "GET /v1/obligations?responsible=me", "composite", _worklist),
    Scenario("referrals.page", "GET /v1/referrals?limit=50", "page", _page("referral", "/v1/referrals")),
    Scenario("concerns.page", "GET /v1/concerns?limit=50", "page", _page("concern", "/v1/concerns")),
    Scenario(
        "youth.page",
        "GET /v1/youth?limit=50",
        "page",
        _page("youth", "/v1/youth", "WHERE archived_at IS NULL"),
    ),
    Scenario("youth.create", "POST /v1/youth", "write", _create, order="once"),
    Scenario("youth.patch", "PATCH /v1/youth/{id}", "write", _patch, order="once"),
)
BY_NAME = {s.name: s for s in SCENARIOS}
# The raw baseline answers this scenario's requests (one youth row); every ratio is to it.
BASELINE_SCENARIO = BY_NAME["youth.read"]


def select(names: list[str] | None) -> tuple[Scenario, ...]:
    """Scenarios by name, in the table's order; `None` or empty: all of them."""
    if not names:
        return SCENARIOS
    wanted = {n.strip() for name in names for n in name.split(",") if n.strip()}
    unknown = wanted - BY_NAME.keys()
    if unknown:
        raise SystemExit(f"unknown scenario(s) {sorted(unknown)}; choose from {sorted(BY_NAME)}")
    return tuple(s for s in SCENARIOS if s.name in wanted)


async def build(dsn: str, scenario: Scenario, n: int) -> list[Request]:
    conn = await asyncpg.connect(dsn)
    try:
        requests = await scenario.build(conn, n)
    finally:
        await conn.close()
    if not requests:
        raise RuntimeError(f"{scenario.name}: nothing to ask in the bench database; generate data first")
    return requests


async def tokens(dsn: str) -> dict[str, str]:
    """A token for every caller a scenario may name: the admin of each municipality, and the
    caseworkers of the worklist (their own sub, role and department)."""
    settings = Settings(env="development", jwt_dev_secret=DEV_JWT_SECRET)
    conn = await asyncpg.connect(dsn)
    try:
        municipalities = [r[0] for r in await conn.fetch("SELECT DISTINCT municipality_code FROM youth")]
        workers = await caseworkers(conn, CASEWORKERS)
    finally:
        await conn.close()
    callers = [(admin(m), f"bench-admin@{m}", "admin", "BFU", m) for m in municipalities]
    callers += [(sub, sub, "caseworker", department, m) for m, department, sub in workers]
    return {
        key: mint_dev_token(
            settings, sub=sub, roles=[role], departments=[department], municipality=m, ttl_seconds=24 * 3600
        )
        for key, sub, role, department, m in sorted(callers)
    }


def write(path: Path, requests: list[Request]) -> Path:
    path.write_text("".join(r.line() + "\n" for r in requests))
    return path
