"""One rulebook: for every role, every status, every registered document kind, with and without
a records officer in the agency, the predicate of a right, its query filter and its list of
holders agree — and the inbox, its badge and the notices follow them. A rule changed in one
place only (the drift this test was written for: may_issue let the head and deputies issue in an
agency without a records officer while the inbox and the "approved" notice looked for records
officers only) fails here."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from agencies.models import Membership, OversightBody
from agencies.oversight import forget_oversight_memberships
from agencies.permissions import forget_memberships
from conformity.models import ConformityAnnouncement
from documents import kinds, rulebook
from documents.models import Status
from evaluation.models import EvaluationReport
from inspections.models import (
    DecemberReport,
    InspectionDecision,
    InspectionMinutes,
    InspectionPlan,
    NovemberReport,
)
from objectives.models import ObjectiveSet
from objectives.selectors import inbox_count, inbox_for
from tests.factories import (
    EvaluationReportFactory,
    MembershipFactory,
    ObjectiveSetFactory,
    UserFactory,
)
from tests.factories_inspection import InspectionFactory, InspectionMinutesFactory
from tests.factories_oversight import (
    OversightBodyFactory,
    OversightMembershipFactory,
    OversightScopeFactory,
)

OVERSIGHT = (
    "overseer",  # inspector of a body over the agency for every year of the documents
    "overseer_administrator",  # administrator of that body
    "overseer_until_2004",  # inspector of a body whose scope of the agency ended mid-2004
    "other_overseer",  # inspector of a body over another agency only
)
ROLES = (
    "iso_officer",
    "head",
    "deputy",
    "records_officer",
    "department_head",  # of the department of the department documents
    "other_department_head",
    "staff",
    "outsider",  # every role, in another agency
    "anonymous",
    *OVERSIGHT,
    # The people of the oversight body that is the agency itself (its documents: the plan…).
    "body_inspector",
    "body_administrator",
)


def _make(model, agency, department, year, basis):
    if model is ObjectiveSet:
        return ObjectiveSetFactory(agency=agency, department=department, year=year)
    if model is EvaluationReport:
        return EvaluationReportFactory(
            agency=agency, department=department, year=year, objective_set=basis
        )
    if model is ConformityAnnouncement:
        return ConformityAnnouncement.objects.create(
            agency=agency, department=department, year=year, activities="Đất đai"
        )
    if model is InspectionPlan:
        body = OversightBody.objects.filter(agency=agency).first() or OversightBodyFactory(
            agency=agency
        )
        return InspectionPlan.objects.create(
            body=body, agency=agency, department=department, year=year
        )
    if model is InspectionMinutes:
        return InspectionMinutesFactory(agency=agency, department=department, year=year)
    if model in (NovemberReport, DecemberReport):
        body = OversightBody.objects.filter(agency=agency).first() or OversightBodyFactory(
            agency=agency
        )
        return model.objects.create(body=body, agency=agency, department=department, year=year)
    if model is InspectionDecision:
        return InspectionDecision.objects.create(
            inspection=InspectionFactory(), agency=agency, department=department, year=year
        )
    raise AssertionError(f"add a maker for {model._meta.label} to {__name__}")


def _documents(agency, department) -> list:
    """Every registered kind in every status, for the agency and for a department; superseded
    both after a publication and without one."""
    basis = ObjectiveSetFactory(agency=agency, year=2000)
    variants = [(status, status in rulebook.READABLE_STATUSES) for status in Status.values]
    variants.append((Status.SUPERSEDED, False))
    documents = []
    for kind in kinds.registered():
        for year, (status, published) in enumerate(variants, start=2001):
            for owner in (None, department):
                document = _make(kind.model, agency, owner, year, basis)
                kind.model.objects.filter(pk=document.pk).update(
                    status=status, published_at=timezone.now() if published else None
                )
                document.refresh_from_db()
                documents.append(document)
    return documents


def _overseers(agency) -> dict:
    """The oversight roles: a body over `agency` since 2000 (its inspector and administrator),
    a body whose scope of it ended on 30/06/2004 (a 2025-style move), a body over another."""
    body = OversightBodyFactory()
    OversightScopeFactory(body=body, agency=agency, valid_from=datetime.date(2000, 1, 1))
    former = OversightBodyFactory()
    OversightScopeFactory(
        body=former,
        agency=agency,
        valid_from=datetime.date(2000, 1, 1),
        valid_until=datetime.date(2004, 6, 30),
    )
    other = OversightBodyFactory()
    OversightScopeFactory(body=other, valid_from=datetime.date(2000, 1, 1))
    users = {}
    for role, target, flags in (
        ("overseer", body, {}),
        ("overseer_administrator", body, {"is_administrator": True, "is_inspector": False}),
        ("overseer_until_2004", former, {}),
        ("other_overseer", other, {"is_administrator": True}),
    ):
        users[role] = UserFactory(username=role)
        OversightMembershipFactory(user=users[role], body=target, **flags)
    return users


def _body_people(agency) -> dict:
    """An inspector and an administrator of the oversight body whose own agency is `agency`: the
    documents it issues (ISSUED_BY_OVERSIGHT_BODY) are theirs to draft and read."""
    body = OversightBody.objects.filter(agency=agency).first() or OversightBodyFactory(
        agency=agency
    )
    users = {}
    for role, flags in (
        ("body_inspector", {}),
        ("body_administrator", {"is_administrator": True, "is_inspector": False}),
    ):
        users[role] = UserFactory(username=role)
        OversightMembershipFactory(user=users[role], body=body, **flags)
    return users


@pytest.fixture(params=[True, False], ids=["with-records-officer", "without-records-officer"])
def world(request, people, agency, department, other_department):
    if not request.param:
        Membership.objects.filter(user=people["records_officer"]).update(is_active=False)
    other_head = UserFactory(username="other_department_head")
    MembershipFactory(
        user=other_head, agency=agency, department=other_department, is_department_head=True
    )
    users = {role: people.get(role) for role in ROLES}
    users["other_department_head"] = other_head
    users["anonymous"] = AnonymousUser()
    users.update(_overseers(agency))
    users.update(_body_people(agency))
    for user in users.values():
        forget_memberships(user)
        forget_oversight_memberships(user)
    return users, _documents(agency, department)


def _filtered(right, user, documents) -> set:
    found = set()
    for model in {type(d) for d in documents}:
        rows = model.objects.filter(rulebook.documents_q(right, user, model))
        found |= {(model, pk) for pk in rows.values_list("pk", flat=True)}
    return found


def _key(document):
    return type(document), document.pk


@pytest.mark.parametrize("right", rulebook.RIGHTS)
def test_it_agrees_predicate_filter_and_holders(world, right):
    users, documents = world
    holders = {_key(d): {u.pk for u in rulebook.members(right, d)} for d in documents}
    disagreements = []
    for role, user in users.items():
        filtered = _filtered(right, user, documents)
        for document in documents:
            allowed = rulebook.allows(right, user, document)
            in_filter = _key(document) in filtered
            told = user.pk in holders[_key(document)]
            if role in OVERSIGHT:
                # Not members of the agency, so never among its holders (who is told); the
                # predicate and the filter agree.
                told = allowed if not told else "told"
            if not allowed == in_filter == told:
                disagreements.append(
                    f"{role} {right} {type(document).__name__} {document.status}"
                    f" dept={document.department_id is not None}:"
                    f" predicate={allowed} filter={in_filter} holders={told}"
                )
    assert not disagreements, "\n".join(disagreements)


def test_it_agrees_on_what_the_public_sees(world):
    users, documents = world
    public = _filtered("view_public", AnonymousUser(), documents)
    for user in users.values():
        for document in documents:
            assert rulebook.allows("view_public", user, document) == (_key(document) in public)


def test_the_inbox_and_its_badge_hold_what_waits_for_each_user(world):
    users, documents = world
    for role, user in users.items():
        if not user.is_authenticated:
            continue
        waiting = {
            _key(d)
            for d in documents
            if rulebook.available_actions(user, d) & set(rulebook.AWAITING_STEPS)
        }
        assert {_key(d) for d in inbox_for(user)} == waiting, role
        assert inbox_count(user) == len(waiting), role


def test_the_readers_told_of_a_publication_may_read_it(world):
    _users, documents = world
    for document in documents:
        if document.status == Status.PUBLISHED:
            readers = {u.pk for u in rulebook.readers(document)}
            assert readers <= {u.pk for u in rulebook.members("acknowledge", document)}


def _published_once(document) -> bool:
    return document.status == Status.PUBLISHED or (
        document.status == Status.SUPERSEDED and document.published_at is not None
    )


@pytest.mark.parametrize("right", rulebook.RIGHTS)
def test_overseers_only_read_published_documents_of_their_scope_in_its_years(world, right):
    """In scope during the document's year: `view` on a published or once-published superseded
    document and nothing else — never a draft, a submitted, approved or issued-unpublished one,
    never a write, never acknowledging; out of scope (another body, a year after the agency
    left): nothing at all."""
    users, documents = world
    wrong = []
    for role in OVERSIGHT:
        for document in documents:
            in_scope = role in ("overseer", "overseer_administrator") or (
                role == "overseer_until_2004" and document.year <= 2004
            )
            expected = right == "view" and in_scope and _published_once(document)
            if rulebook.allows(right, users[role], document) != expected:
                wrong.append(f"{role} {right} {document.year} {document.status}")
            if rulebook.available_actions(users[role], document):
                wrong.append(f"{role} may act on {document.year} {document.status}")
    assert not wrong, "\n".join(wrong)


# --- the anonymous role on every public address -----------------------------------------------


def _issued_files(documents) -> None:
    """Give every document what an issued one carries (a code, a hash, a file), whatever its
    status: only the rulebook may keep a draft's from the public."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tests.files_support import small_pdf

    name = default_storage.save("issued/rulebook-public.pdf", ContentFile(small_pdf()))
    for index, document in enumerate(documents):
        type(document).objects.filter(pk=document.pk).update(
            verification_code=f"PUBLIC{index:04d}",
            issued_sha256=f"{index:064x}",
            issued_file=name,
        )
        document.refresh_from_db()


