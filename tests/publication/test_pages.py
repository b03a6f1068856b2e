"""The public pages (publication/views.py): what anyone sees without signing in."""

import datetime
import html
import re
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from agencies.models import Agency, OversightBody
from documents.models import Status
from monitoring.models import PeriodConfirmation, Result
from objectives.printing.render import render_set
from tests.factories import UserFactory
from tests.publication.conftest import POLICY, THIS_YEAR

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_it_gives_an_agency_a_slug_from_its_folded_name_without_the_province(province):
    assert province.agency.slug == "van-phong-ubnd-tinh"
    assert province.other_agency.slug == "so-tu-phap-tinh"
    assert province.url() == "/cong-khai/dong-nai/van-phong-ubnd-tinh/"


def test_the_agency_page_shows_the_policy_and_this_years_objectives_as_issued(client, province):
    page = _text(client.get(province.url()))

    in_force = province.in_force
    assert POLICY in page
    assert f'data-set="{in_force.pk}"' in page
    assert "17/QĐ-VP" in page and "15/01/" + str(THIS_YEAR) in page
    assert "KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG: Nguyễn Kim Long" in page
    assert reverse("documents:verify", args=[in_force.verification_code]) in page
    assert province.url("set_pdf", year=THIS_YEAR, pk=in_force.pk) in page
    assert "Mục tiêu số 1: tỷ lệ hồ sơ giải quyết đúng hạn đạt ít nhất 91%." in page
    assert "≥ 91%" in page
    # The superseded first version and 2023 are listed below, the superseded one marked.
    assert f'data-set="{province.superseded.pk}"' in page
    assert f'data-set="{province.earlier.pk}"' in page
    assert "Đã được thay thế" in page


def test_the_year_page_marks_the_superseded_set_and_links_its_replacement(client, province):
    page = _text(client.get(province.url("year", year=THIS_YEAR)))

    assert page.index(f'data-set="{province.in_force.pk}"') < page.index(
        f'data-set="{province.superseded.pk}"'
    )
    assert 'data-testid="superseded-note"' in page
    assert f'href="#van-ban-{province.in_force.pk}"' in page


def test_department_sets_are_public_only_when_the_agency_opens_them(
    client, province, django_capture_on_commit_callbacks
):
    hidden = f'data-set="{province.department_set.pk}"'
    pdf = province.url("set_pdf", year=THIS_YEAR, pk=province.department_set.pk)
    assert hidden not in _text(client.get(province.url()))
    assert hidden not in _text(client.get(province.url("year", year=THIS_YEAR)))
    assert hidden not in _text(client.get(province.url("province")))

    with django_capture_on_commit_callbacks(execute=True):
        province.agency.publishes_department_sets = True
        province.agency.save()

    assert hidden in _text(client.get(province.url()))
    assert hidden in _text(client.get(province.url("year", year=THIS_YEAR)))
    assert hidden in _text(client.get(province.url("province")))
    assert client.get(pdf).status_code == 404  # no issued file for it in this world


def test_the_province_page_lists_its_agencies_with_and_without_objectives(client, province):
    page = _text(client.get(province.url("province")))

    assert "Văn phòng UBND tỉnh Đồng Nai" in page and "Sở Tư pháp tỉnh Đồng Nai" in page
    assert f'data-set="{province.in_force.pk}"' in page
    assert f'data-set="{province.superseded.pk}"' not in page  # in force only
    assert page.count('data-testid="not-yet"') == 1
    assert "1/2" in page


def test_a_past_year_of_the_province_lists_the_sets_then_in_force(client, province):
    page = _text(client.get(reverse("publication:province_year", args=["dong-nai", 2023])))

    assert f'data-set="{province.earlier.pk}"' in page
    assert f'data-set="{province.in_force.pk}"' not in page
    assert page.count('data-testid="not-yet"') == 1
    this_year = reverse("publication:province_year", args=["dong-nai", THIS_YEAR])
    assert client.get(this_year)["Location"] == "/cong-khai/dong-nai/"


