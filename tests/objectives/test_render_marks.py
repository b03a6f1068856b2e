"""What tells a final document from a draft: the verification mark on finals, the "DỰ THẢO"
watermark on drafts, and the signature and seal images on digitally signed documents."""

import io
import math

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from PIL import Image

from agencies.models import Membership
from documents import render
from documents.render import render_document
from documents.verification import qr_code, verification_url
from objectives.printing.render import render_set
from objectives.selectors import set_with_content
from tests.objectives import document_data as data
from tests.objectives.pdf_support import A4, MM, Pdf, qr_modules

pytestmark = pytest.mark.django_db


def png(colour, size) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def signed_agency(people, agency):
    """The agency's seal (38 mm) and the head's signature, as uploaded."""
    agency.seal_diameter_mm = 38
    agency.seal_image.save("dau.png", ContentFile(png((200, 20, 30, 200), (300, 300))))
    head = Membership.objects.get(user=people["head"], agency=agency)
    head.signature_image.save("ky.png", ContentFile(png((20, 50, 160, 255), (600, 240))))
    return agency


def decision_for(agency, people, **overrides):
    objective_set = data.decision_set(agency, signer=people["head"], **overrides)
    return set_with_content(objective_set.pk)


def test_it_marks_page_1_of_a_final_document_with_its_code_and_a_qr_code(people, agency):
    objective_set = decision_for(agency, people)
    pdf = Pdf(render_set(objective_set, final=True))
    url = verification_url(objective_set.verification_code)
    assert url == f"http://127.0.0.1:8000/v/{objective_set.verification_code}/"
    code = pdf.find(f"Mã xác thực: {objective_set.verification_code}")
    address = pdf.find(url)
    assert code.page == address.page == 1 and code.size <= 9
    assert code.top > A4[1] - 20 * MM  # in the bottom margin, under the text
    (qr,) = [i for i in pdf.images(1) if i["top"] > A4[1] - 20 * MM]
    assert qr["width"] == pytest.approx(15 * MM, abs=0.5)
    assert qr["x0"] > code.x1  # right of the code
    assert qr_modules(qr, border=2) == [list(row) for row in qr_code(url).matrix]
    for page in range(2, len(pdf.pages) + 1):
        assert not pdf.images(page)
        assert objective_set.verification_code not in " ".join(pdf.texts(page))


def test_it_watermarks_drafts_on_every_page_and_leaves_finals_clean(people, agency):
    objective_set = decision_for(agency, people)
    draft = Pdf(render_set(objective_set, final=False))
    for page in draft.pages:
        mark = [c for c in page.chars if c["size"] >= 60]
        assert "".join(c["text"] for c in mark) == "DỰ THẢO"
        assert all("Bold" in c["fontname"] for c in mark)
        a, b = mark[0]["matrix"][:2]
        assert 20 <= math.degrees(math.atan2(b, a)) <= 60  # diagonal, rising to the right
    assert objective_set.verification_code not in draft.full_text()
    assert draft.images(1) == []
    final = Pdf(render_set(objective_set, final=True))
    assert "DỰ THẢO" not in final.full_text()


def test_it_shows_the_signature_and_real_size_seal_when_signed_digitally(signed_agency, people):
    objective_set = decision_for(signed_agency, people)
    pdf = Pdf(render_set(objective_set, final=True, with_signature_images=True))
    title, name = pdf.find("CHÁNH VĂN PHÒNG"), pdf.find("Nguyễn Kim Long")
    images = [i for i in pdf.images(title.page) if i["top"] < A4[1] - 20 * MM]
    (seal,) = [i for i in images if i["srcsize"] == (300, 300)]
    (signature,) = [i for i in images if i["srcsize"] == (600, 240)]
    assert seal["width"] == pytest.approx(38 * MM, abs=0.5)
    assert seal["height"] == pytest.approx(38 * MM, abs=0.5)
    # Between title and name, centred under the title; the seal over its left third.
    assert title.bottom < signature["top"] and signature["bottom"] < name.top
    assert (signature["x0"] + signature["x1"]) / 2 == pytest.approx(title.centre, abs=1)
    assert seal["x1"] == pytest.approx(signature["x0"] + signature["width"] / 3, abs=0.5)
    assert (seal["top"] + seal["bottom"]) / 2 == pytest.approx(
        (signature["top"] + signature["bottom"]) / 2, abs=0.5
    )


def test_it_never_shows_images_on_drafts_or_unsigned_documents(signed_agency, people):
    objective_set = decision_for(signed_agency, people)
    draft = Pdf(render_set(objective_set, final=False, with_signature_images=True))
    assert all(not draft.images(page) for page in range(1, len(draft.pages) + 1))
    unsigned = Pdf(render_set(objective_set, final=True, with_signature_images=False))
    assert [i["srcsize"] for i in unsigned.images(1)] == [(264, 264)]  # the QR code only


def test_it_shows_images_by_default_when_the_agency_signs_digitally(
    signed_agency, people, monkeypatch
):
    objective_set = decision_for(signed_agency, people)
    monkeypatch.setattr("documents.signing.signing_configured", lambda agency: True)
    signed = Pdf(render_set(objective_set, final=True))
    assert len([i for i in signed.images(1) if i["srcsize"] != (264, 264)]) == 2
    monkeypatch.setattr("documents.signing.signing_configured", lambda agency: False)
    assert len(Pdf(render_set(objective_set, final=True)).images(1)) == 1
    objective_set.is_digitally_signed = True
    assert len(Pdf(render_set(objective_set, final=True)).images(1)) == 3


def test_it_renders_in_vietnamese_whatever_the_active_language(people, agency):
    objective_set = decision_for(agency, people)
    with translation.override("en"):
        pdf = Pdf(render_set(objective_set, final=True))
        assert translation.get_language() == "en"
    assert pdf.find("Nơi nhận:") and pdf.find("QUYẾT ĐỊNH:")
    assert pdf.find("Đồng Nai, ngày 05 tháng 10 năm 2023")


def test_it_dispatches_on_the_document_type(people, agency, monkeypatch):
    objective_set = decision_for(agency, people)
    assert render_document(objective_set, final=True) == render_set(objective_set, final=True)
    with pytest.raises(TypeError):
        render_document(agency, final=True)


def test_it_reuses_fonts_and_styles_between_renders(people, agency):
    objective_set = decision_for(agency, people)
    render_set(objective_set, final=False)
    first = render._styles()
    render_set(objective_set, final=True)
    assert render._styles() is first
