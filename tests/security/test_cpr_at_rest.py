"""No CPR number at rest in clear text outside its encrypted column (issue 16, item 5).

A client puts CPR numbers everywhere it can: bodies, headers (`X-Purpose`, `X-Request-ID`,
`Idempotency-Key`), CSV cells, bad rows, a headerless file, a file name, an upload it abandons
mid-body. Afterwards the database (every table's text, read as the superuser) and the temporary
folder hold none, except the encrypted columns.
"""

from __future__ import annotations

import asyncio
import json
import re
import tempfile
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.api.integration.helpers import post_import, wait_for_import
from tests.conftest import synthetic_cpr
from ungeapi.core.context import Ctx, today_in_copenhagen
from ungeapi.core.security import Principal
from ungeapi.imports.service import ImportOptions, import_file
from ungeapi.imports.upload import PREFIX

# DDMMYY-SSSS or ten digits, not inside a longer number.
CPR_TEXT = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")
CPR_BYTES = re.compile(rb"(?<![0-9])[0-9]{6}-?[0-9]{4}(?![0-9])")
# Identifiers that are not text a client wrote: UUIDs and long hex digests (request ids, keyed
# hashes). Ten digits in a row happen inside them by chance.
IDENTIFIERS = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<![0-9a-z])[0-9a-f]{32,}(?![0-9a-z])"
)
# The columns that hold a CPR number encrypted (or keyed-hashed), and other ciphertexts.
ENCRYPTED = {
    ("youth", "cpr_ciphertext"),
    ("youth", "cpr_hash"),
    ("idempotency_record", "response_ciphertext"),
    ("webhook_subscription", "secret_ciphertext"),
}
# Not scanned as bytes: a filed document's body (documents/) is the municipality's document as
# filed, compressed PDF or an upload, whose binary streams hold digit runs that look like CPR
# numbers on some days (seen with the clock two years ahead). What ungeapi prints into it is
# checked as text instead (tests/api/record/test_minutes_journal.py: the filed minutes' text).
NOT_TEXT = {("document_content", "content")}


def cprs_in_text(text: str) -> list[str]:
    return CPR_TEXT.findall(IDENTIFIERS.sub("", text))


async def cprs_in_database(admin_db: asyncpg.Connection) -> list[tuple[str, str]]:
    """(table, what looked like a CPR number) for every table's every row, as text."""
    columns = await admin_db.fetch(
        """
        SELECT c.table_name, c.column_name, c.data_type
        FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name, c.ordinal_position
        """
    )
    tables: dict[str, list[tuple[str, str]]] = {}
    for row in columns:
        tables.setdefault(row["table_name"], []).append((row["column_name"], row["data_type"]))
    found: list[tuple[str, str]] = []
    for table, cols in tables.items():
        text_cols = [name for name, kind in cols if kind != "bytea"]
        if text_cols:
            select = ", ".join(f'"{c}"' for c in text_cols)
            rows = await admin_db.fetch(
                f'SELECT row_to_json(t)::text AS j FROM (SELECT {select} FROM "{table}") t'
            )
            found += [(table, hit) for r in rows for hit in cprs_in_text(r["j"])]
        for name in (n for n, kind in cols if kind == "bytea" and (table, n) not in ENCRYPTED | NOT_TEXT):
            values = await admin_db.fetch(f'SELECT "{name}" AS b FROM "{table}" WHERE "{name}" IS NOT NULL')
            found += [(f"{table}.{name}", hit.decode()) for v in values for hit in CPR_BYTES.findall(v["b"])]
    assert len(tables) > 20, tables.keys()  # it really read the schema
    return found


def cprs_in_folder(folder: Path) -> list[tuple[str, str]]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [(path.name, hit.decode()) for hit in CPR_BYTES.findall(data)]
            found += [(path.name, "name")] if CPR_TEXT.search(path.name) else []
    return found


def leftovers(folder: Path) -> list[Path]:
    return list(folder.iterdir())


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, as the app sees it, for this test alone."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
async def seeded(client: httpx.AsyncClient, auth: Any) -> None:
    assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200


