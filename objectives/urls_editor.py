"""Routes of the editor area (included by objectives/urls.py)."""

from django.urls import path

from objectives.views import editor, editor_objectives, start

urlpatterns = [
    path("sets/new/", start.set_start, name="set_start"),
    path("sets/new/template/<slug:key>/", start.set_start_template, name="set_start_template"),
    path("sets/new/derive/<int:pk>/", start.set_derive, name="set_derive"),
    path("sets/<int:pk>/edit/", editor.set_edit, name="set_edit"),
    path("sets/<int:pk>/edit/header/", editor.set_header, name="set_header"),
    path("sets/<int:pk>/preview.pdf", editor.set_preview, name="set_preview"),
    path("sets/<int:pk>/sections/add/", editor.section_add, name="section_add"),
    path("sections/<int:pk>/rename/", editor.section_rename, name="section_rename"),
    path("sections/<int:pk>/remove/", editor.section_remove, name="section_remove"),
    path("sections/<int:pk>/move/", editor.section_move, name="section_move"),
    path("sets/<int:pk>/objectives/add/", editor_objectives.objective_add, name="objective_add"),
    path("objectives/<int:pk>/", editor_objectives.objective_row, name="objective_row"),
    path("objectives/<int:pk>/edit/", editor_objectives.objective_edit, name="objective_edit"),
    path(
        "objectives/<int:pk>/remove/", editor_objectives.objective_remove, name="objective_remove"
    ),
    path("objectives/<int:pk>/move/", editor_objectives.objective_move, name="objective_move"),
]
