"""Text hygiene for everything users type: Unicode NFC, and no legacy Vietnamese encodings.

Vietnamese offices still paste text typed in TCVN3 (ABC) or VNI fonts. Read as Unicode such text
turns into "Môc tiªu chÊt l­îng": Latin-1 letters standing where Vietnamese ones should be. No
reliable converter exists for text that has already passed through a clipboard, so we refuse it
with a message that tells the user what happened and how to fix it.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Latin-1 letters that Vietnamese itself uses; every other character from U+00A0 to U+00FF is a
# sign that a TCVN3 (symbols such as ª µ ¸ ­) or VNI (letters such as ö ï ø ñ) font was involved.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_ONLY = set("ª\u00ad¸µ¶¹¨¬¦¤¥£¢¡¼½¾¿")
_HARMLESS = set("\u00a0«»°±·×÷©®§")


def _foreign_latin1(text: str) -> list[str]:
    return [
        ch
        for ch in text
        if "\u00a0" <= ch <= "\u00ff" and ch not in _VIETNAMESE_LATIN1 and ch not in _HARMLESS
    ]


def to_nfc(text: str) -> str:
    """Unicode NFC: one code point per accented letter, however the text was typed."""
    return unicodedata.normalize("NFC", text) if text else text


def fold_for_search(text: str) -> str:
    """ "ĐỒNG NAI  Hồ sơ" → "dong nai ho so": no diacritics, đ → d, lower case, single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def looks_like_legacy_encoding(text: str) -> str | None:
    """Return "TCVN3" or "VNI" when the text looks like a legacy encoding read as Unicode."""
    if not text:
        return None
    text = to_nfc(text)
    letters = sum(ch.isalpha() for ch in text)
    if letters < 4:
        return None
    foreign = _foreign_latin1(text)
    if len(foreign) < 2 or len(foreign) * 30 < letters:
        return None
    return "TCVN3" if any(ch in _TCVN3_ONLY for ch in foreign) else "VNI"


def validate_unicode_text(text: str) -> None:
    encoding = looks_like_legacy_encoding(text)
    if encoding:
        raise ValidationError(
            _(
                "Văn bản này có vẻ được gõ bằng bảng mã cũ %(encoding)s, không phải Unicode. "
                "Hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi dán lại."
            ),
            code="legacy_encoding",
            params={"encoding": encoding},
        )
