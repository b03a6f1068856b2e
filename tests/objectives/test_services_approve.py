"""Approval fixes the signing block (NĐ30 and the references) and the signer."""

import pytest

from agencies.models import Membership
from documents import workflow
from documents.models import Status
from qms_objectives.errors import WorkflowError
from tests.factories import AgencyFactory, MembershipFactory, UserFactory
from tests.objectives.services_support import events_of, make_set, snapshot


def test_it_lets_the_head_sign_in_their_own_name(people, agency):
    document = make_set(agency, status=Status.SUBMITTED)
    workflow.document_approve(document=document, actor=people["head"])
    document.refresh_from_db()
    assert document.status == Status.APPROVED
    assert document.signing_lines == ["CHÁNH VĂN PHÒNG"]
    assert document.signer == document.approved_by == people["head"]
    assert document.signer_name == "Head"
    assert document.approved_at is not None
    assert events_of(document).get().action == "approve"


def test_it_makes_a_deputy_sign_kt_for_the_head(people, agency):
    document = make_set(agency, status=Status.SUBMITTED)
    workflow.document_approve(document=document, actor=people["deputy"])
    document.refresh_from_db()
    assert document.signing_lines == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert document.signer == people["deputy"]


def test_it_prints_the_name_set_for_documents(people, agency):
    Membership.objects.filter(user=people["deputy"]).update(printed_name="Nguyễn Kim Long")
    lines, name = workflow.signing_block_for(agency=agency, actor=UserFactory(username="deputy"))
    assert name == "Nguyễn Kim Long"


def _committee(head_title="Chủ tịch", deputy_title="Phó Chủ tịch"):
    return AgencyFactory(
        name="Ủy ban nhân dân xã Long Thành",
        is_collective=True,
        collective_name="Ủy ban nhân dân",
        head_title=head_title,
        deputy_title=deputy_title,
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("is_head", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("is_deputy", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ],
)
def test_it_signs_tm_for_a_collective_body(db, role, expected):
    committee = _committee()
    user = UserFactory(first_name="Trần Văn", last_name="Bình")
    MembershipFactory(user=user, agency=committee, **{role: True})
    lines, name = workflow.signing_block_for(agency=committee, actor=user)
    assert lines == expected
    assert name == "Trần Văn Bình"


def test_it_upper_cases_vietnamese_titles_with_their_marks(db):
    board = AgencyFactory(head_title="Giám đốc", deputy_title="")
    user = UserFactory()
    MembershipFactory(user=user, agency=board, is_deputy=True)
    lines, _name = workflow.signing_block_for(agency=board, actor=user)
    assert lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_it_refuses_a_signing_block_for_someone_who_does_not_sign(people, agency):
    with pytest.raises(WorkflowError):
        workflow.signing_block_for(agency=agency, actor=people["iso_officer"])


@pytest.mark.parametrize(
    "state", [Status.DRAFT, Status.RETURNED, Status.APPROVED, Status.ISSUED, Status.WITHDRAWN]
)
def test_it_approves_only_a_submitted_set(people, agency, state):
    document = make_set(agency, status=state)
    before = snapshot(document)
    with pytest.raises(WorkflowError) as refusal:
        workflow.document_approve(document=document, actor=people["head"])
    assert refusal.value.code == "state"
    assert snapshot(document) == before
