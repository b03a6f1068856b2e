import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitoring.models import Correction, Evidence, PeriodConfirmation, Result
from tests.files_support import small_pdf
from tests.hostile_files import png
from tests.monitoring.conftest import add_objective, publish_set


@pytest.fixture
def department_target(agency, department, today):
    objective = add_objective(
        publish_set(agency, department=department),
        content="Tỷ lệ văn bản ban hành đúng thể thức đạt 100%.",
        targets=[{"comparison": "at_least", "value": 100, "wording": "100%"}],
    )
    return objective.targets.get()


def entry_url(agency, department, key="2024-Q2"):
    return reverse("monitoring:department_entry", args=[agency.pk, department.pk, key])


def confirm_url(agency, department, key="2024-Q2"):
    return reverse("monitoring:department_confirm", args=[agency.pk, department.pk, key])


def post_value(client, agency, department, target, **fields):
    prefix = f"t{target.pk}"
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    return client.post(entry_url(agency, department), data)


@pytest.mark.parametrize(
    ("role", "status", "has_form"),
    [
        ("iso_officer", 200, True),
        ("department_head", 200, True),
        ("head", 200, False),
        ("staff", 200, False),
        ("outsider", 404, False),
    ],
)
def test_who_opens_a_units_report(
    client, people, agency, department, department_target, role, status, has_form
):
    client.force_login(people[role])
    response = client.get(entry_url(agency, department))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Quý II/2024" in html and "100%" in html
        assert (f'name="t{department_target.pk}-value"' in html) is has_form
        assert "style=" not in html


def test_anonymous_visitors_log_in_first(client, agency, department, department_target):
    response = client.get(entry_url(agency, department))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_department_head_records_a_rate_with_evidence(
    client, people, agency, department, department_target
):
    client.force_login(people["department_head"])
    response = post_value(
        client,
        agency,
        department,
        department_target,
        numerator="118",
        denominator="120",
        note="Hai văn bản sai thể thức đã được thu hồi.",
        evidence=SimpleUploadedFile("so-van-ban.pdf", small_pdf()),
    )
    assert response.status_code == 302
    result = Result.objects.get()
    assert result.value == Decimal("98.33") and result.period_key == "2024-Q2"
    assert result.recorded_by == people["department_head"]
    assert Evidence.objects.get().result == result
    html = client.get(entry_url(agency, department)).content.decode()
    assert "98,33%" in html and "so-van-ban.pdf" in html


def test_a_bad_file_changes_nothing(client, people, agency, department, department_target):
    client.force_login(people["department_head"])
    response = post_value(
        client,
        agency,
        department,
        department_target,
        value="99",
        evidence=SimpleUploadedFile("virus.pdf", b"MZ\x90\x00"),
    )
    assert response.status_code == 400
    assert "Chỉ nhận tệp PDF" in response.content.decode()
    assert not Result.objects.exists() and not Evidence.objects.exists()


def test_staff_may_not_post_results(client, people, agency, department, department_target):
    client.force_login(people["staff"])
    response = post_value(client, agency, department, department_target, value="99")
    assert response.status_code == 403
    assert not Result.objects.exists()


def test_the_head_of_the_unit_confirms_and_corrections_need_a_reason(
    client, people, agency, department, department_target
):
    client.force_login(people["department_head"])
    post_value(client, agency, department, department_target, value="99")
    assert 'data-testid="confirm"' in client.get(entry_url(agency, department)).content.decode()

    client.force_login(people["staff"])
    assert client.post(confirm_url(agency, department)).status_code == 403
    client.force_login(people["department_head"])
    response = client.post(confirm_url(agency, department))
    assert response.status_code == 302
    assert PeriodConfirmation.objects.get().confirmed_by == people["department_head"]

    response = post_value(client, agency, department, department_target, value="100")
    assert response.status_code == 400
    assert "phải nêu lý do" in response.content.decode()
    assert Result.objects.get().value == Decimal(99)

    response = client.post(
        entry_url(agency, department),
        {f"t{department_target.pk}-value": "100", "reason": "Bổ sung văn bản cuối quý."},
    )
    assert response.status_code == 302
    assert Result.objects.get().value == Decimal(100)
    correction = Correction.objects.get()
    assert correction.reason == "Bổ sung văn bản cuối quý."
    assert "Bổ sung văn bản cuối quý." in client.get(entry_url(agency, department)).content.decode()


def test_confirm_is_post_only(client, people, agency, department, department_target):
    client.force_login(people["department_head"])
    assert client.get(confirm_url(agency, department)).status_code == 405


def test_an_unknown_period_is_not_found(client, people, agency, department, department_target):
    client.force_login(people["iso_officer"])
    assert client.get(entry_url(agency, department, "2024-Q9")).status_code == 404


