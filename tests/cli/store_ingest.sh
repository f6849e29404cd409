#!/usr/bin/env bash
# ingest + query end to end: dedup across reports, every filter, every output format,
# idempotence, error records and exit statuses. On SQLite, and on PostgreSQL when
# NEWSGRAPH_TEST_PG is set (scripts/start-postgres prints a URL).
# Usage: store_ingest.sh NEWSGRAPH_BINARY SOURCE_ROOT
set -euo pipefail
bin=$1
root=$2
data="$root/tests/data/store"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed to check JSON and CSV"; exit 77; }
work=$(mktemp -d)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

fail() { echo "FAIL[$backend]: $*"; exit 1; }
count() { "$bin" query --db "$db" --format jsonl "$@" | grep -c '' || true; }
expect_count() {  # expect_count N ARGS...
  local want=$1
  shift
  local got
  got=$(count "$@")
  [[ "$got" == "$want" ]] || fail "query $* gave $got events, expected $want"
}

run_checks() {
  "$bin" ingest --db "$db" --input json --quiet "$data/reports.jsonl" || fail "ingest exited $?"

  # Cross-report dedup: three reports of one sanction, from two sources.
  "$bin" query --db "$db" --event SANCTION --format jsonl >"$work/sanction.jsonl"
  python3 - "$work/sanction.jsonl" <<'EOF' || fail "dedup counts wrong"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(rows) == 1, rows
r = rows[0]
assert (r["num_mentions"], r["num_sources"], r["num_articles"]) == (3, 2, 3), r
assert [s["doc"] for s in r["sources"]] == ["rep-001", "rep-003", "rep-002"], r["sources"]
assert r["date"] == "2018-03-02" and r["actor"][0]["code"] == "USA" and r["recipient"][0]["code"] == "PRK"
assert r["sources"][0]["attribution"][0]["kind"] == "source"
assert r["sources"][2]["sentence"].startswith("Washington sanctioned Pyongyang")
EOF

  expect_count 4
  expect_count 1 --actor "Kim Jong Un"
  expect_count 1 --actor "kim jong un"
  expect_count 1 --actor Q56226
  expect_count 1 --actor RUSMIL
  expect_count 0 --actor RUSGOV
  expect_count 0 --actor PRK --event SANCTION
  expect_count 1 --recipient PRK --event sanction
  expect_count 1 --actor USA --recipient PRK --since 2017 --event SANCTION
  expect_count 2 --since 2020
  expect_count 2 --until 2018-12-31
  expect_count 1 --since 2023-09-10  # "2023-09" may be any day of September
  expect_count 1 --text Kharkiv
  expect_count 3 --text '"sanctioned Pyongyang" OR Brussels'  # rep-002's two events + rep-005's
  expect_count 2 --certainty future
  expect_count 1 --limit 1
  expect_count 3 --event 1  # CAMEO prefix: 163, 138, 195, 036 → all but AGREE start with 1
  expect_count 0 --actor "x' OR '1'='1"

  # Formats.
  "$bin" query --db "$db" --format table >"$work/table.txt"
  grep -q '^ID  *DATE  *EVENT' "$work/table.txt" || fail "table has no header"
  grep -q '^(4 events)$' "$work/table.txt" || fail "table has no event count"
  grep -q 'reuters.com, apnews.com' "$work/table.txt" || fail "table lacks the sources"
  "$bin" query --db "$db" --format csv >"$work/q.csv"
  "$bin" query --db "$db" --format tsv >"$work/q.tsv"
  python3 - "$work/q.csv" "$work/q.tsv" <<'EOF' || fail "csv/tsv output malformed"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 5 and all(len(r) == 27 for r in rows), [len(r) for r in rows]
assert rows[0][:3] == ["id", "date", "event"]
tsv = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")]
assert len(tsv) == 5 and all(len(r) == 27 for r in tsv)
assert sorted(r[0] for r in rows[1:]) == sorted(r[0] for r in tsv[1:])
EOF

  # Idempotent: the same reports again change nothing.
  "$bin" export --db "$db" --format dump --out "$work/before.dump"
  "$bin" ingest --db "$db" --input json --quiet "$data/reports.jsonl" || fail "re-ingest exited $?"
  "$bin" export --db "$db" --format dump --out "$work/after.dump"
  cmp -s "$work/before.dump" "$work/after.dump" || fail "re-ingest changed the store"

  # Bad documents: recorded, reported, skipped; exit status 1.
  set +e
  "$bin" ingest --db "$db" --input json --quiet "$data/bad.jsonl" 2>"$work/bad.err"
  local rc=$?
  set -e
  [[ $rc -eq 1 ]] || fail "ingest of bad input exited $rc, expected 1"
  grep -q 'E104' "$work/bad.err" || fail "no E104 on stderr"
  grep -q 'E110' "$work/bad.err" || fail "no E110 on stderr"
  "$bin" export --db "$db" --format dump --out "$work/bad.dump"
  [[ $(sed -n '/^## document_errors$/,/^## /p' "$work/bad.dump" | grep -c '	E1') == 2 ]] ||
    fail "document_errors should hold 2 rows"

  # Filter errors: E404, exit 1; usage errors: exit 2.
  set +e
  "$bin" query --db "$db" --since 2018-13 >/dev/null 2>"$work/err.txt"
  rc=$?
  set -e
  [[ $rc -eq 1 ]] && grep -q E404 "$work/err.txt" || fail "bad --since: exit $rc, $(cat "$work/err.txt")"
  echo "ok[$backend]"
}

