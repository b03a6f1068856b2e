"""Text widths in the bundled Liberation Serif, to break header names where a clerk would.

The agency name in the header is centred over a short rule of 1/3–1/2 of its width. A name
that wraps by itself makes its box as wide as the column, so the rule would follow the column
instead of the words; the header therefore breaks long names here, into balanced lines, and
the template prints each line without further wrapping.
"""

import functools
import itertools

from django.conf import settings
from fontTools.ttLib import TTFont

_FILES = {False: "LiberationSerif-Regular.ttf", True: "LiberationSerif-Bold.ttf"}
MM = 72 / 25.4  # points per millimetre


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, int], int, int]:
    font = TTFont(settings.BASE_DIR / "static" / "fonts" / _FILES[bold], lazy=True)
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    widths = {code: metrics[glyph][0] for code, glyph in cmap.items()}
    return widths, metrics[".notdef"][0], font["head"].unitsPerEm


def text_width(text: str, *, size: float, bold: bool = False) -> float:
    """Advance width of `text` (NFC) in points, without kerning."""
    widths, missing, units = _advances(bold)
    return sum(widths.get(ord(char), missing) for char in text) * size / units


# A place name follows these words and is never broken ("UBND TỈNH / BÀ RỊA - VŨNG TÀU"), and
# two words either side of a dash stay together ("THI ĐUA - KHEN THƯỞNG", "HÀNH CHÍNH - TỔ CHỨC").
_PLACE_WORDS = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN")


def _unbreakable(words: list[str]) -> set[int]:
    """Break positions (a break at i starts a line with words[i]) a clerk would not use."""
    bad = set()
    for i, word in enumerate(words):
        if word == "-":  # Vietnamese words are mostly two syllables: "THI ĐUA - KHEN THƯỞNG"
            bad.update(range(max(i - 1, 1), min(i + 3, len(words))))
    upper = [word.upper() for word in words]
    for i in range(len(words)):
        for place in _PLACE_WORDS:
            size = len(place.split())
            if upper[i : i + size] == place.split() and i + size < len(words):
                bad.update(range(i + size + 1, len(words)))
    return bad


def _splits(words: list[str], count: int, bad: set[int]):
    for cuts in itertools.combinations(range(1, len(words)), count - 1):
        if bad.intersection(cuts):
            continue
        bounds = (0, *cuts, len(words))
        yield [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]


def balanced_lines(text: str, *, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` in the fewest lines no wider than `width` points, as even as possible (the
    widest line as short as it can be; among equals, the longer line first), never inside a
    place name nor at a dash when another split fits. A word wider than the column stays on
    its own line."""
    words = text.split()
    if not words:
        return []

    def widest(candidate: list[str]) -> float:
        return max(text_width(line, size=size, bold=bold) for line in candidate)

    for bad in (_unbreakable(words), set()):
        for count in range(1, min(len(words), 4) + 1):
            fitting = [c for c in _splits(words, count, bad) if widest(c) <= width]
            if fitting:
                return min(fitting, key=lambda c: (round(widest(c), 1), -len(c[0])))
    return words if len(words) <= 4 else [text]


FONT_FILES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}


def font_path(*, bold: bool = False, italic: bool = False):
    """The bundled Liberation Serif 2.x file for this style (the only fonts documents use)."""
    return settings.BASE_DIR / "static" / "fonts" / FONT_FILES[(bold, italic)]