async def abandoned_upload(app: Any, headers: dict[str, str], body: bytes, temp_dir: Path) -> list[Any]:
    """POST /v1/imports whose client goes away after half the body. -> the messages sent back.
    While the upload is half-way, its temporary file exists and holds no clear text."""
    half = len(body) // 2
    calls = 0
    seen_midway: list[Path] = []

    async def receive() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if calls == 1:
            return {"type": "http.request", "body": body[:half], "more_body": True}
        seen_midway.extend(leftovers(temp_dir))
        assert seen_midway, "the first half was not written to a temporary file"
        assert not cprs_in_folder(temp_dir)
        return {"type": "http.disconnect"}

    sent: list[Any] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "server": ("test", 80),
        "client": ("127.0.0.1", 1234),
        "root_path": "",
        "path": "/v1/imports",
        "raw_path": b"/v1/imports",
        "query_string": b"kind=youth",
        "headers": [
            (b"host", b"test"),
            (b"content-type", b"text/csv"),
            (b"content-length", str(len(body)).encode()),
            *((k.lower().encode(), v.encode()) for k, v in headers.items()),
        ],
        "app": app,
    }
    await app(scope, receive, send)
    assert calls == 2 and seen_midway and seen_midway[0].name.startswith(PREFIX)
    return sent


class TestUploads:
    async def test_a_client_gone_mid_upload_leaves_no_file(self, app, auth, temp_dir: Path, seeded) -> None:
        rows = "\n".join(f"{synthetic_cpr()};Afbrudt;Eksempelsen" for _ in range(2000))
        body = f"cpr;fornavn;efternavn\n{rows}\n".encode()
        await abandoned_upload(app, auth("integration", "BFU"), body, temp_dir)
        assert not leftovers(temp_dir)

    async def test_a_finished_or_refused_upload_leaves_no_file(
        self, client, auth, temp_dir: Path, seeded
    ) -> None:
        headers = auth("integration", "BFU")
        job = await post_import(
            client, headers, f"cpr;fornavn;efternavn\n{synthetic_cpr()};A;B\n", kind="youth"
        )
        assert job["status"] == "completed"
        refused = await client.post(
            "/v1/imports",
            params={"kind": "youth"},
            content=f"{synthetic_cpr()};A;B\n",
            headers={**headers, "Content-Type": "text/csv"},
        )
        assert refused.status_code == 422
        for _ in range(100):  # the background task removes the file after the job's last write
            if not leftovers(temp_dir):
                break
            await asyncio.sleep(0.02)
        assert not leftovers(temp_dir)


class TestHeaderlessFiles:
    @pytest.mark.parametrize(
        ("kind", "first_row"),
        [
            ("youth", "{cpr};Testa;Eksempelsen"),
            ("youth", "{digits},Testa,Eksempelsen"),
            ("youth", "Testa;Eksempelsen;BFU"),
            ("cases", "{cpr};BFU;placement;;2025-01-01;;sbsys;S-1"),
            ("absence", "{cpr};Nordbyskolen;2026Q1;2,5;16,25;3"),
        ],
    )
    async def test_refused_with_a_code_and_nothing_kept(
        self, client, auth, admin_db, muni, seeded, temp_dir: Path, kind: str, first_row: str
    ) -> None:
        cpr = synthetic_cpr()
        line = first_row.format(cpr=cpr, digits=cpr.replace("-", ""))
        for media, body in (("text/csv", f"{line}\n{line}\n"), ("multipart", f"{line}\n")):
            if media == "multipart":
                response = await client.post(
                    "/v1/imports",
                    params={"kind": kind},
                    files={"file": ("data.csv", body.encode(), "text/csv")},
                    headers={**auth("integration", "BFU"), "Accept-Language": "da"},
                )
            else:
                response = await client.post(
                    "/v1/imports",
                    params={"kind": kind},
                    content=body,
                    headers={**auth("integration", "BFU"), "Content-Type": media},
                )
            assert response.status_code == 422, response.text
            assert response.json()["code"] == "import.header_missing"
            assert cpr not in response.text
        assert response.json()["title"] == "Overskriftsrækken mangler"
        assert (
            await admin_db.fetchval("SELECT count(*) FROM import_job WHERE municipality_code = $1", muni) == 0
        )
        assert not leftovers(temp_dir)

    async def test_the_cli_door_fails_the_job_with_the_same_code(
        self, app, client, auth, admin_db, muni, seeded, tmp_path: Path
    ) -> None:
        cpr = synthetic_cpr()
        path = tmp_path / f"{cpr}.csv"
        path.write_text(f"{cpr};Testa;Eksempelsen\n", encoding="utf-8")
        ctx = Ctx(
            principal=Principal(sub="cli", name="CLI", municipality=muni, roles=frozenset({"integration"})),
            purpose="bulk-import",
            request_id=None,
            today=today_in_copenhagen(),
        )
        job_id, summary = await import_file(
            app.state.db.transaction,
            ctx,
            path,
            ImportOptions(kind="youth", format="csv"),
            vault=app.state.vault,
        )
        assert (summary.status, summary.error_code) == ("failed", "import.header_missing")
        job = (await client.get(f"/v1/imports/{job_id}", headers=auth("admin"))).json()
        assert [(p["line"], p["field"], p["code"]) for p in job["report"]] == [
            (1, None, "import.header_missing")
        ]
        assert job["filename"] == "[cpr].csv"
        stored = await admin_db.fetch(
            "SELECT row_to_json(p)::text AS j FROM import_problem p WHERE import_id = $1", job_id
        )
        assert stored and not any(cprs_in_text(r["j"]) for r in stored)


