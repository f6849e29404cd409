#!/usr/bin/env bash
# serve: the JSON HTTP API over a small store — health, stats, filtered events with sources, one
# event by id, errors — on 127.0.0.1 and a free port.
# Usage: store_serve.sh NEWSGRAPH_BINARY SOURCE_ROOT
set -euo pipefail
bin=$1
root=$2
command -v python3 >/dev/null || { echo "SKIP: python3 is needed"; exit 77; }
work=$(mktemp -d)
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
db="$work/store.db"
"$bin" ingest --db "$db" --input json --quiet "$root/tests/data/store/reports.jsonl"

port=""
for attempt in 1 2 3 4 5; do
  candidate=$((20000 + RANDOM % 20000))
  "$bin" serve --db "$db" --port "$candidate" --quiet 2>"$work/serve.err" &
  server=$!
  for _ in $(seq 50); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$candidate/health', timeout=1)" 2>/dev/null; then
      port=$candidate
      break
    fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$port" ]] && break
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
done
[[ -n "$port" ]] || { echo "FAIL: server did not start: $(cat "$work/serve.err")"; exit 1; }

python3 - "$port" <<'PY'
import json, sys, urllib.error, urllib.parse, urllib.request
base = "http://127.0.0.1:%s" % sys.argv[1]
def get(path, **params):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode("utf-8"))
status, body = get("/health")
assert status == 200 and body["status"] == "ok", body
status, body = get("/stats")
assert status == 200 and body["documents"] == 5 and body["events"] == 4, body
status, body = get("/events", actor="USA", recipient="PRK", since="2017")
assert status == 200 and body["count"] == 1, body
event = body["events"][0]
assert event["num_sources"] == 2 and len(event["sources"]) == 3, event
status, one = get("/events/%d" % event["id"])
assert status == 200 and one["id"] == event["id"], one
status, body = get("/events", actor="Kim Jong Un")
assert status == 200 and body["count"] == 1 and body["events"][0]["event"] == "THREATEN", body
status, body = get("/events", limit="2")
assert status == 200 and body["count"] == 2, body
status, body = get("/events", since="2018-13")
assert status == 400 and body["error"]["code"] == "E404", body
status, body = get("/events", colour="blue")
assert status == 400, body
status, body = get("/events/12345")
assert status == 404, body
status, body = get("/nowhere")
assert status == 404, body
print("ok: serve API")
PY
