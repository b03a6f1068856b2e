"""The body's reports and the decision per inspection as issued documents: the reports' figures
frozen when created (later data changes nothing until a refresh, which only a draft takes),
prepared by the body's inspector or administrator, approved by the head of the body's agency,
issued with a number and a signature by its records officer, the issued file unchanged after;
the decision made from the inspection page, read by the inspected agency once issued and never
as a draft; the agency, the outsider and another body's member know nothing of the reports;
both PDFs read back against NĐ30 with pdfplumber."""

import datetime
import io
import re

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pyhanko.pdf_utils.reader import PdfFileReader

from agencies.oversight import forget_oversight_memberships
from agencies.permissions import forget_memberships
from corrective.models import CorrectiveAction
from corrective.models import Status as CorrectiveStatus
from documents.models import Status
from inspections import services_inspection as services
from inspections.models import DecemberReport, InspectionDecision, InspectionPlan, NovemberReport
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
WATERMARK_PT = 50


@pytest.fixture
def signed(approved, people, both_certificates):
    minutes = services.minutes_sign_inspecting_unit(
        minutes=approved,
        actor=people["inspector"],
        number=None,
        issued_on=datetime.date(2024, 5, 15),
    )
    return services.minutes_sign_agency(minutes=minutes, actor=people["head"])


@pytest.fixture
def body_people(body, people):
    """The head and the records officer of the body's own agency (a Sở: "GIÁM ĐỐC")."""
    body.agency.head_title = "Giám đốc"
    body.agency.save()
    for key, flags in (
        ("body_head", {"is_head": True}),
        ("body_records", {"is_records_officer": True}),
    ):
        user = UserFactory(username=key, first_name="Nguyễn Văn", last_name=key.title())
        MembershipFactory(user=user, agency=body.agency, **flags)
        people[key] = user
    for user in people.values():
        forget_memberships(user)
        forget_oversight_memberships(user)
    return people


def _login(client, people, role):
    client.force_login(people[role])
    return client


def _read(data: bytes) -> dict:
    with pdfplumber.open(io.BytesIO(data)) as document:
        pages = [
            p.filter(lambda o: o.get("object_type") != "char" or o["size"] <= WATERMARK_PT)
            for p in document.pages
        ]
        return {
            "text": re.sub(r"\s+", " ", "\n".join(p.extract_text() or "" for p in pages)),
            "first": pages[0].extract_text(),
            "big": {c["text"] for p in document.pages for c in p.chars if c["size"] > WATERMARK_PT},
            "landscape": document.pages[0].width > document.pages[0].height,
            "rows": [row for p in pages for t in p.extract_tables() for row in t],
        }


def _start_report(client, people, body, kind="december", role="inspector"):
    _login(client, people, role)
    url = reverse("inspections:report_start", args=[body.pk, 2024, kind])
    return client.post(url)


