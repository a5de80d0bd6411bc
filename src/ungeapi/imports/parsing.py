"""Streaming readers for import files: CSV (`;` or `,`, UTF-8 with or without BOM), a JSON
array, and NDJSON. Each yields (line, record) one record at a time, so memory stays flat
whatever the file's size; `line` is the record's line in the file (the header is line 1).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TextIO

CHUNK = 1 << 16
# A field can hold a whole guardian list; no record of ours is near this, a broken file may be.
csv.field_size_limit(1 << 20)


class MalformedFile(Exception):
    """The file cannot be read on past `line` (e.g. a JSON array that is not closed)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class BadRecord:
    """One record that is not an object (a broken NDJSON line, a number in a JSON array)."""

    reason: str


Record = dict[str, Any] | BadRecord


def normalise_header(name: str) -> str:
    """`CPR-nummer` -> `cpr_nummer`, `Målgrupper` -> `maalgrupper`, `Forældre advaret` ->
    `foraeldre_advaret`."""
    text = name.strip().lower()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    for sep in (" ", "-", ".", "/"):
        text = text.replace(sep, "_")
    return "_".join(p for p in text.split("_") if p)


class Sealed(Protocol):
    """An upload kept encrypted on disk (imports/upload.py): read through `open_binary`."""

    def open_binary(self) -> BinaryIO: ...


# A file given by path (the CLI, the benchmark) or an upload (HTTP).
Source = Path | Sealed


def _open_text(path: Source) -> TextIO:
    # utf-8-sig drops a byte-order mark if there is one; newline="" as the csv module needs.
    if isinstance(path, Path):
        return open(path, encoding="utf-8-sig", newline="")  # closed by the callers
    return io.TextIOWrapper(path.open_binary(), encoding="utf-8-sig", newline="")


def sniff_delimiter(header_line: str) -> str:
    """Semicolon (what Danish spreadsheets write), comma or tab: whichever the header has most of."""
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_reader(path: Source) -> tuple[TextIO, Any]:
    handle = _open_text(path)
    first = handle.readline()
    handle.seek(0)
    if first.startswith("\ufeff"):  # a BOM that utf-8-sig did not take (it always does; defensive)
        first = first[1:]
    return handle, csv.reader(handle, delimiter=sniff_delimiter(first))


def _blank(values: list[str]) -> bool:
    return not any(v.strip() for v in values)


def read_csv(path: Source) -> tuple[list[str], Iterator[tuple[int, Record]]]:
    """(the header's column names as written, the rows as {column: text})."""
    handle, reader = _csv_reader(path)
    try:
        header = next(reader)
    except StopIteration:
        handle.close()
        return [], iter(())

    def rows() -> Iterator[tuple[int, Record]]:
        try:
            for values in reader:
                if _blank(values):
                    continue
                line = reader.line_num
                if len(values) != len(header):
                    yield line, BadRecord(f"{len(values)} columns, the header has {len(header)}")
                    continue
                yield line, dict(zip(header, values, strict=True))
        except csv.Error as exc:
            raise MalformedFile(reader.line_num, str(exc)) from exc
        finally:
            handle.close()

    return header, rows()


def csv_header(path: Source) -> list[str] | None:
    """The first row of a CSV file (its header, if it has one); None when it cannot be read."""
    try:
        handle, reader = _csv_reader(path)
    except UnicodeDecodeError:
        return None
    with handle:
        try:
            return next(reader, [])
        except (csv.Error, UnicodeDecodeError):
            return None


def read_ndjson(path: Source) -> Iterator[tuple[int, Record]]:
    with _open_text(path) as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except ValueError as exc:
                yield number, BadRecord(f"not JSON ({getattr(exc, 'msg', exc)})")
                continue
            yield number, value if isinstance(value, dict) else BadRecord("not a JSON object")


def read_json_array(path: Source) -> Iterator[tuple[int, Record]]:
    """The items of a top-level JSON array, decoded one at a time from a sliding buffer."""
    decoder = json.JSONDecoder()
    with _open_text(path) as handle:
        yield from _array_items(handle, decoder)


def _array_items(handle: TextIO | io.StringIO, decoder: json.JSONDecoder) -> Iterator[tuple[int, Record]]:
    buf, pos, line, eof = "", 0, 1, False

    def fill() -> None:
        nonlocal buf, pos, eof
        data = handle.read(CHUNK)
        if not data:
            eof = True
        buf, pos = buf[pos:] + data, 0

    def skip_space() -> None:
        nonlocal pos, line
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n":
                if buf[pos] == "\n":
                    line += 1
                pos += 1
            if pos < len(buf) or eof:
                return
            fill()

    fill()
    skip_space()
    if pos >= len(buf) or buf[pos] != "[":
        raise MalformedFile(line, "the file is not a JSON array")
    pos += 1
    expect_item = True
    first = True
    while True:
        skip_space()
        if pos >= len(buf):
            raise MalformedFile(line, "the JSON array is not closed")
        char = buf[pos]
        if char == "]" and (first or not expect_item):
            return
        if not expect_item:
            if char != ",":
                raise MalformedFile(line, "expected , or ] between records")
            pos += 1
            expect_item = True
            continue
        while True:
            try:
                value, end = decoder.raw_decode(buf, pos)
            except ValueError as exc:
                if eof:
                    raise MalformedFile(line, f"not JSON ({exc.args[0]})") from exc
                fill()
                continue
            if end == len(buf) and not eof:
                fill()  # a number or literal may go on in the next chunk
                continue
            break
        start_line = line
        line += buf.count("\n", pos, end)
        pos = end
        first = False
        expect_item = False
        yield start_line, value if isinstance(value, dict) else BadRecord("not a JSON object")


def records(path: Source, fmt: str) -> tuple[list[str] | None, Iterator[tuple[int, Record]]]:
    """(CSV header or None, the records)."""
    if fmt == "csv":
        header, rows = read_csv(path)
        return header, rows
    if fmt == "ndjson":
        return None, read_ndjson(path)
    return None, read_json_array(path)


def count_records(path: Source, fmt: str) -> int | None:
    """The number of records, for progress; None when the file cannot be read to the end."""
    try:
        if fmt == "csv":
            return _count_csv(path)
        return sum(1 for _ in records(path, fmt)[1])
    except (MalformedFile, UnicodeDecodeError):
        return None


def _count_csv(path: Source) -> int:
    """What read_csv would yield, counted without building the records."""
    handle, reader = _csv_reader(path)
    with handle:
        try:
            if next(reader, None) is None:
                return 0
            return sum(1 for values in reader if not _blank(values))
        except csv.Error as exc:
            raise MalformedFile(reader.line_num, str(exc)) from exc
