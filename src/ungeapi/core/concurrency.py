"""Optimistic concurrency: the version is the ETag; changes need If-Match."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header

from ungeapi.core.errors import DomainError
from ungeapi.core.permissions import authenticated
from ungeapi.core.security import Principal


class PreconditionRequired(DomainError):
    status = 428
    code = "precondition.required"


class PreconditionFailed(DomainError):
    status = 412
    code = "precondition.failed"


def etag(version: int) -> str:
    return f'"{version}"'


def parse_if_match(value: str | None) -> int:
    if value is None or not value.strip():
        raise PreconditionRequired()
    tag = value.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    tag = tag.strip('"')
    if not tag.isdigit() or len(tag) > 12:
        raise PreconditionFailed(current="?")
    return int(tag)


def check_version(expected: int, current: int) -> None:
    if expected != current:
        raise PreconditionFailed(current=current, headers={"ETag": etag(current)})


async def if_match(
    # Authenticated first: a caller without a valid token learns nothing, not even that If-Match is due.
    _principal: Annotated[Principal, Depends(authenticated)],
    if_match: Annotated[
        str | None,
        Header(description="The ETag of the version you read; required to change a resource."),
    ] = None,
) -> int:
    return parse_if_match(if_match)


IfMatch = Annotated[int, Depends(if_match)]
