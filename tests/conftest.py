"""Shared fixtures: one agency with the people of every role, and an outsider agency."""

import shutil

import pytest

from agencies.models import Role
from tests.factories import AgencyFactory, DepartmentFactory, MembershipFactory, UserFactory

ROLE_USERS = {
    "iso_officer": {"is_iso_officer": True},
    "records_officer": {"is_records_officer": True},
    "department_head": {"is_department_head": True},
    "head": {"is_head": True},
    "deputy": {"is_deputy": True},
    "staff": {},
    "administrator": {"is_administrator": True},
}


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Each test stores files in its own folder."""
    location = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        },
    }
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
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def agency(db):
    return AgencyFactory(
        name="Văn phòng UBND tỉnh Đồng Nai",
        short_name="VP-DN",
        symbol="VP",
        head_title="Chánh Văn phòng",
        deputy_title="Phó Chánh Văn phòng",
    )


@pytest.fixture
def department(agency):
    return DepartmentFactory(agency=agency, name="Phòng Hành chính - Tổ chức", abbreviation="HCTC")


@pytest.fixture
def other_department(agency):
    return DepartmentFactory(agency=agency, name="Phòng Kiểm soát TTHC", abbreviation="KSTTHC")


@pytest.fixture
def outsider_agency(db):
    return AgencyFactory(name="Ban Thi đua - Khen thưởng tỉnh", short_name="BTDKT", symbol="BTĐKT")


@pytest.fixture
def people(agency, department, outsider_agency):
    """A user for each role in `agency` (department head and staff in `department`), plus an
    ISO officer of another agency ("outsider") with every role there."""
    users = {}
    for key, flags in ROLE_USERS.items():
        user = UserFactory(username=key, first_name=key.replace("_", " ").title(), last_name="")
        in_department = key in ("department_head", "staff")
        MembershipFactory(
            user=user,
            agency=agency,
            department=department if in_department else None,
            is_staff_member=True,
            **flags,
        )
        users[key] = user
    outsider = UserFactory(username="outsider")
    MembershipFactory(
        user=outsider,
        agency=outsider_agency,
        **{f"is_{r}" if r != Role.STAFF else "is_staff_member": True for r in Role.values},
    )
    users["outsider"] = outsider
    return users
