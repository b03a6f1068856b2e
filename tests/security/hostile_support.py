"""Hostile text in every user text field of the security world: HTML and script, and what a
spreadsheet would run as a formula. Field number i gets payload (i + rotation) mod 5, so over
the five rotations every field carries every payload."""

import io
import re
import zipfile

from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from qms_objectives.fields import LongTextField, TextLineField

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
)
HTML_PAYLOADS = PAYLOADS[:2]
FORMULA_START = ("=", "+", "-", "@")
# What must never reach a page unescaped.
RAW_HTML = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


def _objects(world) -> list:
    sets = [
        world.draft,
        world.submitted,
        world.approved,
        world.published,
        world.department_draft,
        world.other_department_published,
    ]
    objects = [world.agency, world.department, world.other_department, *sets]
    for objective_set in sets:
        objects += list(objective_set.sections.order_by("pk"))
        for objective in objective_set.objectives.order_by("pk"):
            objects += [objective, *objective.targets.order_by("pk")]
    objects += [world.report, world.risk, world.department_risk, world.evidence]
    objects += [world.evidence.result]
    objects += list(world.agency.memberships.order_by("pk"))
    return objects


def text_fields(model) -> list[str]:
    """Every field users type text into (the project's clean-text fields; a user's names)."""
    if model is get_user_model():
        return ["first_name", "last_name"]
    return [
        f.name for f in model._meta.concrete_fields if isinstance(f, TextLineField | LongTextField)
    ]


def targets(world) -> list[tuple]:
    """(model, pk, field) for every text field of every object of the world."""
    found = []
    for obj in _objects(world):
        found += [(type(obj), obj.pk, name) for name in text_fields(type(obj))]
    for user in world.people.values():
        found += [(type(user), user.pk, name) for name in text_fields(type(user))]
    return found


def make_hostile(world, rotation: int = 0) -> dict[str, int]:
    """Write the payloads with queryset.update() (issued documents refuse save()); returns how
    many fields carry each payload."""
    counts = dict.fromkeys(PAYLOADS, 0)
    for index, (model, pk, name) in enumerate(targets(world)):
        payload = PAYLOADS[(index + rotation) % len(PAYLOADS)]
        model._default_manager.filter(pk=pk).update(**{name: payload})
        counts[payload] += 1
    return counts


def squash(text: str) -> str:
    """For comparing text read back from a PDF: no whitespace (line breaks, justification),
    case folded (names printed in capitals)."""
    return re.sub(r"\s+", "", text).casefold()


def xlsx_cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def xlsx_formula_parts(content: bytes) -> list[str]:
    """<f> elements in the raw sheet XML: a formula whatever openpyxl reports."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        return [n for n in sheets if b"<f>" in archive.read(n) or b"<f " in archive.read(n)]
