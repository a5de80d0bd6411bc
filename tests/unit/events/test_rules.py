"""The webhook rules: event types, signatures, backoff and the dead-letter window."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.events import rules

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class TestTypes:
    @pytest.mark.parametrize(
        ("patterns", "kind", "expected"),
        [
            ([], "youth.created", True),
            (["*"], "case.updated", True),
            (["youth.*"], "youth.archived", True),
            (["youth.*"], "youth_case.created", False),
            (["youth.created"], "youth.updated", False),
            (["case.created", "youth.updated"], "youth.updated", True),
        ],
    )
    def test_matching(self, patterns, kind, expected) -> None:
        assert rules.type_matches(patterns, kind) is expected

    def test_event_type(self) -> None:
        assert rules.event_type("referral", "state_changed") == "referral.state_changed"


class TestSignature:
    def test_the_documented_scheme(self) -> None:
        body = b'{"id":1}'
        mac = hmac.new(b"whsec_x", b"1700000000." + body, hashlib.sha256).hexdigest()
        assert rules.signature("whsec_x", 1700000000, body) == f"t=1700000000,v1={mac}"

    @given(st.binary(max_size=300), st.text(min_size=1, max_size=40))
    def test_verifies_its_own_and_nothing_else(self, body: bytes, secret: str) -> None:
        header = rules.signature(secret, int(NOW.timestamp()), body)
        assert rules.verify_signature(secret, header, body, NOW)
        assert not rules.verify_signature(secret + "x", header, body, NOW)
        assert not rules.verify_signature(secret, header, body + b" ", NOW)

    def test_old_timestamps_and_garbage_are_refused(self) -> None:
        header = rules.signature("s", int(NOW.timestamp()), b"{}")
        assert not rules.verify_signature("s", header, b"{}", NOW + timedelta(minutes=6))
        assert rules.verify_signature("s", header, b"{}", NOW + timedelta(minutes=4))
        for bad in ("", "t=abc,v1=00", "v1=00", "t=1"):
            assert not rules.verify_signature("s", bad, b"{}", NOW)

    def test_several_v1_values_during_secret_rotation(self) -> None:
        header = rules.signature("new", int(NOW.timestamp()), b"{}")
        old = rules.signature("old", int(NOW.timestamp()), b"{}").split(",")[1]
        assert rules.verify_signature("old", f"{header},{old}", b"{}", NOW)


class TestRetries:
    def test_exponential_then_capped(self) -> None:
        delays = [rules.retry_delay(n, 1.0) for n in range(1, 12)]
        assert delays[:4] == [timedelta(seconds=s) for s in (10, 20, 40, 80)]
        assert delays[-1] == rules.MAX_DELAY and delays == sorted(delays)

    @given(st.integers(min_value=1, max_value=10_000), st.floats(min_value=-5, max_value=5, allow_nan=False))
    def test_jitter_stays_within_half_and_one_and_a_half(self, attempt: int, jitter: float) -> None:
        base = rules.retry_delay(attempt, 1.0)
        assert base * 0.5 <= rules.retry_delay(attempt, jitter) <= base * 1.5

    def test_attempts_start_at_one(self) -> None:
        with pytest.raises(ValueError):
            rules.retry_delay(0, 1.0)

    def test_at_least_24_hours_before_the_dead_letter(self) -> None:
        assert not rules.dead_letter(NOW, NOW + timedelta(hours=23, minutes=59))
        assert rules.dead_letter(NOW, NOW + timedelta(hours=24))

    @given(st.integers(min_value=1, max_value=60))
    def test_a_retry_schedule_spans_the_window_with_many_attempts(self, _: int) -> None:
        """Even with the largest jitter, a day of failures means many attempts, not a few."""
        elapsed, attempts = timedelta(0), 1
        while not rules.dead_letter(NOW, NOW + elapsed):
            elapsed += rules.retry_delay(attempts, 1.5)
            attempts += 1
        assert attempts >= 20 and elapsed >= rules.RETRY_WINDOW

    @pytest.mark.parametrize(
        ("status", "ok"), [(200, True), (204, True), (299, True), (301, False), (500, False)]
    )
    def test_only_2xx_is_delivered(self, status, ok) -> None:
        assert rules.is_success(status) is ok


class TestPublicAddress:
    @pytest.mark.parametrize(
        "address",
        [
            "127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "224.0.0.1", "255.255.255.255", "192.0.2.1", "::1", "::", "fe80::1", "fe80::1%eth0", "fc00::1",
            "2001:db8::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "ff02::1", "not an address",
        ],
    )  # fmt: skip
    def test_not_public(self, address: str) -> None:
        assert not rules.public_address(address)

    @pytest.mark.parametrize("address", ["8.8.8.8", "193.163.102.10", "2a00:1450:4001::1", "::ffff:8.8.8.8"])
    def test_public(self, address: str) -> None:
        assert rules.public_address(address)
