"""The message machinery: the caller's language, and texts looked up by code and filled.

Each domain owns its texts (a `Catalogue` in its `messages.py`); core's own are here: what core
and the web layer raise (auth, request, service, precondition, idempotency, event dates) and the
field messages of pydantic's error types. `ungeapi.api.messages` merges them all into the one
catalogue problems are rendered from, so core names no domain.

A placeholder may name a vocabulary (`{state:GuideState}`, core/vocabulary.py): the value is then
shown by its label in the text's language, so a Danish text reads "med status »Tilbudt«", not the
wire value `offered`. English texts for integrators may keep the wire value (`{state}`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

Language = Literal["en", "da"]
# code -> language -> (title, detail)
ProblemTexts = dict[str, dict[Language, tuple[str, str]]]
# code -> language -> text
Texts = dict[str, dict[Language, str]]


def texts(en_title: str, en_detail: str, da_title: str, da_detail: str) -> dict[Language, tuple[str, str]]:
    """A problem's title and detail, in English and then in Danish."""
    return {"en": (en_title, en_detail), "da": (da_title, da_detail)}


def text(en: str, da: str) -> dict[Language, str]:
    """A message in English and in Danish."""
    return {"en": en, "da": da}


PROBLEMS: ProblemTexts = {
    "auth.missing_token": texts(
        "Authentication required",
        "Send a bearer token in the Authorization header.",
        "Login påkrævet",
        "Du skal være logget ind. Forespørgslen mangler et bearer-token i Authorization-headeren.",
    ),
    "auth.invalid_token": texts(
        "Invalid token",
        "The bearer token could not be verified.",
        "Ugyldigt login",
        "Dit login kunne ikke bekræftes, måske fordi det er udløbet. Log ind igen.",
    ),
    "auth.forbidden": texts(
        "Not allowed",
        "Your roles do not allow this action.",
        "Ikke tilladt",
        "Dine roller giver ikke adgang til denne handling.",
    ),
    "auth.citizen_token": texts(
        "Not for citizens",
        "A citizen's token opens only the citizen's own routes under /v1/me.",
        "Ikke for borgere",
        "Et borgerlogin giver kun adgang til dine egne oplysninger under /v1/me.",
    ),
    "auth.not_citizen": texts(
        "For citizens only",
        "The routes under /v1/me are for the youth's own login, not for an employee's token.",
        "Kun for borgere",
        "Adgangen under /v1/me er til den unges eget login, ikke til en medarbejders.",
    ),
    "request.validation": texts(
        "Invalid request",
        "One or more fields are invalid.",
        "Ugyldig forespørgsel",
        "Et eller flere felter er ikke udfyldt korrekt.",
    ),
    "request.malformed_json": texts(
        "Malformed JSON",
        "The request body is not valid JSON in UTF-8.",
        "Ugyldig JSON",
        "Forespørgslens indhold er ikke gyldig JSON i UTF-8.",
    ),
    "request.too_deep": texts(
        "JSON nested too deeply",
        "The request body's JSON is nested deeper than the service reads.",
        "JSON for dybt indlejret",
        "Forespørgslens JSON er indlejret dybere, end tjenesten læser.",
    ),
    "request.malformed_body": texts(
        "Unreadable body",
        "The request body could not be read as the content type it names.",
        "Indholdet kan ikke læses",
        "Forespørgslens indhold kan ikke læses som den indholdstype, det angiver.",
    ),
    "request.headers_too_large": texts(
        "Headers too large",
        "The request line and headers exceed {limit} bytes.",
        "Headerne er for store",
        "Forespørgselslinjen og headerne overstiger {limit} bytes.",
    ),
    "request.too_large": texts(
        "Request too large",
        "The request body exceeds {limit} bytes.",
        "Forespørgslen er for stor",
        "Forespørgslen er større end de tilladte {limit} bytes.",
    ),
    "request.incomplete": texts(
        "Incomplete request",
        "The request's body ended before it was complete.",
        "Ufuldstændig forespørgsel",
        "Forespørgslens indhold sluttede, før det var sendt helt.",
    ),
    "request.cpr_in_url": texts(
        "CPR number in the URL",
        "CPR numbers must never be sent in a URL. Use POST /v1/youth/lookup.",
        "CPR-nummer i URL'en",
        "CPR-numre må aldrig sendes i en URL. Brug POST /v1/youth/lookup.",
    ),
    "request.not_found": texts(
        "Not found", "There is no such resource.", "Ikke fundet", "Det, du leder efter, findes ikke."
    ),
    "request.method_not_allowed": texts(
        "Method not allowed",
        "This resource does not support that method.",
        "Metoden er ikke tilladt",
        "Den handling kan ikke udføres her.",
    ),
    "request.invalid_value": texts(
        "Invalid value",
        "A value cannot be stored, e.g. it holds a NUL character.",
        "Ugyldig værdi",
        "En værdi kan ikke gemmes, fx fordi den indeholder et NUL-tegn.",
    ),
    "request.invalid_cursor": texts(
        "Invalid cursor",
        "The pagination cursor is not valid.",
        "Ugyldig markør",
        "Markøren til næste side er ikke gyldig. Hent listen forfra.",
    ),
    "precondition.required": texts(
        "If-Match required",
        "Send the resource's ETag in an If-Match header.",
        "If-Match påkrævet",
        "Send ressourcens ETag i en If-Match-header.",
    ),
    "precondition.failed": texts(
        "Stale version",
        "The resource has changed since you read it (now version {current}).",
        "Forældet version",
        "Nogen har ændret det, siden du hentede det (det er nu version {current}). Hent det igen, og prøv "
        "igen.",
    ),
    "precondition.weak_etag": texts(
        "Weak ETag in If-Match",
        "If-Match compares strongly: send the ETag as you read it, without W/ (or * for any version).",
        "Svag ETag i If-Match",
        "If-Match sammenligner præcist: send ETag'en, som du læste den, uden W/ "
        "(eller * for enhver version).",
    ),
    "idempotency.key_reused": texts(
        "Idempotency key reused",
        "This Idempotency-Key was used with another request body.",
        "Idempotensnøgle genbrugt",
        "Denne Idempotency-Key er brugt med et andet indhold.",
    ),
    "idempotency.in_progress": texts(
        "Request in progress",
        "A request with this Idempotency-Key is still being handled.",
        "Forespørgsel i gang",
        "En forespørgsel med denne Idempotency-Key behandles stadig.",
    ),
    "service.unavailable": texts(
        "Service unavailable",
        "The database is not reachable. Try again shortly.",
        "Tjenesten er utilgængelig",
        "Databasen kan ikke nås. Prøv igen om lidt.",
    ),
    "service.conflict": texts(
        "Conflict",
        "The change conflicts with existing data.",
        "Konflikt",
        "Ændringen er i konflikt med eksisterende data.",
    ),
    "internal": texts(
        "Internal error",
        "Something went wrong. The request id identifies it in our logs.",
        "Intern fejl",
        "Noget gik galt hos os. Oplys forespørgslens id, hvis du kontakter support.",
    ),
    "request.not_acceptable": texts(
        "Format not available",
        "This is answered as text/html or application/pdf; ask for one of them in Accept.",
        "Formatet findes ikke",
        "Dette kan hentes som HTML eller PDF. Bed om et af dem.",
    ),
    "request.unsupported_media_type": texts(
        "Unsupported body type",
        "Send text/csv, application/json, application/x-ndjson or a multipart file upload.",
        "Indholdstypen understøttes ikke",
        "Send text/csv, application/json, application/x-ndjson eller en multipart-filoverførsel.",
    ),
    # --- event dates (§8.1): core/event_dates.py, one code family for every domain ---
    "date.in_future": texts(
        "Date in the future",
        "{day} has not come yet: a date that records what happened can be today ({today}) at the latest.",
        "Dato i fremtiden",
        "{day} er ikke kommet endnu: en dato for noget, der er sket, kan senest være i dag ({today}).",
    ),
    "date.before_event": texts(
        "Date before the event it answers",
        "{day} is before {earliest}, the day of what it follows (e.g. a reply before its offer).",
        "Dato før det, den følger af",
        "{day} ligger før {earliest}, dagen for det, den følger af (fx et svar før tilbuddet).",
    ),
}

