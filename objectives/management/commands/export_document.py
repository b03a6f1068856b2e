"""`manage.py export_document --agency KEY --year YYYY [--department ID] [--format pdf|docx]
-o FILE`: write an agency's (or a department's) objective set of that year to a file, for batch
use (sending to the Department of Science and Technology, filing, a Word copy to edit).

Which set: the one in force (published), else one issued and awaiting publication, else the
open draft. The PDF of an issued set is its stored file, byte for byte (signed as issued);
otherwise the PDF is rendered. A draft carries the "DỰ THẢO" watermark in either format. The
DOCX is always written from the data, without signature or seal.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from agencies.models import Agency, Department, owner_name
from documents.models import OPEN_STATUSES, Status
from objectives.models import ObjectiveSet
from objectives.printing.docx import render_set_docx
from objectives.printing.render import render_set

FORMATS = ("pdf", "docx")
# Preferred first: the set in force, then an issued one not yet published, then the draft.
CHOICES = ((Status.PUBLISHED,), (Status.ISSUED,), OPEN_STATUSES)


def agency_for(key: str) -> Agency:
    agency = Agency.objects.filter(short_name=key).first()
    if agency is None and key.isdigit():
        agency = Agency.objects.filter(pk=int(key)).first()
    if agency is None:
        raise CommandError(
            _("Không có cơ quan “%(key)s” (tên viết tắt hoặc mã số).") % {"key": key}
        )
    return agency


def department_for(agency: Agency, key: int | None) -> Department | None:
    if key is None:
        return None
    department = Department.objects.filter(agency=agency, pk=key).first()
    if department is None:
        raise CommandError(
            _("Cơ quan %(agency)s không có phòng, đơn vị mã số %(key)s.")
            % {"agency": agency.short_name, "key": key}
        )
    return department


def set_to_export(agency: Agency, department: Department | None, year: int) -> ObjectiveSet:
    sets = ObjectiveSet.objects.filter(agency=agency, department=department, year=year)
    for statuses in CHOICES:
        found = sets.filter(status__in=statuses).order_by("-revision", "-created_at").first()
        if found is not None:
            return found
    owner = owner_name(agency, department)
    raise CommandError(
        _("%(owner)s không có bộ mục tiêu năm %(year)s đang có hiệu lực hay đang soạn thảo.")
        % {"owner": owner, "year": year}
    )


def document_bytes(objective_set: ObjectiveSet, output_format: str) -> bytes:
    if output_format == "docx":
        return render_set_docx(objective_set)
    if objective_set.is_frozen and objective_set.issued_file:
        with objective_set.issued_file.open("rb") as issued:
            return issued.read()
    return render_set(objective_set, final=objective_set.is_frozen)


class Command(BaseCommand):
    help = "Export an objective set (in force, or the open draft) as PDF or DOCX."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="Agency short name or id.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--department", type=int, help="Department id (default: agency).")
        parser.add_argument(
            "--format", choices=FORMATS, help="pdf or docx (default: from the file's suffix)."
        )
        parser.add_argument("-o", "--output", required=True, help="File to write.")

    def handle(self, *args, **options):
        output = Path(options["output"])
        output_format = options["format"] or ("docx" if output.suffix.lower() == ".docx" else "pdf")
        agency = agency_for(options["agency"])
        department = department_for(agency, options["department"])
        objective_set = set_to_export(agency, department, options["year"])
        data = document_bytes(objective_set, output_format)
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Không ghi được tệp %(file)s: %(error)s") % {"file": output, "error": error}
            ) from error
        self.stdout.write(
            _("Đã xuất “%(title)s” (%(status)s) của %(owner)s ra %(file)s, %(size)s KB.")
            % {
                "title": objective_set.display_title,
                "status": objective_set.get_status_display(),
                "owner": owner_name(agency, department),
                "file": output,
                "size": max(1, round(len(data) / 1024)),
            }
        )
