"""The pages of corrective actions with the roles: the ISO officer records, edits and closes; the
owner (staff member named, head of the owner department) marks done and adds evidence; the head
reads; another agency's member gets 404; refused actions change nothing."""

import pytest
from django.urls import reverse

from corrective.models import CorrectiveAction, Evidence, Status
from tests.corrective.conftest import make_action
from tests.files_support import small_pdf


def _login(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])


def _state(action):
    action.refresh_from_db()
    return (
        action.status,
        action.cause,
        action.action,
        action.outcome,
        action.history.count(),
        action.evidence.count(),
    )


@pytest.mark.parametrize(
    ("role", "status", "listed"),
    [
        ("iso_officer", 200, True),
        ("head", 200, True),
        ("deputy", 200, True),
        ("department_head", 200, True),
        ("staff", 200, True),  # the person who carries it out
        ("records_officer", 200, False),
        ("outsider", 404, False),
    ],
)
def test_it_lists_the_actions_each_role_may_see(
    client, people, agency, action, role, status, listed
):
    _login(client, people, role)
    response = client.get(reverse("corrective:list", args=[agency.pk, 2024]))
    assert response.status_code == status
    assert (action.nonconformity[:40] in response.content.decode()) is listed
    detail = client.get(reverse("corrective:detail", args=[action.pk]))
    assert detail.status_code == (200 if listed else 404)


def test_it_filters_open_overdue_and_closed(client, people, agency, department, monkeypatch):
    from datetime import date

    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2024, 7, 15))
    late = make_action(agency, people, department, nonconformity="Quá hạn A")
    make_action(agency, people, department, nonconformity="Còn hạn B", due_date=date(2024, 9, 1))
    make_action(agency, people, department, nonconformity="Đã đóng C", status=Status.CLOSED)
    client.force_login(people["iso_officer"])
    url = reverse("corrective:list", args=[agency.pk, 2024])

    def shown(state):
        page = client.get(url, {"state": state}).content.decode()
        return [t for t in ("Quá hạn A", "Còn hạn B", "Đã đóng C") if t in page]

    assert shown("") == ["Quá hạn A", "Còn hạn B", "Đã đóng C"]
    assert shown("open") == ["Quá hạn A", "Còn hạn B"]
    assert shown("overdue") == ["Quá hạn A"]
    assert shown("closed") == ["Đã đóng C"]
    assert late.is_overdue()


def _record_data(people, department, **extra):
    return {
        "department": department.pk,
        "nonconformity": "Tỷ lệ hồ sơ đúng hạn: Không đạt",
        "cause": "Phần mềm một cửa lỗi trong tháng 5.",
        "action": "Nâng cấp phần mềm, nhập bù hồ sơ.",
        "owner_department": department.pk,
        "owner_person": people["staff"].pk,
        "due_date": "2024-09-30",
        **extra,
    }


@pytest.mark.parametrize(("role", "status"), [("head", 403), ("staff", 403), ("outsider", 404)])
def test_only_the_iso_officer_records(client, people, agency, department, role, status):
    _login(client, people, role)
    response = client.post(
        reverse("corrective:new", args=[agency.pk, 2024]), _record_data(people, department)
    )
    assert response.status_code == status
    assert not CorrectiveAction.objects.exists()


