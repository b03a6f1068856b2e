"""The import of a dossier export, all or nothing: every row is read and checked, the good ones
written inside one transaction, and the whole rolled back if any row is bad, with every bad row
located (row, column, why). A re-import updates dossiers by code (agency, code) and never makes a
second one.

Writing: on PostgreSQL the checked rows are streamed with COPY, a chunk at a time, into a
temporary table, then upserted in one INSERT … SELECT … ON CONFLICT (agency_id, code) DO UPDATE,
and the supplement requests of the dossiers in the file replaced the same way (Django's
bulk_create spent more time building its INSERT than PostgreSQL spent running it). Elsewhere
(SQLite, the embedded default) in batches through bulk_create(update_conflicts=True). Only the
mapped columns are read; the others (names, identity numbers, addresses…) are never looked at,
so no problem message can carry them. No row is kept once written: memory does not grow with
the file."""

import io
from dataclasses import asdict, dataclass, field

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Department
from dossiers.mapping import (
    FIELDS_BY_KEY,
    SUPPLEMENT_PAIRS,
    fold_header,
    looks_personal,
    mapping_problems,
)
from dossiers.models import Dossier, SupplementRequest, is_void_status
from dossiers.reading import read_table
from dossiers.values import read_channel, read_code, read_count, read_datetime, read_status
from qms_objectives.text import to_nfc

BATCH_SIZE = 5000
# The problems kept to show (their total is counted): a file wrong in every row says so in the
# first thousand.
MAX_PROBLEMS_KEPT = 1000
_UPDATED_FIELDS = [
    "procedure_code",
    "processing_unit",
    "department",
    "channel",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status",
    "is_void",
    "supplement_count",
    "source_import",
    "updated_at",
]


_ATTNAMES = [field.attname for field in Dossier._meta.concrete_fields]
# A checked row's values, in this order (the agency, the import and updated_at are added).
ROW_COLUMNS = (
    "code",
    "procedure_code",
    "processing_unit",
    "department_id",
    "channel",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status",
    "is_void",
    "supplement_count",
)


@dataclass
class Problem:
    row: int | None
    column: str
    message: str


@dataclass
class ImportOutcome:
    rows_total: int = 0
    rows_created: int = 0
    rows_updated: int = 0
    columns_dropped: int = 0
    headers: list = field(default_factory=list)


class ImportRejected(Exception):
    """The file is refused; nothing was written. `problems` are the first MAX_PROBLEMS_KEPT."""

    def __init__(self, problems: list[Problem], total: int | None = None, rows_total: int = 0):
        super().__init__(f"{total or len(problems)} problems")
        self.problems = problems
        self.total = total if total is not None else len(problems)
        self.rows_total = rows_total

    def as_dicts(self) -> list[dict]:
        return [asdict(problem) for problem in self.problems]


class MappingNeeded(Exception):
    """The agency's saved mapping does not fit the file's headers (or there is none yet)."""

    def __init__(self, headers: list[str], problems: list[str]):
        super().__init__("; ".join(str(p) for p in problems))
        self.headers = headers
        self.problems = problems


class _Problems:
    def __init__(self):
        self.kept: list[Problem] = []
        self.total = 0

    def add(self, row, column, message) -> None:
        self.total += 1
        if len(self.kept) < MAX_PROBLEMS_KEPT:
            self.kept.append(Problem(row, str(column), str(message)))


def _departments(agency) -> dict[str, int]:
    """Folded department names (and abbreviations) → id, to link a processing unit."""
    found = {}
    for pk, name, abbreviation in Department.objects.filter(agency=agency).values_list(
        "pk", "name", "abbreviation"
    ):
        found[fold_header(name)] = pk
        if abbreviation:
            found.setdefault(fold_header(abbreviation), pk)
    return found


