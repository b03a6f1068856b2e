"""The evaluation pages with the role matrix: the list, starting, the report page and its edit
form, preview PDF and XLSX. Members read what they may see; drafters write; others 403; other
agencies and unpublished reports for staff 404; anonymous users to the login page."""

import pytest
from django.urls import reverse

from documents.models import Status
from evaluation.models import EvaluationReport
from evaluation.services import report_submit
from tests.monitoring.evaluation_views_support import login, refused_as, state

READ_DRAFT = [
    ("iso_officer", 200),
    ("head", 200),
    ("deputy", 200),
    ("records_officer", 200),
    ("staff", 404),
    ("department_head", 404),
    ("outsider", 404),
    ("anonymous", "login"),
]
WRITE = [
    ("head", 403),
    ("records_officer", 403),
    ("staff", 404),
    ("outsider", 404),
    ("anonymous", "login"),
]


def _detail(report):
    return reverse("evaluation:detail", args=[report.pk])


def _edit_data(report, **changes):
    data = {
        "version": report.version,
        "summary": "",
        "review_conclusions": "",
        "review_actions": "",
        "recipients": report.recipients,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role", "status"),
    [("iso_officer", 200), ("staff", 200), ("head", 200), ("outsider", 404), ("anonymous", 302)],
)
def test_the_list_of_the_year(client, people, report, role, status):
    login(client, people, role)
    response = client.get(reverse("evaluation:list", args=[report.agency_id, 2024]))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert ("Lập báo cáo đánh giá" in page) is False  # an open report exists already
        assert (report.get_absolute_url() in page) == (role != "staff")


def test_the_dashboard_links_to_the_reports(client, people, agency):
    login(client, people, "staff")
    page = client.get(reverse("monitoring:dashboard", args=[agency.pk, 2024])).content.decode()
    assert reverse("evaluation:list", args=[agency.pk, 2024]) in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("iso_officer", 302),
        ("head", 403),
        ("staff", 403),
        ("department_head", 403),
        ("outsider", 404),
        ("anonymous", "login"),
    ],
)
def test_starting_a_report(client, people, evaluated_set, year_end, role, status):
    login(client, people, role)
    list_page = client.get(reverse("evaluation:list", args=[evaluated_set.agency_id, 2024]))
    url = reverse("evaluation:start", args=[evaluated_set.pk])
    assert client.get(url).status_code in (302, 405)  # POST only (anonymous: login first)
    response = client.post(url)
    if status == 302:
        assert "Lập báo cáo đánh giá" in list_page.content.decode()
        report = EvaluationReport.objects.get()
        assert response["Location"] == report.get_absolute_url()
        assert report.created_by == people[role]
    else:
        assert refused_as(response, status)
        assert not EvaluationReport.objects.exists()


def test_starting_twice_says_why(client, people, report, evaluated_set):
    login(client, people, "iso_officer")
    response = client.post(reverse("evaluation:start", args=[evaluated_set.pk]), follow=True)
    assert "đã có báo cáo đánh giá năm 2024" in response.content.decode()
    assert EvaluationReport.objects.count() == 1


@pytest.mark.parametrize(("role", "status"), READ_DRAFT)
def test_reading_a_draft_report(client, people, report, role, status):
    login(client, people, role)
    response = client.get(_detail(report))
    if status == 200:
        page = response.content.decode()
        assert response.status_code == 200
        assert "Tỷ lệ hồ sơ quá hạn bằng không." in page
        assert page.count('data-testid="evaluation-row"') == 4
        assert ('data-testid="report-form"' in page) == (role == "iso_officer")
    else:
        assert refused_as(response, status)


def test_the_iso_officer_saves_comments_and_the_review(client, people, report):
    objective = report.objective_set.objectives.order_by("order")[1]
    login(client, people, "iso_officer")
    response = client.post(
        _detail(report),
        _edit_data(
            report,
            review_conclusions="Hệ thống phù hợp.",
            **{f"comment_{objective.pk}": "Do lỗi phần mềm."},
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.review_conclusions == "Hệ thống phù hợp." and report.version == 2
    assert report.comments.get().comment == "Do lỗi phần mềm."
    page = client.get(_detail(report)).content.decode()
    assert "Do lỗi phần mềm." in page


@pytest.mark.parametrize(("role", "status"), WRITE)
def test_others_cannot_edit(client, people, report, role, status):
    before = state(report)
    login(client, people, role)
    response = client.post(_detail(report), _edit_data(report, summary="Không được sửa."))
    assert refused_as(response, status)
    assert state(report) == before


def test_a_stale_or_submitted_report_is_not_edited(client, people, report):
    login(client, people, "iso_officer")
    stale = client.post(_detail(report), _edit_data(report, version=0, summary="Cũ."))
    assert stale.status_code == 400 and "vừa được người khác thay đổi" in stale.content.decode()
    report = report_submit(report=report, actor=people["iso_officer"])
    before = state(report)
    response = client.post(_detail(report), _edit_data(report, summary="Sau khi gửi."))
    assert response.status_code == 400
    assert "chỉ sửa được khi là Dự thảo hoặc Trả lại" in response.content.decode()
    assert state(report) == before


@pytest.mark.parametrize(("role", "status"), READ_DRAFT)
def test_preview_pdf(client, people, report, role, status):
    login(client, people, role)
    response = client.get(reverse("evaluation:preview", args=[report.pk]))
    if status == 200:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert refused_as(response, status)


@pytest.mark.parametrize(("role", "status"), READ_DRAFT)
def test_download_xlsx(client, people, report, role, status):
    login(client, people, role)
    response = client.get(reverse("evaluation:xlsx", args=[report.pk]))
    if status == 200:
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert response.content.startswith(b"PK")
        assert 'filename="bao-cao-danh-gia-2024-' in response["Content-Disposition"]
    else:
        assert refused_as(response, status)


def test_a_department_report_is_for_its_department(client, people, agency, department):
    from tests.monitoring.conftest import add_objective, publish_set

    department_set = publish_set(agency, department=department)
    add_objective(department_set)
    login(client, people, "department_head")
    client.post(reverse("evaluation:start", args=[department_set.pk]))
    report = EvaluationReport.objects.get()
    assert report.department == department and report.status == Status.DRAFT
    response = client.post(_detail(report), _edit_data(report, summary="Phòng đã hoàn thành."))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.summary == "Phòng đã hoàn thành."
