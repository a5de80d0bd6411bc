"""The near-limit baseline: a raw ASGI app (no framework, no ORM) with an asyncpg pool.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ungeapi_bench \
        .venv/bin/python -m uvicorn bench.baseline.app:app --port 8101 --no-access-log

It answers the same JSON as ungeapi for the same youth, from one SELECT per request:

* `GET /v1/youth/{id}`: the youth by id (CPR decrypted, age and birthdays computed);
* `GET /v1/youth?limit=N`: the first N unarchived youth of the municipality in the
  `X-Bench-Municipality` header, oldest registration first (ungeapi's default page).

No token, no scope check, no tenant setting, no audit row: what is left is the least a Python
service must do to answer from PostgreSQL, so ungeapi's figures are read as a fraction of it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any
from urllib.parse import parse_qs
from uuid import UUID
from zoneinfo import ZoneInfo

import asyncpg

from ungeapi.core.crypto import CprVault
from ungeapi.core.settings import Settings
from ungeapi.youth.rules import age_on, relevant_birthdays

COLUMNS = (
    "id, municipality_code, cpr_ciphertext, birth_date, given_name, family_name, guardians, "
    "target_groups, external_system, external_id, registered_by_department, archived_at, version, "
    "created_at, updated_at"
)
BY_ID = f"SELECT {COLUMNS} FROM youth WHERE id = $1"
PAGE = (
    f"SELECT {COLUMNS} FROM youth WHERE municipality_code = $1 AND archived_at IS NULL "
    "ORDER BY created_at, id LIMIT $2"
)
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
JSON_HEADERS = [(b"content-type", b"application/json")]

_settings = Settings(env="development")
_vault = CprVault(_settings.effective_cpr_key, _settings.effective_cpr_hash_key)
_pool: asyncpg.Pool | None = None


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def to_json(row: asyncpg.Record, today: dt.date) -> dict[str, Any]:
    municipality = row["municipality_code"]
    digits = _vault.decrypt(row["cpr_ciphertext"], municipality)
    born = row["birth_date"]
    birthdays = relevant_birthdays(born)
    external = (
        {"system": row["external_system"], "id": row["external_id"]}
        if row["external_system"] and row["external_id"]
        else None
    )
    return {
        "id": str(row["id"]),
        "municipality_code": municipality,
        "cpr": f"{digits[:6]}-{digits[6:]}",
        "birth_date": born.isoformat(),
        "age": age_on(born, today),
        "birthdays": {
            "turns_15": birthdays[15].isoformat(),
            "turns_17": birthdays[17].isoformat(),
            "turns_18": birthdays[18].isoformat(),
        },
        "given_name": row["given_name"],
        "family_name": row["family_name"],
        "guardians": json.loads(row["guardians"]),
        "target_groups": row["target_groups"],
        "external_ref": external,
        "registered_by_department": row["registered_by_department"],
        "archived": row["archived_at"] is not None,
        "archived_at": _iso(row["archived_at"]),
        "version": row["version"],
        "created_at": _iso(row["created_at"]),
        "updated_at": _iso(row["updated_at"]),
    }


async def _respond(send: Any, status: int, body: Any) -> None:
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    headers = [*JSON_HEADERS, (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})


async def _lifespan(receive: Any, send: Any) -> None:
    global _pool
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            dsn = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/ungeapi_bench")
            size = int(os.environ.get("BENCH_POOL_SIZE", "10"))
            _pool = await asyncpg.create_pool(dsn, min_size=size, max_size=size)
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            if _pool is not None:
                await _pool.close()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        await _lifespan(receive, send)
        return
    assert _pool is not None
    path: str = scope["path"]
    today = dt.datetime.now(COPENHAGEN).date()
    if scope["method"] != "GET" or not path.startswith("/v1/youth"):
        await _respond(send, 404, {"code": "request.not_found"})
    elif path.startswith("/v1/youth/"):
        try:
            youth_id = UUID(path.removeprefix("/v1/youth/"))
        except ValueError:
            await _respond(send, 404, {"code": "request.not_found"})
            return
        row = await _pool.fetchrow(BY_ID, youth_id)
        if row is None:
            await _respond(send, 404, {"code": "youth.not_found"})
        else:
            await _respond(send, 200, to_json(row, today))
    else:
        query = parse_qs(scope["query_string"].decode())
        limit = min(int(query.get("limit", ["50"])[0]), 200)
        headers = dict(scope["headers"])
        municipality = headers.get(b"x-bench-municipality", b"101").decode()
        rows = await _pool.fetch(PAGE, municipality, limit + 1)
        items = [to_json(r, today) for r in rows[:limit]]
        # ungeapi's cursor is opaque; the baseline sends a stand-in of similar size.
        cursor = "x" * 80 if len(rows) > limit else None
        await _respond(send, 200, {"items": items, "next_cursor": cursor})
