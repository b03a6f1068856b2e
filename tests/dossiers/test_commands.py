"""manage.py make_dossier_export and import_dossiers: the synthetic export, with its fake
personal columns, imported on the task engine with the suggested mapping; nothing personal kept."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dossiers import synthetic
from dossiers.models import Dossier, DossierImport, SupplementRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("fmt", "spelling"), [("csv", "accented"), ("xlsx", "unaccented")])
def test_a_synthetic_export_imports_whole_and_keeps_no_personal_column(
    tmp_path, people, agency, fmt, spelling, capsys, django_capture_on_commit_callbacks
):
    path = tmp_path / f"export.{fmt}"
    call_command("make_dossier_export", rows=400, format=fmt, spelling=spelling, output=str(path))
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "import_dossiers",
            str(path),
            agency=str(agency.pk),
            user="iso_officer",
            save_suggested_mapping=True,
        )
    job = DossierImport.objects.get()
    assert job.status == DossierImport.Status.DONE, job.problems
    assert job.rows_created == Dossier.objects.filter(agency=agency).count() == 400
    assert job.columns_dropped == 6  # STT, the procedure's name and four personal columns
    # The generator's variety arrived: supplements (some twice), void and pending dossiers,
    # procedures without a due date, the three channels.
    assert SupplementRequest.objects.filter(number=2).exists()
    assert Dossier.objects.filter(is_void=True).exists()
    assert Dossier.objects.filter(finished_at__isnull=True, is_void=False).exists()
    assert Dossier.objects.filter(due_at__isnull=True).exists()
    assert set(Dossier.objects.values_list("channel", flat=True)) == {1, 2, 3}
    names = {record["name"] for record in synthetic.synthetic_records(400)}
    stored = set(Dossier.objects.values_list("processing_unit", flat=True))
    stored |= set(Dossier.objects.values_list("code", flat=True))
    assert not names & stored


def test_a_staff_member_may_not_import(tmp_path, people, agency):
    path = tmp_path / "export.csv"
    call_command("make_dossier_export", rows=5, output=str(path))
    with pytest.raises(CommandError):
        call_command("import_dossiers", str(path), agency=str(agency.pk), user="staff")
    assert not DossierImport.objects.exists()


def test_the_generator_is_reproducible_and_works_in_working_hours():
    first = list(synthetic.synthetic_records(200, seed=5))
    assert first == list(synthetic.synthetic_records(200, seed=5))
    for record in first:
        received = record["received"]
        assert received.weekday() < 5
        minutes = received.hour * 60 + received.minute
        assert 450 <= minutes < 690 or 810 <= minutes < 1020
