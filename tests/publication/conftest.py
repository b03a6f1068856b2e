"""A province with two agencies for the public pages: the Văn phòng UBND tỉnh Đồng Nai with its
quality policy, this year's set in force (published, issued file), a first version of this
year's set superseded by it, a set of 2023 and a department's set of this year; and a second
agency with nothing published yet."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from documents.models import Status
from tests.factories import AgencyFactory, DepartmentFactory, ObjectiveSetFactory
from tests.factories_oversight import OversightBodyFactory, OversightScopeFactory
from tests.files_support import small_pdf

THIS_YEAR = timezone.localdate().year
POLICY = "Giải quyết công việc đúng pháp luật, nhanh chóng, công khai, minh bạch."


@dataclass
class Province:
    body: object
    agency: object
    other_agency: object
    department: object
    in_force: object
    superseded: object
    earlier: object
    department_set: object
    pdf: bytes

    def url(self, name: str = "agency", **kwargs) -> str:
        from django.urls import reverse

        if name == "province":
            return reverse("publication:province", args=[self.body.slug])
        args = {"province": self.body.slug, "agency": self.agency.slug, **kwargs}
        return reverse(f"publication:{name}", kwargs=args)


def published_set(agency, year, *, department=None, number=124, code="", pdf=None, **fields):
    objective_set = ObjectiveSetFactory(
        agency=agency,
        department=department,
        year=year,
        published=True,
        signing_lines=["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
        signer_name="Nguyễn Kim Long",
        with_objectives=2,
        with_objectives__numbered=True,
        **fields,
    )
    changes = {"number": number, "verification_code": code or f"PUB{objective_set.pk:05d}"}
    if pdf is not None:
        changes["issued_file"] = default_storage.save(
            f"issued/{code or 'set'}.pdf", ContentFile(pdf)
        )
        changes["issued_sha256"] = "ab" * 32
    type(objective_set).objects.filter(pk=objective_set.pk).update(**changes)
    objective_set.refresh_from_db()
    return objective_set


@pytest.fixture
def province(db) -> Province:
    body = OversightBodyFactory(slug="dong-nai", region_name="Đồng Nai")
    agency = AgencyFactory(
        name="Văn phòng UBND tỉnh Đồng Nai", place_name="Đồng Nai", quality_policy=POLICY
    )
    other = AgencyFactory(name="Sở Tư pháp tỉnh Đồng Nai", place_name="Đồng Nai")
    for member in (agency, other):
        OversightScopeFactory(body=body, agency=member, valid_from=datetime.date(2015, 1, 1))
    department = DepartmentFactory(agency=agency, name="Phòng Kiểm soát thủ tục hành chính")
    pdf = small_pdf()
    superseded = published_set(agency, THIS_YEAR, number=3)
    type(superseded).objects.filter(pk=superseded.pk).update(status=Status.SUPERSEDED)
    superseded.refresh_from_db()
    in_force = published_set(agency, THIS_YEAR, number=17, revision=1, revises=superseded, pdf=pdf)
    earlier = published_set(agency, 2023, number=124)
    department_set = published_set(agency, THIS_YEAR, department=department, number=21)
    return Province(
        body, agency, other, department, in_force, superseded, earlier, department_set, pdf
    )
