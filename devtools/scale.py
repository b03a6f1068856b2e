"""A province-sized data set for the benches (bench/, docs/PERFORMANCE.md).

    python manage.py load_scale_data --agencies 300 --years 5

Each agency gets `departments` departments, its people (ISO officer, head, deputy, records
officer; a head and two staff per department), and for every year an agency set and one set
per department, each with `objectives` objectives of one target, reported quarterly, with a
result for every period that has ended. Department sets are derived from the agency's
(parent links, so the dashboard rolls them up); each year's set continues last year's
(copied_from links, so the review shows a diff).

Everything is published and issued, except in the last year: the first department's set is a
Draft, the second's Submitted, the third's Approved (the editor, review and issue pages).

Rows are written with bulk_create, one transaction per agency: no simple_history rows, no
signals (so the agency's dashboard version is raised here). The search index is written here
directly for the same reason. All issued sets share one stored PDF, rendered once from the
first agency's set (the load measures data, not rendering: bench/pdf_batch_bench.py measures
that).
"""

import hashlib
import random
import secrets
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Department, Membership
from devtools import scale_content
from devtools.scale_oversight import oversight_create
from documents.issuing import CODE_ALPHABET, CODE_LENGTH
from documents.models import IssueMethod, Status
from documents.render import render_document
from documents.signing import sign_if_configured
from monitoring.dashboard_cache import dashboard_changed
from objectives.models import ObjectiveSet
from qms_objectives.files import private_upload_to

PASSWORD = "scale-Password-1"
DEPARTMENT_NAMES = [
    "Phòng Hành chính - Tổ chức",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Kiểm soát thủ tục hành chính",
    "Phòng Tổng hợp",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Phòng Nội chính",
    "Phòng Thanh tra",
    "Trung tâm Phục vụ hành chính công",
    "Trung tâm Công nghệ thông tin",
]
AGENCY_NAMES = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Công Thương",
    "Ban Quản lý các khu công nghiệp",
    "UBND huyện",
]
# In the last year, these departments' sets are still being worked on.
OPEN_IN_LAST_YEAR = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED)


@dataclass(frozen=True)
class ScaleSize:
    agencies: int = 300
    departments: int = 10
    years: int = 5
    objectives: int = 20
    last_year: int = field(default_factory=lambda: timezone.localdate().year)
    prefix: str = "SCALE"

    @property
    def year_range(self) -> range:
        return range(self.last_year - self.years + 1, self.last_year + 1)


def short_name(prefix: str, number: int) -> str:
    return f"{prefix}-{number:03d}"


def username(prefix: str, number: int, key: str) -> str:
    """ "scale-001-iso", "scale-001-d02-head": how the benches find the people they log in as
    (keys: iso, head, deputy, records, dNN-head, dNN-staff1, dNN-staff2)."""
    return f"{short_name(prefix, number).lower()}-{key}"


@dataclass
class AgencyPeople:
    agency: Agency
    departments: list[Department]
    users: dict[str, object]  # "iso", "head", "deputy", "records", "d01-head", "d01-staff1", …

    def department_head(self, index: int):
        return self.users[f"d{index:02d}-head"]


@dataclass
class Shared:
    """What every agency reuses: the password hash, the stored PDF, the codes given so far."""

    password_hash: str
    pdf_name: str = ""
    pdf_sha256: str = ""
    codes: set[str] = field(default_factory=set)

    def code_new(self) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            if code not in self.codes:
                self.codes.add(code)
                return code


# --- agencies and people ------------------------------------------------------------------------


def _agency_new(size: ScaleSize, number: int) -> Agency:
    name = f"{AGENCY_NAMES[number % len(AGENCY_NAMES)]} tỉnh Quy mô số {number:03d}"
    return Agency.objects.bulk_create(
        [
            Agency(
                name=name,
                short_name=short_name(size.prefix, number),
                governing_body="UBND TỈNH QUY MÔ",
                symbol=f"QM{number:03d}",
                place_name="Quy Mô",
                head_title="Giám đốc",
                deputy_title="Phó Giám đốc",
            )
        ]
    )[0]


def _people_plan(size: ScaleSize, number: int) -> list[tuple[str, str, dict, int | None]]:
    """(key, name, roles, department index) for every member of one agency."""
    plan = [
        ("iso", "Trần Thị Hoa", {"is_iso_officer": True, "is_administrator": True}, None),
        ("head", "Nguyễn Kim Long", {"is_head": True}, None),
        ("deputy", "Lê Văn Phúc", {"is_deputy": True}, None),
        ("records", "Phạm Thị Thu", {"is_records_officer": True}, None),
    ]
    for d in range(size.departments):
        plan.append((f"d{d:02d}-head", f"Võ Văn Trưởng {d}", {"is_department_head": True}, d))
        plan += [(f"d{d:02d}-staff{s}", f"Đỗ Thị Viên {d}.{s}", {}, d) for s in (1, 2)]
    return plan


