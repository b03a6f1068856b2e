"""What the editor, workflow and review pages share: fetching a set for this user (404 for other
agencies, 403 without the right) and reading the posted version and direction."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404

from documents.rules import may_draft, may_view
from objectives.models import ObjectiveSet


def check_set_access(user, objective_set, predicate=may_view) -> None:
    """404 for a set the user may not even see (the sets of other agencies are never
    revealed); 403 for one they see but may not act on."""
    if objective_set is None or not may_view(user, objective_set):
        raise Http404
    if not predicate(user, objective_set):
        raise PermissionDenied


def get_set_for(user, pk: int, predicate=may_view, queryset=None) -> ObjectiveSet:
    """The set if `predicate(user, set)` allows it (see check_set_access)."""
    queryset = queryset if queryset is not None else ObjectiveSet.objects.all()
    objective_set = queryset.select_related("agency", "department").filter(pk=pk).first()
    check_set_access(user, objective_set, predicate)
    return objective_set


def get_set_for_drafter(user, pk: int, queryset=None) -> ObjectiveSet:
    return get_set_for(user, pk, may_draft, queryset)


def posted_version(request) -> int:
    """The version the form was opened with (a hidden field); a missing one is a bad request."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        raise BadRequest("version")


def posted_direction(request) -> int:
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise BadRequest("direction")
    return -1 if direction == "up" else 1
