"""The first sheet of an XLSX read row by row as its XML is unzipped, so that memory does not
grow with the sheet: python-calamine, fast as it is, builds the whole sheet in memory before
the first row comes out (about 150 MB more at the peak for 100,000 dossiers of 20 columns,
over the 300 MB an import may use).

Safe against XML bombs without defusedxml: every part is read by expat with any document type
declaration refused, so no entity can be declared, neither one expanding to gigabytes ("billion
laughs") nor an external one reading a local file; only XML's five predefined entities and
character references exist. The ZIP container is bounded before (forms.check_export).

The values are those python-calamine gives (its reader stays the reference the tests compare
with): text as str; numbers as float; booleans; a number in a date format as a date (a whole
day), a time (under a day) or a date-time, rounded to the millisecond; in a duration format
("[h]:mm") as a timedelta; an error or an empty cell as None. Rows are numbered as in the
sheet (the first is 1) and hold the cells from column A; missing rows are not yielded."""

import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from xml.parsers import expat

CHUNK = 1 << 16
_EPOCH = datetime(1899, 12, 30)
_DAYS_1904 = 1462
# Excel's built-in number formats that are dates or times; 46 ([h]:mm:ss) is a duration.
_BUILTIN_DATES = {*range(14, 23), *range(27, 37), 45, 47, *range(50, 59)}
_BUILTIN_DURATIONS = {46}


class XlsxError(ValueError):
    """Not a readable XLSX workbook (a part missing or not well-formed XML, a DTD)."""


def _refuse_dtd(*_args):
    raise XlsxError("document type declarations are not accepted")


def _parser(start=None, end=None, text=None):
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    return parser


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _elements(archive: zipfile.ZipFile, name: str) -> list[tuple[str, dict]]:
    """The (local name, attributes) of every element of a small part (workbook, relations)."""
    found = []
    parser = _parser(start=lambda tag, attrs: found.append((_local(tag), attrs)))
    try:
        parser.Parse(archive.read(name), True)
    except (expat.ExpatError, KeyError) as error:
        raise XlsxError(str(error)) from None
    return found


def _attribute(attrs: dict, local: str):
    for key, value in attrs.items():
        if _local(key) == local:
            return value
    return None


def _first_sheet(archive: zipfile.ZipFile) -> tuple[str, bool]:
    """The path of the workbook's first sheet, and whether its dates count from 1904."""
    workbook = _elements(archive, "xl/workbook.xml")
    sheet_id = next((_attribute(a, "id") for tag, a in workbook if tag == "sheet"), None)
    date1904 = any(
        tag == "workbookPr" and a.get("date1904") in ("1", "true") for tag, a in workbook
    )
    relations = _elements(archive, "xl/_rels/workbook.xml.rels")
    target = next(
        (
            a.get("Target")
            for tag, a in relations
            if tag == "Relationship" and a.get("Id") == sheet_id
        ),
        None,
    )
    if not target:
        raise XlsxError("no sheet")
    path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return posixpath.normpath(path), date1904


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The shared strings: each item's text runs joined, phonetic guides (rPh) left out."""
    try:
        info = archive.getinfo("xl/sharedStrings.xml")
    except KeyError:
        return []
    strings: list[str] = []
    parts: list[str] = []
    state = {"in_t": False, "phonetic": 0}

    def start(tag, _attrs):
        tag = _local(tag)
        if tag == "t" and not state["phonetic"]:
            state["in_t"] = True
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "si":
            parts.clear()

    def end(tag):
        tag = _local(tag)
        if tag == "t":
            state["in_t"] = False
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "si":
            strings.append("".join(parts))

    def text(data):
        if state["in_t"]:
            parts.append(data)

    _parse_part(archive, info, _parser(start, end, text))
    return strings


def _parse_part(archive, info, parser) -> None:
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise XlsxError(str(error)) from None


_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.')
_BRACKETS = re.compile(r"\[([^\]]*)\]")


def _format_kind(code: str) -> str | None:
    """ "date", "duration" or None for a custom number format, as calamine tells them: any of
    d, m, y, h, s outside quotes, escapes and brackets; [h], [m] or [s] make a duration."""
    code = _QUOTED.sub("", code)
    if any(inner.lower() in ("h", "hh", "m", "mm", "s", "ss") for inner in _BRACKETS.findall(code)):
        return "duration"
    code = _BRACKETS.sub("", code).lower()
    if code == "general":
        return None
    return "date" if any(letter in code for letter in "dmyhs") else None


