"""The one access scope: which youth a caller may see. Every domain's queries use it.

A caseworker or guide sees a youth when
- their department registered the youth, or
- their department has an open case for the youth (open on `today`), or
- they are the youth's offered, accepted or active guide, or
- their department received an open concern (underretning) about the youth: a concern often
  arrives before any case, and the receiving department must be able to act on it.
- they are the coordinating caseworker of the youth's current plan, or their department holds a
  planned or active measure (indsats) in it: the plan is one effort across departments (R2).
Departments of kind `external_partner` (e.g. a voluntary counselling service) open nothing by
themselves: a token whose departments are external partners sees no youth (a consent naming
them will, see below).
- A consent in force on `today` (complete, not revoked, within its period) naming one of the
  caller's departments as recipient opens exactly the resources its categories open
  (`categories_opening` below): callers pass `resource=` to ask for that widening;
  without it, consents open nothing.
- They are an active member (left_on empty or later than `today`) of the youth's active
  coordinating team (Det Koordinerende Team, R16): the team coordinates across departments.
- They have the role `coordinator` (the forum's chair and fixed participants) and the youth has
  a referral to a forum that was sent and not taken back or refused (any state but draft,
  withdrawn, rejected): the forum must read the case it discusses and decides on. Kept simple:
  any coordinator of the municipality, whichever forum the referral is to.
Roles in MUNICIPALITY_WIDE_ROLES (admin, dpo, integration) see the whole municipality.
Anything else is answered 404 by the callers. Row-level security keeps every query inside the
caller's municipality anyway.

Reading and writing (`youth_writable`): a consent grants reading, never writing. Every path that
changes a youth's records or adds one (PATCH, PUT, an action, a create that names the youth)
uses the write scope: the read scope without any consent, so a consent's recipient can neither
change the youth nor anything about them, cannot make itself the registering department, and
loses every access the moment the consent is revoked, expires or is taken back. (Opening a case
has its own door for a youth the caller does not see yet: cases/rules.py `may_take_on`.)

Disclosures (`record_disclosures`): a read answered to a department only because of a consent
is a disclosure across departments; it is audited as `disclose` (detail: the consent's id and
the recipient department), one statement per request whatever the page size, and shown in the
youth's access log.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import (
    ColumnElement,
    Insert,
    Select,
    String,
    Uuid,
    any_,
    case,
    cast,
    column,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    true,
    values,
)
from sqlalchemy.dialects.postgresql import JSONB, distinct_on
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, QueryableAttribute, aliased

from ungeapi.core import audit, statements
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.errors import DomainError
from ungeapi.core.permissions import sees_whole_municipality
from ungeapi.core.reads import Audit, AuditedRead, KeysetPage, Row, owned_subjects
from ungeapi.core.security import Principal
from ungeapi.models import (
    Concern,
    Consent,
    CoordinatingTeam,
    Department,
    GuideAssignment,
    Plan,
    PlanMeasure,
    Referral,
    TeamMember,
    Youth,
    YouthCase,
)
from ungeapi.models.guide import PENDING_OR_ACTIVE
from ungeapi.models.plan import FINISHED_STATUSES
from ungeapi.models.referral import NOT_REFERRED_STATES


def case_open_on(today: date) -> ColumnElement[bool]:
    return (YouthCase.opened_on <= today) & (YouthCase.closed_on.is_(None) | (YouthCase.closed_on > today))


EXTERNAL_PARTNER = "external_partner"
# Who sees every concern of the municipality; everyone else only their department's (see concern_visible).
CONCERN_WIDE_ROLES = frozenset({"admin", "dpo"})
# The forums' chair and members: they see the youth referred to the forums.
FORUM_ROLE = "coordinator"
# The audit action of a read answered through a consent (a cross-department disclosure).
DISCLOSE = "disclose"

# Resource -> the consent categories (consents/rules.py CATEGORIES) whose consent makes it visible
# to the recipients. A resource not listed is never opened by a consent. The category `ssp` is
# never listed: SSP information stays in its own context (domain.md 6.4, consents.rules.check_ssp).
_OPENED_BY: dict[str, frozenset[str]] = {
    "youth": frozenset({"cases"}),
    "case": frozenset({"cases"}),
}


def categories_opening(resource: str) -> frozenset[str]:
    """The data categories that, named in a consent in force, open `resource` to its recipients."""
    return _OPENED_BY.get(resource, frozenset())


def in_own_departments(
    column: ColumnElement[str] | InstrumentedAttribute[str] | InstrumentedAttribute[str | None],
    principal: Principal,
) -> ColumnElement[bool]:
    """`column` is one of the caller's departments, and not one registered as an external partner.

    (A department code the municipality has not registered still counts, as it always has.)
    """
    external = select(Department.code).where(
        Department.code.in_(principal.departments), Department.kind == EXTERNAL_PARTNER
    )
    return column.in_(principal.departments) & column.not_in(external)


def concern_visible(principal: Principal) -> ColumnElement[bool]:
    """A concern is seen only by its receiving department (and admin/dpo), never by the other
    departments that may see the youth: that the municipality was notified is itself sensitive."""
    if principal.roles & CONCERN_WIDE_ROLES:
        return true()
    if not principal.departments:
        return false()
    return in_own_departments(Concern.receiving_department_code, principal)


def _consent_terms(
    principal: Principal, today: date, categories: frozenset[str]
) -> list[ColumnElement[bool]]:
    """A consent in force today naming one of the caller's departments and one of `categories`."""
    return [
        Consent.complete.is_(True),
        Consent.revoked_at.is_(None),
        Consent.valid_from <= today,
        Consent.valid_until >= today,
        Consent.recipient_departments.overlap(list(principal.departments)),
        Consent.categories.overlap(sorted(categories)),
    ]


