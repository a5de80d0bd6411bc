"""An upload is encrypted on disk, reads back as it was sent, and is removed once (imports/upload.py)."""

from __future__ import annotations

import gc
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ungeapi.imports import parsing, rows
from ungeapi.imports.upload import PREFIX, SealedFile

CSV = "\ufeffcpr;fornavn;efternavn\n280599-1234;Testa;Eksempelsen\n010110-4000;Anden;Eksempelsen\n"


@pytest.fixture(autouse=True)
def own_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def sealed(data: bytes, chunk: int = 7) -> SealedFile:
    upload = SealedFile(suffix=".csv")
    for start in range(0, len(data), chunk):
        upload.write(data[start : start + chunk])
    upload.close()
    return upload


class TestSealedFile:
    def test_the_file_on_disk_holds_no_clear_text(self, own_temp_dir: Path) -> None:
        upload = sealed(CSV.encode())
        assert upload.path.parent == own_temp_dir and upload.path.name.startswith(PREFIX)
        on_disk = upload.path.read_bytes()
        assert len(on_disk) == len(CSV.encode())
        assert b"280599" not in on_disk and b"Testa" not in on_disk
        with upload.open_binary() as handle:
            assert handle.read() == CSV.encode()
        upload.remove()

    @settings(max_examples=40, deadline=None)
    @given(data=st.binary(max_size=3000), chunk=st.integers(1, 100), offset=st.integers(0, 3000))
    def test_reads_back_from_any_offset(self, data: bytes, chunk: int, offset: int) -> None:
        upload = sealed(data, chunk)
        try:
            with upload.open_binary() as handle:
                assert handle.read() == data
                handle.seek(min(offset, len(data)))
                assert handle.read() == data[min(offset, len(data)) :]
                handle.seek(0)
                assert handle.read(5) == data[:5]
        finally:
            upload.remove()

    def test_the_csv_reader_reads_an_upload_as_a_file(self, own_temp_dir: Path) -> None:
        upload = sealed(CSV.encode())
        path = own_temp_dir / "plain.csv"
        path.write_text(CSV, encoding="utf-8")
        header, records = parsing.read_csv(upload)
        assert header == parsing.read_csv(path)[0] == ["cpr", "fornavn", "efternavn"]
        assert list(records) == list(parsing.read_csv(path)[1])
        assert parsing.count_records(upload, "csv") == 2
        assert parsing.csv_header(upload) == ["cpr", "fornavn", "efternavn"]
        upload.remove()

    def test_removed_once_and_when_forgotten(self, own_temp_dir: Path) -> None:
        upload = sealed(b"x")
        upload.remove()
        upload.remove()
        assert upload.removed and not list(own_temp_dir.iterdir())
        forgotten = SealedFile(suffix=".csv")
        forgotten.write(CSV.encode())
        del forgotten
        gc.collect()
        assert not list(own_temp_dir.iterdir())

    def test_removed_while_still_being_written(self, own_temp_dir: Path) -> None:
        upload = SealedFile()
        upload.write(b"280599-1234")
        upload.remove()
        assert not list(own_temp_dir.iterdir())
        with pytest.raises(ValueError):
            upload.write(b"more")


class TestHeaderMissing:
    @pytest.mark.parametrize(
        ("kind", "header"),
        [
            ("youth", ["280599-1234", "Testa", "Eksempelsen"]),
            ("youth", ["2805991234", "Testa", "Eksempelsen"]),
            ("youth", ["Testa", "Eksempelsen", "BFU"]),  # no CPR, but no column name either
            ("youth", ["cpr", "given_name", "280599-1234"]),  # a CPR among names: data after all
            ("cases", ["280599-1234", "journal", "S-1", "BFU"]),
            ("absence", ["280599-1234", "Skolen", "2026-08-01"]),
        ],
    )
    def test_a_first_row_of_data_is_no_header(self, kind: str, header: list[str]) -> None:
        assert rows.header_missing(kind, header)

    @pytest.mark.parametrize(
        ("kind", "header"),
        [
            ("youth", ["cpr", "given_name", "family_name"]),
            ("youth", ["CPR-nummer", "Fornavn", "Efternavn", "skostørrelse"]),  # one unknown: reported
            ("youth", []),
            ("youth", ["", " "]),
        ],
    )
    def test_a_header(self, kind: str, header: list[str]) -> None:
        assert not rows.header_missing(kind, header)
        assert not rows.header_missing(kind, None)


def test_text_wrapper_reads_a_bom_through_the_upload() -> None:
    upload = sealed(CSV.encode())
    with io.TextIOWrapper(upload.open_binary(), encoding="utf-8-sig", newline="") as text:
        assert text.readline() == "cpr;fornavn;efternavn\n"
        text.seek(0)
        assert text.read() == CSV.lstrip("\ufeff")
    upload.remove()
