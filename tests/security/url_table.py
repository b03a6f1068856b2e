"""The expected answer of every URL to every role, written by hand from agencies/permissions.py
and the issues (5: workflow and who may do what, 7: drafting and approving, 8: reading and
people, 9: monitoring, 10: evaluation, risks, Excel) — never recorded from the running app.

Roles: the seven of agency A (tests/conftest.py `people`), a member of another agency holding
every role there ("outsider"), the administrator and an inspector of the oversight body over A
and a member of another oversight body (tests/factories_oversight.py), and an anonymous visitor.
Codes: 200, 403 (a member who may see the object but not do this), 404 (outside the user's
reach: other agencies, unpublished documents for staff), 405 (GET on a POST-only action), LOGIN
(302 to the login page) and REDIRECT (302 anywhere else).

Every URL pattern of the project (admin/ and static aside) needs at least one row here: the
matrix fails on a new URL until someone decides who may open it."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from agencies.models import Invitation
from audits.models import InternalAudit
from conformity.models import ConformityAnnouncement
from corrective.models import CorrectiveAction
from documents.models import RenderedPages
from inspections import body_documents
from inspections.models import (
    DecemberReport,
    Inspection,
    InspectionDecision,
    InspectionPlan,
    NovemberReport,
)
from notifications.models import Notification
from objectives.models import SetImport
from oversight.models import Deadline, DeadlineKind
from tests.factories_inspection import (
    InspectionFactory,
    InspectionMinutesFactory,
    IssuedPlanFactory,
    PlanEntryFactory,
)
from tests.security.world import PERIOD, PUBLISHED_YEAR, VERIFICATION_CODE

LOGIN = "login"
REDIRECT = "redirect"

ROLES = (
    "iso_officer",
    "records_officer",
    "department_head",
    "head",
    "deputy",
    "staff",
    "administrator",
    "outsider",
    # Oversight (tests/factories_oversight.py): the administrator and an inspector of the body
    # whose scope covers agency A, and a member of another body (not over A). Members of no
    # agency.
    "oversight_admin",
    "inspector",
    "other_overseer",
    "anonymous",
)
SHORT = dict(
    zip(
        ("iso", "rec", "dh", "head", "dep", "staff", "admin", "out", "ovadm", "insp", "ovout")
        + ("anon",),
        ROLES,
        strict=True,
    )
)
OVERSEERS = ("oversight_admin", "inspector", "other_overseer")
# Unless a row names them, an oversight user gets what the outsider gets: an overseer never
# sees drafts or the pages meant for an agency's members. Where the outsider's answer comes from
# their own agency, a user who works in no agency (as oversight users) gets this instead.
NO_AGENCY = {
    "objectives:inbox": 403,
    "objectives:set_start": 403,
    "objectives:set_start_template": 403,
    "objectives:set_derive": 403,
    "monitoring:index": 404,
    "risks:home": 404,
    "corrective:home": 404,
    "agencies:people_home": 403,
    "audits:home": 404,
    "conformity:home": 404,
    "dossiers:home": 404,
}
AS_OUTSIDER = "as-outsider"


def expect(default, *, anon=LOGIN, **by_role) -> dict:
    """`default` for every role but those named (short names: iso rec dh head dep staff admin
    out ovadm insp ovout); anonymous visitors are sent to the login page unless said otherwise;
    oversight users get the outsider's answer (see NO_AGENCY) unless named."""
    codes = dict.fromkeys(ROLES, default)
    codes["anonymous"] = anon
    for role in OVERSEERS:
        codes[role] = AS_OUTSIDER
    for short, code in by_role.items():
        codes[SHORT[short]] = code
    return codes


# The rules, once each.
PUBLIC = expect(200, anon=200)  # no login: verification, login and password reset pages
LOGGED_IN = expect(200)  # any logged-in user, in whatever agency they work
MEMBERS = expect(200, out=404)  # every member of agency A; another agency's member never sees it
# An unpublished document of the agency: its drafters (ISO officers), approvers (head, deputy)
# and the records officer see it (may_view); staff, administrators, department heads of other
# units do not know it exists.
DOCUMENT_WORKERS = expect(404, iso=200, rec=200, head=200, dep=200)
# Drafting an agency set: ISO officers only; the other document workers see it (403).
AGENCY_DRAFTERS = expect(404, iso=200, rec=403, head=403, dep=403)
# Issuing: the records officer; the head and deputy issue only where there is none (A has one).
ISSUERS = expect(404, rec=200, iso=403, head=403, dep=403)
# Starting sets, importing, adding risks: ISO officers and department heads (may_import_sets,
# may_add_risks); other members 403.
STARTERS = expect(403, iso=200, dh=200, out=404)
# The people pages: the agency administrator.
ADMINISTRATORS = expect(403, admin=200, out=404)
# Readers list (ISO 9001 6.2.1 f): ISO officers, head, deputies (may_see_readers).
READERS_LIST = expect(403, iso=200, head=200, dep=200, out=404, ovadm=403, insp=403)
# GET on a POST-only action: refused by method for every logged-in user.
POST_ONLY = expect(405)
# A published document of agency A: every member, and the oversight body over A (the rulebook's
# `view` on published documents; the other body's member never sees it).
PUBLISHED_DOCUMENT = expect(200, out=404, ovadm=200, insp=200)
# A published document's pages for those who see it but may not do this: 403 for the overseers.
SEEN_BY_OVERSEERS = {"ovadm": 403, "insp": 403}


@dataclass(frozen=True)
class PostCheck:
    """A POST-only action: what an outsider and an anonymous visitor get when they POST
    `data` (the refusal must change nothing)."""

    data: Callable = lambda w: {}  # noqa: E731
    outsider: object = 404
    anonymous: object = LOGIN


@dataclass(frozen=True)
class Row:
    name: str
    expected: dict
    kwargs: Callable = lambda w: {}  # noqa: E731
    case: str = ""
    post: PostCheck | None = None
    query: dict = field(default_factory=dict)

    def __post_init__(self):
        # The oversight users' answer "as the outsider" resolved for this row (a copy: the
        # named rules above are shared by many rows).
        expected = dict(self.expected)
        for role in OVERSEERS:
            if expected.get(role, AS_OUTSIDER) == AS_OUTSIDER:
                expected[role] = NO_AGENCY.get(self.name, expected["outsider"])
        object.__setattr__(self, "expected", expected)

    @property
    def id(self) -> str:
        return f"{self.name}[{self.case}]" if self.case else self.name


