"""One small world with every kind of object the URLs of the project point at, built once per
test module (tests/security/conftest.py) and read by the URL × role matrix and the baseline
checks.

Agency A (the `people` roles, as in tests/conftest.py) with departments D and D2, and another
agency whose member is the "outsider". Sets of A in every state the pages are built for, one
published set with an issued file, a verification code, results, evidence, an evaluation report
and risks."""

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from agencies.models import Membership, Role
from documents.models import IssueMethod, Status
from evaluation.models import EvaluationReport
from monitoring.models import Evidence, MonitoringPlan, ObjectivePlan, Result
from objectives.models import ObjectiveSet
from risks.models import Kind, Risk
from tests.factories import (
    ROLE_USERS,
    AgencyFactory,
    DepartmentFactory,
    MembershipFactory,
    ObjectiveFactory,
    ObjectiveSetFactory,
    SectionFactory,
    TargetFactory,
    UserFactory,
)
from tests.files_support import small_pdf

PUBLISHED_YEAR = 2024
PERIOD = "2024-Q1"
VERIFICATION_CODE = "SECW0RLD2024"


@dataclass
class World:
    agency: object
    department: object
    other_department: object
    outsider_agency: object
    people: dict
    draft: ObjectiveSet
    submitted: ObjectiveSet
    approved: ObjectiveSet
    published: ObjectiveSet
    department_draft: ObjectiveSet
    other_department_published: ObjectiveSet
    report: EvaluationReport
    evidence: Evidence
    risk: Risk
    department_risk: Risk
    staff_membership: Membership

    def section_of(self, objective_set):
        return objective_set.sections.first()

    def objective_of(self, objective_set):
        return objective_set.objectives.order_by("order", "pk").first()


def _people(agency, department, outsider_agency) -> dict:
    """The users of the `people` fixture (tests/conftest.py): one per role in `agency`, the
    department head and staff in `department`, and an outsider holding every role elsewhere."""
    users = {}
    for key, flags in ROLE_USERS.items():
        user = UserFactory(username=key, first_name=key.replace("_", " ").title(), last_name="")
        in_department = key in ("department_head", "staff")
        MembershipFactory(
            user=user,
            agency=agency,
            department=department if in_department else None,
            is_staff_member=True,
            **flags,
        )
        users[key] = user
    outsider = UserFactory(username="outsider")
    MembershipFactory(
        user=outsider,
        agency=outsider_agency,
        **{f"is_{r}" if r != Role.STAFF else "is_staff_member": True for r in Role.values},
    )
    users["outsider"] = outsider
    # A former ISO officer of `agency` (membership deactivated): their old roles count for nothing.
    former = UserFactory(username="former_member")
    MembershipFactory(
        user=former, agency=agency, department=department, is_iso_officer=True, is_active=False
    )
    users["former_member"] = former
    return users


def set_in(agency, status, *, year, department=None, **fields) -> ObjectiveSet:
    """A set with a section, one objective (quarterly) and one target, put in `status`."""
    objective_set = ObjectiveSetFactory(
        agency=agency, department=department, year=year, status=Status.DRAFT, **fields
    )
    section = SectionFactory(objective_set=objective_set, title="I. Đối với cơ quan:")
    objective = ObjectiveFactory(
        objective_set=objective_set,
        section=section,
        order=1,
        reporting_frequencies=["quarterly"],
    )
    TargetFactory(objective=objective)
    ObjectiveSet.objects.filter(pk=objective_set.pk).update(status=status)
    objective_set.refresh_from_db()
    return objective_set


def _store(document, field: str, content: bytes, name: str) -> None:
    getattr(document, field).save(name, ContentFile(content), save=False)


def _published(agency, *, department=None, year=PUBLISHED_YEAR, code=None) -> ObjectiveSet:
    objective_set = set_in(agency, Status.DRAFT, year=year, department=department)
    _store(objective_set, "issued_file", small_pdf(), "issued.pdf")
    objective_set.issued_sha256 = hashlib.sha256(small_pdf()).hexdigest()
    objective_set.number, objective_set.symbol = 124, "QĐ-VP"
    objective_set.issued_on = date(year, 1, 15)
    objective_set.issue_method = IssueMethod.APP
    objective_set.verification_code = code
    objective_set.published_at = timezone.now()
    objective_set.status = Status.PUBLISHED
    objective_set.save()
    return objective_set


