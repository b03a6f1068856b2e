"""The annual inspection plan (TT 26/2014/TT-BKHCN arts. 33–40): generated from the agencies in
the oversight body's scope that year — every one checked on paper, at least a third on site too,
each in a month — edited by the body's inspectors, checked before it is submitted, then approved
by the head of the body's agency and issued by its records officer through the generic workflow
(documents.workflow)."""

import math

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.models import Agency
from agencies.oversight import agency_ids_in_scope
from documents.models import FROZEN_STATUSES, OPEN_STATUSES
from documents.rules import may_draft
from documents.steps import actor_or_none, event_record, fields_save, lock, require_right
from documents.workflow import document_issue, document_submit, ensure_editable
from inspections import tasks
from inspections.models import InspectionMode, InspectionPlan, PlanEntry
from qms_objectives.errors import WorkflowError
from qms_objectives.tasks import enqueue_on_commit
from qms_objectives.text import to_nfc

TEXT_FIELDS = ("legal_bases", "purpose", "content", "organisation", "recipients")
# Months in which inspections are spread by default (the first quarter goes to the agencies'
# own internal audits and reviews; December to the reports).
DEFAULT_MONTHS = (4, 5, 6, 7, 8, 9, 10)

DEFAULT_LEGAL_BASES = (
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05 tháng 3 năm 2014 của Thủ tướng Chính phủ về "
    "việc áp dụng Hệ thống quản lý chất lượng theo Tiêu chuẩn quốc gia TCVN ISO 9001:2008 vào "
    "hoạt động của các cơ quan, tổ chức thuộc hệ thống hành chính nhà nước;\n"
    "Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10 tháng 10 năm 2014 của Bộ trưởng Bộ Khoa học và "
    "Công nghệ quy định chi tiết thi hành Quyết định số 19/2014/QĐ-TTg;"
)
DEFAULT_CONTENT = (
    "Việc xây dựng, áp dụng Hệ thống quản lý chất lượng đối với toàn bộ thủ tục hành chính "
    "và hoạt động liên quan;\n"
    "Việc phổ biến, hướng dẫn áp dụng các quy trình giải quyết công việc;\n"
    "Việc tuân thủ chính sách chất lượng, mục tiêu chất lượng đã công bố;\n"
    "Việc thực hiện các quy trình đã xây dựng;\n"
    "Việc đánh giá nội bộ, xem xét của lãnh đạo và thực hiện hành động khắc phục;\n"
    "Việc xử lý phản ánh, kiến nghị của tổ chức, cá nhân;\n"
    "Sự tham gia của lãnh đạo và việc xác nhận của người đứng đầu;\n"
    "Việc công bố, thông báo và niêm yết Hệ thống quản lý chất lượng phù hợp;\n"
    "Việc cập nhật, cải tiến hệ thống khi văn bản quy phạm pháp luật thay đổi."
)


def _default_texts(body, year: int) -> dict:
    unit = body.inspecting_unit or body.name
    return {
        "legal_bases": DEFAULT_LEGAL_BASES,
        "purpose": (
            "Đánh giá việc áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo "
            f"TCVN ISO 9001:2015 của các cơ quan hành chính nhà nước trên địa bàn "
            f"{body.region_name} năm {year};\n"
            "Phát hiện và hướng dẫn khắc phục kịp thời những tồn tại, hạn chế;\n"
            "Việc kiểm tra bảo đảm khách quan, đúng quy định, không gây trở ngại đến hoạt "
            "động bình thường của cơ quan được kiểm tra."
        ),
        "content": DEFAULT_CONTENT,
        "organisation": (
            f"{unit} chủ trì, trình ban hành quyết định kiểm tra đối với từng cơ quan và "
            "thông báo cho cơ quan được kiểm tra trước khi tiến hành kiểm tra;\n"
            "Các cơ quan được kiểm tra chuẩn bị hồ sơ, tài liệu, bố trí người làm việc với Đoàn "
            "kiểm tra; gửi báo cáo kết quả khắc phục trong thời hạn 02 tháng kể từ ngày ký "
            "biên bản kiểm tra;\n"
            f"{unit} tổng hợp kết quả kiểm tra, báo cáo trong tháng 11 năm {year}."
        ),
        "recipients": (
            f"Ủy ban nhân dân {body.region_name} (để báo cáo);\n"
            "Các cơ quan được kiểm tra;\n"
            f"Lưu: VT, {unit}."
        ),
    }


