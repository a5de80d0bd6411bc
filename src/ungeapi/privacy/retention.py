"""Data retention: pseudonymize youth past the age window and inactive for the policy's years.

`ungeapi retention --municipality 860 [--dry-run]` runs it for one municipality (row-level
security keeps every run inside one). The rule is privacy/rules.py; the years are the
municipality's policy `retention_inactive_years`, the age window its `age_max` (R1a).

What pseudonymizing does to a youth:
- given and family name become a random pseudonym; CPR ciphertext becomes the birth date with
  serial 0000 and the look-up hash random bytes, so no CPR look-up finds them again;
- guardians, external references and the names of consent givers are removed;
- birth date, municipality, target groups and every case, plan and guide row stay, so the
  statistics (counts by target group, age, destination, coverage) are unchanged;
- the youth is archived, a row in `youth_pseudonymization` says when and by which rule, and
  the audit log and the change feed record it.
Free texts in cases, plans and concerns are left alone: they are the departments' records
(their own retention is archival law, not this rule).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit
from ungeapi.core.changes import bump, logged
from ungeapi.core.context import Ctx, today_in_copenhagen
from ungeapi.core.crypto import CprVault
from ungeapi.core.db import Database
from ungeapi.core.security import Principal
from ungeapi.core.settings import Settings
from ungeapi.models import YouthPseudonymization
from ungeapi.municipality.service import get_policy
from ungeapi.privacy import repository, rules
from ungeapi.youth.rules import name_key

SYSTEM_SUB = "system:retention"
PSEUDONYM_FAMILY_NAME = "Pseudonymiseret"
PSEUDONYMIZED = ("pseudonymize", "updated")  # the audit's and the change event's name


@dataclass(frozen=True)
class Candidate:
    youth_id: uuid.UUID
    birth_date: date
    last_activity: date


@dataclass(frozen=True)
class RetentionResult:
    municipality: str
    today: date
    dry_run: bool
    age_max: int
    inactive_years: int
    youth_ids: list[uuid.UUID]


async def candidates(session: AsyncSession, *, today: date, age_max: int) -> list[Candidate]:
    """Youth older than the window, not yet pseudonymized, with nothing open."""
    rows = await repository.retention_candidates(session, today=today, age_max=age_max)
    return [Candidate(r[0], r[1], r[2]) for r in rows]


def _pseudo_cpr(birth_date: date) -> str:
    # The birth date stays (statistics); serial 0000 with a century digit that gives it back.
    digit = 0 if birth_date.year < 2000 else 4 if birth_date.year <= 2036 else 5
    return birth_date.strftime("%d%m%y") + f"{digit}000"


async def pseudonymize(
    session: AsyncSession, ctx: Ctx, vault: CprVault, candidate: Candidate, rule: dict[str, Any]
) -> None:
    youth = await repository.locked_youth(session, candidate.youth_id)
    assert youth is not None
    pseudonym = "P-" + secrets.token_hex(6).upper()
    youth.given_name, youth.family_name = pseudonym, PSEUDONYM_FAMILY_NAME
    youth.given_name_key, youth.family_name_key = name_key(pseudonym), name_key(PSEUDONYM_FAMILY_NAME)
    youth.cpr_ciphertext = vault.encrypt(_pseudo_cpr(youth.birth_date), youth.municipality_code)
    youth.cpr_hash = secrets.token_bytes(32)
    youth.guardians = []
    youth.external_system = youth.external_id = None
    youth.archived_at = youth.archived_at or func.now()
    bump(youth)
    for consent in await repository.consents_of(session, youth.id):
        consent.given_by = [{**g, "name": g.get("kind", "giver")} for g in consent.given_by]
    session.add(
        YouthPseudonymization(
            municipality_code=youth.municipality_code,
            youth_id=youth.id,
            pseudonym=pseudonym,
            rule={**rule, "last_activity": candidate.last_activity.isoformat()},
        )
    )
    await session.flush()
    await logged(
        session, ctx, youth, resource_type="youth", youth_id=youth.id, action=PSEUDONYMIZED, detail=rule
    )


async def apply_retention(
    session: AsyncSession, ctx: Ctx, vault: CprVault, *, today: date, dry_run: bool
) -> RetentionResult:
    """Finds the youth the rule makes due and, unless a dry run, pseudonymizes them."""
    policy = await get_policy(session)
    due = [
        c
        for c in await candidates(session, today=today, age_max=policy.age_max)
        if rules.due_for_pseudonymization(
            birth_date=c.birth_date,
            last_activity=c.last_activity,
            today=today,
            age_max=policy.age_max,
            inactive_years=policy.retention_inactive_years,
        )
    ]
    rule = {
        "age_max": policy.age_max,
        "inactive_years": policy.retention_inactive_years,
        "today": today.isoformat(),
    }
    if not dry_run:
        for candidate in due:
            await pseudonymize(session, ctx, vault, candidate, rule)
    await audit.record(
        session,
        ctx,
        action="retention",
        resource_type="retention",
        detail={**rule, "dry_run": dry_run, "due": len(due)},
    )
    return RetentionResult(
        municipality=ctx.principal.municipality,
        today=today,
        dry_run=dry_run,
        age_max=policy.age_max,
        inactive_years=policy.retention_inactive_years,
        youth_ids=[c.youth_id for c in due],
    )


def system_ctx(municipality: str, today: date) -> Ctx:
    principal = Principal(
        sub=SYSTEM_SUB, name="Data retention", municipality=municipality, roles=frozenset({"admin"})
    )
    return Ctx(principal=principal, purpose="retention", request_id=None, today=today)


async def run_retention(
    settings: Settings, municipality: str, *, today: date | None = None, dry_run: bool = True
) -> RetentionResult:
    """One transaction for one municipality: all due youth are pseudonymized, or none."""
    day = today or today_in_copenhagen()
    db = Database(settings)
    try:
        async with db.transaction(municipality) as session:
            vault = CprVault(settings.effective_cpr_key, settings.effective_cpr_hash_key)
            # A dry run changes nothing but writes its own audit record (who ran what, when).
            return await apply_retention(
                session, system_ctx(municipality, day), vault, today=day, dry_run=dry_run
            )
    finally:
        await db.dispose()