# Texts shared by several of pydantic's error types below.
_INTEGER = text("The value must be a whole number.", "Værdien skal være et heltal.")
_NUMBER = text("The value must be a number.", "Værdien skal være et tal.")
_BOOLEAN = text("The value must be true or false.", "Værdien skal være true eller false.")
_ONE_OF = text("The value must be one of {expected}.", "Værdien skal være en af {expected}.")
_UUID = text("The value must be a valid UUID.", "Værdien skal være et gyldigt UUID.")
_DATE = text("The value must be a date (YYYY-MM-DD).", "Værdien skal være en dato (ÅÅÅÅ-MM-DD).")
_TIMESTAMP = text(
    "The value must be an RFC 3339 timestamp, e.g. 2026-11-23T09:00:00+01:00.",
    "Værdien skal være et tidspunkt i RFC 3339-format, fx 2026-11-23T09:00:00+01:00.",
)
_TIME_OF_DAY = text("The value must be a time of day (HH:MM).", "Værdien skal være et klokkeslæt (TT:MM).")
_DURATION = text("The value must be a duration.", "Værdien skal være en varighed.")
_LIST = text("The value must be a list.", "Værdien skal være en liste.")
_OBJECT = text("The value must be a JSON object.", "Værdien skal være et JSON-objekt.")
_URL = text("The value must be a valid URL.", "Værdien skal være en gyldig URL.")
_INVALID = text("The value is not valid.", "Værdien er ugyldig.")

