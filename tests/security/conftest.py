"""The security tests share one world per module: built once inside an outer transaction that
is rolled back when the module ends (each test still runs in its own savepoint through the
`db` fixture), so it works the same on SQLite and PostgreSQL."""

import pytest
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from tests.files_support import file_storages, small_pdf
from tests.security.world import build_world

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def files_root(tmp_path_factory):
    return tmp_path_factory.mktemp("files")


@pytest.fixture(autouse=True)
def _private_files(settings, files_root):
    """Overrides tests/conftest.py: the module's world keeps its files in one folder."""
    settings.STORAGES = file_storages(settings.STORAGES, files_root)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, files_root):
    from django.conf import settings

    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            storages = file_storages(settings.STORAGES, files_root)
            with override_settings(STORAGES=storages, PASSWORD_HASHERS=FAST_HASHERS):
                built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def fast_documents(monkeypatch):
    """A small PDF in place of every rendered document the pages offer."""
    monkeypatch.setattr("objectives.views.editor.render_set", lambda s, final: small_pdf())
    monkeypatch.setattr("evaluation.views.render_report", lambda r, final: small_pdf())
    monkeypatch.setattr("risks.views.register_pdf", lambda context: small_pdf())


def client_as(world, role: str, **kwargs) -> Client:
    """A client logged in as `role` ("anonymous": not logged in)."""
    client = Client(**kwargs)
    if role != "anonymous":
        client.force_login(world.people[role])
    return client
