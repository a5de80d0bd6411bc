"""The one message catalogue, merged from core's texts and every domain's: both languages
everywhere, no code defined twice, and every code the code uses is in it."""

from __future__ import annotations

import ast
import importlib
import re
import string
import typing
from pathlib import Path

import pytest
from pydantic_core import core_schema

from ungeapi.api.messages import CATALOGUE
from ungeapi.core.event_dates import BEFORE_EVENT, IN_FUTURE
from ungeapi.core.messages import FIELD_CODE, Catalogue, merge
from ungeapi.imports import rows
from ungeapi.obligations import messages as obligation_messages

SRC = Path(__file__).resolve().parents[3] / "src" / "ungeapi"
PROBLEMS, FIELD_MESSAGES, OBLIGATION_TITLES = CATALOGUE.problems, CATALOGUE.fields, CATALOGUE.obligation_titles

# pydantic error types a client can cause through a JSON body, a query string, a header or a
# path: each needs a Danish message.
CLIENT_ERROR_TYPES = {
    "missing", "extra_forbidden", "json_invalid", "json_type", "value_error", "assertion_error",
    "string_type", "string_too_short", "string_too_long", "string_pattern_mismatch", "string_unicode",
    "string_not_ascii", "int_type", "int_parsing", "int_parsing_size", "int_from_float", "float_type",
    "float_parsing", "finite_number", "decimal_type", "decimal_parsing", "decimal_max_digits",
    "decimal_max_places", "decimal_whole_digits", "greater_than", "greater_than_equal", "less_than",
    "less_than_equal", "multiple_of", "literal_error", "enum", "bool_type", "bool_parsing",
    "none_required", "uuid_type", "uuid_parsing", "uuid_version", "date_type", "date_parsing",
    "date_from_datetime_parsing", "date_from_datetime_inexact", "date_past", "date_future",
    "datetime_type", "datetime_parsing", "datetime_from_date_parsing", "datetime_object_invalid",
    "datetime_past", "datetime_future", "timezone_aware", "timezone_naive", "time_type", "time_parsing",
    "time_delta_type", "time_delta_parsing", "list_type", "set_type", "frozen_set_type", "tuple_type",
    "iterable_type", "set_item_not_hashable", "too_short", "too_long", "dict_type", "model_type",
    "model_attributes_type", "mapping_type", "union_tag_invalid", "union_tag_not_found", "url_type",
    "url_parsing", "url_syntax_violation", "url_scheme", "url_too_long",
}  # fmt: skip


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# Parameters that only the English detail shows: a parser's English words, for integrators. The
# Danish text says what to check instead of quoting them.
ENGLISH_ONLY = {"reason"}


class TestBothLanguages:
    @pytest.mark.parametrize("code", sorted(PROBLEMS))
    def test_every_problem_is_danish_and_english(self, code: str) -> None:
        texts = PROBLEMS[code]
        assert set(texts) == {"en", "da"}
        (title_en, detail_en), (title_da, detail_da) = texts["en"], texts["da"]
        assert title_da != title_en and detail_da != detail_en
        assert all(t.strip() for t in (title_en, detail_en, title_da, detail_da))
        assert placeholders(detail_da) <= placeholders(detail_en)
        assert placeholders(detail_en) - placeholders(detail_da) <= ENGLISH_ONLY

    @pytest.mark.parametrize("code", sorted(FIELD_MESSAGES))
    def test_every_field_message_is_danish_and_english(self, code: str) -> None:
        texts = FIELD_MESSAGES[code]
        assert set(texts) == {"en", "da"}
        assert texts["da"] != texts["en"]
        assert placeholders(texts["da"]) == placeholders(texts["en"])

    def test_every_obligation_title_is_danish_and_english(self) -> None:
        for kind, texts in OBLIGATION_TITLES.items():
            assert set(texts) == {"en", "da"}, kind
            assert texts["da"] != texts["en"], kind

    def test_obligation_title_reads_the_catalogue(self, monkeypatch) -> None:
        monkeypatch.setitem(
            obligation_messages.OBLIGATION_TITLES,
            "team.first_meeting_due",
            {"en": "First team meeting due", "da": "Første møde i koordinerende team skal holdes"},
        )
        titles = obligation_messages.CATALOGUE
        assert titles.obligation_title("team.first_meeting_due", "da").startswith("Første møde")
        assert titles.obligation_title("no.such.kind", "da") == "no.such.kind"


