"""Data and helpers the view tests share: sets with sections, objectives and targets, in the
states the pages are built for. Imported by tests/objectives/test_views_*.py."""

from django.contrib.contenttypes.models import ContentType
from django.test import Client

from documents.models import DocumentEvent, Status
from objectives.models import Objective, ObjectiveSet
from tests.factories import ObjectiveSetFactory


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def set_with_objectives(agency, *, count: int = 3, status=Status.DRAFT, year=2025, **fields):
    """A set with one section holding `count` objectives ("Mục tiêu số i: … 9i%"), each with
    one target ("≥ 9i%")."""
    return ObjectiveSetFactory(
        agency=agency,
        year=year,
        status=status,
        with_objectives=count,
        with_objectives__numbered=True,
        **fields,
    )


def events(document) -> list[str]:
    return list(
        DocumentEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(document), object_id=document.pk
        ).values_list("action", flat=True)
    )


def snapshot(objective_set: ObjectiveSet) -> tuple:
    """What a refused action must leave untouched."""
    objective_set.refresh_from_db()
    objectives = list(
        Objective.objects.filter(objective_set=objective_set)
        .order_by("pk")
        .values_list("pk", "content", "order", "version", "section_id")
    )
    return (objective_set.status, objective_set.version, objective_set.title, objectives)
