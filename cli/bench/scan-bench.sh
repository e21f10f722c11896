#!/usr/bin/env bash
# Times `java -jar portal-cli.jar scan` (JVM start included) on a synthetic history of N Alembic
# migrations (default 2,000) and, with --flyway, the same number of Flyway scripts.
# Uses hyperfine when installed, else repeated /usr/bin/time. Not a test: figures go to docs/performance-cli.md.
set -euo pipefail
N=${N:-2000}
RUNS=${RUNS:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../target/portal-cli.jar}
[ -f "$JAR" ] || { echo "build first: ./mvnw -q -f cli/pom.xml package -DskipTests" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

gen_alembic() {
  local dir=$WORK/alembic/versions; mkdir -p "$dir"
  local prev=None
  for i in $(seq 1 "$N"); do
    local rev; rev=$(printf 'r%011d' "$i")
    local down; if [ "$prev" = None ]; then down=None; else down="\"$prev\""; fi
    cat > "$dir/${rev}_step_$i.py" <<PY
"""step $i: add column c$i

Revision ID: $rev
"""
from typing import Sequence, Union
from alembic import op
import sqlalchemy as sa

revision: str = "$rev"
down_revision: Union[str, None] = $down
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("t$((i % 50))", sa.Column("c$i", sa.Integer(), nullable=True))
    op.create_index("ix_c$i", "t$((i % 50))", ["c$i"])
    if $i % 10 == 0:
        op.drop_column("t$((i % 50))", "old_$i")
    op.execute("UPDATE t$((i % 50)) SET c$i = 0 WHERE c$i IS NULL")


def downgrade() -> None:
    op.drop_index("ix_c$i", table_name="t$((i % 50))")
    op.drop_column("t$((i % 50))", "c$i")
PY
    prev=$rev
  done
}

gen_flyway() {
  local dir=$WORK/flyway; mkdir -p "$dir"
  for i in $(seq 1 "$N"); do
    cat > "$dir/V${i}__step_$i.sql" <<SQL
-- step $i
ALTER TABLE t$((i % 50)) ADD COLUMN c$i integer;
CREATE INDEX CONCURRENTLY ix_c$i ON t$((i % 50)) (c$i);
UPDATE t$((i % 50)) SET c$i = 0 WHERE c$i IS NULL;
SQL
  done
}

gen_alembic
[ "${1:-}" = "--flyway" ] && gen_flyway

echo "JVM: $(java -version 2>&1 | head -1); cores: $(nproc); N=$N"
java -jar "$JAR" scan "$WORK/alembic" --tool alembic --format text | head -3
targets=("alembic")
[ -d "$WORK/flyway" ] && targets+=("flyway")
for t in "${targets[@]}"; do
  cmd="java -jar $JAR scan $WORK/$t --tool $t --quiet -o /dev/null"
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 2 --runs "$RUNS" "$cmd"
  else
    echo "== $t ($RUNS runs, /usr/bin/time, wall seconds)"
    for r in $(seq 1 "$RUNS"); do /usr/bin/time -f "%e s  %M KB" $cmd; done 2>&1
  fi
done
