"""The texts of referrals, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.referrals.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "referral.not_found": texts(
        "Referral not found",
        "No referral with that id is visible to you.",
        "Indstillingen blev ikke fundet",
        "Ingen indstilling med det id er synlig for dig.",
    ),
    "referral.invalid_transition": texts(
        "Not possible now",
        "The step `{action}` is not possible for a referral that is `{state}`.",
        "Ikke muligt nu",
        "Handlingen »{action:ReferralStep}« kan ikke udføres på en indstilling med status "
        "»{state:ReferralState}«.",
    ),
    "referral.open_exists": texts(
        "Referral already open",
        "The youth already has an open referral to this forum; change or withdraw that one.",
        "Der er allerede en åben indstilling",
        "Den unge har allerede en åben indstilling til dette forum; ret eller træk den tilbage.",
    ),
    "referral.not_editable": texts(
        "Referral cannot be changed",
        "Only a draft or a referral sent back for documentation can be changed; this one is `{state}`.",
        "Indstillingen kan ikke rettes",
        "Kun en kladde eller en indstilling, der er sendt tilbage for dokumentation, kan rettes. Denne har "
        "status »{state:ReferralState}«.",
    ),
    "referral.reason_required": texts(
        "Reason required",
        "Give a reason to `{action}` a referral.",
        "Begrundelse påkrævet",
        "Angiv en begrundelse for handlingen »{action:ReferralStep}«.",
    ),
    "referral.outside_forum_age": texts(
        "Outside the conference's ages",
        "The phase-2 conference takes youth aged {age_min} to {age_max} (R18).",
        "Uden for ungekonferencens alder",
        "Ungekonferencen (fase 2) er for unge fra {age_min} til {age_max} år.",
    ),
    "referral.plan_not_stuck": texts(
        "The plan is not stuck",
        "The phase-2 conference is for a youth whose current plan is marked stuck (R18).",
        "Planen er ikke kørt fast",
        "Ungekonferencen (fase 2) er for unge, hvis aktuelle plan er markeret som kørt fast.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
