"""What an integrator's nightly file gets wrong is reported, in the file's own column names:
unknown codes, an existing youth the file would change, rows repeated anywhere in the file; and
the report is summed up per kind of record and per error code. Through HTTP and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.api.integration.helpers import post_import
from tests.clock import cli_command
from tests.conftest import synthetic_cpr
from tests.guide import FENCE, GUIDE

ROOT = Path(__file__).resolve().parents[3]
HEADER = "CPR-nummer;Fornavn;Efternavn;Afdeling;Målgrupper\n"


@pytest.fixture
async def seeded(client, auth) -> None:
    assert (await client.post("/v1/settings/seed", headers=auth("admin"))).status_code == 200


def report(job) -> list[tuple[int, str | None, str | None, str]]:
    return [(p["line"], p["column"], p["field"], p["code"]) for p in job["report"]]


async def youth_named(client, headers, given_name: str) -> dict:
    found = (await client.get("/v1/youth", params={"limit": 200}, headers=headers)).json()["items"]
    return next(y for y in found if y["given_name"] == given_name)


class TestTheFourCasesOfTheIssue:
    async def test_unknown_codes_existing_cpr_and_duplicates_by_http(self, client, auth, seeded) -> None:
        headers = auth("integration", "BFU")
        known, same, other = synthetic_cpr(), synthetic_cpr(), synthetic_cpr()
        existing = HEADER + f"{known};Anna;Hansen;BFU;placed\n{same};Eva;Holm;BFU;placed\n"
        first = await post_import(client, headers, existing, kind="youth")
        assert first["created"] == 2 and first["report"] == []
        text = HEADER + (
            f"{synthetic_cpr()};Bo;Berg;XYZ;placed\n"  # 2: no such department
            f"{synthetic_cpr()};Cy;Berg;BFU;astronaut\n"  # 3: no such target group
            f"{known};Anne;Hansen;BFU;placed\n"  # 4: would rename an existing youth
            f"{other};Dan;Dahl;BFU;placed\n"  # 5: new
            f"{other};Dan;Dahl;BFU;placed\n"  # 6: the same row again
            f"{same};Eva;Holm;BFU;placed\n"  # 7: an existing youth as they are: unchanged
            f"{known};Anna;Hansen;BFU;placed\n"  # 8: line 4's youth again
        )
        job = await post_import(client, headers, text, kind="youth", mode="valid_rows")
        assert report(job) == [
            (2, "Afdeling", "registered_by_department", "import.unknown_department"),
            (3, "Målgrupper", "target_groups.0", "literal_error"),
            (4, "CPR-nummer", "cpr", "import.youth_exists"),
            (6, None, None, "import.duplicate_row"),
            (8, None, None, "import.duplicate_row"),
        ]
        assert (job["created"], job["updated"], job["unchanged"], job["invalid"]) == (1, 0, 1, 5)
        assert job["update_existing"] is False
        assert job["summary"]["entities"] == [
            {"entity": "youth", "created": 1, "updated": 0, "unchanged": 1, "invalid": 5}
        ]
        assert sorted((c["code"], c["count"]) for c in job["summary"]["codes"]) == [
            ("import.duplicate_row", 2),
            ("import.unknown_department", 1),
            ("import.youth_exists", 1),
            ("literal_error", 1),
        ]
        assert (await youth_named(client, headers, "Anna"))["version"] == 1  # not renamed
        danish = (
            await client.get(f"/v1/imports/{job['id']}", headers={**headers, "Accept-Language": "da"})
        ).json()
        assert danish["report"][0]["message"] == "Kommunen har ingen afdeling med koden XYZ."
        page = (await client.get(f"/v1/imports/{job['id']}/problems", headers=headers)).json()
        assert [p["column"] for p in page["items"]] == ["Afdeling", "Målgrupper", "CPR-nummer", None, None]

        # A rerun: every row it could write is there already; the conflicts stay conflicts.
        again = await post_import(client, headers, text, kind="youth", mode="valid_rows")
        assert (again["created"], again["updated"], again["unchanged"], again["invalid"]) == (0, 0, 2, 5)

        updated = await post_import(
            client, headers, text, kind="youth", mode="valid_rows", update_existing=True
        )
        assert (updated["created"], updated["updated"], updated["unchanged"]) == (0, 1, 2)
        assert [p["code"] for p in updated["report"]] == [
            "import.unknown_department",
            "literal_error",
            "import.duplicate_row",
            "import.duplicate_row",
        ]
        assert (await youth_named(client, headers, "Anne"))["version"] == 2

    async def test_all_or_nothing_with_an_existing_youth_writes_nothing(self, client, auth, seeded) -> None:
        headers = auth("integration", "BFU")
        known = synthetic_cpr()
        await post_import(client, headers, HEADER + f"{known};Anna;Hansen;BFU;placed\n", kind="youth")
        text = HEADER + f"{synthetic_cpr()};Bo;Berg;BFU;placed\n{known};Anne;Hansen;BFU;placed\n"
        job = await post_import(client, headers, text, kind="youth")
        assert job["status"] == "failed" and job["error_code"] == "import.rows_invalid"
        assert report(job) == [(3, "CPR-nummer", "cpr", "import.youth_exists")]
        assert job["created"] == 0

    async def test_json_keys_are_the_columns_and_absence_departments_are_checked(
        self, client, auth, seeded
    ) -> None:
        headers = auth("integration", "SKOLE")
        cpr = synthetic_cpr()
        made = await client.post(
            "/v1/youth", json={"cpr": cpr, "given_name": "A", "family_name": "B"}, headers=headers
        )
        assert made.status_code == 201, made.text
        records = [
            {"cpr_nummer": cpr, "skole": "Nordbyskolen", "kvartal": "2026Q1", "lovligt": 1, "ulovligt": 2,
             "sygdom": 3, "afdeling": "NOPE"},
            {"cpr_nummer": cpr, "skole": "Nordbyskolen", "kvartal": "2026Q1", "lovligt": 1, "ulovligt": 2,
             "sygdom": 3},
            {"cpr_nummer": cpr, "skole": "Nordbyskolen", "kvartal": "2026Q1", "lovligt": 1, "ulovligt": 2,
             "sygdom": 3},
        ]  # fmt: skip
        body = "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]"  # one record a line
        job = await post_import(
            client, headers, body, media_type="application/json", kind="absence", mode="valid_rows"
        )
        assert report(job) == [
            (2, "afdeling", "recorded_by_department", "import.unknown_department"),
            (4, None, None, "import.duplicate_row"),
        ]
        assert job["created"] == 1


class TestTheCli:
    async def test_repeats_across_batches_conflicts_and_the_summary(
        self, client, auth, admin_db, muni, seeded, database_url, tmp_path
    ) -> None:
        headers = auth("integration", "BFU")
        known = synthetic_cpr()
        await post_import(client, headers, HEADER + f"{known};Anna;Hansen;BFU;placed\n", kind="youth")
        new = synthetic_cpr()
        path = tmp_path / "unge.csv"
        path.write_text(
            HEADER
            + f"{new};Bo;Berg;BFU;placed\n"  # 2
            + f"{known};Anne;Hansen;BFU;placed\n"  # 3: conflict
            + f"{synthetic_cpr()};Cy;Berg;XYZ;placed\n"  # 4: unknown department
            + f"{new};Bo;Berg;BFU;placed\n",  # 5: line 2 again, in another batch
            encoding="utf-8",
        )
        env = {**os.environ, "UNGEAPI_ENV": "test", "UNGEAPI_DATABASE_URL": database_url}

        def run(*extra: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                cli_command("import", str(path), "--kind", "youth", "--municipality", muni,
                            "--departments", "BFU", "--batch-size", "2", "--mode", "valid_rows", *extra),
                capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
            )  # fmt: skip

        done = run()
        assert done.returncode == 0, done.stderr
        summary = json.loads(done.stdout)
        assert (summary["created"], summary["updated"], summary["invalid"]) == (1, 0, 3)
        assert summary["codes"] == {
            "import.youth_exists": 1,
            "import.unknown_department": 1,
            "import.duplicate_row": 1,
        }
        job = (await client.get(f"/v1/imports/{summary['id']}", headers=headers)).json()
        assert report(job) == [
            (3, "CPR-nummer", "cpr", "import.youth_exists"),
            (4, "Afdeling", "registered_by_department", "import.unknown_department"),
            (5, None, None, "import.duplicate_row"),
        ]
        updated = json.loads(run("--update-existing").stdout)
        assert (updated["created"], updated["updated"], updated["unchanged"]) == (0, 1, 1)
        assert updated["update_existing"] is True
        renamed = await admin_db.fetchval(
            "SELECT given_name FROM youth WHERE municipality_code = $1 AND family_name = 'Hansen'", muni
        )
        assert renamed == "Anne"


class TestTheMigratingGuide:
    async def test_each_example_imports_in_the_guides_order(self, client, auth, seeded) -> None:
        text = GUIDE.read_text(encoding="utf-8")
        section = text[text.index("\n## Migrating to ungeapi\n") : text.index("\n## Operations by name\n")]
        examples = FENCE.findall(section)
        assert [language for language, _ in examples] == ["csv", "csv", "csv"]
        cpr = synthetic_cpr()  # the guide's number, born so long ago a moved clock would refuse it
        headers = auth("admin")
        for kind, (_, example) in zip(("youth", "cases", "absence"), examples, strict=True):
            job = await post_import(client, headers, example.replace("010110-4000", cpr), kind=kind)
            assert (job["status"], job["created"], job["report"]) == ("completed", 1, []), kind
