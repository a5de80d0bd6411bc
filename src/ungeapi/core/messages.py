"""The one message catalogue: every problem title and detail, in English and Danish.

Services raise errors by code; the web layer picks the language from Accept-Language.
Details are format strings filled from the error's parameters.
"""

from __future__ import annotations

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
    "youth.outside_age_window": {
        "en": (
            "Outside the age window",
            "The youth is {age} years old; the coordinated youth effort covers ages up to {age_max}.",
        ),
        "da": (
            "Uden for aldersgruppen",
            "Den unge er {age} år; den kommunale ungeindsats dækker op til {age_max} år.",
        ),
    },
    "youth.archived": {
        "en": ("Youth archived", "The youth is archived and cannot be changed."),
        "da": ("Den unge er arkiveret", "Den unge er arkiveret og kan ikke ændres."),
    },
}

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
    "missing": {"en": "This field is required.", "da": "Feltet skal udfyldes."},
    "extra_forbidden": {"en": "This field is not allowed.", "da": "Feltet er ikke tilladt."},
    "string_too_long": {"en": "The text is too long.", "da": "Teksten er for lang."},
    "string_too_short": {"en": "The text is too short.", "da": "Teksten er for kort."},
}


def problem_text(code: str, lang: Language, params: dict[str, object]) -> tuple[str, str]:
    entry = PROBLEMS.get(code) or PROBLEMS["internal"]
    title, detail = entry[lang]
    try:
        return title, detail.format(**params)
    except (KeyError, IndexError):
        return title, detail


def field_message(code: str, lang: Language, fallback: str) -> str:
    entry = FIELD_MESSAGES.get(code)
    return entry[lang] if entry else fallback


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
