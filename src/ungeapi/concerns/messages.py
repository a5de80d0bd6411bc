"""The texts of concern notifications, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.concerns.vocabulary import VOCABULARIES
from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "concern.not_found": texts(
        "Concern not found",
        "No concern notification with that id is visible to you.",
        "Underretningen blev ikke fundet",
        "Ingen underretning med det id er synlig for dig.",
    ),
    "concern.sender_incomplete": texts(
        "Sender incomplete",
        "A professional sender gives name and profession, a citizen a name; else choose anonymous.",
        "Underretter ikke fuldt angivet",
        "En fagperson skal angive navn og fag, og en borger sit navn. Ellers registreres underretningen "
        "som anonym.",
    ),
    "concern.anonymous_identified": texts(
        "Anonymous with identity",
        "An anonymous concern cannot name its sender or a contact.",
        "Anonym med identitet",
        "En anonym underretning kan ikke angive underretterens navn eller kontaktoplysninger.",
    ),
    "concern.dialogue_inconsistent": texts(
        "Dialogue participants",
        "A concern made in dialogue names who took part; one not made in dialogue lists no participants.",
        "Deltagere i dialogen",
        "En underretning, der er lavet i dialog, skal angive, hvem der deltog. En underretning, der ikke er "
        "lavet i dialog, har ingen deltagere.",
    ),
    "concern.worries_required": texts(
        "What worries?",
        "A concern must say what worries (frame.worries).",
        "Hvad bekymrer?",
        "En underretning skal beskrive, hvad der giver anledning til bekymring.",
    ),
    "concern.received_in_future": texts(
        "Received in the future",
        "A concern cannot be received later than now.",
        "Modtaget i fremtiden",
        "En underretning kan ikke være modtaget senere end nu.",
    ),
    "concern.action_in_future": texts(
        "Time in the future",
        "The time given is later than now.",
        "Tidspunkt i fremtiden",
        "Det angivne tidspunkt er senere end nu.",
    ),
    "concern.action_before_received": texts(
        "Time too early",
        "The time given is before the concern was received or assessed.",
        "Tidspunkt for tidligt",
        "Det angivne tidspunkt ligger før det tidspunkt, hvor underretningen blev modtaget eller vurderet.",
    ),
    "concern.level_not_on_scale": texts(
        "Level not on the scale",
        "Level {level} is not on the municipality's concern scale ({levels}).",
        "Niveauet findes ikke",
        "Niveau {level} findes ikke på kommunens bekymringsskala ({levels}).",
    ),
    "concern.no_receiving_department": texts(
        "No children-and-family department",
        "The municipality has no department of kind `children_family` to receive concerns.",
        "Ingen børne- og familieafdeling",
        "Kommunen har ingen afdeling af typen »Børn og familie«, der kan modtage underretninger.",
    ),
    "concern.unknown_department": texts(
        "Unknown department",
        "The municipality has no department {department}.",
        "Ukendt afdeling",
        "Kommunen har ingen afdeling med koden {department}.",
    ),
    "concern.invalid_action": texts(
        "Not possible now",
        "The action `{action}` is not possible for a concern that is `{state}`, or was done already.",
        "Ikke muligt nu",
        "Handlingen »{action:ConcernStep}« kan ikke udføres på en underretning med status "
        "»{state:ConcernState}«, eller den er allerede udført.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
