"""The official templates to start a set from (references 000/001, "Phụ lục 3")."""

import unicodedata
from decimal import Decimal

import pytest

from objectives.models import Comparison, DocumentForm
from objectives.reference.templates import get_template, guidance, official_templates

KEYS = ["phu-luc-3-mau-trong", "phu-luc-3-vi-du", "phu-luc-3-7-muc-tieu"]
INTERFACE_KEYS = {"key", "name", "description", "form", "preamble", "objectives", "guidance"}
TARGET_KEYS = {"comparison", "value", "unit", "wording", "wording_in_content"}


def _texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_it_offers_the_three_official_templates_in_order():
    assert [t["key"] for t in official_templates()] == KEYS


@pytest.mark.parametrize(("key", "count"), [(KEYS[0], 0), (KEYS[1], 2), (KEYS[2], 7)])
def test_it_carries_the_objectives_of_the_reference(key, count):
    template = get_template(key)
    assert set(template) >= INTERFACE_KEYS
    assert template["form"] == DocumentForm.LIST
    assert len(template["objectives"]) == count
    for objective in template["objectives"]:
        assert objective["content"]
        assert objective["targets"], objective["content"]
        for target in objective["targets"]:
            assert set(target) >= TARGET_KEYS
            assert target["comparison"] in Comparison.values
            assert isinstance(target["value"], Decimal)


def test_it_keeps_the_fixed_preamble_with_a_place_for_the_agency():
    preamble = get_template(KEYS[0])["preamble"]
    assert preamble == (
        "Thông qua việc áp dụng, duy trì, cải tiến thường xuyên Hệ thống quản lý chất lượng, "
        "{agency} đảm bảo thực hiện các mục tiêu sau:"
    )
    assert preamble.format(agency="Sở Văn hoá, Thể thao và Du lịch").startswith("Thông qua")


def test_it_keeps_the_worked_example_word_for_word():
    first, second = get_template(KEYS[1])["objectives"]
    assert first["content"] == (
        "Đảm bảo 95% thủ tục hành chính được xử lý nhanh hơn 10% thời gian quy định tại "
        "Văn bản pháp quy liên quan;"
    )
    assert second["content"] == (
        "Phấn đấu giảm tỷ lệ khiếu nại, tố cáo của tổ chức, công dân về việc xử lý thủ tục "
        "hành chính 10% so với năm trước;"
    )
    assert second["targets"][0]["comparison"] == Comparison.DECREASE_BY
    assert second["targets"][0]["value"] == Decimal(10)


def test_it_corrects_the_slips_of_the_seven_objective_list():
    objectives = get_template(KEYS[2])["objectives"]
    assert objectives[1]["content"] == "Tỷ lệ hồ sơ hướng dẫn hoàn thiện bằng không"
    assert objectives[2]["targets"][0] == {
        "comparison": Comparison.EXACTLY,
        "value": Decimal(0),
        "unit": "%",
        "wording": "bằng không",
        "wording_in_content": True,
    }
    assert objectives[3]["content"].startswith("80 % số hồ sơ giải quyết TTHC")
    assert not any("hộ sơ" in text for text in _texts(objectives))


def test_it_gives_the_guidance_on_setting_objectives():
    text = guidance()
    assert text.startswith("Mục tiêu chất lượng được lập dựa trên cơ sở chính sách chất lượng")
    assert "- Nguồn lực cần thiết để thực hiện các mục tiêu." in text
    assert "cần được truyền đạt đến mọi cán bộ" in text
    assert "truyển đạt" not in text
    assert all(t["guidance"] == text for t in official_templates())


def test_it_returns_every_text_in_nfc():
    for text in _texts(official_templates()):
        assert unicodedata.is_normalized("NFC", text), text


def test_it_refuses_an_unknown_key():
    with pytest.raises(KeyError):
        get_template("mau-khong-co")


def test_it_hands_out_copies_that_callers_may_change():
    get_template(KEYS[1])["objectives"].clear()
    official_templates()[2]["objectives"].clear()
    assert len(get_template(KEYS[1])["objectives"]) == 2
    assert len(official_templates()[2]["objectives"]) == 7
