"""/v/<code>/: the page the QR code on every issued PDF opens. Public, no login; details only
once the document is published."""

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import Status
from tests import pki


@pytest.fixture
def published(agency, people, signing_on):
    return pki.issued_set(agency, people)


def _page(client, code):
    return client.get(reverse("documents:verify", args=[code]))


def test_it_is_served_at_the_printed_path(published):
    assert reverse("documents:verify", args=["ABC"]) == "/v/ABC/"


def test_it_shows_a_published_document_to_anyone(client, published):
    response = _page(client, published.verification_code)

    assert response.status_code == 200
    page = response.content.decode()
    for expected in (
        "Văn phòng UBND tỉnh Đồng Nai",
        "Mục tiêu chất lượng năm 2024",
        "124/QĐ-VP",
        "15/01/2024",
        "CHÁNH VĂN PHÒNG",
        "Nguyễn Kim Long",
        "Đang có hiệu lực",
        published.issued_sha256,
        reverse("documents:verify_file", args=[published.verification_code]),
        "Chữ ký toàn vẹn",
        "validity unknown",
    ):
        assert expected in page, expected


def test_it_says_only_that_the_code_is_genuine_before_publication(
    client, agency, people, signing_on
):
    issued = pki.issued_set(agency, people, publish=False)

    response = _page(client, issued.verification_code)

    page = response.content.decode()
    assert response.status_code == 200
    assert "thông tin chi tiết sẽ hiển thị sau khi công bố" in page
    for secret in ("124/QĐ-VP", "Nguyễn Kim Long", issued.issued_sha256, "/file/"):
        assert secret not in page


def test_it_marks_a_superseded_document(client, published):
    type(published).objects.filter(pk=published.pk).update(status=Status.SUPERSEDED)

    page = _page(client, published.verification_code).content.decode()

    assert "Đã được thay thế" in page and "không còn hiệu lực" in page


def test_it_hides_a_superseded_document_never_published(client, agency, people, signing_on):
    issued = pki.issued_set(agency, people, publish=False)
    type(issued).objects.filter(pk=issued.pk).update(status=Status.SUPERSEDED)

    page = _page(client, issued.verification_code).content.decode()

    assert "124/QĐ-VP" not in page


def test_it_answers_404_with_a_clear_page_for_an_unknown_code(client, db):
    response = _page(client, "KHONGCOMA")

    assert response.status_code == 404
    assert "không khớp với văn bản nào" in response.content.decode()


def test_it_accepts_a_code_typed_in_lower_case_with_spaces(client, published):
    code = published.verification_code
    typed = code.lower()[:4] + " " + code.lower()[4:]

    response = client.get(reverse("documents:verify_home"), {"code": typed})

    assert response.status_code == 302
    assert response.url == reverse("documents:verify", args=[code])


def test_it_downloads_the_issued_file_of_a_published_document(client, published):
    response = client.get(reverse("documents:verify_file", args=[published.verification_code]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pki.stored_bytes(published)


def test_it_refuses_the_download_before_publication(client, agency, people, signing_on):
    issued = pki.issued_set(agency, people, publish=False)

    response = client.get(reverse("documents:verify_file", args=[issued.verification_code]))

    assert response.status_code == 404


def test_it_shows_a_document_prepared_for_external_signing_as_genuine_only(
    client, agency, people, settings
):
    from documents.workflow import document_prepare_external
    from tests.factories import ObjectiveSetFactory

    settings.SIGNING_CONFIG_FILE = ""
    prepared = document_prepare_external(
        document=ObjectiveSetFactory(agency=agency, status=Status.APPROVED),
        actor=people["records_officer"],
        number=7,
        symbol="QĐ-VP",
        issued_on=timezone.localdate(),
    )

    page = _page(client, prepared.verification_code).content.decode()

    assert "thông tin chi tiết sẽ hiển thị sau khi công bố" in page
    assert "07/QĐ-VP" not in page


def test_it_links_a_superseded_document_to_the_one_in_force(client, agency, published):
    from tests.factories import ObjectiveSetFactory

    type(published).objects.filter(pk=published.pk).update(status=Status.SUPERSEDED)
    newer = ObjectiveSetFactory(
        agency=agency, year=2024, status=Status.PUBLISHED, verification_code="MOIHON2345"
    )

    page = _page(client, published.verification_code).content.decode()

    assert reverse("documents:verify", args=[newer.verification_code]) in page
