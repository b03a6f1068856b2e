"""Request one URL back to back from a few threads for a while, recording when each request
started and ended and how it went; then say which failures fall outside a given window.

    .venv/bin/python bench/http_probe.py URL --cookie SESSION --seconds 30 --threads 2 \
        --window-file /tmp/window   # the window file holds "start end" (Unix seconds)

Used by bench/pg_restart.sh: the window is the PostgreSQL restart. Exit status 1 when any
request outside the window failed or nothing succeeded after it.
"""

import argparse
import http.client
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

GRACE = 0.5  # seconds after the window in which a request may still see the old connection


def _one(url, cookie: str) -> str:
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    try:
        connection.request("GET", url.path, headers={"Cookie": f"sessionid={cookie}"})
        response = connection.getresponse()
        response.read()
        return str(response.status)
    except OSError as error:
        return type(error).__name__
    finally:
        connection.close()


def probe(url: str, cookie: str, seconds: float, threads: int) -> list[tuple[float, float, str]]:
    parts, until, records, lock = urlsplit(url), time.time() + seconds, [], threading.Lock()

    def run():
        while time.time() < until:
            started = time.time()
            outcome = _one(parts, cookie)
            with lock:
                records.append((started, time.time(), outcome))

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sorted(records)


def report(records, window: tuple[float, float]) -> bool:
    start, end = window
    origin = records[0][0]
    outside = [r for r in records if r[2] != "200" and (r[1] < start or r[0] > end + GRACE)]
    after = [r for r in records if r[0] > end + GRACE]
    print(f"restart window: {start - origin:.2f} s – {end - origin:.2f} s ({end - start:.2f} s)")
    print(f"{'second':>6} {'ok':>5} {'failed':>7}  outcomes")
    for second in range(int(records[-1][1] - origin) + 1):
        rows = [r for r in records if second <= r[0] - origin < second + 1]
        failed = [r[2] for r in rows if r[2] != "200"]
        mark = " ← restart" if start - origin < second + 1 and end - origin >= second else ""
        kinds = ", ".join(sorted(set(failed)))
        print(f"{second:>6} {len(rows) - len(failed):>5} {len(failed):>7}  {kinds}{mark}")
    total_failed = sum(1 for r in records if r[2] != "200")
    print(
        f"{len(records)} requests, {total_failed} failed, {len(outside)} outside the window; "
        f"{sum(1 for r in after if r[2] == '200')}/{len(after)} after it succeeded"
    )
    return not outside and bool(after) and all(r[2] == "200" for r in after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--cookie", default="")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--window-file", type=Path, required=True)
    arguments = parser.parse_args()
    records = probe(arguments.url, arguments.cookie, arguments.seconds, arguments.threads)
    start, end = (float(x) for x in arguments.window_file.read_text().split())
    raise SystemExit(0 if report(records, (start, end)) else 1)


if __name__ == "__main__":
    main()
