"""Risks as the tests need them."""

from datetime import date

from risks.models import Kind, Risk


def make_risk(agency, *, year=2025, **fields) -> Risk:
    values = {
        "kind": Kind.RISK,
        "description": "Hồ sơ TTHC trễ hạn do thiếu nhân sự tiếp nhận.",
        "cause": "Nhân sự nghỉ phép dài ngày.",
        "likelihood": 3,
        "impact": 4,
        "treatment": "Bố trí người làm thay; nhắc hạn tự động.",
        "due_date": date(year, 6, 30),
        **fields,
    }
    objectives = values.pop("objectives", [])
    risk = Risk.objects.create(agency=agency, year=year, **values)
    risk.objectives.set(objectives)
    return risk
