"""Where a computed result's figures come from, said to the reader: the apps that compute
results (the dossiers app, from a one-stop-shop import) sit above monitoring, so they register
here, from their AppConfig.ready(), how to name and link their source objects; monitoring only
keeps a generic reference (Result.source) and never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext


@dataclass(frozen=True)
class SourceLink:
    text: str  # "Lần nhập hồ sơ ngày 05/04/2025 (1.000 hồ sơ)"
    url: str = ""  # empty when the reader has nowhere to go


# "app_label.model" → function(source object) → SourceLink
_DESCRIBERS: dict[str, Callable[[object], SourceLink]] = {}


def register(label: str, describe: Callable[[object], SourceLink]) -> None:
    _DESCRIBERS[label.lower()] = describe


def source_link(result) -> SourceLink | None:
    """How the result's source reads on a page; None for a typed result."""
    if not result.is_computed and not result.source_type_id:
        return None
    if result.source_type_id is None:
        return SourceLink(gettext("Tính tự động"))
    source_type = ContentType.objects.get_for_id(result.source_type_id)  # cached
    describe = _DESCRIBERS.get(f"{source_type.app_label}.{source_type.model}")
    source = result.source
    if describe is None or source is None:
        return SourceLink(gettext("Tính tự động (nguồn không còn)"))
    return describe(source)
