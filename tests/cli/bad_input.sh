#!/usr/bin/env bash
# Bad input gets a coded error naming the document, the rest of the batch goes on, exit status 1.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/in"
printf 'Good news from Paris. The talks went well.\n' > "$tmp/in/a_good.txt"
printf 'Bad bytes \xff\xfe here.\n' > "$tmp/in/b_invalid.txt"
: > "$tmp/in/c_empty.txt"
head -c 4096 /dev/urandom > "$tmp/in/d_binary.txt"
python3 -c "print('word ' * (6 * 1024 * 1024))" > "$tmp/in/e_huge.txt"   # 30 MB
printf 'Another good one. It ends here.\n' > "$tmp/in/f_good.txt"

fail() { echo "FAIL: $*"; exit 1; }

set +e
"$bin" annotate --quiet --until segment --format jsonl "$tmp/in" > "$tmp/out.jsonl" 2> "$tmp/err.txt"
status=$?
set -e
[[ $status -eq 1 ]] || fail "exit status $status, expected 1"
grep -q '"id":"a_good"' "$tmp/out.jsonl" || fail "a_good missing"
grep -q '"id":"f_good"' "$tmp/out.jsonl" || fail "f_good missing (batch did not go on)"
grep -q '"id":"b_invalid","error":{"code":"E101"' "$tmp/out.jsonl" || fail "no E101 for invalid UTF-8"
grep -q '"id":"c_empty","error":{"code":"E102"' "$tmp/out.jsonl" || fail "no E102 for empty file"
grep -q '"id":"d_binary","error":{"code":"E10[15]"' "$tmp/out.jsonl" || fail "no E105/E101 for binary file"
grep -q '"id":"e_huge","error":{"code":"E103"' "$tmp/out.jsonl" || fail "no E103 for a 30 MB article"
[[ $(wc -l < "$tmp/out.jsonl") -eq 6 ]] || fail "expected 6 output lines"
grep -q "b_invalid" "$tmp/err.txt" || fail "stderr does not name the bad document"

# --repair-utf8 turns the invalid document into a good one.
"$bin" annotate --quiet --until segment --repair-utf8 --format jsonl "$tmp/in/b_invalid.txt" > "$tmp/repaired.jsonl"
grep -q $'\xef\xbf\xbd' "$tmp/repaired.jsonl" || fail "no U+FFFD after --repair-utf8"

# JSONL: a truncated line and a line without text fail alone.
{
  echo '{"id": "j1", "date": "2023-09-05", "text": "Kim met Putin."}'
  echo '{"id": "j2", "text": "truncated'
  echo '{"id": "j3", "title": "no text"}'
  echo '{"id": "j4", "text": "Still going."}'
} > "$tmp/in.jsonl"
set +e
"$bin" annotate --quiet --until segment --input jsonl --format jsonl "$tmp/in.jsonl" > "$tmp/j.jsonl" 2>/dev/null
status=$?
set -e
[[ $status -eq 1 ]] || fail "jsonl exit status $status, expected 1"
grep -q '"id":"j1","date":"2023-09-05"' "$tmp/j.jsonl" || fail "j1 missing"
grep -q '"code":"E104"' "$tmp/j.jsonl" || fail "no E104 for truncated JSON line"
grep -q '"id":"j3","error":{"code":"E110"' "$tmp/j.jsonl" || fail "no E110 for missing text"
grep -q '"id":"j4"' "$tmp/j.jsonl" || fail "j4 missing"

# Usage errors exit 2.
set +e
"$bin" annotate --date 2023-13-45 "$tmp/in/a_good.txt" > /dev/null 2>&1
status=$?
"$bin" annotate --no-such-flag > /dev/null 2>&1
status2=$?
set -e
[[ $status -eq 2 ]] || fail "bad --date exit $status, expected 2"
[[ $status2 -eq 2 ]] || fail "unknown flag exit $status2, expected 2"
echo "bad_input: ok"
