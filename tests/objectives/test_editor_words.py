"""What the editor says: help texts that keep their placeholders, summaries without doubled
separators (issue 18, "Dates, numbers, words")."""

from django.urls import reverse

from objectives.models import ObjectiveSet
from tests.factories import ObjectiveSetFactory
from tests.objectives.views_support import client_for


def test_the_title_help_names_the_year_that_will_print(agency, people):
    draft = ObjectiveSetFactory(agency=agency, year=2026)
    page = client_for(people["iso_officer"]).get(reverse("objectives:set_header", args=[draft.pk]))
    assert "Để trống thì in “MỤC TIÊU CHẤT LƯỢNG NĂM 2026”." in page.content.decode()


def test_the_title_help_keeps_its_placeholder_where_no_year_is_known():
    """ "<năm>" was read by the browser as a tag and the help text ended "NĂM ”"."""
    help_text = str(ObjectiveSet._meta.get_field("title").help_text)
    assert help_text.endswith("NĂM ‹năm›”.") and "<" not in help_text


def test_the_recipients_summary_has_no_doubled_separator(agency, people):
    draft = ObjectiveSetFactory(
        agency=agency, recipients="- Như điều 4;\n- Ban Giám đốc;\n- Lưu: VT, HCTC."
    )
    page = client_for(people["iso_officer"]).get(reverse("objectives:set_edit", args=[draft.pk]))
    html = page.content.decode()
    assert "Như điều 4; Ban Giám đốc; Lưu: VT, HCTC</dd>" in html
    assert ";;" not in html
