"""The NĐ30 layout of a rendered decision (reference 004), read back from the real PDF: each
element's text, font, size, style, page, position, and the rules drawn under it."""

import pytest

from objectives.printing.render import render_set
from objectives.selectors import set_with_content
from tests.objectives import document_data as data
from tests.objectives.pdf_support import A4, MARGINS_MM, MM, Pdf, embedded_fonts, text_area

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def decision(built_once) -> Pdf:
    """Rendered and read back once for the module (both take seconds): the tests below only
    read it."""

    def build():
        # Long enough for the decision and its annex to take two pages each.
        articles = data.ARTICLES_004[:3] + data.ARTICLES_004[2:3] * 8 + data.ARTICLES_004[3:]
        objective_set = data.decision_set(
            data.agency_dong_nai(), objectives=24, articles="\n".join(articles)
        )
        return Pdf(render_set(set_with_content(objective_set.pk), final=True))

    return built_once(build)


def assert_style(run, *, size, bold=False, italic=False):
    assert all("Liberation-Serif" in font for font in run.fonts), run.fonts
    assert run.size == pytest.approx(size, abs=0.1), (run.text, run.sizes)
    assert run.bold is bold, (run.text, run.fonts)
    assert run.italic is italic, (run.text, run.fonts)


def left_column(pdf, run) -> bool:
    left, right = text_area(pdf.pages[run.page - 1])
    return run.x1 <= left + 0.41 * (right - left) + 1


def right_column(pdf, run) -> bool:
    left, right = text_area(pdf.pages[run.page - 1])
    return run.x0 >= left + 0.41 * (right - left) - 1


def centre_of_text_area(pdf, page: int) -> float:
    left, right = text_area(pdf.pages[page - 1])
    return (left + right) / 2


def test_it_prints_on_a4_inside_the_nd30_margins(decision):
    for page in decision.pages:
        assert (page.width, page.height) == pytest.approx(A4, abs=0.5)
    left = MARGINS_MM["left"] * MM
    right = A4[0] - MARGINS_MM["right"] * MM
    top, bottom = MARGINS_MM["top"] * MM, A4[1] - MARGINS_MM["bottom"] * MM
    page_numbers = [r for r in decision.runs if r.bottom < top and r.text.isdigit()]
    body = [r for r in decision.runs if r.size >= 11 and r not in page_numbers]
    assert all(run.x0 >= left - 0.5 and run.x1 <= right + 1.5 for run in body)
    assert all(run.top >= top - 0.5 and run.bottom <= bottom + 0.5 for run in body)
    # The body reaches both margins: justified lines start at the left one, end at the right.
    assert min(run.x0 for run in body) == pytest.approx(left, abs=0.5)
    assert max(run.x1 for run in body) == pytest.approx(right, abs=1.5)


def test_it_embeds_the_bundled_font_under_its_real_name(decision):
    assert {font for run in decision.runs for font in run.fonts} <= {
        "Liberation-Serif",
        "Liberation-Serif-Bold",
        "Liberation-Serif-Italic",
        "Liberation-Serif-Bold-Italic",
    }
    assert embedded_fonts(decision.pages[0]) == {
        "Liberation-Serif": True,
        "Liberation-Serif-Bold": True,
        "Liberation-Serif-Italic": True,
        "Liberation-Serif-Bold-Italic": True,
    }


def test_it_lays_out_the_header_in_two_columns(decision):
    governing = decision.find("UBND TỈNH ĐỒNG NAI", page=1)
    agency = decision.find("VĂN PHÒNG", page=1)
    number = decision.find("Số: 124/QĐ-VP", page=1)
    country = decision.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", page=1)
    motto = decision.find("Độc lập - Tự do - Hạnh phúc", page=1)
    date = decision.find("Đồng Nai, ngày 05 tháng 10 năm 2023", page=1)

    assert_style(governing, size=13)
    assert_style(agency, size=13, bold=True)
    assert_style(number, size=13)
    assert_style(country, size=13, bold=True)
    assert_style(motto, size=14, bold=True)
    assert_style(date, size=14, italic=True)
    assert all(left_column(decision, run) for run in (governing, agency, number))
    assert all(right_column(decision, run) for run in (country, motto, date))
    # Names centred on each other; the motto and date centred under the national name.
    assert agency.centre == pytest.approx(governing.centre, abs=1)
    assert number.centre == pytest.approx(agency.centre, abs=1)
    assert motto.centre == pytest.approx(country.centre, abs=1)
    assert date.centre == pytest.approx(country.centre, abs=1)
    # The number and the date stand on one line (NĐ30, Phụ lục I, II.4.c).
    assert number.bottom - 0.216 * 13 == pytest.approx(date.bottom - 0.216 * 14, abs=1)
    assert governing.top < agency.top < number.top and country.top < motto.top < date.top


def test_it_rules_the_agency_name_short_and_the_motto_exactly(decision):
    agency = decision.find("VĂN PHÒNG", page=1)
    short = decision.rule_under(agency)
    assert 1 / 3 <= short.width / (agency.x1 - agency.x0) <= 1 / 2
    assert short.centre == pytest.approx(agency.centre, abs=1)

    motto = decision.find("Độc lập - Tự do - Hạnh phúc", page=1)
    full = decision.rule_under(motto)
    assert full.x0 == pytest.approx(motto.x0, abs=0.5)
    assert full.x1 == pytest.approx(motto.x1, abs=0.5)


