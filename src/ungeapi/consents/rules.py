"""Pure rules of consent (samtykke), domain.md section 6.1, 6.2 and 6.4.

- A consent is specific: it names data categories, recipient departments and a purpose.
- A youth aged 15 or more consents themselves; under 15 each custody holder
  (forældremyndighedsindehaver) must consent, so a consent for a child with two custody
  holders is in force only when both have given it (domain.md 6.1).
- It is not retroactive: it is in force from the day it was given (at the earliest) until its
  last valid day, and a revocation stops it at once.
- SSP information (retsplejelovens § 115) lives in its own context: no consent opens the
  category `ssp` to a department outside SSP (domain.md 6.4).

Which categories open which resource is access's question (access.py `categories_opening`):
a consent rule that decides what a reader sees is an access rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ungeapi.consents.vocabulary import ConsentGiverKind as GiverKind
from ungeapi.consents.vocabulary import ConsentStatus as Status
from ungeapi.youth.rules import age_on, name_key

CONSENT_AGE = 15
DEFAULT_CUSTODY_HOLDERS = 2

# `health`, `social`, `misuse` and `crime` name an information class (R9, disclosure/rules.py): a
# consent naming one unlocks that class's protected parts for its recipients; it opens no record.
CATEGORIES: tuple[str, ...] = (
    "cases",
    "plan",
    "health",
    "social",
    "misuse",
    "crime",
    "education",
    "absence",
    "ssp",
)
SSP = "ssp"
SSP_DEPARTMENT_KIND = "ssp"


@dataclass(frozen=True)
class Giver:
    kind: GiverKind
    name: str
    given_on: date


class ConsentRefused(Exception):
    """A rule refuses the consent; `code` is the stable problem code."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def check_giver(giver: Giver, birth_date: date, today: date, custody_holders: Sequence[str]) -> None:
    """R6.1: the youth consents from 15; under 15 only a custody holder, named in the youth's record."""
    if giver.given_on > today:
        raise ConsentRefused("consent.given_in_future")
    age = age_on(birth_date, giver.given_on)
    if giver.kind == "youth" and age < CONSENT_AGE:
        raise ConsentRefused("consent.youth_too_young", age=age)
    if giver.kind == "custody_holder":
        if age >= CONSENT_AGE:
            raise ConsentRefused("consent.youth_consents_self", age=age)
        known = {name_key(n) for n in custody_holders}
        if known and name_key(giver.name) not in known:
            raise ConsentRefused("consent.not_custody_holder")


def check_new_giver(existing: Iterable[Giver], giver: Giver) -> None:
    """The same person gives a consent once."""
    if any(g.kind == giver.kind and name_key(g.name) == name_key(giver.name) for g in existing):
        raise ConsentRefused("consent.giver_duplicate")


def is_complete(givers: Iterable[Giver], birth_date: date, custody_holders: Sequence[str]) -> bool:
    """Given by the youth at 15 or more, or by every custody holder while the youth was under 15.

    The custody holders are those with custody in the youth's record; when the record names
    none, two different custody holders are needed (both parents, the usual case).
    """
    holders: set[str] = set()
    for g in givers:
        age = age_on(birth_date, g.given_on)
        if g.kind == "youth" and age >= CONSENT_AGE:
            return True
        if g.kind == "custody_holder" and age < CONSENT_AGE:
            holders.add(name_key(g.name))
    required = {name_key(n) for n in custody_holders}
    if required:
        return required <= holders
    return len(holders) >= DEFAULT_CUSTODY_HOLDERS


def check_period(givers: Iterable[Giver], valid_from: date, valid_until: date) -> None:
    """Not retroactive: in force no earlier than the day the last needed giver consented."""
    if valid_until < valid_from:
        raise ConsentRefused("consent.period_invalid")
    latest = max((g.given_on for g in givers), default=valid_from)
    if valid_from < latest:
        raise ConsentRefused("consent.retroactive", given_on=latest.isoformat())


def check_ssp(categories: Iterable[str], recipient_kinds: dict[str, str]) -> None:
    """R6.4: SSP information is shared only within SSP; no consent opens it to anyone else."""
    if SSP in set(categories):
        outside = sorted(code for code, kind in recipient_kinds.items() if kind != SSP_DEPARTMENT_KIND)
        if outside:
            raise ConsentRefused("consent.ssp_not_shareable", departments=", ".join(outside))


def status(*, complete: bool, valid_from: date, valid_until: date, revoked: bool, today: date) -> Status:
    """Where the consent stands on `today`; only `in_force` widens access."""
    if revoked:
        return "revoked"
    if not complete:
        return "pending"
    if today < valid_from:
        return "not_yet_in_force"
    if today > valid_until:
        return "expired"
    return "in_force"


# Roles that record a giver's revocation for any department (the data-protection officer, admin).
GIVER_SIDE_ROLES = frozenset({"admin", "dpo"})


def may_act_for_giver(
    *,
    roles: Iterable[str],
    departments: Iterable[str],
    consent_registered_by: str | None,
    youth_registered_by: str | None,
) -> bool:
    """R6.1: a consent is the giver's; its revocation (or another giver's consent) is recorded on
    the giver's side: by the department that registered the consent or owns the youth's record,
    by the dpo or by admin. A recipient department never acts for the giver: it would widen or
    keep its own access (a recipient that is also the owning department acts as the owner)."""
    if GIVER_SIDE_ROLES & set(roles):
        return True
    owners = {d for d in (consent_registered_by, youth_registered_by) if d is not None}
    return bool(owners & set(departments))


def given_by_youth(givers: Iterable[Giver]) -> bool:
    """R6.1 for the youth's own door: the youth revokes a consent they gave themselves (their
    own giver's side); one only custody holders gave is theirs to revoke."""
    return any(g.kind == "youth" for g in givers)
