#!/usr/bin/env bash
# The hostile battery (issue 13, "Also"): a real atip-server started with --data and a bearer token,
# attacked through auth variants, path traversal, Range abuse, injection through uploads into JSON,
# feeds, exports and the page, query bombs, slow clients, malformed multipart and HTTP framing, and
# kill -9 during writes. Each check prints PASS or FAIL with its reason; exit status 1 when any fails.
#   tests/hostile/run.sh [--only auth,range,...]
# Uses ATIP_INDEX_BIN / ATIP_SERVER_BIN (default build/...). Python 3 standard library only; Chromium
# (/usr/bin/chromium or ATIP_CHROMIUM) for the page checks, which are skipped without it.
# Bounded: the whole run is stopped after ATIP_HOSTILE_LIMIT seconds (default 170), its servers with it.
set -euo pipefail
cd "$(dirname "$0")/../.."
export ATIP_INDEX_BIN="${ATIP_INDEX_BIN:-build/indexer/atip-index}"
export ATIP_SERVER_BIN="${ATIP_SERVER_BIN:-build/server/atip-server}"
limit="${ATIP_HOSTILE_LIMIT:-170}"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the working tree
# timeout puts itself and everything below it in a process group of its own and signals that
# group when the time is up; the trap does the same when this script is interrupted.
timeout -k 5 "$limit" python3 -u tests/hostile/hostile.py "$@" &
pid=$!
trap 'kill -TERM -- "-$pid" 2>/dev/null || true' INT TERM HUP
status=0
wait "$pid" || status=$?
if [[ $status -eq 124 || $status -eq 137 ]]; then
  echo "hostile: the battery did not finish within ${limit}s (status $status)" >&2
fi
exit "$status"
