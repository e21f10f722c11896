#!/usr/bin/env bash
# Audit trail benchmark (not a timed test): 1,000,000 audit entries on PostgreSQL, sealed by the running
# app, streamed as CSV and JSON Lines with the server heap capped at 256 MB, and verified.
# Usage: bench/audit/run.sh [entries]   (default 1000000). Needs PostgreSQL on 127.0.0.1:5432 (user postgres,
# trust auth, or BENCH_PGUSER/PGPASSWORD) and a built jar (./mvnw -B -DskipTests package).
# Prints a Markdown table; docs/performance-audit.md has the latest figures.
set -euo pipefail
cd "$(dirname "$0")/../.."

ENTRIES=${1:-1000000}
PGUSER=${BENCH_PGUSER:-postgres}
PGHOST=${BENCH_PGHOST:-127.0.0.1}
DB=portal_bench_audit
PORT=${BENCH_PORT:-18990}
JAR=backend/target/migration-compliance-portal.jar
WORK=$(mktemp -d)
TOKEN="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
psql_db() { psql -h "$PGHOST" -U "$PGUSER" -d "$DB" -v ON_ERROR_STOP=1 -qAtX "$@"; }
now() { date +%s.%N; }

[ -f "$JAR" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 2; }
psql -h "$PGHOST" -U "$PGUSER" -d postgres -qAtX -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

echo "Starting the portal (-Xmx256m) on port $PORT …" >&2
PORT=$PORT PORTAL_DB_URL="jdbc:postgresql://$PGHOST:5432/$DB" PORTAL_DB_USERNAME=$PGUSER PORTAL_DB_PASSWORD=${PGPASSWORD:-} \
PORTAL_BOOTSTRAP_ADMIN_TOKEN=$TOKEN PORTAL_DEMO_DATA=false PORTAL_AUDIT_SIGNING_KEY_FILE=$WORK/key.pem \
PORTAL_EXPORT_DIRECTORY=$WORK/exports java -Xmx256m -jar "$JAR" --spring.profiles.active=postgres >"$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 $APP 2>/dev/null || { tail -50 "$WORK/app.log" >&2; exit 1; }
  sleep 1
done

echo "Inserting $ENTRIES audit entries …" >&2
t0=$(now)
psql_db <<SQL
INSERT INTO audit_entry (occurred_at, actor, actor_type, action, project_key, environment_key, target_type, target_id, client_address, details)
SELECT now() - ($ENTRIES - g) * interval '1 millisecond', 'bench-user-' || (g % 50), 'user', 'ingest.deployment.accepted',
       'shop-' || (g % 20), CASE WHEN g % 3 = 0 THEN 'prod' ELSE 'staging' END, 'deployment', g::text, '10.0.' || (g % 250) || '.7',
       '{"status":"succeeded","note":"row ' || g || ', with \\"quotes\\", commas and ünïcödé"}'
FROM generate_series(1, $ENTRIES) g;
SQL
t1=$(now)
insert_s=$(echo "$t1 - $t0" | bc -l)

echo "Waiting for the sealer to chain them …" >&2
total=$(psql_db -c "SELECT count(*) FROM audit_entry")
while true; do
  sealed=$(psql_db -c "SELECT count(*) FROM audit_chain_link")
  [ "$sealed" -ge "$total" ] && break
  sleep 0.5
done
t2=$(now)
seal_s=$(echo "$t2 - $t1" | bc -l)
checkpoints=$(psql_db -c "SELECT count(*) FROM audit_checkpoint")

export_run() { # format → seconds, bytes, peak RSS MB
  local format=$1 peak=0 rss
  ( while kill -0 $APP 2>/dev/null; do ps -o rss= -p $APP; sleep 0.2; done ) >"$WORK/rss-$format" &
  local sampler=$!
  local out
  out=$(curl -sf -o /dev/null -w '%{time_total} %{size_download}' -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$PORT/api/v1/audit/export?format=$format")
  kill $sampler 2>/dev/null || true; wait $sampler 2>/dev/null || true
  peak=$(sort -n "$WORK/rss-$format" | tail -1)
  echo "$out $((peak / 1024))"
}
echo "Baseline: the same join shipped by PostgreSQL's own COPY to psql …" >&2
t5=$(now)
psql_db -c "COPY (SELECT e.*, l.prev_hash, l.entry_hash FROM audit_entry e LEFT JOIN audit_chain_link l ON l.entry_id = e.id ORDER BY e.id) TO STDOUT (FORMAT csv)" >/dev/null
t6=$(now)
copy_s=$(echo "$t6 - $t5" | bc -l)
echo "Streaming CSV …" >&2
read -r csv_s csv_bytes csv_rss < <(export_run csv)
echo "Streaming JSON Lines …" >&2
read -r jsonl_s jsonl_bytes jsonl_rss < <(export_run jsonl)

echo "Verifying the chain …" >&2
t3=$(now)
verify=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/audit/verify")
t4=$(now)
verify_s=$(echo "$t4 - $t3" | bc -l)
verify_ms=$(echo "$verify" | sed -E 's/.*"durationMillis":([0-9]+).*/\1/')
valid=$(echo "$verify" | sed -E 's/.*"valid":(true|false).*/\1/')
heap=$(grep -o 'Xmx[0-9a-z]*' /proc/$APP/cmdline 2>/dev/null | head -1 || true)

rows=$((total + 2))   # the two export requests are themselves audited
printf '| measurement | result |\n|---|---|\n'
printf '| entries inserted (one INSERT … SELECT) | %s in %.1f s (%.0f rows/s) |\n' "$total" "$insert_s" "$(echo "$total / $insert_s" | bc -l)"
printf '| sealed by the running app (interval 2 s, 100,000 per seal) | %.1f s after the insert (%.0f entries/s, %s checkpoints) |\n' "$seal_s" "$(echo "$total / $seal_s" | bc -l)" "$checkpoints"
printf '| CSV export, -Xmx256m | %.2f s, %.0f rows/s, %.0f MB, peak RSS %s MB |\n' "$csv_s" "$(echo "$rows / $csv_s" | bc -l)" "$(echo "$csv_bytes / 1048576" | bc -l)" "$csv_rss"
printf '| JSON Lines export, -Xmx256m | %.2f s, %.0f rows/s, %.0f MB, peak RSS %s MB |\n' "$jsonl_s" "$(echo "$rows / $jsonl_s" | bc -l)" "$(echo "$jsonl_bytes / 1048576" | bc -l)" "$jsonl_rss"
printf '| baseline: COPY of the same rows to psql (no app) | %.2f s, %.0f rows/s |\n' "$copy_s" "$(echo "$total / $copy_s" | bc -l)"
printf '| load average during the run | %s |\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| verification (GET /api/v1/audit/verify) | %s ms inside the server, %.2f s end to end, valid=%s |\n' "$verify_ms" "$verify_s" "$valid"
