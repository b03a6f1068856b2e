"""Conformity announcement services: the ISO officer keeps the scope and drafts, the head
approves, the records officer issues; the inspecting unit is told; a changed scope asks for a
re-announcement that replaces the one on file. Refused actions change nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agencies.oversight import forget_oversight_memberships
from conformity import services
from conformity.models import ConformityAnnouncement, ConformityScope
from conformity.selectors import announcement_on_file, announcements_on_file
from documents import workflow
from documents.models import DocumentEvent, Status
from notifications.models import Notification
from qms_objectives.errors import WorkflowError
from tests.factories_oversight import the_oversight
from tests.files_support import small_pdf

ACTIVITIES = "Cấp phép xây dựng\nĐất đai"
PROCEDURES = "Cấp giấy phép xây dựng nhà ở riêng lẻ\nĐăng ký biến động đất đai"


@pytest.fixture
def overseers(agency, outsider_agency):
    users = the_oversight(agency, outsider_agency)
    for user in users.values():
        forget_oversight_memberships(user)
    return users


def _issued(agency, people, *, number=12, day=None):
    """Through the workflow; with `day` before today, the paper original's scan registered."""
    announcement = services.announcement_start(
        agency=agency, actor=people["iso_officer"], year=timezone.localdate().year
    )
    announcement = workflow.document_submit(document=announcement, actor=people["iso_officer"])
    announcement = workflow.document_approve(document=announcement, actor=people["head"])
    common = {"actor": people["records_officer"], "number": number, "symbol": "QĐ-VP"}
    if day is not None:
        upload = SimpleUploadedFile("qd.pdf", small_pdf(), content_type="application/pdf")
        return services.announcement_register(
            document=announcement, issued_on=day, uploaded_file=upload, **common
        )
    return services.announcement_issue(
        document=announcement, issued_on=timezone.localdate(), **common
    )


def test_it_starts_from_the_current_scope_with_the_inspecting_unit_among_recipients(
    agency, people, overseers
):
    services.scope_save(
        agency=agency, actor=people["iso_officer"], activities=ACTIVITIES, procedures=PROCEDURES
    )
    announcement = services.announcement_start(
        agency=agency, actor=people["iso_officer"], year=2026
    )
    assert announcement.status == Status.DRAFT
    assert announcement.procedures == PROCEDURES
    assert "Chi cục Tiêu chuẩn Đo lường Chất lượng (để theo dõi);" in announcement.recipients
    assert announcement.symbol == "QĐ-VP"
    assert DocumentEvent.objects.filter(object_id=announcement.pk, action="start").exists()


@pytest.mark.parametrize("role", ["head", "records_officer", "staff", "outsider"])
def test_it_refuses_others_than_the_iso_officer_to_start_or_keep_the_scope(agency, people, role):
    with pytest.raises(WorkflowError):
        services.announcement_start(agency=agency, actor=people[role], year=2026)
    with pytest.raises(WorkflowError):
        services.scope_save(agency=agency, actor=people[role], activities="X", procedures="")
    assert not ConformityAnnouncement.objects.exists()
    assert not ConformityScope.objects.exists()


def test_an_issued_announcement_is_on_file_and_the_inspecting_unit_is_told(
    agency, people, overseers, django_capture_on_commit_callbacks, fast_render
):
    services.scope_save(
        agency=agency, actor=people["iso_officer"], activities=ACTIVITIES, procedures=PROCEDURES
    )
    with django_capture_on_commit_callbacks(execute=True):
        announcement = _issued(agency, people)
    assert announcement.status == Status.ISSUED
    assert announcement.issued_file
    day = timezone.localdate()
    assert announcement_on_file([agency.pk]) == {agency.pk: ("12/QĐ-VP", day)}
    told = set(
        Notification.objects.filter(kind="conformity_announced").values_list(
            "user__username", flat=True
        )
    )
    assert told == {"oversight_admin", "inspector"}  # not the other province's overseer


def test_a_changed_scope_asks_for_a_reannouncement_that_replaces_the_one_on_file(
    agency, people, overseers, fast_render
):
    services.scope_save(
        agency=agency, actor=people["iso_officer"], activities=ACTIVITIES, procedures=PROCEDURES
    )
    first = _issued(agency, people, number=3, day=datetime.date(2019, 6, 3))
    scope = services.scope_save(
        agency=agency,
        actor=people["iso_officer"],
        activities=ACTIVITIES,
        procedures=PROCEDURES + "\nChứng thực bản sao từ bản chính",
    )
    assert scope.differs_from(first)
    # Same items in another order and case are the same scope.
    same = ConformityScope(activities="đất đai\n- Cấp phép xây dựng", procedures=PROCEDURES)
    assert not same.differs_from(first)
    second = _issued(agency, people, number=4)
    first.refresh_from_db()
    assert second.revises_id == first.pk and second.revision == 1
    assert first.status == Status.SUPERSEDED
    assert announcements_on_file([agency.pk])[agency.pk].pk == second.pk
    assert not scope.differs_from(second)


def test_it_refuses_an_empty_field_of_activity_and_keeps_the_draft(agency, people):
    announcement = services.announcement_start(
        agency=agency, actor=people["iso_officer"], year=2026
    )
    with pytest.raises(WorkflowError) as refused:
        services.announcement_update(
            announcement=announcement,
            actor=people["iso_officer"],
            version=announcement.version,
            fields={"activities": "  ", "proposer": "Tổ trưởng Tổ ISO"},
        )
    assert refused.value.field == "activities"
    announcement.refresh_from_db()
    assert announcement.proposer == "" and announcement.version == 1
