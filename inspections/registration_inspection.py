"""What the inspections (not the plan) declare to the apps below them, from
InspectionsConfig.ready(): the minutes as a document kind, a nonconformity as what a corrective
action may point at, and the rules."""

from django.utils.translation import gettext_lazy as _

from corrective import sources
from documents.kinds import DocumentKind
from documents.kinds import register as register_kind


def register() -> None:
    from inspections import rules_inspection  # noqa: F401 - registers the rules
    from inspections.minutes import minutes_body, render_minutes
    from inspections.models import InspectionMinutes

    register_kind(
        DocumentKind(
            model=InspectionMinutes,
            render=render_minutes,
            name=_("Biên bản kiểm tra"),
            body=minutes_body,
        )
    )
    sources.register("inspections.finding", _finding_agency)


def _finding_agency(finding) -> int:
    return finding.inspection.agency_id
