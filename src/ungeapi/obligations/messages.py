"""The worklist's texts, in English and Danish: refusals to resolve an obligation, and each
obligation kind's title."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, Texts, text, texts
from ungeapi.obligations.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    # §8.2: resolving an obligation with a reason.
    "obligation.not_found": texts(
        "Obligation not found",
        "No open obligation with that key is on the worklist of a youth you may see today.",
        "Opgaven blev ikke fundet",
        "Der er i dag ingen åben opgave med den nøgle hos en ung, du har adgang til.",
    ),
    "obligation.already_resolved": texts(
        "Obligation already resolved",
        "This obligation has already been resolved with a reason.",
        "Opgaven er allerede afsluttet",
        "Denne opgave er allerede afsluttet med en begrundelse.",
    ),
    "obligation.not_responsible": texts(
        "Not responsible for the obligation",
        "Only a department or person responsible for the obligation, or an administrator, may resolve it.",
        "Ikke ansvarlig for opgaven",
        "Kun en afdeling eller person, der er ansvarlig for opgaven, eller en administrator, "
        "kan afslutte den.",
    ),
}

# The worklist's titles, keyed by the obligation's kind. Each kind comes from some domain's rule
# (`<domain>/obligations.py`), but the worklist is what shows its title, so the titles live here.
OBLIGATION_TITLES: Texts = {
    "team.first_meeting_due": text(
        "Hold the coordinating team's first meeting before the deadline",
        "Afhold det koordinerende teams første møde inden fristen",
    ),
    "transition_form.update_due": text(
        "Update the transition form: by the end of January and of July, and after a referral",
        "Opdatér overgangsskemaet: inden udgangen af januar og af juli og efter en indstilling",
    ),
    "transition_form.due": text(
        "Make a transition form: support after 18 above the municipality's threshold is expected (R10)",
        "Udfyld et overgangsskema: der forventes støtte efter 18 over kommunens grænse",
    ),
    "youth_plan.due": text(
        "Make the youth plan of the placed youth: within 3 months of the 16th birthday (R19)",
        "Udarbejd ungeplan for den anbragte unge: senest 3 måneder efter 16-årsdagen",
    ),
    "aftercare.decision_due": text(
        "Decide on support after 18 (ungestøtte): 6 months before the 18th birthday (R20)",
        "Træf afgørelse om ungestøtte: senest 6 måneder før 18-årsdagen",
    ),
    "me.response_due": text(
        "Answer the youth: they wrote their view, a reply or asked to talk",
        "Svar den unge: den unge har skrevet sin vurdering, svaret eller bedt om en samtale",
    ),
    "guide.offer_due": text(
        "Offer a guide: the youth has cases in two or more authority units",
        "Tilbyd en ungeguide: den unge har sager i to eller flere myndigheder",
    ),
    "concern.assessment_due": text(
        "Assess the concern within 24 hours: is the youth in danger?",
        "Vurdér underretningen inden 24 timer: er den unge i fare?",
    ),
    "concern.acknowledgement_due": text(
        "Send the professional sender a receipt for the concern (6 weekdays)",
        "Send fagpersonen en kvittering for underretningen (6 hverdage)",
    ),
    "plan.dropout_contact_due": text(
        "Contact the youth: they left their plan (within 5 weekdays, R5)",
        "Kontakt den unge: den unge er faldet fra sin plan (inden 5 hverdage)",
    ),
    "plan.new_activity_due": text(
        "Find a new activity: the youth left their plan (within 30 days, R5)",
        "Find en ny aktivitet: den unge er faldet fra sin plan (inden 30 dage)",
    ),
    "plan.follow_up_overdue": text(
        "Follow up on the plan: the follow-up date has passed",
        "Følg op på planen: opfølgningsdatoen er overskredet",
    ),
    "absence.follow_up_due": text(
        "Follow up on school absence: unlawful absence over the municipality's threshold (R22/R23)",
        "Følg op på skolefravær: ulovligt fravær over kommunens grænse",
    ),
    "referral.missing": text(
        "Refer the youth to the coordination meeting (15+ with a placement or similar case, R13)",
        "Indstil den unge til ungekoordineringsmødet: den unge er fyldt 15 og har en anbringelse eller "
        "lignende",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, obligation_titles=OBLIGATION_TITLES, vocabularies=VOCABULARIES)
