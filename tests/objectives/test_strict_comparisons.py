"""Issue 19, finding 3: "trên 90%" is strictly more than 90 % and "dưới 5%" strictly less than
5 %: a result of exactly 90 % is not reached. The comparisons print as the auditor reads them
and an XLSX may write them as "Trên"/"Dưới" or ">"/"<"."""

from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.scoring import Outcome, RollUpRule, combine, score, score_cumulative
from objectives.excel.import_ import set_import_xlsx
from objectives.models import Comparison, DocumentForm
from objectives.printing.render import render_set
from objectives.printing.rows import target_wording
from objectives.selectors import set_with_content
from objectives.templatetags.editor_ui import target_label
from tests.factories import ObjectiveFactory, ObjectiveSetFactory, TargetFactory
from tests.objectives.excel_support import row, template_with
from tests.objectives.pdf_support import Pdf
from tests.objectives.test_views_objectives import HTMX, objective_data
from tests.objectives.views_support import client_for

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.mark.parametrize(
    ("comparison", "goal", "actual", "expected"),
    [
        (Comparison.GREATER_THAN, 90, "90", Outcome.NOT_REACHED),
        (Comparison.GREATER_THAN, 90, "90.01", Outcome.REACHED),
        (Comparison.GREATER_THAN, 90, "89.99", Outcome.NOT_REACHED),
        (Comparison.LESS_THAN, 5, "5", Outcome.NOT_REACHED),
        (Comparison.LESS_THAN, 5, "4.99", Outcome.REACHED),
        (Comparison.LESS_THAN, 5, "5.01", Outcome.NOT_REACHED),
    ],
)
def test_trên_and_dưới_are_strict(comparison, goal, actual, expected):
    assert score(comparison=comparison, target_value=D(goal), actual=D(actual)) == expected


def test_a_count_under_a_strict_ceiling_misses_when_it_reaches_it():
    under_three = {"comparison": Comparison.LESS_THAN, "target_value": D(3)}
    assert score_cumulative(total=D(2), year_closed=False, **under_three) == Outcome.PENDING
    assert score_cumulative(total=D(3), year_closed=False, **under_three) == Outcome.NOT_REACHED
    assert score_cumulative(total=D(2), year_closed=True, **under_three) == Outcome.REACHED
    over_one = {"comparison": Comparison.GREATER_THAN, "target_value": D(1)}
    assert score_cumulative(total=D(1), year_closed=False, **over_one) == Outcome.PENDING
    assert score_cumulative(total=D(1), year_closed=True, **over_one) == Outcome.NOT_REACHED


def test_the_worst_of_a_strict_ceiling_is_the_highest():
    class R:
        def __init__(self, value):
            self.value, self.numerator, self.denominator, self.assessment = value, None, None, ""

    values = [R(D(1)), R(D(4)), R(D(2))]
    assert combine(values, rule=RollUpRule.WORST, comparison=Comparison.LESS_THAN).value == 4
    assert combine(values, rule=RollUpRule.WORST, comparison=Comparison.GREATER_THAN).value == 1


def test_a_target_without_wording_prints_trên_and_dưới():
    above = TargetFactory.build(comparison=Comparison.GREATER_THAN, value=D(90), wording="")
    below = TargetFactory.build(comparison=Comparison.LESS_THAN, value=D(5), wording="")
    assert (target_wording(above), target_wording(below)) == ("trên 90%", "dưới 5%")
    assert (target_label(above), target_label(below)) == ("> 90 %", "< 5 %")


def test_the_printed_set_reads_trên_90_and_dưới_5(agency):
    objective_set = ObjectiveSetFactory(agency=agency, year=2024, form=DocumentForm.LIST)
    objective = ObjectiveFactory(
        objective_set=objective_set, order=1, content="Văn bản điện tử trong nội bộ."
    )
    TargetFactory(
        objective=objective, comparison=Comparison.GREATER_THAN, value=90, wording="", order=1
    )
    TargetFactory(
        objective=objective, comparison=Comparison.LESS_THAN, value=5, wording="", order=2
    )
    pdf = Pdf(render_set(set_with_content(objective_set.pk), final=True))
    assert "- Chỉ tiêu: trên 90%; dưới 5%./." in pdf.texts()


@pytest.mark.parametrize(
    ("above", "below"), [("Trên", "Dưới"), (">", "<"), ("trên", "dưới"), ("Trên (>)", "Dưới (<)")]
)
def test_an_xlsx_writes_trên_and_dưới(people, agency, above, below):
    rows = [
        row(section="I. Đối với cơ quan:"),
        row(number=1, content="Văn bản điện tử.", comparison=above, value=90, unit="%"),
        row(comparison=below, value=5, unit="%"),
    ]
    data = template_with(agency, rows)
    created = set_import_xlsx(agency=agency, year=2025, actor=people["iso_officer"], data=data)
    targets = created.objectives.get().targets.order_by("order")
    assert [(t.comparison, t.value) for t in targets] == [
        (Comparison.GREATER_THAN, 90),
        (Comparison.LESS_THAN, 5),
    ]


def test_the_editor_saves_trên(agency, people):
    draft = ObjectiveSetFactory(agency=agency, with_objectives=1)
    objective = draft.objectives.get()
    client = client_for(people["iso_officer"])
    data = objective_data(
        objective,
        **{
            "targets-0-comparison": "greater_than",
            "targets-0-value": "90",
            "targets-0-wording": "",
        },
    )
    response = client.post(reverse("objectives:objective_edit", args=[objective.pk]), data, **HTMX)
    assert response.status_code == 200
    target = objective.targets.get()
    assert (target.comparison, target.value) == (Comparison.GREATER_THAN, 90)
    assert target_wording(target) == "trên 90%"
