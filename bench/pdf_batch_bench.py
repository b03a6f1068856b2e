"""Issue and sign a batch of documents: seconds per document, split into rendering and signing.

    .venv/bin/python bench/pdf_batch_bench.py                  # 300 documents
    .venv/bin/python bench/pdf_batch_bench.py --documents 20   # quicker

In a throwaway database (SQLite in memory, or test_<name> on DATABASE_URL's server) and a
temporary file store: one approved set per agency (20 objectives in two sections, one target
each), every agency signing with a certificate of a throwaway CA (tests/pki.py). Each set is
issued by the records officer through documents.workflow.document_issue, one after
the other in this one process: number, final PDF, PAdES signature, stored file with SHA-256.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")
os.environ.setdefault("DEVTOOLS", "true")  # the scale data generator
os.environ.setdefault("QMS_TESTING", "true")

YEAR = 2026


def _approved_set(number: int, objectives: int, records):
    from agencies.models import Agency, Membership
    from devtools.scale_content import KINDS, MEASURES, SECTION_TITLES
    from documents.models import Status
    from objectives.models import Objective, ObjectiveSet, Section, Target

    agency = Agency.objects.create(
        name=f"Sở Nội vụ tỉnh Quy mô số {number:03d}",
        short_name=f"PDF-{number:03d}",
        governing_body="UBND TỈNH QUY MÔ",
        symbol=f"SNV{number}",
        place_name="Quy Mô",
        head_title="Giám đốc",
    )
    Membership.objects.create(user=records, agency=agency, is_records_officer=True)
    document = ObjectiveSet.objects.create(
        agency=agency,
        year=YEAR,
        status=Status.APPROVED,
        form="table",
        signing_lines=["GIÁM ĐỐC"],
        signer_name="Nguyễn Kim Long",
    )
    sections = [Section.objects.create(objective_set=document, title=t) for t in SECTION_TITLES]
    rows = Objective.objects.bulk_create(
        Objective(
            objective_set=document,
            section=sections[i * 2 // objectives],
            order=i + 1,
            content=f"{KINDS[i % len(KINDS)][0]} (mục tiêu số {i + 1}).",
            measures=MEASURES,
            reporting_wording="Báo cáo quý",
        )
        for i in range(objectives)
    )
    Target.objects.bulk_create(
        Target(objective=row, **KINDS[i % len(KINDS)][1]) for i, row in enumerate(rows)
    )
    return document


def _signing_configure(folder: Path, agencies: list[str]) -> tuple:
    """One certificate of a throwaway CA, used by every agency (SIGNING_CONFIG_FILE)."""
    from django.conf import settings

    from tests import pki

    ca = pki.make_ca()
    p12 = pki.write_pkcs12(folder / "agency.p12", pki.make_certificate(ca), ca)
    password = folder / "agency.password"
    password.write_text(pki.PASSWORD + "\n", encoding="utf-8")
    entry = {"pkcs12": str(p12), "password_file": str(password)}
    config = folder / "signing.json"
    config.write_text(json.dumps(dict.fromkeys(agencies, entry)), encoding="utf-8")
    settings.SIGNING_CONFIG_FILE = str(config)
    return ca


class Stopwatch:
    """Adds up the time spent in a module function while the batch runs."""

    def __init__(self):
        self.seconds: list[float] = []

    @contextmanager
    def around(self, module, name: str):
        original = getattr(module, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds.append(time.perf_counter() - started)

        setattr(module, name, timed)
        try:
            yield
        finally:
            setattr(module, name, original)


def _issue_all(documents, records) -> tuple[list[float], Stopwatch, Stopwatch]:
    from documents import render, signing
    from documents.workflow import document_issue

    rendering, signing_time, totals = Stopwatch(), Stopwatch(), []
    with (
        rendering.around(render, "render_document"),
        signing_time.around(signing, "sign_if_configured"),
    ):
        for number, document in enumerate(documents, start=1):
            started = time.perf_counter()
            document_issue(
                document=document,
                actor=records,
                number=number,
                symbol=f"QĐ-{document.agency.symbol}",
                issued_on=date(YEAR, 12, 25),
            )
            totals.append(time.perf_counter() - started)
    return totals, rendering, signing_time


def _summary(totals, rendering, signing_time, documents, ca) -> None:
    from django.db import connection

    from objectives.models import ObjectiveSet
    from tests import pki

    issued = list(ObjectiveSet.objects.filter(pk__in=[d.pk for d in documents]))
    first = issued[0]
    with first.issued_file.open("rb") as stored:
        status = pki.validate(stored.read(), ca)
    size_kb = statistics.median(d.issued_file.size for d in issued) / 1024
    p95 = statistics.quantiles(totals, n=20, method="inclusive")[18] if len(totals) > 1 else 0
    print(f"database: {connection.vendor}; {len(issued)} documents issued and signed")
    print(
        f"  all signed: {all(d.is_digitally_signed for d in issued)}; first signature valid "
        f"against the CA: {status.bottom_line}; PDF size median {size_kb:.0f} KB"
    )
    print(
        f"  batch {sum(totals):.1f} s = {sum(totals) / len(totals):.2f} s per document "
        f"(median {statistics.median(totals):.2f}, p95 {p95:.2f})"
    )
    print(
        f"  of which rendering {statistics.mean(rendering.seconds):.2f} s, signing "
        f"{statistics.mean(signing_time.seconds):.2f} s per document"
    )


def bench(count: int, objectives: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    with tempfile.TemporaryDirectory() as work:
        storage = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(Path(work, "files")), "base_url": None},
        }
        from django.conf import settings

        with override_settings(STORAGES={**settings.STORAGES, "default": storage}):
            records = get_user_model().objects.create(username="records", first_name="Văn thư")
            documents = [_approved_set(n, objectives, records) for n in range(1, count + 1)]
            ca = _signing_configure(Path(work), [d.agency.short_name for d in documents])
            totals, rendering, signing_time = _issue_all(documents, records)
            _summary(totals, rendering, signing_time, documents, ca)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--objectives", type=int, default=20, help="per document")
    arguments = parser.parse_args()
    import django

    django.setup()
    bench(arguments.documents, arguments.objectives)


if __name__ == "__main__":
    main()
