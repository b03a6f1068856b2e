from django.urls import path

from objectives.views import sets

app_name = "objectives"

urlpatterns = [
    path("sets/<int:pk>/", sets.set_detail, name="set_detail"),
]
