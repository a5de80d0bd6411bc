"""Forum meetings (ungekoordineringsmøder, ungekonferencer), agendas and decisions (R15, R16, R18)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field
from pydantic.config import JsonDict, JsonValue

from ungeapi.core import optional
from ungeapi.core.fields import Created, Day, LastChanged, Moment, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.meetings.vocabulary import DayOfferNeed, HousingNeed, IncomeBasis
from ungeapi.referrals.schemas import (
    FORUM_DESCRIPTION,
    MEETING_ID,
    REFERRAL_ID,
    YOUTH_ID,
    Forum,
    ReferralCategory,
    ReferralState,
    Referrer,
    ReferrerRole,
)
from ungeapi.teams.schemas import MEMBER_EXAMPLE, TEAM_READ_EXAMPLE, TeamMemberIn, TeamRead

CHAIR_EXAMPLE: JsonDict = {"sub": "teamleder-handicap", "name": "Teamleder Eksempel", "department": "BFU"}
PARTICIPANTS_EXAMPLE: list[JsonValue] = [
    {"sub": "teamleder-bfu-1", "name": "Teamleder Et", "department": "BFU", "role": "Teamleder"},
    {"sub": "konsulent-saeh", "name": "Faglig konsulent", "department": "SAEH", "role": "Faglig konsulent"},
    {"sub": "teamleder-arb", "name": "Teamleder ARB", "department": "ARB", "role": "Teamleder"},
    {"name": "Faglig koordinator", "department": "UU", "role": "UE-vejledning"},
]


class Chair(BaseModel):
    """The chair (mødeleder/dagsordenansvarlig)."""

    model_config = input_config(CHAIR_EXAMPLE)

    sub: str = Field(max_length=200, description="The chair's user id (mødeleder, bruger-id).")
    name: str = Field(max_length=200, description="The chair's name (mødeleder).")
    department: str | None = optional.text(20, "Department code (afdeling).")


class MeetingParticipant(BaseModel):
    """A fixed participant (fast deltager) of the forum."""

    model_config = input_config(PARTICIPANTS_EXAMPLE[0])

    sub: str | None = optional.text(200, "User id, when known (bruger-id).")
    name: str = Field(min_length=1, max_length=200, description="Name (navn).")
    department: str | None = optional.text(20, "Department code (afdeling).")
    role: str | None = optional.text(100, "Role, e.g. teamleder (rolle).")


CAPACITY_DESCRIPTION = (
    "R15: minutes of cases the agenda holds (mødets længde); default the municipality's "
    "`meeting_capacity_minutes`."
)


class MeetingCreate(BaseModel):
    """One meeting of a forum (møde i ungekoordineringen)."""

    model_config = input_config(
        {
            "forum": "coordination",
            "starts_at": "2026-12-03T09:00:00+01:00",
            "chair": CHAIR_EXAMPLE,
            "participants": PARTICIPANTS_EXAMPLE,
            "capacity_minutes": 120,
            "location": "Rådhuset, mødelokale 2",
        }
    )

    forum: Forum = Field(description=FORUM_DESCRIPTION)
    starts_at: Moment = Field(description="Starts (mødestart), with its UTC offset.")
    chair: Chair = Field(description="The chair (mødeleder/dagsordenansvarlig).")
    participants: list[MeetingParticipant] = optional.listed(30, "The fixed participants (faste deltagere).")
    capacity_minutes: int | None = Field(default=None, ge=15, le=600, description=CAPACITY_DESCRIPTION)
    location: str | None = optional.text(200, "Where (mødested).")


class MeetingSeriesCreate(BaseModel):
    """The next `count` meetings of a forum, every `meeting_interval_days` (coordination, 14)
    or `conference_interval_days` (conference, 7), at the same local time."""

    model_config = input_config(
        {
            "forum": "coordination",
            "first_starts_at": "2026-12-03T09:00:00+01:00",
            "count": 6,
            "chair": CHAIR_EXAMPLE,
            "participants": PARTICIPANTS_EXAMPLE,
        }
    )

    forum: Forum = Field(description=FORUM_DESCRIPTION)
    first_starts_at: Moment = Field(description="The first meeting's start (første møde).")
    count: int = Field(ge=1, le=52, description="How many meetings (antal møder).")
    chair: Chair = Field(description="The chair (mødeleder).")
    participants: list[MeetingParticipant] = optional.listed(30, "The fixed participants (faste deltagere).")
    capacity_minutes: int | None = Field(default=None, ge=15, le=600, description=CAPACITY_DESCRIPTION)
    location: str | None = optional.text(200, "Where (mødested).")


class MeetingUpdate(BaseModel):
    model_config = input_config({"capacity_minutes": 150, "location": "Mødelokale 3"})

    starts_at: Moment | None = optional.value("Starts (mødestart).")
    chair: Chair | None = optional.value("The chair (mødeleder).")
    participants: list[MeetingParticipant] | None = optional.many(
        30, "The fixed participants (faste deltagere)."
    )
    capacity_minutes: int | None = Field(
        default=None, ge=15, le=600, description="R15: capacity (mødets længde); never below the agenda."
    )
    location: str | None = optional.text(200, "Where (mødested).")


MEETING_READ_EXAMPLE: JsonDict = {
    "id": MEETING_ID,
    "municipality_code": "860",
    "forum": "coordination",
    "starts_at": "2026-12-03T09:00:00+01:00",
    "ends_at": "2026-12-03T11:00:00+01:00",
    "capacity_minutes": 120,
    "used_minutes": 45,
    "free_minutes": 75,
    "agenda_size": 2,
    "chair": CHAIR_EXAMPLE,
    "participants": PARTICIPANTS_EXAMPLE,
    "location": "Rådhuset, mødelokale 2",
    "series_id": None,
    **stamps(),
}


class MeetingRead(BaseModel):
    model_config = answer_config(MEETING_READ_EXAMPLE)

    id: uuid.UUID = Field(description="Meeting id (møde-id).")
    municipality_code: MunicipalityCode
    forum: Forum = Field(description=FORUM_DESCRIPTION)
    starts_at: datetime = Field(description="Starts (mødestart).")
    ends_at: datetime = Field(description="Ends: the start plus the capacity (mødeslut).")
    capacity_minutes: int = Field(description="R15: capacity in minutes (mødets længde).")
    used_minutes: int = Field(description="Minutes taken by the agenda (optaget).")
    free_minutes: int = Field(description="Minutes still free (ledig tid).")
    agenda_size: int = Field(description="Cases on the agenda (sager på dagsordenen).")
    chair: Chair = Field(description="The chair (mødeleder).")
    participants: list[MeetingParticipant] = Field(description="The fixed participants (faste deltagere).")
    location: str | None = Field(description="Where (mødested).")
    series_id: uuid.UUID | None = Field(description="The series it was created in (mødeserie).")
    version: Version
    created_at: Created
    updated_at: LastChanged


class MeetingSeriesRead(BaseModel):
    model_config = answer_config(
        {"series_id": "4b3a2918-0f1e-4d2c-8b3a-291807f6e5d4", "items": [MEETING_READ_EXAMPLE]}
    )

    series_id: uuid.UUID = Field(description="The series' id (mødeserie).")
    items: list[MeetingRead] = Field(description="The meetings created, first first (møder).")


class AgendaPlace(BaseModel):
    model_config = input_config({"referral_id": REFERRAL_ID})

    referral_id: uuid.UUID = Field(description="A submitted referral of the meeting's forum (indstilling).")


class AgendaItemRead(BaseModel):
    model_config = answer_config(
        {
            "id": "9f8e7d6c-5b4a-4392-8817-263544536271",
            "meeting_id": MEETING_ID,
            "referral_id": REFERRAL_ID,
            "youth_id": YOUTH_ID,
            "position": 2,
            "slot_minutes": 30,
            "starts_at": "2026-12-03T09:15:00+01:00",
            "ends_at": "2026-12-03T09:45:00+01:00",
        }
    )

    id: uuid.UUID = Field(description="Agenda item id (dagsordenpunkt).")
    meeting_id: uuid.UUID = Field(description="The meeting (møde).")
    referral_id: uuid.UUID = Field(description="The referral (indstilling).")
    youth_id: YouthId
    position: int = Field(description="Order on the agenda (punkt nr.).")
    slot_minutes: int = Field(description="R15: minutes for the case (15, or 30 when complex).")
    starts_at: datetime = Field(description="When the case is taken up (starttid).")
    ends_at: datetime = Field(description="When its slot ends (sluttid).")


AGENDA_ENTRY_EXAMPLE: JsonDict = {
    "agenda_item_id": "9f8e7d6c-5b4a-4392-8817-263544536271",
    "position": 1,
    "starts_at": "2026-12-03T09:00:00+01:00",
    "ends_at": "2026-12-03T09:15:00+01:00",
    "slot_minutes": 15,
    "referral_id": REFERRAL_ID,
    "youth_id": YOUTH_ID,
    "youth_name": "Testa Eksempelsen",
    "age": 15,
    "category": "placed",
    "complex": False,
    "summary": "Anbragt i plejefamilie siden 2022.",
    "referrer": {"sub": "raadgiver-17", "name": "Rådgiver Eksempel", "department": "BFU"},
    "referrer_role": "caseworker",
    "professionals": 0,
    "state": "scheduled",
    "decided": False,
}


class AgendaEntry(BaseModel):
    """One case on the printed agenda (dagsorden)."""

    model_config = answer_config(AGENDA_ENTRY_EXAMPLE)

    agenda_item_id: uuid.UUID = Field(description="Agenda item id (dagsordenpunkt).")
    position: int = Field(description="Order on the agenda (punkt nr.).")
    starts_at: datetime = Field(description="Start of the case's slot (starttid).")
    ends_at: datetime = Field(description="End of the case's slot (sluttid).")
    slot_minutes: int = Field(description="R15: minutes (15 or 30).")
    referral_id: uuid.UUID = Field(description="The referral (indstilling).")
    youth_id: YouthId
    youth_name: str = Field(description="The youth's name (navn).")
    age: int = Field(description="The youth's age on the meeting day (alder).")
    category: ReferralCategory = Field(description="Why the youth is referred (målgruppe, R13).")
    complex: bool = Field(description="A complex case (kompleks).")
    summary: str = Field(description="The referrer's summary (resumé).")
    referrer: Referrer = Field(description="Who refers (indstiller).")
    referrer_role: ReferrerRole = Field(description="The referrer's role (rolle).")
    professionals: int = Field(description="Other professionals attending (fagprofessionelle).")
    state: ReferralState = Field(description="The referral's state (status).")
    decided: bool = Field(description="A decision is recorded (beslutning truffet).")


class AgendaRead(BaseModel):
    """The agenda as the chair prints it (dagsorden)."""

    model_config = answer_config(
        {
            "meeting": MEETING_READ_EXAMPLE,
            "items": [AGENDA_ENTRY_EXAMPLE],
            "hidden_items": 0,
        }
    )

    meeting: MeetingRead = Field(description="The meeting (møde).")
    items: list[AgendaEntry] = Field(
        description="The cases in order, with their times (sager). Bounded by the capacity, so not paged."
    )
    hidden_items: int = Field(
        description="Cases of youth you may not see: their times are kept, their details left out (skjulte)."
    )


INCOME_BASIS_DESCRIPTION = (
    "Expected income basis after 18 (forventet forsørgelsesgrundlag, domain.md §4): su (SU), "
    "apprentice_wage (elevløn), wage (løn), cash_benefit (kontanthjælp), education_benefit "
    "(uddannelseshjælp, abolished 1 July 2025: refused for youth turning 18 after that, R25), "
    "resource_course_benefit (ressourceforløbsydelse), flexjob (ledighedsydelse/fleksjob), "
    "disability_pension (førtidspension), sickness_benefit (sygedagpenge), unemployment_benefit "
    "(dagpenge), rehabilitation_benefit (revalidering), parents (forældre), fgu_allowance "
    "(FGU skoleydelse), unknown (uafklaret)."
)


class Evaluation(BaseModel):
    """The meeting's evaluation of itself (evaluering af mødet: forberedelse, mødeforløb)."""

    model_config = input_config({"preparation": 4, "meeting": 5, "note": "God forberedelse."})

    preparation: int | None = Field(default=None, ge=1, le=5, description="Preparation, 1-5 (forberedelse).")
    meeting: int | None = Field(default=None, ge=1, le=5, description="The discussion, 1-5 (mødeforløb).")
    note: str | None = optional.text(2000, "Remarks (bemærkninger).")


