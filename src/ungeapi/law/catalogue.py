"""The catalogue's data files (`data/legal_bases_v<N>.csv`), read into rows.

The law is data, kept in the repository beside the code that reads it: one line per § with its
title and period, reviewable by a lawyer in any spreadsheet. A migration loads one named file
(`load`), so a later correction is a new file and a new migration, and a database's catalogue
says which version it holds (`catalogue_version`).
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from ungeapi.law.rules import Basis, Refusal, code_of, normalised, refusal


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def rows(version: str) -> list[dict[str, Any]]:
    """The entries of catalogue `version` (e.g. `v1`) as the `legal_basis` table's rows."""
    data = resources.files("ungeapi.law").joinpath("data", f"legal_bases_{version}.csv")
    lines = data.read_text(encoding="utf-8").splitlines()
    return [
        {
            "id": line["id"],
            "law": line["law"],
            "section": line["section"],
            "code": code_of(line["law"], line["section"]),
            "title": line["title"],
            "valid_from": _day(line["valid_from"]),
            "valid_to": _day(line["valid_to"]),
            "confirmed": line["confirmed"] == "true",
            "source": line["source"] or None,
            "note": line["note"] or None,
            "catalogue_version": version,
        }
        for line in csv.DictReader(lines)
    ]


# The version the newest migration loaded: what the database's `legal_basis` table holds.
CURRENT = "v1"


@cache
def _by_code() -> dict[str, list[Basis]]:
    found: dict[str, list[Basis]] = {}
    for row in rows(CURRENT):
        found.setdefault(row["code"], []).append(
            Basis(row["law"], row["section"], row["valid_from"], row["valid_to"])
        )
    return found


def reference_refusal(reference: str | None, day: date) -> Refusal | None:
    """`check_reference` without the database, for a door that checks rows in bulk before it
    writes (an import): the same catalogue, as the current data file holds it."""
    if reference is None:
        return None
    code = normalised(reference)
    return refusal(_by_code().get(code, []) if code else [], day)


def example(basis_id: str) -> dict[str, Any]:
    """One entry of the current catalogue as the API answers it (an OpenAPI example)."""
    row = next(r for r in rows(CURRENT) if r["id"] == basis_id)
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}
