"""The texts of coordination meetings and their decisions, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.meetings.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "meeting.not_found": texts(
        "Meeting not found",
        "There is no meeting with that id in your municipality.",
        "Mødet blev ikke fundet",
        "Der er intet møde med det id i din kommune.",
    ),
    "meeting.agenda_full": texts(
        "The agenda is full",
        "The meeting has {free} minutes free; the case needs {needed} (R15).",
        "Dagsordenen er fuld",
        "Mødet har {free} ledige minutter; sagen skal bruge {needed}.",
    ),
    "meeting.capacity_below_agenda": texts(
        "Capacity below the agenda",
        "The agenda already takes {used} minutes; the capacity cannot be less (R15).",
        "Kapaciteten er mindre end dagsordenen",
        "Dagsordenen bruger allerede {used} minutter; kapaciteten kan ikke være mindre.",
    ),
    "meeting.none_available": texts(
        "No meeting with room",
        "No future meeting of the `{forum}` forum has room for the case; create more meetings.",
        "Intet møde med plads",
        "Intet kommende møde i forummet »{forum:Forum}« har plads til sagen. Opret flere møder.",
    ),
    "meeting.already_on_agenda": texts(
        "Already on the agenda",
        "The referral is already on this meeting's agenda.",
        "Allerede på dagsordenen",
        "Indstillingen er allerede på dette mødes dagsorden.",
    ),
    "meeting.wrong_forum": texts(
        "Wrong forum",
        "The meeting belongs to the `{forum}` forum, not the referral's.",
        "Forkert forum",
        "Mødet hører til forummet »{forum:Forum}«, ikke til det forum, indstillingen er sendt til.",
    ),
    "meeting.already_held": texts(
        "Meeting has begun",
        "Cases can only be placed on a meeting that has not yet begun.",
        "Mødet er begyndt",
        "Sager kan kun sættes på et møde, der endnu ikke er begyndt.",
    ),
    "meeting.not_on_agenda": texts(
        "Not on the agenda",
        "The referral is not on this meeting's agenda.",
        "Ikke på dagsordenen",
        "Indstillingen er ikke på dette mødes dagsorden.",
    ),
    "decision.exists": texts(
        "Already decided",
        "A decision on this agenda item is already recorded.",
        "Allerede besluttet",
        "Der er allerede registreret en beslutning om dette dagsordenpunkt.",
    ),
    "decision.team_required": texts(
        "Team required",
        "Unless more documentation is needed, the coordination meeting composes the team (R16).",
        "Team påkrævet",
        "Ungekoordineringsmødet skal sammensætte det koordinerende team, medmindre der først skal "
        "indhentes mere dokumentation.",
    ),
    "decision.team_not_allowed": texts(
        "No team yet",
        "When more documentation is needed, the case comes back and no team is composed yet.",
        "Intet team endnu",
        "Når der skal indhentes mere dokumentation, kommer sagen på dagsordenen igen, og der sammensættes "
        "endnu intet team.",
    ),
    "decision.income_basis_abolished": texts(
        "Income basis abolished",
        "Uddannelseshjælp was abolished on 1 July 2025 and cannot be the basis after 18 (R25).",
        "Forsørgelsesgrundlaget er afskaffet",
        "Uddannelseshjælp blev afskaffet 1. juli 2025 og kan ikke være forsørgelsesgrundlaget efter 18 år.",
    ),
    # R16 on every door, and a coordination meeting's decisions (§8.1).
    "meeting.not_held": texts(
        "The meeting has not been held",
        "Decisions are recorded for a meeting held on or before today; this one is on {meeting_on}.",
        "Mødet er ikke holdt endnu",
        "Beslutninger registreres for et møde, der er holdt i dag eller tidligere. Mødet holdes "
        "{meeting_on}.",
    ),
    "meeting.has_decisions": texts(
        "The meeting has decisions",
        "Decisions are recorded for this meeting, so it can neither move nor be cancelled.",
        "Mødet har beslutninger",
        "Der er registreret beslutninger fra dette møde, så det kan hverken flyttes eller aflyses.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
