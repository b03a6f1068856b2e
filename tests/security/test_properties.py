"""Property tests (Hypothesis): whatever is posted to any form of the project, whatever is typed
as a target value, whatever workbook is uploaded to the Excel import, the answer is a form
error or the importer's own rejection with messages — never an exception, never a 500.

Bounded for the suite: 15-30 examples a property, no deadline, derandomized (the same examples
every run), no example database on disk."""

import io
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from hypothesis import assume, event, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from documents.models import Status
from evaluation.models import EvaluationReport
from objectives.excel.columns import COLUMNS, FIRST_DATA_ROW, SET_FIELDS, SET_VALUE_COLUMN
from objectives.excel.import_ import set_import_xlsx
from objectives.excel.problems import ImportRejected
from objectives.excel.template import blank_template_xlsx
from objectives.forms import TargetForm, TargetFormSet
from objectives.models import Objective
from tests.security.conftest import client_as
from tests.security.property_support import (
    EXTRA_FORMS,
    FEW,
    FORM_ARGUMENTS,
    NASTY,
    PROPERTY,
    TEXT,
    discovered_forms,
    form_data,
)

FORMS = discovered_forms() + EXTRA_FORMS


def _rolled_back(check):
    """Run `check` in a transaction that is undone: every example starts from the same world."""
    with transaction.atomic():
        check()
        transaction.set_rollback(True)


def test_every_form_of_the_project_is_covered():
    names = {form.__name__ for form in FORMS}
    assert len(FORMS) >= 25
    missing = sorted(names - set(FORM_ARGUMENTS))
    assert not missing, f"forms without arguments in property_support.FORM_ARGUMENTS: {missing}"


@pytest.mark.parametrize("form_class", FORMS, ids=[f.__name__ for f in FORMS])
@PROPERTY
@given(data=st.data())
def test_no_form_raises_whatever_is_posted(db, world, form_class, data):
    arguments = FORM_ARGUMENTS[form_class.__name__]
    posted, files = data.draw(form_data(form_class(**arguments(world))))

    def check():
        form = form_class(posted, files, **arguments(world))
        form.is_valid()
        form.errors.as_json()
        str(form)  # and it renders again with what was typed

    _rolled_back(check)


@FEW
@given(
    data=st.data(),
    total=st.one_of(st.integers(-5, 30).map(str), NASTY),
    initial=st.one_of(st.integers(-5, 5).map(str), NASTY),
)
def test_the_target_formset_survives_any_management_data(db, world, data, total, initial):
    posted = {"targets-TOTAL_FORMS": total, "targets-INITIAL_FORMS": initial}
    for index in range(3):
        row, _files = data.draw(form_data(TargetForm(), prefix=f"targets-{index}"))
        posted.update(row)
    objective = Objective.objects.filter(objective_set=world.draft).first()

    def check():
        formset = TargetFormSet(posted, instance=objective, prefix="targets")
        formset.is_valid()
        str(formset.non_form_errors())

    _rolled_back(check)


# --- target values --------------------------------------------------------------------------


def _target_value(text: str):
    form = TargetForm({"comparison": "at_least", "value": text, "unit": "%", "wording": "x"})
    return form.cleaned_data["value"] if form.is_valid() else form.errors["value"]


def test_target_values_read_as_people_type_them(db):
    with translation.override("vi"):
        assert _target_value("95,5") == Decimal("95.5")
        assert _target_value("96") == Decimal(96)
        for refused in ("abc", "", "1e400", "9" * 40, "NaN", "Infinity", "-1", "1,2,3"):
            assert isinstance(_target_value(refused), list), refused
    with translation.override("en"):
        assert _target_value("95.5") == Decimal("95.5")


@PROPERTY
@given(text=st.one_of(NASTY, TEXT, st.decimals(allow_nan=True, allow_infinity=True).map(str)))
def test_a_target_value_is_a_percentage_or_a_message(db, text):
    for language in ("vi", "en"):
        with translation.override(language):
            value = _target_value(text)
            if isinstance(value, Decimal):
                assert value.is_finite() and Decimal(0) <= value <= Decimal(100)
            else:
                assert value and all(isinstance(m, str) and m for m in value)


# --- the Excel import -----------------------------------------------------------------------

LEGAL_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), st.sampled_from("\t\n")
    ),
    max_size=40,
)
CELL = st.one_of(
    st.none(),
    LEGAL_TEXT,
    st.sampled_from(["≥", "≤", "=", "%", "Quý", "6 tháng", "Có", "x", "=1+1", "95,5", "1.000"]),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, max_value=10**12),
    st.dates(),
    st.booleans(),
)


def _workbook(rows, set_values, title, merge) -> bytes:
    """The blank template of the world's agency with random set fields and rows."""
    workbook = load_workbook(io.BytesIO(_template()))
    sheet = workbook["Mục tiêu"]
    for index, value in enumerate(set_values[: len(SET_FIELDS)], start=1):
        sheet.cell(row=index, column=SET_VALUE_COLUMN, value=value)
    for offset, cells in enumerate(rows):
        for column, value in enumerate(cells[: len(COLUMNS)], start=1):
            sheet.cell(row=FIRST_DATA_ROW + offset, column=column, value=value)
    if merge:
        sheet.merge_cells(f"B{FIRST_DATA_ROW}:C{FIRST_DATA_ROW}")
    if title is not None:
        sheet.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_TEMPLATE = {}


