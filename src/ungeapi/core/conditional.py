"""ETags, conditional GETs and caching of every answer, in one place (core/observability.py's
request layer calls it on the way out).

A route that answers a versioned resource names its version (`Call.with_etag`, `filed`):
`ETag: "3"`. Here it becomes the answer's ETag: the version and a fingerprint of the answer's
bytes, `"3-9f2c41d07ab3e865"`. The fingerprint changes whenever the answer does, also when the
version does not: a youth's age on a birthday, a meeting's free minutes when a referral is
placed on its agenda, what the caller's role lets them see, the language. A version alone would
answer 304 to a copy that is no longer what the API would send. A GET of a single resource
without a version (an overview, an agenda, the calendar feed) gets the fingerprint alone. If-Match
compares the version part (core/concurrency.py), so `"3"` and the whole ETag both name version 3.

`If-None-Match` that matches (weak comparison, RFC 9110 §13.1.2; `*` matches any) answers
304 Not Modified without a body. The route has run and its transaction has committed, so the
read is audited like any other: the caller goes on showing the data it holds.

Every /v1 answer is `Cache-Control: no-store` unless its route says otherwise: they hold
personal data, or say who may see it, and a shared computer's browser must not keep them.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel
from starlette.types import Message, Scope

Headers = list[tuple[bytes, bytes]]

NO_STORE = (b"cache-control", b"no-store")
# What a 304 leaves out of the 200 it stands for: the body's own description.
_BODY_HEADERS = frozenset({b"content-type", b"content-length"})


def is_versioned(tag: bytes) -> bool:
    """A route's version tag, `"3"`, as `etag()` writes it."""
    return len(tag) > 2 and tag[0] == tag[-1] == 0x22 and tag[1:-1].isdigit()


# Route -> whether it answers a single resource; by id, as routes compare by value. The route is
# kept with its answer, so its id is never another's.
_SINGLE: dict[int, tuple[Any, bool]] = {}


def single_resource(route: Any) -> bool:
    """A GET route of /v1 that answers one thing, not a page of them: its answers get an ETag."""
    known = _SINGLE.get(id(route))
    if known is None:
        known = _SINGLE[id(route)] = (route, _answers_one(route))
    return known[1]


def _answers_one(route: Any) -> bool:
    if "GET" not in (getattr(route, "methods", None) or ()) or not route.path.startswith("/v1/"):
        return False
    model = getattr(route, "response_model", None)
    is_page = isinstance(model, type) and issubclass(model, BaseModel) and "next_cursor" in model.model_fields
    return not is_page


def on_start(message: Message, scope: Scope) -> bool:
    """Adds `Cache-Control: no-store` to a /v1 answer without its own. True when the answer gets
    an ETag, so its start waits for its body: a 2xx the route gave a version tag, or a GET of a
    single resource answered 200."""
    headers: Headers = message["headers"]
    versioned = cached = False
    for name, value in headers:
        if name == b"etag":
            versioned = is_versioned(value)
        elif name == b"cache-control":
            cached = True
    if not cached and scope["path"].startswith("/v1/"):
        headers.append(NO_STORE)
    status: int = message["status"]
    if versioned:
        return 200 <= status < 300
    return status == 200 and scope["method"] == "GET" and single_resource(scope.get("route"))


def fingerprint(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=8).hexdigest()


def finish(start: Message, body: bytes, if_none_match: str | None) -> Message:
    """The start of an answer whose body is `body`: its ETag made whole, and turned into 304 Not
    Modified when `if_none_match` (the request's header, on a GET) names that ETag."""
    headers: Headers = start["headers"]
    mark = fingerprint(body)
    for i, (name, value) in enumerate(headers):
        if name == b"etag":
            tag = f'"{value[1:-1].decode()}-{mark}"' if is_versioned(value) else f'"{mark}"'
            headers[i] = (b"etag", tag.encode())
            break
    else:
        tag = f'"{mark}"'
        headers.append((b"etag", tag.encode()))
    if if_none_match is None or not matches(if_none_match, tag):
        return start
    kept = [(name, value) for name, value in headers if name not in _BODY_HEADERS]
    return {"type": "http.response.start", "status": 304, "headers": kept}


def matches(if_none_match: str, tag: str) -> bool:
    """If-None-Match's weak comparison: `*`, or one of its tags with or without `W/`."""
    for given in if_none_match.split(","):
        given = given.strip()
        if given == "*" or given.removeprefix("W/") == tag:
            return True
    return False