def _pk(attr: str) -> Callable:
    return lambda w: {"pk": getattr(w, attr).pk}


def _rendered_pages(w) -> dict:
    """Ready pages of the submitted set (documents.pages), their files written again into this
    test's storage."""
    pdf = default_storage.save("pages/matrix.pdf", ContentFile(b"%PDF-1.7\n"))
    png = default_storage.save("pages/matrix.png", ContentFile(b"\x89PNG\r\n\x1a\n"))
    pages, _made = RenderedPages.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(w.submitted),
        object_id=w.submitted.pk,
        body_sha256="0" * 64,
        defaults={"state": RenderedPages.State.READY, "pdf_file": pdf, "page_files": [png]},
    )
    return {"pk": pages.pk}


def _section(attr: str) -> Callable:
    return lambda w: {"pk": w.section_of(getattr(w, attr)).pk}


def _objective(attr: str) -> Callable:
    return lambda w: {"pk": w.objective_of(getattr(w, attr)).pk}


def _agency(**extra) -> Callable:
    return lambda w: {"agency_id": w.agency.pk, **extra}


def _agency_year(w):
    return {"agency_id": w.agency.pk, "year": PUBLISHED_YEAR}


def _member(w):
    return {"agency_id": w.agency.pk, "pk": w.staff_membership.pk}


def _post_only(name, kwargs, data=lambda w: {}, **refusals) -> Row:  # noqa: B008
    return Row(name, POST_ONLY, kwargs, post=PostCheck(data=data, **refusals))


INVITATION_TOKEN = "matrix-invitation-token"


def _invitation(w) -> Invitation:
    """A pending invitation of agency A to an email without an account (made on first use)."""
    sent = datetime.now(UTC)
    invitation, _made = Invitation.objects.get_or_create(
        token_hash=Invitation.hash_token(INVITATION_TOKEN),
        defaults={
            "agency": w.agency,
            "email": "moi.moi@example.gov.vn",
            "roles": ["staff"],
            "invited_by": w.people["administrator"],
            "sent_at": sent,
            "expires_at": sent + timedelta(days=7),
        },
    )
    return invitation


def _invitation_of_agency(w) -> dict:
    return {"agency_id": w.agency.pk, "pk": _invitation(w).pk}


def _invitation_link(w) -> dict:
    _invitation(w)
    return {"token": INVITATION_TOKEN}


def _corrective_action(w) -> dict:
    """An open corrective action of agency A about its department, carried out by that
    department (its head) and the staff member (made on first use)."""
    action, _made = CorrectiveAction.objects.get_or_create(
        agency=w.agency,
        year=PUBLISHED_YEAR,
        nonconformity="Tỷ lệ hồ sơ đúng hạn: Không đạt",
        defaults={
            "department": w.department,
            "cause": "Thiếu người.",
            "action": "Bổ sung người.",
            "owner_department": w.department,
            "owner_person": w.people["staff"],
            "due_date": datetime(PUBLISHED_YEAR, 12, 31, tzinfo=UTC).date(),
        },
    )
    return {"pk": action.pk}


ACCOUNTS = [
    Row("home", LOGGED_IN),
    Row("healthz", PUBLIC),
    Row("bench_floor", PUBLIC),  # devtools (installed under tests and benches only)
    Row("set_language", expect(REDIRECT, anon=REDIRECT)),  # GET sets nothing, goes back to "/"
    Row("login", PUBLIC),
    # Django's LogoutView is POST-only, even for anonymous visitors.
    Row(
        "logout",
        expect(405, anon=405),
        post=PostCheck(outsider=REDIRECT, anonymous=REDIRECT),
    ),
    Row("password_change", LOGGED_IN),
    Row("password_change_done", LOGGED_IN),
    Row("password_reset", PUBLIC),
    Row("password_reset_done", PUBLIC),
    Row(
        "password_reset_confirm",
        PUBLIC,  # an invalid link renders the "link is not valid" page
        lambda w: {"uidb64": "MQ", "token": "abc-123"},
    ),
    Row("password_reset_complete", PUBLIC),
    # Private files: whoever may see the owning object (the published set: every member).
    Row("private_file", PUBLISHED_DOCUMENT, lambda w: {"name": w.published.issued_file.name}),
    Row(
        "private_file",
        expect(404),
        lambda w: {"name": "issued/../../settings.py"},
        case="traversal",
    ),
]

SETS = [
    Row("objectives:set_detail", DOCUMENT_WORKERS, _pk("draft"), case="draft"),
    Row("objectives:set_detail", PUBLISHED_DOCUMENT, _pk("published"), case="published"),
    # A department's draft: also its own department head.
    Row(
        "objectives:set_detail",
        expect(404, iso=200, rec=200, dh=200, head=200, dep=200),
        _pk("department_draft"),
        case="department_draft",
    ),
    # Another department's published set: its own staff, not D's head, staff or A's
    # administrator (no department).
    Row(
        "objectives:set_detail",
        expect(404, iso=200, rec=200, head=200, dep=200, ovadm=200, insp=200),
        _pk("other_department_published"),
        case="other_department_published",
    ),
    Row("objectives:set_review", DOCUMENT_WORKERS, _pk("submitted")),
    # Its rendered pages (documents.pages_views): whoever may view the set, as the set itself.
    Row("documents:pages_fragment", DOCUMENT_WORKERS, _rendered_pages),
    Row("documents:page_image", DOCUMENT_WORKERS, lambda w: {**_rendered_pages(w), "number": 1}),
    Row("documents:pages_pdf", DOCUMENT_WORKERS, _rendered_pages),
    _post_only(
        "objectives:agency_switch",
        lambda w: {},
        lambda w: {"agency": w.agency.pk},
        outsider=REDIRECT,
    ),
    # The inbox: whoever approves or issues somewhere (the outsider does in their agency).
    Row("objectives:inbox", expect(403, rec=200, head=200, dep=200, out=200)),
    _post_only("objectives:set_return", _pk("submitted"), lambda w: {"comment": "Sửa lại."}),
    _post_only("objectives:set_approve", _pk("submitted")),
    _post_only("objectives:set_submit", _pk("draft")),
    _post_only("objectives:set_withdraw", _pk("draft")),
    _post_only("objectives:set_revise", _pk("published")),
    _post_only("objectives:set_publish", _pk("published")),
    Row("objectives:set_issue", ISSUERS, _pk("approved")),
    Row("objectives:set_register", ISSUERS, _pk("approved")),
    Row("objectives:set_prepare_external", ISSUERS, _pk("approved")),
    Row("objectives:set_signed_upload", ISSUERS, _pk("approved")),
]

