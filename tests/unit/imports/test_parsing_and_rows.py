"""Import files read as streams, and records validated with the API's schemas and rules."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ungeapi.cases.schemas import Caseworker
from ungeapi.imports import parsing, rows

TODAY = date(2026, 11, 23)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


class TestCsv:
    @pytest.mark.parametrize("delimiter", [";", ",", "\t"])
    @pytest.mark.parametrize("bom", ["", "\ufeff"])
    def test_delimiters_and_bom(self, tmp_path, delimiter, bom) -> None:
        text = (
            bom
            + delimiter.join(["CPR-nummer", "Fornavn"])
            + "\r\n"
            + delimiter.join(["010110-4000", "Æble"])
            + "\r\n"
        )
        header, records = parsing.read_csv(write(tmp_path, "a.csv", text))
        assert header == ["CPR-nummer", "Fornavn"]
        assert list(records) == [(2, {"CPR-nummer": "010110-4000", "Fornavn": "Æble"})]

    def test_quoted_newlines_blank_lines_and_ragged_rows(self, tmp_path) -> None:
        text = 'a;b\n"x\ny";2\n\n1;2;3\n4;5\n'
        _, records = parsing.read_csv(write(tmp_path, "a.csv", text))
        out = list(records)
        assert out[0] == (3, {"a": "x\ny", "b": "2"})
        assert out[1][0] == 5 and isinstance(out[1][1], parsing.BadRecord)
        assert out[2] == (6, {"a": "4", "b": "5"})

    def test_empty_file(self, tmp_path) -> None:
        header, records = parsing.read_csv(write(tmp_path, "a.csv", ""))
        assert header == [] and list(records) == []

    def test_not_utf8_fails_loudly(self, tmp_path) -> None:
        path = write(tmp_path, "a.csv", "a;b\nÆ;Ø\n", encoding="latin-1")
        with pytest.raises(UnicodeDecodeError):
            list(parsing.read_csv(path)[1])

    @pytest.mark.parametrize(
        ("given_", "expected"),
        [("CPR-nummer", "cpr_nummer"), (" Målgrupper ", "maalgrupper"), ("Forældre advaret", "foraeldre_advaret"),
         ("Ekstern id", "ekstern_id"), ("given_name", "given_name")],
    )  # fmt: skip
    def test_headers(self, given_, expected) -> None:
        assert parsing.normalise_header(given_) == expected


class TestJson:
    @settings(max_examples=40)
    @given(
        st.lists(
            st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=20)), max_size=3),
            max_size=20,
        ),
        st.integers(min_value=1, max_value=50),
    )
    def test_any_chunking_gives_the_same_records(self, items, chunk) -> None:
        text = "[\n" + ",\n".join(json.dumps(i) for i in items) + "\n]\n"
        old, parsing.CHUNK = parsing.CHUNK, chunk
        try:
            got = list(parsing._array_items(io.StringIO(text), json.JSONDecoder()))
        finally:
            parsing.CHUNK = old
        assert [r for _, r in got] == items
        assert [line for line, _ in got] == list(range(2, 2 + len(items)))

    @pytest.mark.parametrize("text", ['{"a": 1}', "[", '[{"a": 1}', '[{"a": 1} {"b": 2}]', "[{,}]"])
    def test_broken_arrays(self, tmp_path, text) -> None:
        with pytest.raises(parsing.MalformedFile):
            list(parsing.read_json_array(write(tmp_path, "a.json", text)))

    def test_ndjson_lines(self, tmp_path) -> None:
        path = write(tmp_path, "a.ndjson", '{"a": 1}\n\nnope\n[2]\n{"b": 2}')
        got = list(parsing.read_ndjson(path))
        assert [line for line, _ in got] == [1, 3, 4, 5]
        assert isinstance(got[1][1], parsing.BadRecord) and isinstance(got[2][1], parsing.BadRecord)

    def test_counting(self, tmp_path) -> None:
        assert parsing.count_records(write(tmp_path, "a.json", "[{}, {}, 3]"), "json") == 3
        assert parsing.count_records(write(tmp_path, "b.json", "[{}, "), "json") is None

    @settings(max_examples=200, deadline=None)
    @given(
        lines=st.lists(
            st.lists(st.sampled_from(["a", " ", "", '"x;y"', '"q""', "\u00e6", "1,5"]), max_size=4).map(
                ";".join
            ),
            max_size=8,
        ),
        bom=st.booleans(),
    )
    def test_csv_count_is_what_the_reader_yields(self, lines: list[str], bom: bool) -> None:
        # A quicker count than reading the records; it must agree with them, also on broken files.
        text = ("\ufeff" if bom else "") + "cpr;fornavn;efternavn\n" + "\n".join(lines)
        path = Path(self.tmp) / "count.csv"
        path.write_text(text, encoding="utf-8")
        try:
            expected: int | None = len(list(parsing.read_csv(path)[1]))
        except parsing.MalformedFile:
            expected = None
        assert parsing.count_records(path, "csv") == expected

    @pytest.fixture(autouse=True)
    def _tmp(self, tmp_path: Path) -> None:
        self.tmp = tmp_path


def youth(record: dict, **overrides):
    kwargs = {"from_csv": True, "today": TODAY, "age_min": 13, "age_max": 30, "departments": {"BFU", "SKOLE"},
              "hash_cpr": lambda d: d.encode(),
              "encrypt_cpr": lambda d: b"enc" + d.encode(), **overrides}  # fmt: skip
    return rows.youth_row(7, record, **kwargs)


class TestYouthRows:
    def test_danish_columns_become_the_api_fields(self) -> None:
        row = youth({"CPR-nummer": "010110-4000", "Fornavn": " Testa ", "Efternavn": "Eksempelsen",
                     "Målgrupper": "placed|absence", "Kildesystem": "journal", "Ekstern id": "U-1", "Afdeling": "BFU"})  # fmt: skip
        assert isinstance(row, rows.YouthRow)
        assert (row.given_name, row.target_groups, row.external_system, row.external_id) == (
            "Testa", ["placed", "absence"], "journal", "U-1")  # fmt: skip
        assert row.cpr_hash == b"0101104000" and row.birth_date == date(2010, 1, 1) and row.guardians is None

    @pytest.mark.parametrize(
        ("record", "field", "code"),
        [
            ({"cpr": "010110-400X", "fornavn": "A", "efternavn": "B"}, "cpr", "cpr.format"),
            ({"cpr": "320110-4000", "fornavn": "A", "efternavn": "B"}, "cpr", "cpr.date"),
            ({"cpr": "010110-4000", "fornavn": "A", "efternavn": ""}, "family_name", "missing"),
            ({"cpr": "010170-1234", "fornavn": "A", "efternavn": "B"}, "cpr", "youth.outside_age_window"),
            (
                {"cpr": "010110-4000", "fornavn": "A", "efternavn": "B", "målgrupper": "x"},
                "target_groups.0",
                "literal_error",
            ),
            (
                {"cpr": "010110-4000", "fornavn": "A", "efternavn": "B", "afdeling": "XYZ"},
                "registered_by_department",
                "import.unknown_department",
            ),
        ],
    )
    def test_problems_coded_as_the_api_codes_them(self, record, field, code) -> None:
        [problem] = youth(record)
        assert (problem.line, problem.field, problem.code) == (7, field, code)
        assert problem.message and "010" not in problem.message

    def test_json_records_keep_their_types(self) -> None:
        row = youth({"cpr": "0101104000", "given_name": "A", "family_name": "B",
                     "guardians": [{"name": "M", "relation": "mother", "has_custody": True}]}, from_csv=False)  # fmt: skip
        assert (
            isinstance(row, rows.YouthRow) and row.guardians and row.guardians[0]["involve_until_18"] is True
        )
        [problem] = youth(
            {"cpr": "0101104000", "given_name": "A", "family_name": "B", "x": 1}, from_csv=False
        )
        assert (problem.field, problem.code) == ("x", "extra_forbidden")

    def test_a_bad_record(self) -> None:
        [problem] = youth(parsing.BadRecord("not a JSON object"))
        assert problem.code == "import.invalid_record" and "not a JSON object" in problem.message


def case(record: dict, **overrides):
    kwargs = {"from_csv": True, "today": TODAY, "departments": {"BFU", "ARB"}, "caller_departments": ("BFU",),
              "municipality_wide": False, "caller": Caseworker(sub="me", name="Me"),
              "hash_cpr": lambda d: d.encode(), **overrides}  # fmt: skip
    return rows.case_row(3, record, **kwargs)


class TestCaseRows:
    def test_a_good_row_defaults_like_the_api(self) -> None:
        row = case({"cpr": "010110-4000", "afdeling": "BFU", "sagstype": "placement",
                    "journalsystem": "sbsys", "journalnummer": "S-1"})  # fmt: skip
        assert isinstance(row, rows.CaseRow)
        assert (row.opened_on, row.caseworker_sub, row.youth_cpr_hash) == (TODAY, "me", b"0101104000")

    def test_rules(self) -> None:
        codes = {p.code for p in case({"afdeling": "ARB", "sagstype": "placement", "oprettet": "2026-01-02",
                                       "afsluttet": "2026-01-01"})}  # fmt: skip
        assert codes == {"import.youth_reference_required", "import.external_ref_required", "case.department_not_yours",
                         "case.closed_before_opened"}  # fmt: skip
        [unknown] = case({"youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10", "afdeling": "X", "sagstype": "other",
                          "system": "s", "journalnummer": "1"}, municipality_wide=True)  # fmt: skip
        assert unknown.code == "case.unknown_department"


class TestAbsenceRows:
    def test_danish_decimal_commas_and_quarters(self) -> None:
        row = rows.absence_row(
            2, {"cpr": "010110-4000", "skole": "S", "kvartal": "2026Q1", "lovligt": "1,5", "ulovligt": "10,25",
                "sygdom": "0"}, from_csv=True, today=TODAY, departments=set(), hash_cpr=lambda d: d.encode())  # fmt: skip
        assert isinstance(row, rows.AbsenceRow) and str(row.unlawful_pct) == "10.25"
        assert (row.period_from, row.period_to, row.quarter) == (
            date(2026, 1, 1),
            date(2026, 3, 31),
            "2026Q1",
        )

    def test_rules(self) -> None:
        problems = rows.absence_row(
            2, {"youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10", "skole": "S", "fra": "2026-02-01",
                "til": "2026-01-01", "lovligt": "60", "ulovligt": "50", "sygdom": "0", "afdeling": "XYZ"},
            from_csv=True, today=TODAY, departments={"SKOLE"}, hash_cpr=lambda d: d.encode())  # fmt: skip
        assert {p.code for p in problems} == {
            "absence.period_invalid",
            "absence.shares_exceed_total",
            "import.unknown_department",
        }
