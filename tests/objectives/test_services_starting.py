"""Starting a set: blank, from a template, copied from last year, derived, revised; never a
second open set for the same agency, department and year."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from documents.models import Status
from objectives.models import DEFAULT_PREAMBLE, ObjectiveSet
from objectives.reference import templates
from objectives.services import starting
from qms_objectives.errors import WorkflowError
from tests.factories import AgencyFactory, DepartmentFactory
from tests.objectives.services_support import events_of, make_set

TEMPLATE = {
    "key": "thu-nghiem",
    "name": "Mẫu thử",
    "description": "",
    "form": "table",
    "preamble": "Thông qua …, {agency} đảm bảo thực hiện các mục tiêu sau:",
    "objectives": [
        {
            "content": "Giải quyết 100% hồ sơ đúng hạn.",
            "measures": "Theo dõi hằng tuần.",
            "targets": [
                {
                    "comparison": "at_least",
                    "value": 100,
                    "unit": "%",
                    "wording": "100%",
                    "wording_in_content": True,
                }
            ],
        },
        {"content": "Không có khiếu nại.", "targets": []},
    ],
    "guidance": "",
}


def test_it_starts_a_blank_set_with_the_fixed_preamble(people, agency):
    document = starting.set_start_blank(agency=agency, year=2024, actor=people["iso_officer"])
    assert document.status == Status.DRAFT
    assert document.preamble == DEFAULT_PREAMBLE.format(agency=agency.name)
    assert document.created_by == people["iso_officer"]
    assert document.objectives.count() == 0
    event = events_of(document).get()
    assert (event.action, event.from_status, event.to_status) == ("start", "", Status.DRAFT)


def test_it_starts_a_department_set_in_the_departments_name(people, agency, department):
    document = starting.set_start_blank(
        agency=agency, department=department, year=2024, actor=people["department_head"]
    )
    assert document.department == department
    assert department.name in document.preamble


def test_it_refuses_a_department_of_another_agency(people, agency):
    foreign = DepartmentFactory(agency=AgencyFactory())
    with pytest.raises(WorkflowError):
        starting.set_start_blank(
            agency=agency, department=foreign, year=2024, actor=people["iso_officer"]
        )
    assert ObjectiveSet.objects.count() == 0


@pytest.mark.parametrize(
    "state", [Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPROVED]
)
def test_it_refuses_a_second_open_set_clearly(people, agency, state):
    make_set(agency, status=state)
    with pytest.raises(WorkflowError) as refusal:
        starting.set_start_blank(agency=agency, year=2024, actor=people["iso_officer"])
    assert refusal.value.code == "open_exists"
    assert "2024" in refusal.value.message
    assert ObjectiveSet.objects.count() == 1


def test_it_turns_a_race_on_the_constraint_into_the_same_message(people, agency, monkeypatch):
    make_set(agency)
    monkeypatch.setattr(starting, "_refuse_second_open", lambda *args: None)
    with pytest.raises(WorkflowError) as refusal:
        starting.set_start_blank(agency=agency, year=2024, actor=people["iso_officer"])
    assert refusal.value.code == "open_exists"


def test_it_starts_beside_a_published_or_withdrawn_set(people, agency):
    make_set(agency, status=Status.PUBLISHED)
    make_set(agency, status=Status.WITHDRAWN)
    starting.set_start_blank(agency=agency, year=2024, actor=people["iso_officer"])


def test_it_starts_from_an_official_template(people, agency, monkeypatch):
    monkeypatch.setattr(templates, "get_template", lambda key: dict(TEMPLATE, key=key))
    document = starting.set_start_from_template(
        agency=agency, year=2024, actor=people["iso_officer"], template_key="thu-nghiem"
    )
    assert (document.form, document.template_key) == ("table", "thu-nghiem")
    assert document.preamble.startswith("Thông qua …, Văn phòng UBND tỉnh Đồng Nai đảm bảo")
    first, second = document.objectives.order_by("order")
    assert (first.content, first.measures) == (
        "Giải quyết 100% hồ sơ đúng hạn.",
        "Theo dõi hằng tuần.",
    )
    target = first.targets.get()
    assert (target.value, target.unit, target.wording) == (Decimal(100), "%", "100%")
    assert target.wording_in_content
    assert second.targets.count() == 0


def test_it_starts_from_the_real_templates(people, agency):
    key = templates.official_templates()[-1]["key"]
    document = starting.set_start_from_template(
        agency=agency, year=2024, actor=people["iso_officer"], template_key=key
    )
    assert document.objectives.count() == len(templates.get_template(key)["objectives"])
    assert agency.name in document.preamble


def test_it_refuses_an_unknown_template(people, agency):
    with pytest.raises(WorkflowError) as refusal:
        starting.set_start_from_template(
            agency=agency, year=2024, actor=people["iso_officer"], template_key="khong-co"
        )
    assert refusal.value.code == "template_unknown"
    assert ObjectiveSet.objects.count() == 0


def _issued_source(agency, department, **fields):
    source = make_set(
        agency,
        status=Status.PUBLISHED,
        year=2023,
        objectives=2,
        number=124,
        symbol="QĐ-VP",
        issued_on="2023-10-05",
        signing_lines=["CHÁNH VĂN PHÒNG"],
        signer_name="Nguyễn Kim Long",
        verification_code="ABCDEFGH23",
        title="Mục tiêu chất lượng năm 2023",
        legal_bases="Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020;",
        **fields,
    )
    first = source.objectives.order_by("order").first()
    first.supporting_units.add(department)
    return source


def test_it_copies_last_years_set_with_links_but_no_number_or_signature(people, agency, department):
    source = _issued_source(agency, department)
    copy = starting.set_copy_from(source=source, year=2024, actor=people["iso_officer"])
    assert (copy.year, copy.status, copy.revision, copy.revises) == (2024, Status.DRAFT, 0, None)
    assert copy.title == "Mục tiêu chất lượng năm 2024"
    assert copy.legal_bases == source.legal_bases  # other years in legal bases are untouched
    assert (copy.number, copy.symbol, copy.issued_on) == (None, "", None)
    assert (copy.signing_lines, copy.signer_name, copy.verification_code) == ([], "", None)
    assert copy.issued_file.name == ""
    assert [s.title for s in copy.sections.all()] == [s.title for s in source.sections.all()]
    pairs = list(
        zip(copy.objectives.order_by("order"), source.objectives.order_by("order"), strict=True)
    )
    assert len(pairs) == 2
    for new, old in pairs:
        assert (new.content, new.copied_from, new.parent) == (old.content, old, None)
        assert [t.copied_from for t in new.targets.all()] == list(old.targets.all())
    first_new, first_old = pairs[0]
    assert first_new.section.objective_set == copy
    assert first_new.section.title == first_old.section.title
    assert list(first_new.supporting_units.all()) == [department]
    assert events_of(copy).get().action == "copy"


def test_it_copies_only_an_issued_set_into_another_year(people, agency, department):
    draft = make_set(agency, year=2022)
    with pytest.raises(WorkflowError) as refusal:
        starting.set_copy_from(source=draft, year=2024, actor=people["iso_officer"])
    assert refusal.value.code == "state"
    source = _issued_source(agency, department)
    with pytest.raises(WorkflowError) as refusal:
        starting.set_copy_from(source=source, year=2023, actor=people["iso_officer"])
    assert refusal.value.code == "same_year"


def test_it_derives_a_department_set_from_the_agencys(people, agency, department):
    agency_set = make_set(agency, status=Status.PUBLISHED, objectives=3)
    chosen = list(agency_set.objectives.order_by("order")[1:])
    derived = starting.set_derive_from_agency(
        agency_set=agency_set,
        department=department,
        year=2024,
        actor=people["department_head"],
        objective_ids=[o.pk for o in chosen],
    )
    assert (derived.department, derived.parent, derived.status) == (
        department,
        agency_set,
        Status.DRAFT,
    )
    objectives = list(derived.objectives.order_by("order"))
    assert [o.parent for o in objectives] == chosen
    assert [o.copied_from for o in objectives] == [None, None]
    for new, old in zip(objectives, chosen, strict=True):
        assert [t.parent for t in new.targets.all()] == list(old.targets.all())
    assert derived.sections.count() == 0
    assert events_of(derived).get().action == "derive"


def test_it_derives_only_from_objectives_of_the_agency_set(people, agency, department):
    agency_set = make_set(agency, status=Status.PUBLISHED)
    stranger = make_set(agency, status=Status.PUBLISHED, year=2023)
    for ids in ([], [stranger.objectives.get().pk]):
        with pytest.raises(WorkflowError) as refusal:
            starting.set_derive_from_agency(
                agency_set=agency_set,
                department=department,
                year=2024,
                actor=people["iso_officer"],
                objective_ids=ids,
            )
        assert refusal.value.code == "objectives_invalid"
    assert ObjectiveSet.objects.filter(department=department).count() == 0


def test_it_derives_only_from_an_issued_agency_set(people, agency, department):
    draft = make_set(agency)
    with pytest.raises(WorkflowError):
        starting.set_derive_from_agency(
            agency_set=draft,
            department=department,
            year=2024,
            actor=people["iso_officer"],
            objective_ids=[draft.objectives.get().pk],
        )


def test_it_revises_an_issued_set(people, agency, department):
    source = _issued_source(agency, department)
    revision = starting.set_revise(document=source, actor=people["iso_officer"])
    assert (revision.year, revision.revision, revision.revises) == (2023, 1, source)
    assert revision.title == source.title
    assert (revision.number, revision.signing_lines) == (None, [])
    for new, old in zip(
        revision.objectives.order_by("order"), source.objectives.order_by("order"), strict=True
    ):
        assert new.copied_from == old
    source.refresh_from_db()
    assert source.status == Status.PUBLISHED


def test_it_keeps_the_agency_links_of_a_revised_department_set(people, agency, department):
    agency_set = make_set(agency, status=Status.PUBLISHED)
    derived = starting.set_derive_from_agency(
        agency_set=agency_set,
        department=department,
        year=2024,
        actor=people["iso_officer"],
        objective_ids=[agency_set.objectives.get().pk],
    )
    ObjectiveSet.objects.filter(pk=derived.pk).update(status=Status.ISSUED)
    revision = starting.set_revise(document=derived, actor=people["department_head"])
    assert revision.parent == agency_set
    assert revision.objectives.get().parent == agency_set.objectives.get()


def test_it_refuses_a_revision_while_another_is_open(people, agency):
    source = make_set(agency, status=Status.PUBLISHED)
    starting.set_revise(document=source, actor=people["iso_officer"])
    with pytest.raises(WorkflowError) as refusal:
        starting.set_revise(document=source, actor=people["iso_officer"])
    assert refusal.value.code == "open_exists"
    assert ObjectiveSet.objects.count() == 2


def test_it_numbers_a_revision_after_a_withdrawn_one(people, agency):
    source = make_set(agency, status=Status.PUBLISHED)
    first = starting.set_revise(document=source, actor=people["iso_officer"])
    ObjectiveSet.objects.filter(pk=first.pk).update(status=Status.WITHDRAWN)
    second = starting.set_revise(document=source, actor=people["iso_officer"])
    assert (first.revision, second.revision) == (1, 2)


def test_it_never_revises_a_draft(people, agency):
    with pytest.raises(WorkflowError) as refusal:
        starting.set_revise(document=make_set(agency), actor=people["iso_officer"])
    assert refusal.value.code == "state"


def test_the_constraint_stands_behind_the_check(agency):
    make_set(agency)
    with pytest.raises(IntegrityError), transaction.atomic():
        ObjectiveSet.objects.create(agency=agency, year=2024)