def test_an_agency_outside_the_province_is_not_found_there(client, province):
    other_body = OversightBody.objects.create(
        agency=province.other_agency,
        name="Sở KH&CN khác",
        region_name="Khác",
        slug="khac",
        inspecting_unit="Chi cục",
    )
    url = reverse("publication:agency", args=[other_body.slug, province.agency.slug])

    assert client.get(url).status_code == 404


def _confirmed_result(province) -> Result:
    target = province.in_force.objectives.order_by("order").first().targets.get()
    user = UserFactory()
    PeriodConfirmation.objects.create(
        agency=province.agency,
        department=None,
        period_key=f"{THIS_YEAR}-Q1",
        period_start=datetime.date(THIS_YEAR, 1, 1),
        period_end=datetime.date(THIS_YEAR, 3, 31),
        confirmed_by=user,
    )
    return Result.objects.create(
        target=target,
        period_key=f"{THIS_YEAR}-Q1",
        period_start=datetime.date(THIS_YEAR, 1, 1),
        period_end=datetime.date(THIS_YEAR, 3, 31),
        value=Decimal("87.25"),
        numerator=Decimal("349"),
        denominator=Decimal("400"),
        recorded_by=user,
    )


def _every_public_page(client, province) -> str:
    urls = [
        reverse("publication:province_list"),
        province.url("province"),
        province.url(),
        province.url("year", year=THIS_YEAR),
        province.url("year", year=2023),
        reverse("publication:sitemap"),
    ]
    return "".join(_text(client.get(url)) for url in urls)


def test_results_off_leave_no_trace_on_any_public_page(client, province):
    _confirmed_result(province)

    pages = _every_public_page(client, province)

    assert "87,25" not in pages and "349/400" not in pages
    assert "public-results" not in pages and "Kết quả thực hiện" not in pages


def test_results_on_show_the_confirmed_periods(client, province):
    _confirmed_result(province)
    province.agency.publishes_results = True
    province.agency.save()

    page = _text(client.get(province.url("year", year=THIS_YEAR)))

    assert "87,25%" in page and "(349/400)" in page
    assert "Quý I/" + str(THIS_YEAR) in page and "Không đạt" in page


def test_results_of_an_unconfirmed_period_stay_private(client, province):
    result = _confirmed_result(province)
    PeriodConfirmation.objects.all().delete()
    province.agency.publishes_results = True
    province.agency.save()

    page = _text(client.get(province.url("year", year=THIS_YEAR)))

    assert result.value is not None and "87,25" not in page


def test_an_old_agency_slug_redirects_permanently(
    client, province, django_capture_on_commit_callbacks
):
    old = province.url("year", year=2023)
    assert client.get(old).status_code == 200  # and kept in the cache
    with django_capture_on_commit_callbacks(execute=True):
        province.agency.slug = "vp-ubnd"
        province.agency.save()

    response = client.get(old + "?lang=en")

    assert response.status_code == 301
    assert response["Location"] == "/cong-khai/dong-nai/vp-ubnd/2023/?lang=en"
    assert client.get("/cong-khai/dong-nai/van-phong-ubnd-tinh/").status_code == 301


