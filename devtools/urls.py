from django.urls import path

from devtools import views

urlpatterns = [path("floor", views.floor, name="bench_floor")]