class _RowReader:
    """Turns one row's mapped cells into a Dossier and its supplement requests."""

    def __init__(self, *, agency, job, columns: dict[str, str], headers: list[str], problems):
        self.agency_id = agency.pk
        self.job_id = job.pk if job is not None else None
        self.problems = problems
        position = {header: index for index, header in reversed(list(enumerate(headers)))}
        self.index = {key: position[header] for key, header in columns.items() if header}
        self.header = dict(columns)
        self.departments = _departments(agency)
        self.seen: dict[str, int] = {}
        self.unit_departments: dict[str, int | None] = {}

    def cell(self, cells, key):
        index = self.index.get(key)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def blank(self, cells) -> bool:
        return all(self.cell(cells, key) in (None, "") for key in self.index)

    def value(self, number, cells, key, reader, **options):
        index = self.index.get(key)
        if index is None or index >= len(cells) or cells[index] is None:
            return None  # an empty or unmapped cell (every reader's empty value)
        try:
            return reader(cells[index], **options)
        except ValueError as error:
            self.problems.add(number, self.header[key], error)
            return None

    def read(self, number: int, cells: list):
        problems_before = self.problems.total
        code = self.value(number, cells, "code", read_code)
        if not code and self.cell(cells, "code") in (None, "") or code == "":
            self.problems.add(number, self.header["code"], _("thiếu mã hồ sơ"))
        elif code is not None:
            if code in self.seen:
                self.problems.add(
                    number,
                    self.header["code"],
                    _("mã hồ sơ “%(code)s” trùng với dòng %(row)s")
                    % {"code": code, "row": self.seen[code]},
                )
            else:
                self.seen[code] = number
        received = self.value(number, cells, "received_at", read_datetime)
        if received is None and self.cell(cells, "received_at") in (None, ""):
            self.problems.add(number, self.header["received_at"], _("thiếu ngày tiếp nhận"))
        due = self.value(number, cells, "due_at", read_datetime, end_of_day=True)
        finished = self.value(number, cells, "finished_at", read_datetime)
        returned = self.value(number, cells, "returned_at", read_datetime)
        status = self.value(number, cells, "status", read_status)
        channel = self.value(number, cells, "channel", read_channel)
        count = self.value(number, cells, "supplement_count", read_count) or 0
        if received is not None:
            if due is not None and due < received:
                self.problems.add(
                    number, self.header["due_at"], _("ngày hẹn trả trước ngày tiếp nhận")
                )
            if finished is not None and finished < received:
                self.problems.add(
                    number,
                    self.header["finished_at"],
                    _("ngày kết thúc xử lý trước ngày tiếp nhận"),
                )
        supplements = self.supplements(number, cells, received)
        if self.problems.total != problems_before:
            return None
        unit = read_code(self.cell(cells, "processing_unit"), limit=255)
        # In the order of ROW_COLUMNS.
        row = (
            code,
            read_code(self.cell(cells, "procedure_code")),
            unit,
            self.department_of(unit),
            channel,
            received,
            due,
            finished,
            returned,
            status,
            is_void_status(status),
            max(count, len(supplements)),
        )
        return row, supplements

    def department_of(self, unit: str) -> int | None:
        if not unit:
            return None
        if unit not in self.unit_departments:
            self.unit_departments[unit] = self.departments.get(fold_header(unit))
        return self.unit_departments[unit]

    def supplements(self, number, cells, received) -> list[tuple[int, object, object]]:
        found = []
        for pair in range(1, SUPPLEMENT_PAIRS + 1):
            asked_key, answered_key = f"supplement_asked_{pair}", f"supplement_answered_{pair}"
            asked = self.value(number, cells, asked_key, read_datetime)
            answered = self.value(number, cells, answered_key, read_datetime)
            if answered is not None and asked is None:
                self.problems.add(
                    number, self.header[answered_key], _("có ngày bổ sung mà không có ngày yêu cầu")
                )
            elif asked is not None:
                if received is not None and asked < received:
                    self.problems.add(
                        number, self.header[asked_key], _("yêu cầu bổ sung trước ngày tiếp nhận")
                    )
                if answered is not None and answered < asked:
                    self.problems.add(
                        number, self.header[answered_key], _("ngày bổ sung trước ngày yêu cầu")
                    )
                found.append((pair, asked, answered))
        return found


class _BatchWriter:
    """Writes through the ORM, a batch at a time: one INSERT … ON CONFLICT for the dossiers
    (bulk_create with update_conflicts), then their supplement requests replaced (the ones they
    had before the import, ids up to `replacing_up_to`, deleted; none on a first import)."""

    def __init__(self, *, agency_id, job_id, replacing_up_to: int):
        self.constants = {"agency_id": agency_id, "source_import_id": job_id}
        self.replacing_up_to = replacing_up_to
        self.batch = []

    def add(self, row: tuple, supplements: list) -> None:
        values = dict(zip(ROW_COLUMNS, row, strict=True), **self.constants)
        # Positional arguments in the fields' order: Django's fast path for a model's __init__.
        self.batch.append((Dossier(*[values.get(name) for name in _ATTNAMES]), supplements))
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        dossiers = [dossier for dossier, _supplements in self.batch]
        Dossier.objects.bulk_create(
            dossiers,
            update_conflicts=True,
            unique_fields=["agency", "code"],
            update_fields=_UPDATED_FIELDS,
        )
        if self.replacing_up_to:
            SupplementRequest.objects.filter(
                pk__lte=self.replacing_up_to, dossier_id__in=[dossier.pk for dossier in dossiers]
            ).delete()
        SupplementRequest.objects.bulk_create(
            [
                SupplementRequest(
                    dossier_id=dossier.pk, number=n, asked_at=asked, answered_at=answered
                )
                for dossier, supplements in self.batch
                for n, asked, answered in supplements
            ]
        )
        self.batch = []

    def finish(self) -> None:
        self.flush()


