"""A citizen's token's claims: the CPR claim becomes a keyed hash at once, never the principal's
`sub`; a token without a usable CPR number or municipality is refused."""

from __future__ import annotations

import pytest

from ungeapi.core.citizen import CITIZEN_ROLE, citizen_from_claims, cpr_digits
from ungeapi.core.crypto import CprVault
from ungeapi.core.security import InvalidToken
from ungeapi.core.settings import DEV_JWT_SECRET, Settings

SETTINGS = Settings(env="test", jwt_dev_secret=DEV_JWT_SECRET, citizen_municipality="101")
VAULT = CprVault(SETTINGS.effective_cpr_key, SETTINGS.effective_cpr_hash_key)
CPR = "0101104123"


def claims(**extra: object) -> dict[str, object]:
    return {"sub": "broker-subject", "exp": 2_000_000_000, SETTINGS.citizen_cpr_claim: CPR, **extra}


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        ("0101104123", CPR),
        ("010110-4123", CPR),
        ("01011041234", None),
        ("010110412a", None),
        (None, None),
        (101104123, None),
    ],
)
def test_cpr_digits(value: object, digits: str | None) -> None:
    assert cpr_digits(value) == digits


def test_the_principal_is_the_keyed_hash_never_the_number() -> None:
    citizen = citizen_from_claims(claims(), settings=SETTINGS, vault=VAULT)
    assert citizen.cpr_hash == VAULT.lookup_hash(CPR)
    assert CPR not in repr(citizen) and CPR not in citizen.sub
    assert citizen.roles == frozenset({CITIZEN_ROLE}) and citizen.municipality == "101"
    # The same person, with or without a dash, is the same citizen.
    dashed = citizen_from_claims(
        claims(**{SETTINGS.citizen_cpr_claim: "010110-4123"}), settings=SETTINGS, vault=VAULT
    )
    assert dashed.sub == citizen.sub


def test_without_a_cpr_claim_the_pseudonymous_sub_names_the_citizen() -> None:
    citizen = citizen_from_claims(
        claims(**{SETTINGS.citizen_cpr_claim: None, "sub": "broker-pseudonym-1"}),
        settings=SETTINGS,
        vault=VAULT,
    )
    assert citizen.subject == "broker-pseudonym-1" and citizen.cpr_hash == b""
    assert "broker-pseudonym-1" not in citizen.sub and citizen.sub.startswith("citizen:")
    # A pseudonym that looks like a CPR number is never taken for that person.
    lookalike = citizen_from_claims(
        claims(**{SETTINGS.citizen_cpr_claim: None, "sub": CPR}), settings=SETTINGS, vault=VAULT
    )
    assert lookalike.sub != citizen_from_claims(claims(), settings=SETTINGS, vault=VAULT).sub
    assert lookalike.cpr_hash == b""


def test_the_tokens_municipality_wins_over_the_setting() -> None:
    assert (
        citizen_from_claims(claims(municipality="202"), settings=SETTINGS, vault=VAULT).municipality == "202"
    )


@pytest.mark.parametrize(
    "bad",
    [
        {SETTINGS.citizen_cpr_claim: "123"},
        {SETTINGS.citizen_cpr_claim: 101104123},
        {SETTINGS.citizen_cpr_claim: None, "sub": "x" * 201},
        {"municipality": "12"},
        {"sub": ""},
        {"exp": "2000000000"},
    ],
)
def test_refused(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidToken):
        citizen_from_claims(claims(**bad), settings=SETTINGS, vault=VAULT)


def test_no_municipality_anywhere_is_refused() -> None:
    settings = SETTINGS.model_copy(update={"citizen_municipality": None})
    with pytest.raises(InvalidToken):
        citizen_from_claims(claims(), settings=settings, vault=VAULT)


def test_the_citizens_issuer_must_differ_from_the_employees() -> None:
    with pytest.raises(ValueError, match="CITIZEN_JWT_ISSUER"):
        Settings(env="test", jwt_issuer="same", citizen_jwt_issuer="same")
