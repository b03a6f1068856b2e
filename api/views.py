"""The token pages: an agency's administrator (for the agency) or an oversight body's
administrator (for the body) lists the API tokens, makes one (its key is shown on the answer to
that POST, once, and never stored) and revokes one.

Every page takes the agency or body from the URL: 404 to anyone who does not belong to it, 403 to
its members who are not its administrators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from agencies.oversight import is_oversight_administrator, oversight_memberships_of
from agencies.permissions import is_agency_administrator, memberships_of
from api import services
from api.forms import TokenForm
from api.models import ApiToken, TokenScope
from qms_objectives.errors import WorkflowError


def _agency_for_administrator(user, agency_id: int):
    membership = memberships_of(user).get(agency_id)
    if membership is None:
        raise Http404
    if not is_agency_administrator(user, membership.agency):
        raise PermissionDenied
    return membership.agency


def _body_for_administrator(user, body_id: int):
    membership = oversight_memberships_of(user).get(body_id)
    if membership is None:
        raise Http404
    if not is_oversight_administrator(user, membership.body):
        raise PermissionDenied
    return membership.body


def _token_for_administrator(user, pk: int) -> ApiToken:
    token = get_object_or_404(ApiToken.objects.select_related("agency", "oversight_body"), pk=pk)
    if token.agency_id:
        _agency_for_administrator(user, token.agency_id)
    else:
        _body_for_administrator(user, token.oversight_body_id)
    return token


def _tokens_page(request, *, agency=None, body=None):
    owner = agency or body
    form = TokenForm(request.POST or None, may_push=agency is not None)
    created_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, created_key = services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                agency=agency,
                oversight_body=body,
                scope=form.cleaned_data.get("scope") or TokenScope.READ,
            )
        except WorkflowError as error:
            error.form_add(form)
        else:
            form = TokenForm(may_push=agency is not None)
    tokens = ApiToken.objects.filter(agency=agency, oversight_body=body).select_related(
        "created_by", "revoked_by"
    )
    context = {
        "owner": owner,
        "agency": agency,
        "body": body,
        "form": form,
        "created_key": created_key,
        "active": [t for t in tokens if t.is_active],
        "revoked": [t for t in tokens if not t.is_active],
    }
    status = 400 if request.method == "POST" and created_key is None else 200
    return render(request, "api/tokens.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agency_tokens(request, agency_id: int):
    agency = _agency_for_administrator(request.user, agency_id)
    return _tokens_page(request, agency=agency)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def body_tokens(request, body_id: int):
    body = _body_for_administrator(request.user, body_id)
    return _tokens_page(request, body=body)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = _token_for_administrator(request.user, pk)
    try:
        services.token_revoke(user=request.user, token=token)
    except WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Đã thu hồi khóa “%(name)s”: từ nay khóa này bị từ chối.") % {"name": token.name},
        )
    if token.agency_id:
        return redirect("api_tokens:agency_tokens", agency_id=token.agency_id)
    return redirect("api_tokens:body_tokens", body_id=token.oversight_body_id)
