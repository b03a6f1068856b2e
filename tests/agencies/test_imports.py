"""Importing members from CSV or XLSX: every row checked, errors per row and column in
Vietnamese, nothing saved when any row is bad, existing accounts reused."""

import io
import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from agencies.imports import ImportRejected, members_import, parse_roles
from agencies.models import Invitation, Membership, Role

HEADER = ["Họ tên", "Email", "Phòng/đơn vị", "Vai trò"]


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _windows_1258(text: str) -> bytes:
    """As Excel writes Vietnamese "CSV" on Windows: base letters with the tone as a combining
    mark (Python's cp1258 codec does not compose by itself)."""
    out = b""
    for ch in text:
        marks = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONES))
        out += (base + "".join(m for m in marks if m in TONES)).encode("cp1258")
    return out


def _csv(rows, *, header=HEADER, delimiter=",", encoding="utf-8-sig", name="nhan-su.csv"):
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    text = "\r\n".join(lines) + "\r\n"
    content = _windows_1258(text) if encoding == "cp1258" else text.encode(encoding)
    return SimpleUploadedFile(name, content, "text/csv")


def _xlsx(rows, *, header=HEADER):
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("nhan-su.xlsx", buffer.getvalue())


def _state():
    return (
        list(Membership.objects.order_by("pk").values()),
        list(get_user_model().objects.order_by("pk").values("pk", "email", "first_name")),
        list(Invitation.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize(
    ("text", "roles", "unknown"),
    [
        ("", [], ""),
        ("Cán bộ ISO; Văn thư", [Role.ISO_OFFICER, Role.RECORDS_OFFICER], ""),
        ("Cán bộ, công chức", [Role.STAFF], ""),
        ("truong phong, quan tri co quan", [Role.DEPARTMENT_HEAD, Role.ADMINISTRATOR], ""),
        ("Thủ trưởng cơ quan và Cấp phó", [Role.HEAD, Role.DEPUTY], ""),
        ("Văn thư; Kế toán", [Role.RECORDS_OFFICER], "ke toan"),
    ],
)
def test_it_reads_roles_as_people_write_them(text, roles, unknown):
    assert parse_roles(text) == (roles, unknown)


def test_it_imports_a_csv_file(agency, department, people):
    upload = _csv(
        [
            ["Nguyễn Văn An", "an.nv@example.gov.vn", "Phòng Hành chính - Tổ chức", "Cán bộ ISO"],
            ["Lê Thị Hoa", "hoa.lt@example.gov.vn", "HCTC", "Văn thư; Cán bộ, công chức"],
            ["Phạm Minh", "minh.p@example.gov.vn", "", ""],
        ]
    )

    summary = members_import(agency=agency, actor=people["administrator"], uploaded_file=upload)

    assert summary.total == 3 and summary.outcomes == {"invited": 3}
    # Each person is invited (issue 17): no account and no membership until they accept.
    emails = ["an.nv@example.gov.vn", "hoa.lt@example.gov.vn", "minh.p@example.gov.vn"]
    assert not Membership.objects.filter(user__email__in=emails).exists()
    an = Invitation.objects.get(email="an.nv@example.gov.vn")
    assert an.agency == agency and an.department == department and an.roles == ["iso_officer"]
    assert an.suggested_name == "Nguyễn Văn An"
    hoa = Invitation.objects.get(email="hoa.lt@example.gov.vn")
    assert hoa.roles == ["records_officer", "staff"]
    minh = Invitation.objects.get(email="minh.p@example.gov.vn")
    assert minh.department is None and minh.roles == ["staff"]


def test_it_imports_an_xlsx_file_and_only_invites_existing_accounts(
    agency, outsider_agency, people
):
    outsider = people["outsider"]
    upload = _xlsx(
        [
            ["", outsider.email.upper(), None, "Cán bộ, công chức"],
            ["Đỗ Thị Lan", "lan.dt@example.gov.vn", None, "Trưởng phòng"],
            [None, None, None, None],
        ]
    )
    users_before = get_user_model().objects.count()

    summary = members_import(agency=agency, actor=people["administrator"], uploaded_file=upload)

    assert summary.outcomes == {"invited": 2}
    assert get_user_model().objects.count() == users_before
    assert not Membership.objects.filter(user=outsider, agency=agency).exists()
    assert Invitation.objects.get(email__iexact=outsider.email).roles == ["staff"]
    assert Membership.objects.get(user=outsider, agency=outsider_agency).is_administrator


def test_it_updates_members_already_in_the_agency(agency, department, people):
    upload = _csv([["", people["staff"].email, "HCTC", "Cán bộ ISO"]])

    summary = members_import(agency=agency, actor=people["administrator"], uploaded_file=upload)

    assert summary.outcomes == {"updated": 1}
    assert Membership.objects.get(user=people["staff"], agency=agency).roles == ["iso_officer"]


def test_it_reports_every_bad_row_and_saves_nothing(agency, department, people):
    upload = _csv(
        [
            ["Nguyễn Văn An", "an.nv@example.gov.vn", "HCTC", "Cán bộ ISO"],
            ["Lê Thị Hoa", "khong-phai-email", "", ""],
            ["Trần Văn Bảo", "bao@example.gov.vn", "Phòng Không Có", "Văn thư"],
            ["Võ Văn Cường", "cuong@example.gov.vn", "", "Kế toán"],
            ["", "moi@example.gov.vn", "", ""],
            ["Nguyễn Văn An", "AN.NV@example.gov.vn", "", ""],
        ]
    )
    before = _state()

    with pytest.raises(ImportRejected) as rejected:
        members_import(agency=agency, actor=people["administrator"], uploaded_file=upload)

    errors = [(e.row, e.column, e.message) for e in rejected.value.errors]
    assert errors == [
        (3, "email", "Email “khong-phai-email” không hợp lệ."),
        (4, "phòng/đơn vị", "Cơ quan không có phòng, đơn vị “Phòng Không Có”."),
        (5, "vai trò", "Không hiểu vai trò “ke toan”."),
        (6, "họ tên", "Người mới phải có họ tên."),
        (7, "email", "Email trùng với dòng 2."),
    ]
    assert _state() == before


def test_a_row_refused_while_saving_rolls_back_the_whole_file(agency, people):
    """The last administrator loses the role in row 3: rows 2 and 3 are both undone."""
    upload = _csv(
        [
            ["Nguyễn Văn An", "an.nv@example.gov.vn", "", ""],
            ["", people["administrator"].email, "", "Cán bộ, công chức"],
        ]
    )
    before = _state()

    with pytest.raises(ImportRejected) as rejected:
        members_import(agency=agency, actor=people["administrator"], uploaded_file=upload)

    assert [e.row for e in rejected.value.errors] == [3]
    assert "ít nhất một quản trị" in rejected.value.errors[0].message
    assert _state() == before


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("nhan-su.pdf", b"%PDF-1.7"), "Chỉ nhận tệp .csv hoặc .xlsx."),
        (SimpleUploadedFile("nhan-su.xlsx", b"not a zip"), "không phải là bảng tính Excel"),
        (SimpleUploadedFile("nhan-su.xlsx", b"PK\x03\x04broken"), "Không đọc được tệp Excel"),
        (SimpleUploadedFile("nhan-su.csv", b"\x00\x01"), "không phải là văn bản CSV"),
        (SimpleUploadedFile("nhan-su.csv", b"a,b\r\n"), "Thiếu cột này"),
        (SimpleUploadedFile("nhan-su.csv", b""), "Tệp trống"),
    ],
)
def test_it_refuses_files_it_cannot_read(agency, people, upload, message):
    with pytest.raises(ImportRejected) as rejected:
        members_import(agency=agency, actor=people["administrator"], uploaded_file=upload)

    assert message in rejected.value.errors[0].message
    assert Membership.objects.count() == 8


