#!/usr/bin/env bash
# Runs every command of the README's examples block (the ```sh block after "A few examples"), so
# the README cannot drift from the binary. Paths to newsgraph.db and outputs go to a temp dir.
set -euo pipefail
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
"$bin" ingest --quiet --db "$tmp/newsgraph.db" --input jsonl samples/articles.jsonl > /dev/null
mapfile -t commands < <(awk '/A few examples/{found=1} found && /^```sh/{inblock=1; next} inblock && /^```/{exit} inblock{print}' README.md)
[[ ${#commands[@]} -ge 3 ]] || { echo "FAIL: README examples block not found"; exit 1; }
for cmd in "${commands[@]}"; do
  [[ -z "$cmd" ]] && continue
  cmd=${cmd//build\/newsgraph/$bin}
  cmd=${cmd//newsgraph.db/$tmp/newsgraph.db}
  cmd=${cmd//> seed.json/> $tmp/seed.json}
  if ! out=$(bash -c "$cmd" 2>&1); then
    echo "FAIL: README example failed: $cmd"
    echo "$out" | head -20
    exit 1
  fi
  [[ -n "$out" || "$cmd" == *">"* ]] || { echo "FAIL: README example printed nothing: $cmd"; exit 1; }
done
echo "readme_examples: ok (${#commands[@]} commands)"