def test_it_centres_the_title_with_a_short_rule_under_the_subject(decision):
    title = decision.find("QUYẾT ĐỊNH", page=1)
    first = decision.find("Công bố Mục tiêu chất lượng năm 2023", page=1)
    second = decision.find("của Văn phòng UBND tỉnh", page=1)
    authority = decision.find("CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", page=1)
    for run in (title, first, second, authority):
        assert_style(run, size=14, bold=True)
        assert run.centre == pytest.approx(centre_of_text_area(decision, 1), abs=1)
    rule = decision.rule_under(second)
    widest = max(first.x1 - first.x0, second.x1 - second.x0)
    assert 1 / 3 <= rule.width / widest <= 1 / 2
    assert rule.centre == pytest.approx(title.centre, abs=1)


def test_it_prints_legal_bases_in_italics_one_per_paragraph(decision):
    left, _right = text_area(decision.pages[0])
    bases = decision.starting("Căn cứ", page=1)
    assert len(bases) == 2
    for run in bases:
        assert_style(run, size=14, italic=True)
        assert run.x0 - left == pytest.approx(1.27 / 2.54 * 72, abs=0.5)  # first-line indent
    proposal = decision.find("Xét đề nghị của Trưởng phòng Hành chính - Tổ chức.", page=1)
    assert_style(proposal, size=14, italic=True)


def test_it_spaces_paragraphs_at_least_6_pt_apart(decision):
    bases = decision.starting("Căn cứ", page=1)
    lines = [run for run in decision.runs if run.page == 1 and run.italic and run.size == 14]
    lines.sort(key=lambda run: run.top)
    steps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False)]
    line_step = min(steps)
    paragraph_step = lines[lines.index(bases[1])].top - lines[lines.index(bases[1]) - 1].top
    assert paragraph_step - line_step >= 6 - 0.1
    assert 14 <= line_step <= 14 * 1.5 * 1.2  # single to 1.5 lines


def test_it_bolds_only_the_article_numbers(decision):
    decides = decision.find("QUYẾT ĐỊNH:", page=1)
    assert_style(decides, size=14, bold=True)
    article = decision.starting("Điều 1.", page=1)[0]
    bold = "".join(c["text"] for c in article.chars if "Bold" in c["fontname"])
    assert bold.strip() == "Điều 1."
    assert "Bold" not in article.chars[-1]["fontname"]
    last = decision.find("thuộc Văn phòng UBND tỉnh có trách nhiệm thi hành quyết định này./.")
    assert last.plain


def test_it_lays_out_the_signing_block_and_distribution_list(decision):
    recipients_title = decision.find("Nơi nhận:")
    title = decision.find("CHÁNH VĂN PHÒNG")
    name = decision.find("Nguyễn Kim Long")
    assert_style(recipients_title, size=12, bold=True, italic=True)
    assert_style(title, size=14, bold=True)
    assert_style(name, size=14, bold=True)
    assert left_column(decision, recipients_title) and right_column(decision, title)
    assert abs(recipients_title.top - title.top) <= 2  # level with the signing title
    assert name.centre == pytest.approx(title.centre, abs=1)
    assert name.top - title.bottom >= 25 * MM  # room for a handwritten signature and seal
    recipients = [r for r in decision.runs if r.page == title.page and r.size == 11]
    assert all(r.plain and left_column(decision, r) for r in recipients)
    assert recipients[0].text == "- Như điều 4;" and recipients[-1].text == "- Lưu: VT, HCTC."


def test_it_numbers_pages_from_the_second_in_the_top_margin(decision):
    top_margin = MARGINS_MM["top"] * MM
    annex_start = decision.find("MỤC TIÊU CHẤT LƯỢNG NĂM 2023").page
    assert annex_start >= 3 and len(decision.pages) > annex_start, "annex must span two pages"
    for number in range(1, len(decision.pages) + 1):
        marks = [r for r in decision.runs if r.page == number and r.bottom < top_margin]
        expected = number if number < annex_start else number - annex_start + 1
        if expected == 1:
            assert marks == [], (number, [m.text for m in marks])
            continue
        (mark,) = marks
        assert mark.text == str(expected)
        assert_style(mark, size=13)
        assert mark.centre == pytest.approx(centre_of_text_area(decision, number), abs=1)


def test_it_repeats_the_header_on_the_annex_without_number_or_date(decision):
    page = decision.find("MỤC TIÊU CHẤT LƯỢNG NĂM 2023").page
    texts = decision.texts(page)
    assert texts[:4] == [
        "UBND TỈNH ĐỒNG NAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "VĂN PHÒNG",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert not [t for t in texts if t.startswith("Số:") or "ngày 05 tháng 10" in t]
    reference = decision.starting("(Ban hành kèm theo Quyết định số 124/QĐ-VP", page=page)[0]
    assert_style(reference, size=14, italic=True)
    assert_style(decision.find("MỤC TIÊU CHẤT LƯỢNG NĂM 2023"), size=14, bold=True)