# Starting works in the agency the user works in: the outsider starts in their own.
START = expect(403, iso=200, dh=200, out=200)

EDITOR = [
    Row("objectives:set_start", START),
    Row("objectives:set_start_template", START, lambda w: {"key": "phu-luc-3-mau-trong"}),
    # Derive from agency A's published set: not in the outsider's agency (404).
    Row("objectives:set_derive", STARTERS, _pk("published")),
    Row("objectives:set_edit", AGENCY_DRAFTERS, _pk("draft"), case="draft"),
    Row(
        "objectives:set_edit",
        expect(404, iso=200, dh=200, rec=403, head=403, dep=403),
        _pk("department_draft"),
        case="department_draft",
    ),
    # Published: nobody edits; the ISO officer is sent to the set, members who see it get 403.
    Row(
        "objectives:set_edit",
        expect(403, iso=REDIRECT, out=404, **SEEN_BY_OVERSEERS),
        _pk("published"),
        case="frozen",
    ),
    Row("objectives:set_header", AGENCY_DRAFTERS, _pk("draft")),
    Row("objectives:set_preview", DOCUMENT_WORKERS, _pk("draft")),
    _post_only("objectives:section_add", _pk("draft"), lambda w: {"title": "II. Mục mới"}),
    _post_only("objectives:section_rename", _section("draft"), lambda w: {"title": "Đổi tên"}),
    _post_only("objectives:section_remove", _section("draft")),
    _post_only("objectives:section_move", _section("draft"), lambda w: {"direction": "up"}),
    Row("objectives:objective_add", AGENCY_DRAFTERS, _pk("draft")),
    Row("objectives:objective_row", AGENCY_DRAFTERS, _objective("draft")),
    Row("objectives:objective_edit", AGENCY_DRAFTERS, _objective("draft"), case="draft"),
    Row(
        "objectives:objective_edit",
        expect(404, iso=200, dh=200, rec=403, head=403, dep=403),
        _objective("department_draft"),
        case="department_draft",
    ),
    _post_only("objectives:objective_remove", _objective("draft"), lambda w: {"version": 1}),
    _post_only("objectives:objective_move", _objective("draft"), lambda w: {"direction": "up"}),
]

VERIFY = [
    Row("documents:verify_home", PUBLIC),
    Row("documents:verify", PUBLIC, lambda w: {"code": VERIFICATION_CODE}),
    Row("documents:verify", expect(404, anon=404), lambda w: {"code": "KHONGCO"}, case="unknown"),
    Row("documents:verify_file", PUBLIC, lambda w: {"code": VERIFICATION_CODE}),
]


def _public(w, *, year=None, document=None) -> dict:
    """The address of agency A under its province (the oversight body over it)."""
    kwargs = {"province": w.oversight_body.slug, "agency": w.agency.slug}
    if year is not None:
        kwargs["year"] = year
    if document is not None:
        kwargs.update(year=document.year, pk=document.pk)
    return kwargs


NOWHERE = expect(404, anon=404)
# The public pages (publication/): the same to everyone, signed in or not; nothing unpublished.
PUBLICATION = [
    Row("publication:province_list", PUBLIC),
    Row("publication:sitemap", PUBLIC),
    Row("publication:province", PUBLIC, lambda w: {"province": w.oversight_body.slug}),
    Row("publication:province", NOWHERE, lambda w: {"province": "khong-co"}, case="unknown"),
    Row(
        "publication:province_year",
        PUBLIC,
        lambda w: {"province": w.oversight_body.slug, "year": PUBLISHED_YEAR},
    ),
    Row("publication:agency", PUBLIC, lambda w: _public(w)),
    Row("publication:year", PUBLIC, lambda w: _public(w, year=PUBLISHED_YEAR)),
    Row("publication:year", NOWHERE, lambda w: _public(w, year=2025), case="drafts only"),
    Row("publication:set_pdf", PUBLIC, lambda w: _public(w, document=w.published)),
    Row("publication:set_pdf", NOWHERE, lambda w: _public(w, document=w.draft), case="draft"),
]

READING = [
    Row("objectives:reading_list", LOGGED_IN),
    Row("objectives:reading_search", LOGGED_IN, query={"q": "ho so"}),
    Row("objectives:reading_detail", PUBLISHED_DOCUMENT, _pk("published")),
    # Reading pages show published sets only, whoever asks.
    Row("objectives:reading_detail", expect(404), _pk("draft"), case="draft"),
    Row("objectives:reading_pdf", PUBLISHED_DOCUMENT, _pk("published")),
    _post_only("objectives:reading_acknowledge", _pk("published")),
    Row("objectives:reading_readers", READERS_LIST, _pk("published")),
    Row(
        "objectives:reading_readers_export",
        READERS_LIST,
        lambda w: {"pk": w.published.pk, "extension": "xlsx"},
    ),
    Row(
        "objectives:reading_readers_export",
        READERS_LIST,
        lambda w: {"pk": w.published.pk, "extension": "csv"},
        case="csv",
    ),
]


def _queued_import(uploader: str, department: bool) -> Callable:
    """A QUEUED Excel import of agency A (made on first use, inside the test: the world has
    none), uploaded by `uploader`, for department D or for the agency."""

    def kwargs(w):
        job, _created = SetImport.objects.get_or_create(
            agency=w.agency,
            department=w.department if department else None,
            year=2030,
            created_by=w.people[uploader],
            defaults={"file": "imports/2030/queued.xlsx", "original_name": "muc-tieu.xlsx"},
        )
        return {"pk": job.pk}

    return kwargs


