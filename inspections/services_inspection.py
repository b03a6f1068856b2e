"""Writes on an inspection: start it from its plan entry, record the checklist, edit and approve
the minutes, then have them signed by both sides — digitally one after the other (two
incremental PAdES signatures: the inspecting unit's, then the agency's), or on paper with the
scan registered. Once signed the minutes are in force (published) and each nonconformity becomes
a corrective action of the agency, due two months after the minutes' date (TT 26).

Each function checks the actor's right and the state inside one transaction, saves the fields it
owns, leaves a history row or a document event, and raises WorkflowError with the reason.
"""

import hashlib
from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Membership, OversightMembership, Role
from agencies.signing import signing_block_for
from corrective.models import CorrectiveAction
from documents import render, signing
from documents.body import body_sha256, refuse_if_body_changed
from documents.issuing import pdf_upload_read, verification_code_new
from documents.models import FROZEN_STATUSES, DocumentNumber, IssueMethod, Status
from documents.steps import actor_or_none, event_record, fields_save, lock, transition_save
from documents.verification import site_url_refusal
from documents.verify import SignedUploadRefused, check_signed_extension
from documents.workflow import ensure_editable
from inspections.checklist import BY_CODE, CODES, Result
from inspections.models import Finding, Inspection, InspectionMinutes, PlanEntry
from inspections.rules_inspection import (
    is_agency_signer,
    is_on_team,
    is_team_leader,
    may_start_inspections,
)
from qms_objectives.errors import WorkflowError
from qms_objectives.files import private_upload_to
from qms_objectives.text import to_nfc

CORRECTIVE_MONTHS = 2  # TT 26: the agency's corrective actions within two months of the minutes
INSPECTING_FIELD = "InspectingUnitSignature"
AGENCY_FIELD = "AgencySignature"
TEAM_LEADER_LINE = "TRƯỞNG ĐOÀN KIỂM TRA"
INSPECTION_FIELDS = ("inspected_on", "venue", "agency_representatives")
MINUTES_TEXT_FIELDS = ("conclusion", "agency_opinion", "recipients")


def _refuse(message: str, code: str = "forbidden"):
    raise WorkflowError(message, code=code)


def corrective_due(minutes_date: date) -> date:
    return minutes_date + relativedelta(months=CORRECTIVE_MONTHS)


def _name_of(user) -> str:
    return user.get_full_name() or user.get_username()


def default_representatives(agency) -> str:
    """The agency's head, deputies and ISO officers, one a line: "Họ tên – chức vụ"."""
    rows = (
        Membership.objects.active()
        .filter(agency=agency)
        .filter(Q(is_head=True) | Q(is_iso_officer=True))
        .select_related("user")
    )
    lines = []
    for membership in sorted(rows, key=lambda m: (not m.is_head, m.pk)):
        title = membership.job_title or (
            agency.head_title if membership.is_head else str(Role.ISO_OFFICER.label)
        )
        lines.append(f"{membership.display_name} – {title}")
    return "\n".join(lines)


def _check_team(body, users) -> None:
    inspectors = set(
        OversightMembership.objects.active()
        .filter(body=body, is_inspector=True)
        .values_list("user_id", flat=True)
    )
    if any(user.pk not in inspectors for user in users):
        _refuse(
            _("Thành viên đoàn kiểm tra phải là cán bộ kiểm tra của đơn vị quản lý."), "invalid"
        )


