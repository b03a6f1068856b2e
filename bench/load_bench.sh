#!/usr/bin/env bash
# Load: gunicorn (2 sync workers per core, DEBUG off, collected static files) on a throwaway
# PostgreSQL 15 holding the province-sized data set, driven by wrk on 127.0.0.1. For the
# published-objectives page, the dashboard, the issued-PDF download, the public agency and set
# pages (no login, served from the whole-page cache) and a trivial view (the floor: the cheapest
# page this stack serves) at 4, 16 and 64 connections: requests per second, p50/p95/p99, errors,
# and each page's throughput as a share of the floor's. The cache is a Redis started for the run
# (the production topology; REDIS=0: Django's per-process memory cache).
# Gate: zero errors at every level; p95 under 1 s at 16 connections; the public pages at 16
# connections at least 40 % of the floor's throughput with p95 ≤ 50 ms. Server, database, Redis
# and wrk share the machine's cores.
#
#   bench/load_bench.sh                      # 300 agencies (loads once, ~6 min), 15 s a run
#   AGENCIES=30 DURATION=5 bench/load_bench.sh
#   PGBOUNCER=1 bench/load_bench.sh         # the app through pgbouncer in transaction mode
#   ROWS=public LEVELS=16 bench/load_bench.sh   # only the rows whose name matches (grep -E),
#                                               # with the floor always (the shares need it)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pg_lib.sh
trap 'exit 130' INT TERM  # so that the EXIT trap cleans up
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk"; exit 1; }

DURATION=${DURATION:-15}
LEVELS=${LEVELS:-"4 16 64"}
PORT=${PORT:-8000}
WORKERS=${WORKERS:-$((2 * $(nproc)))}
DB=qms_scale
LOG=$BENCH_PGDIR/gunicorn-load.log

pg_start
REDIS_PID=$BENCH_PGDIR/redis-load.pid
redis_stop() { [ -f "$REDIS_PID" ] && kill "$(cat "$REDIS_PID")" 2>/dev/null; rm -f "$REDIS_PID"; }
cleanup() { gunicorn_stop "$LOG"; bouncer_stop; redis_stop; [ "${KEEP_PG:-0}" = 1 ] || pg_stop; }
trap cleanup EXIT
db_ensure $DB --agencies "${AGENCIES:-300}" --years 5
app_env $DB
export DEVTOOLS=true SITE_URL="http://127.0.0.1:$PORT"
"$VENV_PY" manage.py collectstatic --noinput -v0
if [ "${REDIS:-1}" = 1 ] && command -v redis-server >/dev/null; then
  REDIS_PORT=${REDIS_PORT:-$((BENCH_PGPORT + 1000))}
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$REDIS_PID" >/dev/null
  export CACHE_URL="redis://127.0.0.1:$REDIS_PORT/0"
fi

