#!/usr/bin/env bash
# Several servers on one machine, as on several: a throwaway PostgreSQL 15, a real redis-server
# (Celery's broker in db 0, the shared cache in db 1), two app servers (gunicorn on two ports)
# behind one port (nginx: an upstream with both, proxy_next_upstream on error/timeout), two
# Celery workers, and a local SMTP sink (bench/smtp_sink.py) that logs every message it accepts.
# wrk drives a few pages through the proxy (bench/several_servers.lua) and bench/http_probe.py
# records every request of one more client in time; meanwhile a batch of notifications is sent
# through notifications.services.notification_send, and while it is being mailed one worker is
# killed (SIGKILL, its whole process group) and started again, then one app server likewise.
# When the queue has drained it reports the requests, their errors and latency, and the mail:
# enqueued, received, lost (enqueued, never received, not FAILED) and sent twice.
#
# Gate (exit status 1 otherwise): HTTP errors no more than the requests in flight at the app
# server's kill (at most one per connection), and none outside its window; no mail lost, none
# left QUEUED, at most one mail sent twice per killed worker (the window no queue closes:
# accepted by SMTP, not yet marked SENT; docs/DEPLOYMENT.md).
#
# On 2 cores two app servers cannot serve more than one: this proves failover and exactly-once
# mail across processes, not throughput.
#
#   bench/several_servers.sh                       # DURATION=30 MAILS=200 CONNS=8
#   KEEP_PG=1 bench/several_servers.sh             # leave PostgreSQL running for the next run
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pg_lib.sh
trap 'exit 130' INT TERM # so that the EXIT trap cleans up
for tool in wrk nginx redis-server; do
  command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y wrk nginx-light redis-server"; exit 1; }
done

DURATION=${DURATION:-30}   # the app server takes ~10 s to start again on 2 busy cores
MAILS=${MAILS:-200}
CONNS=${CONNS:-8}
APP_WORKERS=${APP_WORKERS:-2}   # gunicorn workers per app server: 2 × 2 on 2 cores
PROXY_PORT=${PROXY_PORT:-8200}
APP_PORTS=("${APP_PORT_A:-8201}" "${APP_PORT_B:-8202}")
REDIS_PORT=${REDIS_PORT:-6391}
SMTP_PORT=${SMTP_PORT:-2526}
SMTP_DELAY=${SMTP_DELAY:-0.03}  # seconds the sink holds each message
DB=qms_several
WORK=$(mktemp -d /tmp/qms-several.XXXXXX)
chmod 755 "$WORK"
TOKEN="several-servers $(date +%H%M%S)-$$"

GROUPS_FILE=$WORK/groups # every process group started here, for cleanup
group_start() {          # group_start NAME LOG COMMAND…: in its own process group, in the background
  local name=$1 log=$2; shift 2
  setsid "$@" >>"$log" 2>&1 &
  echo $! >"$WORK/$name.pid"
  disown # no "Killed" line from bash when it is killed
  echo "$name" >>"$GROUPS_FILE"
}
group_kill() { # group_kill NAME [SIGNAL]: the whole process group, as a crash of its machine would
  [ -f "$WORK/$1.pid" ] && kill "-${2:-KILL}" -- "-$(cat "$WORK/$1.pid")" 2>/dev/null || true
}
cleanup() {
  local status=$?
  set +e
  [ -f "$WORK/nginx.pid" ] && kill -TERM "$(cat "$WORK/nginx.pid")" 2>/dev/null
  if [ -f "$GROUPS_FILE" ]; then
    while read -r name; do group_kill "$name" TERM; done <"$GROUPS_FILE"
    sleep 2
    while read -r name; do group_kill "$name" KILL; done <"$GROUPS_FILE"
  fi
  if [ "${KEEP_WORK:-0}" = 1 ] || [ "$status" != 0 ]; then echo "logs kept in $WORK"; else rm -rf "$WORK"; fi
  [ "${KEEP_PG:-0}" = 1 ] || pg_stop
}
trap cleanup EXIT
wait_for() { # wait_for SECONDS WHAT COMMAND…: until COMMAND succeeds
  local until=$((SECONDS + $1)) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $until ] || { echo "timed out waiting for $what"; return 1; }
    sleep 0.2
  done
}

