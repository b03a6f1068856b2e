"""The review page: the set's pages as they will print (rendered in the background when it was
submitted, documents.tasks), what changed since the set it continues, and for
the head or a deputy the return (with a required comment) and approve actions, approval
showing exactly the signing block that will print."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agencies.signing import signing_block_for
from documents.actions import document_act
from documents.rulebook import available_actions
from documents.rules import may_approve
from documents.tasks import review_pages
from documents.workflow import document_approve, document_return
from objectives.forms import ReturnForm
from objectives.selectors import sets_with_content
from objectives.selectors_diff import changes_since_return, set_diff
from objectives.views.common import get_set_for
from qms_objectives.errors import WorkflowError


def _signing_preview(objective_set, user):
    """(lines, name) as they will print if this user approves; else what is fixed already."""
    if objective_set.signing_lines:
        return objective_set.signing_lines, objective_set.signer_name
    try:
        return signing_block_for(agency=objective_set.agency, actor=user)
    except WorkflowError:
        return None


def review_page(request, objective_set, return_form=None, status: int = 200):
    can_decide = "approve" in available_actions(request.user, objective_set)
    context = {
        "set": objective_set,
        **review_pages(objective_set),
        "diff": set_diff(objective_set),
        "since_return": changes_since_return(objective_set),
        "can_decide": can_decide,
        "signing": _signing_preview(objective_set, request.user),
        "return_form": return_form or ReturnForm(),
    }
    return render(request, "objectives/review/page.html", context, status=status)


@login_required
@require_GET
def set_review(request, pk: int):
    objective_set = get_set_for(request.user, pk, queryset=sets_with_content())
    return review_page(request, objective_set)


@login_required
@require_POST
def set_return(request, pk: int):
    objective_set = get_set_for(request.user, pk, may_approve, queryset=sets_with_content())
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chưa trả lại: hãy ghi ý kiến để người soạn biết cần sửa gì."))
        return review_page(request, objective_set, return_form=form, status=400)
    return document_act(
        request,
        objective_set,
        document_return,
        lambda s: _("Đã trả lại “%(set)s” kèm ý kiến cho người soạn.") % {"set": s},
        then=reverse("objectives:inbox"),
        comment=form.cleaned_data["comment"],
    )


@login_required
@require_POST
def set_approve(request, pk: int):
    return document_act(
        request,
        get_set_for(request.user, pk, may_approve),
        document_approve,
        lambda s: (
            _("Đã duyệt “%(set)s”; khối chữ ký: %(block)s. Văn thư sẽ cho số và ban hành.")
            % {"set": s, "block": " / ".join([*s.signing_lines, s.signer_name])}
        ),
        then=reverse("objectives:inbox"),
    )
