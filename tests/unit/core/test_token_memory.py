"""A verified token is remembered, but never longer than the key set is trusted without a reload."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import pytest

from ungeapi.core import security
from ungeapi.core.security import TokenVerifier, mint_dev_token
from ungeapi.core.settings import DEV_JWT_SECRET, Settings


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    now = {"offset": 0.0}
    fake = SimpleNamespace(
        time=lambda: time.time() + now["offset"], monotonic=lambda: time.monotonic() + now["offset"]
    )
    monkeypatch.setattr(security, "time", fake)
    return now


async def test_remembered_until_the_key_set_would_be_reloaded(clock: dict[str, float]) -> None:
    settings = Settings(env="test", jwt_dev_secret=DEV_JWT_SECRET)
    verifier = TokenVerifier(settings)
    calls: list[str] = []
    real = verifier._verify

    async def counted(token: str) -> Any:
        calls.append(token)
        return await real(token)

    verifier._verify = counted  # type: ignore[method-assign]
    token = mint_dev_token(settings, sub="cw", roles=["caseworker"], departments=["BFU"], municipality="860")
    first = await verifier.verify(token)
    assert (await verifier.verify(token)) == first and len(calls) == 1
    clock["offset"] = security.JWKS_REFRESH_SECONDS - 1
    await verifier.verify(token)
    assert len(calls) == 1
    clock["offset"] = security.JWKS_REFRESH_SECONDS + 1
    assert (await verifier.verify(token)) == first
    assert len(calls) == 2
