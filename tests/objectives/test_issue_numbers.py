"""A document without a number (issue 18): it prints no "Số:" line, messages and /v/ show no
lone symbol, and no document-type abbreviation is invented for the list and table forms (NĐ30,
Phụ lục III has none for them: the symbol is the agency's to set, empty by default)."""

import datetime
from io import BytesIO

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone

from documents import workflow
from documents.models import Status
from tests.factories import ObjectiveSetFactory
from tests.objectives.views_support import client_for


def _approved(agency, **fields):
    return ObjectiveSetFactory(
        agency=agency, approved=True, with_objectives=2, approved_at=timezone.now(), **fields
    )


def _text(pdf: bytes) -> str:
    with pdfplumber.open(BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def _symbol_value(response) -> str:
    page = response.content.decode()
    tag = page[page.index('name="symbol"') :].split(">")[0]
    return tag.split('value="')[1].split('"')[0] if 'value="' in tag else ""


@pytest.mark.parametrize("form", ["list", "table"])
def test_the_list_and_table_forms_get_no_invented_symbol(agency, people, form):
    approved = _approved(agency, form=form)

    response = client_for(people["records_officer"]).get(
        reverse("objectives:set_issue", args=[approved.pk])
    )

    assert response.status_code == 200
    assert _symbol_value(response) == ""
    assert "MTCL" not in response.content.decode()


def test_a_decision_keeps_its_qd_symbol(agency, people):
    approved = _approved(agency, form="decision")

    response = client_for(people["records_officer"]).get(
        reverse("objectives:set_issue", args=[approved.pk])
    )

    assert _symbol_value(response) == "QĐ-VP"


def test_a_list_issued_without_number_or_symbol_says_so(client, agency, people, fast_render):
    approved = _approved(agency, form="list")
    officer = client_for(people["records_officer"])
    today = datetime.date.today().strftime("%d/%m/%Y")

    response = officer.post(
        reverse("objectives:set_issue", args=[approved.pk]),
        {"number": "", "symbol": "", "issued_on": today},
        follow=True,
    )

    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [f"Đã ban hành “{approved}” (văn bản không mang số)."]
    approved.refresh_from_db()
    assert (approved.status, approved.number, approved.symbol) == (Status.ISSUED, None, "")
    workflow.document_publish(document=approved, actor=people["iso_officer"])
    page = client.get(reverse("documents:verify", args=[approved.verification_code]))
    text = page.content.decode()
    assert " /" not in text.split("Số, ký hiệu")[1].split("</dd>")[0]


def test_an_unnumbered_symbol_is_no_number(agency):
    issued = ObjectiveSetFactory(agency=agency, issued=True, number=None, symbol="MTCL-UBND")
    assert issued.number_and_symbol == ""


def test_a_decision_issued_without_a_number_prints_no_number_line(agency, people):
    approved = _approved(agency, form="decision")

    document = workflow.document_issue(
        document=approved,
        actor=people["records_officer"],
        number=None,
        symbol="QĐ-VP",
        issued_on=timezone.localdate(),
    )

    with document.issued_file.open("rb") as stored:
        text = _text(stored.read())
    assert "Số:" not in text
    assert "/QĐ-VP" not in text
    assert "Quyết định số" not in text
