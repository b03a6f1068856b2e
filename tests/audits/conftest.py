import pytest

from tests.factories_oversight import the_oversight


@pytest.fixture
def overseers(agency, outsider_agency):
    """The administrator and inspector of the body over `agency`, and "other_overseer" of a
    body over `outsider_agency` only (tests/factories_oversight.py)."""
    return the_oversight(agency, outsider_agency)


@pytest.fixture
def body(overseers):
    return overseers["inspector"].oversight_memberships.get().body
