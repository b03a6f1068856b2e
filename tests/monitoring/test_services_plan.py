from datetime import date
from decimal import Decimal

import pytest

from monitoring.models import MonitoringPlan, ObjectivePlan, allowed_frequencies
from monitoring.periods import ReportingFrequency
from monitoring.selectors import effective_plan
from monitoring.services import objective_plan_save, result_record
from objectives.models import Objective
from qms_objectives.errors import WorkflowError
from tests.monitoring.conftest import add_objective, publish_set


def save(objective, actor, **fields):
    values = {"frequency": "quarterly", "roll_up": "ratio_of_sums"}
    values.update(fields)
    return objective_plan_save(objective=objective, actor=actor, **values)


def test_it_chooses_how_an_objective_is_followed_without_touching_it(people, agency, department):
    objective = add_objective(publish_set(agency), frequencies=("quarterly", "half_yearly"))
    before = (objective.version, objective.reporting_frequencies, objective.content)
    save(
        objective,
        people["iso_officer"],
        frequency="half_yearly",
        roll_up="worst",
        department=department,
        reporter=people["staff"],
    )
    plan = ObjectivePlan.objects.get(objective=objective)
    assert (plan.frequency, plan.roll_up) == ("half_yearly", "worst")
    assert (plan.department, plan.reporter, plan.agency) == (department, people["staff"], agency)
    assert MonitoringPlan.objects.get().objective_set == objective.objective_set
    objective.refresh_from_db()
    assert (objective.version, objective.reporting_frequencies, objective.content) == before
    assert plan.history.count() == 2  # created with defaults, then changed


def test_it_offers_only_the_frequencies_the_objective_allows(people, agency):
    objective = add_objective(publish_set(agency), frequencies=("quarterly",))
    with pytest.raises(WorkflowError) as error:
        save(objective, people["iso_officer"], frequency="monthly")
    assert error.value.code == "invalid"
    assert not ObjectivePlan.objects.exists()


def test_an_objective_whose_text_names_no_period_may_take_any_frequency(people, agency):
    """Issue 19, finding 1: the frequency belongs to the plan; the text naming none allows all
    (it used to allow only continuous updating, so the objective was never due)."""
    objective = add_objective(publish_set(agency), frequencies=())
    assert allowed_frequencies(objective) == list(ReportingFrequency.values)
    assert save(objective, people["iso_officer"], frequency="half_yearly").frequency == (
        "half_yearly"
    )
    assert save(objective, people["iso_officer"], frequency="continuous").frequency == (
        "continuous"
    )


def test_a_listed_frequency_still_binds_the_plan(people, agency):
    objective = add_objective(publish_set(agency), frequencies=("continuous",))
    with pytest.raises(WorkflowError):
        save(objective, people["iso_officer"], frequency="quarterly")
    assert not ObjectivePlan.objects.exists()


def test_without_a_plan_an_objective_the_text_gives_no_period_follows_the_agency_default(
    people, agency
):
    objective = add_objective(publish_set(agency), frequencies=())
    assert effective_plan(objective).frequency == "quarterly"  # the default agency setting
    agency.default_reporting_frequency = "monthly"
    agency.save()
    objective = Objective.objects.select_related("objective_set__agency").get(pk=objective.pk)
    assert effective_plan(objective).frequency == "monthly"
    # A period the text lists is preferred to the agency's default.
    listed = add_objective(objective.objective_set, frequencies=("half_yearly", "yearly"))
    assert effective_plan(listed).frequency == "half_yearly"


def test_it_keeps_the_frequency_once_results_exist(people, agency):
    objective = add_objective(publish_set(agency), frequencies=("quarterly", "half_yearly"))
    result_record(
        target=objective.targets.get(),
        period_key="2024-Q1",
        actor=people["iso_officer"],
        value=Decimal(97),
        today=date(2024, 7, 1),
    )
    with pytest.raises(WorkflowError) as error:
        save(objective, people["iso_officer"], frequency="half_yearly")
    assert error.value.code == "state"
    assert ObjectivePlan.objects.get().frequency == "quarterly"
    # Other settings may still change.
    assert save(objective, people["iso_officer"], roll_up="average").roll_up == "average"


def test_it_refuses_a_reporter_from_another_agency(people, agency):
    objective = add_objective(publish_set(agency))
    with pytest.raises(WorkflowError):
        save(objective, people["iso_officer"], reporter=people["outsider"])


@pytest.mark.parametrize(
    ("role", "agency_set_allowed", "department_set_allowed"),
    [
        ("iso_officer", True, True),
        ("department_head", False, True),
        ("head", False, False),
        ("staff", False, False),
        ("outsider", False, False),
    ],
)
def test_who_plans_monitoring(
    people, agency, department, role, agency_set_allowed, department_set_allowed
):
    for objective_set, allowed in (
        (publish_set(agency), agency_set_allowed),
        (publish_set(agency, department=department), department_set_allowed),
    ):
        objective = add_objective(objective_set)
        if allowed:
            save(objective, people[role])
        else:
            with pytest.raises(WorkflowError) as error:
                save(objective, people[role])
            assert error.value.code == "forbidden"
    assert ObjectivePlan.objects.count() == agency_set_allowed + department_set_allowed
