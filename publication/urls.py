from django.urls import path

from publication import views

app_name = "publication"

urlpatterns = [
    path("", views.province_list, name="province_list"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("<slug:province>/", views.province_page, name="province"),
    # Before the agency's address: a slug may be all digits, a year always is.
    path("<slug:province>/<int:year>/", views.province_page, name="province_year"),
    path("<slug:province>/<slug:agency>/", views.agency_page, name="agency"),
    path("<slug:province>/<slug:agency>/<int:year>/", views.year_page, name="year"),
    path(
        "<slug:province>/<slug:agency>/<int:year>/van-ban-<int:pk>.pdf",
        views.set_pdf,
        name="set_pdf",
    ),
]