def _template() -> bytes:
    if "bytes" not in _TEMPLATE:
        from agencies.models import Agency

        _TEMPLATE["bytes"] = blank_template_xlsx(Agency.objects.first())
    return _TEMPLATE["bytes"]


def _imports_or_rejects(world, content: bytes) -> None:
    def check():
        try:
            imported = set_import_xlsx(
                agency=world.agency,
                department=None,
                year=2032,
                actor=world.people["iso_officer"],
                data=content,
                filename="tep-ngau-nhien.xlsx",
            )
        except ImportRejected as rejected:
            assert rejected.problems and rejected.message
            assert all(str(problem) for problem in rejected.problems)
            event("rejected")
        else:
            assert imported.status == Status.DRAFT
            event("imported")

    _rolled_back(check)


@PROPERTY
@given(
    rows=st.lists(st.lists(CELL, max_size=len(COLUMNS)), max_size=6),
    set_values=st.lists(CELL, max_size=len(SET_FIELDS)),
    title=st.one_of(st.none(), st.sampled_from(["Sheet", "Mục tiêu (2)", "Danh mục"])),
    merge=st.booleans(),
)
def test_the_importer_takes_any_workbook_or_says_why_not(db, world, rows, set_values, title, merge):
    try:
        content = _workbook(rows, set_values, title, merge)
    except ValueError:  # a sheet title openpyxl itself refuses: not a workbook anyone can send
        assume(False)
    _imports_or_rejects(world, content)


@FEW
@given(
    content=st.one_of(
        st.binary(max_size=3000),
        st.binary(max_size=3000).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=500).map(lambda b: _template()[:1500] + b),
    )
)
def test_the_importer_rejects_any_bytes_that_are_no_workbook(db, world, content):
    _imports_or_rejects(world, content)


# --- through the views ----------------------------------------------------------------------


def _draft_report(world):
    EvaluationReport.objects.filter(pk=world.report.pk).update(status=Status.DRAFT)


VIEW_POSTS = {
    # name: (role, url, form name and its prefix, extra fields, preparation)
    "set_header": (
        "iso_officer",
        lambda w: reverse("objectives:set_header", args=[w.draft.pk]),
        ("SetHeaderForm", ""),
        {"version": st.one_of(st.just("1"), NASTY)},
    ),
    "objective_add": (
        "iso_officer",
        lambda w: reverse("objectives:objective_add", args=[w.draft.pk]),
        ("ObjectiveForm", ""),
        {"targets-TOTAL_FORMS": st.just("0"), "targets-INITIAL_FORMS": st.just("0")},
    ),
    "section_add": (
        "iso_officer",
        lambda w: reverse("objectives:section_add", args=[w.draft.pk]),
        ("SectionForm", ""),
        {},
    ),
    "set_start": (
        "iso_officer",
        lambda w: reverse("objectives:set_start"),
        ("BlankStartForm", "blank"),
        {"method": st.sampled_from(["blank", "copy", "other", ""])},
    ),
    "set_return": (
        "head",
        lambda w: reverse("objectives:set_return", args=[w.submitted.pk]),
        ("ReturnForm", ""),
        {},
    ),
    "risk_new": (
        "iso_officer",
        lambda w: reverse("risks:risk_new", args=[w.agency.pk, 2024]),
        ("RiskForm", ""),
        {},
    ),
    "member_add": (
        "administrator",
        lambda w: reverse("agencies:member_add", args=[w.agency.pk]),
        ("MemberAddForm", ""),
        {},
    ),
    "results_entry": (
        "iso_officer",
        lambda w: reverse("monitoring:agency_entry", args=[w.agency.pk, "2024-Q1"]),
        ("ResultForm", "t{target}"),
        {"reason": st.one_of(st.just(""), TEXT)},
    ),
    "evaluation": (
        "iso_officer",
        lambda w: reverse("evaluation:detail", args=[w.report.pk]),
        ("ReportForm", ""),
        {},
    ),
}


@pytest.mark.parametrize("view", VIEW_POSTS)
@FEW
@given(data=st.data())
def test_no_view_answers_500_to_any_post(db, world, view, data):
    role, url, (form_name, prefix), extra = VIEW_POSTS[view]
    form_class = next(f for f in FORMS if f.__name__ == form_name)
    target = world.published.objectives.get().targets.get()
    prefix = prefix.replace("{target}", str(target.pk))
    posted, files = data.draw(form_data(form_class(**FORM_ARGUMENTS[form_name](world)), prefix))
    posted.update({name: data.draw(strategy) for name, strategy in extra.items()})

    def check():
        if view == "evaluation":
            _draft_report(world)
        response = client_as(world, role).post(url(world), {**posted, **files})
        assert response.status_code < 500

    _rolled_back(check)


@FEW
@given(
    query=st.dictionaries(
        st.sampled_from(
            ["department", "section", "state", "kind", "band", "status", "sort", "q", "day"]
        ),
        TEXT,
        max_size=4,
    )
)
def test_no_filter_answers_500_to_any_query(db, world, query):
    client = client_as(world, "staff")
    for url in (
        reverse("monitoring:dashboard", args=[world.agency.pk, 2024]),
        reverse("risks:register", args=[world.agency.pk, 2024]),
        reverse("objectives:reading_search"),
        reverse("monitoring:agency_entry", args=[world.agency.pk, "2024-Q1"]),
    ):
        assert client.get(url, query).status_code < 500, url
