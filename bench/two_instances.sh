#!/usr/bin/env bash
# Past one machine: two app instances (gunicorn on two ports, as on two servers) share one
# PostgreSQL and one file store, and nothing else. On instance A the records officer issues an
# approved set (rendered, signed with a throwaway CA's certificate, stored) and the ISO officer
# publishes it, through real HTTP requests. On instance B, with the same session cookies (sessions
# live in the database), the public page /v/<code>/ finds the set, the file downloaded from B has
# the SHA-256 recorded at issue and the very bytes A serves, and B's upload check calls it
# genuine. Then B's cached dashboard (a cache per process) shows at once a result recorded by
# another process: the version in its key lives in the shared database.
#
#   bench/two_instances.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/pg_lib.sh
trap 'exit 130' INT TERM  # so that the EXIT trap cleans up

DB=qms_two
A=http://127.0.0.1:${PORT_A:-8101}
B=http://127.0.0.1:${PORT_B:-8102}
WORK=$(mktemp -d)
CSRF=bench0two0instances0csrf0secret0 # 32 characters: cookie and header, as htmx sends them

pg_start
cleanup() {
  gunicorn_stop "$WORK/a.log"; gunicorn_stop "$WORK/b.log"; rm -rf "$WORK"
  [ "${KEEP_PG:-0}" = 1 ] || pg_stop
}
trap cleanup EXIT
pg_psql -d postgres -c "drop database if exists $DB" >/dev/null
pg_psql -d postgres -c "create database $DB" >/dev/null
app_env $DB
export FILE_STORAGE_ROOT=$WORK/shared-files DEVTOOLS=true
"$VENV_PY" manage.py migrate --noinput -v0
"$VENV_PY" manage.py load_scale_data --agencies 1 --departments 3 --years 1 --force | tail -1
"$VENV_PY" manage.py collectstatic --noinput -v0
# A throwaway CA and a certificate for the agency (tests/pki.py), in the shared configuration.
"$VENV_PY" - <<PY
import django, os; os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qms_objectives.settings")
django.setup()
from pathlib import Path
from django.conf import settings
from tests import pki
ca = pki.make_ca()
pki.write_signing_config(settings, Path("$WORK"), "SCALE-001", pki.make_certificate(ca), ca)
PY
export SIGNING_CONFIG_FILE=$WORK/signing/signing.json
read -r SET_ID < <("$VENV_PY" manage.py shell -v0 -c "
from objectives.models import ObjectiveSet
print(ObjectiveSet.objects.get(agency__short_name='SCALE-001', status='approved').pk)" | tail -1)
RECORDS=$(session_cookie scale-001-records)
ISO=$(session_cookie scale-001-iso)
STAFF=$(session_cookie scale-001-d02-staff1)

(cd "$WORK" && mkdir -p a b)
gunicorn_start "${A##*:}" 2 "$WORK/a.log"
# B has one worker, so that the dashboard it caches below is the copy its next request meets.
gunicorn_start "${B##*:}" 1 "$WORK/b.log"

post() {  # post BASE PATH SESSION [curl options…]: prints the HTTP status
  local base=$1 path=$2 session=$3; shift 3
  curl -s -o "$WORK/last.html" -w '%{http_code}' -H "Cookie: sessionid=$session; csrftoken=$CSRF" \
    -H "X-CSRFToken: $CSRF" "$@" "$base$path"
}
echo "== on A ($A): issue set $SET_ID, then publish it"
code=$(post "$A" "/sets/$SET_ID/issue/" "$RECORDS" --data-urlencode "number=15" \
  --data-urlencode "symbol=QĐ-QM001" --data-urlencode "issued_on=$(date +%d/%m/%Y)")
[ "$code" = 302 ] || { echo "issue answered $code"; grep -o 'alert[^<]*<[^<]*' "$WORK/last.html" | head -3; exit 1; }
code=$(post "$A" "/sets/$SET_ID/publish/" "$ISO" -X POST)
[ "$code" = 302 ] || { echo "publish answered $code"; exit 1; }
read -r CODE SHA < <("$VENV_PY" manage.py shell -v0 -c "
from objectives.models import ObjectiveSet
s = ObjectiveSet.objects.get(pk=$SET_ID)
assert s.status == 'published' and s.is_digitally_signed, (s.status, s.is_digitally_signed)
print(s.verification_code, s.issued_sha256)" | tail -1)
echo "   issued, signed and published: code $CODE, SHA-256 $SHA"

echo "== on B ($B): verify and download"
failed=0
check() { if [ "$2" = "$3" ]; then echo "   ok    $1"; else echo "   FAIL  $1: $2 ≠ $3"; failed=1; fi; }
check "/v/$CODE/ answers" "$(curl -s -o "$WORK/v.html" -w '%{http_code}' "$B/v/$CODE/")" 200
check "/v/$CODE/ shows the number" "$(grep -c '15/QĐ-QM001' "$WORK/v.html" | tr -d ' ' | sed 's/^[1-9][0-9]*$/yes/')" yes
curl -s -o "$WORK/from-b.pdf" "$B/v/$CODE/file/"
check "file from B /v/$CODE/file/ has the issued SHA-256" "$(sha256sum "$WORK/from-b.pdf" | cut -d' ' -f1)" "$SHA"
curl -s -o "$WORK/from-a.pdf" -H "Cookie: sessionid=$STAFF" "$A/reading/$SET_ID/pdf/"
curl -s -o "$WORK/from-b-staff.pdf" -H "Cookie: sessionid=$STAFF" "$B/reading/$SET_ID/pdf/"
check "staff download on A = on B (same session on both)" "$(sha256sum <"$WORK/from-a.pdf" | cut -d' ' -f1)" "$(sha256sum <"$WORK/from-b-staff.pdf" | cut -d' ' -f1)"
code=$(post "$B" "/v/" "" -F "file=@$WORK/from-b.pdf;type=application/pdf")
check "upload check on B answers" "$code" 200
check "upload check on B calls the file genuine" "$(grep -c 'border-success' "$WORK/last.html" | tr -d ' ')" 1

echo "== the dashboard B has cached retires when another process writes"
read -r AGENCY_ID YEAR < <("$VENV_PY" manage.py shell -v0 -c "
from objectives.models import ObjectiveSet
s = ObjectiveSet.objects.get(pk=$SET_ID)
print(s.agency_id, s.year)" | tail -1)
DASH="/monitoring/$AGENCY_ID/$YEAR/"
curl -s -o /dev/null -H "Cookie: sessionid=$ISO" "$B$DASH"
curl -s -o "$WORK/dash-before.html" -H "Cookie: sessionid=$ISO" "$B$DASH"  # from B's cache
"$VENV_PY" manage.py shell -v0 -c "
from django.contrib.auth import get_user_model
from django.utils import timezone
from monitoring.periods import ended_periods
from monitoring.selectors import effective_plan
from monitoring.services import result_record
from objectives.models import ObjectiveSet
s = ObjectiveSet.objects.get(agency_id=$AGENCY_ID, year=$YEAR, department=None, status='published')
objective = s.objectives.order_by('order').first()
period = ended_periods(effective_plan(objective).frequency, $YEAR, timezone.localdate())[-1]
result_record(target=objective.targets.get(), period_key=period.key, numerator=1234,
              denominator=10000, reason='bench', actor=get_user_model().objects.get(username='scale-001-iso'))"
curl -s -o "$WORK/dash-after.html" -H "Cookie: sessionid=$ISO" "$B$DASH"
check "B's dashboard before the write shows no 12,34%" "$(grep -c '12,34%' "$WORK/dash-before.html" | tr -d ' ')" 0
check "B's dashboard after it shows 12,34% at once" "$(grep -c '12,34%' "$WORK/dash-after.html" | tr -d ' ' | sed 's/^[1-9][0-9]*$/yes/')" yes
if [ "$failed" = 0 ]; then echo "PASSED: issued on A, verified and downloaded on B; B's dashboard follows a write made elsewhere"; else echo "FAILED"; fi
exit $failed
