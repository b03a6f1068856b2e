"""Risks as the tests need them."""

from risks.models import Risk
from tests.factories import RiskFactory


def make_risk(agency, *, year=2025, **fields) -> Risk:
    """A risk of `agency` (tests/factories.py RiskFactory); `objectives=[...]` links them."""
    return RiskFactory(agency=agency, year=year, **fields)