EXCEL = [
    Row("objectives:set_export_xlsx", PUBLISHED_DOCUMENT, _pk("published"), case="published"),
    Row("objectives:set_export_xlsx", DOCUMENT_WORKERS, _pk("draft"), case="draft"),
    Row("objectives:set_export_docx", PUBLISHED_DOCUMENT, _pk("published"), case="published"),
    Row("objectives:set_export_docx", DOCUMENT_WORKERS, _pk("draft"), case="draft"),
    Row("objectives:set_import", STARTERS, _agency()),
    Row("objectives:import_template", STARTERS, _agency()),
    # An import's page: its uploader and whoever may start the same set; nobody else knows it.
    Row(
        "objectives:set_import_detail",
        expect(404, iso=200),
        _queued_import("iso_officer", department=False),
        case="agency",
    ),
    Row(
        "objectives:set_import_detail",
        expect(404, iso=200, dh=200),
        _queued_import("department_head", department=True),
        case="department",
    ),
]

MONITORING = [
    Row("monitoring:index", expect(REDIRECT)),  # to the dashboard of the user's own agency
    Row("monitoring:dashboard", MEMBERS, _agency_year),
    Row(
        "monitoring:department_dashboard",
        MEMBERS,
        lambda w: {**_agency_year(w), "department_id": w.department.pk},
    ),
    Row("monitoring:due", MEMBERS, _agency_year),
    Row("monitoring:summary_pdf", MEMBERS, _agency_year),
    # Every member reads a unit's report; recording is checked on POST (tests/monitoring).
    Row("monitoring:agency_entry", MEMBERS, _agency(period_key=PERIOD)),
    _post_only("monitoring:agency_confirm", _agency(period_key=PERIOD)),
    Row(
        "monitoring:department_entry",
        MEMBERS,
        lambda w: {
            "agency_id": w.agency.pk,
            "department_id": w.department.pk,
            "period_key": PERIOD,
        },
    ),
    _post_only(
        "monitoring:department_confirm",
        lambda w: {
            "agency_id": w.agency.pk,
            "department_id": w.department.pk,
            "period_key": PERIOD,
        },
    ),
    # The monitoring plan of a published set: its drafters; members who see the set get 403.
    Row(
        "monitoring:plan",
        expect(403, iso=200, out=404, **SEEN_BY_OVERSEERS),
        lambda w: {"set_id": w.published.pk},
    ),
    Row("monitoring:evidence", MEMBERS, _pk("evidence")),
    # Overriding a computed result: whoever may record the unit's results (A's result is the
    # agency's own: its ISO officers); other members 403.
    Row(
        "monitoring:result_override",
        expect(403, iso=200, out=404),
        lambda w: {"pk": w.evidence.result.pk},
    ),
]

EVALUATION = [
    Row("evaluation:list", MEMBERS, _agency_year),
    _post_only("evaluation:start", lambda w: {"set_id": w.published.pk}),
    Row("evaluation:detail", DOCUMENT_WORKERS, _pk("report")),
    Row("evaluation:preview", DOCUMENT_WORKERS, _pk("report")),
    Row("evaluation:xlsx", DOCUMENT_WORKERS, _pk("report")),
    _post_only("evaluation:submit", _pk("report")),
    _post_only("evaluation:withdraw", _pk("report")),
    _post_only("evaluation:return", _pk("report"), lambda w: {"comment": "Sửa lại."}),
    _post_only("evaluation:approve", _pk("report")),
    Row("evaluation:issue", ISSUERS, _pk("report")),
    _post_only("evaluation:publish", _pk("report")),
]

RISKS = [
    Row("risks:home", expect(REDIRECT)),  # to the register of the user's own agency
    Row("risks:register", MEMBERS, _agency_year),
    Row("risks:register", expect(404), _agency(year=1999), case="year_out_of_range"),
    Row("risks:register_xlsx", MEMBERS, _agency_year),
    Row("risks:register_pdf", MEMBERS, _agency_year),
    Row("risks:risk_new", STARTERS, _agency_year),
    Row("risks:risk_detail", MEMBERS, _pk("risk")),
    Row("risks:risk_edit", expect(403, iso=200, out=404), _pk("risk"), case="agency"),
    Row(
        "risks:risk_edit",
        expect(403, iso=200, dh=200, out=404),
        _pk("department_risk"),
        case="department",
    ),
    _post_only("risks:risk_close", _pk("risk"), lambda w: {"outcome": "Đã xử lý."}),
    _post_only("risks:risk_reopen", _pk("risk")),
]

# Corrective actions: the agency's ISO officers keep them; the head and deputy read them; the
# department's head and the staff member carry this one out (mark done, add evidence); the
# records officer and the administrator, who neither keep nor carry it, do not know it exists.
CORRECTIVE_READERS = expect(404, iso=200, head=200, dep=200, dh=200, staff=200)
CORRECTIVE = [
    Row("corrective:home", expect(REDIRECT)),  # to the list of the user's own agency
    Row("corrective:list", MEMBERS, _agency_year),
    Row("corrective:list", expect(404), _agency(year=1999), case="year_out_of_range"),
    Row("corrective:new", expect(403, iso=200, out=404), _agency_year),
    Row("corrective:detail", CORRECTIVE_READERS, _corrective_action),
    Row(
        "corrective:edit",
        expect(404, iso=200, head=403, dep=403, dh=403, staff=403),
        _corrective_action,
    ),
    Row(
        "corrective:close",
        expect(404, iso=200, head=403, dep=403, dh=403, staff=403),
        _corrective_action,
    ),
    Row(
        "corrective:evidence",
        expect(404, iso=200, head=403, dep=403, dh=200, staff=200),
        _corrective_action,
    ),
    _post_only("corrective:done", _corrective_action),
    _post_only("corrective:reopen", _corrective_action),
]

