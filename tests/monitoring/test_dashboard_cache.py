"""The cached dashboard: computed once per agency version, filters, day, language and rights;
every write it shows retires it at once; a reader never sees another reader's rights."""

from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse

from documents.models import Status
from monitoring import dashboard_cache
from monitoring.dashboard_cache import dashboard_version
from monitoring.models import Result
from monitoring.services import objective_plan_save, result_record
from tests.factories import MembershipFactory, ObjectiveSetFactory, UserFactory
from tests.monitoring.conftest import TODAY, add_objective, publish_set, put

RECORD_LINK = "Nhập kết quả"


def url(agency, year=2024, **params):
    path = reverse("monitoring:dashboard", args=[agency.pk, year])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.fixture
def monitored(agency, department, other_department, people, today):
    agency_set = publish_set(agency)
    ours = add_objective(
        agency_set, content="Tỷ lệ hồ sơ giải quyết đúng hạn đạt ít nhất 96%.", lead_unit=department
    )
    put(ours.targets.get(), "2024-Q1", numerator=960, denominator=1000, user=people["iso_officer"])
    add_objective(
        agency_set, content="Không có khiếu nại về thủ tục hành chính.", lead_unit=other_department
    )
    return agency_set


@pytest.fixture
def computed(monkeypatch):
    """How many times the dashboard's data was computed (not read from the cache)."""
    calls = []
    real = dashboard_cache.dashboard

    def counting(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(dashboard_cache, "dashboard", counting)
    return calls


def page(client, user, path) -> str:
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def content(html: str) -> str:
    """The part of the page that is cached (the rest is the reader's own: menu, name, token)."""
    return html[html.index("<main") : html.index("</main>")]


def test_readers_with_the_same_rights_share_one_computation(
    client, people, agency, monitored, computed
):
    first = page(client, people["staff"], url(agency))
    assert len(computed) == 1
    assert content(page(client, people["head"], url(agency))) == content(first)
    assert content(page(client, people["staff"], url(agency))) == content(first)
    assert len(computed) == 1
    page(client, people["iso_officer"], url(agency))  # may record: a page of its own
    assert len(computed) == 2
    page(client, people["iso_officer"], url(agency))
    assert len(computed) == 2


def test_a_cached_page_costs_a_handful_of_queries(
    client, people, agency, monitored, django_assert_max_num_queries
):
    page(client, people["staff"], url(agency))
    # session, user, memberships, version (the filter form's departments only on a miss),
    # the notification bell's unread count in the menu (one query) and the open corrective
    # actions the reader may see, outside the cached body (one query)
    with django_assert_max_num_queries(6):
        client.get(url(agency))


def test_rights_are_never_taken_from_another_readers_page(
    client, people, agency, department, monitored
):
    officer = page(client, people["iso_officer"], url(agency))
    assert officer.count(RECORD_LINK) == 2
    assert RECORD_LINK not in page(client, people["staff"], url(agency))
    # the department head records for their own department's objective only
    assert page(client, people["department_head"], url(agency)).count(RECORD_LINK) == 1
    # a staff member named reporter of the other objective records that one
    objective = monitored.objectives.get(lead_unit__name="Phòng Kiểm soát TTHC")
    objective_plan_save(
        objective=objective,
        actor=people["iso_officer"],
        frequency="quarterly",
        roll_up="ratio_of_sums",
        department=objective.lead_unit,
        reporter=people["staff"],
    )
    assert page(client, people["staff"], url(agency)).count(RECORD_LINK) == 1
    assert page(client, people["head"], url(agency)).count(RECORD_LINK) == 0


def test_the_cached_part_holds_nothing_of_the_session(client, people, agency, monitored):
    html = page(client, people["iso_officer"], url(agency))
    assert "csrfmiddlewaretoken" not in content(html)
    staff = page(client, people["staff"], url(agency))
    assert "Staff" in staff  # the reader's own name in the menu, not the officer's
    assert "Iso Officer" not in staff


def _record(people, agency, department, monitored):
    target = monitored.objectives.get(lead_unit=department).targets.get()
    result_record(
        target=target,
        period_key="2024-Q2",
        actor=people["iso_officer"],
        numerator=880,
        denominator=1000,
        today=TODAY,
    )
    return "88%"


def _plan(people, agency, department, monitored):
    objective = monitored.objectives.get(lead_unit=department)
    objective_plan_save(
        objective=objective,
        actor=people["iso_officer"],
        frequency="quarterly",
        roll_up="ratio_of_sums",
        department=department,
        reporter=people["records_officer"],
    )
    return "Records Officer"


def _department_renamed(people, agency, department, monitored):
    department.name = "Phòng Tổ chức - Nội vụ"
    department.save()
    return "Phòng Tổ chức - Nội vụ"


def _agency_renamed(people, agency, department, monitored):
    agency.name = "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh"
    agency.save()
    return "Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh"


def _reporter_renamed(people, agency, department, monitored):
    _plan(people, agency, department, monitored)
    reporter = people["records_officer"]
    reporter.first_name, reporter.last_name = "Lê Thị", "Hoa"
    reporter.save()
    return "Lê Thị Hoa"


def _department_set_published(people, agency, department, monitored):
    department_set = ObjectiveSetFactory(
        agency=agency, department=department, year=2024, status=Status.PUBLISHED
    )
    add_objective(department_set, content="Số hóa 100% hồ sơ lưu trữ của phòng.")
    return "Số hóa 100% hồ sơ lưu trữ của phòng."


def _result_deleted(people, agency, department, monitored):
    Result.objects.filter(target__objective__lead_unit=department).delete()
    return "2 · Chưa có số liệu"


@pytest.mark.parametrize(
    "write",
    [
        _record,
        _plan,
        _department_renamed,
        _agency_renamed,
        _reporter_renamed,
        _department_set_published,
        _result_deleted,
    ],
)
def test_every_write_the_page_shows_retires_the_cached_page(
    client, people, agency, department, monitored, write
):
    before = page(client, people["staff"], url(agency))
    version = dashboard_version(agency.pk)
    shown = write(people, agency, department, monitored)
    assert shown not in before
    assert dashboard_version(agency.pk) != version
    after = page(client, people["staff"], url(agency))
    assert shown in after
    dashboard_cache.cache.clear()
    assert content(page(client, people["staff"], url(agency))) == content(after)


def test_another_agencys_writes_leave_the_page_cached(
    client, people, agency, outsider_agency, monitored, computed
):
    page(client, people["staff"], url(agency))
    theirs = publish_set(outsider_agency)
    add_objective(theirs, content="Mục tiêu của cơ quan khác.")
    page(client, people["staff"], url(agency))
    assert len(computed) == 1


def test_a_login_retires_nothing(client, people, agency, monitored):
    user = UserFactory(username="nguoi-moi")
    user.set_password("mat-khau-dai-du-12")
    user.save()
    MembershipFactory(user=user, agency=agency, is_staff_member=True)
    version = dashboard_version(agency.pk)
    assert client.login(username="nguoi-moi", password="mat-khau-dai-du-12")
    user.refresh_from_db()
    assert user.last_login is not None
    assert dashboard_version(agency.pk) == version


def test_a_write_rolled_back_leaves_the_version_as_it_was(people, agency, department, monitored):
    version = dashboard_version(agency.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        _department_renamed(people, agency, department, monitored)
        assert dashboard_version(agency.pk) != version  # raised inside the transaction
        raise RuntimeError
    assert dashboard_version(agency.pk) == version


def _english(client, monkeypatch):
    client.cookies.load({"django_language": "en"})


def _next_year(client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2025, 1, 10))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_english, "On track"),
        (_next_year, "/2024-Q4/"),  # "Nhập kết quả" leads to the last period that has ended
    ],
    ids=["language", "day"],
)
def test_the_language_and_the_day_are_part_of_the_key(
    client, people, agency, monitored, computed, monkeypatch, change, expected
):
    assert expected not in page(client, people["iso_officer"], url(agency))
    change(client, monkeypatch)
    assert expected in page(client, people["iso_officer"], url(agency))
    assert len(computed) == 2


def test_filters_are_part_of_the_key(client, people, agency, department, monitored, computed):
    everything = page(client, people["staff"], url(agency))
    theirs = page(client, people["staff"], url(agency, department=department.pk))
    assert "Không có khiếu nại" in everything
    assert "Không có khiếu nại" not in theirs
    assert len(computed) == 2
