"""Writes on conformity announcements: the agency's current scope, starting an announcement (or a
re-announcement when the scope changed), editing it, issuing it in the app or registering its
signed scan — and telling the inspecting unit.

Submit, return, approve, withdraw, publish are the generic workflow (documents.workflow)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from agencies.models import OversightMembership
from agencies.oversight import bodies_overseeing
from agencies.permissions import membership_in
from conformity.models import ConformityAnnouncement, ConformityScope, website_validator
from conformity.selectors import announcements_on_file
from documents.models import FROZEN_STATUSES, OPEN_STATUSES, Status
from documents.rules import may_draft
from documents.steps import (
    actor_or_none,
    event_record,
    fields_save,
    lock,
    require_right,
    transition_save,
)
from documents.workflow import document_issue, document_register_external, ensure_editable
from notifications import kinds
from notifications.services import notification_send
from qms_objectives.errors import WorkflowError
from qms_objectives.text import to_nfc

TEXT_FIELDS = (
    "activities",
    "procedures",
    "legal_bases",
    "proposer",
    "posted_at_office",
    "website_url",
    "recipients",
)
DEFAULT_LEGAL_BASES = (
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về "
    "việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào "
    "hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;\n"
    "Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10 tháng 10 năm 2014 của Bộ trưởng Bộ Khoa học và "
    "Công nghệ quy định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg;"
)


def _may_keep_scope(actor, agency) -> bool:
    """The agency's scope is the ISO officer's (as drafting its documents is)."""
    membership = membership_in(actor, agency.pk)
    return membership is not None and membership.is_iso_officer


def scope_save(*, agency, actor, activities: str, procedures: str) -> ConformityScope:
    """The ISO officer records the scope the system covers now."""
    with transaction.atomic():
        require_right(_may_keep_scope(actor, agency))
        scope, _created = ConformityScope.objects.select_for_update().get_or_create(agency=agency)
        scope.activities = to_nfc((activities or "").strip())
        scope.procedures = to_nfc((procedures or "").strip())
        scope.updated_by = actor_or_none(actor)
        scope._history_user = actor_or_none(actor)
        scope.save()
    return scope


def default_recipients(agency) -> str:
    """ "Nơi nhận" (document text, always Vietnamese): those who carry it out (Điều 3), the
    inspecting unit of each body overseeing the agency (QĐ 19: the announcement is notified to
    it in writing), the file copies."""
    lines = ["Như Điều 3;"]
    for body in bodies_overseeing(agency.pk):
        lines.append(f"{body.inspecting_unit or body.name} (để theo dõi);")
    lines.append("Cổng/Trang thông tin điện tử của cơ quan;")
    lines.append("Lưu: VT, Tổ ISO.")
    return "\n".join(lines)


def _open_exists_error(agency) -> WorkflowError:
    return WorkflowError(
        _(
            "%(agency)s đang có một quyết định công bố đang soạn thảo, chờ duyệt hoặc chờ ban "
            "hành. Hãy tiếp tục quyết định đó, hoặc hủy nó trước khi lập quyết định mới."
        )
        % {"agency": agency.name},
        code="open_exists",
    )


def announcement_start(*, agency, actor, year: int) -> ConformityAnnouncement:
    """A Draft announcement from the agency's current scope (or, without one, the scope of the
    announcement on file). With an announcement on file it is a re-announcement: its revision,
    which replaces it once issued."""
    with transaction.atomic():
        probe = ConformityAnnouncement(agency=agency, year=year)
        require_right(may_draft(actor, probe))
        announcements = ConformityAnnouncement.objects.filter(agency=agency)
        if announcements.filter(status__in=OPEN_STATUSES).exists():
            raise _open_exists_error(agency)
        on_file = announcements_on_file([agency.pk]).get(agency.pk)
        previous = announcements.filter(status__in=FROZEN_STATUSES).order_by("-revision").first()
        scope = ConformityScope.objects.filter(agency=agency).first()
        source = scope or on_file
        announcement = ConformityAnnouncement(
            agency=agency,
            year=year,
            revision=previous.revision + 1 if previous else 0,
            revises=on_file,
            activities=source.activities if source else "",
            procedures=source.procedures if source else "",
            legal_bases=on_file.legal_bases if on_file else DEFAULT_LEGAL_BASES,
            proposer=on_file.proposer if on_file else "",
            posted_at_office=on_file.posted_at_office if on_file else "",
            website_url=on_file.website_url if on_file else "",
            symbol=f"QĐ-{agency.symbol}",
            recipients=default_recipients(agency),
            created_by=actor_or_none(actor),
        )
        announcement._history_user = actor_or_none(actor)
        try:
            with transaction.atomic():
                announcement.save()
        except IntegrityError:  # a concurrent start won the one open slot of the year
            raise _open_exists_error(agency)
        event_record(document=announcement, actor=actor, action="start", from_status="")
    return announcement


def announcement_update(*, announcement, actor, version: int, fields: dict):
    """Save the texts if nobody changed the announcement since `version` was read."""
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        announcement = lock(announcement)
        require_right(may_draft(actor, announcement))
        ensure_editable(announcement)
        if announcement.version != version:
            raise WorkflowError(
                _(
                    "Quyết định vừa được người khác thay đổi sau khi bạn mở trang này. "
                    "Hãy mở lại trang, xem lại rồi lưu lần nữa."
                ),
                code="conflict",
            )
        for name, value in fields.items():
            setattr(announcement, name, to_nfc((value or "").strip()))
        if announcement.website_url:
            try:
                website_validator(announcement.website_url)
            except ValidationError as refusal:
                raise WorkflowError(refusal.messages[0], code="invalid", field="website_url")
        if not announcement.activities.strip():
            raise WorkflowError(
                _("Hãy ghi ít nhất một lĩnh vực hoạt động áp dụng hệ thống."),
                code="activities_required",
                field="activities",
            )
        announcement.version += 1
        fields_save(announcement, actor=actor, fields=[*fields, "version"])
    return announcement


def _inspecting_unit_tell(announcement, actor) -> None:
    """The people of each body overseeing the agency on the announcement's date are told."""
    for body in bodies_overseeing(announcement.agency_id, on=announcement.issued_on):
        users = [
            m.user
            for m in OversightMembership.objects.active().filter(body=body).select_related("user")
            if m.user_id != getattr(actor, "pk", None)
        ]
        notification_send(
            users=users,
            agency=announcement.agency,
            kind=kinds.CONFORMITY_ANNOUNCED,
            params={
                "agency": announcement.agency.name,
                "number": announcement.number_and_symbol or "—",
                "date": announcement.issued_on.strftime("%d/%m/%Y"),
            },
            target=announcement,
            url=announcement.get_absolute_url(),
        )


