"""Operations the apps' migrations share."""

from django.db import migrations


def content_types_moved(*, old_label: str, new_label: str, models: list[str]):
    """When models move to another app with their tables: move their content types too (and so
    their permissions, the generic links to them and the admin log); backwards, move them back.
    A content type the target app already has is left alone."""

    def relabel(apps, source, target):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            if not ContentType.objects.filter(app_label=target, model=model).exists():
                ContentType.objects.filter(app_label=source, model=model).update(app_label=target)

    return migrations.RunPython(
        lambda apps, schema_editor: relabel(apps, old_label, new_label),
        lambda apps, schema_editor: relabel(apps, new_label, old_label),
    )
