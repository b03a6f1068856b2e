"""Build tests/fixtures/legacy_5a79011: a database and private files used on commit 5a79011.

Commit 5a79011 is main before the restructure that moves DocumentNumber and DocumentEvent from
`objectives` to `documents`, and EvaluationReport, EvaluationComment (and their history models)
from `monitoring` to `evaluation`. tests/operations/test_legacy_upgrade.py migrates what this
script writes with the current code and checks that every row, file and SHA-256 survives.

The script imports nothing from the checkout it lives in: it runs the code of a separate
checkout of 5a79011 (same virtualenv, same dependencies) against a fresh SQLite database and a
fresh private-files folder, and drives the real services of that commit:

- `migrate`, then `load_demo --force` (three agencies, their people and issued sets); the
  Đồng Nai agency has a signing certificate from a throwaway test CA (tests/pki.py of 5a79011),
  so its documents are issued PAdES-signed, the other agencies' unsigned;
- objective sets in every state: Draft, Submitted, Returned, Approved, Issued (in the app and
  signed outside it, i.e. prepared file + signed upload), Published, Superseded, Withdrawn;
- published sets acknowledged by readers;
- monitoring: plans, results for 2023-Q1/Q2 and dated entries, evidence, a confirmed period and
  a correction made after it;
- evaluation reports: one issued (signed, numbered) and published, one submitted;
- risks and opportunities in the register (one closed);
- an auth group and a user holding model permissions of the models that move, and an admin log
  entry pointing at an evaluation report (content types the relabelling must keep);
- `manage.py backup -o DIR`.

Outputs (in --out): db.sqlite3, files/ (the private files), qms-backup-*.tar.gz, ca.pem (the
test CA's certificate: public, to check the signatures), manifest.json (per table row counts,
content types, permissions, generic links, issued documents with their files and SHA-256).

How to run, from the repository root:

    git worktree add --detach /tmp/legacy-5a79011 5a79011
    .venv/bin/python scripts/build_legacy_fixture.py --legacy /tmp/legacy-5a79011 --force
    git worktree remove --force /tmp/legacy-5a79011

It takes about 20 seconds. The output is not byte-for-byte reproducible (dates of upload, random
file names, fresh keys), but every run satisfies the same manifest shape and the same test.
"""

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

LEGACY_COMMIT = "5a79011f8c8a7c7a26fcd16e1c906d5c0134fd17"
REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPOSITORY / "tests" / "fixtures" / "legacy_5a79011"
SIGNED_AGENCY = "VP UBND Đồng Nai"
# Settings a developer's shell may carry that must not leak into the build.
CLEARED_ENVIRONMENT = (
    "DATABASE_URL",
    "DATABASE_POOLER",
    "CACHE_URL",
    "FILE_STORAGE_ROOT",
    "VAR_DIR",
    "SIGNING_CONFIG_FILE",
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "SECRET_KEY",
    "QMS_TESTING",
)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--legacy", type=Path, required=True, help=f"checkout of {LEGACY_COMMIT}")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--force", action="store_true", help="replace an existing --out")
    return parser.parse_args()


