#!/usr/bin/env bash
# Re-measure on a database kept by `KEEP_DB=1 bench/compliance/run.sh` (no regeneration): bench/compliance/measure.sh <database>
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="$1"; PORT="${PORT:-18491}"; REQUESTS="${REQUESTS:-100}"; EVENTS="${EVENTS:-100}"
JAR=backend/target/migration-compliance-portal.jar
TOKEN_BOOT="bench-bootstrap-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK=$(mktemp -d)
java -Xmx1g -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
  --spring.datasource.password="${PGPASSWORD:-}" --portal.demo-data=false --portal.bootstrap-admin-token="$TOKEN_BOOT" \
  --portal.ingest.rate-limit.per-second=1000000 --portal.ingest.rate-limit.burst=1000000 --portal.compliance.sweep-delay=PT1H \
  --logging.level.root=warn --logging.level.org.migrationportal.compliance.ComplianceEvaluator=debug > "$WORK/app.log" 2>&1 &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null; wait $APP_PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
# A fresh admin for this run's page sign-in (the kept database has users already).
USER_NAME="bench-$(date +%s)"
curl -fsS -o /dev/null -X POST "http://127.0.0.1:$PORT/api/v1/users" -H "Authorization: Bearer $TOKEN_BOOT" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USER_NAME\",\"password\":\"$ADMIN_PASSWORD\",\"roles\":[{\"role\":\"ADMIN\"}]}"
python3 bench/compliance/bench.py --base "http://127.0.0.1:$PORT" --token "$TOKEN_BOOT" --user "$USER_NAME" --password "$ADMIN_PASSWORD" \
  --requests "$REQUESTS" --events "$EVENTS" --log "$WORK/app.log"
