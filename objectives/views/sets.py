from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from documents.rules import may_view
from objectives.models import ObjectiveSet
from objectives.selectors import set_with_content


def get_set_for_viewer(user, pk: int) -> ObjectiveSet:
    """The set, if this user may see it; otherwise 404 (never reveal other agencies' sets)."""
    try:
        objective_set = set_with_content(pk)
    except ObjectiveSet.DoesNotExist:
        raise Http404
    if not may_view(user, objective_set):
        raise Http404
    return objective_set


@login_required
@require_safe
def set_detail(request, pk: int):
    objective_set = get_set_for_viewer(request.user, pk)
    return render(request, "objectives/set_detail.html", {"set": objective_set})
