"""Optimistic concurrency: the version is the ETag; changes need If-Match.

An answer's ETag is `"<version>"` with a fingerprint of the answer after it (core/conditional.py):
`"3-9f2c41d07ab3e865"`. If-Match compares the version, the state a change applies to: the whole
ETag and the bare `"3"` both name version 3. The comparison is strong (RFC 9110 §13.1.1): a weak
tag (`W/"3"`) never matches and is refused with its own code, and `*` (any current version) is
accepted.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from ungeapi.core.errors import DomainError
from ungeapi.core.permissions import authenticated
from ungeapi.core.security import Principal

# `If-Match: *`: whatever the current version is. No version is negative (the municipality's
# settings are version 0 until first stored), so it names none of them.
ANY_VERSION = -1


class PreconditionRequired(DomainError):
    status = 428
    code = "precondition.required"


class PreconditionFailed(DomainError):
    status = 412
    code = "precondition.failed"


class WeakPrecondition(PreconditionFailed):
    code = "precondition.weak_etag"


def etag(version: int) -> str:
    return f'"{version}"'


def parse_if_match(value: str | None) -> int:
    """The version If-Match names; `ANY_VERSION` for `*`."""
    if value is None or not value.strip():
        raise PreconditionRequired()
    tag = value.strip()
    if tag == "*":
        return ANY_VERSION
    if tag[:2] in ("W/", "w/"):
        raise WeakPrecondition()
    version = tag.strip('"').partition("-")[0]
    if not (version.isascii() and version.isdigit()) or len(version) > 12:
        raise PreconditionFailed(current="?")
    return int(version)


def check_version(expected: int, current: int) -> None:
    if expected != ANY_VERSION and expected != current:
        raise PreconditionFailed(current=current, headers={"ETag": etag(current)})


async def if_match(
    # Authenticated first: a caller without a valid token learns nothing, not even that If-Match is due.
    _principal: Annotated[Principal, Depends(authenticated)],
    if_match: Annotated[
        str | None,
        Header(
            description="The ETag of the version you read (`*`: whichever is current); required to "
            "change a resource. Weak tags (`W/...`) are refused."
        ),
    ] = None,
) -> int:
    return parse_if_match(if_match)


IfMatch = Annotated[int, Depends(if_match)]
