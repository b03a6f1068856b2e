"""The error pages as production serves them: DEBUG off, static files collected into STATIC_ROOT
by the manifest storage production uses, HTTPS requests. 400, 403, 404, 500 and the CSRF failure
page are ours (templates/4xx.html, 500.html, 403_csrf.html): Vietnamese, English when the user
chose it, with the way home. Another agency's objects and what a user may not even see are 404;
what their role may not do is 403 "không có quyền", whether the view or the service refuses."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from django.urls import reverse
from django.views.defaults import server_error

from documents.models import Status
from qms_objectives.errors import WorkflowError
from qms_objectives.responses import refused

# Production's storage (settings.py) is whitenoise's CompressedManifestStaticFilesStorage: this
# manifest storage without the gzip and brotli copies, which take a minute to write here.
PRODUCTION_STATIC = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
HOME_LINK = 'href="/" data-testid="error-home"'


def _static_storages(storages) -> dict:
    return {**storages, "staticfiles": {"BACKEND": PRODUCTION_STATIC}}


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """collectstatic once for the module, as a deployment runs it."""
    root = tmp_path_factory.mktemp("static")
    storages = _static_storages(settings.STORAGES)
    with override_settings(STATIC_ROOT=root, STORAGES=storages, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture(autouse=True)
def production(settings, static_root):
    settings.DEBUG = False
    settings.STATIC_ROOT = static_root
    settings.STORAGES = _static_storages(settings.STORAGES)
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def _client(world, role=None, **kwargs) -> Client:
    client = Client(**kwargs)
    if role is not None:
        client.force_login(world.people[role])
    return client


def _get(client, url, **extra):
    return client.get(url, secure=True, **extra)


def _post(client, url, data=None, **extra):
    referer = f"https://testserver{url}"  # a browser's, which HTTPS CSRF checking requires
    return client.post(url, data or {}, secure=True, HTTP_REFERER=referer, **extra)


def _assert_our_page(response, status: int, *texts: str, language: str = "vi") -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert 'data-testid="error-page"' in page and HOME_LINK in page
    for text in texts:
        assert text in page, text
    for debug in ("Traceback", "Using the URLconf", "DEBUG = True", "Django tried these"):
        assert debug not in page
    return page


def _assert_static_served(client, page: str) -> None:
    """The page's stylesheet is the hashed name from the manifest, and whitenoise serves it."""
    start = page.index('href="/static/css/app.')
    href = page[start + len('href="') : page.index('"', start + len('href="'))]
    assert href != "/static/css/app.css"
    assert _get(client, href).status_code == 200


def test_another_agencys_set_is_the_vietnamese_404_page(db, world):
    client = _client(world, "outsider")

    response = _get(client, reverse("objectives:set_detail", args=[world.published.pk]))

    page = _assert_our_page(response, 404, "Không tìm thấy")
    _assert_static_served(client, page)


def test_a_department_head_opening_the_agencys_draft_gets_the_404_page(db, world):
    response = _get(
        _client(world, "department_head"),
        reverse("objectives:set_detail", args=[world.draft.pk]),
    )

    _assert_our_page(response, 404, "Không tìm thấy trang", "Về trang chủ")


def test_an_unknown_address_is_the_404_page_in_english_when_chosen(db, world):
    client = _client(world, "staff")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = _get(client, "/khong-co-trang-nay/")

    page = _assert_our_page(response, 404, "Page not found", "Back to home", language="en")
    assert "Không tìm thấy" not in page


def test_a_step_ones_role_may_not_take_is_the_403_page(db, world):
    response = _post(
        _client(world, "head"), reverse("objectives:set_submit", args=[world.draft.pk])
    )

    _assert_our_page(response, 403, "không có quyền")
    world.draft.refresh_from_db()
    assert world.draft.status == Status.DRAFT