def inspection_start(*, plan_entry: PlanEntry, actor, data: dict) -> Inspection:
    """The inspection of one agency of an issued plan, with its empty checklist and its draft
    minutes (a document of the body's own agency)."""
    with transaction.atomic():
        entry = PlanEntry.objects.select_related("plan__body__agency", "agency").get(
            pk=plan_entry.pk
        )
        body = entry.plan.body
        if not may_start_inspections(actor, body):
            _refuse(_("Bạn không có quyền lập cuộc kiểm tra của đơn vị quản lý này."))
        if entry.plan.status not in FROZEN_STATUSES:
            _refuse(_("Chỉ lập cuộc kiểm tra theo kế hoạch đã ban hành."), "state")
        if Inspection.objects.filter(plan_entry=entry).exists():
            _refuse(_("Cơ quan này đã có cuộc kiểm tra theo kế hoạch."), "state")
        leader, team = data["team_leader"], list(data.get("inspectors") or [])
        _check_team(body, [leader, *team])
        inspection = Inspection(
            plan_entry=entry,
            body=body,
            agency=entry.agency,
            year=entry.plan.year,
            mode=entry.mode,
            team_leader=leader,
            created_by=actor,
            **{name: data.get(name) or "" for name in ("venue", "agency_representatives")},
            inspected_on=data["inspected_on"],
        )
        inspection._history_user = actor
        try:
            with transaction.atomic():
                inspection.save()
        except IntegrityError:
            _refuse(_("Cơ quan này đã có cuộc kiểm tra theo kế hoạch."), "state")
        inspection.inspectors.set(team)
        Finding.objects.bulk_create(Finding(inspection=inspection, item=code) for code in CODES)
        minutes = InspectionMinutes(
            agency=body.agency,
            year=inspection.year,
            inspection=inspection,
            symbol=f"BB-{body.agency.symbol}" if body.agency.symbol else "BB",
            recipients=f"{entry.agency.name};\nLưu: VT, đoàn kiểm tra.",
            created_by=actor,
        )
        minutes._history_user = actor
        minutes.save()
        event_record(document=minutes, actor=actor, action="start", from_status="")
    return inspection


def _editable_minutes(inspection: Inspection, actor) -> InspectionMinutes:
    minutes = lock(inspection.minutes)
    if not is_on_team(actor, inspection):
        _refuse(_("Chỉ đoàn kiểm tra mới ghi được kết quả và biên bản của cuộc kiểm tra."))
    ensure_editable(minutes)
    return minutes


def inspection_update(*, inspection: Inspection, actor, data: dict) -> Inspection:
    with transaction.atomic():
        _editable_minutes(inspection, actor)
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        changed = [name for name in INSPECTION_FIELDS if name in data]
        for name in changed:
            value = data[name]
            setattr(inspection, name, to_nfc(value.strip()) if isinstance(value, str) else value)
        inspection._history_user = actor
        inspection.save(update_fields=[*changed, "updated_at"])
    return inspection


def findings_save(*, inspection: Inspection, actor, findings: dict[str, tuple[str, str]]) -> int:
    """Save the finding of each item given ({code: (result, text)}); a nonconformity and an
    observation say what was seen. Returns how many findings changed."""
    unknown = set(findings) - set(CODES)
    if unknown:
        raise ValueError(f"Not checklist items: {sorted(unknown)}")
    for code, (result, text) in findings.items():
        if result in (Result.NONCONFORMITY, Result.OBSERVATION) and not (text or "").strip():
            raise WorkflowError(
                _("Hãy ghi rõ điều ghi nhận được cho nội dung “%(item)s”.")
                % {"item": BY_CODE[code].label},
                code="invalid",
                field=code,
            )
    changed = 0
    with transaction.atomic():
        _editable_minutes(inspection, actor)
        rows = {
            f.item: f for f in Finding.objects.select_for_update().filter(inspection=inspection)
        }
        for code, (result, text) in findings.items():
            finding = rows.get(code) or Finding(inspection=inspection, item=code)
            text = to_nfc((text or "").strip())
            if finding.pk and (finding.result, finding.text) == (result, text):
                continue
            finding.result, finding.text = result, text
            finding._history_user = actor
            finding.save()
            changed += 1
    return changed