echo "== PostgreSQL, data"
pg_start
db_ensure $DB --agencies 2 --departments 3 --years 2 | tail -2
app_env $DB
export DEVTOOLS=true SITE_URL=http://127.0.0.1:$PROXY_PORT
export CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/0 CACHE_URL=redis://127.0.0.1:$REDIS_PORT/1
# A killed worker's message goes back to the queue after 10 s (production: an hour).
export CELERY_VISIBILITY_TIMEOUT=10
export EMAIL_DELIVERY_BACKEND=django.core.mail.backends.smtp.EmailBackend
export EMAIL_HOST=127.0.0.1 EMAIL_PORT=$SMTP_PORT EMAIL_USE_TLS=false
"$VENV_PY" manage.py collectstatic --noinput -v0

echo "== redis-server :$REDIS_PORT, SMTP sink :$SMTP_PORT"
group_start redis "$WORK/redis.log" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 \
  --save "" --appendonly no --dir "$WORK"
wait_for 10 redis-server redis-cli -p "$REDIS_PORT" ping
group_start sink "$WORK/sink.log" "$VENV_PY" bench/smtp_sink.py --port "$SMTP_PORT" \
  --log "$WORK/received.tsv" --delay "$SMTP_DELAY"
wait_for 10 "the SMTP sink" bash -c "exec 3<>/dev/tcp/127.0.0.1/$SMTP_PORT"

app_start() { # app_start PORT: gunicorn as in pg_lib.sh's gunicorn_start, in its own group
  group_start "app-$1" "$WORK/app-$1.log" .venv/bin/gunicorn qms_objectives.wsgi \
    --bind "127.0.0.1:$1" --workers "$APP_WORKERS" --worker-class sync --backlog 2048 \
    --timeout 60 --log-level warning
  wait_for 60 "gunicorn on $1" curl -fsS "http://127.0.0.1:$1/healthz" || { cat "$WORK/app-$1.log"; return 1; }
}
worker_start() { # worker_start N: Celery worker wN, one process (2 cores for everything)
  group_start "worker-$1" "$WORK/worker-$1.log" .venv/bin/celery -A qms_objectives worker \
    --concurrency 1 -n "w$1@several" --without-gossip --without-mingle --loglevel INFO
}
worker_ready() { [ "$(grep -c "w$1@several ready" "$WORK/worker-$1.log" 2>/dev/null)" -ge "${2:-1}" ]; }

echo "== two app servers :${APP_PORTS[0]} :${APP_PORTS[1]}, two workers"
for port in "${APP_PORTS[@]}"; do app_start "$port"; done
worker_start 1; worker_start 2
wait_for 90 "worker 1" worker_ready 1; wait_for 90 "worker 2" worker_ready 2

