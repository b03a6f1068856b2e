from django.urls import path

from publication import views

app_name = "publication"

urlpatterns = [
    path("", views.province_list, name="province_list"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("<slug:province>/", views.province_page, name="province"),
    path("<slug:province>/<slug:agency>/", views.agency_page, name="agency"),
    path("<slug:province>/<slug:agency>/<int:year>/", views.year_page, name="year"),
    path(
        "<slug:province>/<slug:agency>/<int:year>/van-ban-<int:pk>.pdf",
        views.set_pdf,
        name="set_pdf",
    ),
]