PEOPLE = [
    # To the member list of an agency the user administers (the outsider: their own); 403.
    Row("agencies:people_home", expect(403, admin=REDIRECT, out=REDIRECT)),
    Row("agencies:member_list", ADMINISTRATORS, _agency()),
    Row("agencies:member_add", ADMINISTRATORS, _agency()),
    Row("agencies:member_import", ADMINISTRATORS, _agency()),
    Row("agencies:member_edit", ADMINISTRATORS, _member),
    _post_only("agencies:member_deactivate", _member),
    _post_only("agencies:member_reactivate", _member),
    _post_only("agencies:member_password_reset", _member),
    _post_only("agencies:invitation_resend", _invitation_of_agency),
    _post_only("agencies:invitation_cancel", _invitation_of_agency),
    # The link of an invitation: the new person it was sent to (anonymous) gets the form; anyone
    # signed in under another email is refused (403); an unknown token is 404 for everyone.
    Row(
        "agencies:invitation_accept",
        expect(403, anon=200),
        _invitation_link,
        post=PostCheck(outsider=403, anonymous=400),
    ),
    Row(
        "agencies:invitation_accept",
        expect(404, anon=404),
        lambda w: {"token": "x"},
        case="unknown",
    ),
]

TABLE = ACCOUNTS + SETS + EDITOR + VERIFY + READING + EXCEL + MONITORING + EVALUATION
TABLE += RISKS + CORRECTIVE + PEOPLE + PUBLICATION


# An agency's settings (issue 20): its administrators, as the people pages.
def _department(w) -> dict:
    return {"agency_id": w.agency.pk, "pk": w.department.pk}


AGENCY_SETTINGS = [
    Row("agencies:agency_settings", ADMINISTRATORS, _agency()),
    Row("agencies:department_list", ADMINISTRATORS, _agency()),
    Row("agencies:department_edit", ADMINISTRATORS, _department),
    _post_only("agencies:department_deactivate", _department),
    _post_only("agencies:department_reactivate", _department),
    Row("agencies:member_signature", ADMINISTRATORS, _member),
]
TABLE += AGENCY_SETTINGS

# The oversight body's own pages (issue 20): its administrators; its inspector sees the body
# but may not (403); anyone else does not know it (404).
BODY_ADMINISTRATORS = expect(404, ovadm=200, insp=403)


def _body(**extra) -> Callable:
    return lambda w: {"body_id": w.oversight_body.pk, **extra}


def _body_agency(w) -> dict:
    return {"body_id": w.oversight_body.pk, "agency_id": w.agency.pk}


def _body_member(w) -> dict:
    membership = w.people["inspector"].oversight_memberships.get(body=w.oversight_body)
    return {"body_id": w.oversight_body.pk, "pk": membership.pk}


BODY_INVITATION_TOKEN = "matrix-body-invitation-token"


def _body_invitation(w) -> dict:
    """A pending invitation of agency A's administrator, sent by the body (made on first
    use)."""
    sent = datetime.now(UTC)
    invitation, _made = Invitation.objects.get_or_create(
        token_hash=Invitation.hash_token(BODY_INVITATION_TOKEN),
        defaults={
            "agency": w.agency,
            "email": "quan.tri.moi@example.gov.vn",
            "roles": ["administrator"],
            "invited_by": w.people["oversight_admin"],
            "sent_at": sent,
            "expires_at": sent + timedelta(days=7),
        },
    )
    return {"body_id": w.oversight_body.pk, "pk": invitation.pk}


OVERSIGHT_BODY = [
    # To the agencies of the body the user administers (the other body's administrator: theirs).
    Row("agencies:body_home", expect(403, ovadm=REDIRECT, ovout=REDIRECT)),
    Row("agencies:body_agencies", BODY_ADMINISTRATORS, _body()),
    Row("agencies:body_agency_create", BODY_ADMINISTRATORS, _body()),
    Row("agencies:body_agency_import", BODY_ADMINISTRATORS, _body()),
    Row("agencies:body_agency_import_template", BODY_ADMINISTRATORS, _body()),
    Row("agencies:agency_invite", BODY_ADMINISTRATORS, _body_agency),
    _post_only("agencies:body_invitation_resend", _body_invitation),
    _post_only("agencies:body_invitation_cancel", _body_invitation),
    Row("agencies:body_people", BODY_ADMINISTRATORS, _body()),
    Row("agencies:body_member_add", BODY_ADMINISTRATORS, _body()),
    Row("agencies:body_member_edit", BODY_ADMINISTRATORS, _body_member),
    _post_only("agencies:body_member_deactivate", _body_member),
    _post_only("agencies:body_member_reactivate", _body_member),
]
TABLE += OVERSIGHT_BODY


def _notification_of(role: str) -> Callable:
    """A notification of `role` (made on first use: the world has none); only its owner may
    open it or mark it read, anyone else gets 404."""

    def kwargs(w):
        notice, _created = Notification.objects.get_or_create(
            user=w.people[role], kind="member_added", params={"agency": "A"}, url="/"
        )
        return {"pk": notice.pk}

    return kwargs


# Each user's own notifications: every signed-in user has a centre; nobody reaches another's.
NOTIFICATIONS = [
    Row("notifications:list", LOGGED_IN),
    Row("notifications:preferences", LOGGED_IN),
    _post_only("notifications:read_all", lambda w: {}, outsider=REDIRECT),  # their own: none
    _post_only("notifications:read", _notification_of("staff")),
    _post_only("notifications:open", _notification_of("staff")),
]
TABLE += NOTIFICATIONS


# The read-only API (/api/v1/, issue 22): the public endpoints answer everyone alike (a session
# counts for nothing there), those of a token answer 401 to every session; the token pages are
# the agency administrator's (the oversight body's: its administrator).
API_PUBLIC = expect(200, anon=200)
API_NOWHERE = expect(404, anon=404)
API_TOKEN_ONLY = expect(401, anon=401)


def _api_province(w) -> dict:
    """The open data of the oversight body over agency A (its scope since 2020)."""
    return {"province": w.oversight_body.slug, "year": PUBLISHED_YEAR}


def _api_token(w) -> dict:
    """An active API token of agency A (made on first use)."""
    from api.models import ApiToken

    token, _made = ApiToken.objects.get_or_create(
        token_hash=ApiToken.hash_key("qms_matrix"),
        defaults={
            "name": "Cổng",
            "agency": w.agency,
            "prefix": "qms_matrix",
            "created_by": w.people["administrator"],
        },
    )
    return {"pk": token.pk}


def _set_id(attr: str) -> Callable:
    return lambda w: {"set_id": getattr(w, attr).pk}


