"""Rows of an uploaded export, streamed: CSV (UTF-8 with or without BOM, UTF-16, or Windows-1258;
comma, semicolon or tab) or XLSX.

An export's XLSX is read row by row as it is unzipped (dossiers.xlsx_stream: expat with any DTD
refused, so no entity at all, hence no "billion laughs" nor external entity): python-calamine,
the Rust calamine reader (quick-xml, which expands no entities and reads no DTD either), reads
100,000 rows in about 3 s where openpyxl's read-only mode takes 36–41 s, but it builds the whole
sheet in memory first, about 150 MB more for 100,000 dossiers, over what an import may use. It
still reads the Biểu 06 report (a few dozen rows) and is the reference the streamed reader is
tested against. The ZIP container itself is checked before (forms.check_export: bounded
unpacked size).

A row is a list of cell values (str, int, float, datetime, date or None) numbered as the user
sees it in the file (the first row is 1)."""

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from python_calamine import CalamineWorkbook

from dossiers.mapping import header_row_score
from dossiers.xlsx_stream import xlsx_rows

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


def _xlsx_rows(stream) -> Iterator[tuple[int, list]]:
    workbook = CalamineWorkbook.from_filelike(stream)
    try:
        sheet = workbook.get_sheet_by_index(0)
        # iter_rows starts at the sheet's first row, used or not (though at its first used
        # column): number them from 1, as Excel does.
        for offset, row in enumerate(sheet.iter_rows(), start=1):
            yield offset, [cell if cell != "" else None for cell in row]
    finally:
        workbook.close()


def read_rows(stream, fmt: str) -> Iterator[tuple[int, list]]:
    """Every row of the file (its first sheet), numbered, without looking for a header. (For
    the Biểu 06 report: a sheet of a few dozen rows, read by python-calamine.)"""
    return _xlsx_rows(stream) if fmt == "xlsx" else _csv_rows(stream)


def read_table(stream, fmt: str) -> Table:
    """The header row (the first among the first rows that names two fields, else the first
    non-empty row) and the rows after it. `stream` is a binary file positioned at 0. An XLSX
    is streamed (dossiers.xlsx_stream): its rows are read as they are unzipped."""
    rows = xlsx_rows(stream) if fmt == "xlsx" else _csv_rows(stream)
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
