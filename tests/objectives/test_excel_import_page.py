"""The page of one Excel import (objectives:set_import_detail): its uploader and whoever may
start the same set see it; everyone else gets 404, in the agency as outside it. It waits while
the task has not run, then lists the problems with the form again, or goes to the new Draft."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from objectives.excel.jobs import set_import_queue
from objectives.excel.problems import Problem
from objectives.models import ObjectiveSet, SetImport
from tests.factories import ObjectiveSetFactory
from tests.objectives.excel_support import good_rows, template_with


def _job(people, agency, department, **fields) -> SetImport:
    """A department head's import for their department, as the upload view queues it."""
    job = set_import_queue(
        agency=agency,
        department=department,
        year=2025,
        actor=people["department_head"],
        data=template_with(agency, good_rows()),
        filename="muc-tieu.xlsx",
    )
    SetImport.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job


def _get(client, people, role, job):
    if role != "anonymous":
        client.force_login(people[role])
    return client.get(reverse("objectives:set_import_detail", args=[job.pk]))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("department_head", 200),  # the uploader
        ("iso_officer", 200),  # the editor: may start the department's set too
        ("head", 404),  # the approver
        ("deputy", 404),
        ("staff", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_it_shows_the_problems_to_the_uploader_and_the_drafters_only(
    client, people, agency, department, role, status
):
    problem = Problem("Giá trị phải là một số.", sheet="Mục tiêu", row=8, column="J")
    job = _job(
        people,
        agency,
        department,
        status=SetImport.Status.DONE,
        problems=[{"message": problem.message, "sheet": "Mục tiêu", "row": 8, "column": "J"}],
    )
    before = model_to_dict(job)

    response = _get(client, people, role, job)

    assert response.status_code == status
    text = response.content.decode()
    if status == 200:
        assert "Tệp có 1 lỗi nên chưa có gì được lưu" in text
        assert "Giá trị phải là một số." in text and "<td>J</td>" in text
        assert reverse("objectives:set_import", args=[agency.pk]) in text  # the form again
    else:
        assert "Giá trị phải là một số." not in text
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")
    job.refresh_from_db()
    assert model_to_dict(job) == before
    assert SetImport.objects.count() == 1 and not ObjectiveSet.objects.exists()


@pytest.mark.parametrize("role", ["department_head", "iso_officer"])
def test_it_goes_to_the_created_set(client, people, agency, department, role):
    created = ObjectiveSetFactory(agency=agency, department=department, year=2025)
    job = _job(people, agency, department, status=SetImport.Status.DONE, objective_set=created)

    response = _get(client, people, role, job)

    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()


def test_a_queued_import_shows_the_waiting_page(client, people, agency, department):
    job = _job(people, agency, department)

    response = _get(client, people, "department_head", job)

    text = response.content.decode()
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="3">' in text
    assert "Đang kiểm tra và nhập tệp “muc-tieu.xlsx”" in text
    assert "Kiểm tra và nhập</button>" not in text  # nothing to send again yet
    job.refresh_from_db()
    assert job.status == SetImport.Status.QUEUED


def test_a_failed_import_says_so_and_offers_the_form(client, people, agency, department):
    job = _job(people, agency, department, status=SetImport.Status.FAILED, error="Bug: x")

    text = _get(client, people, "department_head", job).content.decode()

    assert "Không xử lý được tệp do lỗi của hệ thống" in text
    assert "Bug: x" not in text  # the error is for the administrator
    assert "Kiểm tra và nhập</button>" in text


def test_it_refuses_a_post(client, people, agency, department):
    job = _job(people, agency, department)
    client.force_login(people["department_head"])
    response = client.post(reverse("objectives:set_import_detail", args=[job.pk]))
    assert response.status_code == 405
    job.refresh_from_db()
    assert job.status == SetImport.Status.QUEUED
