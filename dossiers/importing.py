"""The import of a dossier export, all or nothing: every row is read and checked, written in
batches inside one transaction (INSERT … ON CONFLICT (agency, code) DO UPDATE through
bulk_create(update_conflicts=True), so a re-import updates dossiers by code and never makes a
second one), and rolled back whole if any row is bad, with every bad row located (row, column,
why). Only the mapped columns are read; the others (names, identity numbers, addresses…) are
never looked at, so no problem message can carry them."""

from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.db.models import Max
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
        values = {
            "agency_id": self.agency_id,
            "code": code,
            "procedure_code": read_code(self.cell(cells, "procedure_code")),
            "processing_unit": unit,
            "department_id": self.department_of(unit),
            "channel": channel,
            "received_at": received,
            "due_at": due,
            "finished_at": finished,
            "returned_at": returned,
            "status": status,
            "is_void": is_void_status(status),
            "supplement_count": max(count, len(supplements)),
            "source_import_id": self.job_id,
        }
        # Positional arguments in the fields' order: Django's fast path for a model's
        # __init__ (keyword arguments cost about a third of the import's time in Python).
        return Dossier(*[values.get(name) for name in _ATTNAMES]), supplements

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


def _write(batch: list, *, replacing_up_to: int) -> None:
    """Upsert a batch of (dossier, supplements): one INSERT … ON CONFLICT for the dossiers,
    then their supplement requests replaced (the ones they had before the import, ids up to
    `replacing_up_to`, deleted; none to look for on a first import)."""
    dossiers = [dossier for dossier, _supplements in batch]
    Dossier.objects.bulk_create(
        dossiers,
        update_conflicts=True,
        unique_fields=["agency", "code"],
        update_fields=_UPDATED_FIELDS,
    )
    if replacing_up_to:
        SupplementRequest.objects.filter(
            pk__lte=replacing_up_to, dossier_id__in=[dossier.pk for dossier in dossiers]
        ).delete()
    SupplementRequest.objects.bulk_create(
        [
            SupplementRequest(dossier_id=dossier.pk, number=n, asked_at=asked, answered_at=answered)
            for dossier, supplements in batch
            for n, asked, answered in supplements
        ]
    )


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
        mark = (SupplementRequest.objects.aggregate(last=Max("pk"))["last"] or 0) if before else 0
        batch = []
        for number, cells in table.rows:
            if reader.blank(cells):
                continue
            outcome.rows_total += 1
            read = reader.read(number, cells)
            if read is None or problems.total:
                continue  # a bad row: keep checking the others, write nothing more
            batch.append(read)
            if len(batch) >= BATCH_SIZE:
                _write(batch, replacing_up_to=mark)
                batch = []
        if outcome.rows_total == 0 and not problems.total:
            problems.add(None, "", _("Tệp không có dòng hồ sơ nào sau dòng tiêu đề."))
        if problems.total:
            # Raised inside atomic(): the batches already written are rolled back.
            raise ImportRejected(problems.kept, problems.total, outcome.rows_total)
        if batch:
            _write(batch, replacing_up_to=mark)
        outcome.rows_created = Dossier.objects.filter(agency=agency).count() - before
        outcome.rows_updated = outcome.rows_total - outcome.rows_created
    return outcome


def personal_headers(headers: list[str]) -> list[str]:
    """The file's columns that look like a person's data (shown as dropped on the page)."""
    return [header for header in headers if looks_personal(header)]
