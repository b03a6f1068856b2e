"""A target missed for the year carries, on the dashboard, the link "Ghi nhận nguyên nhân, hành
động khắc phục"; followed by the ISO officer, the form comes prefilled and the action points at
the target (generic source) and back at the dashboard. A reached target has no link; a source of
another agency is ignored. Open actions are listed on the dashboard for those who may see them."""

import html
import re

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from corrective.models import CorrectiveAction
from objectives.models import Comparison
from tests.corrective.conftest import make_action
from tests.monitoring.conftest import add_objective, publish_set, put

LINK = "Ghi nhận nguyên nhân, hành động khắc phục"


def _missed_target(agency, people):
    objective_set = publish_set(agency)
    late = add_objective(
        objective_set,
        content="Tỷ lệ hồ sơ quá hạn bằng không.",
        frequencies=("yearly",),
        targets=[
            {"comparison": Comparison.AT_MOST, "value": 0, "unit": "hồ sơ", "wording": "bằng không"}
        ],
    )
    put(late.targets.get(), "2024-Y", value=2, user=people["iso_officer"])
    reached = add_objective(
        objective_set,
        content="Đào tạo nghiệp vụ hằng năm.",
        frequencies=("yearly",),
        targets=[
            {"comparison": Comparison.AT_LEAST, "value": 1, "unit": "lớp", "wording": "01 lớp"}
        ],
    )
    put(reached.targets.get(), "2024-Y", value=3, user=people["iso_officer"])
    return late.targets.get()


def test_it_records_from_a_target_not_met_for_the_year(client, people, agency, year_end):
    target = _missed_target(agency, people)
    client.force_login(people["iso_officer"])
    dashboard_url = reverse("monitoring:dashboard", args=[agency.pk, 2024])
    page = client.get(dashboard_url).content.decode()
    assert page.count(LINK) == 1  # the missed target only
    href = html.unescape(re.search(r'href="([^"]+)"[^>]*data-testid="corrective-link"', page)[1])
    assert f"source=objectives.target:{target.pk}" in href

    form_page = client.get(href)
    assert form_page.status_code == 200
    prefilled = form_page.context["form"].initial["nonconformity"]
    assert prefilled.startswith("Tỷ lệ hồ sơ quá hạn bằng không. – chỉ tiêu bằng không: Không đạt")
    assert "(lũy kế năm 2024: 2 hồ sơ)" in prefilled

    query = dict(part.split("=", 1) for part in href.split("?", 1)[1].split("&"))
    response = client.post(
        href.split("?")[0],
        {
            "source": f"objectives.target:{target.pk}",
            "next": dashboard_url,
            "nonconformity": prefilled,
            "cause": "Hai hồ sơ đất đai chờ ý kiến sở.",
            "action": "Lập sổ theo dõi hồ sơ liên thông, nhắc trước hạn 3 ngày.",
            "owner_person": people["staff"].pk,
            "due_date": "2025-03-31",
        },
    )
    assert response.status_code == 302, query
    action = CorrectiveAction.objects.get()
    assert action.source == target
    assert action.source_type == ContentType.objects.get_for_model(target)
    assert action.source_url == dashboard_url
    assert (action.agency, action.year, action.created_by) == (agency, 2024, people["iso_officer"])
    assert action.history.get().history_type == "+"


def test_a_source_of_another_agency_is_ignored(client, people, agency, outsider_agency, year_end):
    foreign = _missed_target(outsider_agency, people)
    client.force_login(people["iso_officer"])
    response = client.post(
        reverse("corrective:new", args=[agency.pk, 2024]),
        {
            "source": f"objectives.target:{foreign.pk}",
            "nonconformity": "Không đạt",
            "cause": "Nguyên nhân.",
            "action": "Hành động.",
            "owner_person": people["staff"].pk,
            "due_date": "2025-03-31",
        },
    )
    assert response.status_code == 302
    action = CorrectiveAction.objects.get()
    assert action.source_id is None and action.source_type is None


def test_the_dashboard_lists_open_actions_to_who_may_see_them(
    client, people, agency, department, year_end
):
    _missed_target(agency, people)
    make_action(agency, people, department, nonconformity="Hồ sơ quá hạn: Không đạt")
    url = reverse("monitoring:dashboard", args=[agency.pk, 2024])
    for role, shown in (
        ("iso_officer", True),
        ("head", True),
        ("staff", True),
        ("records_officer", False),
    ):
        client.force_login(people[role])
        page = client.get(url).content.decode()
        assert ('data-testid="open-corrective-actions"' in page) is shown, role
        assert ("Hồ sơ quá hạn: Không đạt" in page) is shown, role


def test_it_records_from_one_period_not_met_on_the_entry_page(client, people, agency, department):
    """ISO 9001 10.2 asks for a cause and an action for a period missed too, not only the year:
    the row the head confirms links to the record form, pointing at that period's result."""
    objective = add_objective(publish_set(agency, department=department))
    target = objective.targets.get()
    missed = put(target, "2024-Q1", value=90, user=people["iso_officer"])
    entry_url = reverse("monitoring:department_entry", args=[agency.pk, department.pk, "2024-Q1"])
    client.force_login(people["iso_officer"])
    page = client.get(entry_url).content.decode()
    found = re.search(r'href="([^"]+)"[^>]*data-testid="period-corrective-link"', page)
    href = html.unescape(found[1])
    assert f"source=monitoring.result:{missed.pk}" in href

    form_page = client.get(href)
    assert "Quý I/2024: 90%" in form_page.context["form"].initial["nonconformity"]
    data = {
        **{k: v for k, v in form_page.context["form"].initial.items() if v is not None},
        "source": f"monitoring.result:{missed.pk}",
        "cause": "Thiếu người tiếp nhận hồ sơ trong tháng 2.",
        "action": "Bố trí người làm thay, nhắc hạn tự động.",
        "owner_person": people["department_head"].pk,
        "due_date": "2024-06-30",
    }
    response = client.post(href.split("?")[0], data)
    assert response.status_code == 302, form_page.context["form"].errors
    action = CorrectiveAction.objects.get()
    assert (action.source_type, action.source_id) == (
        ContentType.objects.get_for_model(missed),
        missed.pk,
    )

    reached = put(target, "2024-Q2", value=99, user=people["iso_officer"])
    q2 = reverse("monitoring:department_entry", args=[agency.pk, department.pk, "2024-Q2"])
    assert "period-corrective-link" not in client.get(q2).content.decode()
    assert reached.pk != missed.pk