_API_AGENCY = _agency()
API = [
    Row("api:openapi-json", API_PUBLIC),
    Row("api:openapi-view", API_PUBLIC),
    Row("api:api-root", API_PUBLIC),
    Row("api:not_found", API_NOWHERE, lambda w: {"rest": "khong/co"}),
    Row("api:agencies", API_PUBLIC),
    Row("api:agency", API_PUBLIC, _API_AGENCY),
    Row("api:agency_sets", API_PUBLIC, _API_AGENCY),
    Row("api:set", API_PUBLIC, _set_id("published")),
    Row("api:set", API_NOWHERE, _set_id("draft"), case="draft"),
    # Agency A does not publish its results (the default): no trace of them.
    Row("api:set_results", API_NOWHERE, _set_id("published")),
    Row("api:scope_agencies", API_TOKEN_ONLY),
    Row("api:scope_agency", API_TOKEN_ONLY, _API_AGENCY),
    Row("api:scope_agency_sets", API_TOKEN_ONLY, _API_AGENCY),
    Row("api:scope_set", API_TOKEN_ONLY, _set_id("draft")),
    Row("api:scope_set_monitoring", API_TOKEN_ONLY, _set_id("published")),
    Row("api:scope_set_evaluation", API_TOKEN_ONLY, _set_id("published")),
    Row("api:open_data_json", API_PUBLIC, _api_province),
    Row("api:open_data_csv", API_PUBLIC, _api_province),
    Row("api:open_data_xlsx", API_PUBLIC, _api_province),
    Row(
        "api:open_data_json",
        API_NOWHERE,
        lambda w: {"province": "khong-co", "year": PUBLISHED_YEAR},
        case="unknown",
    ),
    Row("api_tokens:agency_tokens", ADMINISTRATORS, _API_AGENCY),
    # The body over A: its administrator; its inspector sees the body but may not (403).
    Row(
        "api_tokens:body_tokens",
        expect(404, ovadm=200, insp=403),
        lambda w: {"body_id": w.oversight_body.pk},
    ),
    _post_only("api_tokens:token_revoke", _api_token),
]
TABLE += API


def _inspection(w):
    """An inspection of agency A by the oversight body over it, led by its inspector, from an
    issued plan (made on first use: the world has none)."""
    found = Inspection.objects.filter(agency=w.agency, body=w.oversight_body).first()
    if found is None:
        plan = IssuedPlanFactory(body=w.oversight_body, year=PUBLISHED_YEAR)
        entry = PlanEntryFactory(plan=plan, agency=w.agency)
        found = InspectionFactory(plan_entry=entry, team_leader=w.people["inspector"])
        InspectionMinutesFactory(inspection=found)
    return found


def _inspection_pk(w) -> dict:
    return {"pk": _inspection(w).pk}


def _plan_entry_to_start(w) -> dict:
    """An entry of the same plan without an inspection yet (the outsider's agency)."""
    plan = _inspection(w).plan_entry.plan
    entry = plan.entries.filter(inspection__isnull=True).first()
    outsider_agency = w.people["outsider"].memberships.get().agency
    entry = entry or PlanEntryFactory(plan=plan, agency=outsider_agency)
    return {"entry_id": entry.pk}


def _body_year(**extra) -> Callable:
    return lambda w: {"body_id": w.oversight_body.pk, "year": PUBLISHED_YEAR, **extra}


BODY_PEOPLE = expect(404, ovadm=200, insp=200)
# Inspections (issue 21): the inspecting body's people and the agency's ISO officers, head,
# deputies and records officer see them; nobody else knows they exist.
INSPECTION_READERS = expect(404, iso=200, rec=200, head=200, dep=200, ovadm=200, insp=200)
INSPECTIONS = [
    Row("inspections:inspection_list", expect(200, ovadm=200, insp=200, ovout=200)),
    Row("inspections:inspection_start", expect(404, ovadm=200, insp=200), _plan_entry_to_start),
    Row("inspections:inspection_detail", INSPECTION_READERS, _inspection_pk),
    Row("inspections:checklist", INSPECTION_READERS, _inspection_pk),
    Row("inspections:minutes_preview", INSPECTION_READERS, _inspection_pk),
    _post_only("inspections:minutes_approve", _inspection_pk),
    _post_only("inspections:minutes_reopen", _inspection_pk),
    _post_only("inspections:minutes_sign_unit", _inspection_pk),
    _post_only("inspections:minutes_prepare_unit", _inspection_pk),
    _post_only("inspections:minutes_upload_unit", _inspection_pk),
    _post_only("inspections:minutes_sign_agency", _inspection_pk),
    _post_only("inspections:minutes_upload_agency", _inspection_pk),
    _post_only("inspections:minutes_register", _inspection_pk),
    # The body's reports: its own people only.
    Row("inspections:reports", BODY_PEOPLE, _body_year()),
    Row("inspections:report_file", BODY_PEOPLE, _body_year(kind="december", extension="pdf")),
    Row(
        "inspections:report_file",
        BODY_PEOPLE,
        _body_year(kind="november", extension="xlsx"),
        case="xlsx",
    ),
]
TABLE += INSPECTIONS


# The body's reports and the decision per inspection (issue 21): documents of the body's own
# agency, prepared by its inspectors (reports: its administrator too) and read by both; issuing
# is its records officer's (403 to them); agency A's members, the outsider and another body's
# member know nothing of them (the inspected agency reads an issued decision from the
# inspection's page only: tests/inspections/test_body_documents.py).
def _body_document(kind: str) -> Callable:
    def kwargs(w) -> dict:
        inspector = w.people["inspector"]
        if kind == "decision":
            inspection = _inspection(w)
            found = InspectionDecision.objects.filter(inspection=inspection).first()
            found = found or body_documents.decision_start(inspection=inspection, actor=inspector)
        else:
            model = {"november": NovemberReport, "december": DecemberReport}[kind]
            found = model.objects.filter(body=w.oversight_body, year=PUBLISHED_YEAR).first()
            found = found or body_documents.report_start(
                body=w.oversight_body, year=PUBLISHED_YEAR, kind=kind, actor=inspector
            )
        return {"kind": kind, "pk": found.pk}

    return kwargs


