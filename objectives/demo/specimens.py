"""Specimen signature and seal images for the demo: transparent PNGs that are plainly specimens.

A demo must never carry an imitation of a real official's signature or of a real seal. The
signature is an abstract blue scribble and the seal two red rings around the words "CON DẤU
MẪU"; both have the word "MẪU" (specimen) written across them. Drawing is deterministic, so
running the demo loader twice produces the same bytes.
"""

import io
import math
import random
from functools import cache
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

BLUE = (20, 50, 160, 255)
RED = (200, 20, 30, 255)
SPECIMEN_RED = (200, 20, 30, 170)
SPECIMEN_WORD = "MẪU"
SEAL_RING_TEXT = "CON DẤU MẪU • KHÔNG CÓ GIÁ TRỊ PHÁP LÝ • "
SEAL_PIXELS = 425  # 36 mm at 300 dpi
FONT_FILE = Path(settings.BASE_DIR) / "static" / "fonts" / "LiberationSerif-Bold.ttf"


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILE), size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _stamp_word(image: Image.Image, size: int, angle: float) -> Image.Image:
    """Write "MẪU" across the image, tilted by `angle` degrees."""
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(layer).text(
        (image.width / 2, image.height / 2),
        SPECIMEN_WORD,
        font=_font(size),
        fill=SPECIMEN_RED,
        anchor="mm",
    )
    layer = layer.rotate(angle, resample=Image.BICUBIC, center=(image.width / 2, image.height / 2))
    return Image.alpha_composite(image, layer)


def _scribble_points(seed: str, width: int, height: int) -> list[tuple[float, float]]:
    """A smooth looping line across the image: loops like handwriting, letters of no one."""
    rng = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    loops = rng.randint(4, 6)
    phase = rng.uniform(0, math.pi)
    points = []
    steps = 400
    for i in range(steps + 1):
        t = i / steps
        x = width * (0.08 + 0.84 * t) + 38 * math.cos(2 * math.pi * loops * t + phase)
        swell = 0.55 + 0.45 * math.sin(math.pi * t)
        y = height * 0.55 - 70 * swell * math.sin(2 * math.pi * loops * t) - 30 * t
        points.append((x, y))
    return points


@cache
def signature_png(seed: str) -> bytes:
    """A blue specimen signature, 600 × 240 px, with "MẪU" across it."""
    image = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line(_scribble_points(seed, *image.size), fill=BLUE, width=5, joint="curve")
    draw.line([(70, 200), (540, 185)], fill=BLUE, width=4)
    return _png(_stamp_word(image, 110, 12))


def _ring_text(image: Image.Image, text: str, radius: float, size: int) -> None:
    """Write text clockwise around the centre, each letter upright towards the outside."""
    centre = image.width / 2
    step = 360 / len(text)
    for index, letter in enumerate(text):
        angle = index * step
        tile = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((size, size), letter, font=_font(size), fill=RED, anchor="mm")
        tile = tile.rotate(-angle, resample=Image.BICUBIC)
        x = centre + radius * math.sin(math.radians(angle)) - size
        y = centre - radius * math.cos(math.radians(angle)) - size
        image.alpha_composite(tile, (round(x), round(y)))


@cache
def seal_png() -> bytes:
    """A red round specimen seal (36 mm at 300 dpi): rings, "CON DẤU MẪU", "MẪU" across."""
    size = SEAL_PIXELS
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([6, 6, size - 6, size - 6], outline=RED, width=10)
    draw.ellipse([72, 72, size - 72, size - 72], outline=RED, width=4)
    _ring_text(image, SEAL_RING_TEXT, radius=size / 2 - 40, size=30)
    draw.text((size / 2, size / 2 + 70), "DEMO", font=_font(34), fill=RED, anchor="mm")
    return _png(_stamp_word(image, 120, 20))
