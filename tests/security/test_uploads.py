"""Every upload endpoint refuses a wrong type, a lying extension, an oversize file and a
malformed PDF with a clear message and a 4xx answer, never a 500, saving nothing (database rows
and stored files compared before and after). A good file is accepted, so the refusals are not
an endpoint that refuses everything."""

import io
import random
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from PIL import Image

from agencies.imports import MAX_UPLOAD_BYTES as MEMBERS_LIMIT
from documents.issuing import MAX_UPLOAD_BYTES as ISSUE_LIMIT
from documents.views import MAX_UPLOAD_BYTES as VERIFY_LIMIT
from monitoring.evidence import MAX_EVIDENCE_BYTES
from monitoring.models import Evidence
from objectives.excel.import_ import MAX_UPLOAD_BYTES as IMPORT_LIMIT
from objectives.models import ObjectiveSet
from qms_objectives.uploads import (
    MAX_SEAL_BYTES,
    MAX_SIGNATURE_BYTES,
    validate_seal_image,
    validate_signature_image,
)
from tests.factories import UserFactory
from tests.files_support import small_pdf
from tests.hostile_files import HOSTILE
from tests.security.conftest import client_as
from tests.security.matrix_support import database_state, stored_files


def png(mode="RGBA", size=(120, 120)) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Họ tên", "Email"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def random_pdf() -> bytes:
    return b"%PDF-1.7\n" + random.Random(11).randbytes(4096)


def oversize(limit: int) -> bytes:
    return b"%PDF-1.7\n" + b"0" * limit


