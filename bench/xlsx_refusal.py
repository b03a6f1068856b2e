"""Seconds and peak memory to refuse a workbook that is too long (issue 17).

    .venv/bin/python bench/xlsx_refusal.py             # the refusals as the code does them now
    .venv/bin/python bench/xlsx_refusal.py --before    # also a whole load, as the import did

Builds two workbooks just under the upload limits, with a `<dimension>` tag that claims two
rows: the objectives import's (360,000 rows, under 5 MB) and the people import's (under 2 MB).
Each refusal runs in a fresh child process, so that its peak resident memory (ru_maxrss) is its
own, and prints wall and CPU seconds, the peak RSS, and the first problem reported:

- objectives, upload form: `too_many_rows` (what ImportForm.clean_file runs in the request);
- objectives, task: `workbook_open` (what the import task runs before loading the workbook);
- people: `read_table` then `check_rows` (the people import, request and all);
- with --before: `load_workbook` of the whole objectives file, as the task did before issue 17
  (a 360,000-row sheet was loaded whole, then refused for its length).

No database is touched: the refusals happen before any query.
"""

import argparse
import io
import json
import os
import re
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")
os.environ.setdefault("QMS_TESTING", "true")

OBJECTIVE_ROWS = 360_000
PEOPLE_ROWS = 110_000
CASES = ("objectives-form", "objectives-task", "people")


def _lying(data: bytes, dimension: str = "A1:C2") -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = re.sub(rb"<dimension ref=\"[^\"]*\"/>", b"", content)
                content = content.replace(
                    b"<sheetViews>", f'<dimension ref="{dimension}"/><sheetViews>'.encode(), 1
                )
            target.writestr(item, content)
    return out.getvalue()


def build(folder: Path) -> dict[str, Path]:
    from openpyxl import Workbook

    paths = {}
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Mục tiêu")
    for number in range(1, OBJECTIVE_ROWS + 1):
        sheet.append([number, None, "Mục tiêu"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    paths["objectives"] = folder / "objectives.xlsx"
    paths["objectives"].write_bytes(_lying(buffer.getvalue()))

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhân sự")
    sheet.append(["Họ tên", "Email", "Phòng/đơn vị", "Vai trò"])
    for number in range(1, PEOPLE_ROWS + 1):
        sheet.append([f"Người {number}", f"n{number}@x.vn", None, "Cán bộ"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    paths["people"] = folder / "people.xlsx"
    paths["people"].write_bytes(_lying(buffer.getvalue(), "A1:D2"))
    return paths


def run_case(case: str, path: str) -> dict:
    """In the child: one refusal, timed; its figures as JSON on stdout."""
    import django

    django.setup()
    from django.utils import translation

    translation.activate("vi")
    data = Path(path).read_bytes()
    started, started_cpu = time.perf_counter(), time.process_time()
    message = ""
    if case == "objectives-form":
        from objectives.excel.import_ import too_many_rows

        message = too_many_rows(data) or ""
    elif case == "objectives-task":
        from objectives.excel.import_ import workbook_open
        from objectives.excel.problems import ImportRejected

        try:
            workbook_open(data)
        except ImportRejected as refused:
            message = str(refused.problems[0])
    elif case == "people":
        from django.core.files.uploadedfile import SimpleUploadedFile

        from agencies.imports import ImportRejected, check_rows, read_table

        try:
            check_rows(None, read_table(SimpleUploadedFile("nhan-su.xlsx", data)))
        except ImportRejected as refused:
            message = refused.errors[0].message
    elif case == "before":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), data_only=False, keep_links=False)
        message = f"loaded whole: max_row {workbook['Mục tiêu'].max_row}"
    wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"wall": wall, "cpu": cpu, "peak_mb": peak_mb, "message": message}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", action="store_true", help="also load the file whole")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.path)))
        return

    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        paths = build(Path(folder))
        for name, path in paths.items():
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(i.file_size for i in archive.infolist())
            print(
                f"{name}.xlsx: {path.stat().st_size / 1e6:.2f} MB, unpacked "
                f"{unpacked / 1e6:.1f} MB, dimension tag claims 2 rows"
            )
        # The interpreter and Django alone, for scale.
        baseline = json.loads(_child("objectives-none", paths["objectives"]))
        print(f"{'baseline (python + django.setup)':<34} peak {baseline['peak_mb']:6.0f} MB")
        cases = [*CASES, "before"] if args.before else CASES
        for case in cases:
            figures = json.loads(
                _child(case, paths["people" if case == "people" else "objectives"])
            )
            print(
                f"{case:<34} wall {figures['wall']:6.2f} s  cpu {figures['cpu']:6.2f} s  "
                f"peak {figures['peak_mb']:6.0f} MB  {figures['message'][:70]}"
            )


def _child(case: str, path: Path) -> str:
    command = [sys.executable, __file__, "--case", case, "--path", str(path)]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()[
        -1
    ]


if __name__ == "__main__":
    main()
