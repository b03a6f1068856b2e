"""Every agency that has no public slug yet gets one from its name (publication.slugs), like
an agency saved from now on: "Văn phòng UBND tỉnh Đồng Nai" → "van-phong-ubnd-tinh"."""

from django.db import migrations


def fill_slugs(apps, schema_editor):
    from publication.slugs import folded_slug

    Agency = apps.get_model("agencies", "Agency")
    taken = set(Agency.objects.exclude(slug="").values_list("slug", flat=True))
    for agency in Agency.objects.filter(slug="").order_by("pk"):
        base = folded_slug(agency.name, max_length=116)
        place = folded_slug(agency.place_name) if agency.place_name else ""
        if place and base.endswith(f"-{place}"):
            base = base.removesuffix(f"-{place}")
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        Agency.objects.filter(pk=agency.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0007_oversight_bodies_scope_and_public_settings")]

    operations = [migrations.RunPython(fill_slugs, migrations.RunPython.noop)]