def test_bad_input_is_said_next_to_the_field_in_vietnamese(client, people, agency, department):
    client.force_login(people["iso_officer"])
    data = _record_data(people, department, cause="", owner_department="", owner_person="")
    response = client.post(reverse("corrective:new", args=[agency.pk, 2024]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["cause"] == ["Trường này là bắt buộc."]
    assert form.errors["owner_person"] == ["Hãy chọn đơn vị hoặc người thực hiện."]
    assert not CorrectiveAction.objects.exists()


def test_the_iso_officer_edits_and_others_change_nothing(client, people, action):
    url = reverse("corrective:edit", args=[action.pk])
    data = {
        "department": action.department_id,
        "nonconformity": action.nonconformity,
        "cause": "Nguyên nhân đã xác định lại.",
        "action": action.action,
        "owner_department": action.owner_department_id,
        "owner_person": action.owner_person_id,
        "due_date": "2024-08-31",
    }
    before = _state(action)
    for role, status in (
        ("head", 403),
        ("staff", 403),
        ("department_head", 403),
        ("outsider", 404),
    ):
        _login(client, people, role)
        assert client.post(url, data).status_code == status, role
        assert _state(action) == before
    client.force_login(people["iso_officer"])
    assert client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.cause == "Nguyên nhân đã xác định lại."
    assert action.history.latest().history_user == people["iso_officer"]


def test_the_owner_marks_done_and_the_iso_officer_closes(client, people, action):
    done_url = reverse("corrective:done", args=[action.pk])
    close_url = reverse("corrective:close", args=[action.pk])
    before = _state(action)
    for role, status in (("head", 403), ("records_officer", 404), ("outsider", 404)):
        _login(client, people, role)
        assert client.post(done_url, {"outcome": "Xong."}).status_code == status, role
        assert _state(action) == before
    client.force_login(people["staff"])
    assert client.post(done_url, {"outcome": "Đã bổ sung cán bộ."}).status_code == 302
    action.refresh_from_db()
    assert (action.status, action.done_by, action.outcome) == (
        Status.DONE,
        people["staff"],
        "Đã bổ sung cán bộ.",
    )
    # The owner may not close it; the ISO officer verifies and closes.
    before = _state(action)
    for role, status in (("staff", 403), ("head", 403), ("outsider", 404)):
        _login(client, people, role)
        assert client.post(close_url, {"outcome": "Đạt."}).status_code == status, role
        assert _state(action) == before
    client.force_login(people["iso_officer"])
    refused = client.post(close_url, {"outcome": ""})
    assert refused.status_code == 400
    assert refused.context["form"].errors["outcome"] == ["Trường này là bắt buộc."]
    assert _state(action) == before
    assert (
        client.post(close_url, {"outcome": "Quý III không còn hồ sơ quá hạn."}).status_code == 302
    )
    action.refresh_from_db()
    assert action.status == Status.CLOSED and action.closed_by == people["iso_officer"]
    assert action.outcome == "Quý III không còn hồ sơ quá hạn."
    page = client.get(reverse("corrective:detail", args=[action.pk])).content.decode()
    assert "Đã đóng" in page and "Quý III không còn hồ sơ quá hạn." in page
    assert [h.status for h in action.history.order_by("history_date")] == [
        Status.OPEN,
        Status.DONE,
        Status.CLOSED,
    ]


def test_evidence_is_proven_by_content_and_private(client, people, action):
    url = reverse("corrective:evidence", args=[action.pk])
    client.force_login(people["staff"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 not really a pdf", "application/pdf")
    refused = client.post(url, {"file": fake})
    assert refused.status_code == 400
    assert refused.context["form"].errors["file"]
    assert not Evidence.objects.exists()

    real = SimpleUploadedFile("bien-ban.pdf", small_pdf(), "application/pdf")
    assert client.post(url, {"file": real}).status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.uploaded_by) == ("pdf", people["staff"])
    file_url = reverse("private_file", args=[evidence.file.name])
    for role, status in (("staff", 200), ("iso_officer", 200), ("head", 200)):
        client.force_login(people[role])
        assert client.get(file_url).status_code == status, role
    for role in ("records_officer", "outsider"):
        client.force_login(people[role])
        assert client.get(file_url).status_code == 404, role
    # The head reads but does not add evidence.
    client.force_login(people["head"])
    again = SimpleUploadedFile("them.pdf", small_pdf(), "application/pdf")
    assert client.post(url, {"file": again}).status_code == 403
    assert Evidence.objects.count() == 1
