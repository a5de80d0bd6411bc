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


def has_cpr(text: str) -> bool:
    return CPR_SHAPED.search(text) is not None


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
