"""Through the year, audit-ready (issue 19, findings 4, 5, 6 and the dashboard half of 10): a
closed year reads as the year-end report's verdict, department results roll up period by
period, charts read without hovering, and a result changed after the report is noted."""

import re
from datetime import date
from decimal import Decimal

import pytest

from documents import workflow
from documents.models import Status
from evaluation.selectors import evaluation_of, report_evaluation
from evaluation.services import report_start, report_submit
from monitoring.dashboard import Filters, ObjectiveState, dashboard
from monitoring.models import Result
from monitoring.scoring import Outcome
from monitoring.services import objective_plan_save
from tests.monitoring.conftest import add_objective, publish_set, put
from tests.monitoring.evaluation_support import YEAR_END

AFTER_GRACE = date(2025, 2, 15)


def data(agency, today, year=2024):
    return dashboard(agency=agency, year=year, filters=Filters(), today=today)


def _issued(report, people):
    report = report_submit(report=report, actor=people["iso_officer"])
    report = workflow.document_approve(document=report, actor=people["head"])
    return workflow.document_issue(
        document=report,
        actor=people["records_officer"],
        number=5,
        symbol="BC-VP",
        issued_on=YEAR_END,
    )


# --- finding 4: a closed year shows the year's verdict ---------------------------------------


def test_after_the_grace_period_the_counters_are_the_year_end_reports(evaluated_set, agency):
    page = data(agency, AFTER_GRACE)
    assert page["closed"]
    report = evaluation_of(evaluated_set, today=AFTER_GRACE)
    assert page["counts"][ObjectiveState.REACHED] == report.counts[Outcome.REACHED] == 1
    assert page["counts"][ObjectiveState.NOT_REACHED] == report.counts[Outcome.NOT_REACHED] == 2
    assert ObjectiveState.ON_TRACK not in page["counts"]
    assert ObjectiveState.AT_RISK not in page["counts"]
    # each card says what its year-to-date line says
    for row in page["rows"]:
        verdicts = {t.outcome for t in row.targets}
        if Outcome.NOT_REACHED in verdicts:
            assert row.state == ObjectiveState.NOT_REACHED
    assert [r.state for r in page["rows"]] == [
        ObjectiveState.REACHED,
        ObjectiveState.NOT_REACHED,
        ObjectiveState.NO_DATA,
        ObjectiveState.NOT_REACHED,
    ]


def test_a_recovered_last_quarter_is_not_on_track_once_the_year_is_closed(agency, people):
    target = add_objective(publish_set(agency)).targets.get()
    user = people["iso_officer"]
    put(target, "2024-Q3", value=80, user=user)
    put(target, "2024-Q4", value=99, user=user)  # 89.5 % for the year
    (during,) = data(agency, date(2024, 12, 20))["rows"]
    assert during.state == ObjectiveState.ON_TRACK
    (after,) = data(agency, AFTER_GRACE)["rows"]
    assert after.targets[0].outcome == Outcome.NOT_REACHED
    assert after.state == ObjectiveState.NOT_REACHED


def test_issuing_the_agencys_report_closes_the_year_before_the_grace_period_ends(
    report, agency, people
):
    assert not data(agency, YEAR_END)["closed"]
    _issued(report, people)
    page = data(agency, YEAR_END)
    assert page["closed"]
    assert page["counts"][ObjectiveState.REACHED] == 1


def test_each_agency_sets_its_own_grace_period(evaluated_set, agency):
    """ "The agency's grace period after 31/12 (a setting, default 31 January)"."""
    assert not data(agency, date(2025, 1, 31))["closed"]
    assert data(agency, date(2025, 2, 1))["closed"]
    agency.year_grace_days = 15
    agency.save(update_fields=["year_grace_days"])
    assert data(agency, date(2025, 1, 16))["closed"]
    assert not data(agency, date(2025, 1, 15))["closed"]


def test_the_page_says_the_rule_on_hover_and_in_the_plan(
    client, people, agency, evaluated_set, today
):
    client.force_login(people["iso_officer"])
    html = client.get(f"/monitoring/{agency.pk}/2024/").content.decode()
    assert 'data-testid="row-state"' in html
    title = re.search(r'title="([^"]+)" data-testid="row-state"', html).group(1)
    assert "kỳ gần nhất" in title
    plan = client.get(f"/monitoring/plans/{evaluated_set.pk}/").content.decode()
    assert "kỳ gần nhất có số liệu" in plan and "lũy kế cả năm" in plan


