"""The worklist answers from a statement compiled once per caller shape and variant
(obligations/repository.py on core/statements.py). It must answer exactly as the statement built for
the request itself (the path a caller with more departments than templates.MAX_DEPARTMENTS takes):
same items, cursors, links and audit rows, for several kinds of callers and every filter."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import httpx
import pytest

from tests.api.test_demo import all_items
from ungeapi.core import statements as templates
from ungeapi.obligations import repository
from ungeapi_dev.demo import seed_demo

AUDIT_COLUMNS = (
    "municipality_code, sub, roles, department, action, resource_type, resource_id, youth_id, purpose, detail"
)


@contextmanager
def compiled(monkeypatch: pytest.MonkeyPatch, on: bool) -> Iterator[list[str]]:
    """The worklist with its kept templates on or off (off, each request compiles its own); yields the
    SQL of each compiled statement run."""
    ran: list[str] = []
    fetch = repository.fetch

    async def counted(session: Any, sql: str, args: list[Any]) -> list[Any]:
        ran.append(sql)
        return await fetch(session, sql, args)

    with monkeypatch.context() as m:
        m.setattr(repository, "fetch", counted)
        if not on:
            m.setattr(repository.TEMPLATES, "for_caller", lambda *args, **kwargs: None)
        yield ran


async def walk(
    client: httpx.AsyncClient,
    admin_db: asyncpg.Connection,
    muni: str,
    url: str,
    headers: dict[str, str],
    **params: Any,
) -> list[Any]:
    """Every page of the list: status, body, link header and the page's audit rows."""
    pages: list[Any] = []
    while True:
        request_id = str(uuid.uuid4())
        response = await client.get(url, params=params, headers={**headers, "X-Request-ID": request_id})
        audit = await admin_db.fetch(
            f"SELECT {AUDIT_COLUMNS} FROM audit_event WHERE municipality_code = $1 AND request_id = $2"
            " ORDER BY youth_id",
            muni,
            request_id,
        )
        body = response.json()
        if response.status_code == 200:
            assert audit or not body["items"], "a page of obligations is audited"
        else:
            body["request_id"] = None
        pages.append((response.status_code, body, response.headers.get("link"), [dict(r) for r in audit]))
        if response.status_code != 200 or not body["next_cursor"] or len(pages) > 50:
            return pages
        params = {**params, "cursor": body["next_cursor"]}


async def test_compiled_worklist_answers_as_the_requests_own_statement(
    client, app, settings, auth, muni, admin_db, monkeypatch
) -> None:
    await seed_demo(settings, muni, app=app)
    everything = await all_items(client, "/v1/obligations", auth("admin", "BFU"))
    subs = sorted({s for item in everything for s in item["responsible_subs"]})
    kinds = sorted({item["kind"] for item in everything})
    youth = sorted({item["youth_id"] for item in everything})
    busiest = max(subs, key=lambda s: sum(s in item["responsible_subs"] for item in everything))
    assert len(kinds) >= 5 and len(subs) >= 2, (kinds, subs)
    middle_day = sorted(item["due_on"] for item in everything)[len(everything) // 2]

    callers = {
        "admin": auth("admin", "BFU"),
        "caseworker, no department": auth("caseworker", [], sub=busiest),
        "caseworker, one department": auth("caseworker", "BFU", sub=busiest),
        "caseworker, two departments": auth("caseworker", ["BFU", "ARB"], sub=busiest),
        "coordinator": auth("coordinator", "BFU", sub="demo-koordinator"),
        "guide": auth("guide", "UU", sub="demo-guide"),
    }
    filters: list[dict[str, Any]] = [
        {},
        {"limit": 3},
        {"responsible": "me"},
        {"responsible": busiest, "limit": 2},
        {"responsible": "nobody-at-all"},
        {"kind": kinds[:2]},
        {"kind": [kinds[-1]], "department": "BFU"},
        {"department": "ARB", "limit": 4},
        {"due_before": middle_day},
        {"youth_id": youth[0]},
        {"as_of": "2027-06-01", "limit": 5},
        {"kind": "no.such_kind"},
        {"cursor": "not-a-cursor"},
    ]
    seen_items = 0
    for who, headers in callers.items():
        for params in filters:
            with compiled(monkeypatch, on=True) as ran:
                fast = await walk(client, admin_db, muni, "/v1/obligations", headers, **params)
            with compiled(monkeypatch, on=False) as own:
                slow = await walk(client, admin_db, muni, "/v1/obligations", headers, **params)
            assert fast == slow, (who, params)
            assert len(own) == len(ran)
            answered = fast[0][0] == 200 and params.get("kind") != "no.such_kind"
            assert len(ran) == (len(fast) if answered else 0), (who, params)
            seen_items += sum(len(body["items"]) for status, body, _, _ in fast if status == 200)
    assert seen_items > 100  # the comparison compared obligations, not empty pages

    # One youth's own list (GET /v1/youth/{id}/obligations) takes the same path.
    admin = callers["admin"]
    for youth_id in youth[:3]:
        url = f"/v1/youth/{youth_id}/obligations"
        with compiled(monkeypatch, on=True) as ran:
            fast = await walk(client, admin_db, muni, url, admin, limit=1)
        with compiled(monkeypatch, on=False):
            slow = await walk(client, admin_db, muni, url, admin, limit=1)
        assert fast == slow and ran and fast[0][1]["items"]


async def test_a_caller_with_more_departments_than_compiled_shapes_gets_the_same_list(
    client, app, settings, auth, muni, admin_db, monkeypatch
) -> None:
    await seed_demo(settings, muni, app=app)
    many = ["BFU", "ARB", *(f"X{i}" for i in range(templates.MAX_DEPARTMENTS))]
    sub = "demo-raadgiver-bfu"
    with compiled(monkeypatch, on=True) as ran:
        wide = await walk(client, admin_db, muni, "/v1/obligations", auth("caseworker", many, sub=sub))
    assert ran  # not a shape the templates keep: compiled for the request alone, run the same way
    with compiled(monkeypatch, on=True) as ran:
        two = await walk(
            client, admin_db, muni, "/v1/obligations", auth("caseworker", ["BFU", "ARB"], sub=sub)
        )
    assert ran
    items = [item for _, body, _, _ in two for item in body["items"]]
    assert items and [item for _, body, _, _ in wide for item in body["items"]] == items


async def test_one_youths_list_is_the_whole_lists_rows_of_that_youth(client, app, settings, auth, muni) -> None:
    """`youth_id=` (and the overview) computes the rules for that youth alone (missed duties
    included: ungeapi.missed_cases with `youth`); it must find exactly the rows the whole list has."""
    await seed_demo(settings, muni, app=app)
    admin = auth("admin", "BFU")
    everything = await all_items(client, "/v1/obligations", admin)
    kinds_by_youth: dict[str, set[str]] = {}
    for item in everything:
        kinds_by_youth.setdefault(item["youth_id"], set()).add(item["kind"])
    # The youth with the most kinds of obligation, missed-duty rules among them where the demo has any.
    chosen = sorted(kinds_by_youth, key=lambda y: (-len(kinds_by_youth[y]), y))[:8]
    assert chosen
    for youth_id in chosen:
        own = await all_items(client, "/v1/obligations", admin, youth_id=youth_id)
        assert own == [item for item in everything if item["youth_id"] == youth_id], youth_id
        overview = await client.get(f"/v1/youth/{youth_id}/overview", headers=admin)
        assert [o["key"] for o in overview.json()["open_obligations"]] == [o["key"] for o in own][:50]
