"""Shared fixtures: one agency with the people of every role, and an outsider agency.

The suite runs on several processes (`make test`: pytest-xdist `-n auto`): nothing a test
writes may go to a place another worker uses. Each worker has its own in-memory SQLite database
(PostgreSQL: test_qms_gw0, test_qms_gw1, …), its own locmem cache and, below, its own folders."""

import shutil

import pytest
from django.test.utils import override_settings

from tests import pki
from tests.factories import (
    DepartmentFactory,
    the_agency,
    the_department,
    the_outsider_agency,
    the_people,
)
from tests.files_support import file_storages, small_pdf

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _worker_folders(tmp_path_factory):
    """This worker's own file store and VAR_DIR for the whole session (never the project's
    var/, which every worker and `make run` share): what a module- or session-scoped fixture
    stores, or a command writes under VAR_DIR, stays with this worker. Tests still get a folder
    of their own (`_private_files`)."""
    from django.conf import settings

    root = tmp_path_factory.mktemp("worker")
    with override_settings(
        STORAGES=file_storages(settings.STORAGES, root / "files"), VAR_DIR=root / "var"
    ):
        yield root


@pytest.fixture(autouse=True)
def _mail_through_the_queue(settings):
    """The project's EMAIL_BACKEND, django-post-office's queue, which Django's test setup swaps for
    its in-memory one: mail is queued and sent by the task after commit (in process) to
    EMAIL_DELIVERY_BACKEND, the in-memory outbox (mailoutbox), as it is in production."""
    settings.EMAIL_BACKEND = "notifications.backends.QueueBackend"


@pytest.fixture(scope="module")
def built_once(django_db_setup, django_db_blocker):
    """For the tests of a module that only read one rendered document: a module-scoped fixture
    returns `built_once(build)`, which runs build() once, with the database open, inside a
    transaction rolled back as soon as it returns, in Vietnamese, with the fast password hasher.
    So no row outlives it and every test still starts from an empty database: build() must
    return data (PDF bytes, a parsed Pdf), never model instances."""
    from django.conf import settings
    from django.db import transaction
    from django.utils import translation

    def build_and_roll_back(build):
        with (
            django_db_blocker.unblock(),
            translation.override(settings.LANGUAGE_CODE),
            override_settings(PASSWORD_HASHERS=FAST_HASHERS, AXES_ENABLED=False),
            transaction.atomic(),
        ):
            built = build()
            transaction.set_rollback(True)
        return built

    return build_and_roll_back


@pytest.fixture(scope="session")
def held(django_db_setup, django_db_blocker):
    """For a class- or module-scoped fixture whose rows every test of that scope reads:
    `yield from held(build, files_root)` runs build() once (database open, Vietnamese, fast
    password hasher, files stored in `files_root`) inside an outer transaction, yields what it
    returned, and rolls everything back when the scope ends. Each test still runs in its own
    savepoint (the `db` fixture), so what one test writes never reaches the next; the tests of
    the scope must store their files in `files_root` too (override `_private_files`)."""
    from django.conf import settings
    from django.db import transaction
    from django.utils import translation

    def hold(build, files_root):
        outer = transaction.atomic()
        with django_db_blocker.unblock():
            outer.__enter__()
            try:
                with (
                    translation.override(settings.LANGUAGE_CODE),
                    override_settings(
                        STORAGES=file_storages(settings.STORAGES, files_root),
                        PASSWORD_HASHERS=FAST_HASHERS,
                        AXES_ENABLED=False,
                    ),
                ):
                    built = build()
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        try:
            yield built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)

    return hold


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Each test stores files in its own folder."""
    location = tmp_path / "files"
    settings.STORAGES = file_storages(settings.STORAGES, location)
    yield
    shutil.rmtree(location, ignore_errors=True)


@pytest.fixture(autouse=True)
def _vietnamese(settings):
    """Every test starts in Vietnamese: a request in English leaves English active on the thread
    (as in production, where the middleware activates the language of each request)."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test's database starts over (rolled back, ids reused on SQLite): so does the cache,
    or a page cached by an earlier test could match a key of this one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _no_axes(settings):
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 takes ~0.5 s a user; `people` creates nine of them for every test."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def fast_render(monkeypatch):
    """A fixed small PDF instead of the full document (the renderer has its own tests)."""
    from documents import render

    monkeypatch.setattr(render, "render_document", lambda document, final: small_pdf())


@pytest.fixture(scope="session")
def ca() -> pki.Issued:
    """A test root CA (tests/pki.py), one per session and worker."""
    return pki.make_ca()


@pytest.fixture(scope="session")
def agency_cert(ca) -> pki.Issued:
    return pki.make_certificate(ca)


@pytest.fixture
def signing_on(settings, tmp_path, agency, ca, agency_cert):
    """The `agency` fixture signs with `agency_cert`; returns the configuration file."""
    return pki.write_signing_config(settings, tmp_path, agency.short_name, agency_cert, ca)


@pytest.fixture
def agency(db):
    return the_agency()


@pytest.fixture
def department(agency):
    return the_department(agency)


@pytest.fixture
def other_department(agency):
    return DepartmentFactory(agency=agency, name="Phòng Kiểm soát TTHC", abbreviation="KSTTHC")


@pytest.fixture
def outsider_agency(db):
    return the_outsider_agency()


@pytest.fixture
def people(agency, department, outsider_agency):
    """A user for each role in `agency` (department head and staff in `department`), plus an
    ISO officer of another agency ("outsider") with every role there."""
    return the_people(agency, department, outsider_agency)