class TestAuditPurposeAndRequestId:
    async def test_masked_in_the_audit_log_and_the_access_log(
        self, client, auth, admin_db, muni, seeded
    ) -> None:
        cpr = synthetic_cpr()
        headers = auth("caseworker", "BFU")
        youth = await client.post(
            "/v1/youth",
            json={"cpr": synthetic_cpr(), "given_name": "Ung", "family_name": "Eksempelsen"},
            headers={**headers, "X-Purpose": f"opslag {cpr} mor", "X-Request-ID": cpr},
        )
        assert youth.status_code == 201, youth.text
        assert youth.headers["x-request-id"] != cpr and not CPR_TEXT.search(youth.headers["x-request-id"])
        youth_id = youth.json()["id"]
        for path in (f"/v1/youth/{youth_id}", "/v1/youth"):
            read = await client.get(
                path,
                headers={
                    **headers,
                    "X-Purpose": f"opslag {cpr.replace('-', '')} far",
                    "X-Request-ID": f"req_{cpr.replace('-', '')}",
                },
            )
            assert read.status_code == 200
            assert not CPR_TEXT.search(read.headers["x-request-id"])
        rows = await admin_db.fetch(
            "SELECT purpose, request_id FROM audit_event WHERE municipality_code = $1 AND youth_id = $2",
            muni,
            uuid_of(youth_id),
        )
        assert {r["purpose"] for r in rows} == {"opslag [cpr] mor", "opslag [cpr] far"}
        assert not any(r["request_id"] and cprs_in_text(r["request_id"]) for r in rows)
        log = await client.get(f"/v1/youth/{youth_id}/access-log", headers=auth("dpo", "BFU"))
        assert log.status_code == 200 and "opslag [cpr] mor" in log.text and not cprs_in_text(log.text)
        audit = await client.get("/v1/audit", params={"youth_id": youth_id}, headers=auth("dpo", "BFU"))
        assert audit.status_code == 200 and not cprs_in_text(audit.text)


def uuid_of(value: str) -> uuid.UUID:
    return uuid.UUID(value)


