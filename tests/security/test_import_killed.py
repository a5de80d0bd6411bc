"""An import killed midway leaves nothing half-written (issue: privacy and hardening, faults)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ungeapi.core.context import Ctx
from ungeapi.core.security import Principal
from ungeapi.imports.service import ImportOptions, import_file


class Killed(Exception):
    """Stands in for the process dying: raised from inside the running import."""


async def test_all_or_nothing_import_killed_after_a_batch_writes_nothing(app, admin_db, muni, tmp_path: Path) -> None:
    # 300 distinct synthetic numbers: vary the year and the serial together.
    rows = ["cpr;fornavn;efternavn"] + [
        f"0101{10 + i // 100:02d}-4{i % 100:03d};Demo{i};Importsen" for i in range(300)
    ]
    path = tmp_path / "youth.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ctx = Ctx(
        principal=Principal(sub="import-test", name="Import", municipality=muni, roles=frozenset({"integration"})),
        purpose="import",
        request_id=None,
        today=date(2026, 11, 23),
    )
    seen: list[int] = []

    def progress(processed: int, total: int | None) -> None:
        seen.append(processed)
        if processed >= 100:
            raise Killed()

    with pytest.raises(Killed):
        await import_file(
            app.state.db.transaction,
            ctx,
            path,
            ImportOptions(kind="youth", format="csv", batch_size=100),
            vault=app.state.vault,
            on_progress=progress,
        )
    assert max(seen) >= 100  # it really was killed after a batch had been written
    assert await admin_db.fetchval("SELECT count(*) FROM youth WHERE municipality_code = $1", muni) == 0
    assert (
        await admin_db.fetchval(
            "SELECT count(*) FROM change_event WHERE municipality_code = $1 AND resource_type = 'youth'", muni
        )
        == 0
    )