def on_site_needed(count: int) -> int:
    """At least a third of the agencies are checked on site (TT 26)."""
    return math.ceil(count / 3)


def _last_on_site(body, year: int) -> set[int]:
    """The agencies the body's latest issued plan of the year before checked on site."""
    previous = (
        InspectionPlan.objects.filter(body=body, year=year - 1, status__in=FROZEN_STATUSES)
        .order_by("-revision")
        .first()
    )
    if previous is None:
        return set()
    rows = previous.entries.filter(mode=InspectionMode.ON_SITE)
    return set(rows.values_list("agency_id", flat=True))


def plan_entries_generate(plan) -> list[PlanEntry]:
    """An entry per agency in scope that year: a third (rounded up) on site, those not checked
    on site the year before first; months spread over April–October."""
    agencies = list(
        Agency.objects.filter(pk__in=agency_ids_in_scope(plan.body, year=plan.year)).order_by(
            "name"
        )
    )
    last = _last_on_site(plan.body, plan.year)
    chosen = sorted(agencies, key=lambda a: (a.pk in last, a.name))[: on_site_needed(len(agencies))]
    on_site = {a.pk for a in chosen}
    entries = []
    counters = {InspectionMode.ON_SITE: 0, InspectionMode.PAPER: 0}
    for order, agency in enumerate(agencies):
        mode = InspectionMode.ON_SITE if agency.pk in on_site else InspectionMode.PAPER
        month = DEFAULT_MONTHS[counters[mode] % len(DEFAULT_MONTHS)]
        counters[mode] += 1
        entries.append(PlanEntry(plan=plan, agency=agency, mode=mode, month=month, order=order))
    return PlanEntry.objects.bulk_create(entries)


def _open_exists_error(body, year) -> WorkflowError:
    return WorkflowError(
        _(
            "%(body)s đã có kế hoạch kiểm tra năm %(year)s đang soạn thảo, chờ duyệt hoặc chờ "
            "ban hành. Hãy tiếp tục kế hoạch đó, hoặc hủy nó trước khi lập kế hoạch mới."
        )
        % {"body": body.name, "year": year},
        code="open_exists",
    )


def plan_start(*, body, year: int, actor) -> InspectionPlan:
    """A Draft plan of the body for the year, its entries generated from the scope. With a plan
    of the year already issued, the new one is its revision."""
    with transaction.atomic():
        probe = InspectionPlan(body=body, agency_id=body.agency_id, year=year)
        require_right(may_draft(actor, probe))
        plans = InspectionPlan.objects.filter(body=body, year=year)
        if plans.filter(status__in=OPEN_STATUSES).exists():
            raise _open_exists_error(body, year)
        previous = plans.filter(status__in=FROZEN_STATUSES).order_by("-revision").first()
        plan = InspectionPlan(
            body=body,
            agency_id=body.agency_id,
            year=year,
            revision=previous.revision + 1 if previous else 0,
            revises=previous,
            symbol=f"KH-{body.agency.symbol}",
            created_by=actor_or_none(actor),
            **_default_texts(body, year),
        )
        plan._history_user = actor_or_none(actor)
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError:
            raise _open_exists_error(body, year)
        plan_entries_generate(plan)
        event_record(document=plan, actor=actor, action="start", from_status="")
    return plan


