"""Every agency that has a governing body and no dated term gets one from its current
`governing_body`, valid from the day the agency was created (issue 20): from now on a move
(agencies.onboarding.agency_move) closes it and opens the next."""

from django.db import migrations
from django.utils import timezone


def give_terms(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    GoverningBodyTerm = apps.get_model("agencies", "GoverningBodyTerm")
    with_terms = GoverningBodyTerm.objects.values("agency_id")
    terms = [
        GoverningBodyTerm(
            agency_id=agency.pk,
            name=agency.governing_body,
            valid_from=timezone.localtime(agency.created_at).date(),
        )
        for agency in Agency.objects.exclude(governing_body="").exclude(pk__in=with_terms)
    ]
    GoverningBodyTerm.objects.bulk_create(terms)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0007_oversight_bodies_scope_and_public_settings")]

    operations = [migrations.RunPython(give_terms, migrations.RunPython.noop)]