def _copy_text(value) -> str:
    """A value in COPY's text format: \\N for NULL, text with its backslashes, tabs and line
    breaks escaped."""
    if value is None:
        return "\\N"
    if type(value) is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return value
    if value is True or value is False:
        return "t" if value else "f"
    return str(value)  # numbers; aware date-times as "2025-01-02 08:00:00+07:00"


def _clean_text(value: str) -> str:
    """What TextLineField.pre_save stores (NFC without bidirectional controls); ASCII is so."""
    return value if value.isascii() else to_nfc(value)


_ROWS_TABLE = "dossier_import_rows"
_SUPPLEMENTS_TABLE = "dossier_import_supplements"
_AT = "timestamp with time zone"
_TEMPORARY_TABLES = {
    _ROWS_TABLE: f"CREATE TEMPORARY TABLE {_ROWS_TABLE} (code varchar(64), "
    f"procedure_code varchar(64), processing_unit varchar(255), department_id bigint, "
    f"channel smallint, received_at {_AT}, due_at {_AT}, finished_at {_AT}, returned_at {_AT}, "
    f"status smallint, is_void boolean, supplement_count smallint) ON COMMIT DROP",
    _SUPPLEMENTS_TABLE: f"CREATE TEMPORARY TABLE {_SUPPLEMENTS_TABLE} (code varchar(64), "
    f"number smallint, asked_at {_AT}, answered_at {_AT}) ON COMMIT DROP",
}
_DOSSIERS = Dossier._meta.db_table
_SUPPLEMENTS = SupplementRequest._meta.db_table
_UPSERT_SQL = (
    f"INSERT INTO {_DOSSIERS} (agency_id, {', '.join(ROW_COLUMNS)}, source_import_id, "  # noqa: S608 - our own names
    f"updated_at) SELECT %s, {', '.join(ROW_COLUMNS)}, %s, %s FROM {_ROWS_TABLE} "
    "ON CONFLICT (agency_id, code) DO UPDATE SET "
    + ", ".join(
        f"{column} = EXCLUDED.{column}"
        for column in (Dossier._meta.get_field(name).column for name in _UPDATED_FIELDS)
    )
)
_SUPPLEMENTS_DELETE_SQL = (
    f"DELETE FROM {_SUPPLEMENTS} s USING {_DOSSIERS} d, {_ROWS_TABLE} r "  # noqa: S608 - our own names
    "WHERE s.dossier_id = d.id AND d.agency_id = %s AND d.code = r.code"
)
_SUPPLEMENTS_INSERT_SQL = (
    f"INSERT INTO {_SUPPLEMENTS} (dossier_id, number, asked_at, answered_at) "  # noqa: S608 - our own names
    f"SELECT d.id, s.number, s.asked_at, s.answered_at FROM {_SUPPLEMENTS_TABLE} s "
    f"JOIN {_DOSSIERS} d ON d.agency_id = %s AND d.code = s.code"
)