echo "== nginx :$PROXY_PORT in front of both"
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx.conf" <<NGINX
user root root;
worker_processes 1;
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  log_format timed '\$msec \$status \$request_time "\$upstream_addr" "\$upstream_status" \$request_uri';
  access_log $WORK/nginx-access.log timed;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream qms_app {
    server 127.0.0.1:${APP_PORTS[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${APP_PORTS[1]} max_fails=1 fail_timeout=5s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://qms_app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      # A dead server's requests go to the other (GET and HEAD even when already sent).
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}
NGINX
nginx -t -q -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" -p "$WORK"
nginx -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" -p "$WORK"
BASE=http://127.0.0.1:$PROXY_PORT
wait_for 10 nginx curl -fsS "$BASE/healthz"

read -r AGENCY YEAR SET_ID < <("$VENV_PY" manage.py shell -v0 -c "
from objectives.models import ObjectiveSet
s = ObjectiveSet.objects.filter(agency__short_name='SCALE-001', department=None, status='published').order_by('-year').first()
print(s.agency_id, s.year - 1, s.pk)" 2>/dev/null | tail -1)
ISO=$(session_cookie scale-001-iso)
PAGES=(/bench/floor /reading/ "/monitoring/$AGENCY/$YEAR/" "/reading/$SET_ID/pdf/")
for path in "${PAGES[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sessionid=$ISO" "$BASE$path")
  [ "$code" = 200 ] || { echo "preflight: $path answered $code"; exit 1; }
done
# Warm every gunicorn worker of both servers (URLconf, templates, connections, the cache).
wrk -t2 -c8 -d3s -H "Cookie: sessionid=$ISO" -s bench/several_servers.lua "$BASE" -- "${PAGES[@]}" >/dev/null

echo "== load: wrk ${CONNS} connections on ${PAGES[*]} + a probe on /reading/, ${DURATION} s"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores, shared)"
wrk -t2 -c"$CONNS" -d"${DURATION}s" --timeout 10s -H "Cookie: sessionid=$ISO" \
  -s bench/several_servers.lua "$BASE" -- "${PAGES[@]}" >"$WORK/wrk.out" 2>&1 &
WRK_PID=$!
"$VENV_PY" bench/http_probe.py "$BASE/reading/" --cookie "$ISO" --seconds "$((DURATION + 5))" \
  --threads 1 --window-file "$WORK/app-window" >"$WORK/probe.out" 2>&1 &
PROBE_PID=$!
T0=$(date +%s.%N)
at() { awk -v t="$(date +%s.%N)" -v t0="$T0" 'BEGIN { printf "%5.1f s", t - t0 }'; }
sleep 2

echo "   $(at): enqueue $MAILS emails: notification_send, '$TOKEN #k' to each user with an email"
"$VENV_PY" manage.py shell -v0 -c "
from django.contrib.auth import get_user_model
from agencies.models import Agency
from notifications.services import notification_send
users = list(get_user_model().objects.filter(is_active=True).exclude(email='').order_by('pk'))
agency, sent, k = Agency.objects.order_by('pk').first(), 0, 0
while sent < $MAILS:
    batch = users[: $MAILS - sent]
    notification_send(users=batch, agency=agency, message='$TOKEN #%d' % k)
    sent, k = sent + len(batch), k + 1"
received() { grep -cF "$TOKEN" "$WORK/received.tsv" || true; }
enough() { [ "$(received)" -ge $((MAILS / 5)) ]; }
wait_for 60 "a fifth of the mail" enough
AT_KILL=$(received)
echo "   $(at): SIGKILL worker 1 ($AT_KILL/$MAILS received so far), start it again"
group_kill worker-1
worker_start 1
WORKER_KILLS=1
WORKER_KILLED_AT=$(date +%s.%N)

sleep 1
echo "   $(at): SIGKILL app server :${APP_PORTS[0]}"
KILLED_AT=$(date +%s.%N)
group_kill "app-${APP_PORTS[0]}"
sleep 2
app_start "${APP_PORTS[0]}"
BACK_AT=$(date +%s.%N)
echo "$KILLED_AT $BACK_AT" >"$WORK/app-window"
echo "   $(at): app server :${APP_PORTS[0]} answers again"
wait_for 90 "worker 1 restarted" worker_ready 1 2
echo "   $(at): worker 1 ready again"
wait "$WRK_PID" || true
probe_ok=1
wait "$PROBE_PID" || probe_ok=0

echo "== waiting for the queue to drain"
queued() {
  pg_psql -d $DB -c "select count(*) from post_office_email where subject like '$TOKEN%' and status in (2, 3)"
}
drained() { [ "$(queued)" = 0 ]; }
wait_for 180 "the queue to drain ($(queued) still queued)" drained || true
echo "   $(at): $(queued) still queued"
sleep 2 # a duplicate would arrive now

# post_office.Email: status 0 sent, 1 failed, 2 queued, 3 requeued (waiting for a retry)
pg_psql -d $DB -F $'\t' -c "select id, case status when 0 then 'sent' when 1 then 'failed'
  else 'queued' end, \"to\", subject from post_office_email
  where subject like '$TOKEN%' order by id" >"$WORK/enqueued.tsv"
failed=0

echo "== HTTP"
line=$(grep '^RESULT' "$WORK/wrk.out") || { cat "$WORK/wrk.out"; exit 1; }
eval "$(echo "$line" | sed 's/^RESULT //')" # requests= rps= p50= p95= p99= connect= read= …
errors=$((connect + read + write + status + timeout))
echo "   wrk: $requests requests, $rps/s, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms"
echo "   wrk errors: $errors (connect $connect, read $read, write $write, non-2xx/3xx $status, timeout $timeout)"
awk -v k="$KILLED_AT" -v b="$BACK_AT" '
  { n++ } $2 >= 500 { bad++ } $4 ~ /,/ { retried++; if ($1 >= k && $1 <= b + 30) near++ }
  $3 > 1 { slow++; gsub(/[",]/, "", $4); by[$4]++; if ($1 - $3 >= k && $1 - $3 <= b + 15) fresh++ }
  END {
    printf "   nginx: %d requests, %d answered 5xx, %d passed to the other server after an error (%d of them in the kill window or within 30 s of it)\n", n, bad, retried, near
    printf "   nginx: %d requests took over 1 s (%d of them started between the kill and 15 s after the server answered again); by first server:", slow, fresh
    for (u in by) printf " %s %d", u, by[u]
    printf "\n"
  }
' "$WORK/nginx-access.log"
sed -n '/^restart window/p; /requests,.*failed/p' "$WORK/probe.out" | sed 's/^/   probe: /; s/restart window/app server down/'
[ "$errors" -le "$CONNS" ] || { echo "   FAIL: more errors than requests in flight at the kill (≤ $CONNS)"; failed=1; }
[ "$probe_ok" = 1 ] || { echo "   FAIL: the probe saw failures outside the kill window:"; cat "$WORK/probe.out"; failed=1; }

echo "== mail"
"$VENV_PY" - "$WORK/enqueued.tsv" "$WORK/received.tsv" "$TOKEN" "$WORKER_KILLS" "$AT_KILL" "$WORKER_KILLED_AT" <<'PY' || failed=1
import sys
from collections import Counter
enqueued_file, received_file, token, kills, at_kill, killed_at = sys.argv[1:7]
rows = [line.rstrip("\n").split("\t") for line in open(enqueued_file) if line.strip()]
sent = Counter()
times = {}
message_ids = Counter()
for line in open(received_file):
    _at, rcpt, subject, message_id = line.rstrip("\n").split("\t")
    if token in subject:
        sent[(rcpt, subject)] += 1
        times.setdefault((rcpt, subject), []).append(float(_at) - float(killed_at))
        message_ids[message_id] += 1
states = Counter(state for _id, state, _to, _subject in rows)
keys = {(to.replace(", ", ","), subject): state for _id, state, to, subject in rows}
lost = [k for k, state in keys.items() if sent[k] == 0 and state != "failed"]
twice = sum(n - 1 for k, n in sent.items() if n > 1)
strangers = [k for k in sent if k not in keys]
print(f"   enqueued {len(rows)} ({', '.join(f'{n} {s}' for s, n in sorted(states.items()))}); "
      f"received {sum(sent.values())} messages for {len(sent)} of them")
print(f"   lost (enqueued, never received, not FAILED): {len(lost)}; sent twice: {twice} "
      f"(worker killed {kills}× with {at_kill}/{len(rows)} received); "
      f"a Message-ID seen twice: {sum(1 for n in message_ids.values() if n > 1)}")
for key, n in sent.items():
    if n > 1:
        at = ", ".join(f"{t:+.1f} s" for t in times[key])
        print(f"   sent twice: {key[1]} to {key[0]}, received at {at} from the worker's kill")
last = max(t for ts in times.values() for t in ts)
print(f"   the last mail arrived {last:.1f} s after the worker's kill")
bad = []
if lost:
    bad.append(f"lost: {lost[:5]}")
if states.get("queued"):
    bad.append(f"{states['queued']} still QUEUED")
if twice > int(kills):
    bad.append(f"{twice} sent twice, more than the {kills} worker kill(s) explain")
if strangers:
    bad.append(f"{len(strangers)} received that were never enqueued")
if int(at_kill) >= len(rows):
    bad.append("the batch had ended before the worker was killed")
for reason in bad:
    print(f"   FAIL: {reason}")
sys.exit(1 if bad else 0)
PY
if [ "$failed" = 0 ]; then
  echo "PASSED: failover without errors beyond the kill; every mail received, none lost, no more sent twice than workers killed"
else
  echo "FAILED"
fi
exit "$failed"
