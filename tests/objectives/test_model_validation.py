from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Membership
from objectives.models import Comparison, Objective, ObjectiveSet
from tests.factories import (
    AgencyFactory,
    DepartmentFactory,
    ObjectiveFactory,
    TargetFactory,
    UserFactory,
)


def _errors(instance, exclude=None):
    with pytest.raises(ValidationError) as error:
        instance.full_clean(exclude=exclude)
    return error.value.message_dict


def test_it_refuses_years_out_of_range(agency):
    for year in (1999, 2101):
        assert "year" in _errors(ObjectiveSet(agency=agency, year=year))
    ObjectiveSet(agency=agency, year=2024).full_clean()


def test_it_refuses_a_department_of_another_agency(agency):
    foreign = DepartmentFactory(agency=AgencyFactory())
    assert "department" in _errors(ObjectiveSet(agency=agency, department=foreign, year=2024))
    membership = Membership(user=UserFactory(), agency=agency, department=foreign)
    assert "department" in _errors(membership)


def test_it_refuses_a_percentage_over_100_and_a_missing_value(db):
    too_high = TargetFactory.build(objective=ObjectiveFactory(), value=Decimal("101"), unit="%")
    assert "value" in _errors(too_high)
    missing = TargetFactory.build(objective=ObjectiveFactory(), value=None)
    assert "value" in _errors(missing)
    qualitative = TargetFactory.build(
        objective=ObjectiveFactory(), value=None, comparison=Comparison.NOT_SCORED, unit=""
    )
    qualitative.full_clean()
    decrease = TargetFactory.build(
        objective=ObjectiveFactory(),
        value=Decimal("150"),
        unit="%",
        comparison=Comparison.DECREASE_BY,
    )
    decrease.full_clean()


def test_it_refuses_unknown_reporting_frequencies_and_foreign_lead_units(db):
    objective = ObjectiveFactory()
    objective.reporting_frequencies = ["quarterly", "weekly"]
    objective.lead_unit = DepartmentFactory(agency=AgencyFactory())
    errors = _errors(objective)
    assert "reporting_frequencies" in errors
    assert "lead_unit" in errors
    assert Objective.objects.get(pk=objective.pk).reporting_frequencies == []


def test_it_prints_numbers_with_a_leading_zero(agency):
    objective_set = ObjectiveSet(agency=agency, year=2023, number=7, symbol="QĐ-VP")
    assert objective_set.number_and_symbol == "07/QĐ-VP"
    objective_set.number = 124
    assert objective_set.number_and_symbol == "124/QĐ-VP"