def _check_checkout(legacy: Path) -> None:
    head = subprocess.run(
        ["git", "-C", str(legacy), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    if head != LEGACY_COMMIT:
        sys.exit(f"{legacy} is at {head}, not {LEGACY_COMMIT}.")
    dirty = subprocess.run(
        ["git", "-C", str(legacy), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if dirty:
        sys.exit(f"{legacy} has local changes:\n{dirty}")


def _environment(work: Path) -> None:
    for name in CLEARED_ENVIRONMENT:
        os.environ.pop(name, None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "qms_objectives.settings",
            "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
            "FILE_STORAGE_ROOT": str(work / "files"),
            "VAR_DIR": str(work / "var"),
            "SIGNING_CONFIG_FILE": str(work / "signing" / "signing.json"),
            "CACHE_URL": "locmem://",
            "SECRET_KEY": "legacy-fixture-build-not-a-secret",
            "QMS_TESTING": "false",  # tests/pki.py imports pytest: stay a production-like run
            "AXES_ENABLED": "false",
            "LOG_LEVEL": "WARNING",
        }
    )


def _django_setup(legacy: Path) -> None:
    sys.path.insert(0, str(legacy))
    os.chdir(legacy)
    import django

    django.setup()
    import objectives

    if not Path(objectives.__file__).resolve().is_relative_to(legacy.resolve()):
        sys.exit(f"objectives was imported from {objectives.__file__}, not from {legacy}.")


# --- signing ------------------------------------------------------------------------------------


def _pki(work: Path, out_ca: Path):
    """A test CA, the signed agency's certificate (configured for issuing in the app) and a
    leader's certificate (for the document signed outside the app). Keys stay in `work`."""
    from cryptography.hazmat.primitives import serialization

    from tests.pki import PASSWORD, make_ca, make_certificate, write_pkcs12

    ca = make_ca("QMS Legacy Fixture Test CA")
    agency_cert = make_certificate(ca, SIGNED_AGENCY, valid_days=3650)
    leader_cert = make_certificate(ca, "Nguyễn Kim Long", valid_days=3650)
    folder = work / "signing"
    folder.mkdir()
    pkcs12 = write_pkcs12(folder / "agency.p12", agency_cert, ca)
    password = folder / "agency.password"
    password.write_text(PASSWORD + "\n", encoding="utf-8")
    config = {SIGNED_AGENCY: {"pkcs12": str(pkcs12), "password_file": str(password)}}
    (folder / "signing.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    out_ca.write_bytes(ca.cert.public_bytes(serialization.Encoding.PEM))
    return ca, leader_cert


# --- the scenario -------------------------------------------------------------------------------


def _people(agency) -> dict:
    """The demo's login for each role in `agency` ("dongnai.iso", …), by role."""
    from django.contrib.auth.models import User

    from objectives.demo.people import ROLE_LOGINS

    members = User.objects.filter(memberships__agency=agency)
    return {
        role: members.get(username__endswith=f".{suffix}") for role, suffix in ROLE_LOGINS.items()
    }


def _department(agency, abbreviation: str):
    from agencies.models import Department

    return Department.objects.get(agency=agency, abbreviation=abbreviation)


def _agency_set(agency, year: int, **filters):
    from objectives.models import ObjectiveSet

    return ObjectiveSet.objects.get(agency=agency, department__isnull=True, year=year, **filters)


def _new_objective(objective_set, actor, content: str):
    from objectives.services.editing import objective_add

    return objective_add(
        objective_set=objective_set,
        actor=actor,
        fields={"content": content, "reporting_frequencies": ["quarterly"]},
        targets=[
            {
                "indicator": "Tỷ lệ hồ sơ giải quyết đúng hạn",
                "comparison": "at_least",
                "value": 95,
                "unit": "%",
            }
        ],
    )


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def _dong_nai(agency, ca, leader_cert) -> None:
    """Signed agency: the demo's published 2023 set is read, monitored, evaluated (report issued
    signed and published); the 2024 set is prepared and signed outside the app; a department
    draft derived from 2023; a withdrawn department draft; a risk in treatment."""
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile
    from monitoring.services_evaluation import report_start, report_submit, report_update
    from objectives.services.external_signing import document_accept_signed_upload
    from objectives.services.workflow import (
        document_approve,
        document_issue,
        document_prepare_external,
        document_publish,
        document_submit,
        document_withdraw,
    )

    from monitoring.services import result_record
    from objectives.services.reading import set_acknowledge
    from objectives.services.starting import set_copy_from, set_derive_from_agency, set_start_blank
    from risks.models import RiskStatus
    from risks.services import risk_create, risk_update
    from tests.pki import sign

    people = _people(agency)
    iso, head, records = people["iso_officer"], people["head"], people["records_officer"]
    published = _agency_set(agency, 2023)
    assert published.is_digitally_signed, "the demo set of the signed agency must be signed"

    set_acknowledge(objective_set=published, actor=people["staff"])
    set_acknowledge(objective_set=published, actor=people["department_head"])

    # Results: the objectives are followed continuously, so each result is a dated entry.
    for index, objective in enumerate(published.objectives.order_by("order")):
        for target in objective.targets.all():
            result_record(
                target=target,
                period_key=f"2023-{6 + index:02d}-30",
                actor=iso,
                numerator=95 + index,
                denominator=100,
                note="Số liệu từ phần mềm một cửa",
            )

    # The year-end evaluation report: drafted, submitted, approved, issued (signed), published.
    report = report_start(objective_set=published, actor=iso)
    objectives = list(published.objectives.order_by("order"))
    report = report_update(
        report=report,
        actor=iso,
        version=report.version,
        fields={
            "summary": "Cơ quan đạt phần lớn mục tiêu chất lượng năm 2023.",
            "review_conclusions": "Hệ thống quản lý chất lượng phù hợp và hiệu lực.",
            "review_actions": "Rà soát quy trình tiếp nhận hồ sơ; Phòng HCTC; quý I/2024",
        },
        comments={
            objectives[0].pk: "Đạt do áp dụng phần mềm một cửa.",
            objectives[1].pk: "Chưa đạt một chỉ tiêu; chuyển sang năm 2024.",
        },
    )
    report = report_submit(report=report, actor=iso)
    report = document_approve(document=report, actor=head)
    report = document_issue(
        document=report, actor=records, number=15, symbol="BC-VP", issued_on=date(2024, 1, 10)
    )
    assert report.is_digitally_signed
    document_publish(document=report, actor=iso)

    # 2024: copied from 2023, approved, prepared for signing outside the app, signed by the
    # leader's own tool, uploaded: Issued, not yet published.
    next_year = set_copy_from(source=published, year=2024, actor=iso)
    next_year = document_submit(document=next_year, actor=iso)
    next_year = document_approve(document=next_year, actor=head)
    next_year = document_prepare_external(
        document=next_year, actor=records, number=3, symbol="QĐ-VP", issued_on=date(2024, 1, 5)
    )
    with next_year.prepared_file.open("rb") as prepared:
        signed = sign(prepared.read(), leader_cert, ca)
    document_accept_signed_upload(
        document=next_year,
        actor=records,
        uploaded_file=SimpleUploadedFile("qd-03-2024-signed.pdf", signed, "application/pdf"),
    )

    # A department's draft derived from the agency's set, and an abandoned one.
    set_derive_from_agency(
        agency_set=published,
        department=_department(agency, "HCTC"),
        year=2024,
        actor=iso,
        objective_ids=[o.pk for o in objectives[:2]],
    )
    abandoned = set_start_blank(
        agency=agency, department=_department(agency, "TH"), year=2024, actor=iso
    )
    document_withdraw(document=abandoned, actor=iso)

    risk = risk_create(
        agency=agency,
        year=2023,
        actor=iso,
        data={
            "kind": "risk",
            "description": "Hồ sơ trễ hạn do phần mềm một cửa gián đoạn",
            "cause": "Đường truyền không ổn định",
            "likelihood": 3,
            "impact": 4,
            "treatment": "Bố trí đường truyền dự phòng",
            "owner_department": _department(agency, "HCTC"),
            "owner_person": people["department_head"],
            "due_date": date(2023, 12, 31),
        },
        objectives=objectives[:1],
    )
    risk_update(risk=risk, actor=iso, data={"status": RiskStatus.IN_TREATMENT})


def _ba_ria_vung_tau(agency) -> None:
    """Unsigned agency: 2023 set monitored quarterly (plans, results, evidence, a confirmed
    quarter and a correction after it), its evaluation report submitted; the demo's 2024 draft
    issued unsigned with a number and published; department sets Submitted and Approved; an
    opportunity closed."""
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile
    from monitoring.services_evaluation import report_start, report_submit
    from objectives.services.workflow import (
        document_approve,
        document_issue,
        document_publish,
        document_submit,
    )

    from monitoring.models import allowed_frequencies
    from monitoring.services import (
        evidence_attach,
        objective_plan_save,
        period_confirm,
        result_record,
    )
    from objectives.models import Status
    from objectives.services.reading import set_acknowledge
    from objectives.services.starting import set_start_blank
    from risks.services import risk_close, risk_create

    people = _people(agency)
    iso, head, deputy = people["iso_officer"], people["head"], people["deputy"]
    records, department_head = people["records_officer"], people["department_head"]
    nv = _department(agency, "NV")
    published = _agency_set(agency, 2023)
    set_acknowledge(objective_set=published, actor=people["staff"])

    quarterly = [
        o for o in published.objectives.order_by("order") if "quarterly" in allowed_frequencies(o)
    ]
    for objective in quarterly:
        department, reporter = (nv, people["staff"]) if objective == quarterly[-1] else (None, None)
        objective_plan_save(
            objective=objective,
            actor=iso,
            frequency="quarterly",
            roll_up="ratio_of_sums",
            department=department,
            reporter=reporter,
        )
    results = []
    for objective in quarterly:
        for target in objective.targets.all():
            results.append(
                result_record(
                    target=target, period_key="2023-Q1", actor=iso, numerator=48, denominator=50
                )
            )
            result_record(target=target, period_key="2023-Q2", actor=iso, value=100)
    continuous = [o for o in published.objectives.all() if o not in quarterly]
    for objective in continuous:
        for target in objective.targets.all():
            result_record(target=target, period_key="2023-05-10", actor=iso, value=100)
    evidence_attach(
        result=results[0],
        actor=iso,
        uploaded_file=SimpleUploadedFile("bien-ban-kiem-tra.png", _tiny_png(), "image/png"),
    )
    period_confirm(agency=agency, department=None, period_key="2023-Q1", actor=head)
    period_confirm(agency=agency, department=nv, period_key="2023-Q1", actor=department_head)
    result_record(
        target=results[0].target,
        period_key="2023-Q1",
        actor=iso,
        numerator=47,
        denominator=50,
        reason="Nhập nhầm số hồ sơ đúng hạn",
    )

    report = report_start(objective_set=published, actor=iso)
    report_submit(report=report, actor=iso)

    draft_2024 = _agency_set(agency, 2024, status=Status.DRAFT)
    document = document_submit(document=draft_2024, actor=iso)
    document = document_approve(document=document, actor=deputy)
    document = document_issue(
        document=document,
        actor=records,
        number=15,
        symbol="QĐ-BTĐKT",
        issued_on=date(2024, 1, 5),
    )
    assert not document.is_digitally_signed
    document_publish(document=document, actor=iso)

    submitted = set_start_blank(agency=agency, department=nv, year=2024, actor=department_head)
    _new_objective(submitted, department_head, "Giải quyết hồ sơ thi đua đúng hạn")
    document_submit(document=submitted, actor=department_head)

    approved = set_start_blank(
        agency=agency, department=_department(agency, "VP"), year=2024, actor=iso
    )
    _new_objective(approved, iso, "Bảo đảm công tác văn thư lưu trữ đúng quy định")
    approved = document_submit(document=approved, actor=iso)
    document_approve(document=approved, actor=head)

    opportunity = risk_create(
        agency=agency,
        year=2023,
        actor=iso,
        data={
            "kind": "opportunity",
            "description": "Số hóa hồ sơ khen thưởng",
            "likelihood": 4,
            "impact": 3,
            "department": nv,
        },
    )
    risk_close(risk=opportunity, actor=department_head, outcome="Đã số hóa 100% hồ sơ năm 2023")


def _quang_nam(agency) -> None:
    """Unsigned agency: the demo's 2016 set revised (the revision issued and published, the
    original Superseded); the demo's 2017 draft submitted and returned."""
    from datetime import date

    from objectives.services.workflow import (
        document_approve,
        document_issue,
        document_publish,
        document_return,
        document_submit,
    )

    from objectives.services.starting import set_revise

    people = _people(agency)
    iso, head, records = people["iso_officer"], people["head"], people["records_officer"]
    original = _agency_set(agency, 2016, revision=0)
    revision = set_revise(document=original, actor=iso)
    revision = document_submit(document=revision, actor=iso)
    revision = document_approve(document=revision, actor=head)
    revision = document_issue(
        document=revision, actor=records, number=42, symbol="QĐ-SVHTTDL", issued_on=date(2016, 6, 1)
    )
    document_publish(document=revision, actor=iso)
    original.refresh_from_db()
    assert original.status == "superseded"

    draft = _agency_set(agency, 2017)
    draft = document_submit(document=draft, actor=iso)
    document_return(document=draft, actor=head, comment="Bổ sung chỉ tiêu về di tích.")


def _permissions() -> None:
    """What an administrator does in the admin: a group and a user with model permissions of
    the models that move, and a log entry pointing at an evaluation report."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth.models import Group, Permission, User
    from django.contrib.contenttypes.models import ContentType
    from monitoring.models_evaluation import EvaluationReport

    codenames = [
        ("objectives", "view_documentnumber"),
        ("objectives", "view_documentevent"),
        ("monitoring", "view_evaluationreport"),
        ("monitoring", "view_evaluationcomment"),
        ("monitoring", "view_historicalevaluationreport"),
        ("objectives", "view_objectiveset"),
    ]
    group = Group.objects.create(name="Tra cứu sổ văn bản")
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in codenames
    )
    auditor = User.objects.get(username="dongnai.admin")
    auditor.groups.add(group)
    auditor.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="monitoring", codename="change_evaluationreport"
        ),
        Permission.objects.get(
            content_type__app_label="objectives", codename="change_documentnumber"
        ),
    )
    report = EvaluationReport.objects.filter(status="published").get()
    LogEntry.objects.create(
        user=auditor,
        content_type=ContentType.objects.get_for_model(EvaluationReport),
        object_id=str(report.pk),
        object_repr=str(report)[:200],
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["Nơi nhận"]}}]),
    )


def scenario(ca, leader_cert) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from agencies.models import Agency

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0, stdout=quiet)
        call_command("load_demo", force=True, stdout=quiet)
    agencies = {a.short_name: a for a in Agency.objects.all()}
    with transaction.atomic():
        _dong_nai(agencies[SIGNED_AGENCY], ca, leader_cert)
    with transaction.atomic():
        _ba_ria_vung_tau(agencies["Ban TĐKT Bà Rịa - Vũng Tàu"])
    with transaction.atomic():
        _quang_nam(agencies["Sở VHTTDL Quảng Nam"])
    with transaction.atomic():
        _permissions()


# --- the manifest -------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(database: Path, files: Path, backup: Path) -> dict:
    """What the test compares with, read with plain SQL (no model of either version)."""
    db = sqlite3.connect(database)
    try:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
        content_types = {
            str(pk): f"{app}.{model}"
            for pk, app, model in db.execute(
                "SELECT id, app_label, model FROM django_content_type ORDER BY id"
            )
        }
        permissions = {
            str(pk): [content_types[str(ct)], codename]
            for pk, ct, codename in db.execute(
                "SELECT id, content_type_id, codename FROM auth_permission ORDER BY id"
            )
        }

        def assigned(sql: str) -> dict:
            out: dict[str, list] = {}
            for owner, pk in db.execute(sql):
                out.setdefault(owner, []).append(pk)
            return out

        links = {}
        for table in ("objectives_documentnumber", "objectives_documentevent"):
            links[table] = [
                [pk, content_types[str(ct)], object_id]
                for pk, ct, object_id in db.execute(
                    f'SELECT id, content_type_id, object_id FROM "{table}" ORDER BY id'  # noqa: S608
                )
            ]
        links["django_admin_log"] = [
            [pk, content_types[str(ct)], int(object_id)]
            for pk, ct, object_id in db.execute(
                "SELECT id, content_type_id, object_id FROM django_admin_log ORDER BY id"
            )
        ]
        documents = []
        for model, table in (
            ("objectives.objectiveset", "objectives_objectiveset"),
            ("monitoring.evaluationreport", "monitoring_evaluationreport"),
        ):
            rows = db.execute(
                "SELECT id, status, number, symbol, is_digitally_signed, issue_method, "  # noqa: S608
                "issued_file, issued_sha256, prepared_file, prepared_sha256 "
                f"FROM \"{table}\" WHERE issued_file != '' OR prepared_file != '' ORDER BY id"
            )
            for pk, status, number, symbol, signed, method, issued, i_sha, prepared, p_sha in rows:
                document = {
                    "model": model,
                    "pk": pk,
                    "status": status,
                    "number": number,
                    "symbol": symbol,
                    "is_digitally_signed": bool(signed),
                    "issue_method": method,
                    "files": {},
                }
                for kind, name, recorded in (
                    ("issued", issued, i_sha),
                    ("prepared", prepared, p_sha),
                ):
                    if name:
                        actual = _sha256(files / name)
                        if actual != recorded:
                            sys.exit(f"{model} {pk}: {kind} file {name} differs from its SHA-256")
                        document["files"][kind] = {"name": name, "sha256": actual}
                documents.append(document)
        group_permissions = assigned(
            "SELECT g.name, gp.permission_id FROM auth_group_permissions gp "
            "JOIN auth_group g ON g.id = gp.group_id ORDER BY g.name, gp.permission_id"
        )
        user_permissions = assigned(
            "SELECT u.username, up.permission_id FROM auth_user_user_permissions up "
            "JOIN auth_user u ON u.id = up.user_id ORDER BY u.username, up.permission_id"
        )
        user_groups = assigned(
            "SELECT u.username, g.name FROM auth_user_groups ug JOIN auth_user u ON u.id = "
            "ug.user_id JOIN auth_group g ON g.id = ug.group_id ORDER BY u.username, g.name"
        )
        migrations = {}
        for app, name in db.execute("SELECT app, name FROM django_migrations"):
            migrations[app] = max(migrations.get(app, ""), name)
    finally:
        db.close()
    stored = sorted(p for p in files.rglob("*") if p.is_file())
    return {
        "commit": LEGACY_COMMIT,
        "database": database.name,
        "files_folder": files.name,
        "backup": backup.name,
        "ca_certificate": "ca.pem",
        "migrations": dict(sorted(migrations.items())),
        "tables": counts,
        "content_types": content_types,
        "permissions": permissions,
        "group_permissions": group_permissions,
        "user_permissions": user_permissions,
        "user_groups": user_groups,
        "generic_links": links,
        "documents": documents,
        "files": {p.relative_to(files).as_posix(): _sha256(p) for p in stored},
    }


def main() -> None:
    arguments = _arguments()
    legacy, out = arguments.legacy.resolve(), arguments.out.resolve()
    _check_checkout(legacy)
    if out.exists():
        if not arguments.force:
            sys.exit(f"{out} exists; pass --force to replace it.")
        shutil.rmtree(out)
    work = Path(tempfile.mkdtemp(prefix="qms-legacy-fixture-"))
    try:
        _environment(work)
        _django_setup(legacy)
        staging = work / "out"
        staging.mkdir()
        ca, leader_cert = _pki(work, staging / "ca.pem")
        scenario(ca, leader_cert)

        from django.core.management import call_command
        from django.db import connections

        with open(os.devnull, "w") as quiet:
            call_command("backup", "-o", str(staging), stdout=quiet)
        connections.close_all()
        (backup,) = staging.glob("qms-backup-*.tar.gz")
        shutil.copy2(work / "db.sqlite3", staging / "db.sqlite3")
        shutil.copytree(work / "files", staging / "files")
        data = manifest(staging / "db.sqlite3", staging / "files", backup)
        (staging / "manifest.json").write_text(
            json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        os.chmod(backup, 0o644)  # a fixture in git, not an operator's backup
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staging, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"{out}: {total / 1024:.0f} KiB")
    for table, count in data["tables"].items():
        if count:
            print(f"  {table}: {count}")


if __name__ == "__main__":
    main()
