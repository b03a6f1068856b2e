import unicodedata

import pytest
from django.core.exceptions import ValidationError

from qms_objectives.text import looks_like_legacy_encoding, to_nfc, validate_unicode_text
from tests.factories import ObjectiveFactory


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Môc tiªu chÊt l­îng n¨m 2023", "TCVN3"),
        ("Muïc tieâu chaát löôïng naêm 2023", "VNI"),
        ("Mục tiêu chất lượng năm 2023", None),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt ít nhất 96% – hoá, toán", None),
        ("Số: 124/QĐ-VP «trích yếu» ±5 °C", None),
    ],
)
def test_it_detects_legacy_encodings(text, encoding):
    assert looks_like_legacy_encoding(text) == encoding


def test_it_refuses_legacy_text_with_a_message_naming_the_encoding():
    with pytest.raises(ValidationError) as error:
        validate_unicode_text("Môc tiªu chÊt l­îng")
    assert "TCVN3" in str(error.value)


def test_it_stores_text_in_nfc(db):
    decomposed = unicodedata.normalize("NFD", "Hồ sơ giải quyết đúng hạn")
    objective = ObjectiveFactory(content=decomposed)
    objective.refresh_from_db()
    assert objective.content == to_nfc(decomposed)
    assert unicodedata.is_normalized("NFC", objective.content)


def test_model_validation_refuses_legacy_text(db):
    objective = ObjectiveFactory.build(content="Môc tiªu chÊt l­îng n¨m 2023")
    with pytest.raises(ValidationError) as error:
        objective.full_clean(exclude=["objective_set"])
    assert "content" in error.value.message_dict