def test_a_closed_year_page_shows_reached_and_not_reached(client, people, agency, evaluated_set):
    client.force_login(people["iso_officer"])
    from django.utils import timezone

    original = timezone.localdate
    try:
        timezone.localdate = lambda *a, **k: AFTER_GRACE
        html = client.get(f"/monitoring/{agency.pk}/2024/").content.decode()
    finally:
        timezone.localdate = original
    assert 'data-testid="year-closed"' in html
    assert re.search(r'data-testid="count-reached"[^>]*>1 · Đạt<', html)
    assert re.search(r'data-testid="count-not_reached"[^>]*>2 · Không đạt<', html)
    assert "Đúng tiến độ" not in html.split('data-testid="state-rule"')[0]


# --- finding 5: department results rolled up period by period ------------------------------


def test_a_continuous_agency_objective_rolls_departments_up_quarter_by_quarter(
    agency, department, other_department, people
):
    user = people["iso_officer"]
    parent = add_objective(publish_set(agency), frequencies=("continuous",))
    objective_plan_save(
        objective=parent, actor=user, frequency="continuous", roll_up="ratio_of_sums"
    )
    first, second = (
        add_objective(publish_set(agency, department=d), parent=parent).targets.get()
        for d in (department, other_department)
    )
    put(first, "2024-Q1", numerator=700, denominator=750, user=user)
    put(second, "2024-Q1", numerator=710, denominator=750, user=user)
    put(first, "2024-Q2", numerator=750, denominator=750, user=user)
    put(second, "2024-Q2", numerator=740, denominator=750, user=user)
    row = next(r for r in data(agency, date(2024, 7, 15))["rows"] if r.objective == parent)
    line = row.targets[0]
    assert [p.period.short_label for p in line.points] == ["QI", "QII", "QIII", "QIV"]
    q1, q2 = line.points[:2]
    assert q1.value == Decimal("94.00") and q1.outcome == Outcome.NOT_REACHED  # 1.410/1.500
    assert q2.value == Decimal("99.33") and q2.outcome == Outcome.REACHED  # 1.490/1.500
    assert line.ytd.value == Decimal("96.67")  # 2.900/3.000 for the year
    assert len(line.chart.dots) == 2


# --- finding 6: charts read without hovering ----------------------------------------------


def test_a_rate_is_drawn_on_a_zero_to_hundred_scale_with_names_values_and_target(agency, people):
    target = add_objective(publish_set(agency)).targets.get()
    put(target, "2024-Q1", value=97, user=people["iso_officer"])
    put(target, "2024-Q2", value=95, user=people["iso_officer"])
    (row,) = data(agency, date(2024, 7, 15))["rows"]
    chart = row.targets[0].chart
    svg = str(chart.svg())
    top, bottom = chart.scale[1][0], chart.scale[0][0]
    # 97 % sits near the top of a 0–100 scale, not at the bottom
    assert chart.dots[0].y < top + (bottom - top) * 0.1
    assert abs(chart.dots[0].y - chart.dots[1].y) < (bottom - top) * 0.05
    for text in ("QI", "QII", "QIII", "QIV", ">97<", ">95<", "Chỉ tiêu 96%", ">0<", ">100<"):
        assert text in svg, text
    assert "style=" not in svg and "<script" not in svg


def test_a_count_is_drawn_from_zero_against_its_target(agency, people):
    objective = add_objective(
        publish_set(agency),
        frequencies=("half_yearly",),
        targets=[{"value": 2, "unit": "lớp", "is_cumulative": True}],
    )
    put(objective.targets.get(), "2024-H1", value=1, user=people["iso_officer"])
    (row,) = data(agency, date(2024, 7, 15))["rows"]
    chart = row.targets[0].chart
    assert chart.scale[0][1] == "0"
    # one of two classes is drawn halfway to the target line, not at the bottom
    base = chart.scale[0][0]
    assert chart.dots[0].y == pytest.approx(base - (base - chart.target_y) / 2, abs=0.2)
    assert "Chỉ tiêu 2" in str(chart.svg())


# --- finding 10: a result changed after the report was issued -------------------------------


