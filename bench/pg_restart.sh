#!/usr/bin/env bash
# The app keeps serving when PostgreSQL restarts: under a small wrk load on a page that reads the
# database (the published list, logged in), restart PostgreSQL (pg_ctl restart -m fast) and show,
# second by second, that requests fail only while it is down. Django reconnects on the next
# request because DATABASE_URL settings have CONN_HEALTH_CHECKS on (qms_objectives/env.py).
#
#   bench/pg_restart.sh            # 30 s: restart at 10 s
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pg_lib.sh
trap 'exit 130' INT TERM  # so that the EXIT trap cleans up

SECONDS_TOTAL=${DURATION:-30}
RESTART_AT=${RESTART_AT:-10}
PORT=${PORT:-8010}
DB=qms_small
LOG=$BENCH_PGDIR/gunicorn-restart.log
WINDOW=$(mktemp)

pg_start
cleanup() { gunicorn_stop "$LOG"; rm -f "$WINDOW"; [ "${KEEP_PG:-0}" = 1 ] || pg_stop; }
trap cleanup EXIT
db_ensure $DB --agencies 3 --departments 3 --years 2 --objectives 5
app_env $DB
"$VENV_PY" manage.py collectstatic --noinput -v0
STAFF=$(session_cookie scale-001-d00-staff1)
gunicorn_start "$PORT" "$((2 * $(nproc)))" "$LOG"
URL=http://127.0.0.1:$PORT/reading/
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sessionid=$STAFF" "$URL")" = 200 ]
wrk -t2 -c8 -d2s -H "Cookie: sessionid=$STAFF" "$URL" >/dev/null  # warm every worker

echo "== load: wrk 2 connections + probe 2 threads on $URL for $SECONDS_TOTAL s; restart at $RESTART_AT s"
wrk -t1 -c2 -d"${SECONDS_TOTAL}s" --timeout 10s -s bench/wrk_report.lua \
  -H "Cookie: sessionid=$STAFF" "$URL" >"$WINDOW.wrk" &
WRK=$!
"$VENV_PY" bench/http_probe.py "$URL" --cookie "$STAFF" --seconds "$SECONDS_TOTAL" \
  --threads 2 --window-file "$WINDOW" &
PROBE=$!
sleep "$RESTART_AT"
start=$(date +%s.%N)
pg_restart
end=$(date +%s.%N)
echo "$start $end" >"$WINDOW"
status=0
wait $PROBE || status=$?
wait $WRK
echo "wrk: $(grep '^RESULT' "$WINDOW.wrk")"
rm -f "$WINDOW.wrk"
if [ "$status" = 0 ]; then echo "PASSED: failures only during the restart"; else echo "FAILED"; fi
exit $status
