"""The referrals' vocabularies, with their labels in English and Danish.

The referral's category and state are the table's too (models/referral.py checks their values),
so their types are the model's, labelled here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name
from ungeapi.models import referral as table

FORUM = Vocabulary(
    "Forum",
    "The forum a referral goes to (forum): the coordination meeting (phase 1, R13) or the "
    "phase-2 conference for a stuck plan (R18).",
    {
        "coordination": text("Coordination meeting", "Ungekoordineringsmøde"),
        "conference": text("Youth conference (phase 2)", "Ungekonference"),
    },
)
Forum = Annotated[Literal["coordination", "conference"], FORUM]

REFERRAL_CATEGORY = Vocabulary(
    "ReferralCategory",
    "Why the youth is referred (målgruppe, R13).",
    {
        "placed": text("Placed in care", "Anbragt"),
        "aftercare": text("Aftercare", "Efterværn eller ungestøtte"),
        "preventive": text(
            "Preventive measure at or after 15", "Forebyggende foranstaltning ved eller efter 15 år"
        ),
        "efterskole": text("Efterskole or free vocational school", "Efterskole eller fri fagskole"),
        "disability": text(
            "Disability, support expected after 18", "Handicap med forventet støtte efter 18 år"
        ),
        "guidance": text("Referred by the guidance counsellor", "Indstillet af uddannelsesvejleder"),
        "borderline": text("Borderline case", "Tvivlsag"),
        "stuck_plan": text("The plan is stuck (phase 2)", "Planen er kørt fast (fase 2)"),
    },
)
ReferralCategory = Annotated[table.ReferralCategory, REFERRAL_CATEGORY]

REFERRAL_STATE = Vocabulary(
    "ReferralState",
    "Where a referral is in its workflow (status, R14).",
    {
        "draft": text("Draft", "Kladde"),
        "submitted": text("Submitted", "Indsendt"),
        "scheduled": text("On an agenda", "På dagsordenen"),
        "discussed": text("Discussed", "Drøftet"),
        "concluded": text("Concluded", "Afsluttet"),
        "documentation_requested": text("Sent back for documentation", "Sendt tilbage for dokumentation"),
        "withdrawn": text("Withdrawn", "Trukket tilbage"),
        "rejected": text("Rejected", "Afvist"),
    },
)
ReferralState = Annotated[table.ReferralState, REFERRAL_STATE]

# Every step a referral takes (R14), for the messages that name one: the routed actions, and
# `schedule` (its own route, which may name a meeting) and `decide` (recording the decision).
REFERRAL_STEP = Vocabulary(
    "ReferralStep",
    "A step of a referral's workflow (handling, R14): the actions of `POST /v1/referrals/{id}/{action}`, "
    "`schedule` (put on an agenda) and `decide` (the forum's decision recorded).",
    {
        "submit": text("Submit", "Indsend"),
        "withdraw": text("Withdraw", "Træk tilbage"),
        "schedule": text("Put on an agenda", "Sæt på dagsordenen"),
        "unschedule": text("Take off the agenda", "Tag af dagsordenen"),
        "discuss": text("Mark as discussed", "Markér som drøftet"),
        "request_documentation": text("Send back for documentation", "Send tilbage for dokumentation"),
        "reject": text("Reject", "Afvis"),
        "decide": text("Record the decision", "Registrér beslutningen"),
    },
)
REFERRAL_ACTION = REFERRAL_STEP.subset(
    "ReferralAction",
    "An action on a referral (handling, R14); `schedule` has its own route.",
    ("submit", "withdraw", "unschedule", "discuss", "request_documentation", "reject"),
)
ReferralAction = Annotated[
    Literal["submit", "withdraw", "unschedule", "discuss", "request_documentation", "reject"], REFERRAL_ACTION
]

REFERRER_ROLE = Vocabulary(
    "ReferrerRole",
    "The referrer's role (indstillers rolle).",
    {
        "caseworker": text("Caseworker", "Sagsbehandler"),
        "guidance_counsellor": text("Guidance counsellor", "Uddannelsesvejleder"),
        "other": text("Other", "Anden"),
    },
)
ReferrerRole = Annotated[Literal["caseworker", "guidance_counsellor", "other"], REFERRER_ROLE]

VOCABULARIES = by_name(
    FORUM, REFERRAL_CATEGORY, REFERRAL_STATE, REFERRAL_STEP, REFERRAL_ACTION, REFERRER_ROLE
)
