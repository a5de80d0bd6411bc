"""Pure rules of documents: what an upload may be, how a scan's answer reads, which format a
reader asked for, and when a journal reference may be written.

HTML or PDF (`negotiate`): a printable record (the plan, the minutes) answers the media type the
client's Accept prefers, by its q-values: `text/html` or `application/pdf`; `*/*`, `text/*` and
`application/*` stand for the first of them, HTML (what a browser asks for); no Accept header is
HTML too (what the routes answered before PDF). Anything else: nothing (406).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Literal

Format = Literal["html", "pdf"]
Verdict = Literal["clean", "infected", "failed"]

HTML = "text/html"
PDF = "application/pdf"
_FORMATS: dict[str, Format] = {HTML: "html", PDF: "pdf"}
_WILDCARDS: dict[str, Format] = {"*/*": "html", "text/*": "html", "application/*": "pdf"}
# A clock a little ahead of ours does not journalize in the future.
CLOCK_SKEW = timedelta(minutes=5)


def media_type(header: str | None) -> str:
    """The bare media type of a Content-Type header, lower case, without parameters."""
    return (header or "").split(";", 1)[0].strip().lower()


OCTET_STREAM = "application/octet-stream"
# The first bytes of each kind of file the defaults accept.
_MAGIC = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


def sniffed(data: bytes) -> str | None:
    """The media type the bytes begin like, if one of the known."""
    return next((media for magic, media in _MAGIC if data.startswith(magic)), None)


def effective_type(declared: str | None, data: bytes) -> str:
    """The upload's media type: as declared, or, sent as bare bytes (application/octet-stream, as
    generated clients send a file), what the bytes begin like."""
    given = media_type(declared)
    if given == OCTET_STREAM:
        return sniffed(data) or OCTET_STREAM
    return given


def type_allowed(content_type: str, allowed: Collection[str]) -> bool:
    """The upload's media type is one of the settings' (compared without parameters)."""
    return media_type(content_type) in {media_type(a) for a in allowed}


def too_large(size: int, limit: int) -> bool:
    return size > limit


def scan_verdict(exit_code: int | None) -> Verdict:
    """A scan command's exit status, as ClamAV's clamscan/clamdscan give it: 0 clean, 1 infected,
    anything else (2: an error; None: it did not finish) failed."""
    if exit_code == 0:
        return "clean"
    if exit_code == 1:
        return "infected"
    return "failed"


def _weighted(accept: str) -> list[tuple[float, int, str]]:
    """(q, order, media range) of each part of an Accept header; unparseable q counts as 0."""
    found: list[tuple[float, int, str]] = []
    for order, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        if not pieces[0]:
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        found.append((q, order, pieces[0].lower()))
    return found


def negotiate(accept: str | None) -> Format | None:
    """The format the Accept header prefers among HTML and PDF; None: it accepts neither."""
    if accept is None or not accept.strip():
        return "html"
    best: tuple[tuple[float, int, int], Format] | None = None
    for q, order, media in _weighted(accept):
        chosen = _FORMATS.get(media) or _WILDCARDS.get(media)
        if chosen is None or q <= 0:
            continue
        # Higher q first; an exact type before a wildcard at the same q; else the order given.
        rank = (q, 1 if media in _FORMATS else 0, -order)
        if best is None or rank > best[0]:
            best = (rank, chosen)
    return None if best is None else best[1]


# The journal system's integration: it must journalize every document the authority holds
# (journaliseringspligt), whatever its class, so R9 does not withhold the bytes from it.
JOURNAL_ROLE = "integration"


def may_fetch(withheld: bool, roles: Collection[str]) -> bool:
    """The bytes cannot be read in part: a reader from whom the class is withheld gets none of
    them, except the journal system's integration."""
    return not withheld or JOURNAL_ROLE in roles


def journal_time_refused(journalized_at: datetime, now: datetime, created_at: datetime) -> bool:
    """A journal reference cannot be journalized in the future, nor before the document existed."""
    return journalized_at > now + CLOCK_SKEW or journalized_at < created_at - CLOCK_SKEW