def _superseded_by(announcement, actor) -> None:
    """The announcement it replaces stops being the one on file (history row kept)."""
    if announcement.revises_id is None:
        return
    old = ConformityAnnouncement.objects.select_for_update().get(pk=announcement.revises_id)
    if old.status in (Status.ISSUED, Status.PUBLISHED):
        transition_save(old, actor=actor, action="supersede", to_status=Status.SUPERSEDED)


def announcement_issue(*, document, actor, number, symbol: str, issued_on):
    """Issue in the app (the generic document_issue: number, final PDF, signature, stored file),
    then replace the announcement on file and tell the inspecting unit."""
    with transaction.atomic():
        document = document_issue(
            document=document, actor=actor, number=number, symbol=symbol, issued_on=issued_on
        )
        _superseded_by(document, actor)
        _inspecting_unit_tell(document, actor)
    return document


def announcement_register(*, document, actor, number, symbol: str, issued_on, uploaded_file):
    """Register the decision signed on paper: its scan (a whole PDF, proven by content) becomes
    the issued file; then as announcement_issue."""
    with transaction.atomic():
        document = document_register_external(
            document=document,
            actor=actor,
            number=number,
            symbol=symbol,
            issued_on=issued_on,
            uploaded_file=uploaded_file,
        )
        _superseded_by(document, actor)
        _inspecting_unit_tell(document, actor)
    return document
