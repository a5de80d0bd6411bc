"""Bulk imports through HTTP and the CLI: validation report, dry run, modes, upsert, the feed."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.api.integration.helpers import all_events, post_import, wait_for_import, wait_until_settled
from tests.clock import cli_command
from tests.conftest import synthetic_cpr

ROOT = Path(__file__).resolve().parents[3]
ROWS = 10_000


def cpr_for(n: int) -> str:
    """Distinct synthetic CPR numbers: 1 January 2001-2010, serials 4000-4999: inside the
    default age window (13-30) for ten thousand rows."""
    year, serial = divmod(n, 1000)
    return f"0101{1 + year:02d}-4{serial:03d}"


def youth_csv(
    rows: int, bad: set[int], *, delimiter: str = ";", bom: bool = True
) -> tuple[str, dict[int, str]]:
    """A CSV with Danish headers; the rows in `bad` are broken in varied ways. -> (text, line -> expected code)."""
    header = delimiter.join(
        ["CPR-nummer", "Fornavn", "Efternavn", "Afdeling", "Målgrupper", "Kildesystem", "Ekstern id"]
    )
    lines = [header]
    expected: dict[int, str] = {}
    for n in range(rows):
        line = n + 2
        cpr, given, family, groups = cpr_for(n), f"Testa {n}", "Eksempelsen", "placed|absence"
        ext = f"U-{n}"
        if n in bad:
            kind = len(expected) % 6
            if kind == 0:
                cpr, code = "01011O-4000", "cpr.format"
            elif kind == 1:
                cpr, code = "310205-4000", "cpr.date"
            elif kind == 2:
                family, code = "", "missing"
            elif kind == 3:
                groups, code = "placed|astronaut", "literal_error"
            elif kind == 4:
                given, code = "x" * 201, "string_too_long"
            else:
                cpr, code = "010180-1234", "youth.outside_age_window"
            expected[line] = code
        lines.append(delimiter.join([cpr, given, family, "BFU", groups, "journal", ext]))
    text = "\n".join(lines) + "\n"
    return ("\ufeff" + text) if bom else text, expected


@pytest.fixture
async def seeded(client, auth) -> None:
    assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200


async def youth_count(admin_db, muni: str) -> int:
    return await admin_db.fetchval("SELECT count(*) FROM youth WHERE municipality_code = $1", muni)


class TestTheDoneWhenScenario:
    async def test_ten_thousand_rows_with_37_bad(self, client, auth, admin_db, muni, seeded) -> None:
        headers = auth("integration", "BFU")
        bad = set(range(13, ROWS, ROWS // 37))
        bad = set(sorted(bad)[:37])
        assert len(bad) == 37
        text, expected = youth_csv(ROWS, bad)
        feed_start = (await client.get("/v1/events", params={"limit": 200}, headers=headers)).json()
        before = await all_events(client, headers)

        dry = await post_import(client, headers, text, kind="youth", dry_run=True, mode="valid_rows")
        assert dry["status"] == "completed" and dry["dry_run"] is True
        assert (dry["total"], dry["processed"], dry["invalid"], dry["valid"]) == (ROWS, ROWS, 37, ROWS - 37)
        assert dry["created"] == ROWS - 37  # would be created
        report = (
            await client.get(f"/v1/imports/{dry['id']}/problems", params={"limit": 200}, headers=headers)
        ).json()
        assert {p["line"]: p["code"] for p in report["items"]} == expected
        assert {p["line"] for p in dry["report"]} == set(expected)
        assert all(p["message"] for p in report["items"])
        assert await youth_count(admin_db, muni) == 0

        all_or_nothing = await post_import(client, headers, text, kind="youth")
        assert all_or_nothing["status"] == "failed" and all_or_nothing["error_code"] == "import.rows_invalid"
        assert all_or_nothing["invalid"] == 37 and all_or_nothing["created"] == 0
        assert await youth_count(admin_db, muni) == 0

        written = await post_import(client, headers, text, kind="youth", mode="valid_rows")
        assert written["status"] == "completed"
        assert (written["created"], written["updated"], written["invalid"]) == (ROWS - 37, 0, 37)
        assert await youth_count(admin_db, muni) == ROWS - 37

        again = await post_import(client, headers, text, kind="youth", mode="valid_rows")
        assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, ROWS - 37)
        assert await youth_count(admin_db, muni) == ROWS - 37

        await wait_until_settled(admin_db)
        events = await all_events(client, headers, feed_start["next_cursor"] if before else None)
        youth_events = [e for e in events if e["resource_type"] == "youth"]
        assert len(youth_events) == ROWS - 37 and {e["action"] for e in youth_events} == {"created"}
        assert len({e["resource_id"] for e in youth_events}) == ROWS - 37
        audited = await admin_db.fetchval(
            "SELECT count(*) FROM audit_event WHERE municipality_code = $1 AND resource_type = 'youth' "
            "AND action = 'create' AND detail->>'import_id' = $2",
            muni,
            written["id"],
        )
        assert audited == ROWS - 37
        # In file order: the youth's names carry the row number.
        first = (await client.get(f"/v1/youth/{youth_events[0]['resource_id']}", headers=headers)).json()
        last = (await client.get(f"/v1/youth/{youth_events[-1]['resource_id']}", headers=headers)).json()
        assert (first["given_name"], last["given_name"]) == ("Testa 0", f"Testa {ROWS - 1}")
        assert first["target_groups"] == ["placed", "absence"]
        assert first["external_ref"] == {"system": "journal", "id": "U-0"}
        assert first["registered_by_department"] == "BFU"

    async def test_the_cli_imports_with_a_progress_bar(
        self, client, auth, admin_db, muni, seeded, database_url, tmp_path
    ) -> None:
        text, expected = youth_csv(1200, {5, 700}, delimiter=",", bom=False)
        path = tmp_path / "unge.csv"
        path.write_text(text, encoding="utf-8")
        env = {
            **os.environ,
            "UNGEAPI_ENV": "test",
            "UNGEAPI_DATABASE_URL": database_url,
        }

        def run(*extra: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                cli_command("import", str(path), "--kind", "youth",
                            "--municipality", muni, "--departments", "BFU", "--batch-size", "500", *extra),
                capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
            )  # fmt: skip

        dry = run("--dry-run", "--mode", "valid_rows")
        assert dry.returncode == 0, dry.stderr
        summary = json.loads(dry.stdout)
        assert (summary["invalid"], summary["created"], summary["dry_run"]) == (2, 1198, True)
        assert "100.0% 1200/1200 records" in dry.stderr and "bad lines: 7, 702" in dry.stderr
        assert await youth_count(admin_db, muni) == 0

        failed = run()
        assert failed.returncode == 1 and json.loads(failed.stdout)["error_code"] == "import.rows_invalid"
        assert await youth_count(admin_db, muni) == 0

        done = run("--mode", "valid_rows")
        assert done.returncode == 0 and json.loads(done.stdout)["created"] == 1198
        again = run("--mode", "valid_rows")
        assert json.loads(again.stdout)["unchanged"] == 1198
        assert await youth_count(admin_db, muni) == 1198
        job = (await client.get(f"/v1/imports/{json.loads(done.stdout)['id']}", headers=auth("admin"))).json()
        assert job["status"] == "completed" and {p["line"] for p in job["report"]} == set(expected)


class TestFormatsAndHeaders:
    async def test_json_and_ndjson_and_multipart(self, client, auth, admin_db, muni, seeded) -> None:
        headers = auth("integration", "BFU")
        records = [
            {"cpr": synthetic_cpr(), "given_name": "Json", "family_name": "Array",
             "guardians": [{"name": "Mor", "relation": "mother", "has_custody": True}]},
            {"cpr": "nope", "given_name": "Bad", "family_name": "Row"},
            {"cpr": synthetic_cpr(), "given_name": "Json", "family_name": "Two", "surprise": 1},
        ]  # fmt: skip
        body = "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]"
        job = await post_import(
            client, headers, body, media_type="application/json", kind="youth", mode="valid_rows"
        )
        assert job["created"] == 1
        assert [(p["line"], p["field"], p["code"]) for p in job["report"]] == [
            (3, "cpr", "string_too_short"),
            (4, "surprise", "extra_forbidden"),
        ]
        nd = "\n".join(
            [
                json.dumps({"cpr": synthetic_cpr(), "given_name": "Nd", "family_name": "Json"}),
                "{broken",
                "[1]",
            ]
        )
        job = await post_import(
            client, headers, nd, media_type="application/x-ndjson", kind="youth", mode="valid_rows"
        )
        assert job["created"] == 1 and [(p["line"], p["code"]) for p in job["report"]] == [
            (2, "import.invalid_record"),
            (3, "import.invalid_record"),
        ]
        csv_text = f"cpr,given_name,family_name\n{synthetic_cpr()},Multi,Part\n"
        response = await client.post(
            "/v1/imports",
            params={"kind": "youth"},
            files={"file": ("unge.csv", csv_text.encode(), "application/octet-stream")},
            headers=headers,
        )
        assert response.status_code == 202, response.text
        job = await wait_for_import(client, headers, response.headers["Location"])
        assert job["created"] == 1 and job["filename"] == "unge.csv" and job["format"] == "csv"
        assert await youth_count(admin_db, muni) == 3

    async def test_a_danish_report_and_unknown_columns(self, client, auth, seeded) -> None:
        headers = auth("integration", "BFU")
        job = await post_import(client, headers, "cpr;fornavn;efternavn;skostørrelse\n", kind="youth")
        assert job["status"] == "failed" and job["error_code"] == "import.unknown_column"
        assert [(p["line"], p["field"]) for p in job["report"]] == [(1, "skostørrelse")]
        job = await post_import(
            client, headers, "cpr;fornavn;efternavn\n01011O-4000;A;B\n", kind="youth", dry_run=True
        )
        danish = (
            await client.get(f"/v1/imports/{job['id']}", headers={**headers, "Accept-Language": "da"})
        ).json()
        assert danish["report"][0]["message"].startswith("Et CPR-nummer består af 10 cifre")

    async def test_a_broken_json_array_fails_the_job(self, client, auth, admin_db, muni, seeded) -> None:
        job = await post_import(
            client, auth("admin"), '[{"cpr": "010110-4000", "given_name": "A", "family_name": "B"}, {"cpr"',
            media_type="application/json", kind="youth", mode="valid_rows",
        )  # fmt: skip
        assert job["status"] == "failed" and job["report"][0]["code"] == "import.invalid_record"


class TestYouthAgain:
    async def test_a_second_file_updates_refuses_archived_and_taken_references_and_creates(
        self, client, auth, admin_db, muni, seeded
    ) -> None:
        headers = auth("integration", "BFU")
        a, b, c, d, e, f = (synthetic_cpr() for _ in range(6))
        first = "cpr;fornavn;efternavn;kildesystem;ekstern_id\n" + "".join(
            f"{cpr};{name};Eksempelsen;journal;U-{name}\n"
            for cpr, name in ((a, "A"), (b, "B"), (c, "C"), (d, "D"), (f, "F"))
        )
        job = await post_import(client, headers, first, kind="youth", mode="valid_rows")
        assert (job["created"], job["updated"], job["invalid"]) == (5, 0, 0)
        ids = {
            y["given_name"]: y["id"] for y in (await client.get("/v1/youth", headers=headers)).json()["items"]
        }
        archived = await client.post(f"/v1/youth/{ids['C']}/archive", headers={**headers, "If-Match": '"1"'})
        assert archived.status_code == 200
        second = (
            "cpr;fornavn;efternavn;kildesystem;ekstern_id\n"
            f"{a};A;Eksempelsen;journal;U-A\n"  # unchanged
            f"{b};B;Nielsen;journal;U-B\n"  # a new family name
            f"{c};C;Eksempelsen;journal;U-C\n"  # archived
            f"{d};D;Eksempelsen;journal;U-F\n"  # F's reference
            f"{e};E;Eksempelsen;journal;U-E\n"  # new
        )
        job = await post_import(
            client, headers, second, kind="youth", mode="valid_rows", update_existing=True
        )
        assert job["update_existing"] is True
        assert [(p["line"], p["code"]) for p in job["report"]] == [
            (4, "youth.archived"),
            (5, "youth.external_ref_taken"),
        ]
        assert (job["created"], job["updated"], job["unchanged"], job["invalid"]) == (1, 1, 1, 2)
        b_now = (await client.get(f"/v1/youth/{ids['B']}", headers=headers)).json()
        assert (b_now["family_name"], b_now["version"]) == ("Nielsen", 2)
        d_now = (await client.get(f"/v1/youth/{ids['D']}", headers=headers)).json()
        assert d_now["external_ref"] == {"system": "journal", "id": "U-D"}
        rows = await admin_db.fetch(
            "SELECT resource_id, action FROM change_event WHERE municipality_code = $1 AND resource_type = 'youth'"
            " AND data->>'import_id' = $2",
            muni,
            job["id"],
        )
        assert sorted(r["action"] for r in rows) == ["created", "updated"]
        assert ids["B"] in {r["resource_id"] for r in rows if r["action"] == "updated"}
        again = await post_import(client, headers, second, kind="youth", mode="valid_rows")
        assert (again["created"], again["updated"], again["unchanged"], again["invalid"]) == (0, 0, 3, 2)


class TestCasesAndAbsence:
    async def test_cases_by_cpr_and_journal_reference(self, client, auth, admin_db, muni, seeded) -> None:
        headers = auth("integration", "BFU")
        cpr = synthetic_cpr()
        youth = (
            await client.post(
                "/v1/youth", json={"cpr": cpr, "given_name": "A", "family_name": "B"}, headers=headers
            )
        ).json()
        text = (
            "CPR-nummer;Afdeling;Sagstype;Paragraf;Oprettet;Afsluttet;Journalsystem;Journalnummer\n"
            f"{cpr};BFU;placement;BL § 46;2025-01-01;;sbsys;S-1\n"
            f"{cpr};NOPE;placement;;2025-01-01;;sbsys;S-2\n"
            f"{cpr};BFU;preventive;;2025-02-01;2025-01-01;sbsys;S-3\n"
            f"010101-4999;BFU;preventive;;2025-02-01;;sbsys;S-4\n"
            f"{cpr};BFU;placement;;2025-01-01;;;\n"
            f"{cpr};ARB;employment;;2025-03-01;;sbsys;S-1\n"
        )
        job = await post_import(client, headers, text, kind="cases", mode="valid_rows")
        assert [(p["line"], p["code"]) for p in job["report"]] == [
            (3, "case.unknown_department"),
            (4, "case.closed_before_opened"),
            (5, "import.youth_not_found"),
            (6, "import.external_ref_required"),
            (7, "import.duplicate_row"),
        ]
        assert job["created"] == 1
        cases = (await client.get("/v1/cases", params={"youth_id": youth["id"]}, headers=headers)).json()[
            "items"
        ]
        assert [(c["department_code"], c["legal_basis_code"], c["external_ref"]["id"]) for c in cases] == [
            ("BFU", "BL § 46", "S-1")
        ]
        changed = text.replace("2025-01-01;;sbsys;S-1", "2025-01-01;2025-06-30;sbsys;S-1")
        job = await post_import(client, headers, changed, kind="cases", mode="valid_rows")
        assert (job["created"], job["updated"]) == (0, 1)
        case = (await client.get(f"/v1/cases/{cases[0]['id']}", headers=headers)).json()
        assert case["closed_on"] == "2025-06-30" and case["version"] == 2

    async def test_absence_by_quarter_with_danish_decimals(self, client, auth, muni, seeded) -> None:
        headers = auth("integration", "SKOLE")
        cpr = synthetic_cpr()
        youth = (
            await client.post(
                "/v1/youth", json={"cpr": cpr, "given_name": "A", "family_name": "B"}, headers=headers
            )
        ).json()
        text = (
            "cpr;skole;kvartal;lovligt;ulovligt;sygdom\n"
            f"{cpr};Nordbyskolen;2026Q1;2,5;16,25;3\n"
            f"{cpr};Nordbyskolen;2026Q1;2,5;16,25;3\n"
            f"{cpr};Nordbyskolen;2026Q2;50;40;20\n"
            f"{cpr};Nordbyskolen;2026Q5;1;1;1\n"
        )
        job = await post_import(client, headers, text, kind="absence", mode="valid_rows")
        assert [(p["line"], p["code"]) for p in job["report"]] == [
            (3, "import.duplicate_row"),
            (4, "absence.shares_exceed_total"),
            (5, "string_pattern_mismatch"),
        ]
        records = (await client.get("/v1/absence", params={"youth_id": youth["id"]}, headers=headers)).json()[
            "items"
        ]
        assert [(r["period_from"], r["period_to"], r["unlawful_pct"], r["level"]) for r in records] == [
            ("2026-01-01", "2026-03-31", 16.25, "notification")
        ]
        assert (await post_import(client, headers, text, kind="absence", mode="valid_rows"))["unchanged"] == 1


class TestRefusals:
    async def test_roles_media_types_and_other_municipalities(self, client, auth, seeded) -> None:
        body = "cpr,given_name,family_name\n"
        refused = await client.post("/v1/imports", params={"kind": "youth"}, content=body,
                                    headers={**auth("caseworker"), "Content-Type": "text/csv"})  # fmt: skip
        assert refused.status_code == 403
        wrong = await client.post("/v1/imports", params={"kind": "youth"}, content=body,
                                  headers={**auth("admin"), "Content-Type": "application/xml"})  # fmt: skip
        assert wrong.status_code == 415 and wrong.json()["code"] == "request.unsupported_media_type"
        no_kind = await client.post(
            "/v1/imports", content=body, headers={**auth("admin"), "Content-Type": "text/csv"}
        )
        assert no_kind.status_code == 422
        job = await post_import(client, auth("admin"), body, kind="youth")
        other = await client.get(f"/v1/imports/{job['id']}", headers=auth("admin", municipality="999"))
        assert other.status_code == 404 and other.json()["code"] == "import.not_found"
