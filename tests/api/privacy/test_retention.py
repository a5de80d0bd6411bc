"""Data retention: `ungeapi retention` pseudonymizes youth past the age window and long inactive."""

from __future__ import annotations

import asyncio
import contextlib
import io

import pytest

from tests.api.privacy.helpers import give_consent, new_youth, open_case, seed
from tests.clock import TODAY, now
from ungeapi import cli


async def run_cli(monkeypatch, settings, *args: str) -> str:
    monkeypatch.setenv("UNGEAPI_ENV", "test")
    monkeypatch.setenv("UNGEAPI_DATABASE_URL", settings.database_url)
    out = io.StringIO()

    def call() -> int:
        with contextlib.redirect_stdout(out):
            return cli.main(["retention", *args])

    assert await asyncio.to_thread(call) == 0
    return out.getvalue()


async def age_and_idle(admin_db, youth_id: str, *, years_old: int, idle_years: int) -> None:
    """Moves a youth's birth and every change of their records into the past."""
    await admin_db.execute(
        "UPDATE youth SET birth_date = birth_date - make_interval(years => $2), "
        "updated_at = $4::timestamptz - make_interval(years => $3) WHERE id = $1::uuid",
        youth_id,
        years_old - 16,
        idle_years,
        now(),
    )
    for table in ("youth_case", "consent"):
        await admin_db.execute(
            f"UPDATE {table} SET updated_at = $3::timestamptz - make_interval(years => $2) "
            "WHERE youth_id = $1::uuid",
            youth_id,
            idle_years,
            now(),
        )
    await admin_db.execute(
        "UPDATE youth_case SET opened_on = opened_on - make_interval(years => $2), "
        "closed_on = ($3::date - make_interval(years => $2))::date + 1 WHERE youth_id = $1::uuid",
        youth_id,
        idle_years,
        TODAY,
    )


@pytest.fixture
async def three_youth(client, auth, admin_db, muni) -> dict:
    admin = auth("admin")
    await seed(client, admin)
    guardians = [{"name": "Mor Gammelsen", "relation": "mother", "has_custody": True}]
    ids = {}
    for key in ("old_idle", "old_active", "young"):
        youth = await new_youth(
            client, admin, given_name=f"Navn{key}", guardians=guardians, target_groups=["placed"]
        )
        await open_case(client, admin, youth["id"], "BFU")
        ids[key] = youth
    await give_consent(client, auth("caseworker", "BFU"), ids["old_idle"]["id"])
    await age_and_idle(admin_db, ids["old_idle"]["id"], years_old=40, idle_years=6)
    await age_and_idle(admin_db, ids["old_active"]["id"], years_old=40, idle_years=6)
    # Something happened to the second one this year: not inactive.
    await admin_db.execute(
        "UPDATE youth_case SET updated_at = $2 WHERE youth_id = $1::uuid", ids["old_active"]["id"], now()
    )
    await age_and_idle(admin_db, ids["young"]["id"], years_old=20, idle_years=6)
    return ids


class TestRetention:
    async def test_dry_run_lists_and_changes_nothing(
        self, client, auth, monkeypatch, settings, muni, three_youth
    ):
        out = await run_cli(monkeypatch, settings, "--municipality", muni, "--dry-run")
        assert f"{muni}: would pseudonymize 1 youth" in out
        assert three_youth["old_idle"]["id"] in out and three_youth["old_active"]["id"] not in out
        youth = await client.get(f"/v1/youth/{three_youth['old_idle']['id']}", headers=auth("admin"))
        assert youth.json()["given_name"] == "Navnold_idle"

    async def test_pseudonymizes_keeps_statistics_audits_and_is_idempotent(
        self, client, auth, admin_db, monkeypatch, settings, muni, three_youth
    ) -> None:
        admin = auth("admin")
        before = (await client.get("/v1/statistics/target-groups", headers=admin)).json()
        target = three_youth["old_idle"]
        aged = (await client.get(f"/v1/youth/{target['id']}", headers=admin)).json()
        out = await run_cli(monkeypatch, settings, "--municipality", muni)
        assert f"{muni}: pseudonymized 1 youth" in out
        youth = (await client.get(f"/v1/youth/{target['id']}", headers=admin)).json()
        assert youth["given_name"].startswith("P-") and youth["family_name"] == "Pseudonymiseret"
        assert youth["guardians"] == [] and youth["archived"] is True
        assert youth["birth_date"] == aged["birth_date"] and youth["municipality_code"] == muni
        assert youth["cpr"] != target["cpr"] and youth["cpr"].endswith("000")
        assert youth["target_groups"] == ["placed"]
        lookup = await client.post("/v1/youth/lookup", json={"cpr": target["cpr"]}, headers=admin)
        assert lookup.status_code == 404
        consents = (await client.get("/v1/consents", params={"youth_id": target["id"]}, headers=admin)).json()
        assert all(g["name"] == g["kind"] for c in consents["items"] for g in c["given_by"])
        after = (await client.get("/v1/statistics/target-groups", headers=admin)).json()
        assert after["target_groups"] == before["target_groups"]
        others = [three_youth["old_active"]["id"], three_youth["young"]["id"]]
        for other in others:
            assert (
                (await client.get(f"/v1/youth/{other}", headers=admin))
                .json()["given_name"]
                .startswith("Navn")
            )
        rows = await admin_db.fetch(
            "SELECT action FROM audit_event WHERE municipality_code = $1 AND sub = 'system:retention' ORDER BY id",
            muni,
        )
        assert [r["action"] for r in rows] == ["pseudonymize", "retention"]
        again = await run_cli(monkeypatch, settings, "--municipality", muni)
        assert f"{muni}: pseudonymized 0 youth" in again
