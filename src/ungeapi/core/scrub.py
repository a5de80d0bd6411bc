"""CPR-shaped values out of everything a client can make us store or log in clear text.

A CPR number belongs in one place, the youth's encrypted column. Whatever else a client sends
that we keep (a purpose, a request id, an import file's name, its column names and bad values in
an import report) is masked before it is stored, so a dump of the database holds no CPR number.

"CPR-shaped" is wider than a valid CPR number on purpose: six digits, an optional separator and
four digits (DDMMYY-SSSS, DDMMYYSSSS, "DDMMYY SSSS"), not part of a longer run of digits, and
whatever the date. Masking a number that only looks like one costs nothing.
"""

from __future__ import annotations

import re
from typing import Any

MASK = "[cpr]"
# Hyphen, the Unicode hyphens and dashes a word processor puts in, or a space.
CPR_SHAPED = re.compile(r"(?<!\d)\d{6}[-\u2010-\u2015 ]?\d{4}(?!\d)")


# Identifiers in the formats systems generate: a UUID, a trace id of 32 or more hex digits. Ten
# digits in a row occur in them by chance (in about one UUID in a hundred); they are no number.
IDENTIFIER = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|(?<![0-9a-zA-Z])[0-9a-fA-F]{32,}(?![0-9a-zA-Z])"
)


def has_cpr(text: str) -> bool:
    return CPR_SHAPED.search(text) is not None


def has_cpr_beside_identifiers(text: str) -> bool:
    """A CPR-shaped value outside the UUIDs and hex trace ids in `text`."""
    return has_cpr(IDENTIFIER.sub(" ", text))


def mask_cpr(text: str) -> str:
    """`text` with every CPR-shaped value replaced by `[cpr]`; other text is left as it is."""
    # \d is any decimal digit, full-width and Arabic-Indic ones too: they carry a number as well.
    return CPR_SHAPED.sub(MASK, text)


def mask_cpr_in(value: Any) -> Any:
    """A JSON-like value (dicts, lists, strings) with every string and key masked."""
    if isinstance(value, str):
        return mask_cpr(value)
    if isinstance(value, dict):
        return {mask_cpr(str(k)): mask_cpr_in(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_cpr_in(v) for v in value]
    return value


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def clean_text(value: str | None, max_length: int) -> str:
    """A client's free text for the audit log (`X-Purpose`): control characters and CPR-shaped
    values out, whitespace trimmed, then cut to `max_length`. Masked before it is cut, so a cut
    never leaves half a number unmasked."""
    text = _CONTROL.sub(" ", value or "").strip()
    return mask_cpr(text)[:max_length].strip()
