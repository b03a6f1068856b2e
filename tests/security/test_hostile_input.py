"""Hostile text in every text field of a set, section, objective, target, agency, department,
member, result, evidence, risk and evaluation report: escaped in every page, read back as the
same characters from the PDFs (nothing made a link or a script) and the DOCX, and never a
formula in an XLSX export (text stays text, character for character; the CSV puts an
apostrophe before it, the OWASP advice for files without cell types)."""

import csv
import io
import re

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from objectives.models import DocumentForm, ObjectiveSet
from objectives.printing.docx import render_set_docx
from tests.security.conftest import client_as
from tests.security.hostile_support import (
    FORMULA_START,
    PAYLOADS,
    RAW_HTML,
    make_hostile,
    squash,
    xlsx_cells,
    xlsx_formula_parts,
)
from tests.security.url_table import ROLES, TABLE

ROTATIONS = range(len(PAYLOADS))
PAGES = [
    (row, next(r for r in ROLES if row.expected[r] == 200))
    for row in TABLE
    if any(row.expected[r] == 200 for r in ROLES)
]


def test_every_field_carries_every_payload_over_the_rotations(db, world):
    counts = make_hostile(world)
    assert sum(counts.values()) > 150
    assert min(counts.values()) >= 30


@pytest.mark.parametrize("rotation", ROTATIONS)
def test_pages_escape_hostile_text(db, world, rotation):
    make_hostile(world, rotation)
    shown, leaks = 0, {}
    for row, role in PAGES:
        response = client_as(world, role).get(reverse(row.name, kwargs=row.kwargs(world)))
        assert response.status_code == 200, row.id
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        shown += html.count("&lt;script&gt;alert(1)&lt;/script&gt;")
        found = [raw for raw in RAW_HTML if raw in html]
        if found:
            leaks[row.id] = found
    assert not leaks
    assert shown > 20  # the text is on the pages, escaped


# --- XLSX and CSV -----------------------------------------------------------------------------

XLSX_EXPORTS = {
    "set_published": ("objectives:set_export_xlsx", lambda w: {"pk": w.published.pk}),
    "set_draft": ("objectives:set_export_xlsx", lambda w: {"pk": w.draft.pk}),
    "readers": (
        "objectives:reading_readers_export",
        lambda w: {"pk": w.published.pk, "extension": "xlsx"},
    ),
    "import_template": ("objectives:import_template", lambda w: {"agency_id": w.agency.pk}),
    "risks": ("risks:register_xlsx", lambda w: {"agency_id": w.agency.pk, "year": 2024}),
    "evaluation": ("evaluation:xlsx", lambda w: {"pk": w.report.pk}),
}


def _download(world, name, kwargs) -> bytes:
    response = client_as(world, "iso_officer").get(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("rotation", ROTATIONS)
@pytest.mark.parametrize("export", XLSX_EXPORTS)
def test_xlsx_exports_keep_formula_looking_text_as_text(db, world, export, rotation):
    make_hostile(world, rotation)
    content = _download(world, *XLSX_EXPORTS[export])

    cells = xlsx_cells(content)
    formulas = [f"{c.parent.title}!{c.coordinate}={c.value!r}" for c in cells if c.data_type == "f"]
    assert not formulas
    assert not xlsx_formula_parts(content)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    risky = [t for t in texts if t.startswith(FORMULA_START)]
    if export != "import_template":  # the template shows only the department names
        assert risky, "the hostile text should be in the export"
    exact = [t for t in texts if t in PAYLOADS]
    assert not [t for t in texts if t.startswith("'") and t[1:] in PAYLOADS], (
        "XLSX keeps the exact text (type 's'); the apostrophe is for CSV"
    )
    assert exact or export == "import_template"


def test_the_readers_csv_puts_an_apostrophe_before_formula_looking_text(db, world):
    make_hostile(world)
    response = client_as(world, "iso_officer").get(
        reverse("objectives:reading_readers_export", args=[world.published.pk, "csv"])
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    values = [value for row in rows[1:] for value in row]
    assert not [v for v in values if v.startswith(FORMULA_START)]
    assert [v for v in values if v.startswith("'") and v[1:].startswith(FORMULA_START)]


# --- PDF and DOCX -----------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _assert_inert_and_literal(content: bytes) -> None:
    assert content.startswith(b"%PDF-")
    for marker in (b"/JavaScript", b"/JS ", b"/Launch", b"/OpenAction", b"http://evil"):
        assert marker not in content, marker
    text = squash(_pdf_text(content))
    missing = [p for p in PAYLOADS if squash(p) not in text]
    assert not missing, f"payloads not read back literally: {missing}"


@pytest.mark.parametrize("form", DocumentForm.values)
def test_the_set_pdf_prints_hostile_text_literally(db, world, form):
    make_hostile(world)
    ObjectiveSet.objects.filter(pk=world.draft.pk).update(form=form, annex_as_table=True)
    response = client_as(world, "iso_officer").get(
        reverse("objectives:set_preview", args=[world.draft.pk])
    )
    assert response.status_code == 200
    _assert_inert_and_literal(response.content)


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("evaluation:preview", lambda w: {"pk": w.report.pk}),
        ("risks:register_pdf", lambda w: {"agency_id": w.agency.pk, "year": 2024}),
    ],
    ids=["evaluation", "risks"],
)
def test_other_pdfs_print_hostile_text_literally(db, world, name, kwargs):
    make_hostile(world)
    _assert_inert_and_literal(_download(world, name, kwargs))


@pytest.mark.parametrize("form", DocumentForm.values)
def test_the_docx_holds_hostile_text_as_plain_text(db, world, form):
    make_hostile(world)
    ObjectiveSet.objects.filter(pk=world.published.pk).update(form=form, annex_as_table=True)
    content = render_set_docx(ObjectiveSet.objects.get(pk=world.published.pk))

    document = Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        paragraphs += [cell.text for row in table.rows for cell in row.cells]
    text = "\n".join(paragraphs)
    assert [p for p in PAYLOADS if p in text] == list(PAYLOADS)
    links = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert not [link for link in links if "evil" in link]


def test_an_exported_hostile_set_imports_back_unchanged(db, world):
    from objectives.excel.import_ import set_import_xlsx

    make_hostile(world)
    content = _download(world, "objectives:set_export_xlsx", lambda w: {"pk": w.published.pk})
    imported = set_import_xlsx(
        agency=world.agency,
        department=None,
        year=2030,
        actor=world.people["iso_officer"],
        data=content,
        filename="export.xlsx",
    )
    original = world.published.objectives.get()
    copy = imported.objectives.get()
    assert (copy.content, copy.measures) == (original.content, original.measures)
    assert copy.content in PAYLOADS


# A download name made of quotes or Vietnamese letters must neither break the header nor be
# MIME-encoded into gibberish: an ASCII fallback, and the UTF-8 name per RFC 6266/5987.
DISPOSITION = re.compile(
    r"""^(attachment|inline); filename="(?:[ !#-\[\]-~]|\\["\\])*"(; filename\*=UTF-8''\S+)?$"""
)


@pytest.mark.parametrize("rotation", ROTATIONS)
def test_download_names_stay_well_formed(db, world, rotation):
    make_hostile(world, rotation)
    bad = {}
    for row, role in PAGES:
        response = client_as(world, role).get(reverse(row.name, kwargs=row.kwargs(world)))
        header = response.get("Content-Disposition")
        if header is not None and not DISPOSITION.match(header):
            bad[row.id] = header
    assert not bad