def _issue(client, people, document, number):
    kind = document.KIND
    _login(client, people, "body_head")
    assert (
        client.post(
            reverse("inspections:body_document_approve", args=[kind, document.pk])
        ).status_code
        == 302
    )
    _login(client, people, "body_records")
    data = {
        "number": number,
        "symbol": document.symbol,
        "issued_on": timezone.localdate().strftime("%d/%m/%Y"),
    }
    response = client.post(
        reverse("inspections:body_document_issue", args=[kind, document.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    document.refresh_from_db()
    return document


def test_the_figures_are_frozen_until_a_draft_is_refreshed(client, signed, body, body_people):
    assert _start_report(client, body_people, body).status_code == 302
    report = DecemberReport.objects.get()
    assert report.status == Status.DRAFT and report.symbol == "BC-SKHCN"
    assert report.snapshot["figures"]["actions_open"] == 1
    CorrectiveAction.objects.update(status=CorrectiveStatus.CLOSED)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Số hành động khắc phục chưa hoàn thành" in page
    report.refresh_from_db()
    assert report.snapshot["figures"]["actions_open"] == 1  # frozen
    refresh = reverse("inspections:body_document_refresh", args=["december", report.pk])
    assert client.post(refresh).status_code == 302
    report.refresh_from_db()
    assert (
        report.snapshot["figures"]["actions_open"],
        report.snapshot["figures"]["actions_closed"],
    ) == (0, 1)


def test_the_bodys_administrator_prepares_a_report_too(client, signed, body, body_people):
    assert (
        _start_report(client, body_people, body, "november", role="oversight_admin").status_code
        == 302
    )
    report = NovemberReport.objects.get()
    submit = reverse("inspections:body_document_submit", args=["november", report.pk])
    assert client.post(submit).status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("body_head", 403),
        ("body_records", 403),
        ("head", 404),
        ("iso_officer", 404),
        ("outsider", 404),
        ("other_overseer", 404),
    ],
)
def test_only_the_bodys_people_start_a_report(client, signed, body, body_people, role, code):
    assert _start_report(client, body_people, body, role=role).status_code == code
    assert not DecemberReport.objects.exists()


@pytest.mark.parametrize("role", ["head", "iso_officer", "outsider", "other_overseer"])
def test_agencies_and_others_never_see_a_report(client, signed, body, body_people, role):
    _start_report(client, body_people, body)
    report = DecemberReport.objects.get()
    _login(client, body_people, role)
    for name in ("body_document", "body_document_pdf", "body_document_xlsx"):
        assert (
            client.get(reverse(f"inspections:{name}", args=["december", report.pk])).status_code
            == 404
        )
    for name in (
        "body_document_submit",
        "body_document_approve",
        "body_document_withdraw",
        "body_document_refresh",
    ):
        assert (
            client.post(reverse(f"inspections:{name}", args=["december", report.pk])).status_code
            == 404
        )
    report.refresh_from_db()
    assert report.status == Status.DRAFT and report.version == 1


def test_the_december_report_is_issued_signed_and_never_changes(client, signed, body, body_people):
    _start_report(client, body_people, body)
    report = DecemberReport.objects.get()
    submit = reverse("inspections:body_document_submit", args=["december", report.pk])
    approve = reverse("inspections:body_document_approve", args=["december", report.pk])
    assert client.post(approve).status_code == 403  # the inspector prepares, never approves
    assert client.post(submit).status_code == 302
    _login(client, body_people, "oversight_admin")
    assert client.post(approve).status_code == 403
    report = _issue(client, body_people, report, 12)
    assert report.status == Status.ISSUED and report.number_and_symbol == "12/BC-SKHCN"
    with report.issued_file.open("rb") as stored:
        issued = stored.read()
    assert len(PdfFileReader(io.BytesIO(issued)).embedded_regular_signatures) == 1
    pdf = _read(issued)
    assert pdf["landscape"] and not pdf["big"]  # no "DỰ THẢO" once issued
    for line in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐỒNG NAI",
        "Số: 12/BC-SKHCN",
        "BÁO CÁO",
        "Kính gửi: Bộ Khoa học và Công nghệ",
        "Số hành động khắc phục chưa hoàn thành",
        "GIÁM ĐỐC",
        "Nơi nhận",
    ):
        assert line in pdf["text"], line
    assert f"ngày {report.issued_on.day:02d}" in pdf["text"]
    # Issued: the data change (the body renamed too), a refresh is refused, the file stays
    # byte for byte and the XLSX prints what was issued.
    issued_name = body.name
    CorrectiveAction.objects.update(status=CorrectiveStatus.CLOSED)
    body.name = "Sở Khoa học và Công nghệ tỉnh Đồng Nai (sau sáp nhập)"
    body.save()
    _login(client, body_people, "inspector")
    assert (
        client.post(
            reverse("inspections:body_document_refresh", args=["december", report.pk])
        ).status_code
        == 302
    )
    report.refresh_from_db()
    assert report.snapshot["figures"]["actions_open"] == 1
    with report.issued_file.open("rb") as stored:
        assert stored.read() == issued
    response = client.get(reverse("inspections:body_document_pdf", args=["december", report.pk]))
    assert response.status_code == 302 and report.issued_file.name in response.url
    xlsx = client.get(reverse("inspections:body_document_xlsx", args=["december", report.pk]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    figures = {r[0]: r[1] for r in workbook["Tong hop"].iter_rows(min_row=5, values_only=True)}
    assert figures["Số hành động khắc phục chưa hoàn thành"] == 1  # the snapshot, not today's 0
    assert workbook["Tong hop"]["A2"].value.startswith(f"{issued_name} · số liệu đến ngày")
    listing = client.get(reverse("inspections:reports", args=[body.pk, 2024])).content.decode()
    assert "12/BC-SKHCN" in listing and "Đã ban hành" in listing


def test_a_second_open_report_of_the_year_is_refused(client, signed, body, body_people):
    _start_report(client, body_people, body)
    response = _start_report(client, body_people, body)
    assert response.status_code == 302 and DecemberReport.objects.count() == 1


def test_the_decision_is_read_by_the_agency_once_issued_only(
    client, inspection, body, body_people, both_certificates
):
    people = body_people
    _login(client, people, "head")
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert 'data-testid="start-decision"' not in page
    assert (
        client.post(reverse("inspections:decision_start", args=[inspection.pk])).status_code == 403
    )
    assert not InspectionDecision.objects.exists()
    _login(client, people, "inspector")
    assert (
        'data-testid="start-decision"' in client.get(inspection.get_absolute_url()).content.decode()
    )
    response = client.post(reverse("inspections:decision_start", args=[inspection.pk]))
    decision = InspectionDecision.objects.get()
    assert response.url == decision.get_absolute_url()
    assert decision.agency == body.agency and decision.symbol == "QĐ-SKHCN"
    assert (
        client.post(
            reverse("inspections:body_document_submit", args=["decision", decision.pk])
        ).status_code
        == 302
    )
    _login(client, people, "head")  # the inspected agency's head: no draft
    assert client.get(decision.get_absolute_url()).status_code == 404
    assert 'data-testid="decision"' in client.get(inspection.get_absolute_url()).content.decode()
    assert "decision-open" not in client.get(inspection.get_absolute_url()).content.decode()
    decision = _issue(client, people, decision, 5)
    assert decision.number_and_symbol == "05/QĐ-SKHCN"
    _login(client, people, "head")
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert "05/QĐ-SKHCN" in page and 'data-testid="decision-issued"' in page
    assert client.get(reverse("private_file", args=[decision.issued_file.name])).status_code == 200
    _login(client, people, "outsider")
    assert client.get(reverse("private_file", args=[decision.issued_file.name])).status_code == 404
    with decision.issued_file.open("rb") as stored:
        pdf = _read(stored.read())
    first = pdf["first"]
    for line in (
        "UBND TỈNH ĐỒNG NAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "QUYẾT ĐỊNH",
        "Số: 05/QĐ-SKHCN",
    ):
        assert line in first, line
    text = pdf["text"]
    assert not pdf["big"]
    for line in (
        "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH ĐỒNG NAI",
        "Căn cứ Quyết định số 19/2014/QĐ-TTg",
        "Căn cứ Thông tư số 26/2014/TT-BKHCN",
        "QUYẾT ĐỊNH:",
        "Điều 1. Kiểm tra việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng",
        "tại Văn phòng UBND tỉnh Đồng Nai",
        "Hình thức kiểm tra: Kiểm tra trực tiếp tại cơ quan",
        "Thời gian kiểm tra: ngày 14/05/2024",
        "Inspector – Chuyên viên, Trưởng đoàn",
        "chịu trách nhiệm thi hành Quyết định này./.",
        "Nơi nhận",
    ):
        assert line in text, line


def test_a_withdrawn_decision_gives_way_to_a_new_one(client, inspection, body_people):
    _login(client, body_people, "inspector")
    client.post(reverse("inspections:decision_start", args=[inspection.pk]))
    decision = InspectionDecision.objects.get()
    assert (
        client.post(reverse("inspections:decision_start", args=[inspection.pk])).status_code == 302
    )
    assert InspectionDecision.objects.count() == 1
    client.post(reverse("inspections:body_document_withdraw", args=["decision", decision.pk]))
    client.post(reverse("inspections:decision_start", args=[inspection.pk]))
    assert InspectionDecision.objects.get().status == Status.DRAFT


def test_the_minutes_signed_by_both_sides_say_so(client, signed, people):
    _login(client, people, "head")
    page = client.get(signed.inspection.get_absolute_url()).content.decode()
    assert (
        "Đã ký hai bên" in page
        and "Đã công bố" not in page.split('data-testid="minutes-status"')[1][:60]
    )


@pytest.mark.parametrize("kind", ["december", "plan"])
def test_returning_without_a_comment_is_refused_next_to_the_field(
    client, signed, body, body_people, kind
):
    """The shared return step, for a report and for the plan: no comment, 400 with the reason,
    nothing changes; with one, the document goes back to its drafters."""
    if kind == "plan":
        document = InspectionPlan.objects.get()
        InspectionPlan.objects.filter(pk=document.pk).update(status=Status.SUBMITTED)
        url = reverse("inspections:plan_return", args=[document.pk])
    else:
        _start_report(client, body_people, body)
        document = DecemberReport.objects.get()
        client.post(reverse("inspections:body_document_submit", args=[kind, document.pk]))
        url = reverse("inspections:body_document_return", args=[kind, document.pk])
    _login(client, body_people, "inspector")
    assert client.post(url, {"comment": "Sửa lại"}).status_code == 403
    _login(client, body_people, "body_head")
    response = client.post(url, {"comment": ""})
    assert response.status_code == 400
    assert "hãy ghi ý kiến" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.SUBMITTED
    assert client.post(url, {"comment": "Bổ sung số liệu tháng 11."}).status_code == 302
    document.refresh_from_db()
    assert document.status == Status.RETURNED and document.return_comment
