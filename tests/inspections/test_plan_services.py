"""The annual inspection plan's services: generated from the agencies in the body's scope that
year (a third on site, months spread), edited by the body's inspectors only, the
at-least-a-third-on-site rule and every agency checked on paper checked before submission with a
Vietnamese sentence naming how many are needed; approved by the head of the body's agency and
issued by its records officer. Refused actions change nothing."""

import pytest
from django.utils import timezone

from documents import workflow
from documents.models import Status
from inspections import plans
from inspections.models import InspectionMode, InspectionPlan
from qms_objectives.errors import WorkflowError
from tests.inspections.plan_support import YEAR, plan_world


@pytest.fixture
def world(agency, outsider_agency, people):
    return plan_world(agency, outsider_agency, people)


@pytest.fixture
def plan(world):
    return plans.plan_start(body=world["body"], year=YEAR, actor=world["users"]["inspector"])


def test_it_generates_an_entry_per_agency_in_scope_that_year_a_third_on_site(world, plan, agency):
    entries = list(plan.entries.select_related("agency"))
    names = {e.agency.name for e in entries}
    assert len(entries) == 6  # agency A and the five Sở; not the one that left in 2023
    assert agency.name in names and "Ban Quản lý đã chuyển đi" not in names
    assert sum(e.mode == InspectionMode.ON_SITE for e in entries) == 2
    assert all(4 <= e.month <= 10 for e in entries)
    assert plan.agency_id == world["body"].agency_id and plan.symbol == "KH-SKHCN"
    assert plan.status == Status.DRAFT and plans.plan_problems(plan) == []


@pytest.mark.parametrize("role", ["oversight_admin", "other_overseer", "body_head", "iso_officer"])
def test_only_the_bodys_inspectors_start_a_plan(world, role):
    with pytest.raises(WorkflowError) as refused:
        plans.plan_start(body=world["body"], year=YEAR, actor=world["users"][role])
    assert refused.value.code == "forbidden"
    assert not InspectionPlan.objects.exists()


def _on_site_only(plan, users, count):
    entries = list(plan.entries.order_by("order"))
    modes = {
        e.pk: (InspectionMode.ON_SITE if i < count else InspectionMode.PAPER, 5, "")
        for i, e in enumerate(entries)
    }
    return plans.plan_update(
        plan=plan, actor=users["inspector"], version=plan.version, fields={}, entries=modes
    )


def test_it_refuses_to_submit_with_fewer_than_a_third_on_site_saying_how_many(world, plan):
    users = world["users"]
    plan = _on_site_only(plan, users, 1)
    with pytest.raises(WorkflowError) as refused:
        plans.plan_submit(document=plan, actor=users["inspector"])
    assert refused.value.code == "plan_rule"
    assert (
        "Phải kiểm tra trực tiếp tại cơ quan ít nhất một phần ba số cơ quan: 2/6 cơ quan; "
        "kế hoạch mới có 1."
    ) in refused.value.message
    plan.refresh_from_db()
    assert plan.status == Status.DRAFT


def test_it_refuses_a_plan_missing_an_agency_in_scope(world, plan, agency):
    users = world["users"]
    plan.entries.get(agency=agency).delete()
    with pytest.raises(WorkflowError) as refused:
        plans.plan_submit(document=plan, actor=users["inspector"])
    assert "kế hoạch còn thiếu: " + agency.name in refused.value.message


def test_it_goes_through_approval_by_the_head_and_issue_by_the_records_officer(
    world, plan, fast_render
):
    users = world["users"]
    plan = plans.plan_submit(document=plan, actor=users["inspector"])
    with pytest.raises(WorkflowError):
        workflow.document_approve(document=plan, actor=users["inspector"])
    plan = workflow.document_approve(document=plan, actor=users["body_head"])
    assert plan.signer_name
    with pytest.raises(WorkflowError):
        workflow.document_issue(
            document=plan,
            actor=users["inspector"],
            number=7,
            symbol="KH-SKHCN",
            issued_on=timezone.localdate(),
        )
    plan = workflow.document_issue(
        document=plan,
        actor=users["body_records"],
        number=7,
        symbol="KH-SKHCN",
        issued_on=timezone.localdate(),
    )
    assert plan.status == Status.ISSUED and plan.number_and_symbol == "07/KH-SKHCN"


def test_an_edit_by_others_than_the_inspectors_changes_nothing(world, plan):
    users = world["users"]
    entry = plan.entries.order_by("order").first()
    for role in ("oversight_admin", "body_head", "other_overseer", "iso_officer"):
        with pytest.raises(WorkflowError):
            plans.plan_update(
                plan=plan,
                actor=users[role],
                version=plan.version,
                fields={"purpose": "Khác"},
                entries={entry.pk: (InspectionMode.ON_SITE, 12, "x")},
            )
    plan.refresh_from_db()
    entry.refresh_from_db()
    assert plan.version == 1 and "Đánh giá việc áp dụng" in plan.purpose
    assert entry.note == "" and entry.month != 12


def test_next_years_plan_puts_last_years_on_site_agencies_on_paper_first(world, plan, fast_render):
    users = world["users"]
    plan = plans.plan_submit(document=plan, actor=users["inspector"])
    plan = workflow.document_approve(document=plan, actor=users["body_head"])
    workflow.document_issue(
        document=plan,
        actor=users["body_records"],
        number=1,
        symbol="KH-SKHCN",
        issued_on=timezone.localdate(),
    )
    last = set(plan.entries.filter(mode=InspectionMode.ON_SITE).values_list("agency_id", flat=True))
    following = plans.plan_start(body=world["body"], year=YEAR + 1, actor=users["inspector"])
    now = set(
        following.entries.filter(mode=InspectionMode.ON_SITE).values_list("agency_id", flat=True)
    )
    assert len(now) == 2 and not (now & last)
