"""The one message catalogue: every problem title and detail, in English and Danish.

Services raise errors by code; the web layer picks the language from Accept-Language.
Details are format strings filled from the error's parameters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

Language = Literal["en", "da"]

# code -> language -> (title, detail)
PROBLEMS: dict[str, dict[Language, tuple[str, str]]] = {
    "auth.missing_token": {
        "en": ("Authentication required", "Send a bearer token in the Authorization header."),
        "da": ("Login påkrævet", "Send et bearer-token i Authorization-headeren."),
    },
    "auth.invalid_token": {
        "en": ("Invalid token", "The bearer token could not be verified."),
        "da": ("Ugyldigt token", "Bearer-tokenet kunne ikke verificeres."),
    },
    "auth.forbidden": {
        "en": ("Not allowed", "Your roles do not allow this action."),
        "da": ("Ikke tilladt", "Dine roller giver ikke adgang til denne handling."),
    },
    "request.validation": {
        "en": ("Invalid request", "One or more fields are invalid."),
        "da": ("Ugyldig forespørgsel", "Et eller flere felter er ugyldige."),
    },
    "request.malformed_json": {
        "en": ("Malformed JSON", "The request body is not valid JSON."),
        "da": ("Ugyldig JSON", "Forespørgslens indhold er ikke gyldig JSON."),
    },
    "request.too_large": {
        "en": ("Request too large", "The request body exceeds {limit} bytes."),
        "da": ("Forespørgslen er for stor", "Forespørgslens indhold overstiger {limit} bytes."),
    },
    "request.incomplete": {
        "en": ("Incomplete request", "The request's body ended before it was complete."),
        "da": ("Ufuldstændig forespørgsel", "Forespørgslens indhold sluttede, før det var sendt helt."),
    },
    "import.malformed_multipart": {
        "en": ("Malformed upload", "The multipart upload cannot be read, or it holds more than one file."),
        "da": (
            "Ugyldig filoverførsel",
            "Multipart-overførslen kan ikke læses, eller den indeholder mere end én fil.",
        ),
    },
    "request.cpr_in_url": {
        "en": (
            "CPR number in the URL",
            "CPR numbers must never be sent in a URL. Use POST /v1/youth/lookup.",
        ),
        "da": ("CPR-nummer i URL'en", "CPR-numre må aldrig sendes i en URL. Brug POST /v1/youth/lookup."),
    },
    "request.not_found": {
        "en": ("Not found", "There is no such resource."),
        "da": ("Ikke fundet", "Ressourcen findes ikke."),
    },
    "request.method_not_allowed": {
        "en": ("Method not allowed", "This resource does not support that method."),
        "da": ("Metoden er ikke tilladt", "Ressourcen understøtter ikke den metode."),
    },
    "request.invalid_value": {
        "en": ("Invalid value", "A value cannot be stored, e.g. it holds a NUL character."),
        "da": ("Ugyldig værdi", "En værdi kan ikke gemmes, fx fordi den indeholder et NUL-tegn."),
    },
    "request.invalid_cursor": {
        "en": ("Invalid cursor", "The pagination cursor is not valid."),
        "da": ("Ugyldig markør", "Sidemarkøren er ikke gyldig."),
    },
    "precondition.required": {
        "en": ("If-Match required", "Send the resource's ETag in an If-Match header."),
        "da": ("If-Match påkrævet", "Send ressourcens ETag i en If-Match-header."),
    },
    "precondition.failed": {
        "en": ("Stale version", "The resource has changed since you read it (now version {current})."),
        "da": ("Forældet version", "Ressourcen er ændret, siden du læste den (nu version {current})."),
    },
    "idempotency.key_reused": {
        "en": ("Idempotency key reused", "This Idempotency-Key was used with another request body."),
        "da": ("Idempotensnøgle genbrugt", "Denne Idempotency-Key er brugt med et andet indhold."),
    },
    "idempotency.in_progress": {
        "en": ("Request in progress", "A request with this Idempotency-Key is still being handled."),
        "da": ("Forespørgsel i gang", "En forespørgsel med denne Idempotency-Key behandles stadig."),
    },
    "service.unavailable": {
        "en": ("Service unavailable", "The database is not reachable. Try again shortly."),
        "da": ("Tjenesten er utilgængelig", "Databasen kan ikke nås. Prøv igen om lidt."),
    },
    "service.conflict": {
        "en": ("Conflict", "The change conflicts with existing data."),
        "da": ("Konflikt", "Ændringen er i konflikt med eksisterende data."),
    },
    "internal": {
        "en": ("Internal error", "Something went wrong. The request id identifies it in our logs."),
        "da": ("Intern fejl", "Noget gik galt. Request-id'et identificerer fejlen i vores log."),
    },
    # --- integration: imports, change feed, webhooks, school absence ---
    "request.unsupported_media_type": {
        "en": (
            "Unsupported body type",
            "Send text/csv, application/json, application/x-ndjson or a multipart file upload.",
        ),
        "da": (
            "Indholdstypen understøttes ikke",
            "Send text/csv, application/json, application/x-ndjson eller en multipart-filoverførsel.",
        ),
    },
    "import.not_found": {
        "en": ("Import not found", "No import with that id exists in your municipality."),
        "da": ("Importen blev ikke fundet", "Der er ingen import med det id i din kommune."),
    },
    "import.no_file": {
        "en": ("No file", "The multipart upload has no part named `file`."),
        "da": ("Ingen fil", "Multipart-overførslen har ingen del med navnet `file`."),
    },
    "import.rows_invalid": {
        "en": ("Bad rows", "Some records are invalid, so nothing was written; see the report."),
        "da": ("Ugyldige rækker", "Nogle poster er ugyldige, så intet er skrevet; se rapporten."),
    },
    "import.unknown_column": {
        "en": ("Unknown column", "The column {column} is not known for this kind of import."),
        "da": ("Ukendt kolonne", "Kolonnen {column} kendes ikke for denne type import."),
    },
    "import.header_missing": {
        "en": (
            "Header row missing",
            "A CSV file must start with a header row of column names; its first row holds data.",
        ),
        "da": (
            "Overskriftsrækken mangler",
            "En CSV-fil skal begynde med en række med kolonnenavne; filens første række indeholder data.",
        ),
    },
    "import.invalid_record": {
        "en": ("Unreadable record", "The record could not be read: {reason}."),
        "da": ("Ulæselig post", "Posten kunne ikke læses: {reason}."),
    },
    "import.duplicate_row": {
        "en": ("Duplicate row", "The same record appears earlier in the file (line {first_line})."),
        "da": ("Dobbelt række", "Den samme post står tidligere i filen (linje {first_line})."),
    },
    "import.youth_not_found": {
        "en": ("Youth not found", "No youth of the municipality has this CPR number or id."),
        "da": ("Den unge blev ikke fundet", "Ingen ung i kommunen har dette CPR-nummer eller id."),
    },
    "import.youth_reference_required": {
        "en": ("Youth reference required", "Give the youth's id or CPR number."),
        "da": ("Den unge skal angives", "Angiv den unges id eller CPR-nummer."),
    },
    "import.external_ref_required": {
        "en": ("External reference required", "An imported case needs its journal system and id."),
        "da": ("Ekstern reference påkrævet", "En importeret sag skal have sit journalsystem og id."),
    },
    "webhook.not_found": {
        "en": ("Webhook not found", "No webhook subscription with that id exists in your municipality."),
        "da": ("Webhooket blev ikke fundet", "Der er intet webhook-abonnement med det id i din kommune."),
    },
    "webhook.delivery_not_found": {
        "en": ("Delivery not found", "The subscription has no delivery with that id."),
        "da": ("Leveringen blev ikke fundet", "Abonnementet har ingen levering med det id."),
    },
    "webhook.delivery_pending": {
        "en": (
            "Delivery still pending",
            "The delivery is still being tried; only a finished one is replayed.",
        ),
        "da": (
            "Leveringen er i gang",
            "Leveringen forsøges stadig; kun en afsluttet levering kan gensendes.",
        ),
    },
    "absence.not_found": {
        "en": ("Absence record not found", "No absence record with that id is visible to you."),
        "da": (
            "Fraværsregistreringen blev ikke fundet",
            "Ingen fraværsregistrering med det id er synlig for dig.",
        ),
    },
    "absence.period_invalid": {
        "en": ("Invalid period", "Give either a quarter or both `period_from` and `period_to`, in order."),
        "da": (
            "Ugyldig periode",
            "Angiv enten et kvartal eller både `period_from` og `period_to` i rækkefølge.",
        ),
    },
    "absence.shares_exceed_total": {
        "en": ("Shares exceed 100%", "Lawful, unlawful and sick absence together exceed 100% of the period."),
        "da": (
            "Andelene overstiger 100%",
            "Lovligt, ulovligt og sygefravær overstiger tilsammen 100% af perioden.",
        ),
    },
    "absence.exists": {
        "en": ("Absence already recorded", "The youth already has a record for this school and period."),
        "da": (
            "Fraværet er allerede registreret",
            "Den unge har allerede en registrering for denne skole og periode.",
        ),
    },
    # --- consents, access log, audit, statistics (privacy) ---
    "disclosure.record_not_found": {
        "en": ("Record not found", "No record with that id is visible to you."),
        "da": ("Oplysningen blev ikke fundet", "Der er ingen post med det id, som du kan se."),
    },
    "disclosure.not_owner": {
        "en": (
            "Not the owning department",
            "Only the department that owns the record, or its own caseworker, "
            "can disclose its protected part.",
        ),
        "da": (
            "Ikke den ejende afdeling",
            "Kun den afdeling, der ejer oplysningen, eller sagsbehandleren selv "
            "kan videregive den beskyttede del.",
        ),
    },
    "disclosure.class_not_owner": {
        "en": (
            "Not the owning department",
            "Only the department that owns the record, or its own author, can change its information class.",
        ),
        "da": (
            "Ikke den ejende afdeling",
            "Kun den afdeling, der ejer oplysningen, eller den, der skrev den, "
            "kan ændre dens oplysningsklasse.",
        ),
    },
    "disclosure.nothing_protected": {
        "en": (
            "Nothing protected",
            "The record holds only essential information; there is nothing to disclose.",
        ),
        "da": ("Intet beskyttet", "Posten rummer kun nødvendige oplysninger, så der er intet at videregive."),
    },
    "disclosure.recipient_owns": {
        "en": (
            "Department owns the record",
            "Department {department} owns the record and reads it already.",
        ),
        "da": (
            "Afdelingen ejer oplysningen",
            "Afdelingen {department} ejer oplysningen og kan allerede læse den.",
        ),
    },
    "disclosure.unknown_department": {
        "en": ("Unknown department", "The municipality has no department {department}."),
        "da": ("Ukendt afdeling", "Kommunen har ingen afdeling {department}."),
    },
    "consent.not_found": {
        "en": ("Consent not found", "No consent with that id is visible to you."),
        "da": ("Samtykket blev ikke fundet", "Intet samtykke med det id er synligt for dig."),
    },
    "consent.invalid": {
        "en": ("Consent not valid", "The consent breaks one of the consent rules."),
        "da": ("Samtykket er ikke gyldigt", "Samtykket overholder ikke reglerne for samtykke."),
    },
    "consent.revoked": {
        "en": ("Consent revoked", "The consent has been revoked and can no longer be changed."),
        "da": ("Samtykket er tilbagekaldt", "Samtykket er tilbagekaldt og kan ikke længere ændres."),
    },
    "consent.not_giver_side": {
        "en": (
            "Not the giver's side",
            "Only the department that registered the consent or owns the youth's record, the data "
            "protection officer or an administrator records a revocation or another giver; a "
            "receiving department cannot.",
        ),
        "da": (
            "Kun giverens side",
            "Kun den afdeling, der har registreret samtykket eller ejer den unges sag, "
            "databeskyttelsesrådgiveren eller en administrator kan registrere en tilbagekaldelse "
            "eller en ny samtykkegiver. En modtagende afdeling kan ikke.",
        ),
    },
    "consent.unknown_department": {
        "en": ("Unknown department", "The municipality has no department {department}."),
        "da": ("Ukendt afdeling", "Kommunen har ingen afdeling {department}."),
    },
    "consent.given_in_future": {
        "en": ("Consent in the future", "A consent cannot be given on a day that has not come yet."),
        "da": (
            "Samtykke i fremtiden",
            "Et samtykke kan ikke være givet på en dag, der ikke er kommet endnu.",
        ),
    },
    "consent.youth_too_young": {
        "en": (
            "Too young to consent",
            "The youth was {age} when consenting; under 15 each custody holder consents instead.",
        ),
        "da": (
            "For ung til at give samtykke",
            "Den unge var {age} år; under 15 år skal hver forældremyndighedsindehaver give samtykke.",
        ),
    },
    "consent.youth_consents_self": {
        "en": ("The youth consents", "The youth was {age}; from 15 the youth gives consent themselves."),
        "da": (
            "Den unge giver selv samtykke",
            "Den unge var {age} år; fra 15 år giver den unge selv samtykke.",
        ),
    },
    "consent.not_custody_holder": {
        "en": (
            "Not a custody holder",
            "The giver is not a custody holder in the youth's record.",
        ),
        "da": (
            "Ikke forældremyndighedsindehaver",
            "Giveren er ikke registreret med forældremyndighed over den unge.",
        ),
    },
    "consent.giver_duplicate": {
        "en": ("Already consented", "This person's consent is already recorded."),
        "da": ("Samtykke allerede givet", "Denne persons samtykke er allerede registreret."),
    },
    "consent.period_invalid": {
        "en": ("Invalid period", "A consent cannot end before it starts."),
        "da": ("Ugyldig periode", "Et samtykke kan ikke udløbe, før det træder i kraft."),
    },
    "consent.retroactive": {
        "en": (
            "Consent is not retroactive",
            "The consent can be in force from {given_on}, the day it was given, at the earliest.",
        ),
        "da": (
            "Samtykke virker ikke bagudrettet",
            "Samtykket kan tidligst gælde fra {given_on}, den dag det blev givet.",
        ),
    },
    "consent.ssp_not_shareable": {
        "en": (
            "SSP information stays in SSP",
            "Information from the SSP cooperation (Administration of Justice Act § 115) is never shared "
            "outside it, not even with consent: {departments} are not SSP departments.",
        ),
        "da": (
            "SSP-oplysninger bliver i SSP",
            "Oplysninger fra SSP-samarbejdet (retsplejelovens § 115) deles aldrig uden for det, heller ikke "
            "med samtykke: {departments} er ikke SSP-afdelinger.",
        ),
    },
    "audit.period_invalid": {
        "en": ("Invalid period", "`from` must not be after `to`."),
        "da": ("Ugyldig periode", "`from` må ikke være efter `to`."),
    },
    # --- event dates (§8.1): core/event_dates.py, one code family for every domain ---
    "date.in_future": {
        "en": (
            "Date in the future",
            "{day} has not come yet: a date that records what happened can be today ({today}) at the latest.",
        ),
        "da": (
            "Dato i fremtiden",
            "{day} er ikke kommet endnu: en dato for noget, der er sket, kan senest være i dag ({today}).",
        ),
    },
    "date.before_event": {
        "en": (
            "Date before the event it answers",
            "{day} is before {earliest}, the day of what it follows (e.g. a reply before its offer).",
        ),
        "da": (
            "Dato før det, den følger af",
            "{day} ligger før {earliest}, dagen for det, den følger af (fx et svar før tilbuddet).",
        ),
    },
    "youth.not_found": {
        "en": ("Youth not found", "No youth with that id is visible to you."),
        "da": ("Den unge blev ikke fundet", "Ingen ung med det id er synlig for dig."),
    },
    "youth.cpr_exists": {
        "en": (
            "CPR number already registered",
            "A youth with this CPR number already exists in the municipality.",
        ),
        "da": (
            "CPR-nummeret er allerede registreret",
            "Der findes allerede en ung med dette CPR-nummer i kommunen.",
        ),
    },
    # --- R1/R1a: the age window on every record about a youth; an external reference stays
    # with its youth ---
    "youth.outside_age_window": {
        "en": (
            "Outside the age window",
            "The youth is {age} years old; the coordinated youth effort covers ages {age_min} to {age_max}.",
        ),
        "da": (
            "Uden for aldersgruppen",
            "Den unge er {age} år; den kommunale ungeindsats dækker unge fra {age_min} til {age_max} år.",
        ),
    },
    "youth.external_ref_taken": {
        "en": (
            "External reference taken",
            "Another youth of the municipality already has this external reference; a reference "
            "never moves to another youth.",
        ),
        "da": (
            "Den eksterne reference er optaget",
            "En anden ung i kommunen har allerede denne eksterne reference, og en reference kan ikke "
            "flyttes til en anden ung.",
        ),
    },
    "case.external_ref_other_youth": {
        "en": (
            "External reference belongs to another youth",
            "The journal system's case {external} belongs to another youth; a case never moves to "
            "another youth. Close it and open a new case for the right youth.",
        ),
        "da": (
            "Den eksterne reference tilhører en anden ung",
            "Sagen {external} fra fagsystemet tilhører en anden ung, og en sag kan ikke flyttes til "
            "en anden ung. Luk sagen, og opret en ny sag for den rigtige unge.",
        ),
    },
    "youth.archived": {
        "en": ("Youth archived", "The youth is archived and cannot be changed."),
        "da": ("Den unge er arkiveret", "Den unge er arkiveret og kan ikke ændres."),
    },
    "youth.registering_department_not_yours": {
        "en": (
            "Not the registering department",
            "Only the registering department hands a youth over, and only to one of your own "
            "departments, not {department}.",
        ),
        "da": (
            "Ikke den registrerende afdeling",
            "Kun den afdeling, der har registreret den unge, kan overdrage den unge, og kun til en af "
            "dine egne afdelinger, ikke {department}.",
        ),
    },
    # --- departments, cases, guides (R8) ---
    "department.not_found": {
        "en": ("Department not found", "There is no such department in the municipality."),
        "da": ("Afdelingen findes ikke", "Der er ingen sådan afdeling i kommunen."),
    },
    "department.exists": {
        "en": ("Department exists", "A department with this code already exists."),
        "da": ("Afdelingen findes allerede", "Der findes allerede en afdeling med denne kode."),
    },
    "case.not_found": {
        "en": ("Case not found", "No case with that id is visible to you."),
        "da": ("Sagen blev ikke fundet", "Ingen sag med det id er synlig for dig."),
    },
    "case.closed_before_opened": {
        "en": ("Closed before opened", "A case cannot be closed before the day it was opened."),
        "da": ("Afsluttet før oprettet", "En sag kan ikke afsluttes før den dag, den blev oprettet."),
    },
    "case.unknown_department": {
        "en": ("Unknown department", "The municipality has no department {department}."),
        "da": ("Ukendt afdeling", "Kommunen har ingen afdeling {department}."),
    },
    "case.department_not_yours": {
        "en": ("Not your department", "You may only write cases of your own departments, not {department}."),
        "da": ("Ikke din afdeling", "Du kan kun skrive i din egen afdelings sager, ikke {department}."),
    },
    "team.not_found": {
        "en": ("Team not found", "No coordinating team with that id is visible to you."),
        "da": ("Teamet blev ikke fundet", "Intet koordinerende team med det id er synligt for dig."),
    },
    "team.member_not_found": {
        "en": ("Member not found", "No current member with that id on this team."),
        "da": ("Medlemmet blev ikke fundet", "Intet nuværende medlem med det id i dette team."),
    },
    "team.invalid_period": {
        "en": ("Invalid date", "A member leaves on or after joining, and a meeting is recorded once held."),
        "da": (
            "Ugyldig dato",
            "Et medlem udtræder tidligst på indtrædelsesdagen, og et møde registreres, når det er holdt.",
        ),
    },
    "transition_form.not_found": {
        "en": ("Transition form not found", "No transition form with that id is visible to you."),
        "da": ("Overgangsskemaet blev ikke fundet", "Intet overgangsskema med det id er synligt for dig."),
    },
    "case.support_hours_without_expectation": {
        "en": (
            "Support after 18 not expected",
            "Expected hours a week after 18 are given only when support after 18 is expected.",
        ),
        "da": (
            "Der forventes ikke støtte efter 18",
            "Forventede timer om ugen efter 18 angives kun, når der forventes støtte efter 18.",
        ),
    },
    "team.goal_not_in_plan": {
        "en": ("Goal not in the plan", "Goal {goal_id} is not a goal of the youth's current plan."),
        "da": ("Målet er ikke i planen", "Mål {goal_id} er ikke et mål i den unges nuværende plan."),
    },
    "team.goal_horizon_mismatch": {
        "en": (
            "Wrong horizon",
            "Goal {goal_id} is a {horizon}-term goal and cannot be linked as {linked_as}.",
        ),
        "da": (
            "Forkert tidshorisont",
            "Mål {goal_id} har tidshorisonten {horizon} og kan ikke knyttes som {linked_as}.",
        ),
    },
    "youth_plan.not_found": {
        "en": ("Youth plan not found", "No youth plan with that id is visible to you."),
        "da": ("Ungeplanen blev ikke fundet", "Ingen ungeplan med det id er synlig for dig."),
    },
    "aftercare_decision.not_found": {
        "en": (
            "Aftercare decision not found",
            "No decision on support after 18 with that id is visible to you.",
        ),
        "da": ("Afgørelsen blev ikke fundet", "Ingen afgørelse om ungestøtte med det id er synlig for dig."),
    },
    "placement.case_not_of_youth": {
        "en": ("Case of another youth", "The case is not a visible case of this youth."),
        "da": ("Sag for en anden ung", "Sagen er ikke en synlig sag for denne unge."),
    },
    "aftercare_decision.support_until_invalid": {
        "en": (
            "Support end not possible",
            "Support until a date only when support is granted, and after the day of the decision.",
        ),
        "da": (
            "Slutdato ikke mulig",
            "Støtte til en dato kun, når der bevilges støtte, og efter afgørelsens dato.",
        ),
    },
    # §8.2: resolving an obligation with a reason.
    "obligation.not_found": {
        "en": (
            "Obligation not found",
            "No open obligation with that key is on the worklist of a youth you may see today.",
        ),
        "da": (
            "Opgaven blev ikke fundet",
            "Der er ingen åben opgave med den nøgle for en ung, du må se, i dag.",
        ),
    },
    "obligation.already_resolved": {
        "en": ("Obligation already resolved", "This obligation has already been resolved with a reason."),
        "da": ("Opgaven er allerede afsluttet", "Denne opgave er allerede afsluttet med en begrundelse."),
    },
    "obligation.not_responsible": {
        "en": (
            "Not responsible for the obligation",
            "Only a department or person responsible for the obligation, or an administrator, "
            "may resolve it.",
        ),
        "da": (
            "Ikke ansvarlig for opgaven",
            "Kun en afdeling eller person, der er ansvarlig for opgaven, eller en administrator, "
            "kan afslutte den.",
        ),
    },
    "guide.not_found": {
        "en": ("Guide not found", "No guide offer with that id is visible to you."),
        "da": ("Ungeguiden blev ikke fundet", "Intet tilbud om ungeguide med det id er synligt for dig."),
    },
    "guide.already_active": {
        "en": ("Guide already offered", "The youth already has a pending or active guide."),
        "da": ("Ungeguide allerede tilbudt", "Den unge har allerede en tilbudt eller aktiv ungeguide."),
    },
    "guide.invalid_transition": {
        "en": ("Not possible now", "A guide offer that is {state} cannot be {action}ed."),
        "da": ("Ikke muligt nu", "Et tilbud om ungeguide med status {state} kan ikke ændres med {action}."),
    },
    # --- offers catalogue, concerns, network meetings ---
    "offer.not_found": {
        "en": ("Offer not found", "There is no offer with that id in the municipality's catalogue."),
        "da": ("Tilbuddet blev ikke fundet", "Der er intet tilbud med det id i kommunens tilbudsvifte."),
    },
    "offer.age_range_invalid": {
        "en": ("Invalid age range", "The youngest age must not be above the oldest age."),
        "da": ("Ugyldigt aldersspænd", "Den laveste alder må ikke være over den højeste alder."),
    },
    "offer.period_invalid": {
        "en": ("Invalid period", "An offer cannot end before it starts."),
        "da": ("Ugyldig periode", "Et tilbud kan ikke slutte, før det begynder."),
    },
    "offer.provider_required": {
        "en": ("Provider required", "Name the provider: a department code or the provider's name."),
        "da": ("Udbyder mangler", "Angiv udbyderen: en afdelingskode eller udbyderens navn."),
    },
    "offer.unknown_department": {
        "en": ("Unknown department", "The municipality has no department {department}."),
        "da": ("Ukendt afdeling", "Kommunen har ingen afdeling {department}."),
    },
    "concern.not_found": {
        "en": ("Concern not found", "No concern notification with that id is visible to you."),
        "da": ("Underretningen blev ikke fundet", "Ingen underretning med det id er synlig for dig."),
    },
    "concern.sender_incomplete": {
        "en": (
            "Sender incomplete",
            "A professional sender gives name and profession, a citizen a name; else choose anonymous.",
        ),
        "da": (
            "Underretter ikke fuldt angivet",
            "En fagperson angiver navn og fag, en borger sit navn; ellers vælg anonym.",
        ),
    },
    "concern.anonymous_identified": {
        "en": ("Anonymous with identity", "An anonymous concern cannot name its sender or a contact."),
        "da": (
            "Anonym med identitet",
            "En anonym underretning kan ikke angive underretterens navn eller kontakt.",
        ),
    },
    "concern.dialogue_inconsistent": {
        "en": (
            "Dialogue participants",
            "A concern made in dialogue names who took part; one not made in dialogue lists no participants.",
        ),
        "da": (
            "Deltagere i dialogen",
            "En dialogbaseret underretning angiver deltagerne; andre underretninger angiver ingen.",
        ),
    },
    "concern.worries_required": {
        "en": ("What worries?", "A concern must say what worries (frame.worries)."),
        "da": ("Hvad bekymrer?", "En underretning skal beskrive, hvad der bekymrer (frame.worries)."),
    },
    "concern.received_in_future": {
        "en": ("Received in the future", "A concern cannot be received later than now."),
        "da": ("Modtaget i fremtiden", "En underretning kan ikke være modtaget senere end nu."),
    },
    "concern.action_in_future": {
        "en": ("Time in the future", "The time given is later than now."),
        "da": ("Tidspunkt i fremtiden", "Det angivne tidspunkt er senere end nu."),
    },
    "concern.action_before_received": {
        "en": ("Time too early", "The time given is before the concern was received or assessed."),
        "da": (
            "Tidspunkt for tidligt",
            "Det angivne tidspunkt er før underretningen blev modtaget eller vurderet.",
        ),
    },
    "concern.level_not_on_scale": {
        "en": (
            "Level not on the scale",
            "Level {level} is not on the municipality's concern scale ({levels}).",
        ),
        "da": ("Niveauet findes ikke", "Niveau {level} findes ikke på kommunens bekymringsskala ({levels})."),
    },
    "concern.no_receiving_department": {
        "en": (
            "No children-and-family department",
            "The municipality has no department of kind children_family to receive concerns.",
        ),
        "da": (
            "Ingen børne- og familieafdeling",
            "Kommunen har ingen afdeling af typen children_family, der kan modtage underretninger.",
        ),
    },
    "concern.unknown_department": {
        "en": ("Unknown department", "The municipality has no department {department}."),
        "da": ("Ukendt afdeling", "Kommunen har ingen afdeling {department}."),
    },
    "concern.invalid_action": {
        "en": (
            "Not possible now",
            "The action {action} is not possible for a concern that is {state}, or was done already.",
        ),
        "da": (
            "Ikke muligt nu",
            "En underretning med status {state} kan ikke ændres med {action} (eller er allerede).",
        ),
    },
    "network_meeting.not_found": {
        "en": ("Network meeting not found", "No network meeting with that id is visible to you."),
        "da": ("Netværksmødet blev ikke fundet", "Intet netværksmøde med det id er synligt for dig."),
    },
    "network_meeting.frame_empty": {
        "en": ("Empty record", "Fill in at least one of worries, what works and next steps."),
        "da": ("Tomt referat", "Udfyld mindst én af: bekymringer, hvad der fungerer, og næste skridt."),
    },
    "network_meeting.plan_not_for_youth": {
        "en": ("Not the youth's plan", "The plan does not exist or belongs to another youth."),
        "da": ("Ikke den unges plan", "Planen findes ikke eller tilhører en anden ung."),
    },
    # --- the one education-and-job plan (R2-R5) ---
    "plan.not_found": {
        "en": ("Plan not found", "No plan with that id is visible to you."),
        "da": ("Planen blev ikke fundet", "Ingen plan med det id er synlig for dig."),
    },
    "plan.not_yet_made": {
        "en": ("No plan on that date", "The plan had not been made yet on {on}."),
        "da": ("Ingen plan på den dato", "Planen var endnu ikke lavet den {on}."),
    },
    "plan.revision_not_found": {
        "en": ("Revision not found", "The plan has no revision number {number}."),
        "da": ("Revisionen blev ikke fundet", "Planen har ingen revision nummer {number}."),
    },
    "plan.goal_not_found": {
        "en": ("Goal not found", "The plan has no goal with that id."),
        "da": ("Målet blev ikke fundet", "Planen har intet mål med det id."),
    },
    "plan.measure_not_found": {
        "en": ("Measure not found", "The plan has no measure with that id."),
        "da": ("Indsatsen blev ikke fundet", "Planen har ingen indsats med det id."),
    },
    "plan.active_exists": {
        "en": (
            "The youth already has a plan",
            "A youth has one plan at a time; change the current plan, or complete or close it first.",
        ),
        "da": (
            "Den unge har allerede en plan",
            "En ung har én plan ad gangen; ret den nuværende plan, eller afslut eller luk den først.",
        ),
    },
    "plan.finished": {
        "en": ("Plan finished", "A plan that is {plan_status} cannot be changed; make a new plan instead."),
        "da": (
            "Planen er afsluttet",
            "En plan med status {plan_status} kan ikke ændres; lav en ny plan i stedet.",
        ),
    },
    "plan.reason_required": {
        "en": ("Reason required", "Give a `status_reason` when the plan is {plan_status}."),
        "da": (
            "Begrundelse påkrævet",
            "Angiv en begrundelse (`status_reason`), når planen er {plan_status}.",
        ),
    },
    "plan.unknown_offer": {
        "en": ("Unknown offer", "The municipality's offers catalogue has no such offer."),
        "da": ("Ukendt tilbud", "Kommunens tilbudsvifte har ikke det tilbud."),
    },
    "plan.unknown_department": {
        "en": ("Unknown department", "The municipality has no department {department}."),
        "da": ("Ukendt afdeling", "Kommunen har ingen afdeling {department}."),
    },
    "plan.invalid_dropout_dates": {
        "en": (
            "Dates out of order",
            "The interruption must fall between the plan's start and today, and the contact after it "
            "between the interruption and today.",
        ),
        "da": (
            "Datoerne passer ikke",
            "Afbrydelsen skal ligge mellem planens start og i dag, og kontakten efter den mellem "
            "afbrydelsen og i dag.",
        ),
    },
    "plan.measure_ends_before_start": {
        "en": ("Ends before it starts", "A measure cannot end before the day it starts."),
        "da": ("Slutter før start", "En indsats kan ikke slutte før den dag, den starter."),
    },
    "plan.measure_department_not_yours": {
        "en": (
            "Another department's measure",
            "Measures of {department} are read-only for you; only that department changes them.",
        ),
        "da": (
            "En anden afdelings indsats",
            "Indsatser i {department} kan du kun læse; kun den afdeling kan ændre dem.",
        ),
    },
    # --- referrals, coordination meetings, decisions, coordinating teams (R13-R16, R18) ---
    "referral.not_found": {
        "en": ("Referral not found", "No referral with that id is visible to you."),
        "da": ("Indstillingen blev ikke fundet", "Ingen indstilling med det id er synlig for dig."),
    },
    "referral.invalid_transition": {
        "en": ("Not possible now", "A referral that is {state} cannot be moved by {action}."),
        "da": ("Ikke muligt nu", "En indstilling med status {state} kan ikke flyttes med {action}."),
    },
    "referral.open_exists": {
        "en": (
            "Referral already open",
            "The youth already has an open referral to this forum; change or withdraw that one.",
        ),
        "da": (
            "Der er allerede en åben indstilling",
            "Den unge har allerede en åben indstilling til dette forum; ret eller træk den tilbage.",
        ),
    },
    "referral.not_editable": {
        "en": (
            "Referral cannot be changed",
            "Only a draft or a referral sent back for documentation can be changed; this one is {state}.",
        ),
        "da": (
            "Indstillingen kan ikke rettes",
            "Kun en kladde eller en indstilling sendt tilbage for dokumentation kan rettes; "
            "denne er {state}.",
        ),
    },
    "referral.reason_required": {
        "en": ("Reason required", "Give a reason to {action} a referral."),
        "da": ("Begrundelse påkrævet", "Angiv en begrundelse for at udføre {action} på en indstilling."),
    },
    "referral.outside_forum_age": {
        "en": (
            "Outside the conference's ages",
            "The phase-2 conference takes youth aged {age_min} to {age_max} (R18).",
        ),
        "da": (
            "Uden for ungekonferencens alder",
            "Ungekonferencen (fase 2) er for unge fra {age_min} til {age_max} år.",
        ),
    },
    "referral.plan_not_stuck": {
        "en": (
            "The plan is not stuck",
            "The phase-2 conference is for a youth whose current plan is marked stuck (R18).",
        ),
        "da": (
            "Planen er ikke kørt fast",
            "Ungekonferencen (fase 2) er for unge, hvis aktuelle plan er markeret som kørt fast.",
        ),
    },
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
    "team.lead_required": {
        "en": (
            "One lead required",
            "The team needs exactly one lead (tovholder), a member with a user id and a name (R16).",
        ),
        "da": (
            "Én tovholder påkrævet",
            "Teamet skal have præcis én tovholder, et medlem med bruger-id og navn.",
        ),
    },
    "team.first_meeting_after_17": {
        "en": (
            "First meeting too late",
            "The team's first meeting must be no later than {deadline} (the 17th birthday, R16).",
        ),
        "da": (
            "Første møde for sent",
            "Teamets første møde skal holdes senest {deadline} (når den unge fylder 17).",
        ),
    },
    "team.first_meeting_before_decision": {
        "en": ("First meeting too early", "The team's first meeting cannot be before {decided_on}."),
        "da": ("Første møde for tidligt", "Teamets første møde kan ikke ligge før {decided_on}."),
    },
    "team.already_active": {
        "en": ("Team already active", "The youth already has an active coordinating team."),
        "da": ("Der er allerede et team", "Den unge har allerede et aktivt koordinerende team."),
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

# Texts shared by several of pydantic's error types below.
_INTEGER: dict[Language, str] = {
    "en": "The value must be a whole number.",
    "da": "Værdien skal være et heltal.",
}
_NUMBER: dict[Language, str] = {"en": "The value must be a number.", "da": "Værdien skal være et tal."}
_BOOLEAN: dict[Language, str] = {
    "en": "The value must be true or false.",
    "da": "Værdien skal være true eller false.",
}
_ONE_OF: dict[Language, str] = {
    "en": "The value must be one of {expected}.",
    "da": "Værdien skal være en af {expected}.",
}
_UUID: dict[Language, str] = {
    "en": "The value must be a valid UUID.",
    "da": "Værdien skal være et gyldigt UUID.",
}
_DATE: dict[Language, str] = {
    "en": "The value must be a date (YYYY-MM-DD).",
    "da": "Værdien skal være en dato (ÅÅÅÅ-MM-DD).",
}
_TIMESTAMP: dict[Language, str] = {
    "en": "The value must be an RFC 3339 timestamp, e.g. 2026-11-23T09:00:00+01:00.",
    "da": "Værdien skal være et tidspunkt i RFC 3339-format, fx 2026-11-23T09:00:00+01:00.",
}
_TIME_OF_DAY: dict[Language, str] = {
    "en": "The value must be a time of day (HH:MM).",
    "da": "Værdien skal være et klokkeslæt (TT:MM).",
}
_DURATION: dict[Language, str] = {
    "en": "The value must be a duration.",
    "da": "Værdien skal være en varighed.",
}
_LIST: dict[Language, str] = {"en": "The value must be a list.", "da": "Værdien skal være en liste."}
_OBJECT: dict[Language, str] = {
    "en": "The value must be a JSON object.",
    "da": "Værdien skal være et JSON-objekt.",
}
_URL: dict[Language, str] = {"en": "The value must be a valid URL.", "da": "Værdien skal være en gyldig URL."}
_INVALID: dict[Language, str] = {"en": "The value is not valid.", "da": "Værdien er ugyldig."}

# Field-level validation messages, keyed by a stable error code.
FIELD_MESSAGES: dict[str, dict[Language, str]] = {
    "cpr.format": {
        "en": "A CPR number is 10 digits, optionally with a dash after the sixth (DDMMYY-SSSS).",
        "da": "Et CPR-nummer består af 10 cifre, eventuelt med bindestreg efter det sjette (DDMMÅÅ-SSSS).",
    },
    "cpr.date": {
        "en": "The first six digits of the CPR number are not a real date.",
        "da": "De første seks cifre i CPR-nummeret er ikke en gyldig dato.",
    },
    # --- event dates (§8.1), filled from the refusal's parameters ---
    "date.in_future": {
        "en": "The date can be today ({today}) at the latest.",
        "da": "Datoen kan senest være i dag ({today}).",
    },
    "date.before_event": {
        "en": "The date can be {earliest} at the earliest.",
        "da": "Datoen kan tidligst være {earliest}.",
    },
    # --- pydantic's error types (`type` in its errors); {names} come from the error's ctx ---
    "missing": {"en": "This field is required.", "da": "Feltet skal udfyldes."},
    "extra_forbidden": {"en": "This field is not allowed.", "da": "Feltet er ikke tilladt."},
    "string_too_long": {
        "en": "The text may be at most {max_length} characters long.",
        "da": "Teksten må højst være på {max_length} tegn.",
    },
    "string_too_short": {
        "en": "The text must be at least {min_length} characters long.",
        "da": "Teksten skal være på mindst {min_length} tegn.",
    },
    "string_type": {"en": "The value must be a text string.", "da": "Værdien skal være en tekst."},
    "string_unicode": {"en": "The text is not valid Unicode.", "da": "Teksten er ikke gyldig Unicode."},
    "string_not_ascii": {
        "en": "The text may contain ASCII characters only.",
        "da": "Teksten må kun indeholde ASCII-tegn.",
    },
    "string_pattern_mismatch": {
        "en": "The text does not have the required format.",
        "da": "Teksten har ikke det krævede format.",
    },
    "int_parsing": _INTEGER,
    "int_type": _INTEGER,
    "int_from_float": {
        "en": "The value must be a whole number without decimals.",
        "da": "Værdien skal være et heltal uden decimaler.",
    },
    "int_parsing_size": {"en": "The number is too large.", "da": "Tallet er for stort."},
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "finite_number": {"en": "The number must be finite.", "da": "Tallet skal være endeligt."},
    "decimal_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "decimal_max_digits": {
        "en": "The number may have at most {max_digits} digits.",
        "da": "Tallet må højst have {max_digits} cifre.",
    },
    "decimal_max_places": {
        "en": "The number may have at most {decimal_places} decimals.",
        "da": "Tallet må højst have {decimal_places} decimaler.",
    },
    "decimal_whole_digits": {
        "en": "The number may have at most {whole_digits} digits before the decimal point.",
        "da": "Tallet må højst have {whole_digits} cifre før kommaet.",
    },
    "greater_than": {
        "en": "The value must be greater than {gt}.",
        "da": "Værdien skal være større end {gt}.",
    },
    "greater_than_equal": {"en": "The value must be at least {ge}.", "da": "Værdien skal være mindst {ge}."},
    "less_than": {"en": "The value must be less than {lt}.", "da": "Værdien skal være mindre end {lt}."},
    "less_than_equal": {"en": "The value may be at most {le}.", "da": "Værdien må højst være {le}."},
    "multiple_of": {
        "en": "The value must be a multiple of {multiple_of}.",
        "da": "Værdien skal være et multiplum af {multiple_of}.",
    },
    "literal_error": _ONE_OF,
    "enum": _ONE_OF,
    "bool_parsing": _BOOLEAN,
    "bool_type": _BOOLEAN,
    "none_required": {"en": "The value must be null.", "da": "Værdien skal være null."},
    "uuid_parsing": _UUID,
    "uuid_type": _UUID,
    "uuid_version": {
        "en": "The UUID must be version {expected_version}.",
        "da": "UUID'et skal være version {expected_version}.",
    },
    "date_parsing": _DATE,
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": {
        "en": "A date may not have a time of day.",
        "da": "En dato må ikke have et klokkeslæt.",
    },
    "date_past": {"en": "The date must be in the past.", "da": "Datoen skal ligge i fortiden."},
    "date_future": {"en": "The date must be in the future.", "da": "Datoen skal ligge i fremtiden."},
    "datetime_parsing": _TIMESTAMP,
    "datetime_type": _TIMESTAMP,
    "datetime_from_date_parsing": _TIMESTAMP,
    "datetime_object_invalid": {"en": "The timestamp is not valid.", "da": "Tidspunktet er ugyldigt."},
    "datetime_past": {"en": "The timestamp must be in the past.", "da": "Tidspunktet skal ligge i fortiden."},
    "datetime_future": {
        "en": "The timestamp must be in the future.",
        "da": "Tidspunktet skal ligge i fremtiden.",
    },
    "timezone_aware": {
        "en": "The timestamp must have a UTC offset, e.g. +01:00.",
        "da": "Tidspunktet skal have en UTC-forskydning, fx +01:00.",
    },
    "timezone_naive": {
        "en": "The timestamp may not have a UTC offset.",
        "da": "Tidspunktet må ikke have en UTC-forskydning.",
    },
    "time_parsing": _TIME_OF_DAY,
    "time_type": _TIME_OF_DAY,
    "time_delta_parsing": _DURATION,
    "time_delta_type": _DURATION,
    "list_type": _LIST,
    "set_type": _LIST,
    "frozen_set_type": _LIST,
    "tuple_type": _LIST,
    "iterable_type": _LIST,
    "set_item_not_hashable": {
        "en": "The list contains an invalid item.",
        "da": "Listen indeholder et ugyldigt element.",
    },
    "too_short": {
        "en": "At least {min_length} item(s) are required.",
        "da": "Der skal være mindst {min_length} element(er).",
    },
    "too_long": {
        "en": "At most {max_length} item(s) are allowed.",
        "da": "Der må højst være {max_length} element(er).",
    },
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "mapping_type": _OBJECT,
    "json_invalid": {"en": "The body is not valid JSON.", "da": "Indholdet er ikke gyldig JSON."},
    "json_type": {"en": "The value must be a JSON string.", "da": "Værdien skal være en JSON-tekst."},
    "value_error": _INVALID,
    "assertion_error": _INVALID,
    "union_tag_invalid": {
        "en": "Unknown kind {tag}; expected one of {expected_tags}.",
        "da": "Ukendt type {tag}; forventede en af {expected_tags}.",
    },
    "union_tag_not_found": {
        "en": "The field {discriminator} is required to tell the kind.",
        "da": "Feltet {discriminator} skal udfyldes for at angive typen.",
    },
    "url_parsing": _URL,
    "url_type": _URL,
    "url_syntax_violation": _URL,
    "url_scheme": {
        "en": "The URL must start with {expected_schemes}.",
        "da": "URL'en skal begynde med {expected_schemes}.",
    },
    "url_too_long": {
        "en": "The URL may be at most {max_length} characters long.",
        "da": "URL'en må højst være på {max_length} tegn.",
    },
}

# Obligation (forpligtelse) titles for the worklist, keyed by the obligation's kind; the
# obligations domain fills this, so titles live in the one catalogue with everything else.
OBLIGATION_TITLES: dict[str, dict[Language, str]] = {
    "team.first_meeting_due": {
        "en": "Hold the coordinating team's first meeting before the deadline",
        "da": "Afhold det koordinerende teams første møde inden fristen",
    },
    "transition_form.update_due": {
        "en": "Update the transition form: by the end of January and of July, and after a referral",
        "da": "Opdatér overgangsskemaet: inden udgangen af januar og af juli og efter en indstilling",
    },
    "transition_form.due": {
        "en": "Make a transition form: support after 18 above the municipality's threshold is expected (R10)",
        "da": "Udfyld et overgangsskema: der forventes støtte efter 18 over kommunens grænse",
    },
    "youth_plan.due": {
        "en": "Make the youth plan of the placed youth: within 3 months of the 16th birthday (R19)",
        "da": "Udarbejd ungeplan for den anbragte unge: senest 3 måneder efter 16-årsdagen",
    },
    "aftercare.decision_due": {
        "en": "Decide on support after 18 (ungestøtte): 6 months before the 18th birthday (R20)",
        "da": "Træf afgørelse om ungestøtte: senest 6 måneder før 18-årsdagen",
    },
    "guide.offer_due": {
        "en": "Offer a guide: the youth has cases in two or more authority units",
        "da": "Tilbyd en ungeguide: den unge har sager i to eller flere myndigheder",
    },
    "concern.assessment_due": {
        "en": "Assess the concern within 24 hours: is the youth in danger?",
        "da": "Vurdér underretningen inden 24 timer: er den unge i fare?",
    },
    "concern.acknowledgement_due": {
        "en": "Send the professional sender a receipt for the concern (6 weekdays)",
        "da": "Send fagpersonen en kvittering for underretningen (6 hverdage)",
    },
    "plan.dropout_contact_due": {
        "en": "Contact the youth: they left their plan (within 5 weekdays, R5)",
        "da": "Kontakt den unge: den unge er faldet fra sin plan (inden 5 hverdage)",
    },
    "plan.new_activity_due": {
        "en": "Find a new activity: the youth left their plan (within 30 days, R5)",
        "da": "Find en ny aktivitet: den unge er faldet fra sin plan (inden 30 dage)",
    },
    "plan.follow_up_overdue": {
        "en": "Follow up on the plan: the follow-up date has passed",
        "da": "Følg op på planen: opfølgningsdatoen er overskredet",
    },
    "absence.follow_up_due": {
        "en": "Follow up on school absence: unlawful absence over the municipality's threshold (R22/R23)",
        "da": "Følg op på skolefravær: ulovligt fravær over kommunens grænse",
    },
    "referral.missing": {
        "en": "Refer the youth to the coordination meeting (15+ with a placement or similar case, R13)",
        "da": "Indstil den unge til ungekoordineringsmødet (15+ med anbringelse el.lign.)",
    },
}


def problem_text(code: str, lang: Language, params: dict[str, object]) -> tuple[str, str]:
    entry = PROBLEMS.get(code) or PROBLEMS["internal"]
    title, detail = entry[lang]
    try:
        return title, detail.format(**params)
    except (KeyError, IndexError):
        return title, detail


def field_message(
    code: str, lang: Language, fallback: str, params: Mapping[str, object] | None = None
) -> str:
    """The field message for `code`, filled from `params` (pydantic's error ctx).

    An unknown code keeps the English `fallback`, and gets the generic Danish message in Danish,
    so a Danish caller never sees an English sentence.
    """
    entry = FIELD_MESSAGES.get(code)
    if entry is None:
        return fallback if lang == "en" else FIELD_MESSAGES["value_error"][lang]
    values = {k: _localized(v, lang) for k, v in (params or {}).items()}
    try:
        return entry[lang].format(**values)
    except (KeyError, IndexError, ValueError):
        return _UNFILLED.sub("…", entry[lang])


def obligation_title(kind: str, lang: Language) -> str:
    """The worklist title of an obligation kind; the kind itself if the catalogue lacks it."""
    entry = OBLIGATION_TITLES.get(kind)
    return entry[lang] if entry else kind


_UNFILLED = re.compile(r"\{[a-z_]+\}")
# What a catalogue code looks like (`cpr.date`, `plan.goal_required`), as opposed to a sentence.
FIELD_CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def _localized(value: object, lang: Language) -> object:
    # pydantic joins allowed values in English: "'mother', 'father' or 'other'".
    if lang == "da" and isinstance(value, str):
        return value.replace("' or '", "' eller '")
    return value


def pick_language(accept_language: str | None) -> Language:
    """The first of da/en named in Accept-Language wins; English when neither is named."""
    if not accept_language:
        return "en"
    best: tuple[float, Language] | None = None
    for part in accept_language.split(","):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for p in pieces[1:]:
            if p.strip().startswith("q="):
                try:
                    quality = float(p.strip()[2:])
                except ValueError:
                    quality = 0.0
        lang: Language | None = "da" if tag.startswith("da") else "en" if tag.startswith("en") else None
        if lang and (best is None or quality > best[0]):
            best = (quality, lang)
    return best[1] if best else "en"
