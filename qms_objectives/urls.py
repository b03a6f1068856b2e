from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language

from objectives.views.home import home
from qms_objectives import views

urlpatterns = [
    path("", home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Django's view, with the methods it answers declared (GET only goes back, POST sets).
    path(
        "i18n/setlang/",
        require_http_methods(["GET", "HEAD", "POST"])(set_language),
        name="set_language",
    ),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("files/<path:name>", views.private_file, name="private_file"),
    path("", include("objectives.urls")),
    path("", include("documents.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("monitoring/", include("evaluation.urls")),
    path("risks/", include("risks.urls")),
    path("corrective/", include("corrective.urls")),
    path("people/", include("agencies.urls")),
    path("audits/", include("audits.urls")),
    path("dossiers/", include("dossiers.urls")),
    path("conformity/", include("conformity.urls")),
    path("oversight/", include("oversight.urls")),
    path("inspections/", include("inspections.urls")),
    path("cong-khai/", include("publication.urls")),
    path("api/v1/", include("api.urls")),
    path("api-tokens/", include("api.urls_tokens")),
    path("notifications/", include("notifications.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEVTOOLS:
    urlpatterns.append(path("bench/", include("devtools.urls")))