def plan_update(*, plan, actor, version: int, fields: dict, entries: dict) -> InspectionPlan:
    """Save the texts and each entry's mode, month and note ({entry id: (mode, month, note)})
    if nobody changed the plan since `version` was read."""
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        plan = lock(plan)
        require_right(may_draft(actor, plan))
        ensure_editable(plan)
        if plan.version != version:
            raise WorkflowError(
                _(
                    "Kế hoạch vừa được người khác thay đổi sau khi bạn mở trang này. "
                    "Hãy mở lại trang, xem lại rồi lưu lần nữa."
                ),
                code="conflict",
            )
        for name, value in fields.items():
            setattr(plan, name, to_nfc((value or "").strip()))
        plan.version += 1
        fields_save(plan, actor=actor, fields=[*fields, "version"])
        rows = {e.pk: e for e in plan.entries.all()}
        if set(entries) - set(rows):
            raise WorkflowError(_("Cơ quan không thuộc kế hoạch này."), code="invalid")
        for pk, (mode, month, note) in entries.items():
            entry = rows[pk]
            note = to_nfc((note or "").strip())
            if (entry.mode, entry.month, entry.note) == (mode, month, note):
                continue
            entry.mode, entry.month, entry.note = mode, month, note
            entry._history_user = actor_or_none(actor)
            entry.save(update_fields=["mode", "month", "note"])
    return plan


def plan_problems(plan) -> list[str]:
    """What keeps the plan from being submitted, in Vietnamese sentences: agencies in scope
    missing (each is checked on paper every year), agencies not in scope, too few on site."""
    in_scope = agency_ids_in_scope(plan.body, year=plan.year)
    entries = list(plan.entries.select_related("agency"))
    planned = {e.agency_id for e in entries}
    problems = []
    missing = Agency.objects.filter(pk__in=in_scope - planned).order_by("name")
    if missing:
        problems.append(
            _(
                "Mọi cơ quan thuộc phạm vi quản lý phải được kiểm tra qua hồ sơ hằng năm; "
                "kế hoạch còn thiếu: %(names)s."
            )
            % {"names": ", ".join(a.name for a in missing)}
        )
    outside = [e.agency.name for e in entries if e.agency_id not in in_scope]
    if outside:
        problems.append(
            _("Không thuộc phạm vi quản lý năm %(year)s: %(names)s.")
            % {"year": plan.year, "names": ", ".join(outside)}
        )
    total = len(in_scope)
    needed = on_site_needed(total)
    on_site = sum(1 for e in entries if e.is_on_site and e.agency_id in in_scope)
    if on_site < needed:
        problems.append(
            ngettext(
                "Phải kiểm tra trực tiếp tại cơ quan ít nhất một phần ba số cơ quan: "
                "%(needed)s/%(total)s cơ quan; kế hoạch mới có %(count)s.",
                "Phải kiểm tra trực tiếp tại cơ quan ít nhất một phần ba số cơ quan: "
                "%(needed)s/%(total)s cơ quan; kế hoạch mới có %(count)s.",
                needed,
            )
            % {"needed": needed, "total": total, "count": on_site}
        )
    return problems


def plan_submit(*, document, actor) -> InspectionPlan:
    """Send the plan for approval once it satisfies the rule (plan_problems)."""
    with transaction.atomic():
        plan = lock(document)
        require_right(may_draft(actor, plan))
        problems = plan_problems(plan)
        if problems:
            raise WorkflowError(" ".join(problems), code="plan_rule")
        return document_submit(document=plan, actor=actor)


def plan_issue(*, document, actor, number, symbol: str, issued_on) -> InspectionPlan:
    """Issue the plan (the generic document_issue: number, final PDF, signature, stored file),
    then have each agency in it told, on the task engine once this commits."""
    with transaction.atomic():
        plan = document_issue(
            document=document, actor=actor, number=number, symbol=symbol, issued_on=issued_on
        )
        enqueue_on_commit(tasks.plan_agencies_tell, plan.pk)
    return plan
