#!/usr/bin/env bash
# Load test: 64 concurrent clients (wrk) with a mixed query load against a real atip-server for several
# minutes while atip-index commits a new revision every few seconds. Passes when there are no socket
# errors, no 5xx (nor any non-2xx), and the server's resident memory after warm-up drifts by less than 10%.
# Usage: bench/load_test.sh [SECONDS] [CONNECTIONS]      (default: 180 s, 64 connections)
# Needs wrk (apt-get install wrk); reads ../shared/corpus-src/legislation when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-180}"
connections="${2:-64}"
warmup=20
index_bin="${ATIP_INDEX_BIN:-build/indexer/atip-index}"
server_bin="${ATIP_SERVER_BIN:-build/server/atip-server}"
command -v wrk >/dev/null || { echo "load_test: wrk missing (apt-get install wrk)" >&2; exit 2; }

work="$(mktemp -d)"
server_pid=""
reindex_pid=""
cleanup() {
  [[ -n "$reindex_pid" ]] && kill "$reindex_pid" 2>/dev/null || true
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/corpus"
ln -s "$PWD/corpus" "$work/corpus/oas"
[[ -d ../shared/corpus-src/legislation ]] && ln -s "$(realpath ../shared/corpus-src/legislation)" "$work/corpus/legislation"
mkdir -p "$work/corpus/changing"
echo "A NOTE ON SHELTERS

Round 0: shelters for victims of trafficking in persons and police training." >"$work/corpus/changing/note.txt"
"$index_bin" --corpus "$work/corpus" --reference corpus --db "$work/index" --jobs 2 --quiet >/dev/null

"$server_bin" --db "$work/index" --port 0 --bind 127.0.0.1 --rate 0 >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^atip-server listening on \(http:[^ ]*\)$/\1/p' "$work/server.out" | head -n 1)"
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { echo "load_test: atip-server did not start" >&2; cat "$work/server.err" >&2; exit 1; }

# A new revision every few seconds while the load runs.
(
  round=1
  while true; do
    sleep 4
    printf 'A NOTE ON SHELTERS\n\nRound %d: shelters for victims of trafficking in persons and police training.\n' "$round" \
      >"$work/corpus/changing/note.txt"
    "$index_bin" --corpus "$work/corpus" --reference corpus --db "$work/index" --jobs 1 --quiet >>"$work/reindex.log" 2>&1 || true
    round=$((round + 1))
  done
) &
reindex_pid=$!

rss() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
: >"$work/rss"
(
  while kill -0 "$server_pid" 2>/dev/null; do
    echo "$(date +%s) $(rss)" >>"$work/rss"
    sleep 5
  done
) &
sampler_pid=$!

cat >"$work/mix.lua" <<'LUA'
local paths = {
  "/api/v1/search?q=victims", "/api/v1/search?q=police&group=passage", "/api/v1/search?q=border%20controls",
  "/api/v1/search?q=%22trafficking%20in%20persons%22", "/api/v1/search?q=victims&type=law&language=es",
  "/api/v1/search?q=protection&year=2010..2014", "/api/v1/search?jurisdiction=INT",
  "/api/v1/search?q=trata%20de%20personas", "/api/v1/search?q=traite%20des%20personnes&page=2",
  "/api/v1/suggest?q=pol", "/api/v1/documents/gs-report-2012-2014", "/api/v1/workplan/mandate:7",
  "/api/v1/search?q=shelters&include=text", "/api/v1/health",
}
local i = 0
function init(args) i = math.random(#paths) - 1 end
function request() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end
LUA
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$work/mix.lua" "$url" >"$work/wrk.txt" 2>&1 || true
kill "$reindex_pid" 2>/dev/null || true
kill "$sampler_pid" 2>/dev/null || true

cat "$work/wrk.txt"
revisions=$(grep -c "revision" "$work/reindex.log" || true)
start=$(head -n 1 "$work/rss" | cut -d' ' -f1)
read -r base_rss max_rss last_rss < <(awk -v t0="$((start + warmup))" '$1 >= t0 {if (!b) b=$2; if ($2 > m) m=$2; l=$2} END {print b+0, m+0, l+0}' "$work/rss")
drift=$(awk -v b="$base_rss" -v l="$last_rss" 'BEGIN {if (b > 0) printf "%.1f", (l - b) * 100 / b; else print "n/a"}')
errors=$(sed -n 's/.*Socket errors: \(.*\)/\1/p' "$work/wrk.txt")
non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' "$work/wrk.txt")
echo
echo "load_test: ${seconds} s, ${connections} connections, ${revisions} re-index commits during the load"
echo "load_test: resident memory after ${warmup} s warm-up: $((base_rss / 1024)) MiB, peak $((max_rss / 1024)) MiB, end $((last_rss / 1024)) MiB (drift ${drift}%)"
echo "load_test: socket errors: ${errors:-none}; non-2xx responses: ${non2xx:-0}"
ok=1
[[ -z "$errors" ]] || ok=0
[[ -z "$non2xx" || "$non2xx" == 0 ]] || ok=0
awk -v d="$drift" 'BEGIN {exit !(d == "n/a" || (d < 10 && d > -10))}' || ok=0
grep -q "Requests/sec" "$work/wrk.txt" || ok=0
if ! kill -0 "$server_pid" 2>/dev/null; then
  ok=0
  echo "load_test: atip-server is gone; its last words:"
  tail -n 20 "$work/server.err"; tail -n 60 "$work/server.out"
  wait "$server_pid" 2>/dev/null; echo "load_test: atip-server exit status $?"
fi
if ((ok)); then echo "load_test: passed"; else echo "load_test: FAILED"; exit 1; fi
