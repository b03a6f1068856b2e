"""The rows a refused onboarding action must leave as they were."""

from django.contrib.auth import get_user_model

from agencies.models import (
    Agency,
    Department,
    GoverningBodyTerm,
    Invitation,
    Membership,
    OversightMembership,
    OversightScope,
)


def snapshot():
    models = (
        Agency,
        Department,
        GoverningBodyTerm,
        Invitation,
        Membership,
        OversightMembership,
        OversightScope,
        get_user_model(),
    )
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