BODY_DOCUMENTS = [
    Row("inspections:body_document", BODY_PEOPLE, _body_document("december")),
    Row("inspections:body_document", BODY_PEOPLE, _body_document("november"), case="november"),
    Row("inspections:body_document", BODY_PEOPLE, _body_document("decision"), case="decision"),
    Row("inspections:body_document_pdf", BODY_PEOPLE, _body_document("december")),
    Row("inspections:body_document_pdf", BODY_PEOPLE, _body_document("decision"), case="decision"),
    Row("inspections:body_document_xlsx", BODY_PEOPLE, _body_document("november")),
    Row(
        "inspections:body_document_xlsx",
        expect(404, anon=LOGIN),
        _body_document("decision"),
        case="decision",
    ),
    Row(
        "inspections:body_document_issue",
        expect(404, ovadm=403, insp=403),
        _body_document("december"),
    ),
    _post_only("inspections:body_document_refresh", _body_document("december")),
    _post_only("inspections:body_document_submit", _body_document("december")),
    _post_only("inspections:body_document_withdraw", _body_document("decision")),
    _post_only("inspections:body_document_return", _body_document("november")),
    _post_only("inspections:body_document_approve", _body_document("decision")),
    _post_only("inspections:report_start", _body_year(kind="november")),
    _post_only("inspections:decision_start", _inspection_pk),
]
TABLE += BODY_DOCUMENTS


# Internal audits and management reviews of agency A (issue 20): its ISO officers keep them, its
# head and deputies and the oversight body over A read them; nobody else knows they exist.
AUDIT_READERS = expect(404, iso=200, head=200, dep=200, ovadm=200, insp=200)
AUDIT_KEEPERS = expect(404, iso=200, head=403, dep=403, ovadm=403, insp=403)


