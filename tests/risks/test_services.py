"""Writing the register: who may, what is checked, the history rows, and that a refusal
changes nothing."""

from datetime import date

import pytest

from qms_objectives.errors import WorkflowError
from risks import services
from risks.models import Kind, Risk, RiskStatus
from tests.factories import ObjectiveFactory, ObjectiveSetFactory
from tests.risks.risk_support import make_risk

DATA = {
    "kind": Kind.OPPORTUNITY,
    "description": "Triển khai dịch vụ công trực tuyến toàn trình.",
    "cause": "Tỉnh đầu tư hạ tầng số.",
    "likelihood": 4,
    "impact": 3,
    "treatment": "Đăng ký thí điểm 5 thủ tục.",
    "due_date": date(2025, 9, 30),
}


def _state(risk):
    risk.refresh_from_db()
    return (
        risk.status,
        risk.description,
        risk.likelihood,
        risk.department_id,
        risk.closed_at,
        risk.history.count(),
        list(risk.objectives.values_list("pk", flat=True)),
    )


def test_the_iso_officer_adds_to_the_agency_register(people, agency):
    objective = ObjectiveFactory(objective_set=ObjectiveSetFactory(agency=agency, year=2025))

    risk = services.risk_create(
        agency=agency, year=2025, actor=people["iso_officer"], data=DATA, objectives=[objective]
    )

    risk.refresh_from_db()
    assert risk.department is None and risk.level == 12 and risk.status == RiskStatus.OPEN
    assert list(risk.objectives.all()) == [objective]
    assert risk.created_by == people["iso_officer"]
    (first,) = risk.history.all()  # one row for the creation, its objectives included
    assert first.history_type == "+" and first.history_user == people["iso_officer"]
    assert [link.objective_id for link in first.objectives.all()] == [objective.pk]


def test_a_department_head_adds_to_their_own_register_only(
    people, agency, department, other_department
):
    own = services.risk_create(
        agency=agency,
        year=2025,
        actor=people["department_head"],
        data={**DATA, "department": department},
    )
    assert own.department == department

    before = Risk.objects.count()
    for scope in (None, other_department):
        with pytest.raises(WorkflowError) as caught:
            services.risk_create(
                agency=agency,
                year=2025,
                actor=people["department_head"],
                data={**DATA, "department": scope},
            )
        assert caught.value.code == "forbidden"
    assert Risk.objects.count() == before


@pytest.mark.parametrize("role", ["staff", "head", "deputy", "records_officer", "outsider"])
def test_others_may_not_add(people, agency, role):
    with pytest.raises(WorkflowError):
        services.risk_create(agency=agency, year=2025, actor=people[role], data=DATA)
    assert not Risk.objects.exists()


def test_objectives_of_another_agency_are_refused(people, agency, outsider_agency):
    foreign = ObjectiveFactory(objective_set=ObjectiveSetFactory(agency=outsider_agency))
    with pytest.raises(WorkflowError) as caught:
        services.risk_create(
            agency=agency, year=2025, actor=people["iso_officer"], data=DATA, objectives=[foreign]
        )
    assert caught.value.code == "invalid"
    assert not Risk.objects.exists()


def test_an_owner_outside_the_agency_is_refused(people, agency):
    with pytest.raises(WorkflowError):
        services.risk_create(
            agency=agency,
            year=2025,
            actor=people["iso_officer"],
            data={**DATA, "owner_person": people["outsider"]},
        )
    assert not Risk.objects.exists()


def test_an_update_is_recorded_in_the_history(people, agency, department):
    risk = make_risk(agency, department=department)

    services.risk_update(
        risk=risk,
        actor=people["department_head"],
        data={"likelihood": 5, "impact": 5, "status": RiskStatus.IN_TREATMENT},
    )

    risk.refresh_from_db()
    assert (risk.level, risk.band, risk.status) == (25, "very_high", RiskStatus.IN_TREATMENT)
    latest = risk.history.latest()
    assert latest.history_type == "~" and latest.history_user == people["department_head"]
    assert (latest.likelihood, latest.prev_record.likelihood) == (5, 3)


@pytest.mark.parametrize("role", ["staff", "head", "outsider"])
def test_a_refused_update_changes_nothing(people, agency, department, role):
    risk = make_risk(agency, department=department)
    before = _state(risk)
    with pytest.raises(WorkflowError):
        services.risk_update(risk=risk, actor=people[role], data={"description": "Khác"})
    assert _state(risk) == before


def test_a_department_head_may_not_move_a_risk_to_another_register(
    people, agency, department, other_department
):
    risk = make_risk(agency, department=department)
    before = _state(risk)
    with pytest.raises(WorkflowError):
        services.risk_update(
            risk=risk, actor=people["department_head"], data={"department": other_department}
        )
    assert _state(risk) == before


def test_closing_and_reopening(people, agency):
    risk = make_risk(agency)

    services.risk_close(risk=risk, actor=people["iso_officer"], outcome="Đã bố trí người thay.")
    risk.refresh_from_db()
    assert risk.status == RiskStatus.CLOSED and risk.closed_at is not None
    assert risk.outcome == "Đã bố trí người thay."
    with pytest.raises(WorkflowError) as caught:
        services.risk_update(risk=risk, actor=people["iso_officer"], data={"impact": 1})
    assert caught.value.code == "state"
    with pytest.raises(WorkflowError):
        services.risk_close(risk=risk, actor=people["iso_officer"])

    services.risk_reopen(risk=risk, actor=people["iso_officer"])
    risk.refresh_from_db()
    assert risk.status == RiskStatus.IN_TREATMENT and risk.closed_at is None
    assert [h.status for h in risk.history.order_by("history_id")] == [
        "open",
        "closed",
        "in_treatment",
    ]


@pytest.mark.parametrize("role", ["staff", "outsider"])
def test_a_refused_close_changes_nothing(people, agency, role):
    risk = make_risk(agency)
    before = _state(risk)
    with pytest.raises(WorkflowError):
        services.risk_close(risk=risk, actor=people[role])
    assert _state(risk) == before
