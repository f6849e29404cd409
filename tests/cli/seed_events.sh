#!/usr/bin/env bash
# The seed article's events, as issue 7 states them, checked field by field against the reviewed
# expectations in tests/golden/seed_events.json (each expected event must be found among the
# extracted ones: type, actor and recipient codes, certainty, date prefix, attribution texts,
# mode) and the anachronism flag on "The Trump administration".
set -euo pipefail
bin=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" annotate --quiet ${NEWSGRAPH_MODELS:+--models "$NEWSGRAPH_MODELS"} --date 2023-09-05 --id seed --format json "$root/tests/data/seed.txt" > "$tmp/seed.json"
python3 - "$tmp/seed.json" "$root/tests/golden/seed_events.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
expected = json.load(open(sys.argv[2]))
events = doc["events"]
def codes(args): return {a["code"] for a in args if a["code"]}
failures = []
for exp in expected["events"]:
    found = None
    for e in events:
        if e["event"] != exp["event"]: continue
        if exp.get("trigger") and e["trigger"]["text"] != exp["trigger"]: continue
        if not set(exp["actor"]) <= codes(e["actor"]): continue
        if not set(exp.get("recipient", [])) <= codes(e["recipient"]): continue
        found = e
        break
    if found is None:
        failures.append(f"missing {exp['event']} {exp['actor']} -> {exp.get('recipient', [])} ({exp.get('trigger')})")
        continue
    for field in ("certainty", "mode"):
        if field in exp and found[field] != exp[field]:
            failures.append(f"{exp['event']} '{found['trigger']['text']}': {field} {found[field]!r}, expected {exp[field]!r}")
    if "date" in exp and not found["date"].startswith(exp["date"]):
        failures.append(f"{exp['event']} '{found['trigger']['text']}': date {found['date']!r}, expected {exp['date']!r}")
    if "attribution" in exp:
        got = [a["text"] for a in found["attribution"]]
        if got != exp["attribution"]:
            failures.append(f"{exp['event']} '{found['trigger']['text']}': attribution {got}, expected {exp['attribution']}")
for flag in expected["flags"]:
    if not any(f["kind"] == flag["kind"] and f["text"] == flag["text"] for f in doc["flags"]):
        failures.append(f"missing flag {flag}")
if failures:
    print("FAIL: seed events:")
    for f in failures: print("  " + f)
    print("extracted:")
    for e in events:
        print("  ", e["event"], e["certainty"], [(a["text"], a["code"]) for a in e["actor"]], "->",
              [(a["text"], a["code"]) for a in e["recipient"]], e["date"], [a["text"] for a in e["attribution"]], e["trigger"]["text"])
    sys.exit(1)
print(f"seed_events: ok ({len(expected['events'])} expected events found among {len(events)})")
PY
