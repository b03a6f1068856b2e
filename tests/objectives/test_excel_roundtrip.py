"""Export then import gives back the same set: sections, objectives, targets and their fields."""

from io import BytesIO

import pdfplumber
import pytest
from openpyxl import load_workbook

from documents.models import DocumentEvent, Status
from objectives.excel.export import set_to_xlsx
from objectives.excel.import_ import set_import_xlsx
from objectives.excel.problems import ImportRejected
from objectives.models import DocumentForm, ObjectiveSet, Orientation
from objectives.printing.render import render_set
from tests.factories import SectionFactory
from tests.objectives.excel_support import rich_set, row, snapshot, template_with


def test_it_gives_back_the_same_set(people, department, other_department):
    source = rich_set(department.agency, department, other_department, year=2024)

    data = set_to_xlsx(source)
    imported = set_import_xlsx(
        agency=source.agency, year=2025, actor=people["iso_officer"], data=data, filename="a.xlsx"
    )

    imported.refresh_from_db()
    assert imported.status == Status.DRAFT
    assert imported.year == 2025 and imported.department is None
    assert imported.created_by == people["iso_officer"]
    expected = snapshot(source)
    expected["fields"]["title"] = "Mục tiêu chất lượng năm 2025 của Văn phòng"
    assert snapshot(imported) == expected
    assert list(
        DocumentEvent.objects.filter(object_id=imported.pk).values_list("action", flat=True)
    ) == ["start", "import"]


def test_it_round_trips_twice_without_drift(people, department, other_department):
    source = rich_set(department.agency, department, other_department, year=2023)
    first = set_import_xlsx(
        agency=source.agency, year=2024, actor=people["iso_officer"], data=set_to_xlsx(source)
    )
    again = load_workbook(BytesIO(set_to_xlsx(first)))
    original = load_workbook(BytesIO(set_to_xlsx(source)))

    def values(workbook):  # all but the year and the title, which follow the new year
        return [[c.value for c in r] for r in workbook["Mục tiêu"].iter_rows(min_row=3)]

    assert values(again) == values(original)


def test_a_department_head_imports_into_their_department(people, department, other_department):
    source = rich_set(department.agency, department, other_department, year=2024)

    imported = set_import_xlsx(
        agency=source.agency,
        department=department,
        year=2024,
        actor=people["department_head"],
        data=set_to_xlsx(source),
    )

    assert imported.department == department
    assert snapshot(imported)["objectives"] == snapshot(source)["objectives"]


def test_a_landscape_table_comes_back_as_the_same_document(people, department, other_department):
    """The form, orientation, opening, recipients and signing block travel with the file
    (issue 18): the draft made from the export prints the same pages as the set exported."""
    source = rich_set(department.agency, department, other_department, year=2024)
    SectionFactory(objective_set=source, title="III. Đối với công chức:", order=3)
    ObjectiveSet.objects.filter(pk=source.pk).update(
        form=DocumentForm.TABLE,
        orientation=Orientation.LANDSCAPE,
        iso_standard="TCVN ISO 9001:2015",
        preamble="Văn phòng cam kết thực hiện các mục tiêu sau:",
        recipients="- Sở Khoa học và Công nghệ;\n- Các phòng;\n- Lưu: VT, HCTC.",
        signing_lines=["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
        signer_name="Trần Văn Bình",
    )
    source.refresh_from_db()

    imported = set_import_xlsx(
        agency=source.agency, year=2024, actor=people["iso_officer"], data=set_to_xlsx(source)
    )

    imported.refresh_from_db()
    assert (imported.form, imported.orientation) == (DocumentForm.TABLE, Orientation.LANDSCAPE)
    assert imported.sections.count() == 3
    assert snapshot(imported) == snapshot(source)
    assert _pdf_text(imported) == _pdf_text(source)


def test_an_unknown_form_is_reported_where_it_is(agency, people):
    data = template_with(
        agency,
        [row(number=1, content="Không có hồ sơ trễ hạn.", comparison="=", value=0)],
        set_fields={"form": "Công văn"},
    )
    with pytest.raises(ImportRejected) as refused:
        set_import_xlsx(agency=agency, year=2025, actor=people["iso_officer"], data=data)
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (3, "C")
    assert "“Công văn” không phải là một lựa chọn" in problem.message
    assert not ObjectiveSet.objects.filter(agency=agency, year=2025).exists()


def _pdf_text(objective_set) -> str:
    pdf = render_set(ObjectiveSet.objects.get(pk=objective_set.pk), final=False)
    with pdfplumber.open(BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)
