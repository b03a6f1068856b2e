"""Keeping a target's number and the words around it in step: the printed wording follows the
number unless the drafter wrote their own, and the editor warns (never blocks) where the
objective's text or a wording names a percentage the targets do not have."""

import re
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

from objectives.models import Target
from objectives.printing.rows import target_wording

PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")


def _same_words(a: str, b: str) -> bool:
    return " ".join((a or "").split()).replace(" %", "%") == " ".join((b or "").split()).replace(
        " %", "%"
    )


def follows_number(*, loaded: dict, wording: str) -> bool:
    """Whether `wording` is what the number it was loaded with prints by itself (so it was
    never the drafter's own words, and should follow a new number)."""
    if not wording:
        return True
    made = Target(
        comparison=loaded.get("comparison"),
        value=loaded.get("value"),
        unit=loaded.get("unit") or "",
    )
    return _same_words(wording, target_wording(made))


def _percentages(text: str) -> list[Decimal]:
    found = []
    for figure in PERCENT.findall(text or ""):
        try:
            found.append(Decimal(figure.replace(",", ".")))
        except InvalidOperation:
            continue
    return found


def _shown(value: Decimal) -> str:
    return formats.number_format(value.normalize(), use_l10n=True) + "%"


def figure_warnings(objective) -> list[str]:
    """Percentages named in the objective's text or a target's wording that no percentage
    target of the objective has ("ít nhất 96%" left in the text after the target became 97)."""
    targets = [t for t in objective.targets.all() if t.unit.strip() == "%" and t.value is not None]
    if not targets:
        return []
    values = {t.value.normalize() for t in targets}
    warnings = []
    for figure in _percentages(objective.content):
        if figure.normalize() not in values:
            warnings.append(
                _("Nội dung mục tiêu nêu %(figure)s nhưng chỉ tiêu đang là %(targets)s.")
                % {
                    "figure": _shown(figure),
                    "targets": ", ".join(_shown(v) for v in sorted(values)),
                }
            )
    for target in targets:
        for figure in _percentages(target.wording):
            if figure.normalize() != target.value.normalize():
                warnings.append(
                    _("Cách ghi “%(wording)s” nêu %(figure)s nhưng giá trị chỉ tiêu là %(value)s.")
                    % {
                        "wording": target.wording,
                        "figure": _shown(figure),
                        "value": _shown(target.value),
                    }
                )
    return warnings
