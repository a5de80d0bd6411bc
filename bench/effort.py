"""The coordinated effort around the synthetic youth: what `bench/generate.py` adds per municipality.

Departments, cases per department, caseworkers, guides, plans with goals and measures, concerns,
referrals, coordinating teams with members and meetings, transition forms and school absence,
all deterministic from the municipality's seeded rng and shaped so that **every rule of the
worklist (`/v1/obligations`) has open items**, at shares a municipality would recognise. The
shares are the named constants below; bench/README.md quotes them.

Caseworkers: each department's open cases are dealt out at random over
`ceil(open cases / CASELOAD)` caseworkers (`sub` = `sag-<kommune>-<afdeling>-<n>`), so a caseworker
holds about CASELOAD youth (Poisson spread, roughly 35-70). Plans are coordinated, referrals made,
teams led and transition forms written by the youth's own caseworkers, so `responsible=me`
gathers one caseworker's realistic share of every rule. Guides: `guide-<kommune>-<n>`, about
GUIDE_LOAD youth each.

All dates are relative to generate.AS_OF (the benchmark asks the worklist `as_of` that day).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.generate import MunicipalityBatch, TableRows

# (code, name, kind, authority unit): the app's default departments.
DEPARTMENT_ROWS = (
    ("BFU", "Børne- og Familieafdelingen", "children_family", True),
    ("SAEH", "Myndighed Handicap, voksne (SÆH)", "adult_disability", True),
    ("ARB", "Jobcenter og Unge- og uddannelsesafdelingen", "employment", True),
    ("UU", "Uddannelsesvejledningen (UU/UE)", "education_guidance", True),
    ("SUND", "Sundhed og misbrug", "health", False),
    ("SKOLE", "Skoleafdelingen", "school", False),
)
# Cases: (department, kind, youngest, oldest age on AS_OF, share of the youth of those ages).
CASE_SHARES: tuple[tuple[str, str, int, int, float], ...] = (
    ("BFU", "preventive", 13, 17, 0.06),
    ("BFU", "placement", 13, 17, 0.015),
    ("BFU", "efterskole", 14, 17, 0.01),
    ("BFU", "disability", 13, 17, 0.012),
    ("BFU", "aftercare", 18, 22, 0.02),
    ("UU", "education", 15, 24, 0.20),
    ("ARB", "employment", 18, 30, 0.10),
    ("SAEH", "disability", 16, 30, 0.02),
)
# A youth with a BFU or SÆH case gets a UU case with this share instead (the cases cluster).
UU_SHARE_WITH_OTHER_CASE = 0.5
CLOSED_CASE_SHARE = 0.25  # of all cases drawn: closed before AS_OF (history, no obligations)
CASELOAD = 50  # open cases per caseworker on average
GUIDE_LOAD = 40  # youth per guide
# Guides for youth with open cases in >= 2 authority units, aged 15-30 (R8):
GUIDE_ACTIVE, GUIDE_OFFERED, GUIDE_DECLINED_RECENTLY, GUIDE_DECLINED_LONG_AGO = 0.55, 0.08, 0.07, 0.05
# Plans: youth with an open UU or ARB case.
PLAN_SHARE = 0.8
PLAN_PREVIOUS_SHARE = 0.1  # also a completed earlier plan
PLAN_STUCK, PLAN_INTERRUPTED = 0.05, 0.06  # of current plans; interrupted within 90 days
DROPOUT_CONTACT_RECORDED = 0.7
FOLLOW_UP_DAYS = (-45, 150)  # next follow-up relative to AS_OF: about a quarter are overdue
# Concerns (underretninger): youth under 18, received within the last year.
CONCERN_SHARE = 0.02
CONCERN_PROFESSIONAL = 0.65
# Referrals (R13): youth 15-17 with an open case of a referral kind.
REFERRAL_SENT, REFERRAL_DRAFT = 0.7, 0.05
REFERRAL_CONCLUDED = 0.45  # of the sent ones; a concluded one composed a coordinating team
CONFERENCE_SHARE = 0.02  # youth with an employment case referred to the phase-2 conference
TEAM_MEMBERS = (2, 4)  # besides the lead
# Transition forms (R10-R12): youth 14+ with a placement, disability or aftercare case.
TRANSITION_FORM_SHARE = 0.75
TRANSITION_RECENT = 0.6  # updated within the last 170 days (since the June window); others older
# Placed youth (R19/R20): a youth plan from 16, a decision on support after 18 from 17.
YOUTH_PLAN_SHARE, AFTERCARE_DECISION_SHARE = 0.8, 0.7
# Cases of kind placement/disability of youth 14-17 (R10): support after 18 expected, and hours.
SUPPORT_AFTER_18_SHARE = 0.6
SUPPORT_HOURS = (None, 5, 8, 12.5, 15, 20, 30)
# School absence (R22/R23): youth 13-16 with notable absence reported for the last two quarters.
ABSENCE_SHARE = 0.15
ABSENCE_MEAN_UNLAWFUL = 6.0  # exponential; >= 10 % needs the parents' warning, >= 15 % notification
ABSENCE_WARNED, ABSENCE_NOTIFIED = 0.7, 0.6

REFERRAL_CASE_KINDS = frozenset({"placement", "aftercare", "preventive", "efterskole", "disability"})
TRANSITION_CASE_KINDS = frozenset({"placement", "disability", "aftercare"})
AUTHORITY_UNITS = frozenset(code for code, _, _, authority in DEPARTMENT_ROWS if authority)

COLUMNS: dict[str, tuple[str, ...]] = {
    "department": ("id", "municipality_code", "code", "name", "kind", "authority_unit"),
    "youth_case": (
        "id", "municipality_code", "youth_id", "department_code", "kind", "caseworker_sub",
        "caseworker_name", "opened_on", "closed_on", "support_after_18_expected", "support_hours_after_18",
    ),
    "guide_assignment": (
        "id", "municipality_code", "youth_id", "state", "guide_sub", "guide_name", "guide_department",
        "offered_by_sub", "offered_by_name", "offered_by_department", "assigned_via", "offered_on",
        "responded_on", "started_on",
    ),
    "plan": (
        "id", "municipality_code", "youth_id", "status", "status_changed_on", "interrupted_on",
        "dropout_contact_on", "coordinating_sub", "coordinating_name", "coordinating_department",
        "next_follow_up_on", "destination", "started_on", "ended_on",
    ),
    "plan_goal": (
        "id", "municipality_code", "plan_id", "horizon", "description", "target_on", "status", "position",
    ),
    "plan_measure": (
        "id", "municipality_code", "plan_id", "department_code", "title", "responsible_sub", "starts_on",
        "status", "position",
    ),
    "concern": (
        "id", "municipality_code", "youth_id", "receiving_department_code", "received_at", "sender_kind",
        "sender_profession", "made_in_dialogue", "level", "assessment_due_at", "assessment_due_on",
        "acknowledgement_due_on", "assessed_at", "assessed_by_sub", "acknowledged_at", "closed_at",
        "created_by_sub", "created_by_name", "created_by_department", "created_at", "updated_at",
    ),
    "referral": (
        "id", "municipality_code", "youth_id", "forum", "category", "state", "referrer_sub", "referrer_name",
        "referrer_department", "referrer_role", "summary", "submitted_on", "state_changed_on",
    ),
    "coordinating_team": (
        "id", "municipality_code", "youth_id", "lead_sub", "lead_name", "lead_department",
        "first_meeting_deadline", "first_meeting_on", "status", "decided_on",
    ),
    "team_member": ("id", "municipality_code", "team_id", "sub", "name", "department", "role", "joined_on"),
    "team_meeting": (
        "id", "municipality_code", "team_id", "held_on", "youth_present", "parents_present", "frame",
        "recorded_by_sub",
    ),
    "transition_form": (
        "id", "municipality_code", "youth_id", "author_sub", "author_name", "author_department",
        "support_hours_per_week", "needs", "income_basis", "yearly_costs", "updated_on",
    ),
    "youth_plan": (
        "id", "municipality_code", "youth_id", "case_id", "made_on", "youth_involved", "parents_involved",
        "goals", "author_sub", "author_name", "author_department",
    ),
    "aftercare_decision": (
        "id", "municipality_code", "youth_id", "case_id", "decided_on", "outcome", "support_until",
        "author_sub", "author_name", "author_department",
    ),
    "absence_record": (
        "id", "municipality_code", "youth_id", "school_name", "period_from", "period_to", "quarter",
        "school_days", "lawful_pct", "unlawful_pct", "sick_pct", "parents_warned_on",
        "municipality_notified_on", "recorded_by_department",
    ),
}  # fmt: skip

FRAME = json.dumps({"worries": "Skift i skole.", "what_works": "God kontakt.", "next_steps": "Afklaring."})
NEEDS = json.dumps({"housing_offer": False, "housing_support": True, "day_offer": False, "stu": True})
COSTS = json.dumps({"housing_support": 180000, "stu": 250000})


@dataclass
class Case:
    department: str
    kind: str
    opened_on: dt.date
    closed_on: dt.date | None
    sub: str = ""
    id: uuid.UUID | None = None


@dataclass
class Rows:
    tables: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {name: [] for name in COLUMNS})

    def add(self, table: str, *row: Any) -> None:
        self.tables[table].append(row)


def turning(born: dt.date, age: int) -> dt.date:
    """The day `born` turns `age` (29 February -> 1 March), as ungeapi_date_turning."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return dt.date(born.year + age, 3, 1)


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def add_weekdays(start: dt.date, n: int) -> dt.date:
    day = start
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _id(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _days_before(rng: random.Random, as_of: dt.date, low: int, high: int) -> dt.date:
    return as_of - dt.timedelta(days=rng.randrange(low, high))


def effort_tables(batch: MunicipalityBatch) -> list[TableRows]:
    from bench.generate import TableRows

    rng, code, as_of = batch.rng, batch.code, batch.as_of
    out = Rows()
    for dep, name, kind, authority in DEPARTMENT_ROWS:
        out.add("department", _id(rng), code, dep, name, kind, authority)

    # Pass 1: the cases, then the caseworkers who hold the open ones.
    cases: dict[int, list[Case]] = {}
    for i, y in enumerate(batch.youth):
        if y.archived:
            continue
        age = age_on(y.birth_date, as_of)
        mine: list[Case] = []
        for dep, kind, low, high, share in CASE_SHARES:
            if not low <= age <= high:
                continue
            if dep == "UU" and mine:
                share = UU_SHARE_WITH_OTHER_CASE
            if rng.random() >= share:
                continue
            opened = max(_days_before(rng, as_of, 1, 1000), turning(y.birth_date, 12))
            closed = None
            if rng.random() < CLOSED_CASE_SHARE:
                closed = opened + dt.timedelta(days=rng.randrange((as_of - opened).days + 1))
            mine.append(Case(dep, kind, opened, closed))
        if mine:
            cases[i] = mine
    open_by_department: dict[str, list[Case]] = {}
    for mine in cases.values():
        for case in mine:
            if case.closed_on is None:
                open_by_department.setdefault(case.department, []).append(case)
    for dep, held in open_by_department.items():
        workers = max(1, math.ceil(len(held) / CASELOAD))
        for case in held:
            case.sub = f"sag-{code}-{dep}-{rng.randrange(workers):03d}"
    guide_eligible = [
        i
        for i, mine in cases.items()
        if len({c.department for c in mine if c.closed_on is None} & AUTHORITY_UNITS) >= 2
        and 15 <= age_on(batch.youth[i].birth_date, as_of) <= 30
    ]
    guides = max(1, math.ceil(len(guide_eligible) * (GUIDE_ACTIVE + GUIDE_OFFERED) / GUIDE_LOAD))

    for i, mine in cases.items():
        y = batch.youth[i]
        age = age_on(y.birth_date, as_of)
        for case in mine:
            sub = case.sub or f"sag-{code}-{case.department}-tidligere"
            case.id = _id(rng)
            support = (
                case.kind in ("placement", "disability")
                and age < 18
                and rng.random() < SUPPORT_AFTER_18_SHARE
            )
            hours = rng.choice(SUPPORT_HOURS) if support else None
            out.add(
                "youth_case",
                case.id,
                code,
                y.id,
                case.department,
                case.kind,
                sub,
                f"Sagsbehandler {sub}",
                case.opened_on,
                case.closed_on,
                support,
                hours,
            )
    for i in guide_eligible:
        _guide(out, rng, code, as_of, batch.youth[i].id, cases[i], guides)
    for i, mine in cases.items():
        y = batch.youth[i]
        open_cases = [c for c in mine if c.closed_on is None]
        if not open_cases:
            continue
        age = age_on(y.birth_date, as_of)
        _plan(out, rng, code, as_of, y.id, y.birth_date, open_cases)
        _referral(out, rng, code, as_of, y.id, y.birth_date, age, open_cases)
        _transition_form(out, rng, code, as_of, y.id, age, open_cases)
        _placement(out, rng, code, as_of, y.id, y.birth_date, age, open_cases)
    for y in batch.youth:
        if y.archived:
            continue
        age = age_on(y.birth_date, as_of)
        if age < 18 and rng.random() < CONCERN_SHARE:
            _concern(out, rng, code, as_of, y.id)
        if 13 <= age <= 16 and rng.random() < ABSENCE_SHARE:
            _absence(out, rng, code, as_of, y.id)
    return [TableRows(name, COLUMNS[name], rows) for name, rows in out.tables.items()]


def _guide(
    out: Rows,
    rng: random.Random,
    code: str,
    as_of: dt.date,
    youth_id: uuid.UUID,
    mine: list[Case],
    guides: int,
) -> None:
    x = rng.random()
    if x >= GUIDE_ACTIVE + GUIDE_OFFERED + GUIDE_DECLINED_RECENTLY + GUIDE_DECLINED_LONG_AGO:
        return  # none yet: guide.offer_due
    offerer = next(c for c in mine if c.closed_on is None)
    guide = f"guide-{code}-{rng.randrange(guides):03d}"
    responded = started = None
    if x < GUIDE_ACTIVE:
        state, offered = "active", _days_before(rng, as_of, 30, 700)
        responded = offered + dt.timedelta(days=rng.randrange(1, 14))
        started = responded
    elif x < GUIDE_ACTIVE + GUIDE_OFFERED:
        state, offered = "offered", _days_before(rng, as_of, 0, 30)
    elif x < GUIDE_ACTIVE + GUIDE_OFFERED + GUIDE_DECLINED_RECENTLY:
        state, offered = "declined", _days_before(rng, as_of, 10, 170)
        responded = offered + dt.timedelta(days=rng.randrange(1, 10))
    else:
        state, offered = "declined", _days_before(rng, as_of, 200, 700)
        responded = offered + dt.timedelta(days=rng.randrange(1, 10))
    out.add(
        "guide_assignment",
        _id(rng),
        code,
        youth_id,
        state,
        guide,
        f"Ungeguide {guide}",
        "UU",
        offerer.sub,
        f"Sagsbehandler {offerer.sub}",
        offerer.department,
        "caseworker",
        offered,
        responded,
        started,
    )


def _plan(
    out: Rows,
    rng: random.Random,
    code: str,
    as_of: dt.date,
    youth_id: uuid.UUID,
    born: dt.date,
    open_cases: list[Case],
) -> None:
    coordinators = [c for c in open_cases if c.department in ("UU", "ARB")]
    if not coordinators or rng.random() >= PLAN_SHARE:
        return
    lead = coordinators[0]
    if rng.random() < PLAN_PREVIOUS_SHARE:
        started = lead.opened_on - dt.timedelta(days=rng.randrange(200, 700))
        ended = lead.opened_on
        _plan_row(
            out, rng, code, youth_id, lead, "completed", ended, None, None, None, started, ended, open_cases
        )
    x = rng.random()
    interrupted = contact = None
    if x < PLAN_INTERRUPTED:
        # R5 counts interruptions at 15-17; the plan started when the youth was at least 15.
        status = "interrupted"
        interrupted = _days_before(rng, as_of, 0, 90)
        if rng.random() < DROPOUT_CONTACT_RECORDED:
            contact = min(as_of, interrupted + dt.timedelta(days=rng.randrange(0, 8)))
        changed = interrupted
    else:
        status = "stuck" if x < PLAN_INTERRUPTED + PLAN_STUCK else "active"
        changed = _days_before(rng, as_of, 0, 300)
    follow_up = as_of + dt.timedelta(days=rng.randrange(*FOLLOW_UP_DAYS))
    started = min(lead.opened_on, changed)
    _plan_row(
        out,
        rng,
        code,
        youth_id,
        lead,
        status,
        changed,
        interrupted,
        contact,
        follow_up,
        started,
        None,
        open_cases,
    )


def _plan_row(
    out: Rows,
    rng: random.Random,
    code: str,
    youth_id: uuid.UUID,
    lead: Case,
    status: str,
    changed: dt.date,
    interrupted: dt.date | None,
    contact: dt.date | None,
    follow_up: dt.date | None,
    started: dt.date,
    ended: dt.date | None,
    open_cases: list[Case],
) -> None:
    plan_id = _id(rng)
    out.add(
        "plan",
        plan_id,
        code,
        youth_id,
        status,
        changed,
        interrupted,
        contact,
        lead.sub,
        f"Sagsbehandler {lead.sub}",
        lead.department,
        follow_up,
        rng.choice(("education", "job", None)),
        started,
        ended,
    )
    for position in range(1, rng.randrange(2, 5)):
        horizon = "long" if position == 1 else "short"
        target = started + dt.timedelta(days=rng.randrange(60, 720))
        goal_status = "achieved" if ended else rng.choice(("open", "open", "open", "achieved"))
        out.add(
            "plan_goal", _id(rng), code, plan_id, horizon, f"Mål {position}", target, goal_status, position
        )
    for position, case in enumerate(open_cases[: rng.randrange(0, 3)], start=1):
        measure_status = "completed" if ended else rng.choice(("planned", "active", "active"))
        out.add(
            "plan_measure",
            _id(rng),
            code,
            plan_id,
            case.department,
            f"Indsats {case.kind}",
            case.sub,
            case.opened_on,
            measure_status,
            position,
        )


def _referral(
    out: Rows,
    rng: random.Random,
    code: str,
    as_of: dt.date,
    youth_id: uuid.UUID,
    born: dt.date,
    age: int,
    open_cases: list[Case],
) -> None:
    if any(c.kind == "employment" for c in open_cases) and rng.random() < CONFERENCE_SHARE:
        case = next(c for c in open_cases if c.kind == "employment")
        sent = _days_before(rng, as_of, 1, 300)
        out.add(
            "referral",
            _id(rng),
            code,
            youth_id,
            "conference",
            "stuck_plan",
            "concluded",
            case.sub,
            f"Sagsbehandler {case.sub}",
            case.department,
            "caseworker",
            "Fastlåst forløb.",
            sent,
            sent + dt.timedelta(days=14),
        )
    kinds = [c for c in open_cases if c.kind in REFERRAL_CASE_KINDS]
    if not kinds or not 15 <= age <= 17:
        return
    case = kinds[0]
    x = rng.random()
    if x >= REFERRAL_SENT + REFERRAL_DRAFT:
        return  # referral.missing
    category = {"placement": "placed"}.get(case.kind, case.kind if case.kind != "employment" else "guidance")
    submitted: dt.date | None = None
    if x >= REFERRAL_SENT:
        state, changed = "draft", _days_before(rng, as_of, 0, 60)
    else:
        submitted = max(case.opened_on, turning(born, 15)) + dt.timedelta(days=rng.randrange(0, 60))
        submitted = min(submitted, as_of)
        concluded = rng.random() < REFERRAL_CONCLUDED
        state = "concluded" if concluded else rng.choice(("submitted", "scheduled", "discussed"))
        changed = min(as_of, submitted + dt.timedelta(days=rng.randrange(7, 30)))
    out.add(
        "referral",
        _id(rng),
        code,
        youth_id,
        "coordination",
        category,
        state,
        case.sub,
        f"Sagsbehandler {case.sub}",
        case.department,
        "caseworker",
        "Indstilling til koordinationsmødet.",
        submitted,
        changed,
    )
    if state == "concluded":
        _team(out, rng, code, as_of, youth_id, born, case, changed, open_cases)


def _team(
    out: Rows,
    rng: random.Random,
    code: str,
    as_of: dt.date,
    youth_id: uuid.UUID,
    born: dt.date,
    lead: Case,
    decided: dt.date,
    open_cases: list[Case],
) -> None:
    team_id = _id(rng)
    deadline = max(turning(born, 17), decided + dt.timedelta(days=30))
    if deadline < as_of:
        held = rng.random() < 0.85
    else:
        held = rng.random() < (0.3 if deadline <= as_of + dt.timedelta(days=30) else 0.2)
    first = min(as_of, deadline, decided + dt.timedelta(days=rng.randrange(7, 60))) if held else None
    out.add(
        "coordinating_team",
        team_id,
        code,
        youth_id,
        lead.sub,
        f"Sagsbehandler {lead.sub}",
        lead.department,
        deadline,
        first,
        "active",
        decided,
    )
    out.add(
        "team_member",
        _id(rng),
        code,
        team_id,
        lead.sub,
        f"Sagsbehandler {lead.sub}",
        lead.department,
        "Tovholder",
        decided,
    )
    others = [c for c in open_cases if c is not lead]
    for n in range(rng.randrange(*TEAM_MEMBERS)):
        case = others[n] if n < len(others) else None
        department = case.department if case else rng.choice(("UU", "SKOLE", "SUND"))
        sub = case.sub if case else f"medlem-{code}-{department}-{rng.randrange(100):03d}"
        out.add("team_member", _id(rng), code, team_id, sub, f"Medlem {sub}", department, "Medlem", decided)
    if first is not None:
        out.add(
            "team_meeting",
            _id(rng),
            code,
            team_id,
            first,
            rng.random() < 0.8,
            rng.random() < 0.6,
            FRAME,
            lead.sub,
        )


def _transition_form(
    out: Rows,
    rng: random.Random,
    code: str,
    as_of: dt.date,
    youth_id: uuid.UUID,
    age: int,
    open_cases: list[Case],
) -> None:
    holders = [c for c in open_cases if c.kind in TRANSITION_CASE_KINDS]
    if not holders or age < 14 or rng.random() >= TRANSITION_FORM_SHARE:
        return
    author = holders[0]
    recent = rng.random() < TRANSITION_RECENT
    updated = _days_before(rng, as_of, 0, 170) if recent else _days_before(rng, as_of, 170, 500)
    out.add(
        "transition_form",
        _id(rng),
        code,
        youth_id,
        author.sub,
        f"Sagsbehandler {author.sub}",
        author.department,
        rng.choice((5, 8, 12.5, 15, 20, 30)),
        NEEDS,
        rng.choice(("education_grant", "cash_benefit", "unknown")),
        COSTS,
        updated,
    )


def _placement(
    out: Rows,
    rng: random.Random,
    code: str,
    as_of: dt.date,
    youth_id: uuid.UUID,
    born: dt.date,
    age: int,
    open_cases: list[Case],
) -> None:
    placement = next((c for c in open_cases if c.kind == "placement"), None)
    if placement is None or age < 16:
        return
    name, dep = f"Sagsbehandler {placement.sub}", placement.department
    if rng.random() < YOUTH_PLAN_SHARE:
        made = min(
            as_of, max(placement.opened_on, turning(born, 16)) + dt.timedelta(days=rng.randrange(0, 100))
        )
        out.add(
            "youth_plan", _id(rng), code, youth_id, placement.id, made, True, rng.random() < 0.7,
            "Skole og bolig.", placement.sub, name, dep,
        )  # fmt: skip
    if age >= 17 and rng.random() < AFTERCARE_DECISION_SHARE:
        decided = min(
            as_of, max(placement.opened_on, turning(born, 17)) + dt.timedelta(days=rng.randrange(0, 120))
        )
        granted = rng.random() < 0.7
        out.add(
            "aftercare_decision", _id(rng), code, youth_id, placement.id, decided,
            "granted" if granted else "refused", turning(born, 23) if granted else None, placement.sub,
            name, dep,
        )  # fmt: skip


def _concern(out: Rows, rng: random.Random, code: str, as_of: dt.date, youth_id: uuid.UUID) -> None:
    days_ago = rng.randrange(0, 365)
    received = dt.datetime.combine(as_of - dt.timedelta(days=days_ago), dt.time(rng.randrange(7, 16)), dt.UTC)
    professional = rng.random() < CONCERN_PROFESSIONAL
    acknowledgement_due = add_weekdays(received.date(), 6) if professional else None
    assessed = rng.random() < (0.4 if days_ago <= 2 else 0.99)
    acknowledged = professional and rng.random() < (0.4 if days_ago <= 8 else 0.93)
    later = received + dt.timedelta(hours=rng.randrange(1, 24))
    closed = assessed and days_ago > 60 and rng.random() < 0.6
    out.add(
        "concern",
        _id(rng),
        code,
        youth_id,
        "BFU",
        received,
        "professional" if professional else "citizen",
        "Lærer" if professional else None,
        False,
        rng.randrange(1, 5),
        received + dt.timedelta(hours=24),
        (received + dt.timedelta(hours=24)).date(),
        acknowledgement_due,
        later if assessed else None,
        f"sag-{code}-BFU-000" if assessed else None,
        later if acknowledged else None,
        received + dt.timedelta(days=60) if closed else None,
        "skole-indberetning",
        "Skolen",
        "SKOLE",
        received,
        received,
    )


def _absence(out: Rows, rng: random.Random, code: str, as_of: dt.date, youth_id: uuid.UUID) -> None:
    school = f"Skole {rng.randrange(1, 40)}"
    for quarter, start, end in (
        ("2026-Q2", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        ("2026-Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    ):
        unlawful = min(60.0, round(rng.expovariate(1 / ABSENCE_MEAN_UNLAWFUL), 2))
        lawful = round(rng.uniform(0, 5), 2)
        sick = round(rng.uniform(0, 8), 2)
        warned = notified = None
        if unlawful >= 10 and rng.random() < ABSENCE_WARNED:
            warned = end + dt.timedelta(days=rng.randrange(3, 20))
        if unlawful >= 15 and rng.random() < ABSENCE_NOTIFIED:
            notified = end + dt.timedelta(days=rng.randrange(3, 30))
        out.add(
            "absence_record",
            _id(rng),
            code,
            youth_id,
            school,
            start,
            end,
            quarter,
            60,
            lawful,
            unlawful,
            sick,
            warned,
            notified,
            "SKOLE",
        )
