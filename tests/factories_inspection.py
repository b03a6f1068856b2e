"""Factories for inspections: an issued plan of an oversight body with one entry, the inspection
of that entry with its twelve findings, and its minutes (a document of the body's agency)."""

import datetime

import factory
from django.utils import timezone

from documents.models import Status
from inspections.checklist import CODES
from inspections.models import (
    Finding,
    Inspection,
    InspectionMinutes,
    InspectionMode,
    InspectionPlan,
    PlanEntry,
)
from tests.factories import AgencyFactory, UserFactory
from tests.factories_oversight import OversightBodyFactory


class IssuedPlanFactory(factory.django.DjangoModelFactory):
    """A plan issued (number, date) so that inspections may be started from it."""

    class Meta:
        model = InspectionPlan

    body = factory.SubFactory(OversightBodyFactory)
    agency = factory.SelfAttribute("body.agency")
    year = 2024
    status = Status.ISSUED
    number = factory.Sequence(lambda n: n + 1)
    symbol = "KH-SKHCN"
    issued_on = datetime.date(2024, 1, 15)
    issued_at = factory.LazyFunction(timezone.now)


class PlanEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanEntry

    plan = factory.SubFactory(IssuedPlanFactory)
    agency = factory.SubFactory(AgencyFactory)
    mode = InspectionMode.ON_SITE
    month = 5


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection
        skip_postgeneration_save = True

    plan_entry = factory.SubFactory(PlanEntryFactory)
    body = factory.SelfAttribute("plan_entry.plan.body")
    agency = factory.SelfAttribute("plan_entry.agency")
    year = factory.SelfAttribute("plan_entry.plan.year")
    mode = factory.SelfAttribute("plan_entry.mode")
    inspected_on = datetime.date(2024, 5, 14)
    team_leader = factory.SubFactory(UserFactory)

    @factory.post_generation
    def findings(inspection, create, extracted, **kwargs):
        if create:
            Finding.objects.bulk_create(Finding(inspection=inspection, item=c) for c in CODES)


class InspectionMinutesFactory(factory.django.DjangoModelFactory):
    """Draft minutes; `agency`, `department` and `year` may be given apart from the inspection's
    (the rulebook's walk makes documents of every kind for its own agency)."""

    class Meta:
        model = InspectionMinutes

    inspection = factory.SubFactory(InspectionFactory)
    agency = factory.SelfAttribute("inspection.body.agency")
    year = factory.SelfAttribute("inspection.year")
    symbol = "BB-SKHCN"
