"""The rows of the oversight table as HTML, written in Python: 300 agencies × 11 cells through
the template engine cost ~1.5 s (bench/oversight_table.py); format_html costs a few ms. The
markup matches templates/oversight/table.html, whose header it fills."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from oversight.models import DeadlineKind, ObjectivesStatus

BADGE = {
    "published": "text-bg-success",
    "issued": "text-bg-info",
    "none": "text-bg-light border",
}


def _day(value, pattern="%d/%m/%Y") -> str:
    return value.strftime(pattern) if value else ""


def table_words(*, body_id: int, year: int) -> dict:
    """Every translated word of a row, looked up once per table (gettext per cell is most of
    the time of 300 rows), and the address of an agency's page (each row's id put in)."""
    return {
        "url": reverse("oversight:agency", args=[body_id, year, 0]),
        "published": _("CB"),
        "issued": _("BH"),
        "approved": _("Duyệt"),
        "started": _("Soạn từ"),
        "on_time": _("Đúng hạn"),
        "not_yet": _("Chưa"),
        "none": _("Chưa có"),
        "statuses": {value: str(label) for value, label in ObjectivesStatus.choices},
        # The late column's short words (the full one in the cell's title).
        "short": {
            DeadlineKind.OBJECTIVES_PUBLISHED: _("Công bố MTCL"),
            DeadlineKind.EVALUATION_ISSUED: _("BC đánh giá năm"),
            DeadlineKind.INTERNAL_AUDIT: _("ĐG nội bộ"),
            DeadlineKind.MANAGEMENT_REVIEW: _("XX lãnh đạo"),
        },
    }


def _status(s, words) -> SafeString:
    if s.published_on and s.objectives_status == "published":
        when = f"{words['published']} {_day(s.published_on)}"
    elif s.issued_on:
        when = f"{words['issued']} {_day(s.issued_on)}"
    elif s.approved_on:
        when = f"{words['approved']} {_day(s.approved_on)}"
    elif s.started_on:
        when = f"{words['started']} {_day(s.started_on)}"
    else:
        when = ""
    return format_html(
        '<span class="badge {}" data-testid="status">{}</span>'
        '<div class="text-body-secondary">{}</div>',
        BADGE.get(s.objectives_status, "text-bg-warning"),
        words["statuses"].get(s.objectives_status, ""),
        when,
    )


def _periods(periods, today) -> SafeString:
    if not periods:
        return mark_safe('<span class="text-body-secondary">—</span>')  # noqa: S308
    cells = []
    for p in periods:
        if p["complete_on"]:
            badge, done = "text-bg-success", f" · {_day(p['complete_on'], '%d/%m')}"
        elif p["end"] >= today:
            badge, done = "text-bg-light border", ""
        else:
            badge, done = "text-bg-danger", ""
        cells.append(
            format_html(
                '<span class="badge {} me-1" title="{}: {}/{}">{} {}/{}{}</span>',
                badge,
                p["key"],
                p["recorded"],
                p["expected"],
                p["key"][5:],
                p["recorded"],
                p["expected"],
                done,
            )  # fmt: skip
        )
    return mark_safe("".join(cells))  # noqa: S308 - each piece escaped by format_html


def _or_dash(text: str) -> str:
    return text or "—"


def _late(row, words) -> SafeString:
    if not row.late:
        return format_html('<span class="text-success">{}</span>', words["on_time"])
    return format_html_join(
        "",
        '<div class="text-danger text-nowrap" title="{}">{} <span class="text-body-secondary">'
        "({})</span></div>",
        (
            (late.label, words["short"].get(late.kind, late.label), _day(late.due_on, "%d/%m"))
            if not late.period_key
            else (late.label, late.period_key[5:], _day(late.due_on, "%d/%m"))
            for late in row.late
        ),
    )


def row_html(row, today, words) -> SafeString:
    """One agency's <tr> (a selectors.TableRow); `words` from table_words()."""
    s = row.summary
    met = f"{s.targets_met}/{s.targets_count} ({s.targets_met_share}%)" if s.targets_count else "—"
    evaluation = (
        format_html(
            '<i class="bi bi-check-circle text-success" aria-hidden="true"></i> {}',
            _day(s.evaluation_issued_on),
        )
        if s.evaluation_issued_on
        else format_html('<span class="text-body-secondary">{}</span>', words["not_yet"])
    )
    conformity = (
        f"{s.conformity_reference} {_day(s.conformity_announced_on)}".strip()
        if s.conformity_announced_on
        else ""
    )
    return format_html(
        '<tr data-testid="agency-row" data-agency="{}"{}>'
        '<th scope="row" class="fw-semibold"><a href="{}">{}</a></th>'
        '<td data-testid="governing-body">{}</td>'
        '<td class="text-nowrap">{}</td>'
        '<td data-testid="late">{}</td>'
        '<td class="text-end">{}</td>'
        "<td>{}</td>"
        '<td class="text-nowrap">{}</td>'
        '<td class="text-nowrap">{}</td>'
        '<td class="text-nowrap">{}</td>'
        '<td class="text-nowrap">{}</td>'
        '<td class="text-nowrap">{}</td></tr>',
        row.agency.pk,
        mark_safe(' class="table-danger-subtle"') if row.is_late else "",  # noqa: S308
        words["url"].replace("/0/", f"/{row.agency.pk}/"),
        row.agency.name,
        row.governing_body,
        _status(s, words),
        _late(row, words),
        s.objectives_count or "—",
        _periods(row.periods, today),
        met,
        evaluation,
        _or_dash(_day(s.last_internal_audit_on)),
        _or_dash(_day(s.last_management_review_on)),
        conformity or format_html('<span class="text-body-secondary">{}</span>', words["none"]),
    )