# Field-level validation messages, keyed by a stable error code.
FIELD_MESSAGES: Texts = {
    # --- event dates (§8.1), filled from the refusal's parameters ---
    "date.in_future": text(
        "The date can be today ({today}) at the latest.", "Datoen kan senest være i dag ({today})."
    ),
    "date.before_event": text(
        "The date can be {earliest} at the earliest.", "Datoen kan tidligst være {earliest}."
    ),
    # --- the API's dates (core/fields.py `Day`, `Moment`) ---
    "date.out_of_range": text(
        "The date must be in the years 1900 to 2100.", "Datoen skal ligge i årene 1900 til 2100."
    ),
    # --- pydantic's error types (`type` in its errors); {names} come from the error's ctx ---
    "missing": text("This field is required.", "Feltet skal udfyldes."),
    "extra_forbidden": text("This field is not allowed.", "Feltet er ikke tilladt."),
    "string_too_long": text(
        "The text may be at most {max_length} characters long.", "Teksten må højst være på {max_length} tegn."
    ),
    "string_too_short": text(
        "The text must be at least {min_length} characters long.",
        "Teksten skal være på mindst {min_length} tegn.",
    ),
    "string_type": text("The value must be a text string.", "Værdien skal være en tekst."),
    "string_unicode": text("The text is not valid Unicode.", "Teksten er ikke gyldig Unicode."),
    "string_not_ascii": text(
        "The text may contain ASCII characters only.", "Teksten må kun indeholde ASCII-tegn."
    ),
    "string_pattern_mismatch": text(
        "The text does not have the required format.", "Teksten har ikke det krævede format."
    ),
    "int_parsing": _INTEGER,
    "int_type": _INTEGER,
    "int_from_float": text(
        "The value must be a whole number without decimals.", "Værdien skal være et heltal uden decimaler."
    ),
    "int_parsing_size": text("The number is too large.", "Tallet er for stort."),
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "finite_number": text("The number must be finite.", "Tallet skal være endeligt."),
    "decimal_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "decimal_max_digits": text(
        "The number may have at most {max_digits} digits.", "Tallet må højst have {max_digits} cifre."
    ),
    "decimal_max_places": text(
        "The number may have at most {decimal_places} decimals.",
        "Tallet må højst have {decimal_places} decimaler.",
    ),
    "decimal_whole_digits": text(
        "The number may have at most {whole_digits} digits before the decimal point.",
        "Tallet må højst have {whole_digits} cifre før kommaet.",
    ),
    "greater_than": text("The value must be greater than {gt}.", "Værdien skal være større end {gt}."),
    "greater_than_equal": text("The value must be at least {ge}.", "Værdien skal være mindst {ge}."),
    "less_than": text("The value must be less than {lt}.", "Værdien skal være mindre end {lt}."),
    "less_than_equal": text("The value may be at most {le}.", "Værdien må højst være {le}."),
    "multiple_of": text(
        "The value must be a multiple of {multiple_of}.", "Værdien skal være et multiplum af {multiple_of}."
    ),
    "literal_error": _ONE_OF,
    "enum": _ONE_OF,
    "bool_parsing": _BOOLEAN,
    "bool_type": _BOOLEAN,
    "none_required": text("The value must be null.", "Værdien skal være null."),
    "uuid_parsing": _UUID,
    "uuid_type": _UUID,
    "uuid_version": text(
        "The UUID must be version {expected_version}.", "UUID'et skal være version {expected_version}."
    ),
    "date_parsing": _DATE,
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": text(
        "A date may not have a time of day.", "En dato må ikke have et klokkeslæt."
    ),
    "date_past": text("The date must be in the past.", "Datoen skal ligge i fortiden."),
    "date_future": text("The date must be in the future.", "Datoen skal ligge i fremtiden."),
    "datetime_parsing": _TIMESTAMP,
    "datetime_type": _TIMESTAMP,
    "datetime_from_date_parsing": _TIMESTAMP,
    "datetime_object_invalid": text("The timestamp is not valid.", "Tidspunktet er ugyldigt."),
    "datetime_past": text("The timestamp must be in the past.", "Tidspunktet skal ligge i fortiden."),
    "datetime_future": text("The timestamp must be in the future.", "Tidspunktet skal ligge i fremtiden."),
    "timezone_aware": text(
        "The timestamp must have a UTC offset, e.g. +01:00.",
        "Tidspunktet skal have en UTC-forskydning, fx +01:00.",
    ),
    "timezone_naive": text(
        "The timestamp may not have a UTC offset.", "Tidspunktet må ikke have en UTC-forskydning."
    ),
    "time_parsing": _TIME_OF_DAY,
    "time_type": _TIME_OF_DAY,
    "time_delta_parsing": _DURATION,
    "time_delta_type": _DURATION,
    "list_type": _LIST,
    "set_type": _LIST,
    "frozen_set_type": _LIST,
    "tuple_type": _LIST,
    "iterable_type": _LIST,
    "set_item_not_hashable": text(
        "The list contains an invalid item.", "Listen indeholder et ugyldigt element."
    ),
    "too_short": text(
        "At least {min_length} item(s) are required.", "Der skal være mindst {min_length} element(er)."
    ),
    "too_long": text(
        "At most {max_length} item(s) are allowed.", "Der må højst være {max_length} element(er)."
    ),
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "mapping_type": _OBJECT,
    "json_invalid": text("The body is not valid JSON.", "Indholdet er ikke gyldig JSON."),
    "json_type": text("The value must be a JSON string.", "Værdien skal være en JSON-tekst."),
    "value_error": _INVALID,
    "assertion_error": _INVALID,
    "union_tag_invalid": text(
        "Unknown kind {tag}; expected one of {expected_tags}.",
        "Ukendt type {tag}; forventede en af {expected_tags}.",
    ),
    "union_tag_not_found": text(
        "The field {discriminator} is required to tell the kind.",
        "Feltet {discriminator} skal udfyldes for at angive typen.",
    ),
    "url_parsing": _URL,
    "url_type": _URL,
    "url_syntax_violation": _URL,
    "url_scheme": text(
        "The URL must start with {expected_schemes}.", "URL'en skal begynde med {expected_schemes}."
    ),
    "url_too_long": text(
        "The URL may be at most {max_length} characters long.", "URL'en må højst være på {max_length} tegn."
    ),
}


