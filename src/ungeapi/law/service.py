"""Use cases of the legal-basis catalogue: read it, and check a record's reference against it.

`check_reference` is the one call a domain makes on every door that writes a legal basis (a
case, a measure, a decision, a grant): the record's reference must be a § of the catalogue in
force on the record's day, else the write is refused with `legal_basis.unknown` or
`legal_basis.not_in_force` (422). Free text stays the domain's note, never the basis.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.core.pagination import decode_single, split_single_page
from ungeapi.core.schemas import from_row
from ungeapi.law import repository, rules
from ungeapi.law.errors import LegalBasisNotFound, LegalBasisRefused
from ungeapi.law.schemas import LegalBasisRead


def _basis(row: LegalBasisRead) -> rules.Basis:
    return rules.Basis(row.law, row.section, row.valid_from, row.valid_to)


async def check_reference(session: AsyncSession, reference: str | None, *, on: date) -> LegalBasisRead | None:
    """The catalogue's entry in force on `on` for `reference` (None: no reference given); refused
    with a code when the catalogue has no such § or it was not in force that day."""
    if reference is None:
        return None
    code = rules.normalised(reference)
    entries = (
        [] if code is None else [from_row(LegalBasisRead, r) for r in await repository.by_code(session, code)]
    )
    problem = rules.refusal([_basis(e) for e in entries], on)
    if problem is not None:
        raise LegalBasisRefused(problem, reference=reference, day=on.isoformat())
    return next(e for e in entries if rules.valid_on(_basis(e), on))


async def look_up(session: AsyncSession, ctx: Ctx, reference: str, on: date) -> LegalBasisRead:
    """`check_reference` for a client that checks before it writes (a form, an import)."""
    found = await check_reference(session, reference, on=on)
    assert found is not None
    return found


async def read_legal_basis(session: AsyncSession, ctx: Ctx, basis_id: str) -> LegalBasisRead:
    row = await repository.get(session, basis_id)
    if row is None:
        raise LegalBasisNotFound()
    return from_row(LegalBasisRead, row)


async def list_legal_bases(
    session: AsyncSession,
    ctx: Ctx,
    *,
    limit: int,
    cursor: str | None,
    law: str | None = None,
    valid_on: date | None = None,
) -> tuple[list[LegalBasisRead], str | None]:
    after = decode_single(cursor, str)
    rows = await repository.page(session, limit=limit, after=after, law=law, valid_on=valid_on)
    found, next_cursor = split_single_page(list(rows), limit, lambda r: r.id)
    return [from_row(LegalBasisRead, r) for r in found], next_cursor
