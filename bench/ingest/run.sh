#!/usr/bin/env bash
# Ingest benchmark (docs/performance-ingest.md). One command: bench/ingest/run.sh
# Starts the portal jar on a fresh PostgreSQL database, posts deployment events from CLIENTS concurrent clients
# for DURATION seconds (after WARMUP), checks that the stored count equals the number of 2xx answers, measures the audit
# seal lag (if the audit chain is present), then times pgbench single-row inserts (one row per transaction,
# same client count) against the same server and prints the ratio app/pgbench.
# JAVA_OPTS adds JVM flags to the app (e.g. -XX:StartFlightRecording=filename=ingest.jfr,settings=profile);
# APP_ARGS adds portal settings (e.g. --portal.ingest.deployment-batch.writers=1).
# Settings (env): PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres) CLIENTS (16) DURATION (20) WARMUP (60) PORT (18480)
# LOAD=wrk (default when wrk is installed: apt-get install -y wrk) or LOAD=java (bench/ingest/IngestLoad.java)
set -euo pipefail
cd "$(dirname "$0")/../.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
# WARMUP: on 2 cores the JIT (C2) keeps compiling for about a minute of load; measuring earlier measures the compiler.
CLIENTS="${CLIENTS:-16}"; SECONDS_RUN="${DURATION:-20}"; WARMUP="${WARMUP:-60}"; PORT="${PORT:-18480}"
JAR=backend/target/migration-compliance-portal.jar
DB="portal_bench_$(date +%s)"
TOKEN_BOOT="bench-bootstrap-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK=$(mktemp -d)
APP_PID=""

cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; fi
  psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v pgbench >/dev/null || { echo "pgbench missing: apt-get install -y postgresql-contrib"; exit 1; }
if [ ! -f "$JAR" ]; then
  echo "Building the jar"; ./mvnw -B -q -pl backend -am package -DskipTests
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
psql -qX -d postgres -c "CREATE DATABASE $DB" >/dev/null
echo "Starting the portal on database $DB (port $PORT)"
java -Xmx1g ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
  --spring.datasource.password="${PGPASSWORD:-}" --portal.demo-data=false --portal.bootstrap-admin-token="$TOKEN_BOOT" \
  --portal.ingest.rate-limit.per-second=1000000 --portal.ingest.rate-limit.burst=1000000 \
  --logging.level.root=warn ${APP_ARGS:-} > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 1
done

API="http://127.0.0.1:$PORT/api/v1"
curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN_BOOT" -H 'Content-Type: application/json' -X POST "$API/projects" \
  -d '{"key":"bench","name":"Bench","migrationTool":"alembic","environments":[{"key":"staging","order":1},{"key":"prod","order":2,"production":true,"verifiedBy":"staging"}]}'
TOKEN=$(curl -fsS -H "Authorization: Bearer $TOKEN_BOOT" -H 'Content-Type: application/json' -X POST "$API/projects/bench/tokens" \
  -d '{"name":"bench","scopes":["deploy:write"],"environments":["prod"]}' | sed -E 's/.*"token":"([^"]+)".*/\1/')

echo "Posting deployment events: $CLIENTS clients, ${WARMUP}s warm-up + ${SECONDS_RUN}s measured"
if [ "${LOAD:-wrk}" = "wrk" ] && command -v wrk >/dev/null; then
  # wrk (C, light on CPU) drives the load, so the app gets most of the machine: one new pipeline run per request.
  wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" --timeout 30s -s bench/ingest/deployments.lua "http://127.0.0.1:$PORT" -- "$TOKEN" bench warm > "$WORK/warm.txt" 2>&1
  WARM_OK=$(grep -o 'wrk_requests=[0-9]*' "$WORK/warm.txt" | cut -d= -f2); WARM_BAD=$(grep -o 'wrk_non2xx=[0-9]*' "$WORK/warm.txt" | cut -d= -f2)
  CPU0=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
  wrk -t2 -c"$CLIENTS" -d"${SECONDS_RUN}s" --latency --timeout 30s -s bench/ingest/deployments.lua "http://127.0.0.1:$PORT" -- "$TOKEN" bench run > "$WORK/run.txt" 2>&1
  CPU1=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
  RESULT=$(grep '^wrk_requests' "$WORK/run.txt")
  RUN_ALL=$(sed -E 's/.*wrk_requests=([0-9]+).*/\1/' <<<"$RESULT"); RUN_BAD=$(sed -E 's/.*wrk_non2xx=([0-9]+).*/\1/' <<<"$RESULT")
  ERRORS=$(sed -E 's/.*wrk_errors=([0-9]+).*/\1/' <<<"$RESULT")
  OK=$(( WARM_OK - WARM_BAD + RUN_ALL - RUN_BAD ))
  APP_RATE=$(awk -v n="$RUN_ALL" -v b="$RUN_BAD" -v d="$SECONDS_RUN" 'BEGIN { printf "%.0f", (n - b) / d }')
  P50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$RESULT"); P99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$RESULT")
  echo "  $RESULT (socket errors: $ERRORS)"
