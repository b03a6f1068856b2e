"""Making and revoking API tokens. The key is returned once, by token_create, and never stored:
the database keeps its SHA-256 (and its first characters, to recognise it in a list)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken, TokenScope
from qms_objectives.errors import WorkflowError


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise WorkflowError(_("Bạn không có quyền quản lý khóa API ở đây."), code="forbidden")


@transaction.atomic
def token_create(
    *, user, name: str, agency=None, oversight_body=None, scope: str = TokenScope.READ
) -> tuple[ApiToken, str]:
    """A new token for `agency` (by its administrator) or `oversight_body` (by one of its
    administrators), read-only unless `scope` says it also pushes dossiers (an agency's token
    only). Returns the token and its key, which is shown once and never again."""
    if (agency is None) == (oversight_body is None):
        raise ValueError("a token is for an agency or for an oversight body")
    if agency is not None:
        _refuse_unless(user.has_perm("api.manage_agency_tokens", agency))
    else:
        _refuse_unless(user.has_perm("api.manage_body_tokens", oversight_body))
    name = (name or "").strip()
    if not name:
        raise WorkflowError(_("Hãy đặt tên cho khóa."), code="name", field="name")
    if scope not in TokenScope.values:
        raise WorkflowError(_("Chọn quyền của khóa."), code="invalid", field="scope")
    if scope != TokenScope.READ and agency is None:
        raise WorkflowError(
            _("Khóa của đơn vị quản lý chỉ đọc; chỉ khóa của cơ quan được đẩy hồ sơ."),
            code="invalid",
            field="scope",
        )
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        name=name,
        agency=agency,
        oversight_body=oversight_body,
        token_hash=ApiToken.hash_key(key),
        prefix=key[:10],
        scope=scope,
        created_by=user,
    )
    return token, key


@transaction.atomic
def token_revoke(*, user, token: ApiToken) -> ApiToken:
    """Revoke `token` at once: its next request gets 401."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    _refuse_unless(user.has_perm("api.manage_token", token))
    if token.revoked_at is not None:
        raise WorkflowError(_("Khóa này đã bị thu hồi."), code="state")
    token.revoked_at = timezone.now()
    token.revoked_by = user
    token.save(update_fields=["revoked_at", "revoked_by"])
    return token
