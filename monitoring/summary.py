"""The printable summary of a year for meetings: every objective of the agency's dashboard with
its targets, year-to-date figures, state or verdict and a small chart, on at most three A4
landscape pages (PDF, WeasyPrint through documents.render, always in Vietnamese). Not an issued
document: no number, no signature; it says the day its figures stand at."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from documents.nd30 import COUNTRY, MOTTO, header_of
from documents.render import render_template
from monitoring.dashboard import Filters, ObjectiveState, dashboard
from monitoring.dashboard_cache import TIMEOUT, dashboard_version

# More target lines than this are printed smaller (text and charts) to keep three pages.
DENSE_ROWS = 18
SUMMARY_CSS = settings.BASE_DIR / "templates" / "monitoring" / "summary_pdf.css"


@dataclass
class _SummaryOwner:
    """What documents.nd30.header_of reads of a document (the summary is no IssuableDocument)."""

    agency: object
    issued_on: date
    department: object | None = None
    department_id: int | None = None
    header_governing_body: str = ""
    header_agency_name: str = ""

    @property
    def place_name(self) -> str:
        return self.agency.place_name


def cached_summary_pdf(*, agency, year: int, today: date) -> bytes:
    """The summary, rendered once per agency's dashboard version, year and day (a meeting's
    many downloads cost one render; any write the dashboard shows makes a new one)."""
    key = "summary-pdf:" + ":".join(
        str(part) for part in (agency.pk, dashboard_version(agency.pk), year, today.isoformat())
    )
    content = cache.get(key)
    if content is None:
        content = summary_pdf(agency=agency, year=year, today=today)
        cache.set(key, content, TIMEOUT)
    return content


def summary_pdf(*, agency, year: int, today: date) -> bytes:
    with translation.override("vi"):
        data = dashboard(agency=agency, year=year, filters=Filters(), today=today)
        title = _("Tóm tắt kết quả thực hiện mục tiêu chất lượng năm %(year)s") % {"year": year}
        owner = _SummaryOwner(agency=agency, issued_on=today)
        context = {
            **data,
            "agency": agency,
            "year": year,
            "today": today,
            "doc_title": title,
            "title_upper": title.upper(),
            "author": agency.printed_name,
            "country": COUNTRY,
            "motto": MOTTO,
            "draft": False,
            "landscape": True,
            "dense": sum(max(len(row.targets), 1) for row in data["rows"]) > DENSE_ROWS,
            "header": header_of(owner, number="", with_date=True, landscape=True),
            "state_summary": [
                (value, ObjectiveState(value).label, count)
                for value, count in data["counts"].items()
                if count or value != ObjectiveState.ASSESSED
            ],
        }
        return render_template("monitoring/summary_pdf.html", context, SUMMARY_CSS.read_text())