def test_a_continuous_objective_takes_dated_entries(client, people, agency, today):
    target = add_objective(publish_set(agency), frequencies=("continuous",)).targets.get()
    client.force_login(people["iso_officer"])
    page = reverse("monitoring:agency_entry", args=[agency.pk, "2024-07-01"])
    chosen = client.get(page, {"day": "2024-07-03"})
    assert chosen.status_code == 302 and chosen["Location"].endswith("/2024-07-03/")
    client.post(chosen["Location"], {f"t{target.pk}-value": "97"})
    assert Result.objects.get().period_key == "2024-07-03"


def test_evidence_is_served_to_members_only(client, people, agency, department, department_target):
    client.force_login(people["department_head"])
    image = png()  # a whole PNG: evidence is proven by decoding it, not by its first bytes
    response = post_value(
        client,
        agency,
        department,
        department_target,
        value="100",
        evidence=SimpleUploadedFile("bien-ban.png", image),
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    url = reverse("monitoring:evidence", args=[evidence.pk])
    client.force_login(people["staff"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == image
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404


def test_figures_are_read_with_vietnamese_grouping(
    client, people, agency, department, department_target
):
    """ "1.000" is one thousand, not 1: a denominator of 1 would make 96,000 %."""
    client.force_login(people["department_head"])
    response = post_value(
        client, agency, department, department_target, numerator="960", denominator="1.000"
    )
    assert response.status_code == 302
    result = Result.objects.get()
    assert (result.numerator, result.denominator, result.value) == (960, 1000, 96)


def _flat(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_correction_reads_as_entered(client, people, agency, department, department_target):
    """The history said "(96.0000 → 97.00)" (issue 19, finding 8)."""
    client.force_login(people["department_head"])
    post_value(client, agency, department, department_target, numerator="960", denominator="1.000")
    client.post(confirm_url(agency, department))
    client.post(
        entry_url(agency, department),
        {
            f"t{department_target.pk}-numerator": "970",
            f"t{department_target.pk}-denominator": "1.000",
            "reason": "Bổ sung hồ sơ cuối quý.",
        },
    )
    html = client.get(entry_url(agency, department)).content.decode()
    assert "(960/1.000 → 970/1.000)" in html
    assert "96.0000" not in html and "97.00" not in html


def test_saved_figures_read_back_grouped(client, people, agency, department, department_target):
    client.force_login(people["department_head"])
    post_value(client, agency, department, department_target, numerator="960", denominator="1.000")
    html = client.get(entry_url(agency, department)).content.decode()
    assert f'name="t{department_target.pk}-denominator" value="1.000"' in html


def test_each_row_shows_the_result_against_the_target_with_its_verdict(
    client, people, agency, department, department_target
):
    """The head confirmed rows with the target in bold and the result small and grey, with no
    verdict (issue 19, finding 9)."""
    client.force_login(people["department_head"])
    post_value(client, agency, department, department_target, numerator="118", denominator="120")
    html = client.get(entry_url(agency, department)).content.decode()
    row = _flat(html.split('data-testid="entry-result">', 1)[1].split("</span></span>", 1)[0])
    assert row.startswith("Kết quả: 98,33% (118/120) Không đạt")
    assert "Chỉ tiêu: 100%" in _flat(html)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("head", 302), ("deputy", 302), ("iso_officer", 403), ("staff", 403), ("outsider", 404)],
)
def test_a_department_without_a_head_is_confirmed_one_step_up(
    client, people, agency, other_department, role, expected
):
    """ "Chờ xác nhận" stayed for ever where the department had no head's account (issue 19,
    finding 2): the agency's head or deputy confirms instead; nobody else does."""
    objective = add_objective(publish_set(agency, department=other_department))
    target = objective.targets.get()
    client.force_login(people["iso_officer"])
    url = reverse("monitoring:department_entry", args=[agency.pk, other_department.pk, "2024-Q2"])
    client.post(url, {f"t{target.pk}-value": "97"})
    assert Result.objects.filter(target=target).exists()

    client.force_login(people[role])
    response = client.post(confirm_url(agency, other_department))

    assert response.status_code == expected
    assert PeriodConfirmation.objects.filter(department=other_department).exists() is (
        expected == 302
    )


def test_a_department_with_a_head_is_confirmed_by_that_head_only(
    client, people, agency, department, department_target
):
    client.force_login(people["department_head"])
    post_value(client, agency, department, department_target, value="99")
    client.force_login(people["head"])
    assert client.post(confirm_url(agency, department)).status_code == 403
    assert not PeriodConfirmation.objects.exists()
