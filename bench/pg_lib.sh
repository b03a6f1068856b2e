# Shared by the bench scripts: a throwaway PostgreSQL 15 on 127.0.0.1 and the app against it.
# Source it: `. bench/pg_lib.sh`. Needs root (initdb runs as the postgres user).
#
#   BENCH_PGDIR   where the cluster lives (default /tmp/qms-bench-pg); kept between runs so the
#                 province-sized load is done once; FRESH=1 wipes it first
#   BENCH_PGPORT  its port (default 54330)

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
BENCH_PGDIR=${BENCH_PGDIR:-/tmp/qms-bench-pg}
BENCH_PGPORT=${BENCH_PGPORT:-54330}
VENV_PY=${VENV_PY:-.venv/bin/python}
# load_scale_data and the bench floor view live in the devtools app, installed only on request.
export DEVTOOLS=true

pg_as() { runuser -u postgres -- "$@"; }

pg_start() {
  if [ "${FRESH:-0}" = 1 ]; then pg_stop; rm -rf "$BENCH_PGDIR"; fi
  mkdir -p "$BENCH_PGDIR"
  chown postgres "$BENCH_PGDIR"
  if [ ! -f "$BENCH_PGDIR/data/PG_VERSION" ]; then
    pg_as "$PGBIN/initdb" -D "$BENCH_PGDIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_as "$PGBIN/pg_ctl" -D "$BENCH_PGDIR/data" status >/dev/null 2>&1; then
    pg_as "$PGBIN/pg_ctl" -D "$BENCH_PGDIR/data" -l "$BENCH_PGDIR/log" -w -o \
      "-c listen_addresses=127.0.0.1 -p $BENCH_PGPORT -k $BENCH_PGDIR -c max_connections=200 -c shared_buffers=512MB" \
      start >/dev/null
  fi
}

pg_stop() {
  if [ -f "$BENCH_PGDIR/data/PG_VERSION" ]; then
    pg_as "$PGBIN/pg_ctl" -D "$BENCH_PGDIR/data" -m fast stop >/dev/null 2>&1 || true
  fi
}

pg_restart() { pg_as "$PGBIN/pg_ctl" -D "$BENCH_PGDIR/data" -m fast -w restart >/dev/null; }

pg_url() { echo "postgres://postgres@127.0.0.1:$BENCH_PGPORT/$1"; }

# pgbouncer in transaction mode in front of the cluster (apt-get install -y pgbouncer), on
# BENCH_BOUNCERPORT (default 6432), POOL server connections per database. It refuses to run as
# root, like PostgreSQL: it runs as postgres.
BENCH_BOUNCERPORT=${BENCH_BOUNCERPORT:-6432}
bouncer_start() {
  local pool=${1:-20}
  command -v pgbouncer >/dev/null || { echo "pgbouncer is missing: apt-get install -y pgbouncer"; return 1; }
  cat >"$BENCH_PGDIR/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$BENCH_PGPORT
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BENCH_BOUNCERPORT
unix_socket_dir =
auth_type = trust
auth_file = $BENCH_PGDIR/pgbouncer.users
pool_mode = transaction
default_pool_size = $pool
max_client_conn = 500
ignore_startup_parameters = extra_float_digits,options
logfile = $BENCH_PGDIR/pgbouncer.log
pidfile = $BENCH_PGDIR/pgbouncer.pid
INI
  echo '"postgres" ""' >"$BENCH_PGDIR/pgbouncer.users"
  chown postgres "$BENCH_PGDIR/pgbouncer.ini" "$BENCH_PGDIR/pgbouncer.users"
  pg_as pgbouncer -d "$BENCH_PGDIR/pgbouncer.ini"
  for _ in $(seq 1 50); do
    "$PGBIN/psql" -h 127.0.0.1 -p "$BENCH_BOUNCERPORT" -U postgres -d postgres -qtAc 'select 1' >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "pgbouncer did not start:"; cat "$BENCH_PGDIR/pgbouncer.log"; return 1
}
bouncer_stop() {
  [ -f "$BENCH_PGDIR/pgbouncer.pid" ] && kill "$(cat "$BENCH_PGDIR/pgbouncer.pid")" 2>/dev/null
  rm -f "$BENCH_PGDIR/pgbouncer.pid"
}

