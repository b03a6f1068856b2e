"""The PDF of an objective set in its form, through the NĐ30 renderer (documents.render).

The decision form is two documents, the decision and its annex, rendered separately and joined,
because an annex is numbered on its own (CSS `counter-reset: page` does not restart
WeasyPrint's page counter).
"""

from django.utils import translation

from documents.render import document_of, signature_images_default
from objectives.models import DocumentForm, ObjectiveSet
from objectives.printing.context import document_context


def render_set(
    objective_set: ObjectiveSet, *, final: bool, with_signature_images: bool | None = None
) -> bytes:
    """The PDF of an objective set in its form: list (Phụ lục 3), table, or decision with the
    objectives as its annex. `final=False` previews a draft: watermarked, no images, no mark.
    `with_signature_images` defaults to: final and the agency signs digitally."""
    if with_signature_images is None:
        with_signature_images = signature_images_default(objective_set, final)
    with translation.override("vi"):
        context = document_context(objective_set, final=final, with_images=with_signature_images)
        if objective_set.form != DocumentForm.DECISION:
            return document_of("documents/set_objectives.html", context).write_pdf()
        decision = document_of("documents/set_decision.html", context)
        annex = document_of("documents/set_annex.html", context["annex"])
        return decision.copy(decision.pages + annex.pages).write_pdf()
