"""Who may download a stored file: the object that owns it decides.

A model that keeps private files names their fields in `PRIVATE_FILE_FIELDS` and answers
`file_downloadable_by(user)`; this module asks every such model through Django's app registry
(so it imports no app). An unknown name, or a file whose owner refuses the user, is refused (the
view answers 404).
"""

from functools import cache

from django.apps import apps
from django.db.models import Q


@cache
def _owner_models() -> list[tuple[type, tuple[str, ...]]]:
    return [
        (model, fields)
        for model in apps.get_models()
        if (fields := tuple(getattr(model, "PRIVATE_FILE_FIELDS", ())))
    ]


def file_owner_allows(user, name: str) -> bool:
    if not user.is_authenticated or not name or ".." in name.split("/"):
        return False
    if user.is_superuser:
        return True
    for model, fields in _owner_models():
        stored_here = Q()
        for field in fields:
            stored_here |= Q(**{field: name})
        for owner in model._default_manager.filter(stored_here):
            if owner.file_downloadable_by(user):
                return True
    return False
