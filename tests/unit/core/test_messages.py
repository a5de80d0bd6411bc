import pytest

from ungeapi.api.messages import CATALOGUE
from ungeapi.core.messages import pick_language


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("da", "da"),
        ("da-DK", "da"),
        ("en-GB,da;q=0.9", "en"),
        ("da;q=0.8,en;q=0.9", "en"),
        ("de,da;q=0.5", "da"),
        ("fr", "en"),
        ("da;q=bad,en;q=0.1", "en"),
    ],
)
def test_language_from_accept_language(header: str | None, expected: str) -> None:
    assert pick_language(header) == expected


def test_every_problem_has_both_languages() -> None:
    for code, texts in CATALOGUE.problems.items():
        assert set(texts) == {"en", "da"}, code
        assert texts["en"] != texts["da"], code
    for code, texts in CATALOGUE.fields.items():
        assert set(texts) == {"en", "da"}, code


def test_detail_is_filled_from_parameters() -> None:
    params = {"age": 31, "age_min": 13, "age_max": 30}
    assert CATALOGUE.problem_text("youth.outside_age_window", "da", params)[1].startswith("Den unge er 31 år")


def test_unknown_code_falls_back_to_internal() -> None:
    assert CATALOGUE.problem_text("no.such.code", "en", {})[0] == "Internal error"
