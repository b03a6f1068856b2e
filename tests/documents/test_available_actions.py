"""available_actions: what the workflow buttons offer a user on a document now — the right
(documents.rulebook) and the status both allow it."""

import pytest

from agencies.models import Membership
from documents.models import IssueMethod, Status
from documents.rulebook import available_actions
from tests.objectives.services_support import make_set

ISSUE_WAYS = {"issue", "prepare_external", "register_external"}


@pytest.mark.parametrize(
    ("role", "status", "expected"),
    [
        ("iso_officer", Status.DRAFT, {"edit", "submit", "withdraw"}),
        ("department_head", Status.RETURNED, set()),  # an agency set: not theirs
        ("head", Status.SUBMITTED, {"approve", "return"}),
        ("deputy", Status.APPROVED, {"return"}),
        ("records_officer", Status.APPROVED, ISSUE_WAYS),
        ("records_officer", Status.SUBMITTED, set()),
        ("iso_officer", Status.ISSUED, {"publish", "revise"}),
        ("staff", Status.PUBLISHED, {"acknowledge"}),
        ("iso_officer", Status.SUPERSEDED, set()),
        ("staff", Status.DRAFT, set()),
        ("outsider", Status.SUBMITTED, set()),
    ],
)
def test_it_lists_what_the_right_and_the_status_allow(people, agency, role, status, expected):
    document = make_set(agency, status=status, objectives=0)
    assert available_actions(people[role], document) == expected


def test_it_gives_the_department_head_their_own_department_drafts(people, agency, department):
    document = make_set(agency, department=department, status=Status.RETURNED, objectives=0)
    assert available_actions(people["department_head"], document) == {"edit", "submit", "withdraw"}


def test_it_offers_only_the_signed_upload_once_prepared(people, agency):
    document = make_set(
        agency, status=Status.APPROVED, objectives=0, issue_method=IssueMethod.EXTERNAL_SIGNING
    )
    assert available_actions(people["records_officer"], document) == {
        "issue",
        "accept_signed_upload",
    }


def test_it_lets_the_approvers_issue_where_nobody_is_records_officer(people, agency):
    Membership.objects.filter(user=people["records_officer"]).update(is_active=False)
    document = make_set(agency, status=Status.APPROVED, objectives=0)
    assert available_actions(people["head"], document) == {"return", *ISSUE_WAYS}
    assert available_actions(people["records_officer"], document) == set()
