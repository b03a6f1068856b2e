"""The set factories' traits and `with_objectives` (tests/factories.py)."""

import datetime

from documents.models import Status
from tests.factories import EvaluationReportFactory, ObjectiveSetFactory, RiskFactory


def test_the_traits_give_each_state_its_fields(agency):
    assert ObjectiveSetFactory(agency=agency, submitted=True).status == Status.SUBMITTED
    approved = ObjectiveSetFactory(agency=agency, year=2025, approved=True)
    assert (approved.status, approved.signing_lines) == (Status.APPROVED, ["CHÁNH VĂN PHÒNG"])
    issued = ObjectiveSetFactory(agency=agency, year=2026, issued=True)
    assert (issued.status, issued.number_and_symbol, issued.issued_on) == (
        Status.ISSUED,
        "124/QĐ-VP",
        datetime.date(2026, 1, 15),
    )
    published = ObjectiveSetFactory(agency=agency, year=2027, published=True)
    assert published.status == Status.PUBLISHED
    assert published.published_at is not None


def test_with_objectives_adds_a_section_of_objectives_with_a_target_each(agency):
    objective_set = ObjectiveSetFactory(
        agency=agency, with_objectives=3, with_objectives__numbered=True
    )
    section = objective_set.sections.get()
    objectives = list(objective_set.objectives.order_by("order"))
    assert [o.order for o in objectives] == [1, 2, 3]
    assert all(o.section == section for o in objectives)
    assert [o.targets.get().wording for o in objectives] == ["≥ 91%", "≥ 92%", "≥ 93%"]
    partly = ObjectiveSetFactory(
        agency=agency, year=2025, with_objectives=2, with_objectives__in_section=1
    )
    assert [o.section_id is not None for o in partly.objectives.order_by("order")] == [True, False]
    assert ObjectiveSetFactory(agency=agency, year=2026).objectives.count() == 0


def test_a_report_and_a_risk(agency):
    report = EvaluationReportFactory(objective_set__agency=agency, approved=True)
    assert (report.agency, report.year, report.status) == (agency, 2024, Status.APPROVED)
    risk = RiskFactory(agency=agency, objectives=[])
    assert risk.due_date == datetime.date(2025, 6, 30)
