"""What an import reports: every problem of a file at once, each with sheet, row and column."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qms_objectives.errors import WorkflowError


@dataclass(frozen=True)
class Problem:
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""  # the column letter, "C"

    @property
    def place(self) -> str:
        """ "Trang “Mục tiêu”, dòng 8, cột C" — or less, when the problem is the whole file."""
        parts = []
        if self.sheet:
            parts.append(_("Trang “%(sheet)s”") % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(_("dòng %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("cột %(column)s") % {"column": self.column})
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class ImportRejected(WorkflowError):
    """The file has problems; nothing was saved. `problems` lists all of them in sheet order."""

    def __init__(self, problems: list[Problem]):
        count = len(problems)
        super().__init__(
            ngettext(
                "Tệp có %(count)d lỗi nên chưa có gì được lưu. Hãy sửa rồi tải lên lại.",
                "Tệp có %(count)d lỗi nên chưa có gì được lưu. Hãy sửa rồi tải lên lại.",
                count,
            )
            % {"count": count},
            code="import_rejected",
        )
        self.problems = problems

    @property
    def messages(self) -> list[str]:
        return [str(self.message), *(str(p) for p in self.problems)]