def _internal_audit(w):
    """An internal audit of agency A in the published year, its report a PDF (made on first
    use)."""
    audit = InternalAudit.objects.filter(agency=w.agency).first()
    if audit is None:
        audit = InternalAudit(
            agency=w.agency,
            held_on=datetime(PUBLISHED_YEAR, 11, 20, tzinfo=UTC).date(),
            scope="Các quá trình giải quyết TTHC tại Bộ phận Một cửa.",
            findings_count=4,
            nonconformities_count=1,
            recorded_by=w.people["iso_officer"],
            report_name="bao-cao-danh-gia.pdf",
            report_kind="pdf",
        )
        audit.report.save("bao-cao-danh-gia.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
        audit.save()
    return audit


def _audit(w) -> dict:
    return {"kind": "danh-gia-noi-bo", "pk": _internal_audit(w).pk}


AUDITS = [
    Row("audits:home", expect(REDIRECT, ovadm=404, insp=404, ovout=404)),
    Row("audits:list", AUDIT_READERS, _agency_year),
    Row("audits:list", expect(404), _agency(year=1999), case="year_out_of_range"),
    Row("audits:new", AUDIT_KEEPERS, _agency(year=PUBLISHED_YEAR, kind="danh-gia-noi-bo")),
    Row(
        "audits:new",
        expect(404),
        _agency(year=PUBLISHED_YEAR, kind="khong-co"),
        case="unknown_kind",
    ),
    Row("audits:detail", AUDIT_READERS, _audit),
    Row("audits:edit", AUDIT_KEEPERS, _audit),
    Row(
        "private_file",
        AUDIT_READERS,
        lambda w: {"name": _internal_audit(w).report.name},
        case="audit_report",
    ),
]
TABLE += AUDITS

# The oversight body's pages (issue 20): its members (administrator and inspector) read the
# table of its agencies and drill down into agency A; only its administrator sets deadlines
# (POST; the inspector reads them). Nobody else — the other body's member included — knows them.
BODY_MEMBERS = expect(404, ovadm=200, insp=200)


def _body_year(**extra) -> Callable:
    return lambda w: {"body_id": w.oversight_body.pk, "year": PUBLISHED_YEAR, **extra}


def _deadline(w) -> dict:
    """The body's deadline for publishing the objectives (made on first use)."""
    deadline, _made = Deadline.objects.get_or_create(
        body=w.oversight_body,
        year=PUBLISHED_YEAR,
        kind=DeadlineKind.OBJECTIVES_PUBLISHED,
        defaults={"due_on": datetime(PUBLISHED_YEAR, 1, 31, tzinfo=UTC).date()},
    )
    return {"pk": deadline.pk}


OVERSIGHT = [
    Row("oversight:home", expect(404, ovadm=REDIRECT, insp=REDIRECT, ovout=REDIRECT)),
    Row("oversight:table", BODY_MEMBERS, _body_year()),
    Row("oversight:table", expect(404), _body_year(year=1999), case="year_out_of_range"),
    Row("oversight:table_xlsx", BODY_MEMBERS, _body_year()),
    Row("oversight:agency", BODY_MEMBERS, lambda w: _body_year(agency_id=w.agency.pk)(w)),
    # The outsider's agency is in the other body's scope, never in this one's.
    Row(
        "oversight:agency",
        expect(404),
        lambda w: _body_year(agency_id=w.outsider_agency.pk)(w),
        case="out_of_scope",
    ),
    Row("oversight:deadlines", BODY_MEMBERS, _body_year()),
    _post_only("oversight:deadline_remove", _deadline),
]
TABLE += OVERSIGHT


# Conformity announcements (issue 21): agency A's document workers see its drafts, its ISO
# officers draft, head and deputies approve, the records officer issues; every member opens the
# agency's page; the oversight body over A reads the page and the announcements once issued.
def _announcement(w, status) -> dict:
    """An announcement of agency A in `status` (made on first use), a year apart per status."""
    year = {"draft": 2031, "issued": 2032}[status]
    found, _made = ConformityAnnouncement.objects.get_or_create(
        agency=w.agency,
        year=year,
        defaults={
            "status": status,
            "activities": "Đất đai",
            "number": 5 if status == "issued" else None,
            "symbol": "QĐ-VP",
            "issued_on": datetime(year, 3, 2, tzinfo=UTC).date() if status == "issued" else None,
        },
    )
    return {"pk": found.pk}


def _draft_announcement(w) -> dict:
    return _announcement(w, "draft")


# Seen by A's members (staff who are no document worker: once published only) and the overseers
# of A once issued.
ISSUED_ANNOUNCEMENT = expect(404, iso=200, rec=200, head=200, dep=200, ovadm=200, insp=200)
CONFORMITY = [
    Row(
        "conformity:home",
        expect(REDIRECT, ovadm=200, insp=200, ovout=200),
    ),
    Row("conformity:agency", expect(200, out=404, ovadm=200, insp=200), _agency()),
    _post_only("conformity:scope", _agency()),
    _post_only("conformity:start", _agency()),
    Row("conformity:detail", DOCUMENT_WORKERS, _draft_announcement),
    Row(
        "conformity:detail",
        ISSUED_ANNOUNCEMENT,
        lambda w: _announcement(w, "issued"),
        case="issued",
    ),
    Row("conformity:preview", DOCUMENT_WORKERS, _draft_announcement),
    # Only an approved announcement is issued: the records officer is sent back to it.
    Row(
        "conformity:issue",
        expect(404, rec=REDIRECT, iso=403, head=403, dep=403),
        _draft_announcement,
    ),
    Row(
        "conformity:register",
        expect(404, rec=REDIRECT, iso=403, head=403, dep=403),
        _draft_announcement,
    ),
    _post_only("conformity:submit", _draft_announcement),
    _post_only("conformity:withdraw", _draft_announcement),
    _post_only("conformity:return", _draft_announcement),
    _post_only("conformity:approve", _draft_announcement),
    _post_only("conformity:publish", _draft_announcement),
]
TABLE += CONFORMITY


# The annual inspection plan (issue 21): a document of the oversight body's own agency, drafted
# by its inspectors and read by its administrator; agency A's members know nothing of the draft
# and see their own agency's schedule from issued plans; the other body's member sees its list.
def _draft_plan(w) -> dict:
    """A draft plan of the body over A for 2030 (made on first use)."""
    found, _made = InspectionPlan.objects.get_or_create(
        body=w.oversight_body, year=2030, defaults={"agency": w.oversight_body.agency}
    )
    return {"pk": found.pk}


PLAN_PEOPLE = expect(404, ovadm=200, insp=200)
PLANS = [
    Row("inspections:plan_list", expect(404, ovadm=200, insp=200, ovout=200)),
    _post_only("inspections:plan_start", lambda w: {"body_id": w.oversight_body.pk}),
    Row("inspections:plan_agency", expect(200, out=404), _agency()),
    Row("inspections:plan_detail", PLAN_PEOPLE, _draft_plan),
    Row("inspections:plan_preview", PLAN_PEOPLE, _draft_plan),
    # Issuing is the records officer's of the body's agency: its inspectors see the plan (403).
    Row("inspections:plan_issue", expect(404, ovadm=403, insp=403), _draft_plan),
    _post_only("inspections:plan_submit", _draft_plan),
    _post_only("inspections:plan_withdraw", _draft_plan),
    _post_only("inspections:plan_return", _draft_plan),
    _post_only("inspections:plan_approve", _draft_plan),
    _post_only("inspections:plan_publish", _draft_plan),
]
TABLE += PLANS


# Dossier records (issue 23): the exports carry citizens' personal data, so only the agency's
# ISO officers and head import them, confirm columns, see imports and download the kept file;
# the other members get 403 (the file itself: 404, like every refused private file); outsiders
# and oversight users never know of them.
DOSSIER_IMPORTERS = expect(403, iso=200, head=200, out=404)


def _dossier_import(w) -> dict:
    """A finished import of agency A with its file still kept (made on first use)."""
    from dossiers.models import DossierImport

    job = DossierImport.objects.filter(agency=w.agency, original_name="matrix.csv").first()
    if job is None:
        job = DossierImport(
            agency=w.agency,
            original_name="matrix.csv",
            file_format="csv",
            sha256="0" * 64,
            created_by=w.people["iso_officer"],
            status=DossierImport.Status.DONE,
        )
        job.file.save("export.csv", ContentFile(b"MaHoSo,NgayTiepNhan\n"), save=False)
        job.save()
    elif not default_storage.exists(job.file.name):
        default_storage.save(job.file.name, ContentFile(b"MaHoSo,NgayTiepNhan\n"))
    return job


DOSSIERS = [
    Row("dossiers:home", expect(REDIRECT, ovadm=404, insp=404, ovout=404)),
    Row("dossiers:import", DOSSIER_IMPORTERS, _agency()),
    Row("dossiers:mapping", DOSSIER_IMPORTERS, _agency()),
    Row("dossiers:settings", DOSSIER_IMPORTERS, _agency()),
    Row("dossiers:import_detail", DOSSIER_IMPORTERS, lambda w: {"pk": _dossier_import(w).pk}),
    Row(
        "private_file",
        expect(404, iso=200, head=200),
        lambda w: {"name": _dossier_import(w).file.name},
        case="dossier_export",
    ),
]
TABLE += DOSSIERS


# Targets computed from the dossiers (issue 23): the agency's ISO officers and head read the
# bindings (ISO officers bind, recompute and unbind: tests/dossiers), other members 403,
# outsiders and oversight users 404.
MEASURE_READERS = expect(403, iso=200, head=200, out=404)


def _target_measure(w) -> dict:
    """Agency A's published target bound to the on-time rate (made on first use)."""
    from dossiers.models import Measure, TargetMeasure

    bound, _made = TargetMeasure.objects.get_or_create(
        target=w.published.objectives.get().targets.get(),
        defaults={
            "agency": w.agency,
            "measure": Measure.ON_TIME_RATE,
            "created_by": w.people["iso_officer"],
        },
    )
    return {"pk": bound.pk}


TABLE += [
    Row("dossiers:measures", MEASURE_READERS, _agency()),
    Row("dossiers:measure_detail", MEASURE_READERS, _target_measure),
    _post_only("dossiers:measure_recompute", _target_measure),
    _post_only("dossiers:measure_unbind", _target_measure),
    _post_only(
        "dossiers:measure_restore", lambda w: _target_measure(w) | {"period_key": "2025-Q1"}
    ),
    # The API's one write (api/dossiers.py): POST with an agency's token; GET is 405 to all.
    Row("api:dossiers_push", expect(405, anon=405)),
]
