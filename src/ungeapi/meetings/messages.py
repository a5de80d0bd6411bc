"""The texts of coordination meetings and their decisions, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts

PROBLEMS: ProblemTexts = {
    "meeting.not_found": {
        "en": ("Meeting not found", "There is no meeting with that id in your municipality."),
        "da": ("Mødet blev ikke fundet", "Der er intet møde med det id i din kommune."),
    },
    "meeting.agenda_full": {
        "en": (
            "The agenda is full",
            "The meeting has {free} minutes free; the case needs {needed} (R15).",
        ),
        "da": (
            "Dagsordenen er fuld",
            "Mødet har {free} ledige minutter; sagen skal bruge {needed}.",
        ),
    },
    "meeting.capacity_below_agenda": {
        "en": (
            "Capacity below the agenda",
            "The agenda already takes {used} minutes; the capacity cannot be less (R15).",
        ),
        "da": (
            "Kapaciteten er mindre end dagsordenen",
            "Dagsordenen bruger allerede {used} minutter; kapaciteten kan ikke være mindre.",
        ),
    },
    "meeting.none_available": {
        "en": (
            "No meeting with room",
            "No future meeting of the {forum} forum has room for the case; create more meetings.",
        ),
        "da": (
            "Intet møde med plads",
            "Intet kommende møde i forummet {forum} har plads til sagen; opret flere møder.",
        ),
    },
    "meeting.already_on_agenda": {
        "en": ("Already on the agenda", "The referral is already on this meeting's agenda."),
        "da": ("Allerede på dagsordenen", "Indstillingen er allerede på dette mødes dagsorden."),
    },
    "meeting.wrong_forum": {
        "en": ("Wrong forum", "The meeting belongs to the {forum} forum, not the referral's."),
        "da": ("Forkert forum", "Mødet hører til forummet {forum}, ikke indstillingens."),
    },
    "meeting.already_held": {
        "en": ("Meeting has begun", "Cases can only be placed on a meeting that has not yet begun."),
        "da": ("Mødet er begyndt", "Sager kan kun sættes på et møde, der endnu ikke er begyndt."),
    },
    "meeting.not_on_agenda": {
        "en": ("Not on the agenda", "The referral is not on this meeting's agenda."),
        "da": ("Ikke på dagsordenen", "Indstillingen er ikke på dette mødes dagsorden."),
    },
    "decision.exists": {
        "en": ("Already decided", "A decision on this agenda item is already recorded."),
        "da": ("Allerede besluttet", "Der er allerede registreret en beslutning om dette dagsordenpunkt."),
    },
    "decision.team_required": {
        "en": (
            "Team required",
            "Unless more documentation is needed, the coordination meeting composes the team (R16).",
        ),
        "da": (
            "Team påkrævet",
            "Medmindre der skal indhentes dokumentation, sammensætter ungekoordineringsmødet teamet.",
        ),
    },
    "decision.team_not_allowed": {
        "en": (
            "No team yet",
            "When more documentation is needed, the case comes back and no team is composed yet.",
        ),
        "da": (
            "Intet team endnu",
            "Når der skal indhentes dokumentation, kommer sagen igen, og der sammensættes endnu intet team.",
        ),
    },
    "decision.income_basis_abolished": {
        "en": (
            "Income basis abolished",
            "Uddannelseshjælp was abolished on 1 July 2025 and cannot be the basis after 18 (R25).",
        ),
        "da": (
            "Forsørgelsesgrundlaget er afskaffet",
            "Uddannelseshjælp blev afskaffet 1. juli 2025 og kan ikke være grundlaget efter 18.",
        ),
    },
    # R16 on every door, and a coordination meeting's decisions (§8.1).
    "meeting.not_held": {
        "en": (
            "The meeting has not been held",
            "Decisions are recorded for a meeting held on or before today; this one is on {meeting_on}.",
        ),
        "da": (
            "Mødet er ikke holdt endnu",
            "Beslutninger registreres for et møde, der er holdt i dag eller før; mødet er {meeting_on}.",
        ),
    },
    "meeting.has_decisions": {
        "en": (
            "The meeting has decisions",
            "Decisions are recorded for this meeting, so it can neither move nor be cancelled.",
        ),
        "da": (
            "Mødet har beslutninger",
            "Der er registreret beslutninger fra dette møde, så det kan hverken flyttes eller aflyses.",
        ),
    },
}

CATALOGUE = Catalogue(problems=PROBLEMS)
