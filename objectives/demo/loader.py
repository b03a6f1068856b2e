"""Load the demo: the agencies of references 002–004 with their people and issued sets.

Data files live in data/ (one per agency); every text is normalised to NFC on reading. Loading
is idempotent: agencies, departments, users and memberships are updated in place, and a set
that already exists (agency, year, revision 0) is left untouched, so a second run creates
nothing new.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from agencies.models import Agency, Role
from objectives.models import ObjectiveSet
from objectives.services.starting import set_copy_from
from qms_objectives.text import to_nfc

from .oversight import oversight_upsert
from .people import Login, agency_upsert, departments_upsert, people_upsert
from .sets import set_load

DATA_DIR = Path(__file__).resolve().parent / "data"
AGENCY_FILES = ("dong-nai.yaml", "ba-ria-vung-tau.yaml", "quang-nam.yaml")
DEMO_PASSWORD = "demo-2023!"


@dataclass
class DemoResult:
    logins: list[Login] = field(default_factory=list)
    created: list[ObjectiveSet] = field(default_factory=list)
    kept: list[ObjectiveSet] = field(default_factory=list)


def _nfc(value):
    if isinstance(value, str):
        return to_nfc(value.strip())
    if isinstance(value, dict):
        return {key: _nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    return value


def agency_data(filename: str) -> dict:
    """One agency's data file, texts in NFC."""
    with (DATA_DIR / filename).open(encoding="utf-8") as stream:
        return _nfc(yaml.safe_load(stream))


def next_year_draft(*, source: ObjectiveSet, actor) -> tuple[ObjectiveSet, bool]:
    """A Draft for the following year copied from `source` (with copied_from links); an existing
    set of that year is left as is."""
    existing = ObjectiveSet.objects.filter(
        agency_id=source.agency_id, department__isnull=True, year=source.year + 1
    ).first()
    if existing is not None:
        return existing, False
    return set_copy_from(source=source, year=source.year + 1, actor=actor), True


def _agency_load(data: dict, password: str, result: DemoResult) -> None:
    agency = agency_upsert(data["agency"])
    departments = departments_upsert(agency, data["departments"])
    users, logins = people_upsert(
        agency=agency,
        prefix=data["login_prefix"],
        people=data["people"],
        departments=departments,
        password=password,
    )
    result.logins.extend(logins)
    for set_data in data["sets"]:
        objective_set, created = set_load(agency=agency, data=set_data, users=users)
        (result.created if created else result.kept).append(objective_set)
        if data.get("next_year_draft"):
            draft, created = next_year_draft(
                source=objective_set, actor=users[Role.ISO_OFFICER.value]
            )
            (result.created if created else result.kept).append(draft)


def demo_load(*, password: str = DEMO_PASSWORD) -> DemoResult:
    """Create or update every demo agency; returns the logins and the sets created or kept."""
    result = DemoResult()
    for filename in AGENCY_FILES:
        with transaction.atomic():
            _agency_load(agency_data(filename), password, result)
    with transaction.atomic():  # the Sở KH&CN over the demo agencies (issue 20)
        names = [agency_data(filename)["agency"]["short_name"] for filename in AGENCY_FILES]
        agencies = list(Agency.objects.filter(short_name__in=names))
        result.logins.extend(oversight_upsert(agencies=agencies, password=password))
    return result
