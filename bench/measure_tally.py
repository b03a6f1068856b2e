"""How long the on-time rules take on a year of dossiers, in Python (dossiers/measures.py's
part after the two queries): N synthetic dossiers (dossiers/synthetic.py) tallied for the four
quarters and for 1 January to each quarter's end, as a target reported quarterly is computed.

    .venv/bin/python bench/measure_tally.py [N]      (default 100000)
"""

import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")

import django  # noqa: E402

django.setup()

from dossiers.synthetic import synthetic_records  # noqa: E402
from dossiers.timeliness import DossierTimes, Supplement, bounds, local, tally  # noqa: E402

QUARTER_ENDS = (date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31))


def times(record) -> DossierTimes:
    supplements = tuple(
        Supplement(local(record[f"asked_{n}"]), local(record[f"answered_{n}"]))
        for n in (1, 2)
        if record.get(f"asked_{n}")
    )
    return DossierTimes(
        received=local(record["received"]),
        due=local(record["due"]) if record["due"] else None,
        finished=local(record["finished"]) if record.get("finished") else None,
        supplements=supplements,
        supplement_count=record["count"],
        withdrawn=record["status"] in (7, 8),
        channel=str(record["channel"]),
    )


def main(rows: int) -> None:
    dossiers = [times(r) for r in synthetic_records(rows)]
    started = time.perf_counter()
    figures = []
    for end in QUARTER_ENDS:
        quarter = tally(dossiers, bounds(date(2025, end.month - 2, 1), end))
        to_date = tally(dossiers, bounds(date(2025, 1, 1), end))
        figures.append((quarter.in_time, quarter.in_rate, to_date.in_time, to_date.in_rate))
    elapsed = time.perf_counter() - started
    print(f"{rows} dossiers, 4 quarters + 4 to-date tallies: {elapsed:.2f} s")
    for end, (n, d, tn, td) in zip(QUARTER_ENDS, figures, strict=True):
        print(f"  to {end:%d/%m}: quarter {n}/{d}, year to date {tn}/{td}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
