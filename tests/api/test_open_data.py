"""Open data of a province: the published objectives in force for a year of the agencies in the
oversight body's scope that year, one row per target, the same rows as JSON, CSV and XLSX."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.factories import AgencyFactory, ObjectiveSetFactory
from tests.factories_oversight import OversightBodyFactory, OversightScopeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(agency, outsider_agency):
    body = OversightBodyFactory(slug="dong-nai", region_name="Đồng Nai")
    OversightScopeFactory(body=body, agency=agency)
    moved = AgencyFactory(name="Sở đã chuyển đi")
    OversightScopeFactory(body=body, agency=moved, valid_until=date(2023, 12, 31))
    return {"body": body, "moved": moved}


def test_the_three_formats_hold_the_same_rows(client, agency, outsider_agency, province):
    ours = ObjectiveSetFactory(
        agency=agency, published=True, with_objectives=2, with_objectives__numbered=True
    )
    ObjectiveSetFactory(agency=agency, year=2024, status="draft", with_objectives=1)
    ObjectiveSetFactory(agency=outsider_agency, published=True, with_objectives=1)
    ObjectiveSetFactory(agency=province["moved"], published=True, with_objectives=1)
    base = "/api/v1/open-data/dong-nai/2024/objectives"

    data = client.get(f"{base}.json").json()
    csv_response = client.get(f"{base}.csv")
    xlsx_response = client.get(f"{base}.xlsx")

    assert {row["set_id"] for row in data["rows"]} == {ours.pk}
    assert [row["wording"] for row in data["rows"]] == ["≥ 91%", "≥ 92%"]
    assert data["rows"][0]["number_and_symbol"] == "124/QĐ-VP"
    csv_rows = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert [r["objective"] for r in csv_rows] == [r["objective"] for r in data["rows"]]
    assert "muc-tieu-chat-luong-dong-nai-2024.csv" in csv_response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Tỉnh, thành phố" and len(values) == 1 + len(data["rows"])
    assert values[1][2] == agency.name


def test_an_unknown_province_is_404(client):
    response = client.get("/api/v1/open-data/khong-co/2024/objectives.csv")

    assert response.status_code == 404 and response.json()["detail"] == "not_found"