def test_an_old_province_slug_redirects_permanently(
    client, province, django_capture_on_commit_callbacks
):
    assert client.get("/cong-khai/dong-nai/van-phong-ubnd-tinh/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        province.body.slug = "dong-nai-moi"
        province.body.save()

    response = client.get("/cong-khai/dong-nai/van-phong-ubnd-tinh/")

    assert response.status_code == 301
    assert response["Location"] == "/cong-khai/dong-nai-moi/van-phong-ubnd-tinh/"
    assert client.get("/cong-khai/dong-nai/").status_code == 301


def test_a_year_without_public_sets_is_not_found(client, province):
    from tests.factories import ObjectiveSetFactory

    ObjectiveSetFactory(agency=province.agency, year=2021, status=Status.APPROVED)

    assert client.get(province.url("year", year=2021)).status_code == 404
    assert client.get(province.url("year", year=1800)).status_code == 404


def test_the_public_pdf_is_the_issued_file_byte_for_byte(client, province):
    response = client.get(province.url("set_pdf", year=THIS_YEAR, pk=province.in_force.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == province.pdf


def test_the_public_pdf_of_an_unpublished_set_is_not_found(client, province):
    Agency.objects.filter(pk=province.agency.pk)  # the same agency and year
    type(province.in_force).objects.filter(pk=province.in_force.pk).update(status=Status.ISSUED)

    response = client.get(province.url("set_pdf", year=THIS_YEAR, pk=province.in_force.pk))

    assert response.status_code == 404


def test_it_speaks_english_when_asked_by_the_address(client, province):
    page = _text(client.get(province.url() + "?lang=en"))

    assert '<html lang="en">' in page
    assert "Superseded" in page and "Đã được thay thế" not in page
    assert f'href="{province.url("year", year=2023)}?lang=en"' in page


def test_the_sitemap_lists_every_public_page(client, province):
    response = client.get(reverse("publication:sitemap"))
    text = _text(response)

    assert response["Content-Type"].startswith("application/xml")
    for url in (province.url("province"), province.url(), province.url("year", year=2023)):
        assert f"http://testserver{url}</loc>" in text
    assert "/so-tu-phap-tinh/</loc>" in text


def _issued_paragraphs(page: str) -> list[str]:
    """The paragraphs of the issued document's words on a page (publication/_issued_*.html)."""
    found = re.findall(r'<p class="issued-[^"]*"[^>]*>(.*?)</p>', page, flags=re.DOTALL)
    return [html.unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in found]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("form", ["decision", "list", "table"])
def test_the_set_page_shows_the_document_in_the_words_its_pdf_printed(client, province, form):
    """Decision (articles, then its annex), list and table forms: every paragraph the page
    shows of the document is in the PDF rendered from the same set, and the page has the
    document's own parts (number, date, articles, signing block)."""
    objective_set = province.in_force
    type(objective_set).objects.filter(pk=objective_set.pk).update(
        form=form,
        legal_bases="Căn cứ Quyết định số 19/2014/QĐ-TTg của Thủ tướng Chính phủ;",
        recipients="Như Điều 3;\nLưu: VT.",
        symbol="QĐ-VP",
    )
    objective_set.refresh_from_db()

    page = _text(client.get(province.url("year", year=THIS_YEAR)))
    pdf = render_set(objective_set, final=True)
    printed = _squeezed(
        subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
    )

    own = page[page.index(f'id="van-ban-{objective_set.pk}"') :]
    own = own[: own.index("</article>")]
    paragraphs = _issued_paragraphs(own)
    assert len(paragraphs) >= 6
    for paragraph in paragraphs:
        assert _squeezed(paragraph) in printed, paragraph
    assert "Số: 17/QĐ-VP" in own and f"ngày 15 tháng 01 năm {THIS_YEAR}" in own
    assert "Mục tiêu số 1: tỷ lệ hồ sơ giải quyết đúng hạn đạt ít nhất 91%." in own
    assert "NGUYỄN KIM LONG".lower() in own.lower() and "KT. CHÁNH VĂN PHÒNG" in own
    assert "- Lưu: VT." in own
    if form == "decision":
        assert "QUYẾT ĐỊNH:" in own and "Điều 1." in own and 'data-testid="issued-annex"' in own
        assert "Căn cứ Quyết định số 19/2014/QĐ-TTg" in own
    else:
        assert "Điều 1." not in own
    if form == "table":
        assert 'data-testid="issued-table"' in own and "Chỉ tiêu thực hiện" in own


def test_the_document_stays_in_vietnamese_on_the_english_page(client, province):
    page = _text(client.get(province.url("year", year=THIS_YEAR) + "?lang=en"))

    assert '<html lang="en">' in page
    assert '<div class="public-document" lang="vi"' in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Superseded" in page


def test_a_superseded_document_is_shown_in_its_own_words_and_marked(client, province):
    page = _text(client.get(province.url("year", year=THIS_YEAR)))

    old = page[page.index(f'id="van-ban-{province.superseded.pk}"') :]
    old = old[: old.index("</article>")]
    assert "public-superseded" in page[: page.index(f'id="van-ban-{province.superseded.pk}"')]
    assert 'data-testid="superseded-note"' in old and 'data-testid="superseded"' in old
    assert "Số: 03/" in old and 'data-testid="set-content"' in old
