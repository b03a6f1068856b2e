"""Issue 19, finding 13: a mid-year revision of a published set with results recorded. A target
whose measure (comparison, value, unit) the revision kept carries its series over, wording
changes included; a target whose measure changed starts a new series, and the old one stays on
the revised set's target, shown read-only beside the new one. Nothing is copied or moved."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import workflow
from documents.models import Status
from evaluation.selectors import evaluation_of
from monitoring.dashboard import Filters, dashboard
from monitoring.models import Result
from monitoring.scoring import Outcome
from monitoring.selectors import due_reports
from monitoring.services import result_record
from objectives.models import Comparison, Target
from objectives.services import starting
from tests.monitoring.conftest import add_objective, publish_set, put

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_render")]

APRIL, JULY = date(2024, 4, 10), date(2024, 7, 15)


def _record(target, key, value, actor, today):
    return result_record(
        target=target, period_key=key, actor=actor, value=Decimal(value), today=today
    )


def _publish(revision, people):
    workflow.document_submit(document=revision, actor=people["iso_officer"])
    workflow.document_approve(document=revision, actor=people["deputy"])
    workflow.document_issue(
        document=revision,
        actor=people["records_officer"],
        number=2,
        symbol="QĐ-VP",
        issued_on=timezone.localdate(),  # not before the approval, made today
    )
    workflow.document_publish(document=revision, actor=people["iso_officer"])


@pytest.fixture
def revised(agency, people):
    """Q1 recorded on the original; the revision rewords the first target and raises the
    second from 90 % to 95 %; Q2 recorded on the revision."""
    officer = people["iso_officer"]
    original = publish_set(agency)
    add_objective(original, content="Hồ sơ đúng hạn.", targets=[{"wording": "≥ 96%"}])
    add_objective(original, content="Văn bản điện tử.", targets=[{"value": 90, "wording": ""}])
    kept, raised = (o.targets.get() for o in original.objectives.order_by("order", "pk"))
    _record(kept, "2024-Q1", 100, officer, APRIL)
    _record(raised, "2024-Q1", 92, officer, APRIL)

    revision = starting.set_revise(document=original, actor=officer)
    new_kept, new_raised = (o.targets.get() for o in revision.objectives.order_by("order", "pk"))
    new_kept.wording = "tối thiểu 96%"  # the wording only
    new_kept.save()
    new_raised.value = Decimal(95)  # the measure
    new_raised.save()
    _publish(revision, people)
    new_kept, new_raised = (Target.objects.get(pk=t.pk) for t in (new_kept, new_raised))

    _record(new_kept, "2024-Q2", 94, officer, JULY)
    _record(new_raised, "2024-Q2", 96, officer, JULY)
    return {"original": original, "revision": revision, "old": (kept, raised)}


def test_a_reworded_target_keeps_its_series_and_scores_the_year_from_both(agency, revised):
    first, _second = dashboard(agency=agency, year=2024, filters=Filters(), today=JULY)["rows"]
    (line,) = first.targets
    assert line.target.wording == "tối thiểu 96%"
    assert [(p.period.key, p.value) for p in line.points if p.has_data] == [
        ("2024-Q1", Decimal(100)),
        ("2024-Q2", Decimal(94)),
    ]
    assert line.ytd.value == Decimal(97)  # (100 + 94) / 2: Q1 counts, ≥ 96 % reached
    assert line.outcome == Outcome.REACHED
    assert line.previous is None


def test_a_changed_measure_starts_a_new_series_and_keeps_the_old_one(agency, revised):
    _first, second = dashboard(agency=agency, year=2024, filters=Filters(), today=JULY)["rows"]
    (line,) = second.targets
    assert [(p.period.key, p.value) for p in line.points if p.has_data] == [
        ("2024-Q2", Decimal(96))
    ]
    assert (line.ytd.value, line.outcome) == (Decimal(96), Outcome.REACHED)
    old = line.previous
    assert old.target == revised["old"][1]
    assert old.target.objective.objective_set == revised["original"]
    assert [(p.period.key, p.value) for p in old.points if p.has_data] == [("2024-Q1", Decimal(92))]
    assert (old.ytd.value, old.outcome) == (Decimal(92), Outcome.REACHED)  # against ≥ 90 %
    # nothing copied or moved: the superseded set keeps its Q1 results, four results in all
    original = revised["original"]
    original.refresh_from_db()
    assert original.status == Status.SUPERSEDED
    kept, raised = revised["old"]
    assert [r.period_key for r in Result.objects.filter(target__in=[kept, raised])] == [
        "2024-Q1",
        "2024-Q1",
    ]
    assert Result.objects.count() == 4


def test_the_dashboard_shows_the_old_series_beside_the_new_one(client, people, agency, revised):
    client.force_login(people["iso_officer"])
    page = client.get(reverse("monitoring:dashboard", args=[agency.pk, 2024]))
    html = page.content.decode()
    assert html.count('data-testid="previous-series"') == 1
    assert "Theo bản ban hành trước (chỉ tiêu cũ" in html
    assert "Quý I/2024: 92%" in html


def test_the_year_end_figures_and_due_reports_count_the_carried_quarter(agency, revised):
    evaluation = evaluation_of(revised["revision"], today=JULY)
    kept, raised = (o.targets[0] for o in evaluation.objectives)
    assert (kept.value, kept.outcome) == (Decimal(97), Outcome.REACHED)
    assert raised.value == Decimal(96)
    q1, q2 = due_reports(agency=agency, year=2024, today=JULY)
    assert (q1.period.key, q1.expected, q1.recorded) == ("2024-Q1", 2, 2)
    assert (q2.period.key, q2.expected, q2.recorded) == ("2024-Q2", 2, 2)


def test_a_revised_change_target_keeps_last_years_baseline(agency, people):
    """ "Giảm so với năm trước": after a reworded revision the baseline is still last year's
    figure, not this year's results of the revised set's target."""
    officer = people["iso_officer"]
    last_year = add_objective(
        publish_set(agency, year=2023),
        targets=[{"comparison": Comparison.AT_MOST, "value": 20, "unit": "vụ"}],
    ).targets.get()
    put(last_year, "2023-Q1", value=5, user=officer)
    put(last_year, "2023-Q2", value=7, user=officer)  # average 6 complaints a quarter
    original = publish_set(agency)
    decrease = {"comparison": Comparison.DECREASE_BY, "value": 0, "unit": "vụ", "wording": ""}
    first = add_objective(original, targets=[{**decrease, "copied_from": last_year}])
    _record(first.targets.get(), "2024-Q1", 3, officer, APRIL)

    revision = starting.set_revise(document=original, actor=officer)
    target = Target.objects.get(objective__objective_set=revision)
    target.wording = "giảm so với năm trước"
    target.save()
    _publish(revision, people)
    _record(Target.objects.get(pk=target.pk), "2024-Q2", 5, officer, JULY)

    (row,) = dashboard(agency=agency, year=2024, filters=Filters(), today=JULY)["rows"]
    (line,) = row.targets
    assert line.baseline == Decimal(6)  # not Q1's 3 under the revised set
    assert (line.ytd.value, line.outcome) == (Decimal(4), Outcome.REACHED)  # (3 + 5) / 2 < 6
    (figure,) = evaluation_of(revision, today=JULY).objectives[0].targets
    assert figure.outcome == Outcome.REACHED