read -r AGENCY YEAR SET_ID < <("$VENV_PY" manage.py shell -v0 -c "
from objectives.models import ObjectiveSet
s = ObjectiveSet.objects.filter(agency__short_name='SCALE-001', department=None, status='published').order_by('-year').first()
print(s.agency_id, s.year - 1, s.pk)" 2>/dev/null | tail -1)
STAFF=$(session_cookie scale-001-d00-staff1)
# The public pages of SCALE-001 under a province (the scale data's oversight body over it, or
# one made here), at its latest published year.
read -r PUBLIC_AGENCY PUBLIC_SET < <("$VENV_PY" manage.py shell -v0 -c "
import datetime
from agencies.models import Agency, OversightBody, OversightScope
from publication.selectors import public_sets
agency = Agency.objects.get(short_name='SCALE-001')
agency.save()  # a slug from its name if it has none
body = OversightBody.objects.filter(scope__agency=agency, is_active=True).first()
if body is None:
    home, _ = Agency.objects.get_or_create(short_name='BENCH-SKHCN', defaults=dict(
        name='Sở Khoa học và Công nghệ (bench)', symbol='SKHCN', place_name='Bench',
        head_title='Giám đốc'))
    body, _ = OversightBody.objects.get_or_create(slug='bench', defaults=dict(
        agency=home, name=home.name, region_name='Bench', inspecting_unit='Chi cục TĐC'))
    OversightScope.objects.create(body=body, agency=agency, valid_from=datetime.date(2000, 1, 1))
year = public_sets(agency).first().year
print(f'/cong-khai/{body.slug}/{agency.slug}/', f'/cong-khai/{body.slug}/{agency.slug}/{year}/')
" 2>/dev/null | tail -1)
ISO=$(session_cookie scale-001-iso)

if [ "${PGBOUNCER:-0}" = 1 ]; then
  bouncer_start 8
  # Django sets the session time zone to UTC when it differs: a statement per connection,
  # and a setting that would stay on pooled server connections. Make it the default.
  pg_psql -d postgres -c "alter database $DB set timezone to 'UTC'" >/dev/null
  export DATABASE_URL="postgres://postgres@127.0.0.1:$BENCH_BOUNCERPORT/$DB" DATABASE_POOLER=transaction
  echo "== through pgbouncer (transaction mode, 8 server connections) on port $BENCH_BOUNCERPORT"
fi
gunicorn_start "$PORT" "$WORKERS" "$LOG"
BASE=http://127.0.0.1:$PORT
PAGES=(
  "floor|/bench/floor|"
  "published list|/reading/|$STAFF"
  "dashboard|/monitoring/$AGENCY/$YEAR/|$ISO"
  "issued PDF|/reading/$SET_ID/pdf/|$STAFF"
  "public agency|$PUBLIC_AGENCY|"
  "public set|$PUBLIC_SET|"
)
if [ -n "${ROWS:-}" ]; then
  KEPT=()
  for page in "${PAGES[@]}"; do
    name=${page%%|*}
    if [ "$name" = floor ] || echo "$name" | grep -Eq -- "$ROWS"; then KEPT+=("$page"); fi
  done
  PAGES=("${KEPT[@]}")
fi
for page in "${PAGES[@]}"; do
  IFS='|' read -r name path cookie <<<"$page"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sessionid=$cookie" "$BASE$path")
  [ "$code" = 200 ] || { echo "preflight: $name $path answered $code"; exit 1; }
  # Warm every worker (URLconf, templates, connections) before measuring.
  wrk -t2 -c8 -d2s -H "Cookie: sessionid=$cookie" "$BASE$path" >/dev/null
done

# After wrk stops, the workers still serve the requests queued in the listen backlog (64
# dashboards are ~10 s of work): wait until the floor answers at once before the next run.
drain() {
  local quick=0
  for _ in $(seq 1 120); do
    t=$(curl -s -o /dev/null -w '%{time_total}' "$BASE/bench/floor")
    if awk -v t="$t" 'BEGIN { exit !(t < 0.02) }'; then quick=$((quick + 1)); else quick=0; fi
    [ $quick -ge 3 ] && return 0
    sleep 0.25
  done
}

echo "== load average before: $(cut -d" " -f1-3 /proc/loadavg) (the machine is shared)"
echo "== $(nproc) cores, gunicorn $WORKERS sync workers, wrk 2 threads, ${DURATION} s a run, cache ${CACHE_URL:-locmem}"
printf '%-15s %5s %8s %8s %8s %8s %7s %9s\n' page conns rps p50_ms p95_ms p99_ms errors vs_floor
failed=0
for conns in $LEVELS; do
  floor_rps=0
  for page in "${PAGES[@]}"; do
    IFS='|' read -r name path cookie <<<"$page"
    drain
    line=$(wrk -t2 -c"$conns" -d"${DURATION}s" --timeout 10s -s bench/wrk_report.lua \
      -H "Cookie: sessionid=$cookie" "$BASE$path" | grep '^RESULT')
    eval "$(echo "$line" | sed 's/^RESULT //')"  # requests= rps= p50= p95= p99= errors= …
    [ "$name" = floor ] && floor_rps=$rps
    share=$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
    printf '%-15s %5s %8s %8s %8s %8s %7s %9s\n' "$name" "$conns" "$rps" "$p50" "$p95" "$p99" "$errors" "$share"
    [ "$errors" = 0 ] || failed=1
    if [ "$conns" = 16 ] && awk -v p="$p95" 'BEGIN { exit !(p >= 1000) }'; then failed=1; fi
    if [ "$conns" = 16 ] && [ "${name%% *}" = public ] &&
      awk -v p="$p95" -v s="$share" 'BEGIN { exit !(p > 50 || s < 0.40) }'; then failed=1; fi
  done
done
if [ "$failed" = 0 ]; then
  echo "GATE PASSED: no errors; p95 < 1 s at 16 connections; public pages ≥ 40 % of the floor, p95 ≤ 50 ms"
else echo "GATE FAILED"; fi
exit "$failed"