class TestOneCatalogue:
    def test_a_code_two_catalogues_define_is_refused(self) -> None:
        first = Catalogue(problems={"x.taken": {"en": ("A", "A."), "da": ("B", "B.")}})
        second = Catalogue(
            problems={"x.taken": {"en": ("C", "C."), "da": ("D", "D.")}},
            fields={"x.field": {"en": "E.", "da": "F."}},
        )
        with pytest.raises(ValueError, match=r"x\.taken"):
            merge(first, second)
        fields = Catalogue(fields={"x.field": {"en": "G.", "da": "H."}})
        with pytest.raises(ValueError, match=r"x\.field"):
            merge(second, fields)
        assert merge(first, fields).problems == first.problems

    @pytest.mark.parametrize(
        "module", sorted(p.parent.name for p in SRC.glob("*/messages.py") if p.parent.name != "api")
    )
    def test_every_domains_texts_are_in_it(self, module: str) -> None:
        own = importlib.import_module(f"ungeapi.{module}.messages").CATALOGUE
        assert sorted(own.problems.keys() - PROBLEMS.keys()) == [], "merge it in api/messages.py"
        assert sorted(own.fields.keys() - FIELD_MESSAGES.keys()) == []
        assert sorted(own.obligation_titles.keys() - OBLIGATION_TITLES.keys()) == []


class TestFieldMessages:
    def test_every_client_error_type_has_a_message(self) -> None:
        known = set(typing.get_args(core_schema.ErrorType))
        assert CLIENT_ERROR_TYPES <= known, "pydantic renamed an error type"
        assert sorted(CLIENT_ERROR_TYPES - set(FIELD_MESSAGES)) == []

    def test_parameters_are_filled(self) -> None:
        assert CATALOGUE.field_message("string_too_long", "da", "", {"max_length": 200}) == (
            "Teksten må højst være på 200 tegn."
        )
        assert CATALOGUE.field_message("greater_than_equal", "en", "", {"ge": 1}) == "The value must be at least 1."

    def test_allowed_values_are_joined_in_danish(self) -> None:
        message = CATALOGUE.field_message("literal_error", "da", "", {"expected": "'mother', 'father' or 'other'"})
        assert message == "Værdien skal være en af 'mother', 'father' eller 'other'."

    def test_missing_parameters_do_not_leak_braces(self) -> None:
        assert "{" not in CATALOGUE.field_message("too_long", "da", "", {})

    def test_an_unknown_code_is_generic_in_danish_and_kept_in_english(self) -> None:
        assert CATALOGUE.field_message("no_such_type", "en", "Input is odd") == "Input is odd"
        assert CATALOGUE.field_message("no_such_type", "da", "Input is odd") == "Værdien er ugyldig."