class _CopyWriter:
    """Writes on PostgreSQL: the checked rows streamed with COPY, BATCH_SIZE at a time, into
    temporary tables (dropped at the end, or with the transaction), then one
    INSERT … SELECT … ON CONFLICT (agency_id, code) DO UPDATE, the supplement requests of the
    dossiers in the file deleted and inserted again from the second table. Nothing reaches the
    dossiers' table before every row is read and checked."""

    def __init__(self, *, agency_id, job_id, replacing: bool):
        self.agency_id, self.job_id, self.replacing = agency_id, job_id, replacing
        self.rows = io.StringIO()
        self.supplements = io.StringIO()
        self.pending = 0
        self.texts: dict[str, str] = {}
        with connection.cursor() as cursor:
            for table in (_ROWS_TABLE, _SUPPLEMENTS_TABLE):
                cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{table}")
                cursor.execute(_TEMPORARY_TABLES[table])

    def text(self, value: str) -> str:
        # Procedure codes and units repeat: each distinct one cleaned and escaped once.
        found = self.texts.get(value)
        if found is None:
            found = self.texts[value] = _copy_text(_clean_text(value))
        return found

    def add(self, row: tuple, supplements: list) -> None:
        (
            code,
            procedure,
            unit,
            department,
            channel,
            received,
            due,
            finished,
            returned,
            status,
            is_void,
            count,
        ) = row
        code = _copy_text(_clean_text(code))
        null = "\\N"
        # In the order of ROW_COLUMNS; a checked row always has its code and received date.
        self.rows.write(
            "\t".join(
                (
                    code,
                    self.text(procedure),
                    self.text(unit),
                    null if department is None else str(department),
                    null if channel is None else str(channel),
                    str(received),
                    null if due is None else str(due),
                    null if finished is None else str(finished),
                    null if returned is None else str(returned),
                    null if status is None else str(status),
                    "t" if is_void else "f",
                    str(count),
                )
            )
        )
        self.rows.write("\n")
        for number, asked, answered in supplements:
            self.supplements.write(f"{code}\t{number}\t{asked}\t{_copy_text(answered)}\n")
        self.pending += 1
        if self.pending >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        with connection.cursor() as cursor:
            for table, buffer, columns in (
                (_ROWS_TABLE, self.rows, ", ".join(ROW_COLUMNS)),
                (_SUPPLEMENTS_TABLE, self.supplements, "code, number, asked_at, answered_at"),
            ):
                if buffer.tell():
                    buffer.seek(0)
                    cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
        self.rows, self.supplements, self.pending = io.StringIO(), io.StringIO(), 0

    def finish(self) -> None:
        self.flush()
        with connection.cursor() as cursor:
            cursor.execute(_UPSERT_SQL, [self.agency_id, self.job_id, timezone.now()])
            if self.replacing:
                # The requests the dossiers of the file had before: the file's replace them.
                cursor.execute(_SUPPLEMENTS_DELETE_SQL, [self.agency_id])
            cursor.execute(_SUPPLEMENTS_INSERT_SQL, [self.agency_id])
            cursor.execute(f"DROP TABLE {_ROWS_TABLE}, {_SUPPLEMENTS_TABLE}")


def _writer(*, agency, job, before: int):
    job_id = job.pk if job is not None else None
    copies = False
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            copies = hasattr(cursor.cursor, "copy_expert")  # psycopg2
    if copies:
        return _CopyWriter(agency_id=agency.pk, job_id=job_id, replacing=bool(before))
    mark = (SupplementRequest.objects.aggregate(last=Max("pk"))["last"] or 0) if before else 0
    return _BatchWriter(agency_id=agency.pk, job_id=job_id, replacing_up_to=mark)


def import_dossiers(*, agency, job, stream, fmt: str, columns: dict[str, str]) -> ImportOutcome:
    """Read, check and write the export in `stream` ("csv" or "xlsx") with the mapping
    `columns` ({field key: header}). MappingNeeded when the mapping does not fit the file's
    headers; ImportRejected with the located problems (nothing written) when any row is bad."""
    table = read_table(stream, fmt)
    columns = {key: header for key, header in columns.items() if key in FIELDS_BY_KEY and header}
    wrong = mapping_problems(columns, table.headers)
    if wrong:
        raise MappingNeeded(table.headers, wrong)
    for key in FIELDS_BY_KEY:
        columns.setdefault(key, "")
    problems = _Problems()
    reader = _RowReader(
        agency=agency,
        job=job,
        columns={k: h for k, h in columns.items() if h},
        headers=table.headers,
        problems=problems,
    )
    reader.header = columns
    outcome = ImportOutcome(headers=table.headers)
    used = {h for h in columns.values() if h}
    outcome.columns_dropped = sum(1 for h in table.headers if h and h not in used)
    with transaction.atomic():
        # Created and updated are told apart by counting (cheaper than asking which codes
        # exist, batch by batch).
        before = Dossier.objects.filter(agency=agency).count()
        writer = _writer(agency=agency, job=job, before=before)
        for number, cells in table.rows:
            if reader.blank(cells):
                continue
            outcome.rows_total += 1
            read = reader.read(number, cells)
            if read is None or problems.total:
                continue  # a bad row: keep checking the others, write nothing more
            writer.add(*read)
        if outcome.rows_total == 0 and not problems.total:
            problems.add(None, "", _("Tệp không có dòng hồ sơ nào sau dòng tiêu đề."))
        if problems.total:
            # Raised inside atomic(): whatever was already written is rolled back.
            raise ImportRejected(problems.kept, problems.total, outcome.rows_total)
        writer.finish()
        outcome.rows_created = Dossier.objects.filter(agency=agency).count() - before
        outcome.rows_updated = outcome.rows_total - outcome.rows_created
    return outcome


def personal_headers(headers: list[str]) -> list[str]:
    """The file's columns that look like a person's data (shown as dropped on the page)."""
    return [header for header in headers if looks_personal(header)]
