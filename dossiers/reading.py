"""Rows of an uploaded export, streamed: CSV (UTF-8 with or without BOM, UTF-16, or Windows-1258;
comma, semicolon or tab) or XLSX read by python-calamine.

Why python-calamine for XLSX: it is the Rust calamine reader, whose XML parser (quick-xml)
expands no entities and reads no DTD, so a "billion laughs" or external-entity file cannot
blow up memory or read local files, as an entity-expanding parser could; it needs no defusedxml
to be safe; and it reads 100,000 rows in about 3 s here where openpyxl's read-only mode takes
36–41 s. The ZIP container itself is checked before (forms.check_export: bounded unpacked size).

A row is a list of cell values (str, int, float, datetime, date or None) numbered as the user
sees it in the file (the first row is 1)."""

import codecs
import csv
import io
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass

from python_calamine import CalamineWorkbook

from dossiers.mapping import header_row_score

HEADER_SEARCH_ROWS = 30
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Table:
    """A file's header row (its number and cells) and an iterator over the rows after it."""

    header_row: int
    headers: list[str]
    rows: Iterator[tuple[int, list]]


def file_format(head: bytes) -> str:
    """ "xlsx" for a ZIP container (an Office file), "csv" otherwise."""
    return "xlsx" if head.startswith(ZIP_MAGIC) else "csv"


def _text_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte letter cut at the end of the sample is not a sign of another encoding.
        if error.start < len(head) - 4:
            return "cp1258"
    return "utf-8"


def _delimiter(first_lines: str) -> str:
    counts = {sep: first_lines.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=counts.get)


def _csv_rows(stream) -> Iterator[tuple[int, list]]:
    head = stream.read(65536)
    stream.seek(0)
    encoding = _text_encoding(head)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    sample = text.read(8192)
    text.seek(0)
    reader = csv.reader(text, delimiter=_delimiter(sample))
    for number, row in enumerate(reader, start=1):
        yield number, [cell if cell != "" else None for cell in row]


def _local_path(stream) -> str | None:
    """The path of the file behind `stream` when it is a local file (an upload kept by the file
    system storage, a file opened by name), else None."""
    try:
        path = stream.path  # a FieldFile of a file system storage
    except (AttributeError, NotImplementedError, ValueError):
        path = getattr(stream, "name", None)
    if isinstance(path, str) and os.path.isabs(path) and os.path.isfile(path):
        return path
    return None


def _xlsx_rows(stream) -> Iterator[tuple[int, list]]:
    # From the path when there is one: calamine then reads the ZIP's parts from the file, where
    # from a stream it first copies the whole file into memory (twice: Python's bytes, then its
    # own), about 2.5 times the file's size more at the peak.
    path = _local_path(stream)
    workbook = CalamineWorkbook.from_path(path) if path else CalamineWorkbook.from_filelike(stream)
    try:
        sheet = workbook.get_sheet_by_index(0)
        # Rows before the sheet's first used row are not in iter_rows: number them as Excel does.
        first = sheet.start[0] if sheet.start else 0
        for offset, row in enumerate(sheet.iter_rows(), start=first + 1):
            yield offset, [cell if cell != "" else None for cell in row]
    finally:
        workbook.close()


def read_rows(stream, fmt: str) -> Iterator[tuple[int, list]]:
    """Every row of the file (its first sheet), numbered, without looking for a header."""
    return _xlsx_rows(stream) if fmt == "xlsx" else _csv_rows(stream)


def read_table(stream, fmt: str) -> Table:
    """The header row (the first among the first rows that names two fields, else the first
    non-empty row) and the rows after it. `stream` is a binary file positioned at 0."""
    rows = _xlsx_rows(stream) if fmt == "xlsx" else _csv_rows(stream)
    seen = []
    header = None
    for number, cells in rows:
        seen.append((number, cells))
        if header_row_score(cells) >= 2:
            header = (number, cells)
            break
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        header = next(((n, c) for n, c in seen if any(c)), (0, []))
        remaining = itertools.chain([(n, c) for n, c in seen if n > header[0]], rows)
    else:
        remaining = rows
    headers = [str(cell).strip() if cell is not None else "" for cell in header[1]]
    return Table(header_row=header[0], headers=headers, rows=remaining)
