"""The Excel pages with the role matrix: export (whoever may read the set), template and import
(ISO officers, department heads); other members 403, other agencies 404, anonymous to login.

An upload goes to the task engine (run here right after the commit, as without a broker): the
POST redirects to the import's page, which goes on to the new Draft or lists the problems."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from documents.models import Status
from objectives.excel import forms as excel_forms
from objectives.models import Objective, ObjectiveSet, SetImport
from tests.factories import ObjectiveSetFactory
from tests.objectives.excel_support import good_rows, rich_set, row, template_with

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get(client, people, role, url):
    if role != "anonymous":
        client.force_login(people[role])
    return client.get(url)


def _upload(data: bytes, name="muc-tieu.xlsx"):
    return SimpleUploadedFile(name, data, content_type=XLSX)


@pytest.fixture
def post_import(client, agency, django_capture_on_commit_callbacks):
    """POST the upload form; the enqueued import runs when the request's transaction commits."""

    def post(data: bytes, *, year=2025, department="", name="muc-tieu.xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("objectives:set_import", args=[agency.pk]),
                {"year": year, "department": department, "file": _upload(data, name)},
            )

    return post


def _assert_at_import_page(response) -> SetImport:
    job = SetImport.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    return job


def _assert_login(response):
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("iso_officer", 200),
        ("department_head", 200),
        ("staff", 200),
        ("head", 200),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_export_of_a_published_set(client, people, department, other_department, role, status):
    objective_set = rich_set(department.agency, department, other_department)

    response = _get(
        client, people, role, reverse("objectives:set_export_xlsx", args=[objective_set.pk])
    )

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == XLSX
        assert "muc-tieu-chat-luong-2024" in response["Content-Disposition"]
        sheet = load_workbook(BytesIO(response.content))["Mục tiêu"]
        assert sheet["C2"].value == objective_set.title
    if status == 302:
        _assert_login(response)


@pytest.mark.parametrize(
    ("role", "status"),
    [("iso_officer", 200), ("department_head", 404), ("staff", 404), ("outsider", 404)],
)
def test_export_of_an_agency_draft(client, people, agency, role, status):
    draft = ObjectiveSetFactory(agency=agency, status=Status.DRAFT)
    url = reverse("objectives:set_export_xlsx", args=[draft.pk])
    assert _get(client, people, role, url).status_code == status


MATRIX = [
    ("iso_officer", 200),
    ("department_head", 200),
    ("staff", 403),
    ("head", 403),
    ("records_officer", 403),
    ("outsider", 404),
    ("anonymous", 302),
]


@pytest.mark.parametrize(("role", "status"), MATRIX)
def test_template_download(client, people, agency, role, status):
    response = _get(client, people, role, reverse("objectives:import_template", args=[agency.pk]))
    assert response.status_code == status
    if status == 200:
        assert load_workbook(BytesIO(response.content)).sheetnames[0] == "Hướng dẫn"


@pytest.mark.parametrize(("role", "status"), MATRIX)
def test_import_page(client, people, agency, role, status):
    response = _get(client, people, role, reverse("objectives:set_import", args=[agency.pk]))
    assert response.status_code == status
    if status == 200:
        assert "Nhập mục tiêu từ Excel" in response.content.decode()
    if status == 302:
        _assert_login(response)


def test_the_iso_officer_imports_a_good_file(client, people, agency, post_import):
    client.force_login(people["iso_officer"])

    response = post_import(template_with(agency, good_rows()))

    job = _assert_at_import_page(response)
    created = ObjectiveSet.objects.get(agency=agency, year=2025)
    assert job.status == SetImport.Status.DONE and job.objective_set == created
    assert job.file.name.startswith("imports/") and job.created_by == people["iso_officer"]
    page = client.get(response["Location"])
    assert page.status_code == 302 and page["Location"] == created.get_absolute_url()
    assert created.department is None and created.status == Status.DRAFT
    assert created.objectives.count() == 1
    landed = client.get(page["Location"]).content.decode()
    assert "Đã tạo dự thảo từ tệp Excel: 1 mục tiêu." in landed


def test_the_department_head_imports_for_their_department(
    client, people, agency, department, post_import
):
    client.force_login(people["department_head"])

    response = post_import(template_with(agency, good_rows()), department=department.pk)

    job = _assert_at_import_page(response)
    created = ObjectiveSet.objects.get(year=2025)
    assert created.department == department and job.objective_set == created
    assert client.get(response["Location"])["Location"] == created.get_absolute_url()


@pytest.mark.parametrize("target", ["agency", "other"])
def test_the_department_head_may_not_import_elsewhere(
    client, people, agency, other_department, target, post_import
):
    client.force_login(people["department_head"])
    response = post_import(
        template_with(agency, good_rows()),
        department=other_department.pk if target == "other" else "",
    )
    assert response.status_code == 400
    assert not ObjectiveSet.objects.exists() and not SetImport.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"), [("staff", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_refused_uploads_save_nothing(client, people, agency, role, status, post_import):
    if role != "anonymous":
        client.force_login(people[role])
    response = post_import(template_with(agency, good_rows()))
    assert response.status_code == status
    assert not ObjectiveSet.objects.exists() and not SetImport.objects.exists()


def test_a_bad_file_lists_every_problem_and_saves_nothing(client, people, agency, post_import):
    rows = [
        row(number=1, content="Đúng hạn.", comparison="≥", value="abc", unit="%"),
        row(number=2, content="Tỷ lệ.", comparison="≥", value=150, unit="%", lead_unit="Ma"),
    ]
    client.force_login(people["iso_officer"])

    response = post_import(template_with(agency, rows))

    job = _assert_at_import_page(response)
    assert job.status == SetImport.Status.DONE and len(job.problems) == 3
    page = client.get(response["Location"])
    text = page.content.decode()
    assert page.status_code == 200
    assert "Tệp có 3 lỗi nên chưa có gì được lưu" in text
    assert "Giá trị phải là một số" in text and "Không có phòng, đơn vị “Ma”" in text
    assert 'name="year" value="2025"' in text  # the form again, for the corrected file
    assert 'http-equiv="refresh"' not in text
    assert not ObjectiveSet.objects.exists() and not Objective.objects.exists()


def test_a_file_that_is_not_xlsx_is_refused_by_content(client, people, agency, post_import):
    client.force_login(people["iso_officer"])
    response = post_import(b"%PDF-1.7 not a workbook")
    text = response.content.decode()
    assert response.status_code == 400
    assert "Tệp không phải là tệp Excel .xlsx" in text and 'value="2025"' in text
    assert not ObjectiveSet.objects.exists() and not SetImport.objects.exists()


def test_a_file_too_large_is_refused_before_reading(
    client, people, agency, monkeypatch, post_import
):
    monkeypatch.setattr(excel_forms, "MAX_UPLOAD_BYTES", 100)
    client.force_login(people["iso_officer"])
    response = post_import(template_with(agency, good_rows()))
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert not ObjectiveSet.objects.exists() and not SetImport.objects.exists()