TEAM_DECISION_EXAMPLE: JsonDict = {
    "members": [
        MEMBER_EXAMPLE,
        {"department": "SAEH", "role": "Sagsbehandler, Myndighed Handicap"},
        {"sub": "ue-vejleder-4", "name": "UE-vejleder Eksempel", "department": "UU", "role": "UE-vejleder"},
    ],
    "first_meeting_on": "2027-01-12",
}


class TeamDecision(BaseModel):
    """The coordinating team the forum composes (sammensætning af Det Koordinerende Team)."""

    model_config = input_config(TEAM_DECISION_EXAMPLE)

    members: list[TeamMemberIn] = Field(
        min_length=1,
        max_length=20,
        description="The members by department and role (medlemmer); exactly one is the lead (tovholder).",
    )
    first_meeting_on: Day = Field(
        description="R16: the team's first meeting (første møde), no later than the 17th birthday; a "
        "youth already 17 gets `late_team_days` from the decision."
    )


DECISION_EXAMPLE: JsonDict = {
    "referral_id": REFERRAL_ID,
    "documentation_needed": False,
    "education_perspective": "Ønsker at blive tømrer; FGU som første skridt.",
    "recommended_measures": ["Afklaring af bostøttebehov", "Brobygning til FGU"],
    "team": TEAM_DECISION_EXAMPLE,
    "income_basis_after_18": "fgu_allowance",
    "housing_need": "housing_support",
    "day_offer_need": "none",
    "lab_measures": ["Mentor efter LAB"],
    "evaluation": {"preparation": 4, "meeting": 5, "note": "God forberedelse."},
}


