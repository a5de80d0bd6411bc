from __future__ import annotations

from ungeapi.core.url_guard import CPR_LIKE
from ungeapi.feeds import rules


def test_a_token_names_its_municipality_and_nothing_else_does() -> None:
    token = rules.new_token("860")
    assert rules.municipality_of(token) == "860"
    for other in ("", "ugf_860_", token.upper(), token + "0", token.replace("ugf", "xyz"), "ugf_86_" + "0" * 64):
        assert rules.municipality_of(other) is None


def test_a_token_never_looks_like_a_cpr_number_in_a_url() -> None:
    # All digits is the worst case for the guard: still one word, no ten digits standing alone.
    assert not CPR_LIKE.search("ugf_860_" + "0123456789" * 6 + "0123")
    assert all(not CPR_LIKE.search(rules.new_token("101")) for _ in range(200))


def test_tokens_differ_and_only_their_digest_is_kept() -> None:
    first, second = rules.new_token("101"), rules.new_token("101")
    assert first != second and rules.digest(first) != rules.digest(second) and len(rules.digest(first)) == 32


def test_a_jwt_is_recognised() -> None:
    assert rules.looks_like_jwt("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
    assert not rules.looks_like_jwt(rules.new_token("101"))


def test_the_owner_or_an_admin_manages_a_token() -> None:
    assert rules.may_manage("karin", frozenset({"caseworker"}), "karin")
    assert not rules.may_manage("ole", frozenset({"caseworker", "coordinator"}), "karin")
    assert rules.may_manage("ole", frozenset({"admin"}), "karin")
