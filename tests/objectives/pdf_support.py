"""Reading a rendered PDF back (pdfplumber) the way a records officer reads it: lines of text with
their font, size, style and position, the rules drawn under them, the images and table cells."""

import io
import re
import unicodedata
from dataclasses import dataclass, field

import pdfplumber

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
RUN_GAP = 12  # points: a wider gap between two characters starts another run (column, cell)


def clean(text: str) -> str:
    """NFC, whitespace collapsed: how texts are compared."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@dataclass
class Run:
    """Consecutive characters on one baseline of one page."""

    page: int  # 1-based
    chars: list = field(repr=False)
    text: str = ""

    def __post_init__(self):
        self.text = clean("".join(c["text"] for c in self.chars))

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.visible)

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.visible)

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.visible)

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.visible)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def visible(self) -> list:
        return [c for c in self.chars if c["text"].strip()]

    @property
    def sizes(self) -> set[float]:
        return {round(c["size"], 1) for c in self.visible}

    @property
    def size(self) -> float:
        (size,) = self.sizes
        return size

    @property
    def fonts(self) -> set[str]:
        return {c["fontname"].split("+")[-1] for c in self.visible}

    @property
    def bold(self) -> bool:
        return all("Bold" in font for font in self.fonts)

    @property
    def italic(self) -> bool:
        return all("Italic" in font for font in self.fonts)

    @property
    def plain(self) -> bool:
        return not any("Bold" in font or "Italic" in font for font in self.fonts)


@dataclass
class Rule:
    page: int
    x0: float
    x1: float
    top: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


class Pdf:
    def __init__(self, data: bytes):
        assert data[:5] == b"%PDF-"
        self.document = pdfplumber.open(io.BytesIO(data))
        self.pages = self.document.pages
        self.runs = [
            run for number, page in enumerate(self.pages, 1) for run in _runs(page, number)
        ]

    def texts(self, page: int | None = None) -> list[str]:
        return [run.text for run in self.runs if page is None or run.page == page]

    def find(self, text: str, *, page: int | None = None) -> Run:
        """The one run whose text is exactly `text` (after clean())."""
        found = self.find_all(text, page=page)
        assert len(found) == 1, (text, len(found), self.texts(page))
        return found[0]

    def find_all(self, text: str, *, page: int | None = None) -> list[Run]:
        text = clean(text)
        return [r for r in self.runs if r.text == text and (page is None or r.page == page)]

    def starting(self, prefix: str, *, page: int | None = None) -> list[Run]:
        return [
            r
            for r in self.runs
            if r.text.startswith(clean(prefix)) and (page is None or r.page == page)
        ]

    def full_text(self) -> str:
        return clean(" ".join(run.text for run in self.runs))

    def rules(self, page: int) -> list[Rule]:
        """Thin horizontal rectangles: the rules WeasyPrint draws for borders."""
        return [
            Rule(page, r["x0"], r["x1"], r["top"])
            for r in self.pages[page - 1].rects
            if r["height"] <= 1.0 and r["width"] > 5
        ]

    def rule_under(self, run: Run, *, within: float = 8) -> Rule:
        candidates = [
            rule
            for rule in self.rules(run.page)
            if 0 <= rule.top - run.bottom <= within and run.x0 - 2 <= rule.centre <= run.x1 + 2
        ]
        assert len(candidates) == 1, (run.text, candidates)
        return candidates[0]

    def images(self, page: int) -> list[dict]:
        return list(self.pages[page - 1].images)

    def tables(self, page: int) -> list[list[list[str | None]]]:
        tables = self.pages[page - 1].extract_tables()
        return [[[_cell(cell) if cell else cell for cell in row] for row in t] for t in tables]


def _cell(text: str) -> str:
    """A table cell's lines joined as typed: a line broken after "/" had no space there."""
    return clean(re.sub(r"/\n", "/", text))


def _baseline(char) -> float:
    # Liberation Serif's descent is 0.216 em: characters of different sizes on one line share it.
    return char["bottom"] - 0.216 * char["size"]


def _runs(page, number: int) -> list[Run]:
    chars = sorted(page.chars, key=lambda c: (_baseline(c), c["x0"]))
    lines, current = [], []
    for char in chars:
        if current and abs(_baseline(char) - _baseline(current[-1])) > 1.5:
            lines.append(current)
            current = []
        current.append(char)
    if current:
        lines.append(current)
    runs = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        run = [line[0]]
        for char in line[1:]:
            if char["x0"] - run[-1]["x1"] > RUN_GAP:
                runs.append(Run(number, run))
                run = []
            run.append(char)
        runs.append(Run(number, run))
    return [run for run in runs if run.text]


def _resolve(value):
    return value.resolve() if hasattr(value, "resolve") else value


def embedded_fonts(page) -> dict[str, bool]:
    """Font name (without subset prefix) → whether the font program is embedded."""
    fonts = {}
    for reference in _resolve(_resolve(page.page_obj.resources)["Font"]).values():
        font = _resolve(reference)
        if "FontDescriptor" not in font:  # Type0: the descriptor is on the descendant font
            font = _resolve(_resolve(font["DescendantFonts"])[0])
        descriptor = _resolve(font["FontDescriptor"])
        name = font["BaseFont"].name.split("+")[-1]
        fonts[name] = any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3"))
    return fonts


def text_area(page) -> tuple[float, float]:
    """(left, right) of the text area of a page (either orientation)."""
    return MARGINS_MM["left"] * MM, page.width - MARGINS_MM["right"] * MM


def qr_modules(image: dict, border: int) -> list[list[bool]]:
    """The dark modules of a QR code image embedded in the PDF (RGB, one module = n pixels)."""
    width = image["srcsize"][0]
    data = image["stream"].get_data()
    modules = None
    for count in range(21, 178, 4):  # QR versions 1–40
        if width % (count + 2 * border) == 0:
            modules = count
            break
    assert modules, width
    scale = width // (modules + 2 * border)
    rows = []
    for row in range(modules):
        y = (row + border) * scale + scale // 2
        line = []
        for column in range(modules):
            x = (column + border) * scale + scale // 2
            line.append(data[(y * width + x) * 3] < 128)
        rows.append(line)
    return rows
