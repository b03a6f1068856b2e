from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.messages.views import SuccessMessageMixin
from django.core.files.storage import default_storage
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_safe

from qms_objectives.private_files import file_owner_allows
from qms_objectives.throttle import client_address, over_limit

# The account pages answer GET and POST only (Django's form views also take PUT).
FORM_METHODS = ["get", "head", "post", "options"]


class LoginView(SuccessMessageMixin, auth_views.LoginView):
    http_method_names = FORM_METHODS
    success_message = gettext_lazy("Đăng nhập thành công.")


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # The session is gone; the message travels in the cookie storage to the login page.
        messages.success(request, _("Bạn đã đăng xuất."))
        return response


class SiteResetForm(PasswordResetForm):
    """The reset link is built on settings.SITE_URL, never on the Host header the request came
    with: a forged Host must not put someone else's address in the email."""

    def save(self, **kwargs):
        site = urlsplit(settings.SITE_URL)
        kwargs.update(domain_override=site.netloc, use_https=site.scheme == "https")
        return super().save(**kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    """Anyone may ask for a reset link, so asking is limited: per address (refused with 429 and
    a message), and per email (answered as usual but not sent: the page must not tell whether
    an account exists). Stops a stranger from flooding someone's mailbox or the mail queue."""

    http_method_names = FORM_METHODS
    form_class = SiteResetForm

    def post(self, request, *args, **kwargs):
        limit, window = settings.PASSWORD_RESET_RATE_PER_ADDRESS
        if over_limit("password-reset", client_address(request), limit=limit, window=window):
            form = self.get_form()
            form.is_valid()  # keep what was typed, with its own errors
            form.add_error(
                None,
                _("Đã có quá nhiều yêu cầu đặt lại mật khẩu từ máy này. Vui lòng thử lại sau."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        limit, window = settings.PASSWORD_RESET_RATE_PER_EMAIL
        email = form.cleaned_data["email"].strip().lower()
        if over_limit("password-reset-email", email, limit=limit, window=window):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    http_method_names = FORM_METHODS
    success_url = reverse_lazy("home")
    success_message = gettext_lazy("Đã đổi mật khẩu.")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    http_method_names = FORM_METHODS

    def dispatch(self, request, *args, **kwargs):
        # Django's view answers an invalid link itself, before View.dispatch checks the method.
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


@require_GET
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_safe
def private_file(request, name: str):
    """Serve a stored file only to users whose permission its owning object grants."""
    if not file_owner_allows(request.user, name) or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: a form sent without a valid token (a page left open past the session,
    a sign-in or sign-out in another tab, cookies blocked) gets our 403 page, in the user's
    language, with the way back; Django logs the reason (django.security.csrf)."""
    context = {"no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)
