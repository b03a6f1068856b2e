from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from qms_objectives import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("files/<path:name>", views.private_file, name="private_file"),
    path("", include("objectives.urls")),
    path("admin/", admin.site.urls),
]
