from datetime import date

import pytest

from corrective.models import CorrectiveAction

DUE = date(2024, 7, 10)
YEAR_END = date(2025, 1, 15)


@pytest.fixture
def year_end(monkeypatch):
    """Views and services read timezone.localdate(): pin it to 15 January 2025."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: YEAR_END)
    return YEAR_END


def make_action(agency, people, department=None, **fields) -> CorrectiveAction:
    """An open action of 2024 about `department`, carried out by that department (its head)
    and the staff member, due 10 July 2024."""
    values = {
        "year": 2024,
        "department": department,
        "nonconformity": "Tỷ lệ hồ sơ quá hạn bằng không: Không đạt (lũy kế năm 2024: 2 hồ sơ)",
        "cause": "Thiếu cán bộ tiếp nhận trong quý II.",
        "action": "Bổ sung một cán bộ tiếp nhận, rà soát hồ sơ hằng tuần.",
        "owner_department": department,
        "owner_person": people["staff"],
        "due_date": DUE,
        "created_by": people["iso_officer"],
        **fields,
    }
    return CorrectiveAction.objects.create(agency=agency, **values)


@pytest.fixture
def action(agency, department, people):
    return make_action(agency, people, department)