@pytest.mark.parametrize(
    ("role", "status", "text"),
    [
        ("iso_officer", 302, None),  # the editor submits
        ("head", 403, "không có quyền"),  # the approver sees the draft but does not submit it
        ("outsider", 404, "Không tìm thấy"),  # another agency does not know it exists
    ],
)
def test_submitting_the_draft_by_role(db, world, role, status, text):
    response = _post(_client(world, role), reverse("objectives:set_submit", args=[world.draft.pk]))

    if text is None:
        assert response.status_code == status
    else:
        _assert_our_page(response, status, text)


def test_a_page_ones_role_may_not_open_is_the_403_page(db, world):
    response = _get(_client(world, "staff"), reverse("objectives:inbox"))

    _assert_our_page(response, 403, "Bạn không có quyền thực hiện thao tác này")


def test_a_service_refusing_for_want_of_the_right_is_the_403_page_with_its_reason(db, world):
    request = RequestFactory().post("/")
    request.user = world.people["staff"]
    error = WorkflowError("Bạn không có quyền sửa bảng rủi ro và cơ hội này.", code="forbidden")

    with pytest.raises(PermissionDenied) as raised:
        refused(request, error, "/")

    assert str(raised.value) == error.message


def test_a_bad_request_is_the_400_page(db, world):
    client = _client(world, "staff", raise_request_exception=False)

    response = _get(client, "/", HTTP_HOST="khong-phai-may-chu-nay.example")

    _assert_our_page(response, 400, "Yêu cầu không hợp lệ")


def test_a_server_error_is_the_500_page_with_its_static_files(db, world, monkeypatch):
    class DatabaseDown:
        def cursor(self):
            raise ConnectionError("database down")

    monkeypatch.setattr("qms_objectives.views.connection", DatabaseDown())
    client = _client(world, "staff", raise_request_exception=False)

    response = _get(client, reverse("healthz"))

    page = _assert_our_page(response, 500, "Hệ thống gặp lỗi")
    _assert_static_served(client, page)


def test_the_500_page_needs_neither_a_request_nor_the_database(db, django_db_blocker):
    bare = RequestFactory().get("/")  # no session, no user, no middleware ran
    with django_db_blocker.block():
        response = server_error(bare)

    _assert_our_page(response, 500, "Hệ thống gặp lỗi")


def test_a_form_with_a_stale_csrf_token_is_our_403_page(db, world):
    client = _client(world, "iso_officer", enforce_csrf_checks=True)
    _get(client, reverse("objectives:set_detail", args=[world.draft.pk]))  # the CSRF cookie
    stale = {"csrfmiddlewaretoken": "a" * 64}  # the token of a page opened before a sign-in

    response = _post(client, reverse("objectives:set_submit", args=[world.draft.pk]), stale)

    page = _assert_our_page(response, 403, "Trang này đã hết hạn", "đã mở quá lâu")
    assert "CSRF verification failed" not in page and "Forbidden" not in page
    world.draft.refresh_from_db()
    assert world.draft.status == Status.DRAFT


def test_a_sign_in_without_the_cookie_says_to_allow_cookies(db):
    client = Client(enforce_csrf_checks=True)

    response = _post(client, reverse("login"), {"username": "iso_officer", "password": "x"})

    _assert_our_page(response, 403, "cookie")


def test_a_document_number_typed_into_the_lookup_never_answers_500(db, world):
    """`/v/?code=124/QĐ-VP` answered 500 (NoReverseMatch) — here as production runs: a typed
    number finds the published documents carrying it, anything else with "/" is our 404."""
    client = _client(world)
    number = world.published.number_and_symbol
    assert "/" in number
    found = _get(client, reverse("documents:verify_home"), data={"code": number})
    assert found.status_code in (200, 302)
    if found.status_code == 302:
        found = _get(client, found["Location"])
    assert found.status_code == 200 and world.published.agency.name in found.content.decode()

    missing = _get(client, reverse("documents:verify_home"), data={"code": "999/KHÔNG-CÓ"})
    assert missing.status_code == 404
    page = missing.content.decode()
    assert "Không tìm thấy" in page and "Traceback" not in page and "NoReverseMatch" not in page