def test_it_reads_semicolon_csv_in_windows_1258(agency, people):
    upload = _csv(
        [["Nguyễn Văn An", "an.nv@example.gov.vn", "", "Văn thư"]],
        delimiter=";",
        encoding="cp1258",
    )

    members_import(agency=agency, actor=people["administrator"], uploaded_file=upload)

    assert Invitation.objects.get(email="an.nv@example.gov.vn").suggested_name == "Nguyễn Văn An"


def test_the_import_page_shows_row_errors(client, agency, people):
    client.force_login(people["administrator"])
    upload = _csv([["Lê Thị Hoa", "sai-email", "", ""]])

    response = client.post(reverse("agencies:member_import", args=[agency.pk]), {"file": upload})

    assert response.status_code == 400
    assert 'data-testid="import-errors"' in response.text
    assert "sai-email" in response.text
    assert not get_user_model().objects.filter(first_name="Lê Thị").exists()


def test_the_import_page_refuses_large_or_foreign_files(client, agency, people, monkeypatch):
    monkeypatch.setattr("agencies.forms.MAX_UPLOAD_BYTES", 10)
    client.force_login(people["administrator"])
    url = reverse("agencies:member_import", args=[agency.pk])

    too_big = client.post(url, {"file": _csv([["A B", "ab@example.gov.vn", "", ""]])})
    foreign = client.post(url, {"file": SimpleUploadedFile("a.exe", b"MZ")})

    assert too_big.status_code == 400 and "Tệp quá lớn" in too_big.text
    assert foreign.status_code == 400 and "Chỉ nhận tệp .csv hoặc .xlsx." in foreign.text
    assert Membership.objects.count() == 8


def test_the_import_page_imports_and_invites(
    client, agency, people, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(people["administrator"])
    upload = _csv([["Lê Thị Hoa", "hoa@example.gov.vn", "", ""]])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agencies:member_import", args=[agency.pk]), {"file": upload}
        )

    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["hoa@example.gov.vn"]]