def _approved_for_external_signing(agency, people) -> ObjectiveSet:
    """Approved, number and date fixed, the unsigned PDF stored: every issue page opens."""
    objective_set = set_in(agency, Status.DRAFT, year=2027)
    _store(objective_set, "prepared_file", small_pdf(), "prepared.pdf")
    objective_set.prepared_sha256 = hashlib.sha256(small_pdf()).hexdigest()
    objective_set.number, objective_set.symbol = 125, "QĐ-VP"
    objective_set.issued_on = date(2027, 1, 15)
    objective_set.issue_method = IssueMethod.EXTERNAL_SIGNING
    objective_set.signing_lines = ["CHÁNH VĂN PHÒNG"]
    objective_set.signer = people["head"]
    objective_set.signer_name = "Nguyễn Kim Long"
    objective_set.status = Status.APPROVED
    objective_set.save()
    return objective_set


def _monitoring(published, people) -> Evidence:
    """A monitoring plan, a result for the first quarter and an evidence file."""
    objective = published.objectives.get()
    plan = MonitoringPlan.objects.create(objective_set=published)
    ObjectivePlan.objects.create(
        plan=plan, objective=objective, agency=published.agency, frequency="quarterly"
    )
    result = Result.objects.create(
        target=objective.targets.get(),
        period_key=PERIOD,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 3, 31),
        value=Decimal("97.5"),
        recorded_by=people["iso_officer"],
    )
    evidence = Evidence(
        result=result,
        original_name="bien-ban.pdf",
        kind="pdf",
        size=len(small_pdf()),
        uploaded_by=people["iso_officer"],
    )
    evidence.file.save("bien-ban.pdf", ContentFile(small_pdf()), save=False)
    evidence.save()
    return evidence


def _risk(agency, department=None) -> Risk:
    return Risk.objects.create(
        agency=agency,
        department=department,
        year=PUBLISHED_YEAR,
        kind=Kind.RISK,
        description="Hồ sơ TTHC trễ hạn do thiếu nhân sự tiếp nhận.",
        likelihood=3,
        impact=4,
        due_date=date(PUBLISHED_YEAR, 6, 30),
    )


def build_world() -> World:
    agency = AgencyFactory(
        name="Văn phòng UBND tỉnh Đồng Nai",
        short_name="VP-DN",
        symbol="VP",
        head_title="Chánh Văn phòng",
        deputy_title="Phó Chánh Văn phòng",
    )
    department = DepartmentFactory(
        agency=agency, name="Phòng Hành chính - Tổ chức", abbreviation="HCTC"
    )
    other_department = DepartmentFactory(
        agency=agency, name="Phòng Kiểm soát TTHC", abbreviation="KSTTHC"
    )
    outsider_agency = AgencyFactory(
        name="Ban Thi đua - Khen thưởng tỉnh", short_name="BTDKT", symbol="BTĐKT"
    )
    people = _people(agency, department, outsider_agency)
    published = _published(agency, code=VERIFICATION_CODE)
    report = EvaluationReport.objects.create(
        agency=agency, objective_set=published, year=PUBLISHED_YEAR, status=Status.APPROVED
    )
    return World(
        agency=agency,
        department=department,
        other_department=other_department,
        outsider_agency=outsider_agency,
        people=people,
        draft=set_in(agency, Status.DRAFT, year=2025),
        submitted=set_in(agency, Status.SUBMITTED, year=2026),
        approved=_approved_for_external_signing(agency, people),
        published=published,
        department_draft=set_in(agency, Status.DRAFT, year=2025, department=department),
        other_department_published=_published(agency, department=other_department),
        report=report,
        evidence=_monitoring(published, people),
        risk=_risk(agency),
        department_risk=_risk(agency, department),
        staff_membership=Membership.objects.get(user=people["staff"], agency=agency),
    )
