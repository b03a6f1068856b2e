"""The review page: the set's pages as they will print, the changes since the set it continues
(matched through copied_from), and return / approve with the signing block that will print."""

import io
from decimal import Decimal

import pdfplumber
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from documents.models import RenderedPages, Status
from objectives.models import Objective, Target
from objectives.services.starting import set_copy_from
from tests.factories import ObjectiveFactory, TargetFactory
from tests.objectives.views_support import client_for, events, set_with_objectives, snapshot


@pytest.fixture
def submitted(agency, people):
    return set_with_objectives(agency, status=Status.SUBMITTED)


@pytest.fixture
def copied(agency, people):
    """This year's Draft copied from last year's published set, then: objective 1 reworded and
    moved to the end, objective 2's target raised, objective 3 removed, one objective added."""
    last_year = set_with_objectives(agency, year=2024, status=Status.PUBLISHED)
    this_year = set_copy_from(source=last_year, year=2025, actor=people["iso_officer"])
    one, two, three = this_year.objectives.order_by("order")
    Objective.objects.filter(pk=one.pk).update(content="Mục tiêu số 1, viết lại.", order=9)
    Target.objects.filter(objective=two).update(value=Decimal("95.5"), wording="≥ 95,5%")
    three.delete()
    added = ObjectiveFactory(objective_set=this_year, order=10, content="Mục tiêu hoàn toàn mới.")
    TargetFactory(objective=added, value=1, unit="lần/năm", wording="ít nhất 01 lần/năm")
    return this_year


@pytest.mark.parametrize(
    ("role", "expected"),
    [("deputy", 200), ("head", 200), ("iso_officer", 200), ("staff", 404), ("outsider", 404)],
)
def test_it_shows_the_review_page_to_who_may_see_the_set(people, submitted, role, expected):
    response = client_for(people[role]).get(reverse("objectives:set_review", args=[submitted.pk]))
    assert response.status_code == expected


def test_it_shows_the_set_as_it_will_print(people, submitted, django_capture_on_commit_callbacks):
    """The pages of the real PDF, rendered by the task the page asks for after its commit (here
    the set was made submitted, not submitted through the service that asks for them)."""
    url = reverse("objectives:set_review", args=[submitted.pk])
    client = client_for(people["deputy"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    html = client.get(url).content.decode()
    pages = RenderedPages.objects.get()
    assert html.count('data-testid="document-page"') == pages.page_count >= 1
    with default_storage.open(pages.pdf_file.name, "rb") as handle:
        data = handle.read()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "MỤC TIÊU CHẤT LƯỢNG NĂM 2025" in text
    assert "Mục tiêu số 1" in text and "91%" in text


def test_it_shows_the_deputy_the_kt_signing_block_and_the_head_their_own(people, submitted):
    url = reverse("objectives:set_review", args=[submitted.pk])
    deputy = client_for(people["deputy"]).get(url).context["signing"]
    head = client_for(people["head"]).get(url).context["signing"]
    assert deputy[0] == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    assert head[0] == ["CHÁNH VĂN PHÒNG"]
    html = client_for(people["deputy"]).get(url).content.decode()
    assert 'data-testid="signing-preview"' in html and "KT. CHÁNH VĂN PHÒNG" in html


def test_it_offers_no_decision_to_drafters(people, submitted):
    url = reverse("objectives:set_review", args=[submitted.pk])
    html = client_for(people["iso_officer"]).get(url).content.decode()
    assert 'data-testid="decide"' not in html


def test_it_matches_objectives_through_copied_from(people, copied):
    response = client_for(people["iso_officer"]).get(
        reverse("objectives:set_review", args=[copied.pk])
    )
    diff = response.context["diff"]
    assert diff.counts == {"added": 1, "removed": 1, "changed": 2, "same": 0}
    by_kind = {}
    for item in diff.objectives:
        by_kind.setdefault(item.kind, []).append(item)
    assert by_kind["added"][0].item.content == "Mục tiêu hoàn toàn mới."
    assert by_kind["removed"][0].item.content.startswith("Mục tiêu số 3")
    reworded = next(d for d in by_kind["changed"] if d.changes)
    assert [(c.label, c.new) for c in reworded.changes] == [
        ("Nội dung mục tiêu", "Mục tiêu số 1, viết lại.")
    ]
    raised = next(d for d in by_kind["changed"] if d.targets and d.targets[0].changes)
    assert [(c.label, c.old, c.new) for c in raised.targets[0].changes] == [
        ("Giá trị", "92", "95,5"),
        ("Cách ghi trên văn bản", "≥ 92%", "≥ 95,5%"),
    ]
    html = response.content.decode()
    assert html.count('data-testid="diff-added"') == 1
    assert html.count('data-testid="diff-removed"') == 1
    assert html.count('data-testid="diff-changed"') == 2
    assert "<del" in html and "<ins" in html


def test_it_says_when_there_is_nothing_to_compare(people, submitted):
    response = client_for(people["deputy"]).get(
        reverse("objectives:set_review", args=[submitted.pk])
    )
    assert response.context["diff"].base is None
    assert "không có gì để so sánh" in response.content.decode()


@pytest.mark.parametrize("count", [5, 30])
def test_it_renders_the_review_with_its_diff_in_a_fixed_number_of_queries(
    agency, people, count, django_assert_max_num_queries
):
    last_year = set_with_objectives(agency, year=2024, count=count, status=Status.PUBLISHED)
    this_year = set_copy_from(source=last_year, year=2025, actor=people["iso_officer"])
    client = client_for(people["deputy"])
    with django_assert_max_num_queries(19):
        response = client.get(reverse("objectives:set_review", args=[this_year.pk]))
    assert response.context["diff"].counts["same"] == count


def test_it_returns_with_a_comment(people, submitted):
    client = client_for(people["deputy"])
    url = reverse("objectives:set_return", args=[submitted.pk])
    response = client.post(url, {"comment": "Chỉ tiêu 2 phải đo được."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.return_comment) == (
        Status.RETURNED,
        "Chỉ tiêu 2 phải đo được.",
    )
    assert events(submitted) == ["return"]


def test_it_refuses_to_return_without_a_comment(people, submitted):
    before = snapshot(submitted)
    url = reverse("objectives:set_return", args=[submitted.pk])
    response = client_for(people["deputy"]).post(url, {"comment": "   "})
    assert response.status_code == 400
    assert "Hãy nhập ý kiến khi trả lại." in response.content.decode()
    assert snapshot(submitted) == before


def test_it_approves_kt_for_a_deputy(people, submitted):
    client = client_for(people["deputy"])
    response = client.post(reverse("objectives:set_approve", args=[submitted.pk]))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert submitted.signing_lines == ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert "KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG" in messages[0]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("iso_officer", 403), ("records_officer", 403), ("staff", 404), ("outsider", 404)],
)
def test_it_refuses_decisions_from_others(people, submitted, role, expected):
    before = snapshot(submitted)
    client = client_for(people[role])
    for name, data in [("set_approve", {}), ("set_return", {"comment": "Không đồng ý."})]:
        response = client.post(reverse(f"objectives:{name}", args=[submitted.pk]), data)
        assert response.status_code == expected
    assert snapshot(submitted) == before


def test_it_refuses_to_approve_a_draft(people, agency):
    draft = set_with_objectives(agency)
    before = snapshot(draft)
    response = client_for(people["head"]).post(reverse("objectives:set_approve", args=[draft.pk]))
    assert response.status_code == 302
    assert snapshot(draft) == before