@pytest.mark.parametrize("departments_open", [False, True], ids=["agency-only", "departments"])
def test_every_public_address_shows_exactly_what_the_anonymous_role_may_see(
    world, client, departments_open
):
    """Every status (and superseded with or without a publication) × agency or department ×
    every public URL of tests/public_surface.py (the pages, /v/, and the API's public endpoints
    as they join the list): a document is shown exactly when the rulebook's anonymous role and
    the agency's publication settings allow it — nothing unpublished is reachable."""
    from agencies.models import OversightScope
    from tests.public_surface import PUBLIC_URLS

    _users, documents = world
    _issued_files(documents)
    agency = documents[0].agency
    agency.publishes_department_sets = departments_open
    agency.save()
    body = OversightScope.objects.filter(agency=agency, valid_until__isnull=True).first().body
    wrong, shown = [], dict.fromkeys(entry.name for entry in PUBLIC_URLS)
    for entry in PUBLIC_URLS:
        for document in documents:
            document.agency.refresh_from_db()
            label = type(document)._meta.label
            if "*" not in entry.kinds and label not in entry.kinds:
                continue
            if entry.agency_level_only and document.department_id is not None:
                continue
            response = client.get(entry.url(document, body))
            assert response.status_code < 500, (entry.name, label, document.status)
            if entry.shows(response, document):
                shown[entry.name] = True
            if entry.shows(response, document) != entry.expected(document):
                wrong.append(
                    f"{entry.name}: {label} {document.status} year={document.year}"
                    f" dept={document.department_id is not None}"
                    f" shown={not entry.expected(document)}"
                )
    assert not wrong, "\n".join(wrong)
    # The documents of this world are of 2001–2009: none is in force this year.
    assert [name for name, seen in shown.items() if not seen] == ["province page"]
