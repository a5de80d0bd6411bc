"""CPR-shaped values are masked in whatever a client makes us keep (core/scrub.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ungeapi.core.observability import new_request_id, request_id_from
from ungeapi.core.scrub import MASK, clean_text, has_cpr, mask_cpr, mask_cpr_in

# What the at-rest scan looks for: DDMMYY-SSSS or ten digits, not inside a longer number.
SCAN = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")

cprs = st.builds(
    lambda day, month, year, serial, sep: f"{day:02d}{month:02d}{year:02d}{sep}{serial:04d}",
    st.integers(1, 31),
    st.integers(1, 12),
    st.integers(0, 99),
    st.integers(0, 9999),
    st.sampled_from(["-", "", " ", "\u2010", "\u2013"]),
)
texts = st.text(max_size=60)


class TestMaskCpr:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("opslag 280599-1234 mor", "opslag [cpr] mor"),
            ("2805991234", "[cpr]"),
            ("req_2805991234", "req_[cpr]"),
            ("cpr280599-1234x", "cpr[cpr]x"),
            ("280599 1234", "[cpr]"),
            ("280599–1234", "[cpr]"),  # an en dash from a word processor
            ("a 280599-1234, b 010110-4000", "a [cpr], b [cpr]"),
            ("telefon 12345678", "telefon 12345678"),  # eight digits: not a CPR number
            ("12805991234", "12805991234"),  # eleven digits: part of a longer number
            ("28059-91234", "28059-91234"),
            ("sag 2024-1234", "sag 2024-1234"),
            ("", ""),
            ("\u0662\u0668\u0660\u0665\u0669\u0669\u0661\u0662\u0663\u0664", "[cpr]"),  # Arabic-Indic
        ],
    )
    def test_examples(self, text: str, expected: str) -> None:
        assert mask_cpr(text) == expected

    @given(before=texts, cpr=cprs, after=texts)
    @example(before="1", cpr="280599-1234", after="")
    def test_a_cpr_anywhere_is_gone(self, before: str, cpr: str, after: str) -> None:
        # Glued to other digits it is part of a longer number, which is not masked; put a space.
        masked = mask_cpr(f"{before} {cpr} {after}")
        assert cpr not in masked
        assert not SCAN.search(masked)
        assert not has_cpr(masked)

    @given(texts)
    def test_nothing_cpr_shaped_survives_and_masking_twice_changes_nothing(self, text: str) -> None:
        masked = mask_cpr(text)
        assert not SCAN.search(masked) and not has_cpr(masked)
        assert mask_cpr(masked) == masked

    @given(st.text(alphabet=st.characters(blacklist_categories=["Nd"]), max_size=80))
    def test_text_without_digits_is_untouched(self, text: str) -> None:
        assert mask_cpr(text) == text

    @given(st.lists(st.integers(0, 10**9 - 1).map(str), max_size=5))
    def test_shorter_numbers_are_untouched(self, numbers: list[str]) -> None:
        text = ", ".join(numbers)
        assert mask_cpr(text) == text

    def test_json_values_and_keys(self) -> None:
        value = {"280599-1234": ["x 2805991234", 5, None, {"k": "010110-4000"}], "n": 2805991234}
        assert mask_cpr_in(value) == {MASK: ["x [cpr]", 5, None, {"k": MASK}], "n": 2805991234}
        assert mask_cpr_in(None) is None


class TestCleanText:
    @given(text=texts, cpr=cprs, cut=st.integers(1, 200))
    def test_a_cut_never_leaves_a_number(self, text: str, cpr: str, cut: int) -> None:
        cleaned = clean_text(f"{text} {cpr}", cut)
        assert len(cleaned) <= cut
        assert not SCAN.search(cleaned)

    def test_control_characters_and_whitespace(self) -> None:
        assert clean_text("  opslag\n280599-1234\x00mor  ", 200) == "opslag [cpr] mor"
        assert clean_text(None, 200) == ""


class TestRequestIds:
    @pytest.mark.parametrize(
        "given_id", ["280599-1234", "2805991234", "req_2805991234", "a" * 101, "a b", ""]
    )
    def test_a_cpr_shaped_or_unsafe_id_is_replaced(self, given_id: str) -> None:
        ours = request_id_from(given_id)
        assert ours != given_id and re.fullmatch(r"[0-9a-f]{32}", ours) and not has_cpr(ours)

    @pytest.mark.parametrize(
        "given_id",
        [
            "abc-123",
            "5f0c9a7e2b1d4c8e9a3f6b2d1e0c7a94",
            "trace.1.2",
            # Identifiers whose digits happen to run to ten: a UUID, a trace id.
            "3f2a9c1e-8b7d-4e6f-a5b4-1234567890ab",
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "ab12345678901234567890123456cdef",
        ],
    )
    def test_a_safe_id_is_kept(self, given_id: str) -> None:
        assert request_id_from(given_id) == given_id

    def test_our_own_ids_never_look_like_one(self) -> None:
        assert not any(has_cpr(new_request_id()) for _ in range(2000))
