"""Agencies created from an XLSX list by an oversight body's administrator: headers with or
without accents and in any order, every row's problem located (row, column, why), nothing
created when any row is bad, the template's example row ignored."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from agencies.agency_imports import agencies_import, agency_template_xlsx
from agencies.imports import ImportRejected
from agencies.models import Agency, OversightScope
from tests.agencies.snapshots import snapshot

HEADER = [
    "Cơ quan chủ quản",
    "Tên cơ quan",
    "Tên in trên văn bản",
    "Tên viết tắt",
    "Ký hiệu",
    "Địa danh",
    "Chức danh thủ trưởng",
    "Chức danh cấp phó",
    "Ký TM.",
    "Tên tập thể",
]
ROWS = [
    ["UBND TỈNH ĐỒNG NAI", "Sở Tư pháp tỉnh Đồng Nai", "SỞ TƯ PHÁP", "STP Đồng Nai", "STP",
     "Đồng Nai", "Giám đốc", "Phó Giám đốc", "", ""],
    ["UBND TỈNH ĐỒNG NAI", "Sở Y tế tỉnh Đồng Nai", "SỞ Y TẾ", "SYT Đồng Nai", "SYT",
     "Đồng Nai", "Giám đốc", "Phó Giám đốc", "không", ""],
    ["UBND TỈNH ĐỒNG NAI", "Ủy ban nhân dân xã Phú Lý", "", "UBND xã Phú Lý", "UBND",
     "Phú Lý", "Chủ tịch", "Phó Chủ tịch", "có", "Ủy ban nhân dân"],
]  # fmt: skip


def xlsx(rows, header=HEADER, name="co-quan.xlsx"):
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _refusal(body, actor, upload):
    before = snapshot()
    with pytest.raises(ImportRejected) as rejected:
        agencies_import(body=body, actor=actor, uploaded_file=upload)
    assert snapshot() == before
    return [(e.row, e.column, e.message) for e in rejected.value.errors]


def test_it_creates_every_agency_under_the_body(body, overseers):
    created = agencies_import(
        body=body, actor=overseers["oversight_admin"], uploaded_file=xlsx(ROWS)
    )
    assert [a.short_name for a in created] == ["STP Đồng Nai", "SYT Đồng Nai", "UBND xã Phú Lý"]
    commune = Agency.objects.get(short_name="UBND xã Phú Lý")
    assert commune.is_collective and commune.collective_name == "Ủy ban nhân dân"
    assert not Agency.objects.get(short_name="SYT Đồng Nai").is_collective
    assert OversightScope.objects.filter(body=body, agency__in=created).count() == 3


def test_headers_are_read_without_accents_and_in_any_order(body, overseers):
    header = ["ten viet tat", "TEN CO QUAN", "ky hieu", "dia danh", "chuc danh thu truong"]
    rows = [["STP Đồng Nai", "Sở Tư pháp tỉnh Đồng Nai", "STP", "Đồng Nai", "Giám đốc"]]
    created = agencies_import(
        body=body, actor=overseers["oversight_admin"], uploaded_file=xlsx(rows, header=header)
    )
    assert created[0].name == "Sở Tư pháp tỉnh Đồng Nai" and created[0].symbol == "STP"


def test_a_missing_column_is_named(body, overseers):
    header = [h for h in HEADER if h != "Ký hiệu"]
    rows = [[c for i, c in enumerate(row) if HEADER[i] != "Ký hiệu"] for row in ROWS]
    errors = _refusal(body, overseers["oversight_admin"], xlsx(rows, header=header))
    assert errors == [(1, "Ký hiệu", "Thiếu cột này ở dòng tiêu đề.")]


def test_every_bad_row_is_located_and_nothing_is_created(body, overseers, agency):
    rows = [
        ROWS[0],
        [*ROWS[1][:3], "stp đồng nai", *ROWS[1][4:]],  # the same short name as row 2
        [*ROWS[2][:9], ""],  # "TM." without its collective name
        ["", "Sở Xây dựng", "", agency.short_name, "", "Đồng Nai", "Giám đốc", "", "hmm", ""],
    ]
    errors = _refusal(body, overseers["oversight_admin"], xlsx(rows))
    assert (3, "Tên viết tắt", "Tên viết tắt trùng với dòng 2.") in errors
    assert (4, "Tên tập thể", "Cơ quan ký “TM.” phải có tên tập thể, ví dụ “Ủy ban nhân dân”.") in (
        errors
    )
    assert (5, "Ký hiệu", "Ô này không được để trống.") in errors
    assert (5, "Tên viết tắt", f"Đã có cơ quan với tên viết tắt “{agency.short_name}”.") in errors
    assert any(e[:2] == (5, "Ký TM.") for e in errors)
    assert not any(e[0] == 2 for e in errors)


@pytest.mark.parametrize("role", ["inspector", "administrator", "outsider"])
def test_only_the_body_administrator_imports(body, overseers, role):
    before = snapshot()
    with pytest.raises(ImportRejected):
        agencies_import(body=body, actor=overseers[role], uploaded_file=xlsx(ROWS))
    assert snapshot() == before


def test_the_template_is_read_back_and_its_example_row_is_ignored(body, overseers):
    template = load_workbook(io.BytesIO(agency_template_xlsx())).active
    header = [c.value for c in template[1]]
    example = [c.value or "" for c in template[2]]
    errors = _refusal(body, overseers["oversight_admin"], xlsx([example], header=header))
    assert errors == [(0, "", "Tệp không có dòng dữ liệu nào.")]
    created = agencies_import(
        body=body,
        actor=overseers["oversight_admin"],
        uploaded_file=xlsx([example, ROWS[0]], header=header),
    )
    assert [a.short_name for a in created] == ["STP Đồng Nai"]


def test_the_page_lists_every_error_with_its_row_and_column(client, body, overseers):
    client.force_login(overseers["oversight_admin"])
    rows = [ROWS[0], [*ROWS[0][:4], "", *ROWS[0][5:]]]
    response = client.post(
        reverse("agencies:body_agency_import", args=[body.pk]), {"file": xlsx(rows)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tệp có 2 lỗi, chưa tạo cơ quan nào." in page
    assert "Tên viết tắt trùng với dòng 2." in page and "Ô này không được để trống." in page
    assert not Agency.objects.filter(short_name="STP Đồng Nai").exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_page(client, body, overseers):
    client.force_login(overseers["oversight_admin"])
    upload = SimpleUploadedFile("co-quan.xlsx", b"not a zip at all")
    response = client.post(reverse("agencies:body_agency_import", args=[body.pk]), {"file": upload})
    assert response.status_code == 400
    assert "không phải là bảng tính Excel" in response.content.decode()
