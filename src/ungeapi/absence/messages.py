"""The texts of school absence, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.absence.vocabulary import VOCABULARIES
from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "absence.not_found": texts(
        "Absence record not found",
        "No absence record with that id is visible to you.",
        "Fraværsregistreringen blev ikke fundet",
        "Ingen fraværsregistrering med det id er synlig for dig.",
    ),
    "absence.period_invalid": texts(
        "Invalid period",
        "Give either a quarter or both `period_from` and `period_to`, in order.",
        "Ugyldig periode",
        "Angiv enten et kvartal eller en periode med både start- og slutdato, hvor startdatoen ikke ligger "
        "efter slutdatoen.",
    ),
    "absence.shares_exceed_total": texts(
        "Shares exceed 100%",
        "Lawful, unlawful and sick absence together exceed 100% of the period.",
        "Andelene overstiger 100%",
        "Lovligt, ulovligt og sygefravær overstiger tilsammen 100% af perioden.",
    ),
    "absence.exists": texts(
        "Absence already recorded",
        "The youth already has a record for this school and period.",
        "Fraværet er allerede registreret",
        "Den unge har allerede en registrering for denne skole og periode.",
    ),
    "absence.external_ref_other_youth": texts(
        "External reference belongs to another youth",
        "The source system's record {external} belongs to another youth; a record never moves to "
        "another youth.",
        "Den eksterne reference tilhører en anden ung",
        "Registreringen {external} fra kildesystemet tilhører en anden ung, og en registrering kan ikke "
        "flyttes til en anden ung.",
    ),
    "absence.follow_up_not_open": texts(
        "Follow-up not open",
        "The hearing, the child-benefit decision, the absence team and the way back to school are "
        "recorded once the unlawful absence is at the notification share and the municipality's "
        "notification is recorded.",
        "Opfølgningen er ikke åben",
        "Høring, afgørelse om børne- og ungeydelse, fraværsteam og vejen tilbage til skolen registreres, "
        "når det ulovlige fravær har nået grænsen for underretning, og underretningen er registreret.",
    ),
    "absence.child_benefit_incomplete": texts(
        "Child-benefit decision incomplete",
        "Record the child-benefit decision with its outcome, its day and the unit that decided, "
        "or none of them.",
        "Afgørelsen om børne- og ungeydelse er ufuldstændig",
        "Registrér afgørelsen med resultat, dato og den enhed, der traf den, eller ingen af delene.",
    ),
    "absence.team_unknown": texts(
        "Not an absence team",
        "The municipality has no absence team with the code {department}.",
        "Ikke et fraværsteam",
        "Kommunen har intet fraværsteam med koden {department}.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
