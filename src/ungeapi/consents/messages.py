"""The texts of consents, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.consents.vocabulary import VOCABULARIES
from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "consent.not_found": texts(
        "Consent not found",
        "No consent with that id is visible to you.",
        "Samtykket blev ikke fundet",
        "Intet samtykke med det id er synligt for dig.",
    ),
    "consent.invalid": texts(
        "Consent not valid",
        "The consent breaks one of the consent rules.",
        "Samtykket er ikke gyldigt",
        "Samtykket overholder ikke reglerne for samtykke.",
    ),
    "consent.revoked": texts(
        "Consent revoked",
        "The consent has been revoked and can no longer be changed.",
        "Samtykket er tilbagekaldt",
        "Samtykket er tilbagekaldt og kan ikke længere ændres.",
    ),
    "consent.not_giver_side": texts(
        "Not the giver's side",
        "Only the department that registered the consent or owns the youth's record, the data "
        "protection officer or an administrator records a revocation or another giver; a "
        "receiving department cannot.",
        "Kun giverens side",
        "Kun den afdeling, der har registreret samtykket eller ejer den unges sag, "
        "databeskyttelsesrådgiveren eller en administrator kan registrere en tilbagekaldelse "
        "eller en ny samtykkegiver. Det kan en afdeling, der kun modtager oplysningerne, ikke.",
    ),
    "consent.unknown_department": texts(
        "Unknown department",
        "The municipality has no department {department}.",
        "Ukendt afdeling",
        "Kommunen har ingen afdeling med koden {department}.",
    ),
    "consent.given_in_future": texts(
        "Consent in the future",
        "A consent cannot be given on a day that has not come yet.",
        "Samtykke i fremtiden",
        "Et samtykke kan ikke være givet på en dag, der ikke er kommet endnu.",
    ),
    "consent.youth_too_young": texts(
        "Too young to consent",
        "The youth was {age} when consenting; under 15 each custody holder consents instead.",
        "For ung til at give samtykke",
        "Den unge var {age} år, da samtykket blev givet. Under 15 år giver hver "
        "forældremyndighedsindehaver samtykke i stedet.",
    ),
    "consent.youth_consents_self": texts(
        "The youth consents",
        "The youth was {age}; from 15 the youth gives consent themselves.",
        "Den unge giver selv samtykke",
        "Den unge var {age} år, da samtykket blev givet. Fra 15 år giver den unge selv samtykke.",
    ),
    "consent.not_custody_holder": texts(
        "Not a custody holder",
        "The giver is not a custody holder in the youth's record.",
        "Ikke forældremyndighedsindehaver",
        "Giveren er ikke registreret med forældremyndighed over den unge.",
    ),
    "consent.giver_duplicate": texts(
        "Already consented",
        "This person's consent is already recorded.",
        "Samtykke allerede givet",
        "Denne persons samtykke er allerede registreret.",
    ),
    "consent.period_invalid": texts(
        "Invalid period",
        "A consent cannot end before it starts.",
        "Ugyldig periode",
        "Et samtykke kan ikke udløbe, før det træder i kraft.",
    ),
    "consent.retroactive": texts(
        "Consent is not retroactive",
        "The consent can be in force from {given_on}, the day it was given, at the earliest.",
        "Samtykke virker ikke bagudrettet",
        "Samtykket kan tidligst gælde fra {given_on}, den dag det blev givet.",
    ),
    "consent.ssp_not_shareable": texts(
        "SSP information stays in SSP",
        "Information from the SSP cooperation (Administration of Justice Act § 115) is never shared "
        "outside it, not even with consent: {departments} are not SSP departments.",
        "SSP-oplysninger bliver i SSP",
        "Oplysninger fra SSP-samarbejdet (retsplejelovens § 115) deles aldrig uden for det, heller ikke "
        "med samtykke: {departments} er ikke SSP-afdelinger.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