pg_psql() { "$PGBIN/psql" -h 127.0.0.1 -p "$BENCH_PGPORT" -U postgres -qtA "$@"; }

# db_ensure NAME [load_scale_data options…]: create, migrate and load NAME unless it was loaded
# completely with these options before (a comment on the database records that).
db_ensure() {
  local name=$1; shift
  local mark="qms-scale: $*"
  if [ "$(pg_psql -d postgres -c "select shobj_description(oid, 'pg_database') from pg_database where datname = '$name'")" = "$mark" ]; then
    echo "== database $name: already loaded ($*); migrating to this code"
    DATABASE_URL=$(pg_url "$name") FILE_STORAGE_ROOT="$BENCH_PGDIR/files-$name" DEBUG=true \
      "$VENV_PY" manage.py migrate --noinput -v0
    return
  fi
  pg_psql -d postgres -c "drop database if exists $name" >/dev/null
  pg_psql -d postgres -c "create database $name" >/dev/null
  rm -rf "$BENCH_PGDIR/files-$name"
  echo "== database $name: migrate, load_scale_data $*"
  DATABASE_URL=$(pg_url "$name") FILE_STORAGE_ROOT="$BENCH_PGDIR/files-$name" DEBUG=true \
    "$VENV_PY" manage.py migrate --noinput -v0
  local started=$SECONDS
  DATABASE_URL=$(pg_url "$name") FILE_STORAGE_ROOT="$BENCH_PGDIR/files-$name" DEBUG=true \
    "$VENV_PY" manage.py load_scale_data "$@"
  echo "   loaded in $((SECONDS - started)) s"
  pg_psql -d "$name" -c "vacuum analyze" >/dev/null
  pg_psql -d postgres -c "comment on database $name is '$mark'" >/dev/null
}

# The environment of a production-like app process against database NAME.
app_env() {
  export DATABASE_URL=$(pg_url "$1")
  export FILE_STORAGE_ROOT="$BENCH_PGDIR/files-$1"
  export SECRET_KEY="bench-only-$(hostname)-not-secret-but-long-enough-for-django-checks"
  export ALLOWED_HOSTS=127.0.0.1,localhost SITE_URL=http://127.0.0.1:8000
  export DEBUG=false SECURE_SSL_REDIRECT=false STATIC_ROOT="$BENCH_PGDIR/static"
  export LOG_LEVEL=WARNING
}

# session_cookie USERNAME: a logged-in session for that user (sessions live in the database).
session_cookie() {
  "$VENV_PY" manage.py shell -v0 -c "
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(username='$1'))
print(client.cookies['sessionid'].value)" 2>/dev/null | tail -1
}

# gunicorn_start PORT WORKERS LOGFILE: the WSGI app in the background; waits until it answers.
# Sync workers: a free worker takes the next connection from one shared queue, so latency stays
# fair. (Keep-alive gthread workers tie each connection to one worker: at 16 connections the
# issued PDF's p95 was 2.6 s against 68 ms with sync workers, for the same throughput.)
gunicorn_start() {
  .venv/bin/gunicorn qms_objectives.wsgi --bind "127.0.0.1:$1" --workers "$2" \
    --worker-class sync --backlog 2048 --timeout 60 --log-level warning >"$3" 2>&1 &
  echo $! >"$3.pid"
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "gunicorn on $1 did not start:"; cat "$3"; return 1
}

gunicorn_stop() { [ -f "$1.pid" ] && kill "$(cat "$1.pid")" 2>/dev/null; rm -f "$1.pid"; sleep 1; }
