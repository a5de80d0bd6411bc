"""The legal-basis catalogue through HTTP: list, filter by law and by the day in force, read one."""

from __future__ import annotations

from tests.conftest import TokenFactory


class TestLegalBases:
    async def test_in_force_on_a_day_of_2023_serviceloven_for_children_of_2024_barnets_lov(
        self, client, auth: TokenFactory
    ) -> None:
        reader = auth("caseworker", "BFU")

        async def codes(**params: str) -> set[str]:
            found: set[str] = set()
            cursor: str | None = None
            while True:
                query = {**params, "limit": "7", **({"cursor": cursor} if cursor else {})}
                response = await client.get("/v1/legal-bases", params=query, headers=reader)
                assert response.status_code == 200, response.text
                found |= {item["code"] for item in response.json()["items"]}
                cursor = response.json()["next_cursor"]
                if cursor is None:
                    return found

        in_2023 = await codes(valid_on="2023-06-01")
        in_2024 = await codes(valid_on="2024-06-01")
        assert {"SEL § 52", "SEL § 76", "SEL § 85"} <= in_2023 and "BL § 32" not in in_2023
        assert {"BL § 32", "BL § 108", "SEL § 85"} <= in_2024 and "SEL § 52" not in in_2024
        # Uddannelseshjælp ended on 30 June 2025 (domain.md R25).
        assert "LAS § 23" in await codes(valid_on="2025-06-30")
        assert "LAS § 23" not in await codes(valid_on="2025-07-01")
        kui = await codes(law="kui")
        assert kui == {"KUI § 2 a", "KUI § 2 b", "KUI § 2 c", "KUI § 2 g", "KUI § 2 k", "KUI § 15 d"}

    async def test_read_one_and_refusals(self, client, auth: TokenFactory) -> None:
        reader = auth("analyst", [])
        one = await client.get("/v1/legal-bases/bl-108", headers=reader)
        assert one.status_code == 200, one.text
        assert (one.json()["code"], one.json()["valid_from"], one.json()["valid_to"]) == (
            "BL § 108",
            "2024-01-01",
            None,
        )
        missing = await client.get("/v1/legal-bases/bl-9999", headers=reader)
        assert (missing.status_code, missing.json()["code"]) == (404, "legal_basis.not_found")
        unknown_law = await client.get("/v1/legal-bases", params={"law": "grundloven"}, headers=reader)
        assert unknown_law.status_code == 422
        assert (await client.get("/v1/legal-bases")).status_code == 401

    async def test_a_reference_is_checked_on_the_records_day(self, client, auth: TokenFactory) -> None:
        reader = auth("caseworker", "BFU")

        async def look_up(reference: str, on: str):
            return await client.get(
                "/v1/legal-bases/lookup", params={"reference": reference, "on": on}, headers=reader
            )

        found = await look_up("bl §32", "2024-01-01")
        assert (found.status_code, found.json()["id"]) == (200, "bl-32"), found.text
        assert (await look_up("SEL § 52, stk. 3", "2023-12-31")).json()["id"] == "sel-52"
        late = await look_up("SEL § 52", "2024-01-01")
        assert (late.status_code, late.json()["code"]) == (422, "legal_basis.not_in_force")
        assert "2024-01-01" in late.json()["detail"]
        early = await look_up("BL § 108", "2023-12-31")
        assert (early.status_code, early.json()["code"]) == (422, "legal_basis.not_in_force")
        for unknown in ("BL § 9999", "Grundloven § 71", "ungestøtte"):
            refused = await look_up(unknown, "2025-01-01")
            assert (refused.status_code, refused.json()["code"]) == (422, "legal_basis.unknown"), unknown
