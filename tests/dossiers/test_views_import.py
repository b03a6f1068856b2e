"""The import page, the mapping page and an import's page: who may use them, the upload run by
the task after the commit, the mapping confirmed once, and refused uploads that store nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dossiers.models import Dossier, DossierColumnMapping, DossierImport
from tests.dossiers.import_support import NATIONAL, PERSONAL, csv_bytes, dossier_row, xlsx_bytes

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def _upload(client, agency, data, name="ho-so.csv", **extra):
    return client.post(
        reverse("dossiers:import", args=[agency.pk]),
        {"kind": "dossiers", "file": SimpleUploadedFile(name, data), **extra},
    )


ROWS = [
    dossier_row("D01", "02/01/2025 08:00", "10/01/2025 17:00", "09/01/2025 10:00"),
    dossier_row("D02", "05/01/2025 09:00", "12/01/2025 17:00", "12/01/2025 16:30"),
]


@pytest.mark.parametrize("role", ["iso_officer", "head"])
def test_it_shows_the_import_page_to_iso_officers_and_the_head(client, people, agency, role):
    response = _client(client, people[role]).get(reverse("dossiers:import", args=[agency.pk]))
    assert response.status_code == 200
    assert "Họ tên, số định danh, địa chỉ" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "code"), [("staff", 403), ("department_head", 403), ("outsider", 404)]
)
def test_others_may_not_upload_and_nothing_is_stored(client, people, agency, role, code):
    response = _upload(_client(client, people[role]), agency, csv_bytes(ROWS))
    assert response.status_code == code
    assert not DossierImport.objects.exists()
    assert not Dossier.objects.exists()


def test_first_upload_asks_for_the_columns_then_imports_with_the_confirmed_mapping(
    client, people, agency, django_capture_on_commit_callbacks
):
    client = _client(client, people["iso_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, agency, csv_bytes(ROWS))
    job = DossierImport.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.status == DossierImport.Status.MAPPING
    assert job.headers == NATIONAL
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Xác nhận cột" in page
    mapping_url = reverse("dossiers:mapping", args=[agency.pk]) + f"?import={job.pk}"
    page = client.get(mapping_url).content.decode()
    assert "gợi ý" in page
    # The personal-data columns are listed as never read, never offered as a choice.
    assert 'value="HoTenNguoiNop"' not in page and "HoTenNguoiNop" in page
    posted = {"code": "MaHoSo", "received_at": "NgayTiepNhan", "due_at": "NgayHenTra"}
    posted |= {"finished_at": "NgayKetThucXuLy", "status": "TrangThaiHoSo"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(mapping_url, posted)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == DossierImport.Status.DONE, job.problems
    assert job.rows_created == 2
    assert DossierColumnMapping.objects.get(agency=agency).columns == posted
    # The next upload of the same layout goes straight through.
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, agency, csv_bytes([dossier_row("D03", "06/01/2025 09:00")]))
    assert DossierImport.objects.first().status == DossierImport.Status.DONE
    assert Dossier.objects.filter(agency=agency).count() == 3


def test_a_mapping_that_uses_one_column_twice_is_refused_next_to_the_field(client, people, agency):
    client = _client(client, people["iso_officer"])
    job = DossierImport.objects.create(
        agency=agency, created_by=people["iso_officer"], headers=NATIONAL,
        status=DossierImport.Status.MAPPING,
    )  # fmt: skip
    url = reverse("dossiers:mapping", args=[agency.pk]) + f"?import={job.pk}"
    response = client.post(url, {"code": "MaHoSo", "received_at": "MaHoSo"})
    assert response.status_code == 400
    assert "đã được chọn" in response.content.decode()
    assert not DossierColumnMapping.objects.exists()
    job.refresh_from_db()
    assert job.status == DossierImport.Status.MAPPING


def test_a_personal_data_column_cannot_be_posted_as_a_field(client, people, agency):
    client = _client(client, people["iso_officer"])
    DossierImport.objects.create(agency=agency, created_by=people["iso_officer"], headers=NATIONAL)
    url = reverse("dossiers:mapping", args=[agency.pk])
    response = client.post(url, {"code": "HoTenNguoiNop", "received_at": "NgayTiepNhan"})
    assert response.status_code == 400
    assert not DossierColumnMapping.objects.exists()


def test_the_rejected_import_lists_every_bad_row(
    client, people, agency, django_capture_on_commit_callbacks
):
    from tests.dossiers.import_support import save_suggested_mapping

    save_suggested_mapping(agency, people["iso_officer"])
    client = _client(client, people["iso_officer"])
    bad = [*ROWS, dossier_row("D03", "31/02/2025 08:00")]
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, agency, csv_bytes(bad))
    job = DossierImport.objects.get()
    assert job.status == DossierImport.Status.REJECTED
    page = client.get(job.get_absolute_url()).content.decode()
    assert "không hồ sơ nào được lưu" in page
    assert "31/02/2025 08:00" in page and "NgayTiepNhan" in page
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"%PDF-1.7\n\x00\x00", "a.csv"), (b"", "a.csv"), (b"PK\x03\x04broken", "a.xlsx")],
)
def test_a_file_that_is_not_an_export_is_refused_in_the_request(client, people, agency, data, name):
    response = _upload(_client(client, people["iso_officer"]), agency, data, name)
    assert response.status_code == 400
    assert not DossierImport.objects.exists()


def test_the_bieu_06_needs_an_xlsx(client, people, agency):
    client = _client(client, people["iso_officer"])
    response = client.post(
        reverse("dossiers:import", args=[agency.pk]),
        {"kind": "totals", "file": SimpleUploadedFile("b.csv", csv_bytes(ROWS))},
    )
    assert response.status_code == 400
    assert "Biểu 06 cần tệp Excel" in response.content.decode()
    assert not DossierImport.objects.exists()


def test_the_past_imports_show_their_counts_and_sha256(
    client, people, agency, django_capture_on_commit_callbacks
):
    from tests.dossiers.import_support import save_suggested_mapping

    save_suggested_mapping(agency, people["iso_officer"])
    client = _client(client, people["iso_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, agency, xlsx_bytes(ROWS), "ho-so.xlsx")
    job = DossierImport.objects.get()
    page = client.get(reverse("dossiers:import", args=[agency.pk])).content.decode()
    assert job.sha256[:12] in page and "ho-so.xlsx" in page
    detail = client.get(job.get_absolute_url()).content.decode()
    assert job.sha256 in detail
    for value in PERSONAL:
        assert value not in detail


def test_the_retention_is_the_agencys_choice(client, people, agency):
    from dossiers.models import DossierSettings

    client = _client(client, people["head"])
    url = reverse("dossiers:settings", args=[agency.pk])
    assert client.post(url, {"file_retention_days": "10"}).status_code == 400
    response = client.post(url, {"file_retention_days": "180"})
    assert response.status_code == 302
    assert DossierSettings.objects.get(agency=agency).file_retention_days == 180
    staff = people["staff"]
    client.force_login(staff)
    assert client.post(url, {"file_retention_days": "30"}).status_code == 403
    assert DossierSettings.objects.get(agency=agency).file_retention_days == 180
