"""The referrals' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py).

The referral's category and state are the table's too (models/referral.py checks their values),
so their types are the model's, labelled here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load
from ungeapi.models import referral as table

VOCABULARIES = load(__name__)

Forum = Annotated[Literal["coordination", "conference"], VOCABULARIES["Forum"]]
ReferralCategory = Annotated[table.ReferralCategory, VOCABULARIES["ReferralCategory"]]
ReferralState = Annotated[table.ReferralState, VOCABULARIES["ReferralState"]]
ReferralStep = Annotated[
    Literal[
        "submit", "withdraw", "schedule", "unschedule", "discuss", "request_documentation", "reject", "decide"
    ],
    VOCABULARIES["ReferralStep"],
]
ReferralAction = Annotated[
    Literal["submit", "withdraw", "unschedule", "discuss", "request_documentation", "reject"],
    VOCABULARIES["ReferralAction"],
]
ReferrerRole = Annotated[Literal["caseworker", "guidance_counsellor", "other"], VOCABULARIES["ReferrerRole"]]

# For the calendar feed (meetings/ics.py) and the rules' tests, which label or list them.
FORUM = VOCABULARIES["Forum"]
REFERRAL_ACTION = VOCABULARIES["ReferralAction"]
