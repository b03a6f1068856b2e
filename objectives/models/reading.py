"""What staff do with a published set: find it (a normalised search index) and acknowledge
having read it (ISO 9001:2015, 6.2.1 f: objectives are communicated)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Acknowledgement(models.Model):
    """ "Tôi đã đọc": one row per member and published set, never more."""

    objective_set = models.ForeignKey(
        "objectives.ObjectiveSet",
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("bộ mục tiêu"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="acknowledgements",
        verbose_name=_("người đọc"),
    )
    at = models.DateTimeField(_("đã đọc lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("xác nhận đã đọc")
        verbose_name_plural = _("xác nhận đã đọc")
        ordering = ["objective_set", "at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective_set", "user"], name="acknowledgement_once_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.objective_set_id}"


class SearchEntry(models.Model):
    """Search text of a set (objective empty: title, department, number, sections) or of one of
    its objectives, lower-case and without Vietnamese diacritics (objectives.search.normalise).

    A derived copy kept in sync by objectives.search on every save, so that one plain
    `text__contains` query finds "ĐỒNG NAI" from "dong nai" on SQLite and PostgreSQL alike.
    """

    objective_set = models.ForeignKey(
        "objectives.ObjectiveSet",
        on_delete=models.CASCADE,
        related_name="search_entries",
        verbose_name=_("bộ mục tiêu"),
    )
    objective = models.OneToOneField(
        "objectives.Objective",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_entry",
        verbose_name=_("mục tiêu"),
    )
    text = models.TextField(_("nội dung tìm kiếm (đã chuẩn hóa)"))

    class Meta:
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("mục tìm kiếm")
        constraints = [
            models.UniqueConstraint(
                fields=["objective_set"],
                condition=models.Q(objective__isnull=True),
                name="search_entry_one_header_per_set",
            )
        ]

    def __str__(self):
        return self.text[:80]
