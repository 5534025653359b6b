#!/usr/bin/env bash
# Search quality: every query of ../shared/eval/queries-dev.tsv must find its expected documents in the
# top passages, asked of a live atip-server over an index of corpus/ (shared/eval/evaluate.py judges).
#   tests/eval/run.sh        uses ATIP_INDEX_BIN / ATIP_SERVER_BIN (default build/...)
set -euo pipefail
cd "$(dirname "$0")/../.."
eval_dir=../shared/eval
if [[ ! -f "$eval_dir/queries-dev.tsv" ]]; then
  if [[ -n "${CI:-}" ]]; then
    echo "eval: $eval_dir/queries-dev.tsv is missing, and CI runs every test" >&2
    exit 1
  fi
  echo "eval: $eval_dir/queries-dev.tsv is not here; the search-quality check did not run" >&2
  exit 0
fi
index_bin="${ATIP_INDEX_BIN:-build/indexer/atip-index}"
server_bin="${ATIP_SERVER_BIN:-build/server/atip-server}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$index_bin" --corpus corpus --db "$work/index" >"$work/index.log" 2>&1 || {
  echo "eval: atip-index failed:" >&2; cat "$work/index.log" >&2; exit 1; }
"$server_bin" --db "$work/index" --port 0 --bind 127.0.0.1 >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
url=""
for _ in $(seq 1 300); do
  url="$(sed -n 's/^atip-server listening on \(http:[^ ]*\)$/\1/p' "$work/server.out" | head -n 1)"
  [[ -n "$url" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "eval: atip-server exited:" >&2; cat "$work/server.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "eval: atip-server did not start" >&2; exit 1; }
python3 "$eval_dir/evaluate.py" --server "$url" --queries "$eval_dir/queries-dev.tsv"