class Labelled(Protocol):
    """What a text's placeholder may name: a vocabulary (core/vocabulary.py), its values labelled."""

    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def labels(self) -> Mapping[str, Mapping[Language, str]]: ...
    def label(self, value: object, lang: Language) -> str: ...


class _Filler(string.Formatter):
    """`str.format` where a placeholder's format spec may name a vocabulary: `{state:GuideState}`
    shows the value's label in the text's language. The one place labels enter a message."""

    def __init__(self, vocabularies: Mapping[str, Labelled], lang: Language) -> None:
        self.vocabularies = vocabularies
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        vocabulary = self.vocabularies.get(format_spec)
        if vocabulary is not None:
            return vocabulary.label(value, self.lang)
        return str(super().format_field(value, format_spec))


@dataclass(frozen=True)
class Catalogue:
    """Texts by code, in English and Danish: problem titles and details, field messages, the
    worklist's obligation titles, and the vocabularies whose labels fill them."""

    problems: ProblemTexts = field(default_factory=dict)
    fields: Texts = field(default_factory=dict)
    obligation_titles: Texts = field(default_factory=dict)
    vocabularies: Mapping[str, Labelled] = field(default_factory=dict)

    def fill(self, text: str, lang: Language, params: Mapping[str, object]) -> str:
        """`text` with its placeholders filled from `params`, vocabulary values by their labels.
        Raises KeyError, IndexError or ValueError when a parameter is missing or will not format."""
        return _Filler(self.vocabularies, lang).vformat(text, (), params)

    def problem_text(self, code: str, lang: Language, params: Mapping[str, object]) -> tuple[str, str]:
        entry = self.problems.get(code) or PROBLEMS["internal"]
        title, detail = entry[lang]
        try:
            return title, self.fill(detail, lang, params)
        except (KeyError, IndexError, ValueError):
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
            return self.fill(entry[lang], lang, values)
        except (KeyError, IndexError, ValueError):
            return _UNFILLED.sub("…", entry[lang])

    def obligation_title(self, kind: str, lang: Language) -> str:
        """The worklist title of an obligation kind; the kind itself if the catalogue lacks it."""
        entry = self.obligation_titles.get(kind)
        return entry[lang] if entry else kind


def merge(*catalogues: Catalogue) -> Catalogue:
    """One catalogue of all of them. A code or vocabulary that two of them define is refused, so
    no domain's text can silently replace another's."""
    return Catalogue(
        problems=_union([c.problems for c in catalogues]),
        fields=_union([c.fields for c in catalogues]),
        obligation_titles=_union([c.obligation_titles for c in catalogues]),
        vocabularies=_union([c.vocabularies for c in catalogues]),
    )


_Entry = TypeVar("_Entry")


def _union(parts: list[Mapping[str, _Entry]]) -> dict[str, _Entry]:
    merged: dict[str, _Entry] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"codes defined in two catalogues: {', '.join(sorted(twice))}")
        merged.update(part)
    return merged


# Core's own texts: what core and the web layer raise, and pydantic's error types.
CATALOGUE = Catalogue(problems=PROBLEMS, fields=FIELD_MESSAGES)

_UNFILLED = re.compile(r"\{[a-z_]+(:[A-Za-z0-9]+)?\}")
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
