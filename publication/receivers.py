"""What retires public pages: every write to something they show raises the versions of
exactly the pages that show it (publication.versions), after the transaction commits.

Receivers, not each service, do it: agencies are written by their settings page, the admin and
the importers alike, sets by the workflow's services (publication and supersession save each
document), results by entry, correction and imports. Writes through queryset.update() bypass
them; none of the public fields is written that way.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from agencies.models import Agency, Department, OversightBody, OversightScope
from documents.rulebook import allows
from monitoring.models import PeriodConfirmation, Result
from objectives.models import ObjectiveSet
from publication import versions
from publication.slugs import unique_agency_slug

# What the public pages show of an agency itself.
PUBLIC_AGENCY_FIELDS = (
    "name",
    "slug",
    "governing_body",
    "quality_policy",
    "publishes_results",
    "publishes_department_sets",
    "is_active",
    # Printed in a set's own words where the set stores none (publication/issued.py: the
    # decision's authority "<head title> <name in documents>", the place before the date).
    "name_in_documents",
    "head_title",
    "place_name",
)


def _bodies_of(agency_id: int) -> list[int]:
    rows = OversightScope.objects.filter(agency_id=agency_id).values_list("body_id", flat=True)
    return sorted(set(rows))


# What a province's page and the sitemap show of an agency (its policy and the results setting
# are on the agency's own pages only).
PROVINCE_FIELDS = ("name", "slug", "publishes_department_sets", "is_active")


def agency_changed(agency_id: int, *, in_lists: bool = True) -> None:
    """The agency's page and every year page; with `in_lists`, its provinces and the sitemap."""
    names = [versions.agency_key(agency_id), versions.agency_meta_key(agency_id)]
    if in_lists:
        names.append(versions.SITEMAP)
        names += [versions.province_key(body_id) for body_id in _bodies_of(agency_id)]
    versions.raise_versions(names)


def agency_year_changed(agency_id: int, year: int, *, listed: bool = True) -> None:
    """A public set of the year was published or superseded: the agency's page, that year's
    page, the provinces' pages (they list the objectives in force)."""
    names = [versions.agency_year_key(agency_id, year)]
    if listed:
        names += [versions.agency_key(agency_id), versions.SITEMAP]
        names += [versions.province_key(body_id) for body_id in _bodies_of(agency_id)]
    versions.raise_versions(names)


def agency_slug_filled(sender, instance: Agency, **kwargs) -> None:
    """An agency without a slug gets one from its name; note which public fields change."""
    if kwargs.get("raw"):
        return
    if not instance.slug:
        instance.slug = unique_agency_slug(instance)
    before = None
    if instance.pk is not None:
        before = Agency.objects.filter(pk=instance.pk).values(*PUBLIC_AGENCY_FIELDS).first()
    if before is None:
        instance._public_fields_changed = set(PUBLIC_AGENCY_FIELDS)
        return
    instance._public_fields_changed = {
        name for name in PUBLIC_AGENCY_FIELDS if before[name] != getattr(instance, name)
    }


def agency_saved(sender, instance: Agency, **kwargs) -> None:
    changed = getattr(instance, "_public_fields_changed", set(PUBLIC_AGENCY_FIELDS))
    if changed:
        agency_changed(instance.pk, in_lists=bool(changed & set(PROVINCE_FIELDS)))


def department_saved(sender, instance: Department, **kwargs) -> None:
    # Its name is printed as an objective's lead or supporting unit, and on its own sets.
    versions.raise_versions(
        [versions.agency_key(instance.agency_id), versions.agency_meta_key(instance.agency_id)]
    )


def set_saved(sender, instance: ObjectiveSet, **kwargs) -> None:
    """Publication and supersession save the set: a public one retires its pages."""
    if kwargs.get("raw") or not allows("view_public", None, instance):
        return
    listed = instance.department_id is None or instance.agency.publishes_department_sets
    agency_year_changed(instance.agency_id, instance.year, listed=listed)


def result_saved(sender, instance: Result, **kwargs) -> None:
    owner = (
        ObjectiveSet.objects.filter(objectives__targets=instance.target_id)
        .values_list("agency_id", "year", "agency__publishes_results")
        .first()
    )
    if owner is not None and owner[2]:
        versions.raise_versions([versions.agency_year_key(owner[0], owner[1])])


def confirmation_saved(sender, instance: PeriodConfirmation, **kwargs) -> None:
    if Agency.objects.filter(pk=instance.agency_id, publishes_results=True).exists():
        year = instance.period_start.year
        versions.raise_versions([versions.agency_year_key(instance.agency_id, year)])


def scope_saved(sender, instance: OversightScope, **kwargs) -> None:
    versions.raise_versions(
        [
            versions.province_key(instance.body_id),
            versions.agency_key(instance.agency_id),
            versions.agency_meta_key(instance.agency_id),
            versions.SITEMAP,
        ]
    )


def body_saved(sender, instance: OversightBody, **kwargs) -> None:
    """Its name and slug are on its page, the list of provinces and its agencies' pages."""
    names = [versions.province_key(instance.pk), versions.PROVINCES, versions.SITEMAP]
    agency_ids = set(
        OversightScope.objects.filter(body_id=instance.pk).values_list("agency_id", flat=True)
    )
    for agency_id in agency_ids:
        names += [versions.agency_key(agency_id), versions.agency_meta_key(agency_id)]
    versions.raise_versions(names)


def connect() -> None:
    uid = "publication"
    pre_save.connect(agency_slug_filled, sender=Agency, dispatch_uid=f"{uid}-agency-pre")
    post_save.connect(agency_saved, sender=Agency, dispatch_uid=f"{uid}-agency")
    post_save.connect(department_saved, sender=Department, dispatch_uid=f"{uid}-department")
    post_save.connect(set_saved, sender=ObjectiveSet, dispatch_uid=f"{uid}-set")
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(result_saved, sender=Result, dispatch_uid=f"{uid}-result-{name}")
        signal.connect(
            confirmation_saved, sender=PeriodConfirmation, dispatch_uid=f"{uid}-confirm-{name}"
        )
        signal.connect(scope_saved, sender=OversightScope, dispatch_uid=f"{uid}-scope-{name}")
    post_save.connect(body_saved, sender=OversightBody, dispatch_uid=f"{uid}-body")
