"""The pieces of ETags and conditional GETs (core/conditional.py); the behaviour is tested
through the API in tests/api/http/test_conditional.py."""

from __future__ import annotations

import pytest

from ungeapi.core import conditional
from ungeapi.core.concurrency import ANY_VERSION, PreconditionFailed, WeakPrecondition, parse_if_match


def start(*headers: tuple[bytes, bytes], status: int = 200) -> dict:
    return {"type": "http.response.start", "status": status, "headers": list(headers)}


def test_a_version_tag_gets_the_fingerprint_of_the_body() -> None:
    one = conditional.finish(start((b"etag", b'"3"')), b'{"a":1}', None)
    two = conditional.finish(start((b"etag", b'"3"')), b'{"a":2}', None)
    tags = [dict(m["headers"])[b"etag"].decode() for m in (one, two)]
    assert all(t.startswith('"3-') and t.endswith('"') for t in tags) and tags[0] != tags[1]


def test_a_match_is_304_without_the_body_headers() -> None:
    body = b'{"a":1}'
    tag = dict(conditional.finish(start((b"etag", b'"3"')), body, None)["headers"])[b"etag"].decode()
    answer = conditional.finish(
        start((b"etag", b'"3"'), (b"content-type", b"application/json"), (b"content-length", b"7")), body, tag
    )
    assert answer["status"] == 304
    assert {name for name, _ in answer["headers"]} == {b"etag"}


@pytest.mark.parametrize(("given", "matched"), [("*", True), ('"x"', False), ('W/"x", "y"', False), ("", False)])
def test_if_none_match_lists(given: str, matched: bool) -> None:
    assert conditional.matches(given, '"x-1"') is matched


def test_if_match_names_the_version() -> None:
    assert parse_if_match('"3"') == parse_if_match('"3-9f2c41d07ab3e865"') == parse_if_match("3") == 3
    assert parse_if_match(" * ") == ANY_VERSION
    with pytest.raises(WeakPrecondition):
        parse_if_match('W/"3"')
    assert parse_if_match('"0"') == 0  # the municipality's settings before they are stored
    for bad in ('"-1"', '"x"', '"1", "2"', '"9999999999999"', '"٣"'):
        with pytest.raises(PreconditionFailed):
            parse_if_match(bad)
