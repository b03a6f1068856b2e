"""Columns suggested from the headers of provincial exports (accented, unaccented, national
names), personal-data columns never suggested."""

import pytest

from dossiers import synthetic
from dossiers.mapping import looks_personal, suggest_mapping

EXPECTED_KEYS = {
    "code",
    "procedure_code",
    "processing_unit",
    "channel",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status",
    "supplement_asked_1",
    "supplement_answered_1",
    "supplement_asked_2",
    "supplement_answered_2",
    "supplement_count",
}


@pytest.mark.parametrize("spelling", synthetic.SPELLINGS)
def test_it_suggests_every_field_from_each_spelling_of_the_headers(spelling):
    headers = synthetic.headers(spelling)
    suggested = suggest_mapping(headers)
    assert set(suggested) == EXPECTED_KEYS
    by_key = {
        names[0]: names[1 + synthetic.SPELLINGS.index(spelling)] for names in synthetic.COLUMNS
    }
    assert suggested["code"] == by_key["code"]
    assert suggested["received_at"] == by_key["received"]
    assert suggested["due_at"] == by_key["due"]
    assert suggested["supplement_asked_2"] == by_key["asked_2"]
    assert suggested["returned_at"] == by_key["returned"]


def test_it_reads_headers_in_capitals_with_extra_words_and_spaces():
    suggested = suggest_mapping(
        ["  MÃ HỒ SƠ ", "NGÀY TIẾP NHẬN", "Ngày hẹn trả (dd/mm/yyyy)", "Đơn vị xử lý hồ sơ"]
    )
    assert suggested == {
        "code": "MÃ HỒ SƠ",
        "received_at": "NGÀY TIẾP NHẬN",
        "due_at": "Ngày hẹn trả (dd/mm/yyyy)",
        "processing_unit": "Đơn vị xử lý hồ sơ",
    }


@pytest.mark.parametrize(
    "header",
    ["Họ tên người nộp", "HoTen", "Số CCCD/CMND", "Địa chỉ thường trú", "So dien thoai", "Email"],
)
def test_personal_data_columns_are_recognised_and_never_suggested(header):
    assert looks_personal(header)
    assert header not in suggest_mapping([header, "MaHoSo", "NgayTiepNhan"]).values()
