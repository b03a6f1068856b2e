"""Readable public addresses: an agency's name folded to ASCII ("Văn phòng UBND tỉnh" →
"van-phong-ubnd-tinh"), unique among the agencies of the provinces it belongs to. The
province is in every address, since "Sở Tư pháp" exists in every province."""

from django.utils.text import slugify

from agencies.models import Agency, OversightScope
from qms_objectives.text import fold_for_search

MAX_LENGTH = 120


def folded_slug(text: str, *, max_length: int = MAX_LENGTH) -> str:
    """ "Văn phòng UBND tỉnh Đồng Nai" → "van-phong-ubnd-tinh-dong-nai"."""
    slug = slugify(fold_for_search(text))[:max_length].strip("-")
    return slug or "co-quan"


def _neighbour_slugs(agency: Agency) -> set[str]:
    """The slugs of the other agencies that share a province with this one (any year)."""
    if agency.pk is None:
        return set()
    bodies = OversightScope.objects.filter(agency_id=agency.pk).values("body_id")
    neighbours = OversightScope.objects.filter(body_id__in=bodies).values("agency_id")
    others = Agency.objects.filter(pk__in=neighbours).exclude(pk=agency.pk)
    return set(others.values_list("slug", flat=True))


def name_slug(agency: Agency) -> str:
    """The folded name without its province, which the address already carries: "Văn phòng
    UBND tỉnh Đồng Nai" (place "Đồng Nai") → "van-phong-ubnd-tinh"."""
    slug = folded_slug(agency.name, max_length=MAX_LENGTH - 4)
    place = folded_slug(agency.place_name or "", max_length=MAX_LENGTH) if agency.place_name else ""
    if place and slug.endswith(f"-{place}"):
        slug = slug.removesuffix(f"-{place}")
    return slug


def unique_agency_slug(agency: Agency) -> str:
    """A slug for an agency that has none: its folded name, numbered if a neighbour has it."""
    base = name_slug(agency)
    taken = _neighbour_slugs(agency)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
