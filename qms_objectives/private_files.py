"""Who may download a stored file: the object that owns it decides.

Each private FileField is registered here with the permission that guards it. An unknown
name, or a file whose owner the user may not see, is refused (the view answers 404).
"""


def file_owner_allows(user, name: str) -> bool:
    from django.db.models import Q

    from agencies.models import Agency, Membership, Role
    from agencies.permissions import has_role, may_view
    from objectives.models import ObjectiveSet

    if not user.is_authenticated or not name or ".." in name.split("/"):
        return False
    if user.is_superuser:
        return True
    # The unsigned PDF prepared for external signing is guarded like the issued one.
    for objective_set in ObjectiveSet.objects.filter(Q(issued_file=name) | Q(prepared_file=name)):
        if may_view(user, objective_set):
            return True
    from monitoring.models_evaluation import EvaluationReport

    for report in EvaluationReport.objects.filter(Q(issued_file=name) | Q(prepared_file=name)):
        if may_view(user, report):
            return True
    for agency in Agency.objects.filter(seal_image=name):
        if has_role(user, agency.pk, Role.ADMINISTRATOR, Role.HEAD, Role.RECORDS_OFFICER):
            return True
    membership = Membership.objects.filter(signature_image=name).first()
    if membership is not None:
        return membership.user_id == user.pk or has_role(
            user, membership.agency_id, Role.ADMINISTRATOR
        )
    return False
