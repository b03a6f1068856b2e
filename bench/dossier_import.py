"""Import of 100,000 synthetic dossiers (dossiers/synthetic.py) from CSV and from XLSX into
PostgreSQL, through the task's own code (dossiers.services.dossier_import_process): prints wall
time, the process's CPU time and its peak RSS, for a first import (inserts) and a re-import of
the same file (updates by code).

    .venv/bin/python bench/dossier_import.py [--rows 100000]

Without DATABASE_URL it starts a throwaway PostgreSQL 15 as the postgres user, the way .ci/run
does (needs root), and removes it at the end. Each measurement runs in a fresh process, so the
peak RSS is that of one import (Django loaded, the file read, the rows written). The machine's
load average (/proc/loadavg) is printed before and after: wall times on a loaded machine are
not the machine's."""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PGBIN = "/usr/lib/postgresql/15/bin"


def _as_postgres(*command):
    return subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, text=True)


def start_postgres(folder: Path, port: int) -> str:
    shutil.chown(folder, "postgres")
    data = folder / "data"
    _as_postgres(
        f"{PGBIN}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
        "--locale=C.UTF-8",
    )  # fmt: skip
    _as_postgres(
        f"{PGBIN}/pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-w", "-o",
        f"-c listen_addresses=127.0.0.1 -p {port} -k {folder}", "start",
    )  # fmt: skip
    subprocess.run(
        [f"{PGBIN}/psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-qc",
         "create database qms_dossier_bench"],
        check=True,
    )  # fmt: skip
    return f"postgres://postgres@127.0.0.1:{port}/qms_dossier_bench"


def stop_postgres(folder: Path) -> None:
    subprocess.run(
        ["runuser", "-u", "postgres", "--", f"{PGBIN}/pg_ctl", "-D", str(folder / "data"),
         "-m", "fast", "stop"],
        check=False, capture_output=True,
    )  # fmt: skip


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()


def child_prepare(rows: int, folder: Path) -> None:
    """Migrate, make the agency, its ISO officer and mapping, and write the two files."""
    _django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from agencies.models import Agency, Membership
    from dossiers import synthetic
    from dossiers.mapping import suggest_mapping
    from dossiers.models import DossierColumnMapping

    agency = Agency.objects.create(name="Ủy ban nhân dân huyện Bench", short_name="UBND-B")
    user = get_user_model().objects.create(username="bench-iso")
    Membership.objects.create(user=user, agency=agency, is_iso_officer=True)
    DossierColumnMapping.objects.create(
        agency=agency, columns=suggest_mapping(synthetic.headers()), updated_by=user
    )
    with open(folder / "export.csv", "w", encoding="utf-8-sig", newline="") as stream:
        synthetic.write_csv(stream, rows)
    synthetic.write_xlsx(folder / "export.xlsx", rows)


def child_import(path: Path) -> dict:
    _django()
    from django.contrib.auth import get_user_model

    from agencies.models import Agency
    from dossiers.services import dossier_import_process, dossier_import_queue

    agency = Agency.objects.get(short_name="UBND-B")
    user = get_user_model().objects.get(username="bench-iso")
    job = dossier_import_queue(
        agency=agency, actor=user, data=path.read_bytes(), filename=path.name
    )
    wall, cpu = time.perf_counter(), time.process_time()
    dossier_import_process(import_id=job.pk)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    job.refresh_from_db()
    return {
        "file": path.name,
        "status": job.status,
        "rows": job.rows_total,
        "created": job.rows_created,
        "updated": job.rows_updated,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "size_mb": round(path.stat().st_size / 1e6, 1),
    }


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _child(*arguments, env) -> str:
    done = subprocess.run(
        [sys.executable, __file__, *arguments], env=env, check=False, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"{' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        step, argument = options.child
        if step == "prepare":
            child_prepare(options.rows, Path(argument))
        elif step == "clear":
            _django()
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute(
                    "TRUNCATE dossiers_supplementrequest, dossiers_dossier RESTART IDENTITY"
                )
        else:
            print(json.dumps(child_import(Path(argument))))
        return
    folder = Path(tempfile.mkdtemp(prefix="qms-dossier-bench-"))
    env = dict(os.environ, FILE_STORAGE_ROOT=str(folder / "files"), LOG_LEVEL="WARNING")
    started_pg = "DATABASE_URL" not in os.environ
    try:
        if started_pg:
            env["DATABASE_URL"] = start_postgres(folder, int(os.environ.get("PGPORT", 54331)))
        print(f"== {options.rows} synthetic dossiers, PostgreSQL at {env['DATABASE_URL']}")
        print(f"load average before: {_load()}")
        _child("--rows", str(options.rows), "--child", "prepare", str(folder), env=env)
        print(f"{'file':12} {'pass':9} {'rows':>7} {'new':>7} {'upd':>7} "
              f"{'wall s':>7} {'CPU s':>6} {'peak RSS MB':>11} {'file MB':>7}")  # fmt: skip
        for name in ("export.csv", "export.xlsx"):
            for label in ("first", "re-import"):
                figures = json.loads(
                    _child("--rows", str(options.rows), "--child", "import", str(folder / name),
                           env=env)
                )  # fmt: skip
                print(
                    f"{figures['file']:12} {label:9} {figures['rows']:>7} {figures['created']:>7} "
                    f"{figures['updated']:>7} {figures['wall_s']:>7} {figures['cpu_s']:>6} "
                    f"{figures['peak_rss_mb']:>11} {figures['size_mb']:>7}  {figures['status']}"
                )
            if name == "export.csv":
                # The XLSX's first pass must insert again: clear what the CSV wrote.
                _child("--rows", "0", "--child", "clear", str(folder), env=env)
        print(f"load average after: {_load()}")
    finally:
        if started_pg:
            stop_postgres(folder)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