def consent_in_force(principal: Principal, today: date, resource: str) -> ColumnElement[bool] | None:
    """A consent in force today names one of the caller's departments and a category opening `resource`."""
    categories = categories_opening(resource)
    if not categories or not principal.departments:
        return None
    return exists(
        select(Consent.id).where(Consent.youth_id == Youth.id, *_consent_terms(principal, today, categories))
    )


# The aliases youth_visible's EXISTS clauses use (so a rule's own query over these tables does
# not correlate with them). Made once: a fresh aliased() per call re-adapts every column it
# touches, which cost the worklist ~100 ms of Python per request at 14 rules (bench/obligations.py).
_PLAN, _MEASURE, _COORDINATED = aliased(Plan), aliased(PlanMeasure), aliased(Plan)
_TEAM, _MEMBER, _REFERRAL = aliased(CoordinatingTeam), aliased(TeamMember), aliased(Referral)


def youth_visible(principal: Principal, today: date, resource: str | None = None) -> ColumnElement[bool]:
    """The read scope: the caller's own relations to the youth, widened by a consent in force
    when `resource` names what a consent may open."""
    if sees_whole_municipality(principal):
        return true()
    clauses: list[ColumnElement[bool]] = []
    if resource is not None:
        consented = consent_in_force(principal, today, resource)
        if consented is not None:
            clauses.append(consented)
    clauses.extend(_relations(principal, today))
    return or_(*clauses) if clauses else false()


def youth_writable(principal: Principal, today: date) -> ColumnElement[bool]:
    """The write scope: the caller's own relations to the youth, never a consent (a consent
    grants reading, never writing). Every write path loads the youth or its record through it."""
    if sees_whole_municipality(principal):
        return true()
    clauses = _relations(principal, today)
    return or_(*clauses) if clauses else false()


