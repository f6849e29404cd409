#!/bin/bash
# `newsgraph kb build` and `newsgraph kb lookup`: JSON fields, dated roles, E304/E303 and exit codes.
# $1 = newsgraph binary, $2 = source root.
set -u
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A private kb from the full sources, so the test does not depend on the build step having run.
"$bin" kb build --sources "$root/knowledge" --out "$tmp/full.kb" 2>"$tmp/build.err" || fail "kb build: $(cat "$tmp/build.err")"
kb=(--kb "$tmp/full.kb")

out=$("$bin" kb lookup "Kim Jong Un" --date 2023-09-05 "${kb[@]}") || fail "lookup Kim Jong Un"
for want in '"id": "Q56226"' '"name": "Kim Jong Un"' '"code": "PRK"' '"sector": "GOV"' '"role": "head of state"' '"in_office": true'; do
  [[ $out == *"$want"* ]] || fail "Kim Jong Un: missing $want in $out"
done
[[ $(printf '%s\n' "$out" | wc -l) -eq 1 ]] || fail "lookup must print one line"

out=$("$bin" kb lookup "The Trump administration" --date 2023-09-05 "${kb[@]}") || fail "lookup Trump administration"
[[ $out == *'"code": "USA"'* && $out == *'"in_office": false'* ]] || fail "Trump administration: $out"
[[ $out == *'Donald Trump did not hold USA head of government on 2023-09-05'* ]] || fail "Trump note: $out"

out=$("$bin" kb lookup "Vladimir Putin" --date 2009-06-01 "${kb[@]}") || fail "lookup Putin"
[[ $out == *'"role": "head of government"'* ]] || fail "Putin 2009: $out"

out=$("$bin" kb lookup "the Pentagon" "${kb[@]}") || fail "lookup Pentagon"
[[ $out == *'"code": "USA"'* && $out == *'"sector": "MIL"'* ]] || fail "Pentagon: $out"

"$bin" kb lookup "Zorblax Quuxington" "${kb[@]}" >"$tmp/out" 2>"$tmp/err"
rc=$?
[[ $rc -eq 1 ]] || fail "no match must exit 1, got $rc"
grep -q E304 "$tmp/err" || fail "no match must report E304: $(cat "$tmp/err")"
[[ ! -s $tmp/out ]] || fail "no match must print nothing on stdout"

"$bin" kb lookup "Kim Jong Un" --date 2023-13-45 "${kb[@]}" >/dev/null 2>&1
[[ $? -eq 2 ]] || fail "bad date must be a usage error (exit 2)"

head -c 1000 "$tmp/full.kb" >"$tmp/trunc.kb"
"$bin" kb lookup "Kim Jong Un" --kb "$tmp/trunc.kb" >/dev/null 2>"$tmp/err"
[[ $? -eq 1 ]] && grep -q E303 "$tmp/err" || fail "truncated kb must give E303: $(cat "$tmp/err")"
"$bin" kb lookup "Kim Jong Un" --kb "$tmp/missing.kb" >/dev/null 2>"$tmp/err"
grep -q E302 "$tmp/err" || fail "missing kb must give E302: $(cat "$tmp/err")"

# A malformed source line is reported as file:line with E301.
cp -r "$root/tests/data/kb/mini" "$tmp/mini"
printf 'person:x\n' >>"$tmp/mini/people.tsv"
"$bin" kb build --sources "$tmp/mini" --out "$tmp/mini.kb" 2>"$tmp/err"
[[ $? -eq 1 ]] && grep -q "E301: .*people.tsv:3:" "$tmp/err" || fail "bad source must give E301 file:line: $(cat "$tmp/err")"
echo "kb_lookup: ok"
