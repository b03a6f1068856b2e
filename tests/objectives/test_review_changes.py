"""What the approver reads of a change (issue 18): a one-word change inside a paragraph strikes
that word, not the paragraph; a set sent again after a return shows the return's comment and
what the drafters changed since."""

from decimal import Decimal

from django.urls import reverse

from documents.models import Status
from documents.workflow import document_return, document_submit
from objectives.models import ObjectiveSet, Target
from objectives.selectors_diff import word_diff
from objectives.services.starting import set_copy_from
from tests.objectives.views_support import client_for, set_with_objectives

BASES = (
    "Căn cứ Quyết định số 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ;\n"
    "Căn cứ Thông tư số 26/2014/TT-BKHCN ngày 10/10/2014 của Bộ Khoa học và Công nghệ;"
)


def test_a_one_word_change_strikes_the_word_not_the_paragraph():
    changed = BASES.replace("ngày 10/10/2014", "ngày 10/11/2014")
    paragraphs = word_diff(BASES, changed)
    assert paragraphs[0] == [("same", BASES.splitlines()[0])]
    assert ("del", "10/10/2014") in paragraphs[1] and ("ins", "10/11/2014") in paragraphs[1]
    kept = "".join(text for op, text in paragraphs[1] if op == "same")
    assert kept.startswith("Căn cứ Thông tư số 26/2014/TT-BKHCN ngày ")
    assert kept.endswith(" của Bộ Khoa học và Công nghệ;")


def test_a_new_recipient_line_is_one_inserted_paragraph():
    old = "- Như điều 4;\n- Lưu: VT, HCTC."
    new = "- Như điều 4;\n- Sở Khoa học và Công nghệ;\n- Lưu: VT, HCTC."
    assert word_diff(old, new) == [
        [("same", "- Như điều 4;")],
        [("ins", "- Sở Khoa học và Công nghệ;")],
        [("same", "- Lưu: VT, HCTC.")],
    ]


def test_the_review_page_shows_a_reworded_legal_basis_word_by_word(agency, people):
    last_year = set_with_objectives(
        agency, year=2024, status=Status.PUBLISHED, form="decision", legal_bases=BASES
    )
    this_year = set_copy_from(source=last_year, year=2025, actor=people["iso_officer"])
    ObjectiveSet.objects.filter(pk=this_year.pk).update(
        legal_bases=BASES.replace("ngày 10/10/2014", "ngày 10/11/2014"), status=Status.SUBMITTED
    )
    html = (
        client_for(people["head"])
        .get(reverse("objectives:set_review", args=[this_year.pk]))
        .content.decode()
    )
    assert '<del class="diff-old">10/10/2014</del><ins class="diff-new">10/11/2014</ins>' in html
    assert f'<del class="diff-old">{BASES.splitlines()[1]}</del>' not in html


def test_a_resubmitted_set_shows_the_return_comment_and_the_changes_since(agency, people):
    objective_set = set_with_objectives(agency, status=Status.SUBMITTED)
    document_return(
        document=objective_set, actor=people["head"], comment="Nâng chỉ tiêu mục tiêu 2 lên 97%."
    )
    second = objective_set.objectives.order_by("order")[1]
    target = second.targets.get()
    target.value, target.wording = Decimal(97), "≥ 97%"
    target.save()
    objective_set.refresh_from_db()
    document_submit(document=objective_set, actor=people["iso_officer"])

    response = client_for(people["head"]).get(
        reverse("objectives:set_review", args=[objective_set.pk])
    )

    since = response.context["since_return"]
    assert since.event.comment == "Nâng chỉ tiêu mục tiêu 2 lên 97%."
    assert [d.kind for d in since.diff.objectives] == ["same", "changed", "same"]
    (changed_target,) = since.diff.objectives[1].targets
    assert {c.new for c in changed_target.changes} >= {"97", "≥ 97%"}
    html = response.content.decode()
    assert 'data-testid="earlier-return-comment"' in html and "lên 97%." in html
    assert Target.objects.get(pk=target.pk).value == Decimal(97)


def test_a_resubmitted_set_unchanged_says_so(agency, people):
    objective_set = set_with_objectives(agency, status=Status.SUBMITTED)
    document_return(document=objective_set, actor=people["deputy"], comment="Xem lại câu chữ.")
    objective_set.refresh_from_db()
    document_submit(document=objective_set, actor=people["iso_officer"])
    html = (
        client_for(people["head"])
        .get(reverse("objectives:set_review", args=[objective_set.pk]))
        .content.decode()
    )
    assert 'data-testid="nothing-changed-since-return"' in html
    assert "Xem lại câu chữ." in html


def test_a_first_submission_shows_no_return(agency, people):
    objective_set = set_with_objectives(agency, status=Status.SUBMITTED)
    response = client_for(people["head"]).get(
        reverse("objectives:set_review", args=[objective_set.pk])
    )
    assert response.context["since_return"] is None