def _style_kinds(archive: zipfile.ZipFile) -> list[str | None]:
    """For each cell style (the `s` of a cell), "date", "duration" or None."""
    try:
        elements = _elements(archive, "xl/styles.xml")
    except XlsxError:
        return []
    custom = {}
    kinds: list[str | None] = []
    in_cell_xfs = False
    for tag, attrs in elements:
        if tag == "numFmt":
            custom[attrs.get("numFmtId")] = _format_kind(attrs.get("formatCode", ""))
        elif tag == "cellXfs":
            in_cell_xfs = True
        elif tag == "cellStyles" or tag == "dxfs":
            in_cell_xfs = False
        elif tag == "xf" and in_cell_xfs:
            number = attrs.get("numFmtId", "0")
            if number in custom:
                kinds.append(custom[number])
            elif number.isdigit() and int(number) in _BUILTIN_DATES:
                kinds.append("date")
            elif number.isdigit() and int(number) in _BUILTIN_DURATIONS:
                kinds.append("duration")
            else:
                kinds.append(None)
    return kinds


def _column_index(reference: str) -> int:
    index = 0
    for letter in reference:
        if "A" <= letter <= "Z":
            index = index * 26 + ord(letter) - 64
        else:
            break
    return index - 1


def _moment(value: float, date1904: bool):
    """A date-formatted number as python-calamine gives it."""
    days = value + _DAYS_1904 if date1904 else value
    if days < 60:
        days += 1  # Excel's 29/02/1900 that never was
    moment = _EPOCH + timedelta(milliseconds=round(days * 86_400_000))
    if value < 1:
        return moment.time()
    if value == int(value):
        return moment.date()
    return moment


def _iso(text: str):
    moment = datetime.fromisoformat(text)
    return moment.date() if "T" not in text and " " not in text and ":" not in text else moment


class _SheetReader:
    def __init__(self, strings, kinds, date1904):
        self.strings, self.kinds, self.date1904 = strings, kinds, date1904
        self.done: list[tuple[int, list]] = []
        self.row: list = []
        self.row_number = 0
        self.column = 0
        self.kind = None
        self.style = None
        self.text: list[str] = []
        self.collecting = False
        self.in_inline = False
        self.phonetic = 0
        self.tags: dict[str, str] = {}

    def local(self, tag: str) -> str:
        found = self.tags.get(tag)
        if found is None:
            found = self.tags[tag] = _local(tag)
        return found

    def start(self, tag, attrs):
        tag = self.tags.get(tag) or self.local(tag)
        if tag == "c":
            reference = attrs.get("r")
            self.column = _column_index(reference) if reference else len(self.row)
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s")
            self.text.clear()
            self.in_inline = False
        elif tag == "v":
            self.collecting = True
        elif tag == "t":
            self.collecting = self.in_inline and not self.phonetic
        elif tag == "is":
            self.in_inline = True
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "row":
            number = attrs.get("r")
            self.row_number = int(number) if number else self.row_number + 1
            self.row = []

    def end(self, tag):
        tag = self.tags.get(tag) or self.local(tag)
        if tag == "c":
            value = self.value()
            if value is not None:
                row = self.row
                if self.column >= len(row):
                    row.extend([None] * (self.column + 1 - len(row)))
                row[self.column] = value
        elif tag == "v" or tag == "t":
            self.collecting = False
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "row":
            self.done.append((self.row_number, self.row))
            self.row = []

    def characters(self, data):
        if self.collecting:
            self.text.append(data)

    def value(self):
        text = "".join(self.text)
        kind = self.kind
        if kind == "s":
            return self.strings[int(text)] if text else None
        if kind == "inlineStr" or kind == "str":
            return text or None
        if not text:
            return None
        if kind == "n":
            number = float(text)
            style = self.style
            if style is not None:
                index = int(style)
                found = self.kinds[index] if index < len(self.kinds) else None
                if found == "date":
                    return _moment(number, self.date1904)
                if found == "duration":
                    return timedelta(milliseconds=round(number * 86_400_000))
            return number
        if kind == "b":
            return text == "1"
        if kind == "d":
            return _iso(text)
        return None  # an error (#N/A, #DIV/0!…)


def xlsx_rows(stream) -> Iterator[tuple[int, list]]:
    """(row number, cells from column A) of the workbook's first sheet, empty cells None."""
    try:
        archive = zipfile.ZipFile(stream)
        sheet, date1904 = _first_sheet(archive)
        reader = _SheetReader(_shared_strings(archive), _style_kinds(archive), date1904)
        info = archive.getinfo(sheet)
    except (zipfile.BadZipFile, KeyError) as error:
        raise XlsxError(str(error)) from None
    parser = _parser(reader.start, reader.end, reader.characters)
    with archive.open(info) as part:
        while True:
            chunk = part.read(CHUNK)
            try:
                parser.Parse(chunk, not chunk)
            except (expat.ExpatError, IndexError, ValueError) as error:
                # Not XML, a DTD, a shared string that does not exist, a number that is not.
                raise XlsxError(str(error)) from None
            if reader.done:
                yield from reader.done
                reader.done = []
            if not chunk:
                break
