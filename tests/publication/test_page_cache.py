"""The whole-page cache of the public pages (publication/page_cache.py, versions.py,
receivers.py): a hit renders nothing and reads neither the database nor the session; every
write retires exactly the pages that show it."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse

from documents.models import Status
from monitoring.models import PeriodConfirmation, Result
from publication import page_cache
from tests.factories import UserFactory
from tests.publication.conftest import THIS_YEAR, published_set

pytestmark = pytest.mark.django_db


def _state(client, url) -> str:
    response = client.get(url)
    assert response.status_code in (200, 301), (url, response.status_code)
    return response.get("X-Public-Cache") or str(response.status_code)


def _pages(province) -> dict[str, str]:
    other = reverse("publication:agency", args=[province.body.slug, province.other_agency.slug])
    return {
        "agency": province.url(),
        "this year": province.url("year", year=THIS_YEAR),
        "2023": province.url("year", year=2023),
        "province": province.url("province"),
        "other agency": other,
        "provinces": reverse("publication:province_list"),
        "sitemap": reverse("publication:sitemap"),
    }


def test_a_hit_renders_nothing_and_reads_no_database_and_no_session(
    client, province, django_assert_num_queries
):
    client.force_login(UserFactory())  # a signed-in visitor: their session is not even read
    url = province.url()
    assert client.get(url)["X-Public-Cache"] == "miss"

    with (
        mock.patch("publication.page_cache.render_to_string", side_effect=AssertionError),
        mock.patch("django.contrib.sessions.backends.db.SessionStore.load") as load,
        django_assert_num_queries(0),
    ):
        response = client.get(url)

    assert response.status_code == 200 and response["X-Public-Cache"] == "hit"
    assert not load.called
    assert not response.cookies and not response.has_header("Set-Cookie")
    assert "cookie" not in response.get("Vary", "").lower()
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert response["Content-Security-Policy"] and response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_the_page_holds_no_csrf_token_user_menu_or_message(client, province, signed_in):
    if signed_in:
        client.force_login(UserFactory(username="nguyen.van.a"))
    for url in _pages(province).values():
        response = client.get(url)
        text = response.content.decode()
        assert "csrfmiddlewaretoken" not in text and "nguyen.van.a" not in text
        assert 'data-testid="user-menu"' not in text and 'id="messages"' not in text
        assert "csrftoken" not in response.cookies and "sessionid" not in response.cookies
        assert "cookie" not in response.get("Vary", "").lower()


def test_the_language_is_in_the_key(client, province):
    url = province.url()
    assert client.get(url)["X-Public-Cache"] == "miss"
    english = client.get(url + "?lang=en")
    assert english["X-Public-Cache"] == "miss"

    again = client.get(url + "?lang=en")
    vietnamese = client.get(url)

    assert again["X-Public-Cache"] == "hit" and vietnamese["X-Public-Cache"] == "hit"
    assert '<html lang="en">' in again.content.decode() and again["Content-Language"] == "en"
    assert '<html lang="vi">' in vietnamese.content.decode()


def test_the_browser_language_neither_chooses_the_page_nor_is_in_vary(client, province):
    """The address chooses the language, so a shared cache may keep one copy per address: a
    browser asking for English still gets the Vietnamese page, and Vary does not name
    Accept-Language (LocaleMiddleware adds it to every answer)."""
    url = province.url()
    for attempt in ("miss", "hit"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert response["X-Public-Cache"] == attempt
        assert '<html lang="vi">' in response.content.decode()
        assert response["Content-Language"] == "vi"
        assert "accept-language" not in response.get("Vary", "").lower()


def test_another_query_or_a_404_is_never_kept(client, province):
    assert "X-Public-Cache" not in client.get(province.url() + "?utm_source=x")
    assert client.get(province.url() + "?utm_source=x").status_code == 200
    for _ in range(2):
        response = client.get(province.url("year", year=2011))
        assert response.status_code == 404 and "X-Public-Cache" not in response


def test_a_hit_answers_if_none_match_with_304(client, province):
    url = province.url()
    etag = client.get(url)["ETag"]

    response = client.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304 and response["X-Public-Cache"] == "hit"


def test_a_hit_is_one_cache_read_once_the_process_knows_the_page(
    client, province, django_capture_on_commit_callbacks
):
    """The page and its versions in one get_many; a second read only the first time this
    process serves the address from the cache (another server stored it), and a raised
    version still retires the page."""
    url = province.url()
    assert client.get(url)["X-Public-Cache"] == "miss"
    page_cache._NAMES_SEEN.clear()  # as on a server that did not store the page
    real_get_many = cache.get_many

    def served_with_reads():
        with mock.patch.object(cache, "get_many", side_effect=real_get_many) as get_many:
            response = client.get(url)
        return response, get_many.call_count

    first, first_reads = served_with_reads()
    second, second_reads = served_with_reads()
    with django_capture_on_commit_callbacks(execute=True):
        _policy(province)
    retired = client.get(url)

    assert (first["X-Public-Cache"], first_reads) == ("hit", 2)
    assert (second["X-Public-Cache"], second_reads) == ("hit", 1)
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert retired["X-Public-Cache"] == "miss" and "Chính sách mới." in retired.content.decode()


def test_head_is_served_from_the_cache_like_get(client, province):
    url = province.url()
    get = client.get(url)
    head = client.head(url)

    assert head.status_code == 200 and head["X-Public-Cache"] == "hit" and head.content == b""
    assert head["ETag"] == get["ETag"] and head["Content-Type"] == get["Content-Type"]


def _publish_other(province):
    published_set(province.other_agency, THIS_YEAR, number=5)


def _supersede(province):
    province.in_force.status = Status.SUPERSEDED
    province.in_force.save(update_fields=["status"])


def _policy(province):
    province.agency.quality_policy = "Chính sách mới."
    province.agency.save()


def _slug(province):
    province.agency.slug = "vp-ubnd-tinh"
    province.agency.save()


def _results_on(province):
    province.agency.publishes_results = True
    province.agency.save()


def _confirm(province):
    confirmed_by = UserFactory()
    target = province.in_force.objectives.first().targets.get()
    q1 = (datetime.date(THIS_YEAR, 1, 1), datetime.date(THIS_YEAR, 3, 31))
    Result.objects.create(
        target=target,
        period_key=f"{THIS_YEAR}-Q1",
        period_start=q1[0],
        period_end=q1[1],
        value=Decimal(97),
        recorded_by=confirmed_by,
    )
    PeriodConfirmation.objects.create(
        agency=province.agency,
        period_key=f"{THIS_YEAR}-Q1",
        period_start=q1[0],
        period_end=q1[1],
        confirmed_by=confirmed_by,
    )


def _head_title(province):
    province.agency.head_title = "Chánh Văn phòng UBND tỉnh"  # in a decision's authority line
    province.agency.save()


def _unrelated(province):
    province.agency.reminder_head_after_days = 9  # not on any public page
    province.agency.save()


EVERYTHING = {"agency", "this year", "2023", "province", "other agency", "provinces", "sitemap"}
EVENTS = [
    ("publication", _publish_other, {"other agency", "province", "sitemap"}),
    ("supersession", _supersede, {"agency", "this year", "province", "sitemap"}),
    ("policy", _policy, {"agency", "this year", "2023"}),
    ("slug", _slug, {"agency", "this year", "2023", "province", "sitemap"}),
    ("results setting", _results_on, {"agency", "this year", "2023"}),
    ("results confirmed (published)", lambda p: (_results_on(p), _confirm(p)), None),
    ("the head's title", _head_title, {"agency", "this year", "2023"}),
    ("an unrelated setting", _unrelated, set()),
]


@pytest.mark.parametrize(("name", "write", "retired"), EVENTS, ids=[e[0] for e in EVENTS])
def test_a_write_retires_exactly_the_pages_that_show_it(
    client, province, django_capture_on_commit_callbacks, name, write, retired
):
    pages = _pages(province)
    if retired is None:  # the setting first, then only the year's page for the result
        with django_capture_on_commit_callbacks(execute=True):
            _results_on(province)
        write, retired = _confirm, {"this year"}
    for url in pages.values():
        _state(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        write(province)

    states = {label: _state(client, url) for label, url in pages.items()}
    assert {label for label, state in states.items() if state != "hit"} == retired, states
    assert {label for label in EVERYTHING - retired if states[label] != "hit"} == set()


def test_an_old_slug_stops_being_served_from_the_cache_and_redirects(
    client, province, django_capture_on_commit_callbacks
):
    old = province.url()
    assert client.get(old).status_code == 200
    assert client.get(old)["X-Public-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        _slug(province)

    response = client.get(old)
    assert response.status_code == 301 and response["Location"].endswith("/vp-ubnd-tinh/")


def test_a_stale_session_cookie_does_not_keep_the_page_out_of_the_cache(client, province):
    """The session middleware deletes an empty or unknown session cookie on the way out: that
    answer's cookie is not the page's, which is kept all the same and replayed without it."""
    client.cookies["sessionid"] = "stale"
    url = province.url()

    assert client.get(url)["X-Public-Cache"] == "miss"
    response = client.get(url)

    assert response["X-Public-Cache"] == "hit" and not response.cookies
