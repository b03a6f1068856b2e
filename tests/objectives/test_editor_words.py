"""What the editor says: help texts that keep their placeholders, summaries without doubled
separators (issue 18, "Dates, numbers, words")."""

from django.urls import reverse

from objectives.models import ObjectiveSet
from tests.factories import ObjectiveSetFactory
from tests.objectives.test_views_objectives import objective_data
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


def test_the_deadline_is_a_date_picker_and_a_bad_date_says_the_format(agency, people):
    draft = ObjectiveSetFactory(agency=agency, with_objectives=1)
    objective = draft.objectives.get()
    client = client_for(people["iso_officer"])
    url = reverse("objectives:objective_edit", args=[objective.pk])
    form = client.get(url).context["form"]
    assert 'type="date"' in str(form["deadline"])

    response = client.post(url, objective_data(objective, deadline="31/13/2026"))
    assert response.status_code in (200, 400)
    errors = response.context["form"].errors["deadline"]
    assert errors == ["Nhập ngày dạng dd/mm/yyyy, ví dụ 31/12/2026."]
    objective.refresh_from_db()
    assert objective.deadline is None

    assert client.post(url, objective_data(objective, deadline="2026-12-31")).status_code in (
        200,
        302,
    )
    objective.refresh_from_db()
    assert objective.deadline.isoformat() == "2026-12-31"