class DecisionCreate(BaseModel):
    """What the forum decided about one case on its agenda (beslutning). The forum has no
    authority to grant anything (ingen bevillingskompetence, R16): a decision holds the forum's
    recommendations, never a grant (bevilling) or an administrative decision (afgørelse). There
    are no grant fields, and unknown fields such as `grant` are refused (422)."""

    model_config = input_config(DECISION_EXAMPLE)

    referral_id: uuid.UUID = Field(description="The referral on this meeting's agenda (indstilling).")
    documentation_needed: bool = Field(
        description="More documentation is needed (yderligere dokumentation): the referral goes back to "
        "the referrer; then no team is composed yet."
    )
    documentation_note: str | None = optional.text(2000, "What documentation (hvilken dokumentation).")
    education_perspective: str | None = optional.text(
        5000, "The education perspective from the youth's wishes (uddannelsesperspektiv)."
    )
    recommended_measures: list[str] = optional.listed(
        20, "Measures the team may work towards (anbefalede indsatser); recommendations only."
    )
    team: TeamDecision | None = optional.value(
        "The coordinating team and its first meeting (Det Koordinerende Team); required "
        "for the coordination meeting unless documentation is needed.",
    )
    income_basis_after_18: IncomeBasis | None = optional.value(INCOME_BASIS_DESCRIPTION)
    income_basis_note: str | None = optional.text(2000, "On the income basis (forsørgelse, bemærkning).")
    housing_need: HousingNeed | None = optional.value(
        "Expected housing need after 18 (bo-behov): none, housing_support (bostøtte, SEL § 85), "
        "housing_offer (botilbud, SEL §§ 107/108), unknown.",
    )
    day_offer_need: DayOfferNeed | None = optional.value(
        "Expected day-offer need (dagtilbud): none, day_offer (SEL § 104), protected_employment "
        "(beskyttet beskæftigelse, SEL § 103), stu (STU), unknown.",
    )
    lab_measures: list[str] = optional.listed(
        20, "Expected measures under LAB (tilbud efter Lov om en aktiv beskæftigelsesindsats)."
    )
    needs_note: str | None = optional.text(2000, "On the future needs (behov, bemærkning).")
    evaluation: Evaluation | None = optional.value("The meeting's evaluation (evaluering).")