def test_a_correction_after_the_report_is_noted_and_the_next_revision_starts_from_it(
    report, agency, people, client
):
    issued = _issued(report, people)
    on_time = issued.objective_set.objectives.order_by("order").first().targets.get()
    assert not any(t.amended for r in data(agency, YEAR_END)["rows"] for t in r.targets)
    correction = Result.objects.get(target=on_time, period_key="2024-Q2")
    correction.numerator, correction.value = Decimal(490), Decimal(98)
    correction.save()  # 970/1.000: 97 % where the report froze 97.5 %
    (line,) = data(agency, YEAR_END)["rows"][0].targets
    assert line.amended.recorded == Decimal("97.50") and line.amended.now == Decimal("97.00")
    assert line.amended.reference == "05/BC-VP"
    client.force_login(people["iso_officer"])
    html = client.get(f"/monitoring/{agency.pk}/2024/").content.decode()
    assert "số 05/BC-VP ngày 15/01/2025: 97,5% → 97%" in html
    # the issued report keeps its figure; the next revision's draft is live
    assert report_evaluation(issued, today=YEAR_END).objectives[0].targets[0].value == Decimal(
        "97.50"
    )
    workflow.document_publish(document=issued, actor=people["iso_officer"])
    revision = report_start(objective_set=issued.objective_set, actor=people["iso_officer"])
    assert revision.status == Status.DRAFT and revision.revises_id == issued.pk
    assert report_evaluation(revision, today=YEAR_END).objectives[0].targets[0].value == Decimal(
        "97.00"
    )


# --- finding 6: the printable summary --------------------------------------------------------


def _pdf_text(response):
    import io

    import pdfplumber

    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        return len(pdf.pages), [page.extract_text() for page in pdf.pages]


def test_the_summary_prints_every_objective_with_its_verdict(
    client, people, agency, evaluated_set, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: AFTER_GRACE)
    client.force_login(people["staff"])
    pages, texts = _pdf_text(client.get(f"/monitoring/{agency.pk}/2024/summary.pdf"))
    text = " ".join(" ".join(t.split()) for t in texts)
    assert pages <= 3
    assert "TÓM TẮT KẾT QUẢ THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2024" in text
    assert "Kết quả cả năm: Đạt 1; Không đạt 2; Chưa có số liệu 1." in text
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in text and "97,5%" in text
    # the charts' own labels print (their words come out of the PDF without spaces)
    assert "Chỉtiêu96%" in text.replace(" ", "") and "QII" in text


def test_the_summary_of_a_large_agency_stays_within_three_pages(
    client, people, agency, monkeypatch
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2024, 10, 20))
    objective_set = publish_set(agency)
    user = people["iso_officer"]
    for index in range(24):
        objective = add_objective(
            objective_set, content=f"Mục tiêu số {index + 1}: " + "tỷ lệ hồ sơ đúng hạn " * 6
        )
        for quarter, value in (("Q1", 95), ("Q2", 97), ("Q3", 98)):
            put(objective.targets.get(), f"2024-{quarter}", value=value, user=user)
    client.force_login(people["staff"])
    pages, texts = _pdf_text(client.get(f"/monitoring/{agency.pk}/2024/summary.pdf"))
    assert pages <= 3
    assert "Mục tiêu số 24" in " ".join(texts)


def test_the_target_label_keeps_clear_of_a_value_written_near_it(agency, people):
    target = add_objective(publish_set(agency)).targets.get()
    for quarter, value in (("Q1", 95), ("Q2", 97), ("Q3", 98), ("Q4", 98)):
        put(target, f"2024-{quarter}", value=value, user=people["iso_officer"])
    (row,) = data(agency, date(2024, 12, 20))["rows"]
    chart = row.targets[0].chart
    # the last values sit just above the 96 % line: the label is written under the line
    assert chart.target_label_y > chart.target_y
    label = re.search(r'class="trend-target-label" x="[\d.]+" y="([\d.]+)"', str(chart.svg()))
    assert float(label.group(1)) == chart.target_label_y


def test_the_summary_is_rendered_once_until_the_data_changes(
    client, people, agency, evaluated_set, today, monkeypatch
):
    from monitoring import summary

    renders = []
    real = summary.summary_pdf
    monkeypatch.setattr(summary, "summary_pdf", lambda **kw: renders.append(1) or real(**kw))
    client.force_login(people["staff"])
    url = f"/monitoring/{agency.pk}/2024/summary.pdf"
    first = client.get(url).content
    assert client.get(url).content == first and len(renders) == 1
    target = evaluated_set.objectives.order_by("order").first().targets.get()
    put(target, "2024-Q3", numerator=100, denominator=100, user=people["iso_officer"])
    client.get(url)
    assert len(renders) == 2
