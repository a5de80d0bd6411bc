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
    "journal.decision_unjournalized": text(
        "Journalize the decision: its minutes have not been filed in the journal system",
        "Journalisér beslutningen: referatet er ikke journaliseret",
    ),
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
    "plan.duty_unstated": text(
        "State in the plan how the duty to be in education or work is met, or record an exemption (R4)",
        "Skriv i planen, hvordan pligten til uddannelse eller beskæftigelse opfyldes, eller registrér "
        "en fritagelse",
    ),
    "plan.ungeydelse_warning_due": text(
        "Warn the youth and guardian that ungeydelse may stop, and record the date (R4)",
        "Vejled den unge og forældrene om, at ungeydelsen kan standse, og registrér datoen",
    ),
    "education_order.assessment_due": text(
        "Assess an education order for the young benefit recipient (LAB § 30, R24)",
        "Vurdér uddannelsespålæg for den unge ydelsesmodtager",
    ),
    "education_order.proposal_due": text(
        "Follow up: the youth's deadline to propose an education under the order (R24)",
        "Følg op: den unges frist for at foreslå en uddannelse efter uddannelsespålægget",
    ),
    "education_order.application_due": text(
        "Follow up: the youth's deadline to apply for the education under the order (R24)",
        "Følg op: den unges frist for at søge uddannelsen efter uddannelsespålægget",
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
    "target_group_assessment.due": text(
        "Make the target-group assessment: the youth has no activity or was referred to FGU (R6)",
        "Foretag målgruppevurdering: den unge er uden aktivitet eller henvist til FGU",
    ),
    "disability_transition.start_due": text(
        "Start the transition assessment of the youth with a substantial and permanent disability (R21)",
        "Påbegynd vurderingen af overgangen til voksenlivet for den unge med betydelig og varig "
        "funktionsnedsættelse",
    ),
    "disability_transition.completion_due": text(
        "Complete the transition assessment in time for a decision that takes effect at 18 (R21)",
        "Afslut vurderingen af overgangen til voksenlivet i tide til en afgørelse med virkning fra 18 år",
    ),
    "absence.hearing_due": text(
        "Hear the parents, and the child from 12, after the absence notification (R22)",
        "Hør forældrene og barnet, hvis det er fyldt 12 år, efter underretningen om fravær",
    ),
    "absence.return_follow_up_due": text(
        "Follow up on the way back to school: the follow-up date has come (R22/R23)",
        "Følg op på den unges vej tilbage til skolen: opfølgningsdatoen er nået",
    ),
    "absence.guide_prompt_due": text(
        "Contact the youth: high absence or a sign of poor wellbeing (contact person)",
        "Kontakt den unge: højt fravær eller tegn på mistrivsel (kontaktperson)",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, obligation_titles=OBLIGATION_TITLES, vocabularies=VOCABULARIES)