class RecordedBy(BaseModel):
    sub: str = Field(description="User id (bruger-id).")
    name: str = Field(description="Name (navn).")


class DecisionRead(BaseModel):
    """A recorded decision (beslutning) of the forum. The forum has no authority to grant
    anything (ingen bevillingskompetence, R16): there is no grant here, by design."""

    model_config = answer_config(
        {
            **{k: v for k, v in DECISION_EXAMPLE.items() if k != "team"},
            "id": "2f1e0d9c-8b7a-4695-a4b3-c2d1e0f9a8b7",
            "meeting_id": MEETING_ID,
            "agenda_item_id": "9f8e7d6c-5b4a-4392-8817-263544536271",
            "youth_id": YOUTH_ID,
            "decided_on": "2026-12-03",
            "documentation_note": None,
            "income_basis_note": None,
            "needs_note": None,
            "first_team_meeting_on": "2027-01-12",
            "first_meeting_deadline": "2027-03-01",
            "late": False,
            "team": TEAM_READ_EXAMPLE,
            "recorded_by": {"sub": "teamleder-handicap", "name": "Teamleder Eksempel"},
            "created_at": "2026-12-03T09:20:00+01:00",
        }
    )

    id: uuid.UUID = Field(description="Decision id (beslutnings-id).")
    meeting_id: uuid.UUID = Field(description="The meeting (møde).")
    agenda_item_id: uuid.UUID = Field(description="The agenda item (dagsordenpunkt).")
    referral_id: uuid.UUID = Field(description="The referral (indstilling).")
    youth_id: YouthId
    decided_on: date = Field(description="The meeting's day (beslutningsdato).")
    documentation_needed: bool = Field(description="More documentation needed (dokumentation).")
    documentation_note: str | None = Field(description="What documentation (hvilken).")
    education_perspective: str | None = Field(description="Education perspective (uddannelsesperspektiv).")
    recommended_measures: list[str] = Field(description="Recommended measures (anbefalede indsatser).")
    team: TeamRead | None = Field(description="The coordinating team composed (Det Koordinerende Team).")
    first_team_meeting_on: date | None = Field(description="The team's first meeting (første møde).")
    first_meeting_deadline: date | None = Field(description="R16: its deadline (frist).")
    late: bool = Field(description="R16: the youth was already 17 when decided (sen beslutning).")
    income_basis_after_18: IncomeBasis | None = Field(description=INCOME_BASIS_DESCRIPTION)
    income_basis_note: str | None = Field(description="On the income basis (bemærkning).")
    housing_need: HousingNeed | None = Field(description="Expected housing need (bo-behov).")
    day_offer_need: DayOfferNeed | None = Field(description="Expected day-offer need (dagtilbud).")
    lab_measures: list[str] = Field(description="Expected LAB measures (LAB-tilbud).")
    needs_note: str | None = Field(description="On the needs (bemærkning).")
    evaluation: Evaluation | None = Field(description="The meeting's evaluation (evaluering).")
    recorded_by: RecordedBy = Field(description="Who recorded it (registreret af).")
    created_at: datetime = Field(description="Recorded (registreret).")
