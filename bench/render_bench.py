"""Warm seconds to render the NĐ30 PDFs, and LibreOffice converting our DOCX of the same content.

    .venv/bin/python bench/render_bench.py               # median of 5 after one warm-up
    .venv/bin/python bench/render_bench.py --runs 9

In a throwaway database (SQLite in memory): a 30-objective table in landscape (reference 003's
rows repeated, two sections) and a 60-objective decision with its annex (reference 004). Each is
rendered once to warm the caches (fonts, stylesheet, templates), then timed `--runs` times:
the median is printed with the page count. The DOCX of each is timed the same way; when
`soffice` is installed, LibreOffice's `--headless --convert-to pdf` of that DOCX is timed too
(one cold conversion, then the median of warm ones, each a fresh soffice process, as a batch
script would run it) and printed as a ratio to our PDF. Target: ≤ 1.0 s for the table.
"""

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")
os.environ.setdefault("QMS_TESTING", "true")

TARGET_SECONDS = 1.0


def _timed(function, runs: int) -> tuple[float, float, object]:
    """(median wall seconds, median CPU seconds, last result) after one warm-up run. The CPU
    time tells what the machine's load adds to the wall time."""
    result = function()  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def _soffice(docx: bytes, work: Path, runs: int) -> tuple[float, float] | None:
    """(cold, warm median) seconds of `soffice --convert-to pdf`, or None without LibreOffice."""
    if shutil.which("soffice") is None:
        return None
    source = work / "document.docx"
    source.write_bytes(docx)
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(source)]
    env = {**os.environ, "HOME": str(work)}  # its own profile, created by the cold run

    def convert() -> float:
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, timeout=300, env=env)
        return time.perf_counter() - started

    cold = convert()
    return cold, statistics.median(convert() for _ in range(runs))


def _pages(pdf: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _case(name: str, objective_set, runs: int, work: Path) -> tuple[float, float]:
    from objectives.printing.docx import render_set_docx
    from objectives.printing.render import render_set

    pdf_seconds, pdf_cpu, pdf = _timed(lambda: render_set(objective_set, final=True), runs)
    docx_seconds, docx_cpu, docx = _timed(lambda: render_set_docx(objective_set), runs)
    print(f"{name}")
    size = f"{_pages(pdf)} pages, {len(pdf) // 1024} KB"
    print(f"  PDF  (WeasyPrint)  {pdf_seconds:6.3f} s warm (CPU {pdf_cpu:.3f} s), {size}")
    docx_size = f"{len(docx) // 1024} KB"
    print(f"  DOCX (python-docx) {docx_seconds:6.3f} s warm (CPU {docx_cpu:.3f} s), {docx_size}")
    converted = _soffice(docx, work, runs)
    if converted is None:
        print("  LibreOffice: soffice not installed, DOCX conversion not measured")
    else:
        cold, warm = converted
        print(
            f"  DOCX → PDF (soffice --headless) {warm:6.3f} s warm ({cold:.3f} s cold): "
            f"{warm / pdf_seconds:.1f} × our PDF"
        )
    return pdf_seconds, pdf_cpu


def bench(runs: int) -> None:
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment

    from documents.models import Status
    from tests.objectives.document_data import (
        agency_ba_ria,
        agency_dong_nai,
        decision_set,
        table_set,
    )

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    with tempfile.TemporaryDirectory() as folder, override_settings(SIGNING_CONFIG_FILE=""):
        work = Path(folder)
        table = table_set(agency_ba_ria(), landscape=True, objectives=30, status=Status.ISSUED)
        decision = decision_set(agency_dong_nai(), objectives=60, status=Status.ISSUED)
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"median of {runs} warm runs after one warm-up; database {connection.vendor}")
        print(f"machine: {os.cpu_count()} CPUs, load average {load} (wall times grow with it)")
        wall, cpu = _case("Table, 30 objectives, landscape (ref. 003)", table, runs, work)
        _case("Decision + annex, 60 objectives (ref. 004)", decision, runs, work)
        verdict = "met" if wall <= TARGET_SECONDS else "MISSED"
        print(
            f"target ≤ {TARGET_SECONDS:.1f} s warm for the 30-objective table: {verdict} "
            f"({wall:.3f} s wall, {cpu:.3f} s CPU)"
        )
        if os.getloadavg()[0] > (os.cpu_count() or 1):
            print("  (the machine was busier than its CPUs: rerun on a quiet machine to judge)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs after the warm-up")
    arguments = parser.parse_args()
    import django

    django.setup()
    bench(arguments.runs)


if __name__ == "__main__":
    main()
