from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from objectives.views.home import home
from qms_objectives import views

urlpatterns = [
    path("", home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("files/<path:name>", views.private_file, name="private_file"),
    path("", include("objectives.urls")),
    path("", include("documents.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("monitoring/", include("evaluation.urls")),
    path("risks/", include("risks.urls")),
    path("people/", include("agencies.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEVTOOLS:
    urlpatterns.append(path("bench/", include("devtools.urls")))