def _codes_used_in_source() -> tuple[set[str], set[str]]:
    """(problem codes, field codes) named as literals in src/: class `code = "..."` attributes,
    `SomeError("code", ...)` and `Problem("code", ...)` calls, and `ValueError("code")`."""
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in SRC.rglob("*.py")]
    bases: dict[str, set[str]] = {}
    class_codes: dict[str, str] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else ast.unparse(b) for b in node.bases}
                for stmt in node.body:
                    target = (
                        stmt.targets[0] if isinstance(stmt, ast.Assign) else getattr(stmt, "target", None)
                    )
                    value = getattr(stmt, "value", None)
                    if (
                        isinstance(target, ast.Name)
                        and target.id == "code"
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        class_codes[node.name] = value.value
    domain_errors = {"DomainError"}
    changed = True
    while changed:
        grown = {name for name, parents in bases.items() if parents & domain_errors}
        changed = not grown <= domain_errors
        domain_errors |= grown
    problem_codes = {code for name, code in class_codes.items() if name in domain_errors}
    field_codes: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            literal = node.args[0].value
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if not isinstance(literal, str) or not FIELD_CODE.match(literal):
                continue
            if name == "ValueError":
                field_codes.add(literal)
            elif name in domain_errors or name == "Problem":
                problem_codes.add(literal)
    return problem_codes, field_codes


def test_every_code_in_the_source_is_in_the_catalogue() -> None:
    problem_codes, field_codes = _codes_used_in_source()
    assert "youth.not_found" in problem_codes and "cpr.date" in field_codes  # the scan sees them
    assert sorted(problem_codes - set(PROBLEMS)) == [], "add these to the raising domain's messages.py"
    assert sorted(field_codes - set(FIELD_MESSAGES)) == [], "add these to FIELD_MESSAGES"


def test_every_code_an_import_reports_has_its_text() -> None:
    """An import's report renders from the texts of the domains whose rules its records pass,
    not the whole catalogue: each code it names is among them."""
    named = {
        node.args[2].value
        for path in (SRC / "imports").glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == "problem"
        and len(node.args) > 2
        and isinstance(node.args[2], ast.Constant)
    }
    assert {"import.duplicate_row", "youth.archived", "case.unknown_department"} <= named  # the scan sees them
    assert sorted((named | {IN_FUTURE, BEFORE_EVENT}) - set(rows.REPORT_TEXTS.problems)) == []


RULE_ID = re.compile(r"\bR\d+[a-z]?\b")


def test_danish_texts_name_no_rule_ids() -> None:
    """A caseworker reads the Danish texts: rule ids (R16) belong in the code and the English
    detail for integrators, not in Danish."""
    danish = [
        *(text for entry in PROBLEMS.values() for text in entry["da"]),
        *(entry["da"] for entry in FIELD_MESSAGES.values()),
        *(entry["da"] for entry in OBLIGATION_TITLES.values()),
    ]
    assert [text for text in danish if RULE_ID.search(text)] == []


def _danish_texts() -> list[tuple[str, str]]:
    """(where, text) of every Danish text a caller can be shown."""
    return [
        *((f"{code} title", entry["da"][0]) for code, entry in PROBLEMS.items()),
        *((f"{code} detail", entry["da"][1]) for code, entry in PROBLEMS.items()),
        *((f"{code} field", entry["da"]) for code, entry in FIELD_MESSAGES.items()),
        *((f"{kind} obligation", entry["da"]) for kind, entry in OBLIGATION_TITLES.items()),
    ]


def _literal_parts(text: str) -> str:
    """The text without its placeholders: what the catalogue itself says."""
    return "".join(literal for literal, _, _, _ in string.Formatter().parse(text))


# A wire value or a field name: `children_family`, `status_reason`, `frame.worries`.
WIRE_WORD = re.compile(r"`|\b[a-z]+_[a-z0-9_]+\b|\b[a-z]+\.[a-z_]+\b")


class TestDanishForCaseworkers:
    """Issue 18: a caseworker reads the Danish texts, so they name values by their Danish labels
    and hold no field names, wire values or unfinished sentences."""

    def test_no_wire_values_or_field_names(self) -> None:
        found = [(where, text) for where, text in _danish_texts() if WIRE_WORD.search(_literal_parts(text))]
        assert found == []

    @pytest.mark.parametrize("code", sorted(PROBLEMS))
    def test_a_value_shown_as_a_wire_value_in_english_is_labelled_in_danish(self, code: str) -> None:
        """The English detail shows a vocabulary value as it is sent (`{state}` in backticks), for
        integrators; the Danish shows it through its vocabulary (`{state:GuideState}`)."""
        detail_en, detail_da = PROBLEMS[code]["en"][1], PROBLEMS[code]["da"][1]
        wire = set(re.findall(r"`\{([a-z_]+)\}", detail_en))
        labelled = {name for _, name, spec, _ in string.Formatter().parse(detail_da) if name and spec}
        assert wire <= labelled, f"render {sorted(wire - labelled)} with their labels in Danish"

    def test_every_vocabulary_a_text_names_exists(self) -> None:
        named = {
            spec
            for _, text in _danish_texts()
            for _, name, spec, _ in string.Formatter().parse(text)
            if name and spec
        }
        assert named and sorted(named - set(CATALOGUE.vocabularies)) == []

    def test_details_are_finished_sentences_and_titles_are_not(self) -> None:
        for code, entry in PROBLEMS.items():
            for lang in ("en", "da"):
                title, detail = entry[lang]
                assert detail[0].isupper() or detail[0] in "{`", (code, lang, detail)
                assert detail.endswith((".", "?")), (code, lang, detail)
                assert not title.endswith("."), (code, lang, title)

    def test_a_danish_detail_shows_the_labels_not_the_values(self) -> None:
        _, detail = CATALOGUE.problem_text("guide.invalid_transition", "da", {"state": "offered", "action": "end"})
        assert detail == "Handlingen »Afslut forløbet« kan ikke udføres på et ungeguideforløb med status »Tilbudt«."
        english = CATALOGUE.problem_text("guide.invalid_transition", "en", {"state": "offered", "action": "end"})
        assert english[1] == "The action `end` is not possible for a guide offer that is `offered`."

    @pytest.mark.parametrize(
        ("code", "params", "shown", "hidden"),
        [
            ("referral.invalid_transition", {"state": "documentation_requested", "action": "schedule"},
             ["»Sæt på dagsordenen«", "»Sendt tilbage for dokumentation«"], ["schedule", "documentation_"]),
            ("plan.finished", {"plan_status": "completed"}, ["»Gennemført«"], ["completed"]),
            ("concern.invalid_action", {"state": "closed", "action": "update"}, ["»Ret«", "»Afsluttet«"],
             ["update", "closed"]),
            ("meeting.wrong_forum", {"forum": "conference"}, ["»Ungekonference«"], ["conference"]),
            ("team.goal_horizon_mismatch", {"goal_id": "g-1", "horizon": "long", "linked_as": "short"},
             ["»Langsigtet mål«", "»Delmål (kort sigt)«"], ["long", "short"]),
        ],
    )  # fmt: skip
    def test_labels_of_every_kind_of_refusal(self, code, params, shown, hidden) -> None:
        _, detail = CATALOGUE.problem_text(code, "da", params)
        assert all(label in detail for label in shown), detail
        assert not any(value in detail for value in hidden), detail

    def test_a_value_outside_the_vocabulary_is_shown_as_it_is(self) -> None:
        _, detail = CATALOGUE.problem_text("plan.finished", "da", {"plan_status": "archived"})
        assert "»archived«" in detail
