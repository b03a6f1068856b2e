"""An inspection of agency A (tests/conftest.py `people`) by the Sở KH&CN over it
(tests/factories_oversight.py `the_oversight`: its administrator "oversight_admin", its inspector
"inspector", another province's "other_overseer"), from an issued plan of 2024, led by the
inspector, started through the service."""

import datetime

import pytest

from inspections import services_inspection as services
from tests import pki
from tests.factories_inspection import IssuedPlanFactory, PlanEntryFactory
from tests.factories_oversight import the_oversight

INSPECTED_ON = datetime.date(2024, 5, 14)


@pytest.fixture
def overseers(agency, outsider_agency, people):
    found = the_oversight(agency, outsider_agency)
    people.update(found)
    return found


@pytest.fixture
def body(overseers):
    return overseers["inspector"].oversight_memberships.get().body


@pytest.fixture
def inspection(body, agency, people):
    plan = IssuedPlanFactory(body=body, year=2024)
    entry = PlanEntryFactory(plan=plan, agency=agency)
    return services.inspection_start(
        plan_entry=entry,
        actor=people["inspector"],
        data={
            "team_leader": people["inspector"],
            "inspectors": [],
            "inspected_on": INSPECTED_ON,
            "venue": "Trụ sở Văn phòng UBND tỉnh",
            "agency_representatives": "Head – Chánh Văn phòng\nIso Officer – Tổ trưởng Tổ ISO",
        },
    )


ONE_NONCONFORMITY = dict.fromkeys(services.CODES, ("conforms", "")) | {
    "internal_audit": ("nonconformity", "Chưa đánh giá nội bộ năm 2024."),
    "complaints": ("observation", "Nên công khai kết quả giải quyết phản ánh."),
}


@pytest.fixture
def assessed(inspection, people):
    services.findings_save(
        inspection=inspection, actor=people["inspector"], findings=ONE_NONCONFORMITY
    )
    return inspection


@pytest.fixture
def approved(assessed, people):
    services.minutes_update(
        minutes=assessed.minutes,
        actor=people["inspector"],
        fields={"conclusion": "Hệ thống được duy trì, còn 01 điểm không phù hợp."},
    )
    return services.minutes_approve(minutes=assessed.minutes, actor=people["inspector"])


@pytest.fixture
def both_certificates(settings, tmp_path, ca, agency, body):
    """The body's agency and agency A each sign with a certificate of the test CA."""
    pki.write_signing_config(
        settings, tmp_path, body.agency.short_name, pki.make_certificate(ca, "Sở KH&CN"), ca
    )
    pki.write_signing_config(
        settings, tmp_path, agency.short_name, pki.make_certificate(ca, "Văn phòng UBND"), ca
    )
    settings.SITE_URL = "https://qms.example.gov.vn"
