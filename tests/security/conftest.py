"""The security tests share one world per module: built once inside an outer transaction that
is rolled back when the module ends (each test still runs in its own savepoint through the
`db` fixture), so it works the same on SQLite and PostgreSQL (`held`, tests/conftest.py)."""

import pytest
from django.test import Client

from tests.files_support import file_storages, small_pdf
from tests.security.world import build_world


@pytest.fixture(scope="module")
def files_root(tmp_path_factory):
    return tmp_path_factory.mktemp("files")


@pytest.fixture(autouse=True)
def _private_files(settings, files_root):
    """Overrides tests/conftest.py: the module's world keeps its files in one folder."""
    settings.STORAGES = file_storages(settings.STORAGES, files_root)


@pytest.fixture(scope="module")
def world(held, files_root):
    yield from held(build_world, files_root)


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
