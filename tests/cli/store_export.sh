#!/usr/bin/env bash
# export: every format of a small store, validated by independent tools — xmllint for GEXF
# (well-formed XML), Python's json for GeoJSON and PLOVER, Python's csv for the RFC 4180 round
# trip, column counts for the tab-separated GDELT (61), ICEWS and POLECAT rows; --out FILE.
# Usage: store_export.sh NEWSGRAPH_BINARY SOURCE_ROOT
set -euo pipefail
bin=$1
root=$2
command -v python3 >/dev/null || { echo "SKIP: python3 is needed"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
db="$work/store.db"
"$bin" ingest --db "$db" --input json --quiet "$root/tests/data/store/reports.jsonl"
python3 "$root/tests/data/store/synth.py" 300 5 >"$work/synth.jsonl"
"$bin" ingest --db "$db" --input json --quiet "$work/synth.jsonl"
events=$("$bin" query --db "$db" --format jsonl | grep -c '')
((events > 100)) || fail "expected a few hundred events, got $events"

for f in plover gdelt icews polecat gexf geojson csv; do
  "$bin" export --db "$db" --format "$f" --out "$work/out.$f" || fail "export --format $f exited $?"
  [[ -s "$work/out.$f" ]] || fail "export --format $f wrote nothing"
done
# stdout and --out agree.
"$bin" export --db "$db" --format csv | cmp -s - "$work/out.csv" || fail "--out differs from stdout"

# GDELT: 61 columns, one row per event, no header.
awk -F'\t' 'NF != 61 { print "line " NR ": " NF " columns"; bad = 1 } END { exit bad }' "$work/out.gdelt" ||
  fail "GDELT rows must have 61 columns"
[[ $(grep -c '' "$work/out.gdelt") == "$events" ]] || fail "GDELT: one row per event"
# ICEWS / POLECAT: a header and rows as wide as it.
for f in icews polecat; do
  awk -F'\t' 'NR == 1 { n = NF } NF != n { bad = 1 } END { exit bad }' "$work/out.$f" || fail "$f: ragged rows"
  [[ $(grep -c '' "$work/out.$f") == $((events + 1)) ]] || fail "$f: header + one row per event"
done
# GEXF: well-formed XML with actor nodes and weighted edges.
if command -v xmllint >/dev/null; then
  xmllint --noout "$work/out.gexf" || fail "GEXF is not well-formed XML"
else
  echo "note: xmllint not installed (Debian libxml2-utils); GEXF checked by Python only"
fi
"$bin" query --db "$db" --format jsonl >"$work/q.jsonl"
python3 - "$work" "$events" <<'PY' || fail "JSON/CSV/GEXF validation"
import csv, json, sys, xml.etree.ElementTree as ET
work, events = sys.argv[1], int(sys.argv[2])
g = ET.parse(work + "/out.gexf").getroot()
ns = {"g": "http://gexf.net/1.3"}
nodes = g.findall(".//g:node", ns)
edges = g.findall(".//g:edge", ns)
assert nodes and edges, "empty network"
ids = {n.get("id") for n in nodes}
assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
assert sum(int(e.get("weight")) for e in edges) <= events
geo = json.load(open(work + "/out.geojson", encoding="utf-8"))
assert geo["type"] == "FeatureCollection" and geo["features"]
for f in geo["features"]:
    lon, lat = f["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90 and f["properties"]["sources"]
plover = [json.loads(l) for l in open(work + "/out.plover", encoding="utf-8")]
assert len(plover) == events
rows = list(csv.reader(open(work + "/out.csv", newline="", encoding="utf-8")))
assert len(rows) == events + 1 and len({len(r) for r in rows}) == 1
# Round trip: what csv reads back is what the store holds (jsonl of the same events).
q = {str(json.loads(l)["id"]): json.loads(l) for l in open(work + "/q.jsonl", encoding="utf-8")}
head = rows[0]
for r in rows[1:]:
    d = dict(zip(head, r))
    e = q[d["id"]]
    assert d["event"] == e["event"] and d["date"] == e["date"] and int(d["num_mentions"]) == e["num_mentions"]
    assert d["actor_name"] == (e["actor"][0]["name"] if e["actor"] else "")
PY
echo "ok: plover gdelt icews polecat gexf geojson csv ($events events)"