def minutes_update(*, minutes: InspectionMinutes, actor, fields: dict) -> InspectionMinutes:
    unknown = set(fields) - set(MINUTES_TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        minutes = _editable_minutes(minutes.inspection, actor)
        for name, value in fields.items():
            setattr(minutes, name, to_nfc((value or "").strip()))
        minutes.version += 1
        minutes._history_user = actor_or_none(actor)
        minutes.save(update_fields=[*fields, "version", "updated_at"])
    return minutes


def _agency_signing(agency) -> tuple[list[str], str, object]:
    """The agency's head signs the minutes for it (a deputy, "KT.", where it has no head)."""
    head = Membership.objects.active().filter(agency=agency, is_head=True).first()
    if head is None:
        head = Membership.objects.active().filter(agency=agency, is_deputy=True).first()
    if head is None:
        _refuse(
            _(
                "Cơ quan được kiểm tra chưa có thủ trưởng hoặc cấp phó trên hệ thống để ký biên "
                "bản. Hãy đề nghị quản trị của cơ quan thêm người ký."
            ),
            "no_signer",
        )
    lines, name = signing_block_for(agency=agency, actor=head.user)
    return lines, name, head.user


def minutes_approve(*, minutes: InspectionMinutes, actor) -> InspectionMinutes:
    """The team leader closes the minutes' content: every item assessed; both signing blocks
    fixed; the body's hash recorded, so that only this content can be signed."""
    with transaction.atomic():
        minutes = lock(minutes)
        inspection = minutes.inspection
        if not is_team_leader(actor, inspection):
            _refuse(_("Chỉ trưởng đoàn kiểm tra mới chốt được biên bản."))
        ensure_editable(minutes)
        missing = inspection.findings.filter(result="").count()
        if missing:
            _refuse(
                _("Còn %(count)s nội dung kiểm tra chưa có kết quả.") % {"count": missing},
                "incomplete",
            )
        agency_lines, agency_name, agency_signer = _agency_signing(inspection.agency)
        minutes.signing_lines = [TEAM_LEADER_LINE]
        minutes.signer = inspection.team_leader
        minutes.signer_name = _name_of(inspection.team_leader)
        minutes.agency_signing_lines = agency_lines
        minutes.agency_signer_name = agency_name
        minutes.agency_signer = agency_signer
        minutes._history_user = actor
        minutes.save(
            update_fields=[
                "signing_lines",
                "signer",
                "signer_name",
                "agency_signing_lines",
                "agency_signer_name",
                "agency_signer",
                "updated_at",
            ]
        )
        minutes.approved_at, minutes.approved_by = timezone.now(), actor
        minutes.approved_body_sha256 = body_sha256(minutes)
        transition_save(
            minutes,
            actor=actor,
            action="approve",
            to_status=Status.APPROVED,
            fields=["approved_at", "approved_by", "approved_body_sha256"],
        )
    return minutes


def minutes_reopen(*, minutes: InspectionMinutes, actor) -> InspectionMinutes:
    """Back to the draft (the agency disputes a finding): only before anyone has signed."""
    with transaction.atomic():
        minutes = lock(minutes)
        if not is_team_leader(actor, minutes.inspection):
            _refuse(_("Chỉ trưởng đoàn kiểm tra mới mở lại được biên bản."))
        if minutes.status != Status.APPROVED or minutes.awaiting_agency:
            _refuse(_("Chỉ mở lại biên bản đã chốt mà chưa bên nào ký."), "state")
        released = _token_preparation_release(minutes)
        minutes.approved_body_sha256 = ""
        transition_save(
            minutes,
            actor=actor,
            action="return",
            to_status=Status.DRAFT,
            fields=["approved_body_sha256", *released],
        )
    return minutes


def _token_preparation_release(minutes: InspectionMinutes) -> list[str]:
    """Minutes prepared for the inspecting unit's token but not signed yet: the number goes back
    to the register and the unsigned file is deleted once the transaction commits. The changed
    fields (none when the minutes were not prepared)."""
    if not minutes.awaiting_unit_token:
        return []
    DocumentNumber.objects.filter(
        content_type=ContentType.objects.get_for_model(minutes), object_id=minutes.pk
    ).delete()
    name = minutes.prepared_file.name
    transaction.on_commit(lambda: default_storage.delete(name))
    minutes.number, minutes.issued_on, minutes.verification_code = None, None, None
    minutes.header_governing_body = minutes.header_agency_name = minutes.place_name = ""
    minutes.prepared_file, minutes.prepared_sha256, minutes.issue_method = "", "", ""
    return [
        "number",
        "issued_on",
        "verification_code",
        "header_governing_body",
        "header_agency_name",
        "place_name",
        "prepared_file",
        "prepared_sha256",
        "issue_method",
    ]


def _number_fix(minutes: InspectionMinutes, number: int | None, issued_on) -> list[str]:
    """Number, date and the header names of the body's agency, copied so that a later rename
    never changes the signed minutes; the number taken in the body's register."""
    if not isinstance(issued_on, date):
        raise WorkflowError(
            _("Hãy nhập ngày của biên bản."), code="date_required", field="issued_on"
        )
    if issued_on > timezone.localdate():
        raise WorkflowError(
            _("Ngày của biên bản không được sau hôm nay."), code="date_future", field="issued_on"
        )
    if issued_on < minutes.inspection.inspected_on:
        raise WorkflowError(
            _("Ngày của biên bản không được trước ngày kiểm tra."),
            code="date_before_inspection",
            field="issued_on",
        )
    agency = minutes.agency
    minutes.number, minutes.issued_on = number, issued_on
    minutes.header_governing_body = agency.governing_body
    minutes.header_agency_name = agency.printed_name
    minutes.place_name = agency.place_name
    if number is not None:
        try:
            with transaction.atomic():
                DocumentNumber.objects.create(
                    agency_id=agency.pk,
                    symbol=to_nfc(minutes.symbol),
                    year=issued_on.year,
                    number=number,
                    content_type=ContentType.objects.get_for_model(minutes),
                    object_id=minutes.pk,
                    issued_on=issued_on,
                )
        except IntegrityError:
            raise WorkflowError(
                _("Số %(number)s năm %(year)s đã được cấp cho văn bản khác.")
                % {"number": minutes.number_and_symbol, "year": issued_on.year},
                code="number_taken",
                field="number",
            ) from None
    return ["number", "issued_on", "header_governing_body", "header_agency_name", "place_name"]


class _Written:
    """`with _Written() as written, transaction.atomic():` deletes the files named in `written`
    when the block raises (the transaction has then been rolled back)."""

    def __enter__(self) -> list[str]:
        self.names: list[str] = []
        return self.names

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            for name in self.names:
                default_storage.delete(name)
        return False


def _store(minutes, data: bytes, folder: str, written: list[str]) -> str:
    """Write the PDF under a private random name (named in `written`)."""
    name = default_storage.save(
        private_upload_to(folder)(minutes, "document.pdf"), ContentFile(data)
    )
    written.append(name)
    return name


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _approved_unsigned(minutes, actor) -> InspectionMinutes:
    minutes = lock(minutes)
    if not is_team_leader(actor, minutes.inspection):
        _refuse(_("Chỉ trưởng đoàn kiểm tra mới ký hoặc đăng ký được biên bản."))
    if minutes.status != Status.APPROVED or minutes.prepared_file:
        _refuse(_("Biên bản phải được chốt và chưa được ký."), "state")
    refuse_if_body_changed(minutes)
    return minutes


def _final_pdf(minutes, actor, number: int | None, issued_on) -> bytes:
    """Number, date and verification code fixed on the approved minutes, and their final PDF
    (both signing blocks, the verification mark), not signed yet."""
    refusal = site_url_refusal()
    if refusal:
        _refuse(refusal, "site_url")
    fields = _number_fix(minutes, number, issued_on)
    minutes.verification_code = verification_code_new()
    fields_save(minutes, actor=actor, fields=[*fields, "verification_code"])
    return render.render_document(minutes, final=True)


def minutes_sign_inspecting_unit(
    *, minutes: InspectionMinutes, actor, number: int | None, issued_on
) -> InspectionMinutes:
    """The first signature: number and date fixed, the final PDF (both signing blocks, the
    verification mark) rendered and signed with the body's certificate. It waits, signed once,
    for the agency's signature."""
    with _Written() as written, transaction.atomic():
        minutes = _approved_unsigned(minutes, actor)
        if not signing.signing_configured(minutes.agency):
            _refuse(
                _(
                    "Đơn vị kiểm tra chưa được cấu hình chứng thư số: hãy ký biên bản trên giấy và "
                    "đăng ký bản quét."
                ),
                "not_configured",
            )
        pdf = _final_pdf(minutes, actor, number, issued_on)
        signed, _done = signing.sign_if_configured(
            minutes.agency, pdf, field_name=INSPECTING_FIELD, reason="Ký biên bản kiểm tra"
        )
        minutes.prepared_file.name = _store(minutes, signed, "prepared", written)
        minutes.prepared_sha256 = _sha256(signed)
        transition_save(
            minutes,
            actor=actor,
            action="sign_inspecting_unit",
            to_status=Status.APPROVED,
            fields=["prepared_file", "prepared_sha256"],
            comment=_("Đơn vị kiểm tra đã ký số."),
        )
    return minutes


def minutes_prepare_for_unit_token(
    *, minutes: InspectionMinutes, actor, number: int | None, issued_on
) -> InspectionMinutes:
    """The inspecting unit signs with its own USB token rather than a certificate held by the
    installation: number and date fixed, the final PDF (both signing blocks, the verification
    mark) rendered unsigned and kept for the team leader to download, sign in the token's
    software and upload (minutes_accept_unit_upload). Reopening the minutes gives the number
    back."""
    with _Written() as written, transaction.atomic():
        minutes = _approved_unsigned(minutes, actor)
        pdf = _final_pdf(minutes, actor, number, issued_on)
        minutes.prepared_file.name = _store(minutes, pdf, "prepared", written)
        minutes.prepared_sha256 = _sha256(pdf)
        minutes.issue_method = IssueMethod.EXTERNAL_SIGNING
        transition_save(
            minutes,
            actor=actor,
            action="prepare_external",
            to_status=Status.APPROVED,
            fields=["prepared_file", "prepared_sha256", "issue_method"],
            comment=_("Đã cho số; chờ đơn vị kiểm tra ký bằng thiết bị ký số."),
        )
    return minutes


def minutes_accept_unit_upload(*, minutes: InspectionMinutes, actor, uploaded_file):
    """The team leader's upload of the prepared minutes signed with the unit's token: kept
    only as exactly that file plus signatures, every signature intact; it then waits for the
    agency's signature as if signed here."""
    data, _signed = pdf_upload_read(uploaded_file)
    with _Written() as written, transaction.atomic():
        minutes = lock(minutes)
        if not is_team_leader(actor, minutes.inspection):
            _refuse(_("Chỉ trưởng đoàn kiểm tra mới ký hoặc đăng ký được biên bản."))
        if not minutes.awaiting_unit_token:
            _refuse(
                _("Biên bản chưa được cho số để đơn vị kiểm tra ký bằng thiết bị ký số."), "state"
            )
        unsigned = minutes.prepared_file.name
        _check_extension(_prepared_bytes(minutes), data)
        minutes.prepared_file.name = _store(minutes, data, "prepared", written)
        minutes.prepared_sha256 = _sha256(data)
        minutes.issue_method = ""
        transition_save(
            minutes,
            actor=actor,
            action="accept_signed_upload",
            to_status=Status.APPROVED,
            fields=["prepared_file", "prepared_sha256", "issue_method"],
            comment=_("Đơn vị kiểm tra đã ký số bằng thiết bị ký số."),
        )
        transaction.on_commit(lambda: default_storage.delete(unsigned))
    return minutes


def _in_force(minutes, actor, written, *, data: bytes, signed: bool, method: str, action: str):
    """Issued and published at once (both sides have signed), then the corrective actions."""
    minutes.issued_file.name = _store(minutes, data, "issued", written)
    minutes.issued_sha256 = _sha256(data)
    minutes.is_digitally_signed = signed
    minutes.issue_method = method
    minutes.issued_at = timezone.now()
    minutes.issued_by = actor
    issued = ["issued_file", "issued_sha256", "is_digitally_signed", "issue_method"]
    transition_save(
        minutes,
        actor=actor,
        action=action,
        to_status=Status.ISSUED,
        fields=[*issued, "issued_at", "issued_by"],
    )
    minutes.published_at = timezone.now()
    transition_save(
        minutes, actor=actor, action="publish", to_status=Status.PUBLISHED, fields=["published_at"]
    )
    corrective_actions_open(minutes=minutes, actor=actor)


def _prepared_bytes(minutes) -> bytes:
    with minutes.prepared_file.open("rb") as stored:
        return stored.read()


def _waiting_for_agency(minutes, actor) -> InspectionMinutes:
    minutes = lock(minutes)
    if not is_agency_signer(actor, minutes.inspection):
        _refuse(_("Chỉ người ký của cơ quan được kiểm tra mới ký được biên bản này."))
    if not minutes.awaiting_agency:
        _refuse(_("Biên bản chưa được đơn vị kiểm tra ký."), "state")
    return minutes


def minutes_sign_agency(*, minutes: InspectionMinutes, actor) -> InspectionMinutes:
    """The second signature, the agency's certificate's, added in an incremental update over
    the inspecting unit's: both stay valid (checked before it is kept)."""
    with _Written() as written, transaction.atomic():
        minutes = _waiting_for_agency(minutes, actor)
        agency = minutes.inspection.agency
        if not signing.signing_configured(agency):
            _refuse(
                _(
                    "Cơ quan chưa được cấu hình chứng thư số trên hệ thống: hãy tải biên bản về, "
                    "ký bằng thiết bị ký số của cơ quan rồi tải lên."
                ),
                "not_configured",
            )
        prepared = _prepared_bytes(minutes)
        signed, _done = signing.sign_if_configured(
            agency, prepared, field_name=AGENCY_FIELD, reason="Ký biên bản kiểm tra"
        )
        _check_extension(prepared, signed)
        _in_force(
            minutes,
            actor,
            written,
            data=signed,
            signed=True,
            method=IssueMethod.APP,
            action="sign_agency",
        )
    return minutes


def _check_extension(prepared: bytes, data: bytes) -> None:
    try:
        check_signed_extension(prepared, data)
    except SignedUploadRefused as refusal:
        raise WorkflowError(refusal.message, code=refusal.code, field="file") from refusal


def minutes_accept_agency_upload(*, minutes: InspectionMinutes, actor, uploaded_file):
    """The agency's head signed the inspecting unit's signed file with their own token: it is
    kept only as exactly that file plus signatures, every signature intact."""
    data, _signed = pdf_upload_read(uploaded_file)
    with _Written() as written, transaction.atomic():
        minutes = _waiting_for_agency(minutes, actor)
        _check_extension(_prepared_bytes(minutes), data)
        _in_force(
            minutes,
            actor,
            written,
            data=data,
            signed=True,
            method=IssueMethod.EXTERNAL_SIGNING,
            action="accept_signed_upload",
        )
    return minutes


def minutes_register_paper(
    *, minutes: InspectionMinutes, actor, number: int | None, issued_on, uploaded_file
) -> InspectionMinutes:
    """Minutes signed on paper by both sides: the scan is registered as the issued file."""
    data, signed = pdf_upload_read(uploaded_file)
    with _Written() as written, transaction.atomic():
        minutes = _approved_unsigned(minutes, actor)
        fields = _number_fix(minutes, number, issued_on)
        fields_save(minutes, actor=actor, fields=fields)
        _in_force(
            minutes,
            actor,
            written,
            data=data,
            signed=signed,
            method=IssueMethod.REGISTERED,
            action="register_external",
        )
    return minutes


def _owner(agency, fallback):
    iso = Membership.objects.active().filter(agency=agency, is_iso_officer=True).first()
    return iso.user if iso is not None else fallback


def corrective_actions_open(*, minutes: InspectionMinutes, actor) -> list[CorrectiveAction]:
    """One corrective action of the inspected agency per nonconformity of the signed minutes,
    due two months after their date, in the hands of its ISO officer (its head where it has
    none). The cause and the action are the agency's answer (the corrective action's page)."""
    inspection = minutes.inspection
    agency = inspection.agency
    owner = _owner(agency, minutes.agency_signer)
    reference = (
        f"Biên bản kiểm tra {minutes.number_and_symbol or ''} ngày {minutes.issued_on:%d/%m/%Y}"
    )
    reference = " ".join(reference.split())
    made = []
    for finding in inspection.findings.filter(result=Result.NONCONFORMITY).order_by("id"):
        item = BY_CODE[finding.item].printed
        action = CorrectiveAction(
            agency=agency,
            year=inspection.year,
            source_type=ContentType.objects.get_for_model(Finding),
            source_id=finding.pk,
            source_url=inspection.get_absolute_url(),
            nonconformity=f"{reference} – {finding.number}. {item}: {finding.text}",
            cause="",
            action="",
            owner_person=owner,
            due_date=corrective_due(minutes.issued_on),
            created_by=actor_or_none(actor),
        )
        # Recorded by the signed minutes, not by the agency's ISO officer (corrective.services
        # checks that right): the agency answers with the cause and the action.
        action._history_user = actor_or_none(actor)
        action.save()
        made.append(action)
    return made
