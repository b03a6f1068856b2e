"""Search ignores case and Vietnamese diacritics, stays in sync with every save, and only
returns sets the user may read."""

import pytest

from documents.models import Status
from objectives.models import Objective, SearchEntry
from objectives.search import search_index_all, search_sets
from objectives.selectors import sets_visible_to
from objectives.selectors_reading import reading_search
from qms_objectives.text import fold_for_search
from tests.factories import ObjectiveFactory, ObjectiveSetFactory, TargetFactory
from tests.objectives.reading_data import published_set


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ĐỒNG NAI", "dong nai"),
        ("hồ sơ", "ho so"),
        ("Tỷ lệ  HỒ SƠ\nquá hạn", "ty le ho so qua han"),
        ("Ưu tiên ở Đắk Lắk", "uu tien o dak lak"),
        ("", ""),
    ],
)
def test_it_normalises_case_diacritics_and_spaces(text, expected):
    assert fold_for_search(text) == expected


def test_it_finds_without_diacritics(agency, people):
    objective_set = published_set(agency)

    assert [s.pk for s in reading_search(people["staff"], "dong nai")] == [objective_set.pk]
    assert [s.pk for s in reading_search(people["staff"], "HO SO dung han")] == [objective_set.pk]
    assert [s.pk for s in reading_search(people["staff"], "Hồ Sơ")] == [objective_set.pk]
    assert reading_search(people["staff"], "ho so qua han") == []


def test_it_lists_the_objectives_that_matched(agency, people):
    published_set(agency)

    [result] = reading_search(people["staff"], "danh gia noi bo")

    assert [o.content for o in result.matches] == ["Tổ chức đánh giá nội bộ ít nhất 01 lần/năm."]


def test_it_finds_a_set_by_its_title_and_department(agency, department, people):
    objective_set = published_set(agency, department=department)

    assert [s.pk for s in reading_search(people["staff"], "hanh chinh to chuc")] == [
        objective_set.pk
    ]


def test_it_never_returns_sets_the_user_may_not_read(agency, outsider_agency, people):
    published_set(agency)
    ObjectiveFactory(
        objective_set=ObjectiveSetFactory(agency=agency, year=2026), content="Hồ sơ dự thảo"
    )

    assert reading_search(people["outsider"], "ho so") == []
    # The draft is hidden from staff and out of the reading scope for the ISO officer too.
    assert len(reading_search(people["staff"], "ho so")) == 1
    assert len(reading_search(people["iso_officer"], "ho so")) == 1
    visible = search_sets(sets_visible_to(people["iso_officer"]), "ho so du thao")
    assert visible.count() == 1


def test_it_keeps_the_index_in_sync_on_edit_and_delete(agency):
    objective_set = ObjectiveSetFactory(agency=agency)
    objective = ObjectiveFactory(objective_set=objective_set, content="Giảm hồ sơ trễ hạn")
    target = TargetFactory(objective=objective, wording="bằng không")

    assert "bang khong" in SearchEntry.objects.get(objective=objective).text

    objective.content = "Không còn thư khiếu nại"
    objective.save()
    target.delete()
    entry = SearchEntry.objects.get(objective=objective)
    assert entry.text == "khong con thu khieu nai"

    objective_id = objective.pk
    objective.delete()
    assert not SearchEntry.objects.filter(objective_id=objective_id).exists()
    assert SearchEntry.objects.filter(objective_set=objective_set, objective=None).count() == 1


def test_it_indexes_bulk_created_objectives_when_the_set_is_saved(agency):
    objective_set = ObjectiveSetFactory(agency=agency)
    Objective.objects.bulk_create([Objective(objective_set=objective_set, content="Số hóa hồ sơ")])

    objective_set.status = Status.SUBMITTED
    objective_set.save(update_fields=["status"])

    assert search_sets(type(objective_set).objects.all(), "so hoa").count() == 1


def test_it_rebuilds_the_whole_index(agency):
    objective_set = published_set(agency)
    SearchEntry.objects.all().delete()

    assert search_index_all() == 1
    assert SearchEntry.objects.filter(objective_set=objective_set).count() == 3


def test_it_treats_like_wildcards_as_text(agency, people):
    published_set(agency)

    # "96%" is in the text; "9_" and "9%6" would match it only as wildcards.
    assert len(reading_search(people["staff"], "96%")) == 1
    assert reading_search(people["staff"], "9_") == []
    assert reading_search(people["staff"], "9%6") == []


def test_the_reindex_command_rebuilds_the_index(agency):
    from django.core.management import call_command

    published_set(agency)
    SearchEntry.objects.all().delete()

    call_command("search_reindex")

    assert SearchEntry.objects.count() == 3


def test_the_reindex_task_rebuilds_the_index_and_can_run_again(agency):
    from objectives.tasks import search_reindex

    published_set(agency)
    SearchEntry.objects.all().delete()

    assert search_reindex.delay().get() == search_reindex.delay().get()
    assert SearchEntry.objects.count() == 3