class TestTheScan:
    """The issue's "done when": after a suite of CPR numbers in every place, the scan finds none."""

    @pytest.fixture
    async def everywhere(self, app, client, auth, muni, seeded, temp_dir: Path) -> AsyncIterator[None]:
        headers = auth("integration", "BFU")
        cpr, other = synthetic_cpr(), synthetic_cpr()
        digits = cpr.replace("-", "")
        noisy = {
            **headers,
            "X-Purpose": f"opslag {cpr} mor, {digits}",
            "X-Request-ID": digits,
            "Idempotency-Key": cpr,
        }
        # Bodies: a youth registered, looked up, changed to a new number; bad bodies refused.
        youth = await client.post(
            "/v1/youth", json={"cpr": cpr, "given_name": "Scan", "family_name": "Eksempelsen"}, headers=noisy
        )
        assert youth.status_code == 201, youth.text
        replay = await client.post(
            "/v1/youth", json={"cpr": cpr, "given_name": "Scan", "family_name": "Eksempelsen"}, headers=noisy
        )
        assert replay.headers.get("idempotent-replayed") == "true"
        youth_id = youth.json()["id"]
        assert (await client.post("/v1/youth/lookup", json={"cpr": cpr}, headers=noisy)).status_code == 200
        assert (await client.post("/v1/youth/lookup", json={"cpr": other}, headers=noisy)).status_code == 404
        changed = await client.patch(
            f"/v1/youth/{youth_id}",
            json={"cpr": other},
            headers={**noisy, "If-Match": youth.headers["etag"]},
        )
        assert changed.status_code == 200, changed.text
        for bad in (
            {"cpr": cpr, "given_name": "x" * 500, "family_name": "B"},
            {"cpr": cpr, digits: cpr, "given_name": "A", "family_name": "B"},
            {"cpr": f"{cpr}9", "given_name": "A", "family_name": "B"},
        ):
            assert (await client.post("/v1/youth", json=bad, headers=noisy)).status_code == 422
        for path in (f"/v1/youth/{youth_id}", "/v1/youth", f"/v1/youth/{youth_id}/overview"):
            assert (await client.get(path, headers=noisy)).status_code == 200
        # Imports: good rows, bad rows, a JSON key that is a number, a file name, a headerless file.
        good, young, bad_date = synthetic_cpr(), synthetic_cpr(), "310205-4000"
        csv_text = (
            "cpr;fornavn;efternavn\n"
            f"{good};Import;Eksempelsen\n"
            f"{good};Import;Eksempelsen\n"  # a duplicate
            f"{bad_date};Dato;Forkert\n"
            f"010180-1234;For;Gammel\n"  # outside the age window
            f"{young};For;Mange;Kolonner;{cpr}\n"
        )
        job = await post_import(client, noisy, csv_text, kind="youth", mode="valid_rows")
        assert job["invalid"] == 4 and not cprs_in_text(json.dumps(job))
        records = [{"cpr": young, "given_name": "J", "family_name": "S", digits: cpr}]
        job = await post_import(
            client, noisy, json.dumps(records), media_type="application/json", kind="youth", mode="valid_rows"
        )
        assert [p["field"] for p in job["report"]] == ["[cpr]"]
        ndjson = f'{{"cpr": "{young}", "given_name": "N", "family_name": "D"}}\n{{"{cpr}": 1\n'
        await post_import(
            client, noisy, ndjson, media_type="application/x-ndjson", kind="youth", mode="valid_rows"
        )
        response = await client.post(
            "/v1/imports",
            params={"kind": "youth"},
            files={"file": (f"{cpr}.csv", f"cpr,given_name,family_name\n{young},M,P\n".encode(), "text/csv")},
            headers=noisy,
        )
        assert response.status_code == 202, response.text
        job = await wait_for_import(client, noisy, response.headers["Location"])
        assert job["filename"] == "[cpr].csv"
        cases = f"CPR-nummer;Afdeling;Sagstype;Oprettet;Journalsystem;Journalnummer\n{other};BFU;placement;2025-01-01;sbsys;S-1\n{bad_date};BFU;placement;2025-01-01;sbsys;S-2\n"
        await post_import(client, noisy, cases, kind="cases", mode="valid_rows")
        absence = f"cpr;skole;kvartal;lovligt;ulovligt;sygdom\n{other};Skolen;2026Q1;1;2;3\n{cpr};Skolen;2026Q9;1;2;3\n"
        await post_import(client, noisy, absence, kind="absence", mode="valid_rows")
        headerless = await client.post(
            "/v1/imports",
            params={"kind": "youth"},
            content=f"{cpr};A;B\n",
            headers={**noisy, "Content-Type": "text/csv"},
        )
        assert headerless.status_code == 422
        await abandoned_upload(
            app, noisy, f"cpr;fornavn;efternavn\n{cpr};A;B\n{other};C;D\n".encode(), temp_dir
        )
        for _ in range(100):
            if not leftovers(temp_dir):
                break
            await asyncio.sleep(0.02)
        # The dpo reads the audit log and the access log.
        dpo = {**auth("dpo", "BFU"), "X-Purpose": f"indsigt {cpr}"}
        assert (await client.get(f"/v1/youth/{youth_id}/access-log", headers=dpo)).status_code == 200
        assert (await client.get("/v1/audit", headers=dpo)).status_code == 200
        yield

    async def test_no_cpr_in_the_database_or_the_temp_folder(
        self, everywhere, admin_db, temp_dir: Path
    ) -> None:
        assert await cprs_in_database(admin_db) == []
        assert cprs_in_folder(temp_dir) == []
        assert not leftovers(temp_dir)

    async def test_the_scan_finds_a_number_it_is_shown(self, admin_db, muni, tmp_path: Path) -> None:
        # A scan that cannot fail proves nothing: a number written in clear text is found.
        transaction = admin_db.transaction()
        await transaction.start()
        try:
            await admin_db.execute(
                "INSERT INTO audit_event (municipality_code, sub, roles, action, resource_type, purpose) "
                "VALUES ($1, 'x', '{}', 'read', 'youth', 'opslag 280599-1234 mor')",
                muni,
            )
            assert ("audit_event", "280599-1234") in await cprs_in_database(admin_db)
        finally:
            await transaction.rollback()
        (tmp_path / f"{PREFIX}x.csv").write_text("cpr\n2805991234\n")
        assert cprs_in_folder(tmp_path) == [(f"{PREFIX}x.csv", "2805991234")]
