"""Export then import gives back the same set: sections, objectives, targets and their fields."""

from io import BytesIO

from openpyxl import load_workbook

from documents.models import DocumentEvent, Status
from objectives.excel.export import set_to_xlsx
from objectives.excel.import_ import set_import_xlsx
from tests.objectives.excel_support import rich_set, snapshot


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