def _has(
    row: QueryableAttribute[Any],
    youth_id: QueryableAttribute[Any],
    *where: ColumnElement[bool],
    joined: tuple[Any, ColumnElement[bool]] | None = None,
) -> ColumnElement[bool]:
    """The youth has a row (`row`'s table, joined with `joined`) whose `youth_id` is theirs and
    that meets `where`."""
    query = select(row) if joined is None else select(row).join(*joined)
    return exists(query.where(youth_id == Youth.id, *where))


def _relations(principal: Principal, today: date) -> list[ColumnElement[bool]]:
    """What ties the caller to a youth by their own work (see the module's docstring)."""
    clauses: list[ColumnElement[bool]] = []
    if principal.departments:
        # Aliased: the plans' own queries select from plan and must not correlate with these.
        plan, measure = _PLAN, _MEASURE
        clauses += [
            in_own_departments(Youth.registered_by_department, principal),
            _has(
                YouthCase.id,
                YouthCase.youth_id,
                in_own_departments(YouthCase.department_code, principal),
                case_open_on(today),
            ),
            _has(
                Concern.id,
                Concern.youth_id,
                Concern.closed_at.is_(None),
                in_own_departments(Concern.receiving_department_code, principal),
            ),
            _has(
                measure.id,
                plan.youth_id,
                plan.status.not_in(FINISHED_STATUSES),
                measure.status.in_(("planned", "active")),
                in_own_departments(measure.department_code, principal),
                joined=(plan, plan.id == measure.plan_id),
            ),
        ]
    # Aliased for the same reason as the plan clauses: referral and team queries use these tables.
    coordinated, team, member = _COORDINATED, _TEAM, _MEMBER
    clauses += [
        _has(
            GuideAssignment.id,
            GuideAssignment.youth_id,
            GuideAssignment.guide_sub == principal.sub,
            GuideAssignment.state.in_(PENDING_OR_ACTIVE),
        ),
        _has(
            coordinated.id,
            coordinated.youth_id,
            coordinated.coordinating_sub == principal.sub,
            coordinated.status.not_in(FINISHED_STATUSES),
        ),
        _has(
            member.id,
            team.youth_id,
            team.status == "active",
            member.sub == principal.sub,
            member.left_on.is_(None) | (member.left_on > today),
            joined=(team, team.id == member.team_id),
        ),
    ]
    if FORUM_ROLE in principal.roles:
        referral = _REFERRAL
        clauses.append(_has(referral.id, referral.youth_id, referral.state.not_in(NOT_REFERRED_STATES)))
    return clauses


def visible_youth_ids(principal: Principal, today: date, resource: str | None = None) -> ColumnElement[bool]:
    """For tables with a `youth_id`: `X.youth_id.in_(...)` over the visible youth."""
    return select(Youth.id).where(youth_visible(principal, today, resource)).scalar_subquery()  # type: ignore[return-value]


# --- Reads of protected parts (R9, disclosure/screen.py) --------------------------------------
def consents_in_force_for(
    principal: Principal, today: date, youth_ids: list[uuid.UUID]
) -> Select[uuid.UUID, list[str], uuid.UUID, list[str]]:
    """(youth_id, categories, id, recipient_departments) of the consents in force today naming one
    of the caller's departments, oldest first: the same test as consent_in_force, for the youth of
    already loaded records (one statement)."""
    return (
        select(Consent.youth_id, Consent.categories, Consent.id, Consent.recipient_departments)
        .where(
            Consent.youth_id.in_(youth_ids),
            Consent.complete.is_(True),
            Consent.revoked_at.is_(None),
            Consent.valid_from <= today,
            Consent.valid_until >= today,
            Consent.recipient_departments.overlap(list(principal.departments)),
        )
        .order_by(Consent.created_at, Consent.id)
    )


async def record_class_disclosures(
    session: AsyncSession, ctx: Ctx, subjects: Iterable[tuple[str, uuid.UUID, uuid.UUID, dict[str, Any]]]
) -> None:
    """Audits, in one statement, each protected part answered to the caller only because a consent
    in force names its class or the owner disclosed it (§ 28): (resource type, record id, youth id,
    detail {recipient, information_class, consent_id | disclosure_id}), action `disclose`."""
    await audit.record_each(session, ctx, action=DISCLOSE, subjects=subjects)


