"""Small exports for the import tests, written as a provincial system would."""

import csv
import io

from openpyxl import Workbook

from dossiers.mapping import suggest_mapping
from dossiers.models import DossierColumnMapping
from dossiers.services import dossier_import_process, dossier_import_queue

NATIONAL = [
    "STT",
    "MaHoSo",
    "HoTenNguoiNop",
    "SoCCCD",
    "DiaChi",
    "MaTTHC",
    "DonViXuLy",
    "KenhThucHien",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayYeuCauBoSung1",
    "NgayBoSung1",
    "NgayKetThucXuLy",
    "NgayTra",
    "TrangThaiHoSo",
]
PERSONAL = ("Trần Thị Bích Ngọc", "079123456789", "12 Lê Lợi, Phường Bến Thành")


def dossier_row(code, received, due="", finished="", status="10", asked="", answered=""):
    return [
        "1",
        code,
        *PERSONAL,
        "1.001612",
        "Phòng Tư pháp",
        "2",
        received,
        due,
        asked,
        answered,
        finished,
        "",
        status,
    ]


def csv_bytes(rows, headers=NATIONAL, delimiter=",") -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return ("\ufeff" + stream.getvalue()).encode()


def xlsx_bytes(rows, headers=NATIONAL, title=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def save_suggested_mapping(agency, user, headers=NATIONAL):
    return DossierColumnMapping.objects.update_or_create(
        agency=agency, defaults={"columns": suggest_mapping(headers), "updated_by": user}
    )[0]


def run_import(agency, user, data: bytes, name="export.csv", **options):
    job = dossier_import_queue(agency=agency, actor=user, data=data, filename=name, **options)
    dossier_import_process(import_id=job.pk)
    job.refresh_from_db()
    return job
