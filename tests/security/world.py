"""One small world with every kind of object the URLs of the project point at, built once per
test module (tests/security/conftest.py) and read by the URL × role matrix and the baseline
checks.

Agency A (the `people` roles, as in tests/conftest.py) with departments D and D2, and another
agency whose member is the "outsider"; an oversight body over A (its administrator and
inspector) and another body over the outsider's agency ("other_overseer"). Sets of A in every
state the pages are built for, one published set with an issued file, a verification code,
results, evidence, an evaluation report and risks."""

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from agencies.models import Membership
from documents.models import IssueMethod, Status
from evaluation.models import EvaluationReport
from monitoring.models import Evidence, MonitoringPlan, ObjectivePlan, Result
from objectives.models import ObjectiveSet
from risks.models import Risk
from tests.factories import (
    DepartmentFactory,
    EvaluationReportFactory,
    MembershipFactory,
    ObjectiveSetFactory,
    RiskFactory,
    UserFactory,
    the_agency,
    the_department,
    the_outsider_agency,
    the_people,
)
from tests.factories_oversight import the_oversight
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
    oversight_body: object = None  # over agency A since 2020 (tests/factories_oversight.py)

    def section_of(self, objective_set):
        return objective_set.sections.first()

    def objective_of(self, objective_set):
        return objective_set.objectives.order_by("order", "pk").first()


def _people(agency, department, outsider_agency) -> dict:
    """The users of the `people` fixture (tests/conftest.py): one per role in `agency`, the
    department head and staff in `department`, and an outsider holding every role elsewhere."""
    users = the_people(agency, department, outsider_agency)
    # A former ISO officer of `agency` (membership deactivated): their old roles count for nothing.
    former = UserFactory(username="former_member")
    MembershipFactory(
        user=former, agency=agency, department=department, is_iso_officer=True, is_active=False
    )
    users["former_member"] = former
    return users


# One quarterly objective with its target, in the section "I. Đối với cơ quan:".
_ONE_OBJECTIVE = {"with_objectives": 1, "with_objectives__reporting_frequencies": ["quarterly"]}


def set_in(agency, status, *, year, department=None, **fields) -> ObjectiveSet:
    """A set with a section, one objective (quarterly) and one target, in `status`."""
    return ObjectiveSetFactory(
        agency=agency, department=department, year=year, status=status, **_ONE_OBJECTIVE, **fields
    )


def _published(agency, *, department=None, year=PUBLISHED_YEAR, code=None) -> ObjectiveSet:
    """Published (124/QĐ-VP of 15 January), issued in the app, with its file."""
    return ObjectiveSetFactory(
        agency=agency,
        department=department,
        year=year,
        published=True,
        issued_file=ContentFile(small_pdf(), name="issued.pdf"),
        issued_sha256=hashlib.sha256(small_pdf()).hexdigest(),
        issue_method=IssueMethod.APP,
        verification_code=code,
        **_ONE_OBJECTIVE,
    )


def _approved_for_external_signing(agency, people) -> ObjectiveSet:
    """Approved, number and date fixed, the unsigned PDF stored: every issue page opens."""
    return ObjectiveSetFactory(
        agency=agency,
        year=2027,
        approved=True,
        prepared_file=ContentFile(small_pdf(), name="prepared.pdf"),
        prepared_sha256=hashlib.sha256(small_pdf()).hexdigest(),
        number=125,
        symbol="QĐ-VP",
        issued_on=date(2027, 1, 15),
        issue_method=IssueMethod.EXTERNAL_SIGNING,
        signer=people["head"],
        **_ONE_OBJECTIVE,
    )


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
    return RiskFactory(
        agency=agency, department=department, year=PUBLISHED_YEAR, cause="", treatment=""
    )


def build_world() -> World:
    agency = the_agency()
    department = the_department(agency)
    other_department = DepartmentFactory(
        agency=agency, name="Phòng Kiểm soát TTHC", abbreviation="KSTTHC"
    )
    outsider_agency = the_outsider_agency()
    people = _people(agency, department, outsider_agency)
    people.update(the_oversight(agency, outsider_agency))
    published = _published(agency, code=VERIFICATION_CODE)
    report = EvaluationReportFactory(objective_set=published, approved=True)
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
        oversight_body=people["inspector"].oversight_memberships.get().body,
    )
