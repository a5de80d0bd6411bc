import pytest

from ungeapi.core.settings import Settings


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            '["https://ung.kommune.example", "http://localhost:5173"]',
            ["https://ung.kommune.example", "http://localhost:5173"],
        ),
        (
            "https://ung.kommune.example, http://localhost:5173",
            ["https://ung.kommune.example", "http://localhost:5173"],
        ),
        ("https://ung.kommune.example/", ["https://ung.kommune.example"]),
        ("", []),
        ("[]", []),
    ],
)
def test_cors_origins_from_json_or_commas(monkeypatch, value: str, expected: list[str]) -> None:
    monkeypatch.setenv("UNGEAPI_CORS_ORIGINS", value)
    assert Settings(env="test").cors_origins == expected


def test_no_cors_origins_by_default(monkeypatch) -> None:
    monkeypatch.delenv("UNGEAPI_CORS_ORIGINS", raising=False)
    assert Settings(env="test").cors_origins == []
