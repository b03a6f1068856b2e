"""The oversight table's cached rows (oversight/table_cache.py): a warm request reads no table
data; every write that changes what the table shows — a summary through the real write path
(an internal audit recorded, a set published), a deadline, the scope, an agency's governing
body or name, its conformity announcement — shows on the next request; a copy stored by another
request during the write's transaction is retired when it commits; filters and sorts are
applied to the cached rows; the language and the day are part of the key."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.onboarding import governing_body_change
from audits.models import InternalAudit
from audits.services import record_create
from documents.models import Status
from oversight.models import Deadline, DeadlineKind
from oversight.table_cache import current, year_key
from tests.factories import AgencyFactory, ObjectiveSetFactory
from tests.factories_oversight import OversightScopeFactory

YEAR = 2024


def _get(client, body, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("oversight:table", args=[body.pk, YEAR]), query)
    assert response.status_code == 200
    return response, len(queries)


@pytest.fixture
def warm(client, overseers, body, agency):
    """The inspector's table of 2024, cached; returns the number of queries of a hit."""
    client.force_login(overseers["inspector"])
    _get(client, body)  # the session, and the rows stored
    _response, hit = _get(client, body)
    _response, again = _get(client, body)
    assert hit == again
    return hit


def _row(response, agency):
    [row] = [r for r in response.context["rows"] if r.agency_id == agency.pk]
    return row


def test_a_hit_reads_no_table_data(client, body, warm):
    response, queries = _get(client, body)
    # The session, the user, the body, the user's memberships (agencies, oversight bodies)
    # and unread notifications: what every page of the body reads.
    assert queries == warm <= 6
    sqls = " ".join(q["sql"] for q in connection.queries[-queries:])
    for table in ("oversight_agencyyearsummary", "agencies_oversightscope", "oversight_deadline"):
        assert table not in sqls


def test_an_internal_audit_recorded_shows_on_the_next_request(
    client, body, agency, people, warm, django_capture_on_commit_callbacks
):
    before, _queries = _get(client, body)
    assert "20/11/2024" not in _row(before, agency).html
    with django_capture_on_commit_callbacks(execute=True):
        record_create(
            model=InternalAudit,
            agency=agency,
            actor=people["iso_officer"],
            data={
                "held_on": datetime.date(YEAR, 11, 20),
                "scope": "Bộ phận một cửa",
                "findings_count": 2,
                "nonconformities_count": 0,
            },
        )
    after, queries = _get(client, body)
    assert queries > warm  # recomputed
    assert "20/11/2024" in _row(after, agency).html
    assert _get(client, body)[1] == warm  # and cached again


def test_a_set_published_changes_the_status_and_the_status_filter(
    client, body, agency, warm, django_capture_on_commit_callbacks
):
    assert _row(_get(client, body)[0], agency).status == "none"
    with django_capture_on_commit_callbacks(execute=True):
        ObjectiveSetFactory(agency=agency, year=YEAR, status=Status.PUBLISHED, with_objectives=1)
    published, _queries = _get(client, body, status="published")
    assert [r.agency_id for r in published.context["rows"]] == [agency.pk]
    assert _get(client, body, status="none")[0].context["rows"] == []


def test_a_copy_stored_before_the_write_commits_is_retired_by_the_commit(
    client, body, agency, warm, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        InternalAudit.objects.create(agency=agency, held_on=datetime.date(YEAR, 5, 5), scope="x")
        before = current([year_key(body.pk, YEAR)])
        # Another request stores a copy now: here, under the version raised at once.
        _get(client, body)
        assert _get(client, body)[1] == warm
    assert callbacks  # the raise that runs on commit
    for callback in callbacks:
        callback()
    assert current([year_key(body.pk, YEAR)]) != before
    assert _get(client, body)[1] > warm


def test_a_deadline_shows_and_makes_the_agency_late(client, body, agency, warm):
    assert _get(client, body, late="on")[0].context["rows"] == []
    Deadline.objects.create(
        body=body,
        year=YEAR,
        kind=DeadlineKind.OBJECTIVES_PUBLISHED,
        due_on=datetime.date(YEAR, 1, 31),
    )
    response, _queries = _get(client, body, late="on")
    assert [r.agency_id for r in response.context["rows"]] == [agency.pk]
    assert response.context["deadline_count"] == 1


def test_the_scope_and_the_governing_body_show(client, body, agency, warm):
    newcomer = AgencyFactory(name="Ban Quản lý các khu công nghiệp")
    OversightScopeFactory(body=body, agency=newcomer)
    response, _queries = _get(client, body)
    assert newcomer.name in [r.name for r in response.context["rows"]]

    governing_body_change(agency=agency, name="UBND TỈNH ĐỒNG NAI", on=datetime.date(YEAR, 3, 1))
    response, _queries = _get(client, body)
    assert _row(response, agency).governing_body == "UBND TỈNH ĐỒNG NAI"

    agency.name = "Sở Tư pháp tỉnh Đồng Nai (tên mới)"
    agency.save(update_fields=["name"])
    response, _queries = _get(client, body)
    assert _row(response, agency).name == agency.name


def test_a_seal_saved_leaves_the_copy(client, body, agency, warm):
    agency.save(update_fields=["head_title"])
    assert _get(client, body)[1] == warm


def test_filters_and_sorts_share_one_copy(client, body, agency, warm):
    other = AgencyFactory(name="Ánh Dương", governing_body="UBND HUYỆN A")
    OversightScopeFactory(body=body, agency=other)
    _get(client, body)  # stored again
    by_name, queries = _get(client, body, sort="agency", desc="on")
    assert queries == warm
    names = [r.name for r in by_name.context["rows"]]
    assert names == sorted(names, key=str.casefold, reverse=True)
    governed, queries = _get(client, body, governing_body="UBND HUYỆN A")
    assert [r.agency_id for r in governed.context["rows"]] == [other.pk]
    assert queries == warm
    assert governed.content.decode().count('data-testid="agency-row"') == 1


def test_the_language_and_the_day_are_in_the_key(client, body, agency, warm, monkeypatch):
    client.cookies.load({"django_language": "en"})
    english, queries = _get(client, body)
    assert queries > warm  # computed for English, never the Vietnamese copy
    assert "Chưa lập" not in _row(english, agency).html
    client.cookies.load({"django_language": "vi"})
    vietnamese, queries = _get(client, body)
    assert queries == warm
    assert "Chưa lập" in _row(vietnamese, agency).html

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    assert _get(client, body)[1] > warm
