"""Rows of an agency or of one of its departments (agencies.models.AgencyUnit): the department
must be one of the agency's, and each kind says so in its own words."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from evaluation.models import EvaluationReport
from monitoring.models import PeriodConfirmation
from objectives.models import ObjectiveSet
from risks.models import Risk
from tests.factories import AgencyFactory, DepartmentFactory, UserFactory


def _errors(instance) -> dict:
    with pytest.raises(ValidationError) as error:
        instance.full_clean()
    return error.value.message_dict


def test_each_kind_refuses_a_department_of_another_agency_in_its_own_words(agency):
    foreign = DepartmentFactory(agency=AgencyFactory())
    document = {"agency": agency, "department": foreign, "year": 2024}
    for instance, message in (
        (ObjectiveSet(**document), "Phòng, đơn vị phải thuộc chính cơ quan của văn bản."),
        (EvaluationReport(**document), "Phòng, đơn vị phải thuộc chính cơ quan của văn bản."),
        (
            Risk(**document, description="Trễ hạn"),
            "Phòng, đơn vị phải thuộc chính cơ quan của bảng rủi ro.",
        ),
        (
            PeriodConfirmation(
                agency=agency,
                department=foreign,
                period_key="2024-Q1",
                period_start=datetime.date(2024, 1, 1),
                period_end=datetime.date(2024, 3, 31),
                confirmed_by=UserFactory(),
            ),
            "Đơn vị báo cáo phải thuộc cơ quan.",
        ),
    ):
        assert _errors(instance)["department"] == [message], type(instance).__name__


def test_a_risk_checks_its_owner_department_too(agency):
    own = DepartmentFactory(agency=agency)
    foreign = DepartmentFactory(agency=AgencyFactory())
    risk = Risk(agency=agency, department=own, owner_department=foreign, year=2024, description="x")
    errors = _errors(risk)
    assert "department" not in errors
    assert errors["owner_department"] == ["Phòng, đơn vị phải thuộc chính cơ quan của bảng rủi ro."]


def test_the_agency_itself_or_its_own_department_passes(agency):
    own = DepartmentFactory(agency=agency)
    for department in (None, own):
        ObjectiveSet(agency=agency, department=department, year=2024).full_clean()
        Risk(agency=agency, department=department, year=2024, description="x").full_clean(
            exclude=["objectives"]
        )


def test_a_row_is_named_after_its_department_else_its_agency(agency):
    own = DepartmentFactory(agency=agency, name="Phòng Tổng hợp")
    assert ObjectiveSet(agency=agency, year=2024).owner_name == agency.name
    assert ObjectiveSet(agency=agency, department=own, year=2024).owner_name == "Phòng Tổng hợp"
    assert str(ObjectiveSet(agency=agency, department=own, year=2024)) == (
        "Mục tiêu chất lượng năm 2024 – Phòng Tổng hợp"
    )
