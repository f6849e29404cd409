#!/usr/bin/env bash
# Crash safety of ingest: kill -9 an ingest at random moments (several times), rerun the same
# command, and compare a canonical dump of the store with the dump of a clean, uninterrupted run.
# They must be identical: no document lost, none stored twice, every count right.
# Runs on SQLite, and on PostgreSQL too when NEWSGRAPH_TEST_PG is set.
# Usage: store_crash.sh NEWSGRAPH_BINARY SOURCE_ROOT
set -euo pipefail
bin=$1
root=$2
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to generate the corpus"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ~2,000 synthetic annotated reports, with events that repeat across reports.
python3 "$root/tests/data/store/synth.py" 2000 11 >"$work/corpus.jsonl"
# A few bad lines among them: they must be recorded as errors exactly once, too.
sed -i '500a {"id": "broken-1", "text": ' "$work/corpus.jsonl"
sed -i '1500a {"id": "no-text-1"}' "$work/corpus.jsonl"

ingest() {  # ingest TARGET: exits 1 because of the two bad lines
  "$bin" ingest --db "$1" --input json --quiet --batch-docs 40 --threads 2 "$work/corpus.jsonl" 2>/dev/null
}

check_backend() {  # check_backend NAME CLEAN_TARGET CRASH_TARGET
  local name=$1 clean=$2 crash=$3 rc start elapsed_ms
  start=$(date +%s%N)
  set +e
  ingest "$clean"
  rc=$?
  set -e
  elapsed_ms=$((($(date +%s%N) - start) / 1000000 + 1))
  [[ $rc -eq 1 ]] || { echo "FAIL[$name]: clean ingest exited $rc, expected 1 (two bad lines)"; exit 1; }
  "$bin" export --db "$clean" --format dump --out "$work/clean.dump"

  # Kill at random moments within the duration of a clean run, until three kills have landed
  # mid-run (at most 40 tries); between kills the store keeps what was committed.
  local kills=0 tries=0
  while ((kills < 3 && tries < 40)); do
    tries=$((tries + 1))
    ingest "$crash" &
    local pid=$!
    local ms=$((RANDOM % (elapsed_ms / 2 + 1)))
    sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
      kills=$((kills + 1))
    fi
    wait "$pid" 2>/dev/null || true
  done
  ((kills > 0)) || { echo "FAIL[$name]: never managed to kill an ingest mid-run"; exit 1; }
  set +e
  ingest "$crash"
  rc=$?
  set -e
  [[ $rc -eq 1 ]] || { echo "FAIL[$name]: final ingest exited $rc, expected 1"; exit 1; }
  "$bin" export --db "$crash" --format dump --out "$work/crash.dump"
  if ! cmp -s "$work/clean.dump" "$work/crash.dump"; then
    echo "FAIL[$name]: store after $kills kill -9 differs from a clean run:"
    diff "$work/clean.dump" "$work/crash.dump" | head -20
    exit 1
  fi
  # Idempotent: once more changes nothing.
  ingest "$crash" || true
  "$bin" export --db "$crash" --format dump --out "$work/again.dump"
  cmp -s "$work/clean.dump" "$work/again.dump" || { echo "FAIL[$name]: re-ingest changed the store"; exit 1; }
  local docs
  docs=$(grep -c '' <(sed -n '/^## documents$/,/^## /p' "$work/clean.dump") || true)
  echo "ok[$name]: identical after $kills kill -9 ($((docs - 2)) documents)"
}

check_backend sqlite "$work/clean.db" "$work/crash.db"

if [[ -n "${NEWSGRAPH_TEST_PG:-}" ]]; then
  schema_clean="crash_clean_$$"
  schema_crash="crash_kill_$$"
  psql "$NEWSGRAPH_TEST_PG" -qAt -c "CREATE SCHEMA $schema_clean; CREATE SCHEMA $schema_crash" >/dev/null
  cleanup_pg() {
    psql "$NEWSGRAPH_TEST_PG" -qAt -c "DROP SCHEMA IF EXISTS $schema_clean CASCADE; DROP SCHEMA IF EXISTS $schema_crash CASCADE" \
      >/dev/null 2>&1 || true
    rm -rf "$work"
  }
  trap cleanup_pg EXIT
  sep='?'
  [[ "$NEWSGRAPH_TEST_PG" == *\?* ]] && sep='&'
  check_backend postgresql "$NEWSGRAPH_TEST_PG${sep}options=-csearch_path%3D$schema_clean" \
    "$NEWSGRAPH_TEST_PG${sep}options=-csearch_path%3D$schema_crash"
  # The same reports give the same store on both backends.
  "$bin" export --db "$work/clean.db" --format dump --out "$work/sqlite.dump"
  "$bin" export --db "$NEWSGRAPH_TEST_PG${sep}options=-csearch_path%3D$schema_clean" --format dump --out "$work/pg.dump"
  cmp -s "$work/sqlite.dump" "$work/pg.dump" || { echo "FAIL: SQLite and PostgreSQL stores differ"; diff "$work/sqlite.dump" "$work/pg.dump" | head; exit 1; }
  echo "ok: SQLite and PostgreSQL dumps identical"
else
  echo "note: PostgreSQL part skipped (set NEWSGRAPH_TEST_PG; scripts/start-postgres prints a URL)"
fi