else
  # Fallback: the Java load generator (a 'started' and a 'succeeded' event per run).
  RESULT=$(java bench/ingest/IngestLoad.java "http://127.0.0.1:$PORT" "$TOKEN" bench "$CLIENTS" "$WARMUP" "$SECONDS_RUN")
  echo "  $RESULT"
  OK=$(sed -E "s/^ok=([0-9]+).*/\\1/" <<<"$RESULT")
  APP_RATE=$(sed -E 's/.*events_per_s=([0-9]+).*/\1/' <<<"$RESULT")
  P50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$RESULT"); P99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$RESULT")
fi
CPU_PER_EVENT="n/a"
if [ -n "${CPU1:-}" ]; then
  CPU_PER_EVENT=$(awk -v t="$((CPU1 - CPU0))" -v hz="$(getconf CLK_TCK)" -v n="$RUN_ALL" 'BEGIN { printf "%.0f µs", t * 1000000 / hz / n }')
fi
STORED=$(psql -qAtX -d "$DB" -c "SELECT COUNT(*) FROM deployment_event e JOIN deployment d ON d.id = e.deployment_id WHERE d.provider = 'bench'")
# wrk stops without reading the answers still in flight (at most CLIENTS per phase): those may be stored
# without a counted 2xx. The Java generator (LOAD=java) waits for every answer, so there it must match exactly.
if [ "$STORED" = "$OK" ]; then VERDICT="MATCH"
elif [ -n "${CPU1:-}" ] && [ "$STORED" -gt "$OK" ] && [ $((STORED - OK)) -le $((2 * CLIENTS)) ]; then
  VERDICT="OK: every 2xx stored; $((STORED - OK)) more stored whose answers wrk cut off at the end of a phase (<= $((2 * CLIENTS)) in flight)"
else VERDICT="MISMATCH"; fi
echo "  stored deployment events: $STORED, 2xx answers: $OK -> $VERDICT"

if [ "$(psql -qAtX -d "$DB" -c "SELECT to_regclass('audit_chain_link') IS NOT NULL")" = "t" ]; then
  sleep 15   # let the sealer catch up with the tail
  SEAL=$(psql -qAtX -d "$DB" -F ' ' -c "
    SELECT COUNT(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY s)::numeric, 2), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY s)::numeric, 2),
           round(max(s)::numeric, 2), (SELECT COUNT(*) FROM audit_entry WHERE action = 'deployment.recorded')
    FROM (SELECT extract(epoch FROM l.sealed_at - e.occurred_at) AS s FROM audit_entry e JOIN audit_chain_link l ON l.entry_id = e.id
          WHERE e.action = 'deployment.recorded') x")
  read -r SEALED SEAL_P50 SEAL_P99 SEAL_MAX ENTRIES <<<"$SEAL"
  SEAL_LINE="seal lag p50=${SEAL_P50}s p99=${SEAL_P99}s max=${SEAL_MAX}s ($SEALED of $ENTRIES entries sealed)"
else
  SEAL_LINE="seal lag: pending (no audit_chain_link table: the audit chain is not merged in this build)"
fi
echo "  $SEAL_LINE"

kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""

echo "pgbench: one-row INSERT per transaction, $CLIENTS clients, ${SECONDS_RUN}s, same server"
psql -qX -d "$DB" -c "CREATE TABLE bench_insert (id BIGSERIAL PRIMARY KEY, external_id TEXT NOT NULL, status TEXT NOT NULL, received_at TIMESTAMPTZ NOT NULL DEFAULT now())" >/dev/null
cat > "$WORK/insert.sql" <<'SQL'
INSERT INTO bench_insert (external_id, status) VALUES ('bench-' || :client_id || '-' || random(), 'succeeded');
SQL
PGB=$(pgbench -n -c "$CLIENTS" -j 2 -T "$SECONDS_RUN" -f "$WORK/insert.sql" "$DB" 2>&1)
PG_RATE=$(grep -E '^tps' <<<"$PGB" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
PG_LAT=$(grep -E 'latency average' <<<"$PGB" | sed -E 's/.*= ([0-9.]+) ms/\1/')
echo "  pgbench: ${PG_RATE} rows/s, latency average ${PG_LAT} ms"
RATIO=$(awk -v a="$APP_RATE" -v p="$PG_RATE" 'BEGIN { printf "%.2f", a / p }')

echo
echo "machine: $(nproc) cores, load average before the run: $LOAD_BEFORE"
echo "| measure | value |"
echo "|---|---|"
echo "| app: deployment events/s ($CLIENTS clients) | $APP_RATE |"
echo "| app: latency p50 / p99 | $P50 ms / $P99 ms |"
echo "| app: CPU (user+sys) per event | $CPU_PER_EVENT |"
echo "| pgbench: single-row inserts/s ($CLIENTS clients) | $PG_RATE |"
echo "| ratio app / pgbench | $RATIO |"
echo "| stored vs 2xx | $STORED vs $OK: $VERDICT |"
echo "| $SEAL_LINE | |"