def seen_without_consent(principal: Principal, today: date, youth_id: uuid.UUID) -> Select[bool]:
    """Whether the caller sees the youth by their own standing, a consent left aside: a reader who
    sees the youth only through a consent reads only what its categories open (the overview)."""
    return select(youth_visible(principal, today)).where(Youth.id == youth_id)


def writable_youth_ids(principal: Principal, today: date) -> ColumnElement[bool]:
    """For tables with a `youth_id`: `X.youth_id.in_(...)` over the youth the caller may write about."""
    return select(Youth.id).where(youth_writable(principal, today)).scalar_subquery()  # type: ignore[return-value]


def disclosures(
    principal: Principal, today: date, resource: str, subjects: Select[Any]
) -> Select[Any] | None:
    """The subjects (columns `resource_id`, `youth_id`) the caller sees only through a consent in
    force, each once with `detail` {consent_id, recipient}: what `record_disclosures` audits.

    None when no consent can be in play (a municipality-wide role, a caller without departments, a
    resource no consent opens), so most requests pay nothing.
    """
    categories = categories_opening(resource)
    if not categories or not principal.departments or sees_whole_municipality(principal):
        return None
    subject = subjects.subquery("disclosed")
    # The first of the caller's departments the consent names.
    recipient = func.coalesce(
        *(
            case((literal(d, String) == any_(Consent.recipient_departments), literal(d, String)), else_=None)
            for d in principal.departments
        )
    )
    detail = func.jsonb_build_object(
        literal("consent_id", String), cast(Consent.id, String), literal("recipient", String), recipient
    )
    return (
        select(subject.c.resource_id, subject.c.youth_id, cast(detail, JSONB).label("detail"))
        .select_from(subject)
        .join(Youth, Youth.id == subject.c.youth_id)
        .join(Consent, Consent.youth_id == subject.c.youth_id)
        .where(*_consent_terms(principal, today, categories), ~youth_writable(principal, today))
        .ext(distinct_on(subject.c.resource_id))
        .order_by(subject.c.resource_id, Consent.created_at, Consent.id)
    )


def disclosure_insert(ctx: Ctx, resource: str, subjects: Select[Any], *, resource_type: str) -> Insert | None:
    """INSERT ... SELECT of the `disclose` audit rows for `subjects` (see `disclosures`)."""
    disclosed = disclosures(ctx.principal, ctx.today, resource, subjects)
    if disclosed is None:
        return None
    return audit.insert_from(ctx, disclosed, action=DISCLOSE, resource_type=resource_type)


async def record_disclosures(
    session: AsyncSession,
    ctx: Ctx,
    resource: str,
    subjects: Iterable[tuple[object, uuid.UUID]],
    *,
    resource_type: str | None = None,
) -> None:
    """Audits, in one statement, each of `subjects` (resource id, youth id) that was answered to
    the caller only because a consent in force names their department: a cross-department
    disclosure (action `disclose`). `resource` is the scope's resource (what the consent opened)."""
    rows = [(str(rid), yid) for rid, yid in subjects]
    if not rows:
        return
    given = values(column("resource_id", String), column("youth_id", Uuid), name="subject").data(rows)
    statement = disclosure_insert(
        ctx, resource, select(given.c.resource_id, given.c.youth_id), resource_type=resource_type or resource
    )
    if statement is not None:
        await session.execute(statement)


# --- A table of records about one youth each ----------------------------------------------------
class Owned(Protocol):
    id: Any
    youth_id: Any


Record = TypeVar("Record", bound=Owned)


