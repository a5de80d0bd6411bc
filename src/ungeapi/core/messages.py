"""The message machinery: the caller's language, and texts looked up by code and filled.

Each domain owns its texts (a `Catalogue` in its `messages.py`); core's own are here: what core
and the web layer raise (auth, request, service, precondition, idempotency, event dates) and the
field messages of pydantic's error types. `ungeapi.api.messages` merges them all into the one
catalogue problems are rendered from, so core names no domain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

Language = Literal["en", "da"]
# code -> language -> (title, detail)
ProblemTexts = dict[str, dict[Language, tuple[str, str]]]
# code -> language -> text
Texts = dict[str, dict[Language, str]]

PROBLEMS: ProblemTexts = {
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
FIELD_MESSAGES: Texts = {
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


@dataclass(frozen=True)
class Catalogue:
    """Texts by code, in English and Danish: problem titles and details, field messages, and the
    worklist's obligation titles."""

    problems: ProblemTexts = field(default_factory=dict)
    fields: Texts = field(default_factory=dict)
    obligation_titles: Texts = field(default_factory=dict)

    def problem_text(self, code: str, lang: Language, params: Mapping[str, object]) -> tuple[str, str]:
        entry = self.problems.get(code) or PROBLEMS["internal"]
        title, detail = entry[lang]
        try:
            return title, detail.format(**params)
        except (KeyError, IndexError):
            return title, detail

    def field_message(
        self, code: str, lang: Language, fallback: str, params: Mapping[str, object] | None = None
    ) -> str:
        """The field message for `code`, filled from `params` (pydantic's error ctx).

        An unknown code keeps the English `fallback`, and gets the generic Danish message in Danish,
        so a Danish caller never sees an English sentence.
        """
        entry = self.fields.get(code)
        if entry is None:
            return fallback if lang == "en" else FIELD_MESSAGES["value_error"][lang]
        values = {k: _localized(v, lang) for k, v in (params or {}).items()}
        try:
            return entry[lang].format(**values)
        except (KeyError, IndexError, ValueError):
            return _UNFILLED.sub("…", entry[lang])

    def obligation_title(self, kind: str, lang: Language) -> str:
        """The worklist title of an obligation kind; the kind itself if the catalogue lacks it."""
        entry = self.obligation_titles.get(kind)
        return entry[lang] if entry else kind


def merge(*catalogues: Catalogue) -> Catalogue:
    """One catalogue of all of them. A code that two of them define is refused, so no domain's
    text can silently replace another's."""
    return Catalogue(
        problems=_union([c.problems for c in catalogues]),
        fields=_union([c.fields for c in catalogues]),
        obligation_titles=_union([c.obligation_titles for c in catalogues]),
    )


_Entry = TypeVar("_Entry")


def _union(parts: list[dict[str, _Entry]]) -> dict[str, _Entry]:
    merged: dict[str, _Entry] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"codes defined in two catalogues: {', '.join(sorted(twice))}")
        merged.update(part)
    return merged


# Core's own texts: what core and the web layer raise, and pydantic's error types.
CATALOGUE = Catalogue(problems=PROBLEMS, fields=FIELD_MESSAGES)

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