def _people_create(size: ScaleSize, number: int, shared: Shared) -> AgencyPeople:
    agency = _agency_new(size, number)
    plan = _people_plan(size, number)
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        [
            user_model(
                username=username(size.prefix, number, key),
                first_name=name,
                email=f"{username(size.prefix, number, key)}@example.gov.vn",
                password=shared.password_hash,
            )
            for key, name, _roles, _d in plan
        ]
    )
    by_key = {key: user for (key, *_rest), user in zip(plan, users, strict=True)}
    departments = Department.objects.bulk_create(
        [
            Department(
                agency=agency,
                name=DEPARTMENT_NAMES[d % len(DEPARTMENT_NAMES)] + ("" if d < 10 else f" {d}"),
                abbreviation=f"P{d:02d}",
                head=by_key[f"d{d:02d}-head"],
                order=d,
            )
            for d in range(size.departments)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user=by_key[key],
                agency=agency,
                department=departments[d] if d is not None else None,
                is_staff_member=True,
                **roles,
            )
            for key, _name, roles, d in plan
        ]
    )
    return AgencyPeople(agency, departments, by_key)


# --- sets ------------------------------------------------------------------------------------


def _status_of(size: ScaleSize, year: int, department: int | None) -> str:
    if year == size.last_year and department is not None and department < 3:
        return OPEN_IN_LAST_YEAR[department]
    return Status.PUBLISHED


def _issued_fields(people: AgencyPeople, year: int, number: int, shared: Shared) -> dict:
    agency, records, head = people.agency, people.users["records"], people.users["head"]
    issued_at = timezone.make_aware(datetime.combine(date(year, 1, 15), clock(9)))
    return {
        "number": number,
        "symbol": f"QĐ-{agency.symbol}",
        "issued_on": date(year, 1, 15),
        "header_governing_body": agency.governing_body,
        "header_agency_name": agency.printed_name,
        "place_name": agency.place_name,
        "issue_method": IssueMethod.APP,
        "issued_file": shared.pdf_name,
        "issued_sha256": shared.pdf_sha256,
        "verification_code": shared.code_new(),
        "issued_at": issued_at,
        "issued_by": records,
        "approved_at": issued_at,
        "approved_by": head,
        "published_at": issued_at,
    }


def _set_new(people: AgencyPeople, size, year, department, number, shared) -> ObjectiveSet:
    status = _status_of(size, year, department)
    unit = people.departments[department] if department is not None else None
    values = {
        "agency": people.agency,
        "department": unit,
        "year": year,
        "status": status,
        "form": "table" if department is None else "list",
        "created_by": people.users["iso"],
    }
    if status in (Status.APPROVED, Status.PUBLISHED):
        values.update(
            signing_lines=["GIÁM ĐỐC"], signer=people.users["head"], signer_name="Nguyễn Kim Long"
        )
    if status == Status.PUBLISHED:
        values.update(_issued_fields(people, year, number, shared))
    return ObjectiveSet(**values)


def _sets_create(people: AgencyPeople, size: ScaleSize, shared: Shared) -> dict:
    """{(year, department index or None): set}, the agency's set first in each year."""
    keys = [(y, d) for y in size.year_range for d in [None, *range(size.departments)]]
    sets = [
        _set_new(people, size, year, d, number, shared)
        for number, (year, d) in enumerate(keys, start=1)
    ]
    # Parent links need the agency set's pk: create those first.
    agency_sets = ObjectiveSet.objects.bulk_create([s for s in sets if s.department is None])
    parents = {s.year: s for s in agency_sets}
    for s in sets:
        if s.department is not None:
            s.parent = parents[s.year]
    ObjectiveSet.objects.bulk_create([s for s in sets if s.department is not None])
    return dict(zip(keys, sets, strict=True))


# --- the whole load ----------------------------------------------------------------------------


def _agency_build(size: ScaleSize, number: int, shared: Shared, today: date) -> AgencyPeople:
    with transaction.atomic():
        people = _people_create(size, number, shared)
        sets = _sets_create(people, size, shared)
        rng = random.Random(number)  # noqa: S311 - sample figures, reproducible per agency
        scale_content.content_create(people, sets, size, rng, today)
        dashboard_changed(people.agency.pk)  # bulk writes send no signals
    return people


def _shared_pdf_store(people: AgencyPeople, size: ScaleSize, shared: Shared) -> None:
    """Render the first agency's latest published set once; every issued set points at it."""
    objective_set = (
        ObjectiveSet.objects.filter(agency=people.agency, status=Status.PUBLISHED)
        .order_by("-year", "department__order")
        .first()
    )
    pdf, _signed = sign_if_configured(people.agency, render_document(objective_set, final=True))
    name = private_upload_to("issued")(objective_set, "document.pdf")
    shared.pdf_name = default_storage.save(name, ContentFile(pdf))
    shared.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    ObjectiveSet.objects.filter(agency=people.agency, status=Status.PUBLISHED).update(
        issued_file=shared.pdf_name, issued_sha256=shared.pdf_sha256
    )


def scale_data_exists(prefix: str) -> bool:
    return Agency.objects.filter(short_name__startswith=f"{prefix}-").exists()


def scale_data_load(*, size: ScaleSize, today: date | None = None, progress=None) -> Shared:
    """Write the data set; `progress(done, total, seconds)` is called every ten agencies."""
    today = today or timezone.localdate()
    shared = Shared(password_hash=make_password(PASSWORD))
    started = time.monotonic()
    agency_ids = []
    for number in range(1, size.agencies + 1):
        people = _agency_build(size, number, shared, today)
        agency_ids.append(people.agency.pk)
        if number == 1:
            _shared_pdf_store(people, size, shared)
        if progress and (number % 10 == 0 or number == size.agencies):
            progress(number, size.agencies, time.monotonic() - started)
    # The province's oversight body over them all, and the summaries its table reads.
    oversight_create(size=size, password_hash=shared.password_hash, agency_ids=agency_ids)
    return shared