class YouthRecords(Generic[Record]):
    """The queries every table of records about one youth each (`youth_id`) answers alike, scoped
    through that youth: the rows the caller may see, one row by id, and the audited reads.

    `opened_by`: the resource whose consents in force open these rows too (`categories_opening`);
    None: no consent opens them. `disclosed`: reads answered only through such a consent are
    audited as disclosures as well. `locked_writable`: a row locked for a change is looked up in
    the write scope, so a consent that opens the rows for reading never opens them for a change.
    """

    def __init__(
        self,
        model: type[Record],
        resource: str,
        *,
        opened_by: str | None = None,
        disclosed: bool = False,
        locked_writable: bool = False,
    ) -> None:
        self.model: Any = model
        self.resource = resource
        self._opened_by = opened_by
        self._disclosures = self._disclose if disclosed else None
        self._locked_writable = locked_writable
        self.reads = AuditedRead(
            lambda ctx, _: self.visible(ctx.principal, ctx.today).where(self.model.id == statements.ID),
            self.audit("read"),
        )

    def visible(self, principal: Principal, today: date) -> Select[Record]:
        youth_ids = visible_youth_ids(principal, today, self._opened_by)
        return select(self.model).where(self.model.youth_id.in_(youth_ids))

    def writable(self, principal: Principal, today: date) -> Select[Record]:
        return select(self.model).where(self.model.youth_id.in_(writable_youth_ids(principal, today)))

    async def get(
        self,
        session: AsyncSession,
        principal: Principal,
        today: date,
        record_id: uuid.UUID,
        *,
        for_update: bool = False,
    ) -> Record | None:
        """The row in the caller's read scope; `for_update`: locked for a change."""
        writing = for_update and self._locked_writable
        scope = self.writable(principal, today) if writing else self.visible(principal, today)
        query = scope.where(self.model.id == record_id)
        if for_update:
            query = query.with_for_update(of=self.model)
        return (await session.execute(query)).scalar_one_or_none()

    async def find(
        self,
        session: AsyncSession,
        ctx: Ctx,
        record_id: uuid.UUID,
        missing: type[DomainError],
        *,
        for_update: bool = False,
        version: int | None = None,
    ) -> Record:
        """`get`, or `missing` (404) when the caller cannot see the row; with `version`, locked for
        the change that expects that version (else 412, core/concurrency.py)."""
        locked = for_update or version is not None
        row = await self.get(session, ctx.principal, ctx.today, record_id, for_update=locked)
        if row is None:
            raise missing()
        if version is not None:
            versioned: Any = row  # every table a change is asked of has its version
            check_version(version, versioned.version)
        return row

    async def read_one(self, session: AsyncSession, ctx: Ctx, record_id: uuid.UUID) -> Row | None:
        """The row in the caller's read scope, audited as read."""
        return await self.reads.one(session, ctx, {statements.ID: record_id})

    async def read_found(
        self, session: AsyncSession, ctx: Ctx, record_id: uuid.UUID, missing: type[DomainError]
    ) -> Row:
        """`read_one`, or `missing` (404) when the caller cannot see the row."""
        row = await self.read_one(session, ctx, record_id)
        if row is None:
            raise missing()
        return row

    def audit(self, action: str) -> Audit:
        return Audit(action, self.resource, owned_subjects, self._disclosures)

    def _disclose(self, ctx: Ctx, subjects: Select[Any]) -> Any:
        assert self._opened_by is not None
        return disclosure_insert(ctx, self._opened_by, subjects, resource_type=self.resource)

    def page(self, key: Any, *, equal: dict[str, Any] | None = None, **filters: Any) -> KeysetPage:
        """The caller's rows a page at a time, ordered by (`key`, id), audited as a search, and
        filtered by `youth_id` and `equal` (`filters` as KeysetPage takes them)."""
        return KeysetPage(
            lambda ctx: self.visible(ctx.principal, ctx.today),
            self.audit("search"),
            key=(key, self.model.id),
            equal={"youth_id": self.model.youth_id, **(equal or {})},
            **filters,
        )
