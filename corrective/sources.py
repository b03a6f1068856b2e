"""What a corrective action may point at. An app above this one registers the models whose rows
may be corrected ("objectives.target", later an inspection's finding) with how to find the agency
of a row; the record page accepts a source only of a registered kind and of the agency."""

from collections.abc import Callable

from django.apps import apps
from django.db import models

_SOURCES: dict[str, Callable[[models.Model], int]] = {}


def register(label: str, agency_id_of: Callable[[models.Model], int]) -> None:
    _SOURCES[label.lower()] = agency_id_of


def source_for(reference: str, agency) -> models.Model | None:
    """The row named by "app_label.model:pk" if its kind is registered and it belongs to
    `agency`; None otherwise (an unknown, foreign or malformed reference is ignored)."""
    label, _sep, pk = (reference or "").partition(":")
    agency_id_of = _SOURCES.get(label.lower())
    if agency_id_of is None or not pk.isdigit():
        return None
    model = apps.get_model(label)
    row = model._default_manager.filter(pk=int(pk)).first()
    if row is None or agency_id_of(row) != agency.pk:
        return None
    return row