# (file name, content) per kind of bad upload; "oversize" is sized per endpoint.
BAD = {
    "png_named_pdf": lambda e: ("van-ban.pdf", png()),
    "pdf_named_xlsx": lambda e: ("bang.xlsx", small_pdf()),
    "executable": lambda e: (f"chay.{e.extension}", b"MZ\x90\x00" + bytes(200)),
    "html_named_pdf": lambda e: ("trang.pdf", b"<html><script>alert(1)</script></html>"),
    "oversize": lambda e: (f"lon.{e.extension}", oversize(e.limit)),
    "truncated_pdf": lambda e: (f"cut.{e.extension}", small_pdf()[: len(small_pdf()) // 2]),
    "random_bytes_pdf_header": lambda e: (f"rac.{e.extension}", random_pdf()),
    "broken_zip": lambda e: (
        f"hong.{e.extension}",
        b"PK\x03\x04" + random.Random(5).randbytes(999),
    ),
    "empty": lambda e: (f"trong.{e.extension}", b""),
}


# The verification page judges bytes, not names: a readable PDF, whatever it is called, gets
# its verdict ("not issued by the system", with the reasons) as an answer, not as an error.
ANSWERED = {("verify", "pdf_named_xlsx")}
# How the pages show a refusal: a field error, an alert, or the verification verdict.
ERROR_MARKS = ('class="invalid-feedback', "alert-danger", "errorlist", "border-danger")


@dataclass(frozen=True)
class Endpoint:
    name: str
    role: str
    field: str
    limit: int
    extension: str
    url: object  # world -> url
    data: object = lambda w: {}  # noqa: E731
    prepare: object = lambda w: None  # noqa: E731


def _issue_data(w) -> dict:
    return {
        "number": 300,
        "symbol": "QĐ-VP",
        "issued_on": timezone.localdate().strftime("%d/%m/%Y"),
    }


def _not_prepared(w) -> None:
    """Registering needs an approved set that is not waiting for an external signature."""
    ObjectiveSet.objects.filter(pk=w.approved.pk).update(
        issue_method="", prepared_file="", prepared_sha256=""
    )


def _target_field(w) -> str:
    return f"t{w.published.objectives.get().targets.get().pk}"


ENDPOINTS = {
    "register_external": Endpoint(
        "register_external",
        "records_officer",
        "uploaded_file",
        ISSUE_LIMIT,
        "pdf",
        lambda w: reverse("objectives:set_register", args=[w.approved.pk]),
        _issue_data,
        _not_prepared,
    ),
    "signed_upload": Endpoint(
        "signed_upload",
        "records_officer",
        "uploaded_file",
        ISSUE_LIMIT,
        "pdf",
        lambda w: reverse("objectives:set_signed_upload", args=[w.approved.pk]),
    ),
    "verify": Endpoint(
        "verify",
        "anonymous",
        "file",
        VERIFY_LIMIT,
        "pdf",
        lambda w: reverse("documents:verify_home"),
    ),
    "evidence": Endpoint(
        "evidence",
        "iso_officer",
        f"{'{target}'}-evidence",
        MAX_EVIDENCE_BYTES,
        "pdf",
        lambda w: reverse("monitoring:agency_entry", args=[w.agency.pk, "2024-Q2"]),
        lambda w: {f"{_target_field(w)}-value": "98"},
    ),
    "members_import": Endpoint(
        "members_import",
        "administrator",
        "file",
        MEMBERS_LIMIT,
        "xlsx",
        lambda w: reverse("agencies:member_import", args=[w.agency.pk]),
    ),
    "objectives_import": Endpoint(
        "objectives_import",
        "iso_officer",
        "file",
        IMPORT_LIMIT,
        "xlsx",
        lambda w: reverse("objectives:set_import", args=[w.agency.pk]),
        lambda w: {"year": 2031, "department": ""},
    ),
}


def _post(client, world, endpoint: Endpoint, name: str, content: bytes):
    field = endpoint.field.replace("{target}", _target_field(world))
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(endpoint.url(world), {**endpoint.data(world), field: upload})


@pytest.mark.parametrize("kind", BAD)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_bad_upload_is_refused_clearly_and_saves_nothing(db, world, endpoint, kind):
    spec = ENDPOINTS[endpoint]
    name, content = BAD[kind](spec)
    spec.prepare(world)
    client = client_as(world, spec.role)
    rows_before, files_before = database_state(), stored_files()

    response = _post(client, world, spec, name, content)

    page = response.content.decode()
    if (endpoint, kind) in ANSWERED:
        assert response.status_code == 200 and "SHA-256" in page
    else:
        assert 400 <= response.status_code < 500, response.status_code
        assert any(mark in page for mark in ERROR_MARKS), "no message next to the field"
    assert database_state() == rows_before and stored_files() == files_before


GOOD = {
    "register_external": ("signed-on-paper.pdf", small_pdf, 302),
    "verify": ("ban-sao.pdf", small_pdf, 200),
    "evidence": ("bien-ban.pdf", small_pdf, 302),
    "objectives_import": ("nam-truoc.xlsx", None, 302),
}


@pytest.mark.parametrize("endpoint", GOOD)
def test_a_good_upload_is_accepted(db, world, endpoint):
    name, content, status = GOOD[endpoint]
    if content is None:  # last year's set as exported
        export = client_as(world, "iso_officer").get(
            reverse("objectives:set_export_xlsx", args=[world.published.pk])
        )
        data = export.content
    else:
        data = content()
    spec = ENDPOINTS[endpoint]
    spec.prepare(world)
    response = _post(client_as(world, spec.role), world, spec, name, data)
    assert response.status_code == status


def test_a_good_member_list_is_accepted(db, world):
    csv = "Họ tên,Email,Phòng/đơn vị,Vai trò\nLê Văn Mới,le.van.moi@example.gov.vn,,\n"
    spec = ENDPOINTS["members_import"]
    response = _post(client_as(world, spec.role), world, spec, "ds.csv", csv.encode())
    assert response.status_code == 302


# --- seal and signature images (admin forms; validators on the model fields) --------------------

IMAGE_BAD = {
    "pdf_named_png": ("con-dau.png", small_pdf()),
    "html_named_png": ("con-dau.png", b"<svg onload=alert(1)>"),
    "truncated_png": ("con-dau.png", png()[:60]),
    "too_small": ("con-dau.png", png(size=(10, 10))),
    "oversize": ("con-dau.png", b"\x89PNG\r\n\x1a\n" + bytes(MAX_SEAL_BYTES + 1)),
}


@pytest.mark.parametrize("kind", IMAGE_BAD)
@pytest.mark.parametrize("validator", [validate_seal_image, validate_signature_image])
def test_seal_and_signature_validators_refuse_bad_images(kind, validator):
    name, content = IMAGE_BAD[kind]
    if kind == "oversize" and validator is validate_signature_image:
        content = content[: MAX_SIGNATURE_BYTES + 10]
    with pytest.raises(ValidationError) as refused:
        validator(SimpleUploadedFile(name, content))
    assert refused.value.messages[0]


@pytest.mark.parametrize("kind", IMAGE_BAD)
def test_the_agency_admin_refuses_a_bad_seal_and_saves_nothing(db, world, kind):
    admin = UserFactory(username="sieu.quan.tri", is_staff=True, is_superuser=True)
    client = client_as(world, "anonymous")
    client.force_login(admin)
    url = reverse("admin:agencies_agency_change", args=[world.outsider_agency.pk])
    form = client.get(url).context["adminform"].form
    data = {
        k: ("" if v is None else v)
        for k, v in form.initial.items()
        if k in form.fields and not isinstance(v, list | tuple)
    }
    rows_before, files_before = database_state(), stored_files()
    name, content = IMAGE_BAD[kind]

    response = client.post(url, {**data, "seal_image": SimpleUploadedFile(name, content)})

    assert response.status_code == 200  # Django's admin shows the form again with the error
    assert response.context["adminform"].form.errors.get("seal_image")
    assert database_state() == rows_before and stored_files() == files_before


# --- files that start like an accepted kind but are not one whole (issue 17) --------------------

HOSTILE_BY_ENDPOINT = [
    *(("evidence", kind) for kind in HOSTILE),
    ("register_external", "pdf_broken_page"),
    ("signed_upload", "pdf_broken_page"),
]


@pytest.mark.parametrize(("endpoint", "kind"), HOSTILE_BY_ENDPOINT)
def test_a_file_proven_not_whole_is_refused_and_saves_nothing(db, world, endpoint, kind):
    spec = ENDPOINTS[endpoint]
    name, content = HOSTILE[kind]
    spec.prepare(world)
    client = client_as(world, spec.role)
    rows_before, files_before = database_state(), stored_files()

    response = _post(client, world, spec, name, content())

    assert 400 <= response.status_code < 500, response.status_code
    page = response.content.decode()
    assert any(mark in page for mark in ERROR_MARKS), "no message next to the field"
    assert "hỏng" in page
    assert database_state() == rows_before and stored_files() == files_before


def test_a_whole_png_named_html_is_kept_as_png(db, world):
    spec = ENDPOINTS["evidence"]
    response = _post(client_as(world, spec.role), world, spec, "anh-chup.html", png())
    assert response.status_code == 302
    evidence = Evidence.objects.latest("pk")
    assert evidence.kind == "png" and evidence.file.name.endswith(".png")
    assert evidence.original_name == "anh-chup.png"
