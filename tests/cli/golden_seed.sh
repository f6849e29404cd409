#!/usr/bin/env bash
# Golden-file test: the seed article's full document JSON must equal the reviewed expected file
# tests/golden/seed.json (compared as canonical JSON, so key order and spacing do not matter).
# After a deliberate change, regenerate with UPDATE_GOLDEN=1 and review the diff before committing.
set -euo pipefail
bin=$1
root=$2
expected="$root/tests/golden/seed.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" annotate --quiet --date 2023-09-05 --id seed --format json "$root/tests/data/seed.txt" > "$tmp/seed.json"
canon() { python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), indent=1, sort_keys=True, ensure_ascii=False))' "$1"; }
if [[ "${UPDATE_GOLDEN:-}" == 1 ]]; then
  canon "$tmp/seed.json" > "$expected"
  echo "golden_seed: updated $expected"
  exit 0
fi
[[ -f "$expected" ]] || { echo "FAIL: $expected missing (run with UPDATE_GOLDEN=1 and review)"; exit 1; }
if ! diff -u "$expected" <(canon "$tmp/seed.json") > "$tmp/diff.txt"; then
  echo "FAIL: seed article output differs from tests/golden/seed.json:"
  head -n 80 "$tmp/diff.txt"
  exit 1
fi
echo "golden_seed: ok"
