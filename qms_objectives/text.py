"""Text hygiene for everything users type: Unicode NFC, no bidirectional controls, and no legacy
Vietnamese encodings.

Vietnamese offices still paste text typed in TCVN3 (ABC) or VNI fonts. Read as Unicode such text
turns into "Môc tiªu chÊt l­îng" (TCVN3: one Latin-1 character stands for a whole Vietnamese
letter) or "Muïc tieâu chaát löôïng" (VNI: a plain vowel followed by a Latin-1 character that
carries its marks). No reliable converter exists for text that has already passed through a
clipboard, so we refuse it with a message that names the encoding and tells how to fix it.

Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) have no use in
Vietnamese and make a line display reversed ("Trojan Source"): they are dropped with the NFC.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_NO_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))

# Latin-1 letters that Vietnamese itself uses; every other character from U+00A0 to U+00FF is a
# sign that a TCVN3 (symbols such as ª µ ¸ ­) or VNI (letters such as ö ï ø ñ) font was involved.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TCVN3_ONLY = set("ª\u00ad¸µ¶¹¨¬¦¤¥£¢¡¼½¾¿")
_HARMLESS = set("\u00a0«»°±·×÷©®§")
# TCVN3 code points in the symbol block (U+00A1–U+00BF); most are Vietnamese letters there.
_TCVN3_SYMBOLS = {chr(code) for code in range(0xA1, 0xC0)}
_LATIN1_UPPER = {chr(code) for code in range(0xC0, 0xDF)} - {"×"}
# VNI writes a marked vowel as the plain vowel followed by a Latin-1 character for the marks:
# "eâ" ê, "aê" ă, "oø" ò, "ôù" ớ, "öô" ươ. After each base, the characters that cannot follow
# it in Vietnamese (o + à/á/ã is the old spelling of "hoà", "hoá": not a sign).
_VNI_TONES = set("ùøûõï")
_VNI_AFTER = {
    "a": _VNI_TONES | set("áàåãäéèúüëâê"),
    "e": _VNI_TONES | set("áàåãäâ"),
    "o": _VNI_TONES | set("åäâ"),
    "u": _VNI_TONES,
    "y": _VNI_TONES,
    "ô": _VNI_TONES,
    "ö": _VNI_TONES | {"ô"},
}
_ASCII_CONSONANTS = set("bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ")


def _foreign_latin1(text: str) -> list[str]:
    return [
        ch
        for ch in text
        if "\u00a0" <= ch <= "\u00ff" and ch not in _VIETNAMESE_LATIN1 and ch not in _HARMLESS
    ]


def to_nfc(text: str) -> str:
    """Unicode NFC (one code point per accented letter, however the text was typed), without
    bidirectional control characters."""
    if not text:
        return text
    return unicodedata.normalize("NFC", text).translate(_NO_BIDI)


def fold_for_search(text: str) -> str:
    """ "ĐỒNG NAI  Hồ sơ" → "dong nai ho so": no diacritics, đ → d, lower case, single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def _signs(text: str) -> tuple[int, int, int]:
    """(sure signs of TCVN3, sure signs of VNI, hints of TCVN3) found in the text."""
    tcvn3 = vni = hints = 0
    previous = " "
    for index, ch in enumerate(text):
        following = text[index + 1] if index + 1 < len(text) else " "
        if ch in _TCVN3_SYMBOLS:
            # A symbol inside a word: "V¨n", "tiªu", "c«ng", "Hµ".
            inside = previous.isalpha() and following.isalpha()
            touching = previous.isalpha() or following.isalpha()
            if ch == "\u00ad":  # a soft hyphen may come from Word's hyphenation
                hints += inside
            elif inside or (touching and ch in _TCVN3_ONLY):
                tcvn3 += 1
        elif ch in _LATIN1_UPPER and previous.islower():
            tcvn3 += 1  # TCVN3 keeps small letters on capitals: "NguyÔn", "chÊt"
        elif ch.lower() in _VNI_AFTER.get(previous.lower(), ()):
            vni += 1  # "Nguyeãn", "Vaên", "Leâ"
        elif (
            "\u00c0" <= ch <= "\u00ff"
            and ch not in _VIETNAMESE_LATIN1
            and previous in _ASCII_CONSONANTS
        ):
            hints += 1  # "Phßng", "hîp": a foreign letter where the vowel should be
        previous = ch
    return tcvn3, vni, hints


def looks_like_legacy_encoding(text: str) -> str | None:
    """Return "TCVN3" or "VNI" when the text looks like a legacy encoding read as Unicode.

    One sure sign is enough, so that a two-word name is caught ("Leâ Thò Hoa", "NguyÔn V¨n A");
    otherwise the text must be thick with foreign Latin-1 letters ("Phßng Tæng hîp")."""
    if not text:
        return None
    text = to_nfc(text)
    tcvn3, vni, hints = _signs(text)
    if not tcvn3 and not vni:
        letters = sum(ch.isalpha() for ch in text)
        foreign = _foreign_latin1(text)
        if letters < 4 or len(foreign) < 2 or len(foreign) * 30 < letters:
            return None
    if tcvn3 + hints != vni:
        return "TCVN3" if tcvn3 + hints > vni else "VNI"
    return "TCVN3" if any(ch in _TCVN3_ONLY for ch in text) else "VNI"


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
