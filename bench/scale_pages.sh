#!/usr/bin/env bash
# The main pages at province scale on a throwaway PostgreSQL 15, next to a small data set:
# queries and server time (median, p95) per page. Prints one table; figures in var/bench/.
#
#   bench/scale_pages.sh                 # 300 agencies × 10 departments × 5 years (loads once)
#   AGENCIES=30 RUNS=10 bench/scale_pages.sh
#   FRESH=1 bench/scale_pages.sh         # wipe the cached cluster first
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pg_lib.sh
trap 'exit 130' INT TERM  # so that the EXIT trap cleans up

pg_start
[ "${KEEP_PG:-0}" = 1 ] || trap pg_stop EXIT
db_ensure qms_small --agencies 3 --departments 3 --years 2 --objectives 5
db_ensure qms_scale --agencies "${AGENCIES:-300}" --years 5
mkdir -p var/bench
echo "== load average before: $(cut -d" " -f1-3 /proc/loadavg) (the machine is shared)"
for db in qms_small qms_scale; do
  DATABASE_URL=$(pg_url $db) FILE_STORAGE_ROOT="$BENCH_PGDIR/files-$db" \
    "$VENV_PY" bench/pages_scale_bench.py --label "$db" --runs "${RUNS:-30}" \
    --json "var/bench/pages-$db.json" 2>&1 | grep -v '^AXES'
done
echo
echo "== $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB; PostgreSQL 15 on 127.0.0.1"
"$VENV_PY" bench/pages_scale_bench.py --compare var/bench/pages-qms_small.json var/bench/pages-qms_scale.json
