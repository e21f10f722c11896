#!/usr/bin/env bash
# Compliance benchmark (docs/performance-compliance.md). One command: bench/compliance/run.sh
# Starts the portal jar on a fresh PostgreSQL database, generates 100 projects x 3 environments, 200,000 CI runs and
# 1,000,000 deployment events with generate.sql, evaluates every environment, then measures page server time
# (p50/p95 of time to first byte on loopback) for the overview, project and environment pages, and the evaluation time
# of one new deployment event posted through the ingest API (timed inside the app, logged per environment).
# Settings (env): PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres) PORT (18490) REQUESTS (100) EVENTS (100)
set -euo pipefail
cd "$(dirname "$0")/../.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PORT="${PORT:-18490}"; REQUESTS="${REQUESTS:-100}"; EVENTS="${EVENTS:-100}"
JAR=backend/target/migration-compliance-portal.jar
DB="portal_cbench_$(date +%s)"
TOKEN_BOOT="bench-bootstrap-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK=$(mktemp -d)
APP_PID=""

cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; fi
  if [ -z "${KEEP_DB:-}" ]; then psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -f "$JAR" ]; then
  echo "Building the jar"; ./mvnw -B -q -pl backend -am package -DskipTests
fi
psql -qX -d postgres -c "CREATE DATABASE $DB" >/dev/null
echo "Starting the portal on database $DB (port $PORT)"
java -Xmx1g -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
  --spring.datasource.password="${PGPASSWORD:-}" --portal.demo-data=false --portal.bootstrap-admin-token="$TOKEN_BOOT" \
  --portal.admin.username=bench --portal.admin.password="$ADMIN_PASSWORD" \
  --portal.ingest.rate-limit.per-second=1000000 --portal.ingest.rate-limit.burst=1000000 \
  --portal.compliance.sweep-delay=PT1H \
  --logging.level.root=warn --logging.level.org.migrationportal.compliance.ComplianceEvaluator=debug > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null

echo "Generating evidence"
psql -qX -d "$DB" -v projects=100 -v revisions=200 -v runs_per_project=2000 -v deploys_per_env=1667 -f bench/compliance/generate.sql

python3 bench/compliance/bench.py --base "http://127.0.0.1:$PORT" --token "$TOKEN_BOOT" --user bench --password "$ADMIN_PASSWORD" \
  --requests "$REQUESTS" --events "$EVENTS" --log "$WORK/app.log"