backend=sqlite
db="$work/store.db"
run_checks
# Plain SQL, as the interface promises: tables named documents and events.
if command -v sqlite3 >/dev/null; then
  [[ $(sqlite3 "$db" 'SELECT COUNT(*) FROM documents') == 5 ]] || fail "plain SQL: documents"
  [[ $(sqlite3 "$db" 'SELECT COUNT(*) FROM events') == 4 ]] || fail "plain SQL: events"
fi

# Usage errors exit 2; an unreachable PostgreSQL is E405.
set +e
"$bin" query --format jsonl >/dev/null 2>&1
rc=$?
[[ $rc -eq 2 ]] || fail "query without --db exited $rc, expected 2"
"$bin" query --db 'postgresql://nobody@/none?host=/nonexistent&connect_timeout=2' >/dev/null 2>"$work/pg.err"
rc=$?
"$bin" query --db "$work/missing.db" >/dev/null 2>"$work/missing.err"
rc=$?
set -e
[[ $rc -eq 1 ]] && grep -q E401 "$work/missing.err" || fail "query of a missing store: exit $rc"
[[ ! -e "$work/missing.db" ]] || fail "query created a store"
[[ $rc -eq 1 ]] && grep -q E405 "$work/pg.err" || fail "unreachable PostgreSQL: $(cat "$work/pg.err")"

# Through the pipeline: a plain-text report on stdin is annotated and stored.
backend=pipeline
db="$work/pipeline.db"
"$bin" ingest --db "$db" --quiet --date 2023-09-05 --id seed - <"$root/tests/data/seed.txt" ||
  fail "ingest of the seed article through the pipeline exited $?"
"$bin" export --db "$db" --format dump --out "$work/pipeline.dump"
grep -q '	seed	2023-09-05	' "$work/pipeline.dump" || fail "seed document not stored"
echo "ok[pipeline]"

if [[ -n "${NEWSGRAPH_TEST_PG:-}" ]]; then
  backend=postgresql
  schema="cli_ingest_$$"
  psql "$NEWSGRAPH_TEST_PG" -qAt -c "CREATE SCHEMA $schema" >/dev/null
  cleanup() {
    psql "$NEWSGRAPH_TEST_PG" -qAt -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
    rm -rf "$work"
  }
  sep='?'
  [[ "$NEWSGRAPH_TEST_PG" == *\?* ]] && sep='&'
  db="$NEWSGRAPH_TEST_PG${sep}options=-csearch_path%3D$schema"
  run_checks
  [[ $(psql "$db" -qAt -c 'SELECT COUNT(*) FROM documents') == 5 ]] || fail "plain SQL: documents"
else
  echo "note: PostgreSQL part skipped (set NEWSGRAPH_TEST_PG; scripts/start-postgres prints a URL)"
fi
