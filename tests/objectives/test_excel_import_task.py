"""The task that runs an Excel import (objectives.tasks.set_import_run): once per import however
often it is delivered, as its uploader, DONE with the set or the problems, FAILED on a bug, and
tried again with backoff only when the database fails."""

import pytest
from django.db import OperationalError

from agencies.models import Membership
from documents.models import DocumentEvent, Status
from objectives.excel import jobs
from objectives.excel.jobs import set_import_queue
from objectives.models import Objective, ObjectiveSet, SetImport
from objectives.tasks import MAX_RETRIES, set_import_run
from tests.objectives.excel_support import good_rows, row, template_with


def _queued(people, agency, data=None, role="iso_officer") -> SetImport:
    return set_import_queue(
        agency=agency,
        department=None,
        year=2025,
        actor=people[role],
        data=template_with(agency, good_rows()) if data is None else data,
        filename="muc-tieu.xlsx",
    )


def test_it_creates_the_draft_as_the_uploader(people, agency):
    job = _queued(people, agency)

    assert set_import_run(job.pk) is True

    job.refresh_from_db()
    created = ObjectiveSet.objects.get()
    assert job.status == SetImport.Status.DONE and job.objective_set == created
    assert job.problems == [] and job.finished_at is not None
    assert created.status == Status.DRAFT and created.created_by == people["iso_officer"]
    assert DocumentEvent.objects.get(action="import").actor == people["iso_officer"]


def test_the_file_is_kept_as_xlsx_whatever_its_name(people, agency):
    job = set_import_queue(
        agency=agency,
        department=None,
        year=2025,
        actor=people["iso_officer"],
        data=template_with(agency, good_rows()),
        filename="bang.html",
    )
    assert job.file.name.endswith(".xlsx") and job.original_name == "bang.html"


def test_it_is_idempotent(people, agency):
    job = _queued(people, agency)

    assert set_import_run(job.pk) is True
    assert set_import_run(job.pk) is False

    assert ObjectiveSet.objects.count() == 1 and Objective.objects.count() == 1
    assert DocumentEvent.objects.filter(action="import").count() == 1


def test_it_records_the_problems_and_saves_nothing(people, agency):
    bad = [row(number=1, content="Đúng hạn.", comparison="≥", value="abc", unit="%")]
    job = _queued(people, agency, template_with(agency, bad))

    set_import_run(job.pk)

    job.refresh_from_db()
    assert job.status == SetImport.Status.DONE and job.objective_set is None
    assert [p["column"] for p in job.problems] and "Giá trị phải là một số" in str(job.problems)
    assert not ObjectiveSet.objects.exists() and not DocumentEvent.objects.exists()


def test_an_uploader_who_lost_the_right_since_is_refused(people, agency):
    job = _queued(people, agency)
    Membership.objects.filter(user=people["iso_officer"]).update(is_iso_officer=False)

    set_import_run(job.pk)

    job.refresh_from_db()
    assert job.status == SetImport.Status.DONE and len(job.problems) == 1
    assert not ObjectiveSet.objects.exists()


def test_a_failing_import_records_failed_and_saves_nothing(people, agency, monkeypatch):
    job = _queued(people, agency)

    def broken(**kwargs):
        ObjectiveSet.objects.create(agency=agency, year=2025)  # rolled back with the run
        raise RuntimeError("lỗi lập trình")

    monkeypatch.setattr(jobs, "set_import_xlsx", broken)

    with pytest.raises(RuntimeError):
        set_import_run(job.pk)

    job.refresh_from_db()
    assert job.status == SetImport.Status.FAILED
    assert job.error == "RuntimeError: lỗi lập trình" and job.finished_at is not None
    assert not ObjectiveSet.objects.exists()
    assert set_import_run(job.pk) is False  # a later delivery leaves it FAILED


def test_a_database_error_is_tried_again(people, agency, monkeypatch):
    job = _queued(people, agency)
    real = jobs.set_import_xlsx
    calls = []

    def busy_once(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(**kwargs)

    monkeypatch.setattr(jobs, "set_import_xlsx", busy_once)

    result = set_import_run.apply(args=[job.pk])  # as the engine runs it: with retries

    assert result.get() is True and len(calls) == 2
    job.refresh_from_db()
    assert job.status == SetImport.Status.DONE and job.objective_set == ObjectiveSet.objects.get()


def test_a_database_error_that_persists_ends_failed(people, agency, monkeypatch):
    job = _queued(people, agency)
    calls = []

    def busy(**kwargs):
        calls.append(1)
        raise OperationalError("database is locked")

    monkeypatch.setattr(jobs, "set_import_xlsx", busy)

    result = set_import_run.apply(args=[job.pk])

    assert isinstance(result.result, OperationalError) and len(calls) == MAX_RETRIES + 1
    job.refresh_from_db()
    assert job.status == SetImport.Status.FAILED and "database is locked" in job.error
    assert not ObjectiveSet.objects.exists()
